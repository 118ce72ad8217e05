//! `loupan sync` (SPEC §13): the station's repository and the shared remote made one again —
//! uncommitted edits committed, the remote's commits fetched and merged unit by unit (loupan's
//! merge driver), ours pushed; a push refused because someone was first is merged and tried
//! again, a bounded number of times with growing pauses. Nothing local is ever dropped: offline,
//! or with a remote that is broken, the commits stay for the next sync and the error says so.
//! The private store is not synced here: it never goes to the street's remote.

use super::lock::Lock;
use loupan_core::i18n::Text;
use loupan_core::tr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a sync did.
#[derive(Debug, Default)]
pub struct Synced {
    /// Files committed before syncing (edits not yet committed).
    pub committed: usize,
    /// Commits the remote had that this clone did not.
    pub received: usize,
    /// Commits this clone sent.
    pub sent: usize,
    /// Pushes refused because someone else was first (then merged and retried).
    pub retries: usize,
    /// The private store's sync, when it has a remote of its own.
    pub private: Option<super::private::sync::PrivateSynced>,
}

/// How many times a refused push is merged and tried again (measured in BENCHMARKS.md: with two
/// clones syncing back to back, 8 tries still lost 1 sync in 150; a person's syncs are minutes
/// apart).
const ATTEMPTS: usize = 20;

fn git_in(root: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(root).env("LC_ALL", "C");
    c
}

fn out(mut c: Command) -> Result<(bool, String), Text> {
    let o = c.output().map_err(|_| {
        tr!(
            "cannot run git; is it installed? (Debian: apt-get install git)",
            "无法运行 git；是否已安装？（Debian：apt-get install git）"
        )
    })?;
    let mut text = String::from_utf8_lossy(&o.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&o.stderr));
    Ok((o.status.success(), text))
}

fn run(root: &Path, args: &[&str]) -> Result<(bool, String), Text> {
    let mut c = git_in(root);
    c.args(args);
    out(c)
}

fn must(root: &Path, args: &[&str]) -> Result<String, Text> {
    match run(root, args)? {
        (true, s) => Ok(s),
        (false, s) => {
            let raw = loupan_core::display::inline(s.trim()).into_owned();
            Err(tr!("git: {raw}", "git 出错：{raw}"))
        }
    }
}

/// The repository's top folder.
pub fn toplevel(dir: &Path) -> Result<PathBuf, Text> {
    let s = must(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        let d = dir.display();
        tr!(
            "{d} is not in a git repository; clone the street's repository first (README: The street)",
            "{d} 不在 git 仓库里；请先克隆街道的共享仓库（见 README“街道”）"
        )
    })?;
    Ok(PathBuf::from(s.trim()))
}

/// Syncs the repository `dir` is in; `who` names the commit of uncommitted edits.
pub fn sync(dir: &Path, who: &str) -> Result<Synced, Text> {
    let root = toplevel(dir)?;
    let git_dir = PathBuf::from(must(&root, &["rev-parse", "--absolute-git-dir"])?.trim());
    // two syncs of one clone at once would race on the index and the branch
    // (in loupan's own folder inside git's, beside its counts cache)
    let mine = git_dir.join("loupan");
    let _ = std::fs::create_dir_all(&mine);
    let _lock = Lock::take(&mine.join("sync"))?;
    super::repo::ensure_driver(&root)?;
    let mut s = Synced {
        committed: commit_all(&root, who)?,
        ..Synced::default()
    };
    let branch = must(&root, &["symbolic-ref", "--short", "HEAD"])?
        .trim()
        .to_string();
    let remote = remote_of(&root, &branch)?;
    for attempt in 0..ATTEMPTS {
        fetch(&root, &remote)?;
        let theirs = format!("refs/remotes/{remote}/{branch}");
        let has_theirs = run(&root, &["rev-parse", "--verify", "-q", &theirs])?.0;
        if has_theirs {
            s.received += count(&root, &format!("HEAD..{theirs}"))?;
            merge(&root, &theirs)?;
        }
        let ahead = if has_theirs {
            count(&root, &format!("{theirs}..HEAD"))?
        } else {
            count(&root, "HEAD")?
        };
        if ahead == 0 {
            break;
        }
        let (ok, said) = run(
            &root,
            &["push", "-q", &remote, &format!("HEAD:refs/heads/{branch}")],
        )?;
        if ok {
            s.sent = ahead;
            break;
        }
        if !refused(&said) {
            return Err(unreachable(&said, ahead));
        }
        if attempt + 1 == ATTEMPTS {
            return Err(tr!(
                "others pushed first {ATTEMPTS} times in a row (the shared remote is busy); nothing is lost: your commits stay here — run `loupan sync` again in a moment",
                "连续 {ATTEMPTS} 次都有人先推送（共享远端繁忙）；没有丢失任何内容：你的提交保留在本机——请稍后再运行 `loupan sync`"
            ));
        }
        // someone was first: merge theirs and try again, after a pause that grows and differs
        // between clones (so two retrying clones do not collide again and again)
        s.retries += 1;
        let jitter = u64::from(std::process::id() % 97);
        let pause = (40u64 << attempt.min(5)).min(1_000) + jitter;
        std::thread::sleep(std::time::Duration::from_millis(pause));
    }
    Ok(s)
}

/// Commits every uncommitted change of the work tree (the private store is ignored by the
/// repository); how many files.
fn commit_all(root: &Path, who: &str) -> Result<usize, Text> {
    let files = uncommitted(root)?;
    if files == 0 {
        return Ok(0);
    }
    must(root, &["add", "-A"])?;
    let when = super::journal::now().strftime("%Y-%m-%d %H:%M");
    let msg = format!("sync: {files} files by {who} at {when}");
    must(root, &["commit", "-q", "--no-verify", "-m", &msg])?;
    Ok(files)
}

