//! The private store (docs/spec.md §12): `.private/` in the data directory, a git repository of its own
//! that the shared repository ignores. It holds each building's personal values
//! (`.private/<id>.toml`), the journal's notes (`.private/journal/<day>.toml`) and the audit log.
//! Every read of a building joins its two parts and every save splits them again, under the
//! building's one lock, so that nothing above the store knows the values live apart.

pub mod audit;
mod dated;
pub mod git;
pub mod log;
pub mod migrate;
pub mod notes;
pub mod people;
pub mod purge;
pub mod rewrite;
pub mod sync;

use super::errors::io_text;
use super::stamp::Stamp;
use loupan_core::codec::Problem;
use loupan_core::i18n::Text;
use loupan_core::private::{self, Private};
use loupan_core::tr;
use std::path::{Path, PathBuf};

/// The private store's folder.
pub fn dir_of(data: &Path) -> PathBuf {
    data.join(".private")
}

pub fn file_of(data: &Path, id: &str) -> PathBuf {
    dir_of(data).join(format!("{id}.toml"))
}

/// The line that keeps the private store out of the shared repository's `git add -A`.
const IGNORE: &str = "/.private/";

/// Makes the private folder, and makes sure the data directory's `.gitignore` names it, before
/// the first personal value is written there. (Its git repository is made at its first commit.)
pub(crate) fn prepare(data: &Path) -> Result<(), Text> {
    let ignore = data.join(".gitignore");
    let text = std::fs::read_to_string(&ignore).unwrap_or_default();
    if !text.lines().any(|l| l.trim() == IGNORE) {
        let mut t = text;
        if t.is_empty() {
            t.push_str("# loupan's lock and temporary files\n.*.lock\n.*.toml.??????\n");
        } else if !t.ends_with('\n') {
            t.push('\n');
        }
        t.push_str("# personal values: loupan's private store, never in the shared history\n");
        t.push_str(IGNORE);
        t.push('\n');
        super::write::atomic_write(&ignore, t.as_bytes())?;
    }
    let dir = dir_of(data);
    std::fs::create_dir_all(&dir).map_err(|e| {
        let (d, why) = (dir.display(), io_text(&e));
        tr!("cannot create {d}: {why}", "无法创建 {d}：{why}")
    })
}

/// A building's personal values; nothing when it has no private file.
pub fn read(data: &Path, id: &str) -> Result<Private, Vec<Problem>> {
    match std::fs::read(file_of(data, id)) {
        Ok(bytes) => private::parse(&String::from_utf8_lossy(&bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Private::default()),
        Err(e) => {
            let why = io_text(&e);
            Err(vec![Problem::error(
                1,
                1,
                tr!(
                    "cannot read the personal values: {why}",
                    "无法读取个人信息：{why}"
                ),
            )])
        }
    }
}

/// Writes a building's personal values (atomically; an empty part removes the file). The caller
/// holds the building's lock.
pub(crate) fn write(data: &Path, id: &str, p: &Private) -> Result<(), Text> {
    let path = file_of(data, id);
    super::write::remove_stale_temps(&path);
    if p.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                let (f, why) = (path.display(), io_text(&e));
                Err(tr!("cannot remove {f}: {why}", "无法删除 {f}：{why}"))
            }
            _ => Ok(()),
        };
    }
    prepare(data)?;
    super::write::atomic_write(&path, private::encode(p).as_bytes())
}

/// The stamp of a building as loupan reads it: its shared file's, changed too when its private
/// file changes (so that an open map sees a name typed elsewhere).
pub fn stamp(data: &Path, id: &str) -> Option<Stamp> {
    let shared = Stamp::of(&super::paths::file_of(data, id))?;
    Some(shared.with(Stamp::of(&file_of(data, id))))
}
