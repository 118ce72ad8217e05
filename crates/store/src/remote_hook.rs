//! The shared remote's guard: hooks in the street's bare repository that run the loupan binary
//! on the server (no source needed there). `pre-receive` (`loupan remote-hook check`) refuses a
//! push that would leave a loupan file unreadable, adds a file that is not loupan's data, or
//! touches anything but a branch (the receipts are the guard's alone); `post-receive` (`loupan
//! remote-hook receipt`) notes each pushed commit that carries a report with the time it
//! arrived (`refs/notes/loupan-receipts`), which every clone fetches.

use crate::git::runner;
use loupan_core::i18n::Text;
use loupan_core::tr;
use loupan_core::tracked;
use std::path::{Path, PathBuf};

/// The mark in a hook loupan wrote (another tool's hook is never overwritten).
const MARK: &str = "loupan remote-hook";
const ZERO: &str = "0000000000000000000000000000000000000000";
/// git's empty tree: what a new branch is compared with.
const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/// Installs the guard into the bare repository `repo`, running `exe` (this loupan binary, by its
/// full path). Returns the hooks written.
pub fn install(repo: &Path, exe: &Path) -> Result<Vec<PathBuf>, Text> {
    let mut c = runner::in_dir(repo);
    c.args(["rev-parse", "--is-bare-repository"]);
    let bare = runner::must(c).map(|o| o.trim() == "true");
    let r = loupan_core::display::inline(&repo.display().to_string()).into_owned();
    if bare != Ok(true) {
        return Err(tr!(
            "{r} is not a bare git repository (the street's shared remote, like street.git)",
            "{r} 不是裸仓库（应是街道的共享远端，如 street.git）"
        ));
    }
    let exe = exe.display().to_string().replace('\'', "'\\''");
    let mut written = Vec::new();
    for (hook, what) in [("pre-receive", "check"), ("post-receive", "receipt")] {
        let path = repo.join("hooks").join(hook);
        if let Ok(old) = std::fs::read_to_string(&path)
            && !old.contains(MARK)
        {
            let p = path.display();
            return Err(tr!(
                "{p} is another tool's hook; loupan leaves it alone (merge the two by hand: add the line `'{exe}' remote-hook {what}`)",
                "{p} 是其他工具的钩子；loupan 不会覆盖它（请手工合并：加入一行 `'{exe}' remote-hook {what}`）"
            ));
        }
        let script = format!(
            "#!/bin/sh\n# {MARK}: the street's guard, written by `loupan remote-hook install`\nexec '{exe}' {MARK_CMD} {what}\n",
            MARK_CMD = "remote-hook"
        );
        std::fs::create_dir_all(path.parent().unwrap_or(repo))
            .map_err(|e| super::errors::io_text(&e))?;
        super::write::atomic_write(&path, script.as_bytes())?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| super::errors::io_text(&e))?;
        written.push(path);
    }
    // a forced push would take every station's data and reports off the street's branch (the
    // guard already refuses a deletion for the same reason): git itself refuses it
    for key in ["receive.denyNonFastForwards", "receive.denyDeletes"] {
        crate::git::config_set(repo, key, "true").map_err(|e| tr!("{e}", "{e}"))?;
    }
    Ok(written)
}

/// One ref update as git gives it to a hook: `OLD NEW REF`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    pub old: String,
    pub new: String,
    pub name: String,
}

/// The hook's standard input read into updates.
pub fn updates(stdin: &str) -> Vec<Update> {
    stdin
        .lines()
        .filter_map(|l| {
            let mut p = l.split_whitespace();
            Some(Update {
                old: p.next()?.to_string(),
                new: p.next()?.to_string(),
                name: p.next()?.to_string(),
            })
        })
        .collect()
}

/// Why the push must be refused (nothing: it may go in). Run by `pre-receive` in the bare
/// repository, where the pushed objects wait and the refs have not moved yet.
pub fn check(repo: &Path, ups: &[Update]) -> Vec<Text> {
    let mut why = Vec::new();
    for u in ups {
        let name = loupan_core::display::inline(&u.name).into_owned();
        if !u.name.starts_with("refs/heads/") {
            why.push(tr!(
                "{name}: only branches are pushed to the street's remote (its receipts are the remote's own)",
                "{name}：街道的共享远端只接受分支（回执由远端自己记录）"
            ));
        } else if u.new == ZERO {
            why.push(tr!(
                "{name}: deleting a branch of the street's remote is refused (nothing is lost)",
                "{name}：不允许删除街道共享远端的分支（以免丢失数据）"
            ));
        } else {
            why.extend(foreign(repo, &u.new));
            why.extend(unreadable(repo, u));
            why.extend(personal(repo, &u.new));
        }
    }
    why
}

/// Files that are not loupan's data, added by any of the pushed commits (the history keeps
/// what any commit held, so every one is looked at, not only the last).
fn foreign(repo: &Path, new: &str) -> Vec<Text> {
    let mut c = runner::in_dir(repo);
    c.args([
        "log",
        "--no-renames",
        "--diff-filter=A",
        "--name-only",
        "--format=",
        "-z",
        "--diff-merges=first-parent",
        new,
        "--not",
        "--all",
    ]);
    let mut names: Vec<String> = runner::must(c)
        .unwrap_or_default()
        .split('\0')
        .map(|n| n.trim_start_matches('\n').to_string())
        .filter(|n| !n.is_empty() && tracked::kind_of(n).is_none())
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|n| {
            let n = loupan_core::display::inline(&n).into_owned();
            tr!(
                "{n}: not loupan's data (a ledger, an export, a printout?); it never goes to the street",
                "{n}：不是 loupan 的数据（台账、导出文件或打印件？）；不能上传到街道"
            )
        })
        .collect()
}

