//! The private store's own git repository. Always named by `--git-dir` and `--work-tree`: run in
//! `.private/` without its own `.git`, git would find the shared repository above it — the one
//! place personal values must never go.

use super::dir_of;
use loupan_core::i18n::Text;
use loupan_core::tr;
use std::path::Path;
use std::process::Command;

pub(crate) fn git(data: &Path) -> Command {
    let dir = dir_of(data);
    let mut c = crate::git::runner::new();
    c.arg("--git-dir")
        .arg(dir.join(".git"))
        .arg("--work-tree")
        .arg(&dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    // commits are the station's, under the name the shared repository knows (asked of git once
    // per data directory: a sync or a purge runs a dozen git commands here)
    let (name, email) = identity(data);
    c.arg("-c")
        .arg(format!("user.name={name}"))
        .arg("-c")
        .arg(format!("user.email={email}"));
    c
}

fn identity(data: &Path) -> (String, String) {
    type Known = std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, (String, String)>>;
    static KNOWN: std::sync::OnceLock<Known> = std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(Default::default);
    if let Some(id) = known.lock().ok().and_then(|k| k.get(data).cloned()) {
        return id;
    }
    let name = crate::git::config_value(data, "user.name").unwrap_or_else(|| "loupan".into());
    let email =
        crate::git::config_value(data, "user.email").unwrap_or_else(|| "loupan@localhost".into());
    if let Ok(mut k) = known.lock() {
        k.insert(data.to_path_buf(), (name.clone(), email.clone()));
    }
    (name, email)
}

pub(crate) fn run(mut c: Command) -> Result<Vec<u8>, Text> {
    let out = c.output().map_err(|_| {
        tr!(
            "cannot run git; is it installed? (Debian: apt-get install git)",
            "无法运行 git；是否已安装？（Debian：apt-get install git）"
        )
    })?;
    if !out.status.success() {
        let raw =
            loupan_core::display::inline(String::from_utf8_lossy(&out.stderr).trim()).into_owned();
        return Err(tr!(
            "git (private store): {raw}",
            "git（私密存储）出错：{raw}"
        ));
    }
    Ok(out.stdout)
}

pub(crate) fn args(data: &Path, a: &[&str]) -> Result<Vec<u8>, Text> {
    let mut c = git(data);
    c.args(a);
    run(c)
}

/// Makes the repository if it is not there yet.
pub(crate) fn ensure(data: &Path) -> Result<(), Text> {
    if dir_of(data).join(".git").is_dir() {
        return Ok(());
    }
    let mut c = crate::git::runner::new();
    c.args(["init", "-q", "-b", "main"]).arg(dir_of(data));
    run(c).map(|_| ())
}

/// Commits whatever changed in the private store; whether there was anything.
pub fn commit(data: &Path, message: &str) -> Result<bool, Text> {
    if !dir_of(data).is_dir() {
        return Ok(false);
    }
    ensure(data)?;
    args(data, &["add", "-A", "--", "."])?;
    let staged = args(data, &["status", "--porcelain", "--untracked-files=no"])?;
    if staged.is_empty() {
        return Ok(false);
    }
    args(data, &["commit", "-q", "--no-verify", "-m", message])?;
    Ok(true)
}

/// Replaces the whole history by one commit of what the files hold now (the branch moves in
/// one atomic `update-ref`: a kill before it leaves the old history whole). The old objects stay
/// until [`forget_old`] — a purge first sends the new history to the private remote.
pub fn squash(data: &Path, message: &str) -> Result<String, Text> {
    ensure(data)?;
    args(data, &["add", "-A", "--", "."])?;
    let tree = String::from_utf8_lossy(&args(data, &["write-tree"])?)
        .trim()
        .to_string();
    let commit = String::from_utf8_lossy(&args(data, &["commit-tree", &tree, "-m", message])?)
        .trim()
        .to_string();
    args(data, &["update-ref", "refs/heads/main", &commit])?;
    args(data, &["symbolic-ref", "HEAD", "refs/heads/main"])?;
    Ok(commit)
}

/// Lets git forget every object the branch (and, when `keep_remote`, the private remote's
/// branch as last seen) no longer reaches: no stored version may still hold a purged value.
/// A kill part way leaves only unreachable objects, which the next purge or sync prunes.
pub fn forget_old(data: &Path, keep_remote: bool) -> Result<(), Text> {
    let refs = String::from_utf8_lossy(&args(data, &["for-each-ref", "--format=%(refname)"])?)
        .into_owned();
    let keep = |r: &str| {
        r == "refs/heads/main"
            || r == super::sync::SYNCED
            || (keep_remote && r == "refs/remotes/origin/main")
    };
    for r in refs.lines().filter(|r| !keep(r)) {
        args(data, &["update-ref", "-d", r])?;
    }
    let git_dir = dir_of(data).join(".git");
    for f in ["ORIG_HEAD", "FETCH_HEAD", "MERGE_HEAD"] {
        let _ = std::fs::remove_file(git_dir.join(f));
    }
    args(data, &["reflog", "expire", "--expire=now", "--all"])?;
    args(data, &["gc", "-q", "--prune=now"])?;
    Ok(())
}
