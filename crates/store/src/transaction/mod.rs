//! The one building-file transaction. Every writer of a building — unit edits, company filings,
//! `fmt`'s rewrites, `migrate`, ledger imports, `purge` — goes through [`run`]:
//!
//! canonical path → read, parse, edit (a closure over the parsed building), re-parse — all
//! outside the lock → lock → stale temps cleaned → stamp re-checked (moved: a neighbour's save
//! merged with ours unit by unit under the lock; where they touch the same field, unlock and
//! start again, the third time planning under the lock) → stamp checked once more just before
//! writing (git and editors ignore the lock) → private store first → atomic write of the shared
//! file → the stamp as left, under the lock. A file that does not parse is never written; an edit whose result does not parse is
//! never written either. docs/transaction.md says the same for engineers.

use super::errors::io_text;
use super::lock::Lock;
use super::stamp::Stamp;
use super::write::{WriteError, atomic_write, data_of, private_of, remove_stale_temps};
use loupan_core::codec::{self, Spans};
use loupan_core::model::Building;
use loupan_core::private::Private;
use loupan_core::tr;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[cfg(test)]
mod tests;

/// What an edit sees: the building file as read, parsed, and its personal values.
pub(crate) struct Current<'a> {
    pub id: &'a str,
    /// The path as the caller named it (messages name it).
    pub path: &'a Path,
    pub bytes: &'a [u8],
    /// The shared file alone, as parsed.
    pub shared: &'a Building,
    pub spans: &'a Spans,
    pub private: &'a Private,
}

impl Current<'_> {
    /// The file's text (it parsed, so it is UTF-8).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.bytes)
    }
}

/// What an edit changes: the shared file's new text and the new personal values, each `None`
/// when it stays as it is.
#[derive(Debug, Default)]
pub(crate) struct Change {
    pub text: Option<String>,
    pub private: Option<Private>,
}

impl Change {
    pub fn none() -> Change {
        Change::default()
    }

    fn is_empty(&self) -> bool {
        self.text.is_none() && self.private.is_none()
    }
}

/// Whether the transaction writes or only plans (a preview, `purge --dry-run`, a benchmark).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Write,
    Plan,
}

/// What a transaction did: the edit's own value, whether a byte was written, and the building's
/// stamp (shared and private parts) as it was left — taken under the lock.
#[derive(Debug)]
pub(crate) struct Done<T> {
    pub value: T,
    pub written: bool,
    pub stamp: Option<Stamp>,
}

/// A building's two stamps: its shared file's and its private file's.
type Stamps = (Option<Stamp>, Option<Stamp>);

/// The two files of a building: its shared file (canonical) and its private file.
struct Files<'a> {
    given: &'a Path,
    target: PathBuf,
    private: PathBuf,
    id: &'a str,
}

impl Files<'_> {
    fn stamp(&self) -> (Option<Stamp>, Option<Stamp>) {
        (Stamp::of(&self.target), Stamp::of(&self.private))
    }
}

/// The building file's real path: a symlink is followed, so that the link stays a link and the
/// data file is replaced, and every writer takes the same lock.
pub(crate) fn canonical(path: &Path) -> Result<PathBuf, WriteError> {
    std::fs::canonicalize(path).map_err(|e| {
        let (p, why) = (path.display(), io_text(&e));
        WriteError::Io(tr!("cannot open {p}: {why}", "无法打开 {p}：{why}"))
    })
}

/// Takes a building's lock (on its canonical path; a building not there yet is locked where it
/// will be): for the writers of a building's other files (the private store's sync).
pub(crate) fn lock_building(path: &Path) -> Result<Lock, loupan_core::i18n::Text> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Lock::take(&target)
}

