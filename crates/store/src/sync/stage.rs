//! What a sync commits: loupan's own files only, and only when each one reads. Everything else in
//! the work tree (a ledger copied into a station's folder, an export, a printout) is named as left
//! out and never committed; a file that does not read stops the sync before anything is committed
//! or sent.

use super::SyncError;
use crate::git::runner::{self, GitError};
use loupan_core::codec::Located;
use loupan_core::private::outgoing;
use loupan_core::tracked::{self, Kind};
use std::path::Path;

/// The work tree's state, from one `git status --porcelain=v2 --branch -z`.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    /// The branch checked out (`None`: detached).
    pub branch: Option<String>,
    /// The branch's upstream (`origin/main`), when one is set.
    pub upstream: Option<String>,
    /// Changed or new loupan files (repository paths).
    pub ours: Vec<String>,
    /// Changed or new files that are not loupan's: never committed by loupan.
    pub left_out: Vec<String>,
    /// Files still in conflict from a merge.
    pub unmerged: Vec<String>,
}

/// Reads the work tree's state.
pub(crate) fn tree(root: &Path) -> Result<Tree, GitError> {
    let mut c = runner::in_dir(root);
    c.args([
        "status",
        "--porcelain=v2",
        "--branch",
        "-z",
        "--untracked-files=all",
        // loupan's own data travels whatever a .gitignore says (a pushed `*.toml` would
        // otherwise leave every new building and journal day behind, with "synced" said)
        "--ignored=matching",
    ]);
    Ok(parse(&runner::must(c)?))
}

/// `git status --porcelain=v2 -z` read into a `Tree`.
fn parse(out: &str) -> Tree {
    let mut t = Tree::default();
    let mut fields = out.split('\0');
    while let Some(entry) = fields.next() {
        let path = match entry.split_once(' ') {
            Some(("#", header)) => {
                match header.split_once(' ') {
                    Some(("branch.head", b)) if b != "(detached)" => t.branch = Some(b.into()),
                    Some(("branch.upstream", u)) => t.upstream = Some(u.into()),
                    _ => {}
                }
                continue;
            }
            // ordinary: `1 XY sub mH mI mW hH hI path`
            Some(("1", rest)) => rest.splitn(8, ' ').nth(7),
            // renamed: `2 XY sub mH mI mW hH hI Xscore path` then the original path
            Some(("2", rest)) => {
                // the original's deletion goes with the rename
                if let Some(o) = fields.next().filter(|o| tracked::kind_of(o).is_some()) {
                    t.ours.push(o.to_string());
                }
                rest.splitn(9, ' ').nth(8)
            }
            // unmerged: `u XY sub m1 m2 m3 mW h1 h2 h3 path`
            Some(("u", rest)) => {
                if let Some(p) = rest.splitn(10, ' ').nth(9) {
                    t.unmerged.push(p.to_string());
                }
                continue;
            }
            Some(("?", p)) => Some(p),
            // ignored: loupan's own files still travel; anything else stays unsaid
            Some(("!", p)) => {
                if tracked::kind_of(p).is_some() {
                    t.ours.push(p.to_string());
                }
                continue;
            }
            _ => None,
        };
        if let Some(p) = path {
            match tracked::kind_of(p) {
                Some(_) => t.ours.push(p.to_string()),
                None => t.left_out.push(p.to_string()),
            }
        }
    }
    t
}

/// Every problem of the given loupan files as they are in the work tree (a deleted file has
/// none: its deletion is what is committed).
pub(crate) fn unreadable_in_tree(root: &Path, paths: &[String]) -> Vec<Located> {
    let mut out = Vec::new();
    for p in paths {
        let Some(kind) = tracked::kind_of(p) else {
            continue;
        };
        let path = root.join(p);
        // a link, a FIFO or a device is never loupan's data (and a FIFO would hang the read)
        match std::fs::symlink_metadata(&path) {
            Ok(m) if !m.file_type().is_file() => out.push(Located {
                file: p.to_string(),
                problem: loupan_core::codec::Problem::error(
                    1,
                    1,
                    loupan_core::tr!(
                        "not a plain file (a link or a special file): loupan's data is never one; remove it",
                        "不是普通文件（链接或特殊文件）：loupan 的数据不会是这种文件；请删除它"
                    ),
                ),
            }),
            Ok(_) => {
                if let Ok(bytes) = std::fs::read(&path) {
                    located(&mut out, kind, p, &bytes);
                }
            }
            Err(_) => {}
        }
    }
    out.extend(unlisted(
        std::fs::read(root.join("street.toml")).ok().as_deref(),
        paths,
    ));
    out
}

