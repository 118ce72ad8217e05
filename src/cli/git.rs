//! Commands for many people and one history: init, merge-driver, diff, log.

use crate::core::codec;
use crate::core::diff::{self, UnitChange};
use crate::core::merge::{self, Outcome};
use crate::core::model::Building;
use crate::store::{git, paths, write};
use anyhow::{Context, Result, bail};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::Path;

const ATTRIBUTES: &str = "# loupan merges building files unit by unit (`loupan init` sets up the driver per clone)\n*.toml merge=loupan\n";

/// The command git should run: plain `loupan` when that is this binary on PATH, else this
/// binary's full path (so `cargo run -- init` works too).
fn driver_command() -> String {
    let me = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::canonicalize(p).ok());
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("loupan"))
            .find(|p| p.is_file())
            .and_then(|p| std::fs::canonicalize(p).ok())
    });
    let exe = match (&me, &on_path) {
        (Some(a), Some(b)) if a == b => "loupan".to_string(),
        (Some(a), _) => format!("'{}'", a.display().to_string().replace('\'', "'\\''")),
        _ => "loupan".to_string(),
    };
    format!("{exe} merge-driver %O %A %B %P")
}

pub fn init(dir: &Path, out: &mut impl Write) -> Result<i32> {
    if !dir.is_dir() {
        bail!(
            "{} is not a directory; create buildings with `loupan new` first",
            dir.display()
        );
    }
    if !git::is_repo(dir) {
        bail!(
            "{} is not inside a git repository; run `git init` (or clone the shared repository) first",
            dir.display()
        );
    }
    let attr = dir.join(".gitattributes");
    match std::fs::read_to_string(&attr) {
        Ok(t) if t.lines().any(|l| l.trim() == "*.toml merge=loupan") => {
            writeln!(
                out,
                "ok: {} already routes building files to loupan's merge driver",
                attr.display()
            )?;
        }
        Ok(t) => {
            let mut t = t;
            if !t.is_empty() && !t.ends_with('\n') {
                t.push('\n');
            }
            t.push_str(ATTRIBUTES);
            write::atomic_write(&attr, t.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))?;
            writeln!(
                out,
                "updated {}: *.toml merge=loupan (commit it)",
                attr.display()
            )?;
        }
        Err(_) => {
            std::fs::write(&attr, ATTRIBUTES)
                .with_context(|| format!("cannot write {}", attr.display()))?;
            writeln!(
                out,
                "wrote {}: *.toml merge=loupan (commit it)",
                attr.display()
            )?;
        }
    }
    write::ensure_gitignore(dir);
    let cmd = driver_command();
    if git::config_get(dir, "merge.loupan.driver").as_deref() == Some(cmd.as_str()) {
        writeln!(out, "ok: this clone's merge.loupan.driver is set")?;
    } else {
        git::config_set(
            dir,
            "merge.loupan.name",
            "loupan: unit-by-unit merge of building files",
        )?;
        git::config_set(dir, "merge.loupan.driver", &cmd)?;
        writeln!(
            out,
            "set this clone's git config merge.loupan.driver = {cmd}"
        )?;
    }
    writeln!(
        out,
        "every clone runs `loupan init` once: git does not copy this config"
    )?;
    Ok(0)
}

/// git calls this with %O %A %B %P; the result goes into %A. Exit 0 clean, 1 conflict.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, name: Option<&str>) -> Result<i32> {
    let read = |p: &Path| {
        std::fs::read(p).with_context(|| format!("merge-driver: cannot read {}", p.display()))
    };
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let shown = name.unwrap_or("building file");
    let id = name
        .and_then(|n| Path::new(n).file_stem())
        .map_or("building".to_string(), |s| s.to_string_lossy().into_owned());
    let texts = (
        std::str::from_utf8(&b),
        std::str::from_utf8(&o),
        std::str::from_utf8(&t),
    );
    let outcome = match texts {
        (Ok(b), Ok(o), Ok(t)) => merge::merge(&id, b, o, t),
        _ => Outcome::Text("a version is not UTF-8 text".into()),
    };
    match outcome {
        Outcome::Clean(text) => {
            write::atomic_write(ours, text.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))?;
            Ok(0)
        }
        Outcome::Conflicts(text, names) => {
            write::atomic_write(ours, text.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))?;
            eprintln!("loupan: {shown}: conflict");
            for n in names {
                eprintln!("  {n}");
            }
            eprintln!(
                "  edit the file to keep one line per unit, then `loupan check` and `git add`"
            );
            Ok(1)
        }
        Outcome::Text(why) => {
            // Fall back to git's own line merge: nothing is dropped, conflicts get markers.
            let clean = git::merge_file(ours, base, theirs)?;
            // a text merge can be clean and still leave a file that does not parse
            let problems = codec::parse(&id, &std::fs::read(ours)?).err();
            if clean && problems.is_none() {
                Ok(0)
            } else if clean {
                eprintln!("loupan: {shown}: merged as text ({why}), but the result has problems:");
                for p in problems.unwrap_or_default() {
                    eprintln!("  {shown}:{p}");
                }
                eprintln!(
                    "  fix them (`loupan check` shows them), then `git add`; conflict markers were not needed"
                );
                Ok(1)
            } else {
                eprintln!(
                    "loupan: {shown}: merged as text ({why}); conflict markers left for you to resolve"
                );
                Ok(1)
            }
        }
    }
}