/// Runs one transaction on the building file at `path`: see the module's comment. `edit` may run
/// twice (again under the lock when the file moved after it first ran), so it must only compute.
pub(crate) fn run<T>(
    path: &Path,
    id: &str,
    mode: Mode,
    mut edit: impl FnMut(&Current<'_>) -> Result<(T, Change), WriteError>,
) -> Result<Done<T>, WriteError> {
    let files = Files {
        given: path,
        target: canonical(path)?,
        private: crate::private::file_of(data_of(path), id),
        id,
    };
    let data = data_of(path);
    let mut attempt = 0;
    loop {
        attempt += 1;
        // parse and plan outside the lock: a neighbour's save waits only for the write
        let seen = files.stamp();
        let (value, change, base) = planned(&files, &mut edit)?;
        if mode == Mode::Plan || change.is_empty() {
            let stamp = crate::private::stamp(data, id);
            return Ok(Done {
                value,
                written: false,
                stamp,
            });
        }
        let lock = Lock::take(&files.target).map_err(WriteError::Io)?;
        let held = Instant::now();
        remove_stale_temps(&files.target);
        remove_stale_temps(&files.private);
        let (value, change, seen) = match files.stamp() == seen {
            true => (value, change, seen),
            // someone saved between the plan and the lock: their save and ours merge unit by
            // unit, field by field (the merge driver's engine), under the lock — a ledger's plan
            // of seconds is not made again because a neighbour set one unit meanwhile
            false => match rebased(&files, &seen, &base, change) {
                Some((change, now)) => (value, change, now),
                // the same field on both sides, or more than units: plan again from what is
                // there now, outside the lock, and under it after a few tries (always progress)
                None if attempt < REPLANS => continue,
                None => {
                    let seen = files.stamp();
                    let (value, change, _) = planned(&files, &mut edit)?;
                    (value, change, seen)
                }
            },
        };
        crate::failpoint::hold("transaction-write");
        let written = write(&files, data, &seen, &change)?;
        let stamp = crate::private::stamp(data, id);
        drop(lock);
        timing(id, held);
        return Ok(Done {
            value,
            written,
            stamp,
        });
    }
}

/// How many times a transaction plans outside the lock before it plans under it.
const REPLANS: u32 = 3;

/// Our change merged onto a neighbour's save made since our plan, under the lock: only when
/// the personal part did not move (its values are not merged here) and the merge is clean.
/// The change to write and the stamp it was merged against.
fn rebased(
    files: &Files<'_>,
    seen: &Stamps,
    base: &[u8],
    change: Change,
) -> Option<(Change, Stamps)> {
    let now = files.stamp();
    let ours = change.text.as_deref()?;
    if now.1 != seen.1 {
        return None;
    }
    let theirs = std::fs::read(&files.target).ok()?;
    if !disjoint(files.id, base, ours.as_bytes(), &theirs) {
        return None;
    }
    let (base, theirs) = (
        std::str::from_utf8(base).ok()?,
        std::str::from_utf8(&theirs).ok()?,
    );
    match loupan_core::merge::merge(files.id, base, ours, theirs) {
        loupan_core::merge::Outcome::Clean(text)
            if codec::parse(files.id, text.as_bytes()).is_ok() =>
        {
            let private = change.private;
            Some((
                Change {
                    text: Some(text),
                    private,
                },
                now,
            ))
        }
        _ => None,
    }
}

/// Whether a neighbour's save touched only unit lines that ours left alone, and no company: then
/// nothing our edit checked when it planned (a unit as the user saw it, a credit code's
/// uniqueness) can have changed, and the merge only adds their lines to ours.
fn disjoint(id: &str, base: &[u8], ours: &[u8], theirs: &[u8]) -> bool {
    let (Ok(b), Ok(o), Ok(t)) = (
        codec::parse(id, base),
        codec::parse(id, ours),
        codec::parse(id, theirs),
    ) else {
        return false;
    };
    if b.units.len() != o.units.len()
        || b.units.len() != t.units.len()
        || b.companies != t.companies
    {
        return false;
    }
    b.units
        .iter()
        .zip(o.units.iter().zip(&t.units))
        .all(|(b, (o, t))| b.record == o.record || b.record == t.record)
}

/// Reads and parses both parts, runs the edit, and re-parses the text it made. Also the bytes
/// it planned from (the base a neighbour's later save merges against).
fn planned<T>(
    files: &Files<'_>,
    edit: &mut impl FnMut(&Current<'_>) -> Result<(T, Change), WriteError>,
) -> Result<(T, Change, Vec<u8>), WriteError> {
    let bytes = std::fs::read(&files.target).map_err(|e| {
        let (p, why) = (files.given.display(), io_text(&e));
        WriteError::Io(tr!("cannot read {p}: {why}", "无法读取 {p}：{why}"))
    })?;
    let (shared, spans) = codec::parse_spanned(files.id, &bytes).map_err(WriteError::Broken)?;
    let private = private_of(data_of(files.given), files.id)?;
    let current = Current {
        id: files.id,
        path: files.given,
        bytes: &bytes,
        shared: &shared,
        spans: &spans,
        private: &private,
    };
    let (value, mut change) = edit(&current)?;
    if change
        .text
        .as_deref()
        .is_some_and(|t| t.as_bytes() == bytes)
    {
        change.text = None;
    }
    if change.private.as_ref() == Some(&private) {
        change.private = None;
    }
    if let Some(text) = &change.text
        && let Err(ps) = codec::parse(files.id, text.as_bytes())
    {
        let first = ps.first().map(|p| p.to_string()).unwrap_or_default();
        return Err(WriteError::Io(tr!(
            "internal error: the edited file would not parse ({first}); nothing was written (please report this)",
            "内部错误：修改后的文件无法解析（{first}）；没有写入（请报告此问题）"
        )));
    }
    Ok((value, change, bytes))
}

/// The write itself, under the lock: the stamp once more, the personal part first, then the
/// shared file. Whether anything was written.
fn write(
    files: &Files<'_>,
    data: &Path,
    seen: &(Option<Stamp>, Option<Stamp>),
    change: &Change,
) -> Result<bool, WriteError> {
    if change.is_empty() {
        return Ok(false);
    }
    // git and editors ignore our lock: if the file moved under us, stop rather than clobber
    if files.stamp() != *seen {
        return Err(WriteError::Io(tr!(
            "the file changed while saving (git or an editor?); nothing was written, try again",
            "保存时文件被改动了（git 或编辑器？）；没有写入，请重试"
        )));
    }
    // the personal part first: a kill between the two writes leaves a value typed in the
    // private store with the shared file as it was, never a shared line naming a lost value
    if let Some(p) = &change.private {
        crate::private::write(data, files.id, p).map_err(WriteError::Io)?;
        #[cfg(test)]
        tests::wrote(&files.private);
    }
    if let Some(text) = &change.text {
        atomic_write(&files.target, text.as_bytes()).map_err(WriteError::Io)?;
        #[cfg(test)]
        tests::wrote(&files.target);
    }
    Ok(true)
}

/// With `LOUPAN_TIMING=FILE`, how long the building's lock was held (bench/ledger.py reads it).
fn timing(id: &str, held: Instant) {
    if let Some(file) = std::env::var_os("LOUPAN_TIMING") {
        let us = held.elapsed().as_micros();
        let line = format!("lock_held_us {id} {us}\n");
        super::write::append_line(Path::new(&file), &line);
    }
}
