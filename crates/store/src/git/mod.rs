//! Git, by running the `git` command (as lazygit does): no library, every call visible in
//! `GIT_TRACE`. Paths come back with `-z` so Chinese names are not octal-escaped.

use loupan_core::i18n::Text;
use loupan_core::ids::{BuildingId, CommitId};
use loupan_core::tr;
use std::path::Path;
use std::process::{Command, Output};

mod batch;
pub mod runner;
use batch::read_answers;
pub(crate) use batch::{all_objects, batch, trees};

type Result<T> = std::result::Result<T, Text>;

fn git(dir: &Path) -> Command {
    let mut c = runner::in_dir(dir);
    // reading never takes the index's lock from a colleague's commit
    c.env("GIT_OPTIONAL_LOCKS", "0");
    c
}

fn run(mut c: Command) -> Result<Output> {
    c.output().map_err(|_| {
        tr!(
            "cannot run git; is it installed? (Debian: apt-get install git)",
            "无法运行 git；是否已安装？（Debian：apt-get install git）"
        )
    })
}

fn ok_stdout(c: Command) -> Result<Vec<u8>> {
    let out = run(c)?;
    if !out.status.success() {
        return Err(explain(&String::from_utf8_lossy(&out.stderr)));
    }
    Ok(out.stdout)
}

/// git's own message, with what to do about the failures staff meet.
fn explain(stderr: &str) -> Text {
    let raw = loupan_core::display::inline(stderr.trim()).into_owned();
    if raw.contains("Author identity unknown")
        || raw.contains("Please tell me who you are")
        || raw.contains("empty ident name")
    {
        return tr!(
            "git does not know who you are, so it cannot commit. Set your name once: git config --global user.name \"王芳\" and git config --global user.email \"wangfang@example.org\"",
            "git 还不知道你是谁，所以无法提交。请先设置一次姓名：git config --global user.name \"王芳\"，以及 git config --global user.email \"wangfang@example.org\""
        );
    }
    if raw.contains("nothing to commit") {
        return tr!("nothing to commit", "没有需要提交的修改");
    }
    tr!("git: {raw}", "git 出错：{raw}")
}

fn zsplit(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

/// Whether the directory is inside a git work tree.
pub(crate) fn is_repo(dir: &Path) -> bool {
    let mut c = git(dir);
    c.args(["rev-parse", "--is-inside-work-tree"]);
    run(c).is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"true"))
}

/// Where git keeps the repository's own data (shared by every worktree).
pub(crate) fn common_dir(dir: &Path) -> Option<std::path::PathBuf> {
    let mut c = git(dir);
    c.args(["rev-parse", "--git-common-dir"]);
    let out = run(c).ok().filter(|o| o.status.success())?;
    let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!p.is_empty()).then(|| dir.join(p))
}

pub(crate) fn has_head(dir: &Path) -> bool {
    let mut c = git(dir);
    c.args(["rev-parse", "--verify", "-q", "HEAD"]);
    run(c).is_ok_and(|o| o.status.success())
}

/// A commit id for a revision, or for a date (`2020-02-14`: the last commit of that day).
pub(crate) fn resolve_rev(dir: &Path, rev: &str) -> Result<CommitId> {
    let is_date = rev.len() == 10 && rev.parse::<jiff::civil::Date>().is_ok();
    let mut c = git(dir);
    if is_date {
        c.args([
            "rev-list",
            "-1",
            &format!("--before={rev} 23:59:59"),
            "HEAD",
        ]);
    } else {
        c.args(["rev-parse", "--verify", "-q", &format!("{rev}^{{commit}}")]);
    }
    let shown = loupan_core::display::inline(rev).into_owned();
    let out = ok_stdout(c).map_err(|_| {
        tr!(
            "`{shown}` is not a revision here (a commit, a branch, HEAD~3, or a date like 2026-11-20)",
            "“{shown}”不是这里的版本（可以是提交、分支、HEAD~3，或 2026-11-20 这样的日期）"
        )
    })?;
    let out = String::from_utf8_lossy(&out).trim().to_string();
    CommitId::parse(&out).ok_or_else(|| {
        tr!(
            "no commit at or before `{shown}`",
            "“{shown}”当天或之前没有提交"
        )
    })
}

