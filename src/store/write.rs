//! The one write path. Every edit from the CLI and the TUI comes here:
//! lock (a separate, never-renamed lock file) → re-read → parse → compare with what the editor
//! saw → apply with toml_edit keeping comments → re-parse the result → check the file did not
//! change under us → atomic write (same-directory temp, mode kept, fsync file and directory).
//! A file that does not parse is never written.

use crate::core::codec::{self, Problem};
use crate::core::edit::UnitEdit;
use crate::core::model::{Building, Record};
use std::fmt;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum WriteError {
    /// The file has problems; it was left byte for byte alone.
    Broken(Vec<Problem>),
    NoSuchUnit(String),
    /// The unit changed since the editor saw it.
    Conflict {
        unit: String,
        seen: Box<Record>,
        current: Box<Record>,
    },
    Io(String),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Broken(ps) => {
                write!(f, "the file has problems and was not changed:")?;
                for p in ps {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
            WriteError::NoSuchUnit(u) => {
                write!(f, "there is no unit {u} in this building's layout")
            }
            WriteError::Conflict { unit, .. } => {
                write!(f, "unit {unit} was changed by someone else")
            }
            WriteError::Io(e) => f.write_str(e),
        }
    }
}

/// Result of a successful call: the building as now on disk, and whether a byte was written.
#[derive(Debug)]
pub struct Saved {
    pub building: Building,
    pub written: bool,
}

fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.lock"))
}

/// Holds the building's lock file locked until dropped.
struct Lock(File);

impl Lock {
    fn take(target: &Path) -> Result<Lock, WriteError> {
        let path = lock_path(target);
        let fresh = !path.exists();
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                WriteError::Io(format!(
                    "cannot create the lock file {}: {e}",
                    path.display()
                ))
            })?;
        if fresh && let Some(dir) = target.parent() {
            ensure_gitignore(dir);
        }
        f.lock()
            .map_err(|e| WriteError::Io(format!("cannot lock {}: {e}", path.display())))?;
        Ok(Lock(f))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Lock files are hidden; this keeps them (and any temp file a crash left) out of `git status`.
pub fn ensure_gitignore(dir: &Path) {
    let p = dir.join(".gitignore");
    if !p.exists() {
        let _ = std::fs::write(
            &p,
            "# loupan's lock and temporary files\n.*.lock\n.*.toml.??????\n",
        );
    }
}

/// A writer killed between linking and renaming its temp file can leave `.NAME.XXXXXX`; only the
/// lock holder can be writing, so any such file is stale.
fn remove_stale_temps(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if let Some(rest) = n.strip_prefix(&prefix)
            && rest.len() == 6
            && rest.chars().all(|c| c.is_ascii_alphanumeric())
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

type Stamp = (u64, u64, i64, i64);

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.ino(), m.len(), m.mtime(), m.mtime_nsec()))
}

/// An edit planned under its lock, not yet written.
struct Prepared {
    _lock: Lock,
    target: PathBuf,
    before: Option<Stamp>,
    building: Building,
    text: Option<String>,
}

fn prepare(path: &Path, id: &str, edits: &[UnitEdit]) -> Result<Prepared, WriteError> {
    // Follow a symlink so that the link stays a link and the data file is replaced.
    let target = std::fs::canonicalize(path)
        .map_err(|e| WriteError::Io(format!("cannot open {}: {e}", path.display())))?;
    let lock = Lock::take(&target)?;
    remove_stale_temps(&target);
    let before = stamp(&target);
    let (building, text) = plan(path, &target, id, edits)?;
    Ok(Prepared {
        _lock: lock,
        target,
        before,
        building,
        text,
    })
}

/// Applies edits to one building file as one atomic save.
pub fn apply_edits(path: &Path, id: &str, edits: &[UnitEdit]) -> Result<Saved, WriteError> {
    let p = prepare(path, id, edits)?;
    let Some(out) = &p.text else {
        return Ok(Saved {
            building: p.building,
            written: false,
        });
    };
    // Git and editors ignore our lock: if the file moved under us, start again rather than clobber.
    if stamp(&p.target) != p.before {
        return Err(WriteError::Io(
            "the file changed while saving (git or an editor?); nothing was written, try again"
                .into(),
        ));
    }
    atomic_write(&p.target, out.as_bytes())?;
    Ok(Saved {
        building: p.building,
        written: true,
    })
}

/// Everything an edit does but the atomic write, under the lock: for benchmarks, which report
/// the write (fsync) part apart. Returns the new text, or `None` when nothing would change.
pub fn prepare_edits(
    path: &Path,
    id: &str,
    edits: &[UnitEdit],
) -> Result<Option<String>, WriteError> {
    Ok(prepare(path, id, edits)?.text)
}

