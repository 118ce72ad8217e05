//! `loupan migrate --rewrite-history`: the shared history rewritten once, so that no commit holds
//! a personal value that `migrate` moved into the private store. Every building file and journal
//! day ever committed is scrubbed here, in loupan (the same scrub as `migrate`); git-filter-repo
//! then swaps each old blob for its scrubbed one in every commit, the reflogs are expired and the
//! old objects pruned, and every object left is read back to prove no moved value is in any.

use crate::git::runner::{self, GitError};
use loupan_core::exit::Exit;
use loupan_core::i18n::Text;
use loupan_core::private::{self, Private};
use loupan_core::text::SmallStr;
use loupan_core::tr;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the rewrite did.
#[derive(Debug, Default)]
pub struct Rewritten {
    /// Stored versions of files that held personal values, each replaced by its scrubbed one.
    pub versions: usize,
    /// Distinct personal values no object holds any longer.
    pub values: usize,
    /// The remotes (name, URL) that still hold the old history.
    pub remotes: Vec<(String, String)>,
}

/// Why the history was not rewritten (or not proven clean).
#[derive(Debug)]
pub enum RewriteError {
    /// git-filter-repo is not installed.
    NoTool,
    /// Not a repository, uncommitted changes, or values not yet migrated: nothing was changed.
    Refused(Text),
    /// git failed; its words.
    Git(Text),
    /// The rewrite ran, yet objects still hold this many of the moved values.
    StillHeld(usize),
}

impl RewriteError {
    pub fn exit(&self) -> Exit {
        match self {
            RewriteError::Refused(_) => Exit::Usage,
            RewriteError::NoTool | RewriteError::Git(_) | RewriteError::StillHeld(_) => {
                Exit::Attention
            }
        }
    }

    pub fn text(&self) -> Text {
        match self {
            RewriteError::NoTool => tr!(
                "rewriting the history needs git-filter-repo, which is not installed (Debian: apt-get install git-filter-repo); nothing was changed",
                "改写历史需要 git-filter-repo，但本机未安装（Debian：apt-get install git-filter-repo）；未作任何修改"
            ),
            RewriteError::Refused(t) | RewriteError::Git(t) => t.clone(),
            RewriteError::StillHeld(n) => tr!(
                "the history was rewritten, but {n} of the moved values are still in objects of the repository (another ref or a stash keeps an old commit?); `git for-each-ref` lists the refs",
                "历史已改写，但仓库的对象里仍有 {n} 项已移出的个人信息（是否有其他引用或 stash 还指向旧提交？）；可用 `git for-each-ref` 查看"
            ),
        }
    }
}

type Res<T> = Result<T, RewriteError>;

fn git_words(e: GitError) -> RewriteError {
    match e {
        GitError::Missing => RewriteError::Git(tr!(
            "cannot run git; is it installed? (Debian: apt-get install git)",
            "无法运行 git；是否已安装？（Debian：apt-get install git）"
        )),
        e => {
            let said = e.said().to_string();
            RewriteError::Git(tr!("git: {said}", "git 出错：{said}"))
        }
    }
}

fn must(c: Command) -> Res<String> {
    runner::must(c).map_err(git_words)
}

fn git(top: &Path, args: &[&str]) -> Res<String> {
    let mut c = runner::in_dir(top);
    c.args(args);
    must(c)
}

/// Rewrites the shared history of the repository holding `data`. The files in the working tree
/// must hold no personal value (run after `migrate`) and be committed.
pub fn rewrite_history(data: &Path) -> Res<Option<Rewritten>> {
    let top = ready(data)?;
    let prefix = git(data, &["rev-parse", "--show-prefix"])?
        .trim()
        .to_string();
    let (scrubbed, values) = scrub_all(&top, &prefix)?;
    if scrubbed.is_empty() {
        return Ok(None);
    }
    let remotes = remotes(&top)?;
    let work = PathBuf::from(git(&top, &["rev-parse", "--absolute-git-dir"])?.trim())
        .join("loupan-rewrite");
    let _ = std::fs::remove_dir_all(&work);
    let written = write_scrubbed(&work, &scrubbed);
    let ran = written.and_then(|_| filter_repo(&top, &work));
    let _ = std::fs::remove_dir_all(&work);
    ran?;
    git(&top, &["reflog", "expire", "--expire=now", "--all"])?;
    git(&top, &["gc", "-q", "--prune=now"])?;
    let held = still_held(&top, &values)?;
    if held > 0 {
        return Err(RewriteError::StillHeld(held));
    }
    Ok(Some(Rewritten {
        versions: scrubbed.len(),
        values: values.len(),
        remotes,
    }))
}