/// The file at a revision, relative to `dir`; `None` if it did not exist there.
pub(crate) fn show(dir: &Path, rev: &str, file: &str) -> Option<Vec<u8>> {
    let mut c = git(dir);
    c.args(["show", &format!("{rev}:./{file}")]);
    run(c).ok().filter(|o| o.status.success()).map(|o| o.stdout)
}

/// Building ids present in `dir` at a revision.
pub(crate) fn ids_at(dir: &Path, rev: &str) -> Result<Vec<BuildingId>> {
    let mut c = git(dir);
    c.args(["ls-tree", "-z", "--name-only", rev, "."]);
    Ok(building_ids(zsplit(&ok_stdout(c)?)))
}

/// The last commit of the current branch's own line (first parents: what the branch held then,
/// whichever side branch a change was made on) made by the end of `day`; `None` before the first.
pub(crate) fn commit_by_end_of(dir: &Path, day: jiff::civil::Date) -> Result<Option<CommitId>> {
    if !has_head(dir) {
        return Ok(None);
    }
    let mut c = git(dir);
    c.args([
        "rev-list",
        "-1",
        "--first-parent",
        &format!("--before={day} 23:59:59"),
        "HEAD",
    ]);
    let out = String::from_utf8_lossy(&ok_stdout(c)?).trim().to_string();
    Ok(CommitId::parse(&out))
}

/// Every building file in `dir` at a revision, read through one `git cat-file --batch` (a
/// district's 33 files in two processes, not 33).
pub(crate) fn files_at(dir: &Path, rev: &str) -> Result<Vec<(BuildingId, Vec<u8>)>> {
    let trees = trees(dir, &[rev.to_string()])?;
    let wanted = trees.into_iter().next().flatten().unwrap_or_default();
    let mut files = Vec::with_capacity(wanted.len());
    let oids: Vec<String> = wanted.iter().map(|(_, oid)| oid.clone()).collect();
    batch(dir, &oids, |i, body| {
        if let Some(b) = body {
            files.push((wanted[i].0.clone(), b.to_vec()));
        }
    })?;
    Ok(files)
}

/// Building files at a commit: (id, blob id), sorted by id.
pub type Files = Vec<(BuildingId, String)>;

/// The branch's own line (first parents), newest first: (commit, the local day it was
/// committed), as `--before` reads dates; whether the clone is shallow (its oldest commit is
/// then not the first).
pub(crate) fn first_parent_line(dir: &Path) -> Result<(Vec<(String, jiff::civil::Date)>, bool)> {
    if !has_head(dir) {
        return Ok((Vec::new(), false));
    }
    let mut c = git(dir);
    c.args([
        "log",
        "--first-parent",
        "--format=%H %cd",
        "--date=format-local:%Y-%m-%d",
        "HEAD",
    ]);
    let line = String::from_utf8_lossy(&ok_stdout(c)?)
        .lines()
        .filter_map(|l| {
            let (h, d) = l.split_once(' ')?;
            Some((h.to_string(), d.trim().parse().ok()?))
        })
        .collect();
    let mut s = git(dir);
    s.args(["rev-parse", "--is-shallow-repository"]);
    let shallow = ok_stdout(s).is_ok_and(|o| o.starts_with(b"true"));
    Ok((line, shallow))
}

/// Building ids whose files differ between two revisions.
pub(crate) fn changed_between(dir: &Path, a: &str, b: &str) -> Result<Vec<BuildingId>> {
    let mut c = git(dir);
    c.args(["diff", "--name-only", "--relative", "-z", a, b, "--", "."]);
    Ok(building_ids(zsplit(&ok_stdout(c)?)))
}