/// Reads, checks and edits; the new building and text (`None`: nothing changes). Caller holds the lock.
fn plan(
    path: &Path,
    target: &Path,
    id: &str,
    edits: &[UnitEdit],
) -> Result<(Building, Option<String>), WriteError> {
    let bytes = std::fs::read(target)
        .map_err(|e| WriteError::Io(format!("cannot read {}: {e}", path.display())))?;
    let (current, spans) = codec::parse_spanned(id, &bytes).map_err(WriteError::Broken)?;

    let mut changes: Vec<(usize, Record)> = Vec::new();
    for e in edits {
        let i = current
            .find(&e.unit)
            .ok_or_else(|| WriteError::NoSuchUnit(e.unit.clone()))?;
        // an earlier edit in this batch may have touched the same unit
        let now = changes
            .iter()
            .rev()
            .find(|(j, _)| *j == i)
            .map_or(&current.units[i].record, |(_, r)| r)
            .clone();
        if let Some(seen) = &e.expect
            && *seen != current.units[i].record
        {
            return Err(WriteError::Conflict {
                unit: e.unit.clone(),
                seen: Box::new(seen.clone()),
                current: Box::new(current.units[i].record.clone()),
            });
        }
        let next = e.result(&now);
        changes.retain(|(j, _)| *j != i);
        if next != current.units[i].record {
            changes.push((i, next));
        }
    }
    if changes.is_empty() {
        return Ok((current, None));
    }

    let text = std::str::from_utf8(&bytes).map_err(|e| WriteError::Io(e.to_string()))?;
    // Usually only the unit's own line is parsed with toml_edit; the whole document only when a
    // unit has no line yet (a hand-written file) or its line is unusual.
    let out = match codec::edit_lines(text, &spans, &current, &changes) {
        Some(out) => out,
        None => {
            let mut doc: toml_edit::DocumentMut =
                text.parse().map_err(|e: toml_edit::TomlError| {
                    WriteError::Io(format!("cannot edit {}: {e}", path.display()))
                })?;
            for (i, r) in &changes {
                codec::set_unit(&mut doc, &current.units[*i].label, r);
            }
            doc.to_string()
        }
    };
    let after = codec::parse(id, out.as_bytes()).map_err(|ps| {
        WriteError::Io(format!(
            "internal error: the edited file would not parse ({}); nothing was written",
            ps.first().map(|p| p.to_string()).unwrap_or_default()
        ))
    })?;
    // everything else must read back exactly as before
    for (i, u) in after.units.iter().enumerate() {
        let want = changes
            .iter()
            .find(|(j, _)| *j == i)
            .map_or(&current.units[i].record, |(_, r)| r);
        if u.record != *want {
            return Err(WriteError::Io(format!(
                "internal error: unit {} would not read back as written; nothing was written",
                u.label
            )));
        }
    }
    Ok((after, Some(out)))
}

/// Temp file in the same directory, mode kept, fsync of file and directory, rename.
pub fn atomic_write(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let io = |e: std::io::Error| WriteError::Io(format!("cannot save {}: {e}", target.display()));
    let mut f = atomic_write_file::AtomicWriteFile::options()
        .open(target)
        .map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    f.commit().map_err(io)?;
    Ok(())
}

/// Writes a whole new or reformatted file under the building's lock.
pub fn write_whole(path: &Path, bytes: &[u8], create_new: bool) -> Result<(), WriteError> {
    if create_new {
        // create_new makes two `loupan new` of one id fail instead of overwrite
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(_) => {}
            Err(e) => {
                return Err(WriteError::Io(format!(
                    "cannot create {}: {e}",
                    path.display()
                )));
            }
        }
    }
    let target = std::fs::canonicalize(path).map_err(|e| WriteError::Io(e.to_string()))?;
    let _lock = Lock::take(&target)?;
    atomic_write(&target, bytes)
}

/// Rewrites a whole file under its lock: `f` gets the current text and building and returns the
/// new text (or `None` to leave it). Used by `loupan fmt`.
pub fn rewrite(
    path: &Path,
    id: &str,
    f: impl FnOnce(&str, &Building) -> Option<String>,
) -> Result<bool, WriteError> {
    let target = std::fs::canonicalize(path).map_err(|e| WriteError::Io(e.to_string()))?;
    let _lock = Lock::take(&target)?;
    let before = stamp(&target);
    let bytes = std::fs::read(&target).map_err(|e| WriteError::Io(e.to_string()))?;
    let b = codec::parse(id, &bytes).map_err(WriteError::Broken)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| WriteError::Io(e.to_string()))?;
    let Some(new) = f(text, &b) else {
        return Ok(false);
    };
    if new == text {
        return Ok(false);
    }
    let after = codec::parse(id, new.as_bytes()).map_err(WriteError::Broken)?;
    if after.units != b.units {
        return Err(WriteError::Io(
            "internal error: reformatting would change data; nothing was written".into(),
        ));
    }
    if stamp(&target) != before {
        return Err(WriteError::Io(
            "the file changed while saving; nothing was written, try again".into(),
        ));
    }
    atomic_write(&target, new.as_bytes())?;
    Ok(true)
}