/// Every problem of the loupan files that `HEAD` changed since `base` (or holds, without a
/// base), read from the commit itself: what a push would send.
pub(crate) fn unreadable_in_commits(
    root: &Path,
    base: Option<&str>,
) -> Result<Vec<Located>, SyncError> {
    let mut c = runner::in_dir(root);
    match base {
        Some(b) => c.args([
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--diff-filter=d",
            b,
            "HEAD",
        ]),
        None => c.args(["ls-tree", "-r", "--name-only", "-z", "HEAD"]),
    };
    let names: Vec<String> = runner::must(c)?
        .split('\0')
        .filter(|p| tracked::kind_of(p).is_some())
        .map(str::to_string)
        .collect();
    let mut asks: Vec<String> = names.iter().map(|p| format!("HEAD:{p}")).collect();
    asks.push("HEAD:street.toml".into());
    let mut out = Vec::new();
    let mut street = None;
    crate::git::batch(root, &asks, |i, body| match names.get(i) {
        Some(name) => {
            if let (Some(kind), Some(bytes)) = (tracked::kind_of(name), body) {
                located(&mut out, kind, name, bytes);
            }
        }
        None => street = body.map(<[u8]>::to_vec),
    })?;
    out.extend(unlisted(street.as_deref(), &names));
    Ok(out)
}

/// Every personal value written into a loupan file as it is in the work tree: it would leave the
/// station with the next commit.
pub(crate) fn personal_in_tree(root: &Path, paths: &[String]) -> Vec<Located> {
    let mut out = Vec::new();
    for p in paths {
        let (Some(kind), Ok(bytes)) = (tracked::kind_of(p), std::fs::read(root.join(p))) else {
            continue;
        };
        out.extend(at(p, outgoing::problems(kind, p, &bytes)));
    }
    out
}

/// Every personal value in a loupan file or a message of any commit a push would send
/// (`base..HEAD`, or all of `HEAD` without a base), read from the commits themselves: a value
/// written in one commit and removed in the next still travels in the first.
pub(crate) fn personal_in_commits(
    root: &Path,
    base: Option<&str>,
) -> Result<Vec<Located>, SyncError> {
    let range = base.map_or_else(|| "HEAD".to_string(), |b| format!("{b}..HEAD"));
    personal_in(root, &[range.as_str()])
}

/// The same for the commits `revs` names (`git log` arguments: a range, or `NEW --not --all` in
/// the remote's guard): every file each commit changed (a merge: what it changed beyond both
/// sides), each file that is not loupan's, and each commit's message.
pub(crate) fn personal_in(root: &Path, revs: &[&str]) -> Result<Vec<Located>, SyncError> {
    let mut c = runner::in_dir(root);
    c.args([
        "log",
        "--format=%x01%H",
        "--name-only",
        "-z",
        "--no-renames",
        "--diff-filter=d",
        "--diff-merges=dense-combined",
    ])
    .args(revs)
    .arg("--");
    let mut asks = Vec::new();
    let mut names = Vec::new();
    let mut commits: Vec<String> = Vec::new();
    let mut foreign: Vec<String> = Vec::new();
    for field in runner::must(c)?.split(['\0', '\n']) {
        if let Some(h) = field.strip_prefix('\u{1}') {
            commits.push(h.to_string());
        } else if let Some(commit) = commits.last().filter(|_| !field.is_empty()) {
            if tracked::kind_of(field).is_some() {
                asks.push(format!("{commit}:{field}"));
                names.push(field.to_string());
            } else if !foreign.iter().any(|f| f == field) {
                foreign.push(field.to_string());
            }
        }
    }
    // a file committed by hand that is not loupan's (a ledger, a note, the private store) never
    // travels either
    let mut out: Vec<Located> = foreign.into_iter().map(not_ours).collect();
    crate::git::batch(root, &asks, |i, body| {
        if let (Some(kind), Some(bytes)) = (tracked::kind_of(&names[i]), body) {
            for l in at(&names[i], outgoing::problems(kind, &names[i], bytes)) {
                if !out.contains(&l) {
                    out.push(l);
                }
            }
        }
    })?;
    crate::git::batch(root, &commits, |i, body| {
        let text = String::from_utf8_lossy(body.unwrap_or_default());
        // the message follows the headers' blank line
        let message = text.split_once("\n\n").map_or("", |(_, m)| m);
        let short = commits[i].get(..8).unwrap_or(&commits[i]);
        // its lines counted from the message's first
        out.extend(at(
            &format!("commit {short}"),
            outgoing::in_message(message),
        ));
    })?;
    Ok(out)
}

/// Every loupan file among `paths` in the folder of a station that the street does not list
/// (`street.toml`'s bytes; none: this is no street, and there are no stations to check; a
/// `street.toml` that does not read lists none).
pub(crate) fn unlisted(street: Option<&[u8]>, paths: &[String]) -> Vec<Located> {
    let Some(bytes) = street else {
        return Vec::new();
    };
    let listed: Vec<String> = std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| loupan_core::street::parse(t).ok())
        .map(|s| s.stations.into_iter().map(|(id, _)| id).collect())
        .unwrap_or_default();
    paths
        .iter()
        .filter(|p| tracked::kind_of(p).is_some())
        .filter_map(|p| {
            tracked::unlisted(p, &listed).map(|problem| Located {
                file: p.to_string(),
                problem,
            })
        })
        .collect()
}

