//! The chart's course through the days, from git: which commit ended each day on the branch's
//! own line (as the daily report reads it), and the counts of every building then. Whatever the
//! number of days it takes a fixed number of git processes (`log`, one `cat-file --batch` for the
//! trees, one per group of 128 buildings for the blobs), and reads each distinct file version
//! once.

use super::git;
use jiff::civil::Date;
use loupan_core::codec;
use loupan_core::i18n::Text;
use loupan_core::ids::BuildingId;
use loupan_core::stats::Counts;
use loupan_core::trend::{self, Basis, Day, Seen};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// How far back the history reaches: `Some(date)` of the oldest visible commit in a shallow
/// clone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    pub shallow_from: Option<Date>,
}

use super::counted::Counted;

/// The buildings at the end of each of `days` (ascending), today from the working tree.
/// Outside git only today can be told.
pub(crate) fn days(dir: &Path, days: &[Date], today: Date) -> Result<(Vec<Day>, Reach), Text> {
    let in_git = git::is_repo(dir);
    let (line, shallow) = if in_git {
        git::first_parent_line(dir)?
    } else {
        (Vec::new(), false)
    };
    let reach = Reach {
        shallow_from: shallow.then(|| line.last().map(|(_, d)| *d)).flatten(),
    };
    let basis = bases(&line, shallow, days, today);
    if !in_git && basis.iter().any(|b| *b != Basis::WorkTree) {
        return Err(loupan_core::tr!(
            "the data directory is not in a git repository, so there is no history to count; keep it in git (docs/guide/config.md)",
            "数据目录不在 git 仓库中，没有历史可统计；请把它放进 git（见 docs/guide/config.md）"
        ));
    }
    let mut commits: Vec<String> = basis
        .iter()
        .filter_map(|b| match b {
            Basis::Commit(h) => Some(h.clone()),
            _ => None,
        })
        .collect();
    // today: HEAD's versions of the files that git says are unchanged, the rest read from disk
    let head = line
        .first()
        .map(|(h, _)| h.clone())
        .filter(|_| basis.contains(&Basis::WorkTree));
    commits.extend(head.clone());
    commits.dedup();
    let trees = git::trees(dir, &commits)?;
    let tree_of: HashMap<&str, &[(BuildingId, String)]> = commits
        .iter()
        .zip(&trees)
        .map(|(c, t)| (c.as_str(), t.as_deref().unwrap_or_default()))
        .collect();
    let counted = count_blobs(dir, &trees)?;
    let worktree = if basis.contains(&Basis::WorkTree) {
        let (files, differ) = match &head {
            Some(h) => (
                tree_of.get(h.as_str()).copied().unwrap_or_default(),
                git::changed_ids(dir, h)?,
            ),
            None => (&[][..], Vec::new()),
        };
        worktree(dir, files, &differ, &counted)?
    } else {
        Vec::new()
    };
    let mut ids = HashMap::new();
    let out = days
        .iter()
        .zip(basis)
        .map(|(date, basis)| {
            let buildings = match &basis {
                Basis::Commit(h) => seen_at(tree_of.get(h.as_str()).copied(), &counted, &mut ids),
                Basis::WorkTree => worktree.clone(),
                Basis::Nothing | Basis::Unseen => Vec::new(),
            };
            Day {
                date: *date,
                basis,
                buildings,
            }
        })
        .collect();
    Ok((out, reach))
}

/// What each day stands on: the last commit of the branch's line by its end, the files for
/// today, nothing before the first commit, or unseen before a shallow clone's history.
fn bases(line: &[(String, Date)], shallow: bool, days: &[Date], today: Date) -> Vec<Basis> {
    days.iter()
        .map(|d| {
            if *d >= today {
                return Basis::WorkTree;
            }
            match line.iter().find(|(_, c)| c <= d) {
                Some((h, _)) => Basis::Commit(h.clone()),
                None if shallow => Basis::Unseen,
                None => Basis::Nothing,
            }
        })
        .collect()
}

