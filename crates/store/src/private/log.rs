//! A unit's personal values through the private store's own history (`loupan log`): each commit
//! of the store compared with the one before it, where both read; never the shared history, which
//! holds none of them.

use loupan_core::private::{self, log::ValueChange};
use std::path::Path;

/// One change of a unit's personal values: the private store's commit, its day and author, and
/// what changed (values whole: the caller masks them).
pub struct PrivateLogEntry {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub changes: Vec<ValueChange>,
}

/// `unit`'s personal values through the private store's history, newest first; empty without
/// a private store. A version that does not read, or the first one, is compared with nothing.
pub fn unit_log(data: &Path, id: &str, unit: &str) -> Vec<PrivateLogEntry> {
    let dir = super::dir_of(data);
    if !dir.join(".git").exists() {
        return Vec::new();
    }
    let found = crate::git::file_versions(&dir, &format!("{id}.toml")).unwrap_or_default();
    let read: Vec<Option<private::Private>> = found
        .iter()
        .map(|(_, b)| private::parse(&String::from_utf8_lossy(b.as_deref()?)).ok())
        .collect();
    let mut out = Vec::new();
    for (i, ((commit, date, author), _)) in found.iter().enumerate() {
        let (Some(Some(now)), Some(Some(before))) = (read.get(i), read.get(i + 1)) else {
            continue;
        };
        let changes = private::log::changed(before, now, unit);
        if !changes.is_empty() {
            out.push(PrivateLogEntry {
                commit: commit.clone(),
                date: date.clone(),
                author: author.clone(),
                changes,
            });
        }
    }
    out
}