fn not_ours(file: String) -> Located {
    Located {
        file,
        problem: loupan_core::codec::Problem::error(
            1,
            1,
            loupan_core::tr!(
                "committed by hand, but not loupan's data: it never travels; `loupan migrate --rewrite-history` takes it out of every commit and leaves it on disk",
                "手动提交了，但不是 loupan 的数据：它不会被发送；`loupan migrate --rewrite-history` 会把它从每个提交中去掉，文件仍留在磁盘上"
            ),
        ),
    }
}

fn at(
    path: &str,
    problems: Vec<loupan_core::codec::Problem>,
) -> impl Iterator<Item = Located> + '_ {
    problems.into_iter().map(move |problem| Located {
        file: path.to_string(),
        problem,
    })
}

fn located(out: &mut Vec<Located>, kind: Kind, path: &str, bytes: &[u8]) {
    out.extend(
        tracked::problems(kind, path, bytes)
            .into_iter()
            .map(|problem| Located {
                file: path.to_string(),
                problem,
            }),
    );
}

/// Stages and commits exactly `paths` (loupan's files); other staged files stay out of the
/// commit.
pub(crate) fn commit(root: &Path, paths: &[String], message: &str) -> Result<(), SyncError> {
    if !runner::has_identity(root)? {
        return Err(SyncError::Git(GitError::NoIdentity));
    }
    let mut add = runner::in_dir(root);
    // `-f`: these are loupan's files only, and they travel even where a .gitignore names them
    add.args(["add", "-A", "-f", "--"]).args(paths);
    runner::must(add)?;
    let mut commit = runner::in_dir(root);
    commit
        .args(["commit", "-q", "--no-verify", "-m", message, "--"])
        .args(paths);
    runner::must(commit)?;
    Ok(())
}

/// `street.toml` deleted in this clone: without it no station is a station, so its deletion is
/// never sent (a street is taken apart by hand, not by a sync).
pub(crate) fn street_deleted(root: &Path, ours: &[String]) -> Option<Located> {
    let gone = ours.iter().any(|p| p == "street.toml") && !root.join("street.toml").exists();
    gone.then(|| Located {
        file: "street.toml".into(),
        problem: loupan_core::codec::Problem::error(
            1,
            1,
            loupan_core::tr!(
                "the street's settings were deleted here; every station depends on them, so the deletion is not sent: restore it with `git checkout -- street.toml`",
                "街道设置文件在本机被删除；所有工作站都依赖它，因此不发送这次删除：请用 `git checkout -- street.toml` 恢复"
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_read_into_ours_and_the_rest() {
        let out = [
            "# branch.oid 1234",
            "# branch.head main",
            "# branch.upstream origin/main",
            "# branch.ab +1 -0",
            "1 .M N... 100644 100644 100644 aaa bbb stations/s1/t1.toml",
            "2 R. N... 100644 100644 100644 aaa bbb R100 stations/s1/新.toml",
            "stations/s1/旧.toml",
            "u UU N... 100644 100644 100644 100644 a b c stations/s1/t2.toml",
            "? stations/s1/物业底账.csv",
            "? 台账 2.xlsx",
            "? stations/s1/journal/2026-12-07.toml",
        ]
        .join("\0");
        let t = parse(&out);
        assert_eq!(t.branch.as_deref(), Some("main"));
        assert_eq!(t.upstream.as_deref(), Some("origin/main"));
        assert_eq!(
            t.ours,
            [
                "stations/s1/t1.toml",
                "stations/s1/旧.toml",
                "stations/s1/新.toml",
                "stations/s1/journal/2026-12-07.toml"
            ]
        );
        assert_eq!(t.left_out, ["stations/s1/物业底账.csv", "台账 2.xlsx"]);
        assert_eq!(t.unmerged, ["stations/s1/t2.toml"]);
    }

    #[test]
    fn the_attributes_loupan_writes_travel_and_an_unlisted_station_does_not() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        crate::street::init(root, "Lugu").unwrap();
        crate::street::add_station(root, "a", "A").unwrap();
        crate::repo::write_attributes(&root.join("stations/a")).unwrap();
        for attr in [".gitattributes", "stations/a/.gitattributes"] {
            let text = std::fs::read(root.join(attr)).unwrap();
            assert!(
                tracked::problems(Kind::GitMeta, attr, &text).is_empty(),
                "{attr}"
            );
        }
        let street = std::fs::read(root.join("street.toml")).unwrap();
        let paths = [
            "stations/a/t.toml",
            "stations/zz/t.toml",
            "stations/zz/物业底账.csv",
            "street.toml",
        ]
        .map(String::from);
        let found = unlisted(Some(street.as_slice()), &paths);
        assert_eq!(
            found.iter().map(|l| l.file.as_str()).collect::<Vec<_>>(),
            ["stations/zz/t.toml"]
        );
        assert!(unlisted(None, &paths).is_empty(), "no street, no stations");
        assert_eq!(
            unlisted(Some(&b"junk ="[..]), &paths).len(),
            2,
            "a broken street lists none"
        );
    }

    #[test]
    fn a_detached_head_has_no_branch() {
        let t = parse("# branch.oid 1\0# branch.head (detached)\0");
        assert_eq!(t.branch, None);
    }
}
