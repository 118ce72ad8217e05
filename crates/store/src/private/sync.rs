//! The private store's own remote (docs/spec.md §12): the station's server, never the street's. `sync`
//! merges two laptops' personal values record by record and field by field, and carries purges:
//! a purge replaces the private history with one commit and sends it; a laptop that still holds
//! purged values finds, at its next sync, a remote history unrelated to its own, takes it as it
//! is, puts back only what it changed itself since the last sync both agreed on, applies the
//! retention rules, and forgets its old history — so purged values are dropped, never sent back,
//! and its own new edits still arrive.

use super::dir_of;
use super::git::{args, ensure, forget_old};
use crate::lock::Lock;
use jiff::civil::Date;
use loupan_core::i18n::Text;
use loupan_core::private::merge::merge_file;
use loupan_core::private::retention::Retention;
use loupan_core::tr;
use std::collections::BTreeMap;
use std::path::Path;

/// The last commit this laptop and the private remote agreed on.
pub const SYNCED: &str = "refs/loupan/synced";
const ATTEMPTS: usize = 8;

/// What a private sync did.
#[derive(Debug, Default)]
pub struct PrivateSynced {
    pub received: bool,
    /// The remote's history was replaced by a purge on another laptop: dropped here too.
    pub purged_elsewhere: bool,
    /// Fields changed both ways (ours kept).
    pub clashes: usize,
}

fn ok(data: &Path, a: &[&str]) -> bool {
    args(data, a).is_ok()
}

fn rev(data: &Path, r: &str) -> Option<String> {
    let out = args(
        data,
        &["rev-parse", "--verify", "-q", &format!("{r}^{{commit}}")],
    )
    .ok()?;
    Some(String::from_utf8_lossy(&out).trim().to_string()).filter(|s| !s.is_empty())
}

pub fn has_remote(data: &Path) -> bool {
    dir_of(data).join(".git").is_dir() && ok(data, &["remote", "get-url", "origin"])
}

/// `loupan private-remote URL`.
pub fn set_remote(data: &Path, url: &str) -> Result<(), Text> {
    super::prepare(data)?;
    ensure(data)?;
    let verb = if has_remote(data) { "set-url" } else { "add" };
    args(data, &["remote", verb, "origin", url]).map(|_| ())
}

fn fetch(data: &Path) -> Result<(), Text> {
    args(data, &["fetch", "-q", "origin"]).map(|_| ()).map_err(|t| {
        Text::new(
            "cannot reach the private store's remote; nothing is lost, the values stay here until the next sync: ",
            "无法连接私密存储的远端；没有丢失任何内容，信息保留在本机，下次同步时再发送：",
        )
        .join(("", ""), &t)
    })
}

/// Every file of a commit, by path.
fn files_at(data: &Path, commit: Option<&str>) -> Result<BTreeMap<String, String>, Text> {
    let Some(c) = commit else {
        return Ok(BTreeMap::new());
    };
    let list = String::from_utf8_lossy(&args(data, &["ls-tree", "-r", "--name-only", "-z", c])?)
        .into_owned();
    let mut out = BTreeMap::new();
    for path in list.split('\0').filter(|p| !p.is_empty()) {
        let body = args(data, &["cat-file", "blob", &format!("{c}:{path}")])?;
        out.insert(
            path.to_string(),
            String::from_utf8_lossy(&body).into_owned(),
        );
    }
    Ok(out)
}