/// The remote the branch follows, else `origin`; an error when there is none.
fn remote_of(root: &Path, branch: &str) -> Result<String, Text> {
    let configured = run(
        root,
        &["config", "--get", &format!("branch.{branch}.remote")],
    )?;
    let remote = match configured {
        (true, r) if !r.trim().is_empty() => r.trim().to_string(),
        _ => "origin".to_string(),
    };
    if !run(root, &["remote", "get-url", &remote])?.0 {
        return Err(tr!(
            "this repository has no shared remote to sync with; add the street's: git remote add origin URL",
            "这个仓库没有可同步的共享远端；请添加街道的远端：git remote add origin 地址"
        ));
    }
    Ok(remote)
}

fn fetch(root: &Path, remote: &str) -> Result<(), Text> {
    let (ok, said) = run(root, &["fetch", "-q", remote])?;
    if ok {
        return Ok(());
    }
    let ahead = count(root, "HEAD").unwrap_or(0);
    Err(unreachable(&said, ahead.min(1)))
}

fn unreachable(said: &str, kept: usize) -> Text {
    let raw = loupan_core::display::inline(said.trim()).into_owned();
    if kept > 0 {
        tr!(
            "cannot reach the shared remote ({raw}); nothing is lost: your commits stay here and go up at the next `loupan sync`",
            "无法连接共享远端（{raw}）；没有丢失任何内容：你的提交保留在本机，下次 `loupan sync` 时再上传"
        )
    } else {
        tr!(
            "cannot reach the shared remote ({raw}); try `loupan sync` again later",
            "无法连接共享远端（{raw}）；请稍后再运行 `loupan sync`"
        )
    }
}

/// Whether a push was refused because the remote moved on (someone else pushed first).
fn refused(said: &str) -> bool {
    [
        "non-fast-forward",
        "fetch first",
        "rejected",
        "failed to update ref",
        "cannot lock ref",
    ]
    .iter()
    .any(|m| said.contains(m))
}

fn count(root: &Path, range: &str) -> Result<usize, Text> {
    Ok(must(root, &["rev-list", "--count", range])?
        .trim()
        .parse()
        .unwrap_or(0))
}

/// Merges the remote's branch; a conflict loupan's driver could not settle is undone (the
/// local commits stay) and named.
fn merge(root: &Path, theirs: &str) -> Result<(), Text> {
    let (ok, said) = run(root, &["merge", "-q", "--no-edit", theirs])?;
    if ok {
        return Ok(());
    }
    let files = must(root, &["diff", "--name-only", "--diff-filter=U"]).unwrap_or_default();
    let _ = run(root, &["merge", "--abort"]);
    let files = files.split_whitespace().collect::<Vec<_>>().join(", ");
    let raw = loupan_core::display::inline(said.trim()).into_owned();
    Err(tr!(
        "the remote's changes clash with yours in {files} (the same field of a unit changed both ways); nothing was merged or lost. Run `git merge {theirs}`, then `loupan check` shows each clash and how to settle it. ({raw})",
        "远端的修改与你的修改在 {files} 冲突（同一单元的同一字段两边都改了）；没有合并，也没有丢失任何内容。请运行 `git merge {theirs}`，再用 `loupan check` 查看每处冲突及解决办法。（{raw}）"
    ))
}

/// The URLs of the repository's remotes.
pub fn remote_urls(root: &Path) -> Vec<String> {
    let Ok(names) = must(root, &["remote"]) else {
        return Vec::new();
    };
    names
        .lines()
        .filter_map(|n| must(root, &["remote", "get-url", n.trim()]).ok())
        .map(|u| u.trim().to_string())
        .collect()
}

/// What a sync did, in words: the CLI's lines and the map's notice.
pub fn said(s: &Synced) -> Vec<Text> {
    let mut out = Vec::new();
    let (c, r, n, k) = (s.committed, s.received, s.sent, s.retries);
    if c > 0 {
        out.push(tr!(
            "committed {c} changed files first",
            "先提交了 {c} 个有改动的文件"
        ));
    }
    if k > 0 {
        out.push(tr!(
            "someone else pushed first {k} times; their changes were merged and ours sent again",
            "有人先推送了 {k} 次；已合并他们的修改并重新发送"
        ));
    }
    out.push(tr!(
        "synced: {r} commits received, {n} sent",
        "已同步：收到 {r} 个提交，发出 {n} 个"
    ));
    if let Some(p) = &s.private {
        if p.purged_elsewhere {
            out.push(tr!(
                "the private store was purged on another laptop: what is past retention is dropped here too, and your own edits since were kept",
                "私密存储已在另一台电脑上清除：超过保存期限的信息在本机也已删除，你之后的修改都已保留"
            ));
        }
        let c = p.clashes;
        if c > 0 {
            out.push(tr!(
                "{c} personal fields were changed both here and elsewhere; this laptop's values were kept",
                "有 {c} 个个人信息字段在本机和别处都被修改；保留了本机的值"
            ));
        }
        out.push(tr!(
            "the private store is synced with its own remote",
            "私密存储已与其自己的远端同步"
        ));
    }
    out
}

/// How many files of the repository `dir` is in are changed and not committed (what a sync
/// would commit first).
pub fn uncommitted(dir: &Path) -> Result<usize, Text> {
    let root = toplevel(dir)?;
    let status = must(&root, &["status", "--porcelain", "--untracked-files=all"])?;
    Ok(status.lines().filter(|l| !l.trim().is_empty()).count())
}