/// loupan files the push would leave unreadable (or as links), named `FILE:LINE:COL`.
fn unreadable(repo: &Path, u: &Update) -> Vec<Text> {
    let old = if u.old == ZERO { EMPTY_TREE } else { &u.old };
    let mut c = runner::in_dir(repo);
    c.args(["diff-tree", "-r", "-z", "--no-renames", old, &u.new]);
    let out = runner::must(c).unwrap_or_default();
    // `:OLDMODE NEWMODE OLDSHA NEWSHA STATUS` then the path
    let mut fields = out.split('\0');
    let mut wanted: Vec<(String, String)> = Vec::new();
    let mut why = Vec::new();
    while let (Some(meta), Some(path)) = (fields.next(), fields.next()) {
        let m: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let (Some(mode), Some(sha), Some(status)) = (m.get(1), m.get(3), m.get(4)) else {
            continue;
        };
        if *status == "D" || tracked::kind_of(path).is_none() {
            continue;
        }
        if !mode.starts_with("100") {
            let p = loupan_core::display::inline(path).into_owned();
            why.push(tr!(
                "{p}: a link or a submodule, never loupan's data",
                "{p}：是链接或子模块，不是 loupan 的数据"
            ));
        } else {
            wanted.push((path.to_string(), sha.to_string()));
        }
    }
    let mut shas: Vec<String> = wanted.iter().map(|(_, s)| s.clone()).collect();
    shas.push(format!("{}:street.toml", u.new));
    let mut street = Vec::new();
    let _ = crate::git::batch(repo, &shas, |i, body| {
        let Some((path, _)) = wanted.get(i) else {
            // the street's own list of stations, as the push leaves it (none: no station is one)
            street = body.unwrap_or_default().to_vec();
            return;
        };
        if let (Some(kind), Some(bytes)) = (tracked::kind_of(path), body) {
            why.extend(
                tracked::problems(kind, path, bytes)
                    .into_iter()
                    .map(|p| at(path, p)),
            );
        }
    });
    let paths: Vec<String> = wanted.into_iter().map(|(p, _)| p).collect();
    let unlisted = crate::sync::stage::unlisted(Some(street.as_slice()), &paths);
    why.extend(unlisted.into_iter().map(|l| at(&l.file, l.problem)));
    why
}

/// Personal values in any commit the push adds (not only its last: the history keeps each),
/// in loupan's files and in the commits' messages; files that are not loupan's are `foreign`'s.
fn personal(repo: &Path, new: &str) -> Vec<Text> {
    match crate::sync::stage::personal_in(repo, &[new, "--not", "--all"]) {
        Ok(found) => found
            .into_iter()
            .filter(|l| l.file.starts_with("commit ") || tracked::kind_of(&l.file).is_some())
            .map(|l| at(&l.file, l.problem))
            .collect(),
        Err(e) => vec![e.text()],
    }
}

/// A problem of `path`, as `FILE:LINE:COL: …`.
fn at(path: &str, p: loupan_core::codec::Problem) -> Text {
    let at = loupan_core::display::inline(path).into_owned();
    Text::by(move |lang| format!("{at}:{}", p.render(lang)))
}

/// Notes each pushed commit that carries a report with the time it arrived (the first arrival
/// stands). Run by `post-receive`, after the refs moved.
pub fn receipt(repo: &Path, ups: &[Update]) {
    let now = jiff::Timestamp::now().as_second();
    for u in ups
        .iter()
        .filter(|u| u.name.starts_with("refs/heads/") && u.new != ZERO)
    {
        let range = if u.old == ZERO {
            u.new.clone()
        } else {
            format!("{}..{}", u.old, u.new)
        };
        let mut c = runner::in_dir(repo);
        c.args(["rev-list", &range, "--", "reports/"]);
        for commit in runner::must(c).unwrap_or_default().lines() {
            note(repo, commit, now);
        }
    }
}

/// One receipt, tried again while another push's receipt holds the notes' lock.
fn note(repo: &Path, commit: &str, now: i64) {
    for attempt in 0..20u64 {
        let mut c = runner::in_dir(repo);
        c.env("GIT_AUTHOR_NAME", "loupan remote-hook")
            .env("GIT_AUTHOR_EMAIL", "remote-hook@loupan")
            .env("GIT_COMMITTER_NAME", "loupan remote-hook")
            .env("GIT_COMMITTER_EMAIL", "remote-hook@loupan")
            .args(["notes", "--ref", super::proof::RECEIPTS, "add"])
            .args(["-m", &format!("received {now}"), commit]);
        if runner::output(c).is_ok_and(|o| o.status.success()) {
            return;
        }
        let mut has = runner::in_dir(repo);
        has.args(["notes", "--ref", super::proof::RECEIPTS, "show", commit]);
        if runner::output(has).is_ok_and(|o| o.status.success()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20 + attempt * 20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hooks_input_reads_into_updates() {
        let u = updates(&format!(
            "{ZERO} abc refs/heads/main\n\nabc def refs/notes/x\n"
        ));
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].name, "refs/heads/main");
        assert_eq!(u[1].old, "abc");
    }

    #[test]
    fn anything_but_a_branch_and_a_deletion_are_refused() {
        let t = tempfile::tempdir().unwrap();
        let ups = updates(&format!(
            "abc {ZERO} refs/heads/main\nabc def refs/notes/loupan-receipts\n"
        ));
        let why = check(t.path(), &ups);
        assert_eq!(why.len(), 2, "{why:?}");
        assert!(why[0].en.contains("deleting a branch"));
        assert!(why[1].en.contains("only branches"));
    }
}
