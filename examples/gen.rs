//! Writes a deterministic synthetic data set in loupan's own format, for benchmarks and trials.
//!
//! cargo run --release --example gen -- --preset district          (writes district/)
//! cargo run --release --example gen -- --buildings 2000 --floors 40 --units 12 --seed 7 --out /tmp/city
//!
//! cargo run --release --example gen -- --preset city --history 365 --out /tmp/city-year
//!
//! Same arguments → byte-identical output. With `--history DAYS`, the directory is a git
//! repository of DAYS daily commits ending on `--end` (default: yesterday): the first holds every
//! building, each later one `--changes` unit changes (default 150) spread over random buildings;
//! the same arguments and `--end` give the same commits, ids included.

use clap::Parser;
use loupan::core::codec;
use loupan::synth;
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// district = 33 × 25 × 8, city = 2000 × 40 × 12 (explicit numbers override)
    #[arg(long)]
    preset: Option<String>,
    #[arg(long)]
    buildings: Option<usize>,
    #[arg(long)]
    floors: Option<usize>,
    #[arg(long)]
    units: Option<usize>,
    #[arg(long, default_value_t = 2020)]
    seed: u64,
    /// Where to write [default: the preset's name, e.g. `district/`, else `synthetic/`]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Make the directory a git repository with this many daily commits
    #[arg(long)]
    history: Option<usize>,
    /// Unit changes per day of history
    #[arg(long, default_value_t = 150)]
    changes: usize,
    /// The day of the last commit [default: yesterday]
    #[arg(long)]
    end: Option<jiff::civil::Date>,
}

fn main() {
    let a = Args::parse();
    let (b, f, u) = match a.preset.as_deref() {
        Some("district") => (33, 25, 8),
        Some("city") => (2000, 40, 12),
        Some(other) => {
            eprintln!("unknown preset {other}: use district or city");
            std::process::exit(2);
        }
        None => (10, 20, 6),
    };
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(a.preset.as_deref().unwrap_or("synthetic")));
    let (b, f, u) = (
        a.buildings.unwrap_or(b),
        a.floors.unwrap_or(f),
        a.units.unwrap_or(u),
    );
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        std::process::exit(1);
    }
    if let Some(days) = a.history {
        if let Err(e) = history(&a, &out, (b, f, u), days) {
            eprintln!("{e}");
            std::process::exit(1);
        }
        return;
    }
    let mut units = 0;
    let mut bytes = 0;
    for n in 1..=b {
        let (id, text) = synth::nth(a.seed, n, f, u);
        if n == 1 || n == b {
            match codec::parse(&id, text.as_bytes()) {
                Ok(_) => {}
                Err(p) => {
                    eprintln!("generated an invalid file: {:?}", p.first());
                    std::process::exit(1);
                }
            }
        }
        units += text.matches("status = ").count();
        bytes += text.len();
        if let Err(e) = std::fs::write(out.join(format!("{id}.toml")), text) {
            eprintln!("cannot write: {e}");
            std::process::exit(1);
        }
    }
    println!(
        "{b} buildings, {units} units, {:.1} MB in {}; open it with `cargo run --release -- --dir {}`",
        bytes as f64 / 1e6,
        out.display(),
        out.display()
    );
}

/// A repository of `days` daily commits, written in one `git fast-import` stream (a year of the
/// city in seconds, not a commit process per day), then checked out.
fn history(
    a: &Args,
    out: &std::path::Path,
    (b, f, u): (usize, usize, usize),
    days: usize,
) -> std::io::Result<()> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let end = a.end.unwrap_or_else(|| {
        let today = loupan::store::today();
        today.yesterday().unwrap_or(today)
    });
    if out.join(".git").exists() {
        return Err(std::io::Error::other(format!(
            "{} is already a git repository; remove it or choose another --out",
            out.display()
        )));
    }
    let git = |args: &[&str]| Command::new("git").arg("-C").arg(out).args(args).status();
    if !git(&["init", "-q", "-b", "main"])?.success() {
        return Err(std::io::Error::other("git init failed"));
    }
    let mut files: Vec<(String, String)> = (1..=b).map(|n| synth::nth(a.seed, n, f, u)).collect();
    let mut child = Command::new("git")
        .arg("-C")
        .arg(out)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()?;
    let mut w = std::io::BufWriter::new(
        child
            .stdin
            .take()
            .ok_or_else(|| std::io::Error::other("no stdin"))?,
    );
    let mut rng = synth::Rng(a.seed ^ 0x0068_6973_746f_7279);
    let mut changed_units = 0;
    for k in 0..days {
        let day = end
            .checked_sub(jiff::Span::new().days((days - 1 - k) as i64))
            .map_err(std::io::Error::other)?;
        let stamp = epoch_days(day) * 86_400 + 10 * 3600;
        let changed: Vec<usize> = if k == 0 {
            (0..files.len()).collect()
        } else {
            let mut c = Vec::new();
            for _ in 0..a.changes {
                let i = rng.below(files.len());
                files[i].1 = synth::change_unit(&mut rng, &files[i].1);
                c.push(i);
            }
            changed_units += a.changes;
            c.sort_unstable();
            c.dedup();
            c
        };
        let msg = if k == 0 {
            format!("{day}: every building")
        } else {
            format!("{day}: {} units", a.changes)
        };
        writeln!(w, "commit refs/heads/main")?;
        writeln!(w, "committer Station <station@example.org> {stamp} +0000")?;
        writeln!(w, "data {}\n{msg}", msg.len())?;
        for i in changed {
            let (id, text) = &files[i];
            writeln!(w, "M 100644 inline {id}.toml\ndata {}", text.len())?;
            w.write_all(text.as_bytes())?;
            writeln!(w)?;
        }
        writeln!(w)?;
    }
    w.flush()?;
    drop(w);
    if !child.wait()?.success() || !git(&["reset", "-q", "--hard"])?.success() {
        return Err(std::io::Error::other("git fast-import failed"));
    }
    println!(
        "{b} buildings, {days} daily commits ending {end}, {changed_units} unit changes, in {}; open it with `cargo run --release -- --dir {}`",
        out.display(),
        out.display()
    );
    Ok(())
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
