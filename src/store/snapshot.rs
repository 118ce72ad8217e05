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
