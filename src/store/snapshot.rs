//! The chart as it stood at the end of a day: for today the files as they are now (uncommitted
//! edits included); for a past day the last commit of that day on the branch's own line; before
//! the first commit, nothing.

use super::{git, load};
use crate::core::codec::{self, Problem};
use crate::core::i18n::{Lang, Text};
use crate::core::model::Building;
use crate::tr;
use jiff::civil::Date;
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    WorkTree,
    Commit(String),
    /// Before anything was recorded.
    Nothing,
}

/// Where the end of `day` is.
pub fn end_of(dir: &Path, day: Date, today: Date) -> Result<At, Text> {
    if day > today {
        return Err(tr!("{day} has not happened yet", "{day} 还没有到"));
    }
    if day == today {
        return Ok(At::WorkTree);
    }
    if !git::is_repo(dir) {
        return Err(tr!(
            "the data directory is not in a git repository, so only today can be told; keep it in git (README: Working together) to report past days",
            "数据目录不在 git 仓库中，只能报告今天；把它放进 git（见 README“多人协作”）才能报告过去的日期"
        ));
    }
    Ok(git::commit_by_end_of(dir, day)?.map_or(At::Nothing, At::Commit))
}

/// The buildings at a point (only `ids`, when given), and the problem lines of those that do
/// not parse.
pub fn buildings(
    dir: &Path,
    at: &At,
    ids: Option<&[String]>,
    lang: Lang,
) -> Result<(Vec<Building>, Vec<String>), Text> {
    let (mut out, mut broken) = (Vec::new(), Vec::new());
    match at {
        At::Nothing => {}
        At::WorkTree => {
            let all = super::paths::list_ids(dir)?;
            let ids = ids.map_or(all, <[String]>::to_vec);
            for l in load::map_all(dir, &ids, |l| l) {
                match l.building {
                    Ok(b) => out.push(b),
                    Err(_) => broken.extend(l.problem_lines(lang)),
                }
            }
        }
        At::Commit(rev) => {
            let files: Vec<(String, Vec<u8>)> = git::files_at(dir, rev)?
                .into_iter()
                .filter(|(id, _)| ids.is_none_or(|w| w.contains(id)))
                .collect();
            let parsed =
                load::map_slice(&files, |(id, bytes)| (id.clone(), codec::parse(id, bytes)));
            let short = &rev[..rev.len().min(8)];
            for (id, p) in parsed {
                match p {
                    Ok(b) => out.push(b),
                    Err(problems) => {
                        broken.extend(lines(&format!("{id}.toml@{short}"), &problems, lang))
                    }
                }
            }
        }
    }
    Ok((out, broken))
}

fn lines(file: &str, problems: &[Problem], lang: Lang) -> Vec<String> {
    load::located(Path::new(file), problems, lang)
}

/// The buildings whose files differ between two points; `None` when the earlier point has
/// nothing to compare with (every building counts).
pub fn changed(dir: &Path, from: &At, to: &At) -> Result<Option<Vec<String>>, Text> {
    Ok(match (from, to) {
        (At::Nothing, _) | (_, At::Nothing) => None,
        (At::Commit(a), At::WorkTree) => Some(git::changed_ids(dir, a)?),
        (At::Commit(a), At::Commit(b)) if a == b => Some(Vec::new()),
        (At::Commit(a), At::Commit(b)) => Some(git::changed_between(dir, a, b)?),
        (At::WorkTree, _) => None,
    })
}

/// Every building of a revision (but `skip`), as git streams them, parsed as they come: the
/// files dealt into one part more than there are cores (so they still come roughly in order), each
/// part through its own `cat-file --batch` and parsed by its own thread straight from what git
/// wrote (no copy, no hand-over between threads); `send` gets each building and says whether to
/// go on.
pub fn stream_at(
    dir: &Path,
    rev: &str,
    skip: Option<&str>,
    send: impl Fn(load::Loaded) -> bool + Sync,
) -> Result<(), Text> {
    let files: Vec<(String, String)> = git::trees(dir, &[rev.to_string()])?
        .pop()
        .flatten()
        .unwrap_or_default()
        .into_iter()
        .filter(|(id, _)| Some(id.as_str()) != skip)
        .collect();
    let short = &rev[..rev.len().min(8)];
    // one part more than cores: while one part waits for git, another has a file to parse
    // (measured on two cores: 1.09 s against 1.11 s for two parts and 1.24 s for four)
    let lanes = std::thread::available_parallelism().map_or(2, |n| n.get()) + 1;
    let send = &send;
    std::thread::scope(|s| {
        let lanes: Vec<_> = (0..lanes.min(files.len()))
            .map(|lane| {
                let files: Vec<&(String, String)> =
                    files.iter().skip(lane).step_by(lanes).collect();
                s.spawn(move || {
                    let oids: Vec<String> = files.iter().map(|(_, o)| o.clone()).collect();
                    let mut go_on = true;
                    git::batch(dir, &oids, |i, body| {
                        let (Some(bytes), true) = (body, go_on) else {
                            return;
                        };
                        let id = &files[i].0;
                        go_on = send(load::Loaded {
                            id: id.clone(),
                            path: Path::new(&format!("{id}.toml@{short}")).to_path_buf(),
                            stamp: None,
                            building: codec::parse(id, bytes),
                        });
                    })
                })
            })
            .collect();
        lanes
            .into_iter()
            .try_for_each(|l| l.join().unwrap_or(Ok(())))
    })
}
