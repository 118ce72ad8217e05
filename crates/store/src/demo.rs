//! Writes a demonstration data set: the sample towers or a generated district or city, optionally
//! as a git repository with days of history. `loupan demo` and the `gen` example (benchmarks) both
//! call this, so the two cannot drift apart.

use loupan_core::synth;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

/// What to write: the files of day one (`(relative path, text)`, buildings at the top level) and,
/// with `history`, that many daily commits of `changes` unit changes each, ending on `end`.
#[derive(Clone)]
pub struct Demo {
    pub files: Vec<(String, String)>,
    pub seed: u64,
    pub history: Option<usize>,
    pub changes: usize,
    pub end: jiff::civil::Date,
    /// Personal values into the private store (the generated presets); the sample is written
    /// as shipped, from before the private store (`loupan migrate` moves its values).
    pub private: bool,
    /// The language of the commit messages (the station's).
    pub lang: loupan_core::i18n::Lang,
}

/// What was written, for the closing line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub buildings: usize,
    pub units: usize,
    pub bytes: usize,
    pub commits: usize,
    pub changed_units: usize,
}

/// The generated data set of `b` buildings × `f` floors × `u` units, in the same order and bytes
/// for the same seed.
pub fn synthetic(seed: u64, (b, f, u): (usize, usize, usize)) -> Vec<(String, String)> {
    (1..=b)
        .map(|n| {
            let (id, text) = synth::nth(seed, n, f, u);
            (format!("{id}.toml"), text)
        })
        .collect()
}

/// Makes `out`, which must not exist or be empty: a demo never mixes into real data.
pub(crate) fn fresh_folder(out: &Path) -> std::io::Result<()> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "{} is not empty; choose a new folder for --out",
                out.display()
            ),
        ));
    }
    std::fs::create_dir_all(out)
}

/// Writes `demo` into `out`, which must not exist or be empty, so a demo never mixes into (or
/// overwrites) real data.
pub fn write(out: &Path, demo: &Demo) -> std::io::Result<Written> {
    fresh_folder(out)?;
    let mut w = counts(&demo.files);
    let mut demo = std::borrow::Cow::Borrowed(demo);
    if !demo.files.iter().any(|(n, _)| n == ".gitignore") {
        // loupan's lock files and the private store stay out of the shared history
        demo.to_mut()
            .files
            .insert(0, (".gitignore".into(), super::lock::IGNORE.into()));
    }
    let demo = &*demo;
    match demo.history {
        None => {
            for (name, text) in &demo.files {
                let path = out.join(name);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(path, text)?;
            }
            if demo.private {
                to_private(out, &demo.files)?;
            }
        }
        Some(days) => {
            (w.changed_units, w.units) = history(out, demo, days)?;
            w.commits = days;
        }
    }
    Ok(w)
}

/// Buildings are the top level's `.toml` files; the journal is a folder, `.gitignore` a dot file.
fn is_building(name: &str) -> bool {
    !name.contains('/') && !name.starts_with('.') && name.ends_with(".toml")
}

/// Units as `stats` counts them: the units the buildings record (a company filed in a unit is
/// not one more).
fn units(files: &[(String, String)]) -> usize {
    files
        .iter()
        .filter(|(n, _)| is_building(n))
        .filter_map(|(n, t)| {
            loupan_core::codec::parse(n.trim_end_matches(".toml"), t.as_bytes()).ok()
        })
        .map(|b| b.units.len())
        .sum()
}

fn counts(files: &[(String, String)]) -> Written {
    let buildings: Vec<&(String, String)> = files.iter().filter(|(n, _)| is_building(n)).collect();
    Written {
        buildings: buildings.len(),
        units: units(files),
        bytes: files.iter().map(|(_, t)| t.len()).sum(),
        ..Written::default()
    }
}