/// The building ids among paths relative to the data directory, sorted, once each.
fn building_ids(names: Vec<String>) -> Vec<BuildingId> {
    let mut ids: Vec<BuildingId> = names
        .into_iter()
        .filter(|n| !n.contains('/'))
        .filter_map(|n| BuildingId::parse(n.strip_suffix(".toml")?).ok())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Building files in `dir` whose contents differ from a revision's, as git tells from its index
/// and the files' stat (tracked files only).
pub(crate) fn differing_ids(dir: &Path, rev: &str) -> Result<Vec<BuildingId>> {
    let mut c = git(dir);
    c.args(["diff", "--name-only", "--relative", "-z", rev, "--", "."]);
    Ok(building_ids(zsplit(&ok_stdout(c)?)))
}

/// Building files in `dir` that differ from a revision (untracked ones included).
pub(crate) fn changed_ids(dir: &Path, rev: &str) -> Result<Vec<BuildingId>> {
    let mut c = git(dir);
    c.args(["diff", "--name-only", "--relative", "-z", rev, "--", "."]);
    let mut names = zsplit(&ok_stdout(c)?);
    let mut u = git(dir);
    u.args([
        "ls-files",
        "--others",
        "--exclude-standard",
        "-z",
        "--",
        ".",
    ]);
    names.extend(zsplit(&ok_stdout(u)?));
    Ok(building_ids(names))
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BranchState {
    pub branch: String,
    pub ahead: usize,
    pub behind: usize,
}

pub(crate) fn branch_state(dir: &Path) -> Result<BranchState> {
    let mut c = git(dir);
    c.args([
        "status",
        "--porcelain=v2",
        "--branch",
        "-z",
        "--untracked-files=no",
    ]);
    let mut s = BranchState::default();
    for line in zsplit(&ok_stdout(c)?) {
        if let Some(h) = line.strip_prefix("# branch.head ") {
            s.branch = h.to_string();
        } else if let Some(ab) = line.strip_prefix("# branch.ab ") {
            for part in ab.split(' ') {
                if let Some(n) = part.strip_prefix('+') {
                    s.ahead = n.parse().unwrap_or(0);
                } else if let Some(n) = part.strip_prefix('-') {
                    s.behind = n.parse().unwrap_or(0);
                }
            }
        }
    }
    Ok(s)
}

/// Every version of a file, newest first: (commit, date, author) and its bytes (`None` where the
/// commit deleted it). `git log` streams the commits straight into `git cat-file --batch`, so the
/// two run side by side rather than one after the other.
pub type Version = ((String, String, String), Option<Vec<u8>>);

pub(crate) fn file_versions(dir: &Path, file: &str) -> Result<Vec<Version>> {
    use std::io::{BufRead, Write};
    use std::process::Stdio;
    let cannot = || {
        tr!(
            "cannot run git; is it installed? (Debian: apt-get install git)",
            "无法运行 git；是否已安装？（Debian：apt-get install git）"
        )
    };
    let mut log = git(dir);
    log.args([
        "log",
        "--format=%H%x09%ad%x09%an",
        "--date=format:%Y-%m-%d %H:%M",
        "--",
        file,
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut log = log.spawn().map_err(|_| cannot())?;
    let mut cat = git(dir);
    cat.args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut cat = cat.spawn().map_err(|_| cannot())?;
    let (Some(log_out), Some(mut cat_in), Some(cat_out)) =
        (log.stdout.take(), cat.stdin.take(), cat.stdout.take())
    else {
        return Err(cannot());
    };
    let path = file.to_string();
    let feeder = std::thread::spawn(move || {
        let mut commits = Vec::new();
        for line in std::io::BufReader::new(log_out)
            .lines()
            .map_while(|l| l.ok())
        {
            let mut p = line.splitn(3, '\t');
            let (Some(h), Some(d), Some(a)) = (p.next(), p.next(), p.next()) else {
                continue;
            };
            if writeln!(cat_in, "{h}:./{path}").is_err() {
                break;
            }
            commits.push((h.to_string(), d.to_string(), a.to_string()));
        }
        commits
    });
    let mut bodies: Vec<Option<Vec<u8>>> = Vec::new();
    let mut r = std::io::BufReader::new(cat_out);
    read_answers(&mut r, usize::MAX, |_, body| {
        bodies.push(body.map(<[u8]>::to_vec))
    });
    let commits = feeder.join().unwrap_or_default();
    let status = log.wait_with_output().map_err(|_| cannot())?;
    let _ = cat.wait();
    if !status.status.success() {
        return Err(explain(&String::from_utf8_lossy(&status.stderr)));
    }
    Ok(commits.into_iter().zip(bodies).collect())
}

/// Each commit that changed a file, with its parents among those commits (git's simplified
/// history of the file: `git log --parents`), so that a change merged in from another line is
/// followed to the commit that made it.
pub(crate) fn file_parents(
    dir: &Path,
    file: &str,
) -> Result<std::collections::HashMap<String, Vec<String>>> {
    let mut c = git(dir);
    c.args(["log", "--parents", "--format=%H%x09%P", "--", file]);
    let out = ok_stdout(c)?;
    Ok(String::from_utf8_lossy(&out)
        .lines()
        .filter_map(|l| {
            let (h, p) = l.split_once('\t')?;
            Some((
                h.to_string(),
                p.split_whitespace().map(str::to_string).collect(),
            ))
        })
        .collect())
}

/// Commits the data directory's building files with a message.
pub(crate) fn commit(dir: &Path, message: &str) -> Result<CommitId> {
    let mut add = git(dir);
    add.args(["add", "-A", "--", "."]);
    ok_stdout(add)?;
    let mut c = git(dir);
    c.args(["commit", "-q", "-m", message, "--", "."]);
    let out = run(c)?;
    if !out.status.success() {
        let all = format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        return Err(explain(&all));
    }
    let mut h = git(dir);
    h.args(["rev-parse", "HEAD"]);
    let id = String::from_utf8_lossy(&ok_stdout(h)?).trim().to_string();
    CommitId::parse(&id).ok_or_else(|| Text::same(format!("git rev-parse HEAD: {id}")))
}

pub(crate) fn config_get(dir: &Path, key: &str) -> Option<String> {
    let mut c = git(dir);
    c.args(["config", "--local", "--get", key]);
    run(c)
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

/// A config value as git sees it for this repository (local, global or system).
pub(crate) fn config_value(dir: &Path, key: &str) -> Option<String> {
    let mut c = git(dir);
    c.args(["config", "--get", key]);
    run(c)
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

pub(crate) fn config_set(dir: &Path, key: &str, value: &str) -> Result<()> {
    let mut c = git(dir);
    c.args(["config", "--local", key, value]);
    ok_stdout(c).map(|_| ())
}

/// `git merge-file`: a plain text three-way merge into `ours`, with conflict markers.
pub fn merge_file(ours: &Path, base: &Path, theirs: &Path) -> Result<bool> {
    let mut c = runner::new();
    c.args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(ours)
        .arg(base)
        .arg(theirs);
    let out = run(c)?;
    match out.status.code() {
        Some(0) => Ok(true),
        Some(n) if n > 0 => Ok(false),
        _ => Err(explain(&String::from_utf8_lossy(&out.stderr))),
    }
}

/// Files under `pathspec` whose working-tree contents are the index's, with the index's blob
/// id: `ls-files -s` for the ids, `diff` (not `diff-files`, which takes a file only touched for
/// changed) for those whose contents differ. Paths relative to `dir`.
pub(crate) fn clean_blobs(dir: &Path, pathspec: &str) -> Result<Vec<(String, String)>> {
    let mut d = git(dir);
    d.args(["diff", "--name-only", "--relative", "-z", "--", pathspec]);
    let dirty: std::collections::HashSet<String> = zsplit(&ok_stdout(d)?).into_iter().collect();
    let mut l = git(dir);
    l.args(["ls-files", "-s", "-z", "--", pathspec]);
    Ok(zsplit(&ok_stdout(l)?)
        .into_iter()
        .filter_map(|line| {
            // `MODE OID STAGE\tPATH`; only stage 0 (not in a merge)
            let (head, path) = line.split_once('\t')?;
            let mut parts = head.split(' ');
            let (_, oid, stage) = (parts.next()?, parts.next()?, parts.next()?);
            (stage == "0" && !dirty.contains(path)).then(|| (path.to_string(), oid.to_string()))
        })
        .collect())
}
