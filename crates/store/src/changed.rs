//! When each field of a unit last changed on the chart: today when the working tree differs from
//! the last commit, else the day of the newest commit that changed it. An import asks this so a
//! ledger never undoes newer work (docs/spec.md §7). One `git log` streamed into one `cat-file` per
//! building, each version compared with the one before by its changed unit lines.

use super::{git, paths};
use jiff::civil::Date;
use loupan_core::codec;
use loupan_core::fields::{Field, Record};
use loupan_core::ids::BuildingId;
use std::collections::HashMap;
use std::path::Path;

/// (unit, field) → the day it last changed. Units never changed since the history began are
/// not in it; outside git only today's uncommitted state can be told, and nothing is.
pub type LastChanges = HashMap<(String, Field), Date>;

pub(crate) fn last_changes(
    dir: &Path,
    id: &BuildingId,
    units: &[String],
    today: Date,
) -> LastChanges {
    let mut out = LastChanges::new();
    if units.is_empty() || !git::is_repo(dir) {
        return out;
    }
    let Ok(versions) = git::file_versions(dir, &id.file_name()) else {
        return out;
    };
    // the working tree against the newest commit: what differs was changed today
    let now = std::fs::read(paths::file_of(dir, id)).ok();
    let newest = versions.first().and_then(|(_, v)| v.clone());
    note(
        &mut out,
        id,
        units,
        newest.as_deref(),
        now.as_deref(),
        today,
    );
    for (i, ((_, date, _), v)) in versions.iter().enumerate() {
        let Some(day) = date.get(..10).and_then(|d| d.parse::<Date>().ok()) else {
            continue;
        };
        let older = versions.get(i + 1).and_then(|(_, o)| o.as_deref());
        note(&mut out, id, units, older, v.as_deref(), day);
    }
    out
}

/// The fields of `units` that differ between two versions, dated `day` where no later change is
/// known yet (versions are visited newest first).
fn note(
    out: &mut LastChanges,
    id: &BuildingId,
    units: &[String],
    older: Option<&[u8]>,
    newer: Option<&[u8]>,
    day: Date,
) {
    let (Some(newer), older) = (newer, older) else {
        return;
    };
    let records = |bytes: &[u8]| -> Option<HashMap<String, Record>> {
        let b = codec::parse(id, bytes).ok()?;
        Some(
            b.units
                .into_iter()
                .map(|u| (u.label.to_string(), u.record))
                .collect(),
        )
    };
    let pairs: Vec<(String, Option<Record>, Option<Record>)> =
        match older.and_then(|o| codec::changed_units(id, o, newer)) {
            Some(lines) => lines
                .into_iter()
                .filter(|l| units.contains(&l.label))
                .map(|l| (l.label, Some(l.before), Some(l.after)))
                .collect(),
            None => {
                let (a, b) = (older.and_then(records), records(newer));
                units
                    .iter()
                    .map(|u| {
                        let get = |m: &Option<HashMap<String, Record>>| {
                            m.as_ref().and_then(|m| m.get(u).cloned())
                        };
                        (u.clone(), get(&a), get(&b))
                    })
                    .collect()
            }
        };
    for (unit, before, after) in pairs {
        let fields = match (&before, &after) {
            (Some(b), Some(a)) => b.changed(a),
            (None, Some(a)) => Record::default().changed(a),
            _ => continue,
        };
        for f in fields {
            out.entry((unit.clone(), f)).or_insert(day);
        }
    }
}
