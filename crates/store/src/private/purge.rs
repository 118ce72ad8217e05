//! `loupan purge`: every personal value past retention removed from the private files, then the
//! private store's history replaced by one commit of what is left, so that no stored version
//! holds a purged value. The shared repository is not touched. Each building is purged under its
//! own lock, in one atomic write: a kill leaves every file old or new, never half, and never
//! loses a value still within retention (the next purge finishes the work).

use super::super::paths;
use super::super::transaction::{self, Change, Mode};
use super::super::write::WriteError;
use jiff::civil::Date;
use loupan_core::i18n::Text;
use loupan_core::ids::BuildingId;
use loupan_core::private::events;
use loupan_core::private::retention::{self, Purged, Retention};
use loupan_core::tr;
use std::path::Path;

/// What a purge did (or, dry, would do).
#[derive(Debug, Default)]
pub struct Outcome {
    pub purged: Purged,
    /// Buildings whose private file changed.
    pub buildings: usize,
    /// Buildings whose shared file still holds personal values (`loupan migrate` moves them).
    pub unmigrated: Vec<BuildingId>,
    /// Buildings that could not be read, left as they were.
    pub skipped: Vec<BuildingId>,
    /// What the purge could not do itself (a remote server's own pruning).
    pub warnings: Vec<Text>,
}

pub fn purge(
    data: &Path,
    ids: &[BuildingId],
    r: Retention,
    today: Date,
    dry: bool,
) -> Result<Outcome, Text> {
    // every laptop must drop what is purged: the private remote is brought up to date first, so
    // that the purged history replaces one this laptop has seen whole
    if !dry && super::sync::has_remote(data) {
        super::sync::sync(data, r, today).map_err(|t| {
            Text::new(
                "the purge needs the private store's remote, so that every laptop drops the values too: ",
                "清除需要连接私密存储的远端，以便每台电脑都删除这些信息：",
            )
            .join(("", ""), &t)
        })?;
    }
    let mut out = each(data, ids, r, today, dry)?;
    if !dry && super::dir_of(data).join(".git").is_dir() {
        let n = out.purged.total();
        let message = format!("purge: {n} personal values past retention removed");
        super::git::squash(data, &message)?;
        if super::sync::has_remote(data) {
            out.warnings.extend(super::sync::send_purged(data)?);
        }
        super::git::forget_old(data, true)?;
    }
    Ok(out)
}

/// Removes what is past retention from the files (no history touched): for a sync that took a
/// purged history from another laptop.
pub(crate) fn apply(
    data: &Path,
    ids: &[BuildingId],
    r: Retention,
    today: Date,
) -> Result<Purged, Text> {
    Ok(each(data, ids, r, today, false)?.purged)
}

/// The purge of the files, building by building under each one's lock (`dry`: counted only).
fn each(
    data: &Path,
    ids: &[BuildingId],
    r: Retention,
    today: Date,
    dry: bool,
) -> Result<Outcome, Text> {
    let mut out = Outcome::default();
    let mode = if dry { Mode::Plan } else { Mode::Write };
    for id in ids {
        let path = paths::file_of(data, id);
        // a building that does not read is left as it is (and named)
        if !path.is_file() || super::read(data, id).is_err() {
            out.skipped.push(id.clone());
            continue;
        }
        let done = transaction::run(&path, id, mode, |c| {
            // endings that came from elsewhere (a merge, a sync) are dated before retention counts
            let mut history = super::dated::History::new(data, id);
            let dated = events::date_endings(c.shared, c.private, today, |u, e| history.day(u, e));
            let (kept, n) = retention::purge(c.shared, &dated, r, today);
            let unmigrated = loupan_core::private::holds_personal(c.shared);
            let change = Change {
                text: None,
                private: Some(kept),
            };
            Ok(((n, unmigrated), change))
        });
        let (n, unmigrated) = match done {
            Ok(d) => d.value,
            Err(WriteError::Broken(_)) => {
                out.skipped.push(id.clone());
                continue;
            }
            Err(e) => return Err(e.text()),
        };
        if unmigrated {
            out.unmigrated.push(id.clone());
        }
        if n.total() > 0 {
            out.purged.add(n);
            out.buildings += 1;
        }
    }
    for id in ids {
        let Ok(all) = super::people::read(data, id) else {
            out.skipped.push(id.clone());
            continue;
        };
        let gone = loupan_core::people::expired(&all, r.returnee, today);
        let (people, readings) = super::people::remove(data, id, &gone, dry)?;
        out.purged.people += people;
        out.purged.readings += readings;
        out.buildings += usize::from(people > 0);
    }
    for day in super::notes::days(data) {
        if retention::journal_note_expired(day, r, today) {
            let file = super::notes::file_of(data, day);
            out.purged.journal_notes += super::notes::read(data, day).len();
            if !dry {
                std::fs::remove_file(&file).map_err(|e| {
                    let (f, why) = (file.display(), super::super::errors::io_text(&e));
                    tr!("cannot remove {f}: {why}", "无法删除 {f}：{why}")
                })?;
            }
        }
    }
    Ok(out)
}
