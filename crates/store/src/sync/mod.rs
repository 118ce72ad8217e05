//! `loupan sync` (docs/sync.md): the station's repository and the shared remote made one
//! again — loupan's own changed files committed (nothing else), the remote's commits fetched and
//! merged unit by unit (loupan's merge driver), ours pushed; a push refused because someone was
//! first is merged and tried again, a bounded number of times with growing pauses. Nothing local
//! is ever dropped: offline, refused, or with a remote whose history was rewritten, the commits
//! stay and the error says what happened (`SyncError`, with its exit code). Nothing that does
//! not read is ever committed or sent. The private store is synced by `Station::sync`, after
//! this: it never goes to the street's remote.
//!
//! With nothing to do a sync starts four git processes: `rev-parse`, `status`, `fetch` and
//! `rev-list` (BENCHMARKS.md).

mod error;
pub(crate) mod stage;

pub use error::SyncError;

use super::lock::Lock;
use crate::git::runner::{self, GitError};
use loupan_core::i18n::{Lang, Text};
use loupan_core::tr;
use std::path::{Path, PathBuf};

/// What a sync did.
#[derive(Debug, Default)]
pub struct Synced {
    /// loupan files committed before syncing (edits not yet committed).
    pub committed: usize,
    /// Files in the work tree that are not loupan's data: named, never committed.
    pub left_out: Vec<String>,
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

/// The repository's top folder and git's own folder, in one `rev-parse`.
fn locate(dir: &Path) -> Result<(PathBuf, PathBuf), SyncError> {
    let mut c = runner::in_dir(dir);
    c.args(["rev-parse", "--show-toplevel", "--absolute-git-dir"]);
    let out = runner::must(c).map_err(|e| match e {
        GitError::Missing => SyncError::Git(e),
        _ => SyncError::NotARepo(dir.to_path_buf()),
    })?;
    let mut lines = out.lines();
    match (lines.next(), lines.next()) {
        (Some(top), Some(git)) => Ok((PathBuf::from(top), PathBuf::from(git))),
        _ => Err(SyncError::NotARepo(dir.to_path_buf())),
    }
}

/// The repository's top folder.
pub fn toplevel(dir: &Path) -> Result<PathBuf, Text> {
    locate(dir).map(|(top, _)| top).map_err(|e| e.text())
}

/// Syncs the repository `dir` is in; `who` (asked only when there is something to commit) and
/// `lang` word the commit of uncommitted edits.
pub fn sync(dir: &Path, who: &dyn Fn() -> String, lang: Lang) -> Result<Synced, SyncError> {
    let (root, git_dir) = locate(dir)?;
    // two syncs of one clone at once would race on the index and the branch
    // (in loupan's own folder inside git's, beside its counts cache)
    let mine = git_dir.join("loupan");
    let _ = std::fs::create_dir_all(&mine);
    let _lock = Lock::take(&mine.join("sync"))?;
    let config = std::fs::read_to_string(git_dir.join("config")).unwrap_or_default();
    if !config.contains("[merge \"loupan\"]") {
        super::repo::ensure_driver(&root)?;
    }
    let tree = stage::tree(&root)?;
    if !tree.unmerged.is_empty() || git_dir.join("MERGE_HEAD").exists() {
        return Err(SyncError::UnfinishedMerge(tree.unmerged));
    }
    let mut broken = stage::unreadable_in_tree(&root, &tree.ours);
    broken.extend(stage::street_deleted(&root, &tree.ours));
    if !broken.is_empty() {
        return Err(SyncError::Unreadable(broken));
    }
    let personal = stage::personal_in_tree(&root, &tree.ours);
    if !personal.is_empty() {
        return Err(SyncError::Personal {
            located: personal,
            committed: false,
        });
    }
    // where it goes is settled before anything is committed (a detached HEAD, no remote)
    let (remote, branch) = remote_of(&root, &tree)?;
    if !config.contains("refs/notes/loupan-") {
        receipts_fetched(&root, &remote);
    }
    let mut s = Synced {
        committed: tree.ours.len(),
        left_out: tree.left_out.clone(),
        ..Synced::default()
    };
    if !tree.ours.is_empty() {
        stage::commit(&root, &tree.ours, &message(tree.ours.len(), &who(), lang))?;
    }
    exchange(&root, &remote, &branch, &mut s)?;
    Ok(s)
}

/// The commit message of a sync's own commit, in the station's language.
fn message(files: usize, who: &str, lang: Lang) -> String {
    let when = super::journal::now().strftime("%Y-%m-%d %H:%M");
    // a phone in the name (`张丽 138…`) would stop every later sync: the message holds none
    let who = loupan_core::private::phone::mask(who).unwrap_or_else(|| who.to_string());
    let who = loupan_core::display::inline(&who);
    tr!(
        "sync: {files} files by {who} at {when}",
        "同步：{who} 于 {when} 提交 {files} 个文件"
    )
    .get(lang)
    .to_string()
}

/// The remote and its branch the checked-out branch follows (else `origin` and the same name).
fn remote_of(root: &Path, tree: &stage::Tree) -> Result<(String, String), SyncError> {
    let branch = tree.branch.clone().ok_or_else(|| {
        SyncError::Git(GitError::Failed(
            "HEAD is detached; check out a branch (git switch main)".into(),
        ))
    })?;
    if let Some((remote, theirs)) = tree.upstream.as_deref().and_then(|u| u.split_once('/')) {
        return Ok((remote.to_string(), theirs.to_string()));
    }
    let mut c = runner::in_dir(root);
    c.arg("remote");
    if !runner::must(c)?.lines().any(|r| r.trim() == "origin") {
        return Err(SyncError::NoRemote);
    }
    Ok(("origin".to_string(), branch))
}

/// Every fetch brings the remote guard's receipts too (`refs/notes/loupan-receipts`: when each
/// report reached the street's remote), set once in the clone's config.
fn receipts_fetched(root: &Path, remote: &str) {
    let mut c = runner::in_dir(root);
    c.args(["config", "--add", &format!("remote.{remote}.fetch")])
        .arg("+refs/notes/loupan-*:refs/notes/loupan-*");
    let _ = runner::must(c);
}

/// Fetch, merge, push, until the remote holds ours or the tries run out.
fn exchange(root: &Path, remote: &str, branch: &str, s: &mut Synced) -> Result<(), SyncError> {
    let theirs = format!("refs/remotes/{remote}/{branch}");
    for attempt in 0..ATTEMPTS {
        fetch(root, remote, &theirs)?;
        let (mut ahead, behind, known) = counts(root, &theirs)?;
        if behind > 0 {
            // the office's own record of when reports first reached it
            super::proof::note_fetched(root, &format!("HEAD..{theirs}"));
            s.received += behind;
            merge(root, &theirs)?;
            ahead = count(root, &format!("{theirs}..HEAD"))?;
        }
        if ahead == 0 {
            return Ok(());
        }
        // what goes up must read: a merge finished by hand with its markers never leaves here
        let base = known.then_some(theirs.as_str());
        let broken = stage::unreadable_in_commits(root, base)?;
        if !broken.is_empty() {
            return Err(SyncError::Unreadable(broken));
        }
        let personal = stage::personal_in_commits(root, base)?;
        if !personal.is_empty() {
            return Err(SyncError::Personal {
                located: personal,
                committed: true,
            });
        }
        let mut c = runner::in_dir(root);
        c.args(["push", "-q", "--porcelain", remote])
            .arg(format!("HEAD:refs/heads/{branch}"));
        match runner::push_outcome(&runner::output(c)?) {
            Ok(()) => {
                s.sent = ahead;
                return Ok(());
            }
            Err(GitError::Behind) => {}
            Err(GitError::Unreachable(said)) => {
                return Err(SyncError::Unreachable { said, kept: ahead });
            }
            Err(e) => return Err(e.into()),
        }
        // someone was first: merge theirs and try again, after a pause that grows and differs
        // between clones (so two retrying clones do not collide again and again)
        s.retries += 1;
        let jitter = u64::from(std::process::id() % 97);
        let pause = (40u64 << attempt.min(5)).min(1_000) + jitter;
        std::thread::sleep(std::time::Duration::from_millis(pause));
    }
    Err(SyncError::Busy(ATTEMPTS))
}

/// Fetches the remote; a forced update of the branch we follow means its history was rewritten:
/// ours is kept on a branch of its own and nothing is merged.
fn fetch(root: &Path, remote: &str, theirs: &str) -> Result<(), SyncError> {
    let mut c = runner::in_dir(root);
    // not `-q`: it silences the porcelain lines too (a forced update would go unseen)
    c.args(["fetch", "--porcelain", remote]);
    let o = runner::output(c)?;
    if !o.status.success() {
        let kept = count(root, &format!("{theirs}..HEAD"))
            .or_else(|_| count(root, "HEAD"))
            .unwrap_or(0);
        return Err(match runner::transport(&o) {
            GitError::Unreachable(said) => SyncError::Unreachable { said, kept },
            e => e.into(),
        });
    }
    // porcelain: `<flag> <old> <new> <ref>`, flag `+` for a forced update
    let out = String::from_utf8_lossy(&o.stdout);
    let forced = out
        .lines()
        .filter(|l| l.starts_with('+') && l.ends_with(&format!(" {theirs}")))
        .find_map(|l| l.split_whitespace().nth(1));
    if let Some(old) = forced {
        // the branch we follow is put back where it was, so that every later sync sees the
        // rewrite again until the clone is made anew (never merged in by the next one)
        let mut back = runner::in_dir(root);
        back.args(["update-ref", theirs, old]);
        let _ = runner::must(back);
        return Err(keep_ours(root));
    }
    Ok(())
}

/// The remote's history was rewritten: HEAD kept on `loupan-kept-DATE-TIME`.
fn keep_ours(root: &Path) -> SyncError {
    let name = format!(
        "loupan-kept-{}",
        super::journal::now().strftime("%Y%m%d-%H%M%S")
    );
    let mut c = runner::in_dir(root);
    // `-f`: two syncs within a second name the same branch, and HEAD holds what it held
    c.args(["branch", "-f", &name, "HEAD"]);
    match runner::must(c) {
        Ok(_) => SyncError::Rewritten { kept: name },
        Err(e) => e.into(),
    }
}

/// (ahead, behind, whether the remote's branch exists) in one `rev-list`.
fn counts(root: &Path, theirs: &str) -> Result<(usize, usize, bool), SyncError> {
    let mut c = runner::in_dir(root);
    c.args([
        "rev-list",
        "--left-right",
        "--count",
        &format!("HEAD...{theirs}"),
    ]);
    let o = runner::output(c)?;
    if !o.status.success() {
        // the remote has no such branch yet: everything of ours goes up
        return Ok((count(root, "HEAD")?, 0, false));
    }
    let text = String::from_utf8_lossy(&o.stdout);
    let mut n = text.split_whitespace().map(|x| x.parse().unwrap_or(0));
    Ok((n.next().unwrap_or(0), n.next().unwrap_or(0), true))
}

fn count(root: &Path, range: &str) -> Result<usize, SyncError> {
    let mut c = runner::in_dir(root);
    c.args(["rev-list", "--count", range]);
    Ok(runner::must(c)?.trim().parse().unwrap_or(0))
}

/// Merges the remote's branch; a conflict loupan's driver could not settle is undone (the
/// local commits stay) and named; histories with nothing in common mean the remote's was
/// rewritten.
fn merge(root: &Path, theirs: &str) -> Result<(), SyncError> {
    let mut c = runner::in_dir(root);
    c.args(["merge", "-q", "--no-edit", theirs]);
    if runner::output(c)?.status.success() {
        return undone_unless_readable(root);
    }
    let mut c = runner::in_dir(root);
    c.args(["diff", "--name-only", "-z", "--diff-filter=U"]);
    let files: Vec<String> = runner::must(c)
        .unwrap_or_default()
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    let mut abort = runner::in_dir(root);
    abort.args(["merge", "--abort"]);
    let _ = runner::output(abort);
    if files.is_empty() {
        let mut base = runner::in_dir(root);
        base.args(["merge-base", "HEAD", theirs]);
        if !runner::output(base)?.status.success() {
            return Err(keep_ours(root));
        }
    }
    Err(SyncError::Clash(files))
}

/// A merge git finished on its own can still leave a loupan file that does not read (a text merge
/// of `street.toml`, a side's junk): then the merge is taken back (`reset --keep`, which never
/// touches uncommitted work) and the files are a clash for a person, never sent.
fn undone_unless_readable(root: &Path) -> Result<(), SyncError> {
    let broken = stage::unreadable_in_commits(root, Some("ORIG_HEAD"))?;
    if broken.is_empty() {
        return Ok(());
    }
    let mut back = runner::in_dir(root);
    back.args(["reset", "-q", "--keep", "ORIG_HEAD"]);
    runner::must(back)?;
    let mut files: Vec<String> = broken.into_iter().map(|l| l.file).collect();
    files.dedup();
    Err(SyncError::Clash(files))
}

/// The URLs of the repository's remotes.
pub fn remote_urls(root: &Path) -> Vec<String> {
    let mut c = runner::in_dir(root);
    c.args(["remote", "-v"]);
    let mut urls: Vec<String> = runner::must(c)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .collect();
    urls.dedup();
    urls
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
    if !s.left_out.is_empty() {
        let files = s
            .left_out
            .iter()
            .map(|f| loupan_core::display::inline(f).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        out.push(tr!(
            "left out, not loupan's data (never sent): {files}",
            "未上传（不是 loupan 的数据，不会发送）：{files}"
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
        out.extend(super::private::sync::said(p));
    }
    out
}

/// How many of loupan's files in the repository `dir` is in are changed and not committed (what
/// a sync would commit first).
pub fn uncommitted(dir: &Path) -> Result<usize, Text> {
    let (root, _) = locate(dir).map_err(|e| e.text())?;
    Ok(stage::tree(&root)
        .map_err(|e| SyncError::from(e).text())?
        .ours
        .len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) -> String {
        let mut c = runner::in_dir(dir);
        c.args(args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org");
        runner::must(c).unwrap_or_else(|e| panic!("git {args:?}: {e:?}"))
    }

    /// A repository with one good building committed.
    fn repo() -> tempfile::TempDir {
        let t = tempfile::tempdir().unwrap();
        git(t.path(), &["init", "-q", "-b", "main"]);
        git(t.path(), &["config", "user.name", "t"]);
        git(t.path(), &["config", "user.email", "t@example.org"]);
        std::fs::write(t.path().join("t.toml"), GOOD).unwrap();
        git(t.path(), &["add", "-A"]);
        git(t.path(), &["commit", "-qm", "start"]);
        t
    }

    const GOOD: &str =
        "name = \"t\"\nfloors = 1\nunits-per-floor = 1\n\n[units]\n101 = { status = \"vacant\" }\n";

    #[test]
    fn the_tree_tells_loupans_files_from_the_rest() {
        let t = repo();
        std::fs::write(t.path().join("t.toml"), GOOD.replace("vacant", "healthy")).unwrap();
        std::fs::write(t.path().join("台账.txt"), "x").unwrap();
        let tree = stage::tree(t.path()).unwrap();
        assert_eq!(tree.branch.as_deref(), Some("main"));
        assert_eq!(tree.ours, ["t.toml"]);
        assert_eq!(tree.left_out, ["台账.txt"]);
    }

    #[test]
    fn markers_committed_by_hand_are_found_in_what_would_go_up() {
        let t = repo();
        let base = git(t.path(), &["rev-parse", "HEAD"]);
        let broken = GOOD.replace("101 =", "<<<<<<< ours\n101 =");
        std::fs::write(t.path().join("t.toml"), broken).unwrap();
        git(t.path(), &["commit", "-qam", "by hand"]);
        let found = stage::unreadable_in_commits(t.path(), Some(base.trim())).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file, "t.toml");
        assert_eq!(found[0].problem.line, 6);
        // the same check without a base reads every file of HEAD
        assert_eq!(
            stage::unreadable_in_commits(t.path(), None).unwrap().len(),
            1
        );
    }

    #[test]
    fn a_commit_holds_only_the_paths_given() {
        let t = repo();
        std::fs::write(t.path().join("t.toml"), GOOD.replace("vacant", "healthy")).unwrap();
        std::fs::write(t.path().join("x.txt"), "x").unwrap();
        git(t.path(), &["add", "x.txt"]);
        stage::commit(t.path(), &["t.toml".to_string()], "sync: 1").unwrap();
        let files = git(t.path(), &["show", "--name-only", "--format=", "HEAD"]);
        assert_eq!(files.trim(), "t.toml", "a file staged by hand stays out");
    }

    #[test]
    fn ahead_and_behind_come_from_one_rev_list() {
        let t = repo();
        git(t.path(), &["branch", "other"]);
        git(t.path(), &["commit", "-q", "--allow-empty", "-m", "ahead"]);
        assert_eq!(counts(t.path(), "other").unwrap(), (1, 0, true));
        assert_eq!(counts(t.path(), "nosuch").unwrap(), (2, 0, false));
    }

    #[test]
    fn a_rewritten_history_keeps_ours_on_a_branch_of_its_own() {
        let t = repo();
        match keep_ours(t.path()) {
            SyncError::Rewritten { kept } => {
                assert!(kept.starts_with("loupan-kept-"), "{kept}");
                let at = git(t.path(), &["rev-parse", &kept]);
                assert_eq!(at, git(t.path(), &["rev-parse", "HEAD"]));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_commit_message_is_in_the_stations_language_and_safe() {
        let m = message(3, "王芳\u{1b}[2J", Lang::Zh);
        assert!(
            m.starts_with("同步：王芳") && m.contains("提交 3 个文件"),
            "{m}"
        );
        assert!(!m.contains('\u{1b}'), "{m}");
        assert!(message(1, "w", Lang::En).starts_with("sync: 1 files by w at "));
    }
}