/// A commit's buildings as counted; each building's id made once (`ids`) for all the days.
fn seen_at(
    files: Option<&[(BuildingId, String)]>,
    counted: &HashMap<String, Counted>,
    ids: &mut HashMap<BuildingId, Arc<str>>,
) -> Vec<Seen> {
    files
        .unwrap_or_default()
        .iter()
        .filter_map(|(id, oid)| {
            let (name, counts) = counted.get(oid)?.clone();
            // (looked up before it is cloned: no allocation for a building already seen)
            let id = match ids.get(id) {
                Some(shared) => Arc::clone(shared),
                None => {
                    let shared: Arc<str> = Arc::from(id.as_str());
                    ids.insert(id.clone(), Arc::clone(&shared));
                    shared
                }
            };
            Some(Seen { id, name, counts })
        })
        .collect()
}

/// Every distinct blob once, in the order the days need them. A version counted before (the
/// cache) is not read again; a building's first version to read is read whole; each later version
/// is counted from the one before by its changed unit lines when that is all that changed
/// (`trend::delta`), else read whole. Buildings go in groups, a group to one `cat-file --batch`,
/// as many groups at once as there are cores (git decompressing on one, loupan counting on the
/// other, and the other way round); a building's versions come in a row, so a group holds one
/// version at a time.
fn count_blobs(dir: &Path, trees: &[Option<git::Files>]) -> Result<HashMap<String, Counted>, Text> {
    let wanted: std::collections::HashSet<&str> = trees
        .iter()
        .flatten()
        .flatten()
        .map(|(_, o)| o.as_str())
        .collect();
    let mut cache = super::counted::Cache::open(dir, &wanted);
    // each building's versions in day order
    let mut versions: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, oid) in trees.iter().flatten().flatten() {
        let v = versions.entry(id.as_str()).or_default();
        if !v.contains(&oid.as_str()) {
            v.push(oid.as_str());
        }
    }
    let mut known: HashMap<String, Counted> = HashMap::new();
    // what to read: from a building's first version not counted yet (and the one before it, to
    // count from), in the order the days need them
    let mut asks: Vec<(&str, &str)> = Vec::new();
    for (id, v) in &versions {
        if let Some(j) = v.iter().position(|o| cache.get(o).is_none()) {
            asks.extend(v[j.saturating_sub(1)..].iter().map(|o| (*o, *id)));
        }
        for o in v {
            if let Some(k) = cache.get(o) {
                known.insert(o.to_string(), k.clone());
            }
        }
    }
    let mut rank: HashMap<&str, usize> = HashMap::new();
    for (i, (_, o)) in trees.iter().flatten().flatten().enumerate() {
        rank.entry(o.as_str()).or_insert(i);
    }
    let groups = versions.len().div_ceil(GROUP).max(1) as u64;
    // a building's versions one after another, in day order: only one building's latest version
    // is held at a time (not a whole group's), and git reads a file's chain of deltas in a row
    asks.sort_by_key(|(o, id)| {
        (
            group_of(id, groups),
            *id,
            rank.get(o).copied().unwrap_or(usize::MAX),
        )
    });
    let groups: Vec<&[(&str, &str)]> = asks
        .chunk_by(|a, b| group_of(a.1, groups) == group_of(b.1, groups))
        .collect();
    let counted = super::load::map_slice(&groups, |g| read_group(dir, g, &known));
    for c in counted {
        known.extend(c?);
    }
    for (oid, k) in &known {
        cache.put(oid, k);
    }
    cache.save();
    Ok(known)
}

/// Buildings are read about this many to a `cat-file --batch` (grouped by a hash of the id, so
/// groups are even): fewer groups start fewer git processes; memory does not grow with a group,
/// since a group holds one building's latest version at a time.
const GROUP: usize = 128;