/// The repository's root, once it is known that git-filter-repo is there, that nothing is
/// uncommitted (the rewrite resets the working tree) and that no current file still holds a
/// personal value (those would be lost rather than moved).
fn ready(data: &Path) -> Res<PathBuf> {
    if !crate::git::is_repo(data) || !crate::git::has_head(data) {
        return Err(RewriteError::Refused(tr!(
            "the data directory is not in a git repository with commits; there is no history to rewrite",
            "数据目录不在有提交的 git 仓库里；没有可改写的历史"
        )));
    }
    let top = PathBuf::from(git(data, &["rev-parse", "--show-toplevel"])?.trim());
    let mut c = runner::in_dir(&top);
    c.args(["filter-repo", "--version"]);
    if !runner::output(c).map_err(git_words)?.status.success() {
        return Err(RewriteError::NoTool);
    }
    if !git(&top, &["status", "--porcelain", "--untracked-files=no"])?.is_empty() {
        return Err(RewriteError::Refused(tr!(
            "there are uncommitted changes; commit them first (`loupan diff` shows them): rewriting the history resets the working tree",
            "有未提交的修改；请先提交（`loupan diff` 可查看）：改写历史会重置工作区"
        )));
    }
    for id in crate::paths::list_ids(data).map_err(RewriteError::Refused)? {
        let text = std::fs::read_to_string(crate::paths::file_of(data, &id)).unwrap_or_default();
        if private::scrub_text(&id, &text).is_some() {
            return Err(RewriteError::Refused(tr!(
                "{id}: the file still holds personal values; `loupan migrate` moves them to the private store first",
                "{id}：文件里仍有个人信息；请先运行 `loupan migrate` 把它们移到私密存储"
            )));
        }
    }
    Ok(top)
}

/// What a stored path is, inside the data directory `prefix` (`buildings/` or empty).
enum Kind {
    Building(String),
    Journal,
}

fn kind_of(path: &str, prefix: &str) -> Option<Kind> {
    let rest = path.strip_prefix(prefix)?;
    if let Some(day) = rest.strip_prefix("journal/") {
        return (!day.contains('/')).then_some(Kind::Journal);
    }
    let id = rest.strip_suffix(".toml")?;
    (!id.contains('/') && !id.starts_with('.')).then(|| Kind::Building(id.to_string()))
}

/// Stored versions (blob id, scrubbed text), and the personal values they held.
type Scrubbed = (Vec<(String, String)>, BTreeSet<SmallStr>);

/// Every stored version of a building file or journal day that holds a personal value: (blob id,
/// its scrubbed text); and every value they hold.
fn scrub_all(top: &Path, prefix: &str) -> Res<Scrubbed> {
    let listed = git(top, &["rev-list", "--objects", "--all"])?;
    let mut seen = BTreeSet::new();
    let mut asks = Vec::new();
    let mut kinds = Vec::new();
    for line in listed.lines() {
        let Some((id, path)) = line.split_once(' ') else {
            continue;
        };
        if let Some(k) = kind_of(path, prefix)
            && seen.insert(id.to_string())
        {
            asks.push(id.to_string());
            kinds.push(k);
        }
    }
    let mut scrubbed = Vec::new();
    let mut values = BTreeSet::new();
    crate::git::batch(top, &asks, |i, body| {
        let text = String::from_utf8_lossy(body.unwrap_or_default());
        if let Some(out) = scrub_one(&kinds[i], &text, &mut values) {
            scrubbed.push((asks[i].clone(), out));
        }
    })
    .map_err(RewriteError::Git)?;
    Ok((scrubbed, values))
}