/// A repository of `days` daily commits, written in one `git fast-import` stream (a year of the
/// city in seconds, not a commit process per day), then checked out. The first commit holds every
/// file; each later one `changes` unit changes spread over random buildings.
fn history(out: &Path, demo: &Demo, days: usize) -> std::io::Result<(usize, usize)> {
    let git = |args: &[&str]| {
        crate::git::runner::in_dir(out)
            .args(args)
            .stdout(Stdio::null())
            .status()
    };
    if !git(&["init", "-q", "-b", "main"])?.success() {
        return Err(std::io::Error::other("git init failed"));
    }
    let mut files = demo.files.clone();
    let buildings: Vec<usize> = (0..files.len())
        .filter(|&i| is_building(&files[i].0))
        .collect();
    let mut child = crate::git::runner::in_dir(out)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()?;
    let stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("no stdin"))?;
    let mut w = std::io::BufWriter::new(stdin);
    let mut rng = synth::Rng(demo.seed ^ 0x0068_6973_746f_7279);
    let mut changed_units = 0;
    for k in 0..days {
        let day = demo
            .end
            .checked_sub(jiff::Span::new().days((days - 1 - k) as i64))
            .map_err(std::io::Error::other)?;
        let changed: Vec<usize> = if k == 0 {
            (0..files.len()).collect()
        } else {
            let mut c = Vec::new();
            let changes = if buildings.is_empty() {
                0
            } else {
                demo.changes
            };
            for _ in 0..changes {
                let i = buildings[rng.below(buildings.len())];
                let changed = synth::change_unit(&mut rng, &files[i].1);
                // a unit changed that day was checked by then
                let next = day.tomorrow().unwrap_or(day);
                files[i].1 = loupan_core::redate::generated(&changed, next);
                c.push(i);
            }
            changed_units += c.len();
            c.sort_unstable();
            c.dedup();
            c
        };
        let n = demo.changes;
        let msg = if k == 0 {
            loupan_core::tr!("{day}: every building", "{day}：全部楼宇")
        } else {
            loupan_core::tr!("{day}: {n} units", "{day}：{n} 个单元")
        };
        let msg = msg.get(demo.lang);
        let stamp = epoch_days(day) * 86_400 + 10 * 3600;
        let changed: Vec<&(String, String)> = changed.iter().map(|&i| &files[i]).collect();
        commit(&mut w, stamp, msg, &changed, demo.private)?;
    }
    w.flush()?;
    drop(w);
    if !child.wait()?.success() || !git(&["reset", "-q", "--hard"])?.success() {
        return Err(std::io::Error::other("git fast-import failed"));
    }
    // the last day's personal values, into the private store
    if demo.private {
        for (name, text) in &files {
            std::fs::write(out.join(name), text)?;
        }
        to_private(out, &files)?;
    }
    Ok((changed_units, units(&files)))
}

/// One day's commit in the fast-import stream. The shared history holds no personal value when
/// the demo keeps them in the private store.
fn commit(
    w: &mut impl Write,
    stamp: i64,
    msg: &str,
    changed: &[&(String, String)],
    private: bool,
) -> std::io::Result<()> {
    writeln!(w, "commit refs/heads/main")?;
    writeln!(w, "committer Station <station@example.org> {stamp} +0000")?;
    writeln!(w, "data {}\n{msg}", msg.len())?;
    for (name, text) in changed {
        let shared = match private {
            true => shared_text(name, text),
            false => text.clone(),
        };
        writeln!(w, "M 100644 inline {name}\ndata {}", shared.len())?;
        w.write_all(shared.as_bytes())?;
        writeln!(w)?;
    }
    writeln!(w)
}

/// A file as the shared history keeps it: a building or a journal day without personal values.
fn shared_text(name: &str, text: &str) -> String {
    if is_building(name) {
        let id = name.trim_end_matches(".toml");
        return loupan_core::private::scrub_text(id, text)
            .map_or_else(|| text.to_string(), |(t, _)| t);
    }
    if name.starts_with("journal/") {
        return loupan_core::private::scrub_journal(text).0;
    }
    text.to_string()
}

/// Moves the personal values of the files written into the private store.
fn to_private(out: &Path, files: &[(String, String)]) -> std::io::Result<()> {
    let today = crate::today();
    for (name, _) in files.iter().filter(|(n, _)| is_building(n)) {
        let id = name.trim_end_matches(".toml");
        super::private::migrate::building(out, id, today)
            .map_err(|e| std::io::Error::other(e.text().en))?;
    }
    super::private::migrate::journal(out).map_err(|t| std::io::Error::other(t.en))?;
    Ok(())
}

/// The district's returnees and a month of their readings, into the private store (docs/spec.md
/// §14): `towers` as written, `today` the last day read. How many files.
pub fn write_people(
    out: &Path,
    towers: &[(String, String)],
    seed: u64,
    today: jiff::civil::Date,
) -> std::io::Result<usize> {
    let files = loupan_core::people::demo::files(towers, seed, today);
    let base = super::private::dir_of(out);
    for (name, text) in &files {
        let path = base.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(files.len())
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's days_from_civil).
fn epoch_days(d: jiff::civil::Date) -> i64 {
    let (y, m, day) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Writes the demo's extra files (its sample ledgers) into `dir`, made if missing.
pub fn write_extras(dir: &Path, files: &[(&str, Vec<u8>)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    files
        .iter()
        .try_for_each(|(n, bytes)| std::fs::write(dir.join(n), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_matches_known_dates() {
        assert_eq!(epoch_days(jiff::civil::date(1970, 1, 1)), 0);
        assert_eq!(epoch_days(jiff::civil::date(2020, 3, 1)), 18_322);
    }
}
