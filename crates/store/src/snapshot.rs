//! The chart as it stood at the end of a day: for today the files as they are now (uncommitted
//! edits included); for a past day the last commit of that day on the branch's own line; before
//! the first commit, nothing.

use super::{git, load};
use jiff::civil::Date;
use loupan_core::codec::{self, Located};
use loupan_core::i18n::Text;
use loupan_core::ids::{BuildingId, CommitId};
use loupan_core::model::Building;
use loupan_core::tr;
use std::path::Path;

/// A building that could not be read at a point, and why.
#[derive(Clone, Debug)]
pub struct Unreadable {
    pub id: BuildingId,
    pub problems: Vec<Located>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    WorkTree,
    Commit(CommitId),
    /// Before anything was recorded.
    Nothing,
}

/// Where the end of `day` is.
pub(crate) fn end_of(dir: &Path, day: Date, today: Date) -> Result<At, Text> {
    if day > today {
        return Err(tr!("{day} has not happened yet", "{day} 还没有到"));
    }
    if day == today {
        return Ok(At::WorkTree);
    }
    if !git::is_repo(dir) {
        return Err(tr!(
            "the data directory is not in a git repository, so only today can be told; keep it in git (docs/guide/config.md) to report past days",
            "数据目录不在 git 仓库中，只能报告今天；把它放进 git（见 docs/guide/config.md）才能报告过去的日期"
        ));
    }
    Ok(git::commit_by_end_of(dir, day)?.map_or(At::Nothing, At::Commit))
}

/// The day of the first commit on the branch's line: the first day that has data.
pub(crate) fn first_day(dir: &Path) -> Option<Date> {
    let (line, _) = git::first_parent_line(dir).ok()?;
    line.last().map(|(_, d)| *d)
}

/// The buildings at a point (only `ids`, when given), and the problem lines of those that do
/// not parse.
pub(crate) fn buildings(
    dir: &Path,
    at: &At,
    ids: Option<&[BuildingId]>,
) -> Result<(Vec<Building>, Vec<Unreadable>), Text> {
    let (mut out, mut broken) = (Vec::new(), Vec::new());
    match at {
        At::Nothing => {}
        At::WorkTree => {
            let all = super::paths::list_ids(dir)?;
            let ids = ids.map_or(all, <[BuildingId]>::to_vec);
            for l in load::map_all(dir, &ids, |l| l) {
                match l.building {
                    Ok(b) => out.push(b),
                    Err(_) => broken.push(Unreadable {
                        problems: l.problems(),
                        id: l.id,
                    }),
                }
            }
        }
        At::Commit(rev) => {
            let files: Vec<(BuildingId, Vec<u8>)> = git::files_at(dir, rev.as_str())?
                .into_iter()
                .filter(|(id, _)| ids.is_none_or(|w| w.contains(id)))
                .collect();
            let parsed =
                load::map_slice(&files, |(id, bytes)| (id.clone(), codec::parse(id, bytes)));
            let short = rev.short();
            for (id, p) in parsed {
                match p {
                    Ok(b) => out.push(b),
                    Err(problems) => broken.push(Unreadable {
                        problems: load::located(
                            Path::new(&format!("{id}.toml@{short}")),
                            &problems,
                        ),
                        id,
                    }),
                }
            }
        }
    }
    Ok((out, broken))
}

/// The buildings whose files differ between two points; `None` when the earlier point has
/// nothing to compare with (every building counts).
pub(crate) fn changed(dir: &Path, from: &At, to: &At) -> Result<Option<Vec<BuildingId>>, Text> {
    Ok(match (from, to) {
        (At::Nothing, _) | (_, At::Nothing) => None,
        (At::Commit(a), At::WorkTree) => Some(git::changed_ids(dir, a.as_str())?),
        (At::Commit(a), At::Commit(b)) if a == b => Some(Vec::new()),
        (At::Commit(a), At::Commit(b)) => Some(git::changed_between(dir, a.as_str(), b.as_str())?),
        (At::WorkTree, _) => None,
    })
}

/// Every building of a revision (but `skip`), parsed as it comes: a file git says is the same in
/// the working tree is read from there (no decompressing — most files, for a recent day); the
/// others are dealt into one part more than there are cores (so they still come roughly in
/// order), each part through its own `cat-file --batch` and parsed by its own thread straight
/// from what git wrote. `send` gets each building and says whether to go on.
pub(crate) fn stream_at(
    dir: &Path,
    rev: &CommitId,
    skip: Option<&BuildingId>,
    send: impl Fn(load::Loaded) -> bool + Sync,
) -> Result<(), Text> {
    // a file changed after git compared it is not trusted to be the revision's
    let asked = std::time::SystemTime::now();
    let (files, differing) = std::thread::scope(|s| {
        let differing = s.spawn(|| git::differing_ids(dir, rev.as_str()));
        let files = git::trees(dir, &[rev.to_string()]);
        (files, differing.join().ok().and_then(Result::ok))
    });
    let files: git::Files = files?
        .pop()
        .flatten()
        .unwrap_or_default()
        .into_iter()
        .filter(|(id, _)| Some(id) != skip)
        .collect();
    let short = rev.short();
    let loaded = |id: &BuildingId, bytes: &[u8]| load::Loaded {
        id: id.clone(),
        path: Path::new(&format!("{id}.toml@{short}")).to_path_buf(),
        stamp: None,
        building: codec::parse(id, bytes),
    };
    let same = |id: &str| {
        differing
            .as_ref()
            .is_some_and(|d| d.binary_search_by(|x| x.as_str().cmp(id)).is_err())
    };
    // one part more than cores: while one part waits for git, another has a file to parse
    // (measured on two cores: 1.09 s against 1.11 s for two parts and 1.24 s for four)
    let lanes = std::thread::available_parallelism().map_or(2, |n| n.get()) + 1;
    let (send, loaded) = (&send, &loaded);
    std::thread::scope(|s| {
        let lanes: Vec<_> = (0..lanes.min(files.len()))
            .map(|lane| {
                let mine = files.iter().skip(lane).step_by(lanes);
                let (here, there): (Vec<&(BuildingId, String)>, Vec<_>) =
                    mine.partition(|(id, _)| same(id));
                s.spawn(move || {
                    let mut go_on = true;
                    let mut late = Vec::new();
                    for f in &here {
                        match unchanged_since(&dir.join(format!("{}.toml", f.0)), asked) {
                            Some(bytes) if go_on => go_on = send(loaded(&f.0, &bytes)),
                            Some(_) => {}
                            None => late.push(*f),
                        }
                    }
                    let from_git = |files: &[&(BuildingId, String)], go_on: &mut bool| {
                        let oids: Vec<String> = files.iter().map(|(_, o)| o.clone()).collect();
                        git::batch(dir, &oids, |i, body| {
                            if let (Some(bytes), true) = (body, *go_on) {
                                *go_on = send(loaded(&files[i].0, bytes));
                            }
                        })
                    };
                    from_git(&there, &mut go_on)?;
                    from_git(&late, &mut go_on)
                })
            })
            .collect();
        lanes
            .into_iter()
            .try_for_each(|l| l.join().unwrap_or(Ok(())))
    })
}

/// A file's bytes, if it was not changed since `asked` (before reading it and after). Two seconds
/// of margin, for file systems that keep coarse times.
fn unchanged_since(path: &Path, asked: std::time::SystemTime) -> Option<Vec<u8>> {
    let margin = std::time::Duration::from_secs(2);
    let before = |p: &Path| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t + margin < asked)
    };
    if !before(path) {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    before(path).then_some(bytes)
}