/// One version scrubbed (`None`: it held no personal value), its values added to `values`.
fn scrub_one(kind: &Kind, text: &str, values: &mut BTreeSet<SmallStr>) -> Option<String> {
    match kind {
        Kind::Building(id) => {
            let (out, _) = private::scrub_text(id, text)?;
            let b = loupan_core::codec::parse(id, text.as_bytes()).ok()?;
            let (_, p) = private::split(&b, &Private::default(), jiff::civil::date(2000, 1, 1));
            for u in p.units.values() {
                values.extend(u.values.iter().map(|(_, v)| v.clone()));
            }
            for c in p.companies.values() {
                values.extend(c.values.iter().map(|(_, v)| v.clone()));
            }
            Some(out)
        }
        Kind::Journal => {
            let (out, notes) = private::scrub_journal(text);
            values.extend(notes.into_iter().map(|(_, n)| n));
            (out != text).then_some(out)
        }
    }
}

fn write_scrubbed(work: &Path, scrubbed: &[(String, String)]) -> Res<()> {
    let io = |e: std::io::Error| {
        let t = crate::errors::io_text(&e);
        RewriteError::Git(tr!("{t}", "{t}"))
    };
    std::fs::create_dir_all(work).map_err(io)?;
    for (id, text) in scrubbed {
        std::fs::write(work.join(id), text).map_err(io)?;
    }
    Ok(())
}

/// git-filter-repo over every ref: each blob that has a scrubbed version in `work` (named by the
/// old blob's id) is replaced by it; no replace refs are kept, and the old objects are pruned.
fn filter_repo(top: &Path, work: &Path) -> Res<()> {
    const SWAP: &str = "import os\np = os.path.join(os.environb[b'LOUPAN_SCRUBBED'], blob.original_id)\nif os.path.exists(p):\n  with open(p, 'rb') as f:\n    blob.data = f.read()\n";
    let mut c = runner::in_dir(top);
    c.env("LOUPAN_SCRUBBED", work).args([
        "filter-repo",
        "--force",
        "--quiet",
        "--replace-refs",
        "delete-no-add",
        "--blob-callback",
        SWAP,
    ]);
    must(c).map(|_| ())
}

/// The remotes (name, URL) the repository had before the rewrite.
fn remotes(top: &Path) -> Res<Vec<(String, String)>> {
    let mut c = runner::in_dir(top);
    c.args(["config", "--get-regexp", r"^remote\..*\.url$"]);
    let o = runner::output(c).map_err(git_words)?;
    Ok(String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| {
            let (key, url) = l.split_once(' ')?;
            let name = key.strip_prefix("remote.")?.strip_suffix(".url")?;
            Some((name.to_string(), url.to_string()))
        })
        .collect())
}

/// How many of `values` some object of the repository still holds: every object read back
/// (`git cat-file --batch-all-objects`). A value of one or two characters is looked for as a
/// quoted string, as the files write it (a bare `王` would be found in any Chinese text).
fn still_held(top: &Path, values: &BTreeSet<SmallStr>) -> Res<usize> {
    let needles: Vec<String> = values
        .iter()
        .map(|v| {
            if v.chars().count() < 3 {
                format!("\"{v}\"")
            } else {
                v.to_string()
            }
        })
        .collect();
    let Ok(ac) = aho_corasick::AhoCorasick::new(&needles) else {
        return Err(RewriteError::StillHeld(needles.len()));
    };
    let mut found = vec![false; needles.len()];
    crate::git::all_objects(top, |body| {
        for m in ac.find_overlapping_iter(body) {
            found[m.pattern().as_usize()] = true;
        }
    })
    .map_err(RewriteError::Git)?;
    Ok(found.iter().filter(|f| **f).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_data_directorys_files_are_scrubbed() {
        assert!(matches!(
            kind_of("buildings/tower.toml", "buildings/"),
            Some(Kind::Building(id)) if id == "tower"
        ));
        assert!(matches!(
            kind_of("buildings/journal/2020-02-14.toml", "buildings/"),
            Some(Kind::Journal)
        ));
        assert!(kind_of("tower.toml", "buildings/").is_none());
        assert!(kind_of("buildings/x/tower.toml", "buildings/").is_none());
        assert!(kind_of("buildings/.private/tower.toml", "buildings/").is_none());
        assert!(matches!(kind_of("tower.toml", ""), Some(Kind::Building(_))));
    }
}
