//! The sample in a source checkout: `buildings/` carries `.sample`, the day it was written. Opened
//! as the default folder (`cargo run --release` at the checkout's root), loupan opens a copy of it,
//! `sample-today/` beside it, whose dates are moved so that day is yesterday; the checked-in files
//! stay as written, and the copy keeps what was practised on it (its dates move on each new day).

use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// The file that marks a folder as the shipped sample, holding the day its dates stand for.
pub const MARK: &str = ".sample";
/// The copy's folder, beside the sample.
pub const COPY: &str = "sample-today";

/// The folder to open for the sample at `shipped`: its copy, made or moved to `today`; `None`
/// when `shipped` is no sample or the copy cannot be made (then the sample itself is opened).
pub fn current(shipped: &Path, today: Date) -> Option<PathBuf> {
    let day = day_in(shipped)?;
    let copy = shipped.parent()?.join(COPY);
    let to = today.yesterday().ok()?;
    if !copy.exists() {
        copy_sample(shipped, &copy).ok()?;
    }
    let had = day_in(&copy).unwrap_or(day);
    if had < to {
        move_dates(&copy, had, to).ok()?;
    }
    Some(copy)
}

fn day_in(dir: &Path) -> Option<Date> {
    std::fs::read_to_string(dir.join(MARK))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The sample's files (its top level and its journal), copied as they are.
fn copy_sample(from: &Path, to: &Path) -> std::io::Result<()> {
    for sub in ["", "journal"] {
        std::fs::create_dir_all(to.join(sub))?;
        for e in std::fs::read_dir(from.join(sub))?.flatten() {
            if e.file_type()?.is_file() {
                std::fs::copy(e.path(), to.join(sub).join(e.file_name()))?;
            }
        }
    }
    Ok(())
}

/// Every date in the copy's buildings and journal moved from `had` to `to`, the journal's days
/// renamed latest first (a day never lands on one not yet moved); a file that does not parse is
/// left as it is.
fn move_dates(dir: &Path, had: Date, to: Date) -> std::io::Result<()> {
    for sub in ["", "journal"] {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(sub))?
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".toml") && !n.starts_with('.'))
            .collect();
        names.sort();
        for name in names.iter().rev() {
            let path = dir.join(sub).join(name);
            let text = std::fs::read_to_string(&path)?;
            if toml::from_str::<toml::Table>(&text).is_err() {
                continue;
            }
            let moved = loupan_core::redate::shift(&text, had, to);
            let new = dir
                .join(sub)
                .join(loupan_core::redate::shift(name, had, to));
            crate::write::atomic_write(&new, moved.as_bytes())
                .map_err(|t| std::io::Error::other(t.en))?;
            if new != path {
                std::fs::remove_file(&path)?;
            }
        }
    }
    std::fs::write(dir.join(MARK), format!("{to}\n"))
}