/// Syncs the private store with its remote.
pub fn sync(data: &Path, r: Retention, today: Date) -> Result<PrivateSynced, Text> {
    ensure(data)?;
    let mine = dir_of(data).join(".git").join("loupan");
    let _ = std::fs::create_dir_all(&mine);
    let _lock = Lock::take(&mine.join("sync"))?;
    super::git::commit(data, "sync")?;
    let mut out = PrivateSynced::default();
    for _ in 0..ATTEMPTS {
        fetch(data)?;
        let (o, t) = (rev(data, "HEAD"), rev(data, "refs/remotes/origin/main"));
        let (o, t) = match (o, t) {
            (Some(o), None) => return push(data, &o, None).map(|_| out),
            (None, Some(t)) => {
                args(data, &["reset", "-q", "--hard", &t])?;
                out.received = true;
                args(data, &["update-ref", SYNCED, &t])?;
                return Ok(out);
            }
            (None, None) => return Ok(out),
            (Some(o), Some(t)) => (o, t),
        };
        if o == t || ok(data, &["merge-base", "--is-ancestor", &t, &o]) {
            if o == t || push(data, &o, None)? {
                args(data, &["update-ref", SYNCED, &o])?;
                return Ok(out);
            }
            continue;
        }
        out.received = true;
        if ok(data, &["merge-base", "--is-ancestor", &o, &t]) {
            args(data, &["reset", "-q", "--hard", &t])?;
            args(data, &["update-ref", SYNCED, &t])?;
            return Ok(out);
        }
        let related = args(data, &["merge-base", &o, &t]).ok();
        let related = related.map(|b| String::from_utf8_lossy(&b).trim().to_string());
        let base = related.clone().or_else(|| rev(data, SYNCED));
        out.purged_elsewhere |= related.is_none();
        let merged = merge(data, base.as_deref(), &o, &t, &mut out.clashes)?;
        write_files(data, &o, &merged)?;
        if related.is_none() {
            // the purge's rules, here too: a value this laptop kept unchanged past retention
            // must not come back through it
            let ids = crate::paths::list_ids(data).unwrap_or_default();
            super::purge::apply(data, &ids, r, today)?;
        }
        let commit = commit_merge(data, &t, related.is_some().then_some(o.as_str()))?;
        if push(data, &commit, None)? {
            args(data, &["update-ref", SYNCED, &commit])?;
            if related.is_none() {
                forget_old(data, true)?;
            }
            return Ok(out);
        }
    }
    Err(tr!(
        "the private store's remote kept moving while syncing; try again",
        "同步时私密存储的远端一直在变化；请再试一次"
    ))
}

fn merge(
    data: &Path,
    base: Option<&str>,
    o: &str,
    t: &str,
    clashes: &mut usize,
) -> Result<BTreeMap<String, Option<String>>, Text> {
    let (b, ours, theirs) = (
        files_at(data, base)?,
        files_at(data, Some(o))?,
        files_at(data, Some(t))?,
    );
    let mut out = BTreeMap::new();
    let paths: std::collections::BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    for p in paths {
        let (m, c) = merge_file(
            p,
            b.get(p).map(String::as_str),
            ours.get(p).map(String::as_str),
            theirs.get(p).map(String::as_str),
        );
        *clashes += c;
        out.insert(p.clone(), m);
    }
    Ok(out)
}

/// Writes the merged files, each under its building's lock; a file saved since the sync
/// committed it stops the sync (nothing lost: the next sync merges it).
fn write_files(
    data: &Path,
    o: &str,
    merged: &BTreeMap<String, Option<String>>,
) -> Result<(), Text> {
    let ours = files_at(data, Some(o))?;
    for (path, text) in merged {
        let file = dir_of(data).join(path);
        let lock_on = match path.strip_suffix(".toml").filter(|p| !p.contains('/')) {
            Some(id) => crate::paths::file_of(data, id),
            None => file.clone(),
        };
        // a building's private file is written under the building's own lock, as every writer of
        // the building takes it (its canonical path)
        let _lock = match path.strip_suffix(".toml").filter(|p| !p.contains('/')) {
            Some(_) => crate::transaction::lock_building(&lock_on)?,
            None => Lock::take(&lock_on)?,
        };
        let now = std::fs::read_to_string(&file).ok();
        if now.as_deref() != ours.get(path).map(String::as_str) {
            return Err(tr!(
                "a personal value was saved while syncing; nothing is lost — run sync again",
                "同步时有个人信息被保存；没有丢失任何内容——请再同步一次"
            ));
        }
        match text {
            Some(t) => {
                if let Some(d) = file.parent() {
                    std::fs::create_dir_all(d).map_err(|e| crate::errors::io_text(&e))?;
                }
                crate::write::atomic_write(&file, t.as_bytes())?
            }
            None => {
                let _ = std::fs::remove_file(&file);
            }
        }
    }
    Ok(())
}

/// Commits the work tree on top of `theirs` (and `ours`, when the histories are related).
fn commit_merge(data: &Path, theirs: &str, ours: Option<&str>) -> Result<String, Text> {
    args(data, &["add", "-A", "--", "."])?;
    let tree = String::from_utf8_lossy(&args(data, &["write-tree"])?)
        .trim()
        .to_string();
    let mut a = vec!["commit-tree", tree.as_str(), "-p", theirs];
    if let Some(o) = ours {
        a.extend(["-p", o]);
    }
    a.extend(["-m", "sync: merged"]);
    let commit = String::from_utf8_lossy(&args(data, &a)?).trim().to_string();
    args(data, &["update-ref", "refs/heads/main", &commit])?;
    Ok(commit)
}