fn group_of(id: &str, groups: u64) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish() % groups
}

/// One group's versions through one `cat-file --batch`, counted as they stream: the versions it
/// counted (`known`: counted before, needed only as bases).
fn read_group(
    dir: &Path,
    group: &[(&str, &str)],
    known: &HashMap<String, Counted>,
) -> Result<HashMap<String, Counted>, Text> {
    let mut out: HashMap<String, Counted> = HashMap::new();
    // each building's latest version read, held while another of its versions is to come
    let mut latest: HashMap<&str, (Vec<u8>, Counted)> = HashMap::new();
    let mut left: HashMap<&str, usize> = HashMap::new();
    for (_, id) in group {
        *left.entry(id).or_default() += 1;
    }
    let oids: Vec<String> = group.iter().map(|(o, _)| o.to_string()).collect();
    git::batch(dir, &oids, |i, body| {
        let Some(bytes) = body else { return };
        let (oid, id) = group[i];
        let more = left.get_mut(id).is_some_and(|n| {
            *n -= 1;
            *n > 0
        });
        let counted = match known.get(oid).or_else(|| out.get(oid)) {
            Some(k) => k.clone(),
            None => {
                let from_before = latest.get(id).and_then(|(old, (name, counts))| {
                    Some((
                        name.clone(),
                        Some(trend::delta(old, bytes, counts.as_ref()?)?),
                    ))
                });
                let k = from_before.unwrap_or_else(|| count(id, bytes));
                out.insert(oid.to_string(), k.clone());
                k
            }
        };
        if !more {
            latest.remove(id);
        } else if let Some((held, k)) = latest.get_mut(id) {
            held.clear();
            held.extend_from_slice(bytes);
            *k = counted;
        } else {
            latest.insert(id, (bytes.to_vec(), counted));
        }
    })?;
    Ok(out)
}

/// A version's counts: by a quick scan of its lines when it is in loupan's own form, else by
/// reading it whole (which also tells a file that does not read).
pub(crate) fn count(id: &str, bytes: &[u8]) -> Counted {
    if let Some((name, c)) = codec::quick_counts(id, bytes) {
        return (Arc::from(name), Some(c));
    }
    match codec::parse(id, bytes) {
        Ok(b) => (Arc::from(b.name.as_str()), Some(Counts::of(&b))),
        Err(_) => (Arc::from(id), None),
    }
}

/// Today's buildings: those unchanged since HEAD as HEAD's versions were counted (`head`: HEAD's
/// files; `differ`: the ids that differ from them), the others read from the files.
fn worktree(
    dir: &Path,
    head: &[(BuildingId, String)],
    differ: &[BuildingId],
    counted: &HashMap<String, Counted>,
) -> Result<Vec<Seen>, Text> {
    let mut seen = Vec::new();
    let mut read = Vec::new();
    for id in super::paths::list_ids(dir)? {
        let known = head
            .binary_search_by(|(f, _)| f.cmp(&id))
            .ok()
            .filter(|_| differ.binary_search(&id).is_err())
            .and_then(|i| counted.get(&head[i].1));
        match known {
            Some((name, counts)) => seen.push(Seen {
                name: name.clone(),
                counts: *counts,
                id: Arc::from(id.as_str()),
            }),
            None => read.push(id),
        }
    }
    seen.extend(from_files(dir, &read));
    seen.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(seen)
}

fn from_files(dir: &Path, ids: &[BuildingId]) -> Vec<Seen> {
    super::load::map_all(dir, ids, |l| match l.building {
        Ok(b) => Seen {
            id: Arc::from(l.id.as_str()),
            name: Arc::from(b.name.as_str()),
            counts: Some(Counts::of(&b)),
        },
        Err(_) => Seen {
            name: Arc::from(l.id.as_str()),
            id: Arc::from(l.id.as_str()),
            counts: None,
        },
    })
}
