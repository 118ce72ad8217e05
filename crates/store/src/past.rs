//! The map at the end of a past day, as far as it differs from what is shown: which buildings to
//! read again (only those whose file differs), which are gone, and the units changed that day.
//! One `git cat-file --batch` for the two days' trees and one for the blobs.

use super::git;
use jiff::civil::Date;
use loupan_core::codec::{self, Located};
use loupan_core::i18n::Text;
use loupan_core::ids::{BuildingId, CommitId};
use loupan_core::model::Building;
use std::collections::HashMap;
use std::path::Path;

/// The map as it stood at the end of a past day, as far as it differs from what is shown: the
/// buildings to (re)load, those to take away, and the units changed that day.
pub struct Past {
    /// `None`: nothing was recorded by then.
    pub commit: Option<CommitId>,
    /// Every building file of that day: (id, blob).
    pub files: git::Files,
    pub load: Vec<(BuildingId, Result<Building, Vec<Located>>)>,
    pub gone: Vec<BuildingId>,
    pub marks: HashMap<BuildingId, Vec<String>>,
}

/// What is on screen now: the working tree, or a past day's files (id → blob).
pub enum Shown<'a> {
    WorkTree(&'a [BuildingId]),
    Files(&'a [(BuildingId, String)]),
}

/// A past day against what is shown: only buildings whose file differs are read and parsed.
pub(crate) fn past(dir: &Path, day: Date, shown: Shown<'_>) -> Result<Past, Text> {
    crate::failpoint::hold("day-step");
    let commit = git::commit_by_end_of(dir, day)?;
    let before = day
        .yesterday()
        .ok()
        .map(|d| git::commit_by_end_of(dir, d))
        .transpose()?
        .flatten();
    let asks: Vec<String> = commit
        .iter()
        .chain(&before)
        .map(|c| c.to_string())
        .collect();
    let mut trees = git::trees(dir, &asks)?.into_iter();
    let files = commit
        .as_ref()
        .and_then(|_| trees.next().flatten())
        .unwrap_or_default();
    let prev = before
        .as_ref()
        .and_then(|_| trees.next().flatten())
        .unwrap_or_default();
    let (load_ids, gone) = differing(dir, commit.as_ref().map(CommitId::as_str), &files, shown)?;
    // the day's changes: files that differ from the day before (a city has thousands: looked
    // up, not searched for)
    let prev: HashMap<&BuildingId, &String> = prev.iter().map(|(id, oid)| (id, oid)).collect();
    let changed: Vec<(&BuildingId, &String, Option<&String>)> = files
        .iter()
        .filter(|(id, oid)| prev.get(id) != Some(&oid))
        .map(|(id, oid)| (id, oid, prev.get(id).copied()))
        .collect();
    let mut wanted: Vec<(BuildingId, String)> = load_ids
        .iter()
        .map(|(i, o)| (i.clone(), o.clone()))
        .collect();
    for (id, oid, old) in &changed {
        wanted.push(((*id).clone(), (*oid).clone()));
        if let Some(o) = old {
            wanted.push(((*id).clone(), (*o).clone()));
        }
    }
    wanted.sort_by(|a, b| a.1.cmp(&b.1));
    wanted.dedup_by(|a, b| a.1 == b.1);
    let bytes = read_blobs(dir, &wanted)?;
    let load = load_shown(&load_ids, &bytes, commit.as_ref());
    let marks = marks(&changed, &bytes);
    Ok(Past {
        commit,
        files,
        load,
        gone,
        marks,
    })
}

/// The versions to show, read whole (the day's changes come from the changed lines); problems
/// located as `FILE@COMMIT:LINE:COL`.
fn load_shown(
    load_ids: &Differing<'_>,
    bytes: &HashMap<String, Vec<u8>>,
    commit: Option<&CommitId>,
) -> Vec<(BuildingId, Result<Building, Vec<Located>>)> {
    let parsed: HashMap<&str, Parsed> = {
        let done = super::load::map_slice(load_ids, |(id, oid)| {
            bytes.get(oid).map(|b| codec::parse(id, b))
        });
        load_ids
            .iter()
            .zip(done)
            .filter_map(|((_, oid), p)| Some((oid.as_str(), p?)))
            .collect()
    };
    let short = commit.map_or("", CommitId::short);
    load_ids
        .iter()
        .filter_map(|(id, oid)| {
            let r = parsed.get(oid.as_str())?;
            Some((
                id.clone(),
                r.clone().map_err(|ps| {
                    super::load::located(Path::new(&format!("{id}.toml@{short}")), &ps)
                }),
            ))
        })
        .collect()
}

/// The units that changed that day, by building: each changed file against the day before.
fn marks(
    changed: &[(&BuildingId, &String, Option<&String>)],
    bytes: &HashMap<String, Vec<u8>>,
) -> HashMap<BuildingId, Vec<String>> {
    let mut marks = HashMap::new();
    for (id, oid, old) in changed {
        let now = bytes.get(*oid);
        let was = old.and_then(|o| bytes.get(o));
        let lines = match (was, now) {
            (Some(w), Some(n)) => codec::changed_units(id, w, n),
            _ => None,
        };
        let units: Vec<String> = match lines {
            Some(lines) => lines
                .into_iter()
                .filter(|l| l.before != l.after)
                .map(|l| l.label)
                .collect(),
            None => {
                let read = |b: Option<&Vec<u8>>| b.and_then(|b| codec::parse(id, b).ok());
                loupan_core::diff::unit_changes(read(was).as_ref(), read(now).as_ref())
                    .into_iter()
                    .map(|c| c.unit)
                    .collect()
            }
        };
        if !units.is_empty() {
            marks.insert((*id).clone(), units);
        }
    }
    marks
}

/// The (id, blob) of the files to read.
type Differing<'f> = Vec<&'f (BuildingId, String)>;

/// Of a day's files, those that differ from what is shown; and the shown ones not there that day.
fn differing<'f>(
    dir: &Path,
    commit: Option<&str>,
    files: &'f [(BuildingId, String)],
    shown: Shown<'_>,
) -> Result<(Differing<'f>, Vec<BuildingId>), Text> {
    use std::collections::HashSet;
    let that_day: HashSet<&BuildingId> = files.iter().map(|(id, _)| id).collect();
    Ok(match shown {
        Shown::WorkTree(ids) => {
            let differ: HashSet<BuildingId> = match commit {
                Some(c) => git::changed_ids(dir, c)?.into_iter().collect(),
                None => HashSet::new(),
            };
            let shown: HashSet<&BuildingId> = ids.iter().collect();
            let load = files
                .iter()
                .filter(|(id, _)| differ.contains(id) || !shown.contains(id))
                .collect();
            let gone = ids
                .iter()
                .filter(|id| !that_day.contains(id))
                .cloned()
                .collect();
            (load, gone)
        }
        Shown::Files(now) => {
            let shown: HashSet<&(BuildingId, String)> = now.iter().collect();
            let load = files.iter().filter(|f| !shown.contains(f)).collect();
            let gone = now
                .iter()
                .filter(|(id, _)| !that_day.contains(id))
                .map(|(id, _)| id.clone())
                .collect();
            (load, gone)
        }
    })
}

type Parsed = Result<Building, Vec<loupan_core::codec::Problem>>;

/// Blobs (id, oid) read through one `cat-file --batch`, by blob.
fn read_blobs(
    dir: &Path,
    wanted: &[(BuildingId, String)],
) -> Result<HashMap<String, Vec<u8>>, Text> {
    let oids: Vec<String> = wanted.iter().map(|(_, o)| o.clone()).collect();
    let mut out = HashMap::with_capacity(wanted.len());
    git::batch(dir, &oids, |i, body| {
        if let Some(b) = body {
            out.insert(oids[i].clone(), b.to_vec());
        }
    })?;
    Ok(out)
}