/// Pushes `commit` as the remote's branch; false when refused because the remote moved on.
/// `lease`: the remote's commit a forced push may replace (a purge's new history).
fn push(data: &Path, commit: &str, lease: Option<&str>) -> Result<bool, Text> {
    let refspec = format!("{commit}:refs/heads/main");
    let lease_arg = lease.map(|l| format!("--force-with-lease=refs/heads/main:{l}"));
    let mut a = vec!["push", "-q"];
    if let Some(l) = &lease_arg {
        a.push(l);
    }
    a.extend(["origin", refspec.as_str()]);
    match args(data, &a) {
        Ok(_) => {
            args(data, &["update-ref", "refs/remotes/origin/main", commit])?;
            Ok(true)
        }
        Err(t)
            if ["rejected", "stale info", "fetch first", "non-fast-forward"]
                .iter()
                .any(|m| t.en.contains(m)) =>
        {
            Ok(false)
        }
        Err(t) => Err(t),
    }
}

/// After a purge's squash: the new history replaces the remote's (which this laptop had just
/// synced with). Someone who pushed in between is merged in on top — their changes since that
/// sync, with the purge's rules applied by the caller's next purge — and the push tried again.
/// A warning when the remote keeps old objects loupan cannot prune.
pub fn send_purged(data: &Path) -> Result<Option<Text>, Text> {
    let mut lease = rev(data, "refs/remotes/origin/main");
    for _ in 0..ATTEMPTS {
        let o = rev(data, "HEAD").unwrap_or_default();
        if push(data, &o, Some(lease.as_deref().unwrap_or("")))? {
            args(data, &["update-ref", SYNCED, &o])?;
            return prune_remote(data);
        }
        fetch(data)?;
        let t = rev(data, "refs/remotes/origin/main");
        let (Some(t), Some(base)) = (t, lease.clone()) else {
            continue;
        };
        // what they added since our sync, onto the purged history (parent: ours only)
        let mut clashes = 0;
        let merged = merge(data, Some(&base), &o, &t, &mut clashes)?;
        write_files(data, &o, &merged)?;
        args(data, &["add", "-A", "--", "."])?;
        let tree = String::from_utf8_lossy(&args(data, &["write-tree"])?)
            .trim()
            .to_string();
        let c = String::from_utf8_lossy(&args(
            data,
            &[
                "commit-tree",
                &tree,
                "-p",
                &o,
                "-m",
                "purge: merged what arrived meanwhile",
            ],
        )?)
        .trim()
        .to_string();
        args(data, &["update-ref", "refs/heads/main", &c])?;
        lease = Some(t);
    }
    Err(tr!(
        "the purge is done here, but the private remote kept moving; run `loupan purge` again to send it",
        "本机已完成清除，但私密存储的远端一直在变化；请再运行一次 `loupan purge` 以发送"
    ))
}

/// The remote's old objects, now unreachable, pruned where loupan can reach them: a remote on
/// a path (a mounted share, the station server's folder). One over ssh prunes them itself only
/// with its own `git gc --prune=now`: said, so the station's server does it.
fn prune_remote(data: &Path) -> Result<Option<Text>, Text> {
    let url = String::from_utf8_lossy(&args(data, &["remote", "get-url", "origin"])?)
        .trim()
        .to_string();
    let path = std::path::PathBuf::from(url.strip_prefix("file://").unwrap_or(&url));
    if !path.is_dir() {
        return Ok(Some(tr!(
            "purged here and sent to {url}; that server still keeps the old objects until it runs `git gc --prune=now` in its repository (docs/guide/personal-data.md)",
            "本机已清除并已发送到 {url}；该服务器在其仓库运行 `git gc --prune=now` 之前仍保留旧对象（见 docs/guide/personal-data.md）"
        )));
    }
    for a in [
        &["reflog", "expire", "--expire=now", "--all"][..],
        &["gc", "-q", "--prune=now"],
    ] {
        let mut c = crate::git::runner::new();
        c.arg("--git-dir").arg(&path).args(a);
        super::git::run(c)?;
    }
    Ok(None)
}

/// What the private store's sync did, in words (after the shared repository's).
pub fn said(p: &PrivateSynced) -> Vec<Text> {
    let mut out = Vec::new();
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
    out
}