fn parse_opt(id: &str, bytes: Option<Vec<u8>>) -> Option<Building> {
    bytes.and_then(|b| codec::parse(id, &b).ok())
}

fn change_json(id: &str, c: &UnitChange) -> Value {
    let rec = |r: &Option<crate::core::model::Record>| {
        r.as_ref().map(|r| {
            let mut m = Map::new();
            m.insert("building".into(), json!(id));
            m.insert("unit".into(), json!(c.unit));
            m.insert("floor".into(), json!(c.floor));
            super::json::record_fields(r, &mut m);
            Value::Object(m)
        })
    };
    json!({"building": id, "unit": c.unit, "before": rec(&c.before), "after": rec(&c.after)})
}

pub fn diff(dir: &Path, rev: &str, as_json: bool, out: &mut impl Write) -> Result<i32> {
    if !git::is_repo(dir) {
        bail!("{} is not inside a git repository", dir.display());
    }
    let commit = git::resolve_rev(dir, rev)?;
    let mut rows = Vec::new();
    let mut broken = false;
    for id in git::changed_ids(dir, &commit)? {
        let file = format!("{id}.toml");
        let before = parse_opt(&id, git::show(dir, &commit, &file));
        let after = match std::fs::read(paths::file_of(dir, &id)) {
            Ok(b) => match codec::parse(&id, &b) {
                Ok(b) => Some(b),
                Err(ps) => {
                    for p in ps {
                        eprintln!(
                            "{}:{}:{}: {}",
                            paths::file_of(dir, &id).display(),
                            p.line,
                            p.col,
                            p.message
                        );
                    }
                    broken = true;
                    continue;
                }
            },
            Err(_) => None,
        };
        for c in diff::unit_changes(before.as_ref(), after.as_ref()) {
            rows.push((id.clone(), c));
        }
    }
    if as_json {
        let v: Vec<Value> = rows.iter().map(|(id, c)| change_json(id, c)).collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
    } else {
        for (id, c) in &rows {
            writeln!(out, "{id} {}: {}", c.unit, diff::describe(c))?;
        }
    }
    Ok(i32::from(broken))
}

pub fn log(dir: &Path, building: &str, unit: &str, out: &mut impl Write) -> Result<i32> {
    if !git::is_repo(dir) {
        bail!("{} is not inside a git repository", dir.display());
    }
    let id = paths::resolve(dir, building)?;
    let file = format!("{id}.toml");
    let commits = git::file_log(dir, &file)?;
    let mut any = false;
    for (i, (hash, date, author)) in commits.iter().enumerate() {
        let now = parse_opt(&id, git::show(dir, hash, &file));
        let parent = commits.get(i + 1).map(|(h, _, _)| h.clone());
        let before = parent.and_then(|p| parse_opt(&id, git::show(dir, &p, &file)));
        let find = |b: &Option<Building>| {
            b.as_ref()
                .and_then(|b| b.find(unit).map(|j| b.units[j].record.clone()))
        };
        let (old, new) = (find(&before), find(&now));
        if old != new {
            let c = UnitChange {
                unit: unit.to_string(),
                floor: String::new(),
                before: old,
                after: new,
            };
            writeln!(
                out,
                "{date}  {author:<12} {}  {}",
                &hash[..8.min(hash.len())],
                diff::describe(&c)
            )?;
            any = true;
        }
    }
    if !any {
        writeln!(out, "no recorded changes to {id} {unit}")?;
    }
    Ok(0)
}
