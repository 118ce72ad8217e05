//! The chart's course through the days, from git: which commit ended each day on the branch's
//! own line (as the daily report reads it), and the counts of every building then. Whatever the
//! number of days it takes a fixed number of git processes (`log`, one `cat-file --batch` for the
//! trees, one per group of 128 buildings for the blobs), and reads each distinct file version
//! once.

use super::git;
use jiff::civil::Date;
use loupan_core::codec;
use loupan_core::i18n::Text;
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
pub fn days(dir: &Path, days: &[Date], today: Date) -> Result<(Vec<Day>, Reach), Text> {
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
            "the data directory is not in a git repository, so there is no history to count; keep it in git (README: Working together)",
            "数据目录不在 git 仓库中，没有历史可统计；请把它放进 git（见 README“多人协作”）"
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
    let tree_of: HashMap<&str, &[(String, String)]> = commits
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
    let out = days
        .iter()
        .zip(basis)
        .map(|(date, basis)| {
            let buildings = match &basis {
                Basis::Commit(h) => seen_at(tree_of.get(h.as_str()).copied(), &counted),
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

/// A commit's buildings as counted.
fn seen_at(files: Option<&[(String, String)]>, counted: &HashMap<String, Counted>) -> Vec<Seen> {
    files
        .unwrap_or_default()
        .iter()
        .filter_map(|(id, oid)| {
            let (name, counts) = counted.get(oid)?.clone();
            Some(Seen {
                id: id.clone(),
                name,
                counts,
            })
        })
        .collect()
}

/// Every distinct blob once, in the order the days need them. A version counted before (the
/// cache) is not read again; a building's first version to read is read whole; each later version
/// is counted from the one before by its changed unit lines when that is all that changed
/// (`trend::delta`), else read whole. Buildings go in groups, a group to one `cat-file --batch`,
/// as many groups at once as there are cores (git decompressing on one, loupan counting on the
/// other, and the other way round); only a group's latest versions are held.
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
    asks.sort_by_key(|(o, id)| {
        (
            group_of(id, groups),
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

/// Buildings are read about this many at a time (grouped by a hash of the id, so groups are even):
/// the latest versions of two groups at once, ≈ 9 MB for the city's files.
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
fn count(id: &str, bytes: &[u8]) -> Counted {
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
    head: &[(String, String)],
    differ: &[String],
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
                id,
            }),
            None => read.push(id),
        }
    }
    seen.extend(from_files(dir, &read));
    seen.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(seen)
}

fn from_files(dir: &Path, ids: &[String]) -> Vec<Seen> {
    super::load::map_all(dir, ids, |l| match l.building {
        Ok(b) => Seen {
            id: l.id,
            name: Arc::from(b.name.as_str()),
            counts: Some(Counts::of(&b)),
        },
        Err(_) => Seen {
            name: Arc::from(l.id.as_str()),
            id: l.id,
            counts: None,
        },
    })
}

/// The map as it stood at the end of a past day, as far as it differs from what is shown: the
/// buildings to (re)load, those to take away, and the units changed that day.
pub struct Past {
    /// `None`: nothing was recorded by then.
    pub commit: Option<String>,
    /// Every building file of that day: (id, blob).
    pub files: Vec<(String, String)>,
    pub load: Vec<(String, Result<loupan_core::model::Building, Vec<String>>)>,
    pub gone: Vec<String>,
    pub marks: HashMap<String, Vec<String>>,
}

/// What is on screen now: the working tree, or a past day's files (id → blob).
pub enum Shown<'a> {
    WorkTree(&'a [String]),
    Files(&'a [(String, String)]),
}

/// A past day against what is shown: only buildings whose file differs are read and parsed.
pub fn past(
    dir: &Path,
    day: Date,
    shown: Shown<'_>,
    lang: loupan_core::i18n::Lang,
) -> Result<Past, Text> {
    crate::failpoint::hold("day-step");
    let commit = git::commit_by_end_of(dir, day)?;
    let before = day
        .yesterday()
        .ok()
        .map(|d| git::commit_by_end_of(dir, d))
        .transpose()?
        .flatten();
    let asks: Vec<String> = commit.iter().chain(&before).cloned().collect();
    let mut trees = git::trees(dir, &asks)?.into_iter();
    let files = commit
        .as_ref()
        .and_then(|_| trees.next().flatten())
        .unwrap_or_default();
    let prev = before
        .as_ref()
        .and_then(|_| trees.next().flatten())
        .unwrap_or_default();
    let (load_ids, gone) = differing(dir, commit.as_deref(), &files, shown)?;
    // the day's changes: files that differ from the day before (a city has thousands: looked
    // up, not searched for)
    let prev: HashMap<&String, &String> = prev.iter().map(|(id, oid)| (id, oid)).collect();
    let changed: Vec<(&String, &String, Option<&String>)> = files
        .iter()
        .filter(|(id, oid)| prev.get(id) != Some(&oid))
        .map(|(id, oid)| (id, oid, prev.get(id).copied()))
        .collect();
    let mut wanted: Vec<(String, String)> = load_ids
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
    // only the versions shown are read whole; the day's changes come from the changed lines
    let parsed: HashMap<&str, Parsed> = {
        let shown: Vec<&(String, String)> = load_ids.clone();
        let done = super::load::map_slice(&shown, |(id, oid)| {
            bytes.get(oid).map(|b| codec::parse(id, b))
        });
        shown
            .iter()
            .zip(done)
            .filter_map(|((_, oid), p)| Some((oid.as_str(), p?)))
            .collect()
    };
    let short = commit.as_deref().map_or("", |c| &c[..c.len().min(8)]);
    let load = load_ids
        .iter()
        .filter_map(|(id, oid)| {
            let r = parsed.get(oid.as_str())?;
            Some((
                id.clone(),
                r.clone().map_err(|ps| {
                    super::load::located(Path::new(&format!("{id}.toml@{short}")), &ps, lang)
                }),
            ))
        })
        .collect();
    let marks = marks(&changed, &bytes);
    Ok(Past {
        commit,
        files,
        load,
        gone,
        marks,
    })
}

/// The units that changed that day, by building: each changed file against the day before.
fn marks(
    changed: &[(&String, &String, Option<&String>)],
    bytes: &HashMap<String, Vec<u8>>,
) -> HashMap<String, Vec<String>> {
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
type Differing<'f> = Vec<&'f (String, String)>;

/// Of a day's files, those that differ from what is shown; and the shown ones not there that day.
fn differing<'f>(
    dir: &Path,
    commit: Option<&str>,
    files: &'f [(String, String)],
    shown: Shown<'_>,
) -> Result<(Differing<'f>, Vec<String>), Text> {
    use std::collections::HashSet;
    let that_day: HashSet<&String> = files.iter().map(|(id, _)| id).collect();
    Ok(match shown {
        Shown::WorkTree(ids) => {
            let differ: HashSet<String> = match commit {
                Some(c) => git::changed_ids(dir, c)?.into_iter().collect(),
                None => HashSet::new(),
            };
            let shown: HashSet<&String> = ids.iter().collect();
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
            let shown: HashSet<&(String, String)> = now.iter().collect();
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

type Parsed = Result<loupan_core::model::Building, Vec<loupan_core::codec::Problem>>;

/// Blobs (id, oid) read through one `cat-file --batch`, by blob.
fn read_blobs(dir: &Path, wanted: &[(String, String)]) -> Result<HashMap<String, Vec<u8>>, Text> {
    let oids: Vec<String> = wanted.iter().map(|(_, o)| o.clone()).collect();
    let mut out = HashMap::with_capacity(wanted.len());
    git::batch(dir, &oids, |i, body| {
        if let Some(b) = body {
            out.insert(oids[i].clone(), b.to_vec());
        }
    })?;
    Ok(out)
}
