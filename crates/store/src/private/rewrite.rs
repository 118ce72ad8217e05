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
    /// Phone numbers masked in commits' and tags' messages (each as written, counted once).
    pub in_messages: usize,
    /// Files that are not loupan's data, taken out of every commit (they stay on disk).
    pub dropped: Vec<String>,
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
    let plan = Plan {
        scrubbed,
        phones: phones_in_messages(&top)?,
        foreign: foreign(&top)?,
    };
    if plan.scrubbed.is_empty() && plan.phones.is_empty() && plan.foreign.is_empty() {
        return Ok(None);
    }
    let remotes = remotes(&top)?;
    let work = PathBuf::from(git(&top, &["rev-parse", "--absolute-git-dir"])?.trim())
        .join("loupan-rewrite");
    let _ = std::fs::remove_dir_all(&work);
    let ran = write_plan(&work, &plan).and_then(|_| filter_repo(&top, &work, &plan));
    let _ = std::fs::remove_dir_all(&work);
    // the files taken out of the history stay on disk as they were (untracked now)
    put_back(&top, &plan.foreign);
    ran?;
    git(&top, &["reflog", "expire", "--expire=now", "--all"])?;
    git(&top, &["gc", "-q", "--prune=now"])?;
    let held = still_held(&top, &values)?;
    if held > 0 {
        return Err(RewriteError::StillHeld(held));
    }
    Ok(Some(Rewritten {
        versions: plan.scrubbed.len(),
        values: values.len(),
        in_messages: plan.phones.len(),
        dropped: plan.foreign.into_iter().map(|(p, _)| p).collect(),
        remotes,
    }))
}

/// What the rewrite takes out of the history.
struct Plan {
    /// Stored versions (blob id, scrubbed bytes).
    scrubbed: Vec<(String, Vec<u8>)>,
    /// Phone numbers, as written, in commits' and tags' messages.
    phones: BTreeSet<String>,
    /// Files that are not loupan's in the commits a sync would send, with their bytes on disk.
    foreign: Vec<(String, Option<Vec<u8>>)>,
}

/// The files that are not loupan's data in the commits a sync would send (all of `HEAD` until
/// the branch has an upstream): what the sync's guard refuses, so the rewrite takes them out of
/// every commit; each with its bytes in the working tree, put back afterwards.
fn foreign(top: &Path) -> Res<Vec<(String, Option<Vec<u8>>)>> {
    let mut up = runner::in_dir(top);
    up.args(["rev-parse", "--verify", "-q", "@{upstream}"]);
    let has_upstream = runner::output(up).is_ok_and(|o| o.status.success());
    let range = if has_upstream {
        "@{upstream}..HEAD"
    } else {
        "HEAD"
    };
    let names = git(
        top,
        &[
            "log",
            "--format=",
            "--name-only",
            "-z",
            "--no-renames",
            range,
            "--",
        ],
    )?;
    let mut out: Vec<(String, Option<Vec<u8>>)> = Vec::new();
    for n in names.split(['\0', '\n']) {
        if !n.is_empty()
            && loupan_core::tracked::kind_of(n).is_none()
            && !out.iter().any(|(p, _)| p == n)
        {
            out.push((n.to_string(), std::fs::read(top.join(n)).ok()));
        }
    }
    Ok(out)
}

/// Each file taken out of the history written back where it was, if the rewrite removed it.
fn put_back(top: &Path, foreign: &[(String, Option<Vec<u8>>)]) {
    for (path, bytes) in foreign {
        let at = top.join(path);
        if let (Some(bytes), false) = (bytes, at.exists()) {
            if let Some(dir) = at.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = crate::write::atomic_write(&at, bytes);
        }
    }
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

/// Stored versions (blob id, scrubbed bytes), and the personal values they held.
type Scrubbed = (Vec<(String, Vec<u8>)>, BTreeSet<SmallStr>);

/// Every stored blob that holds a personal value: a building file's or journal day's fields
/// (scrubbed as `migrate` does), and a phone number in any blob at all (a comment, a file that
/// is not loupan's, a note), masked; (blob id, its scrubbed bytes), and every field's value.
fn scrub_all(top: &Path, prefix: &str) -> Res<Scrubbed> {
    let listed = git(
        top,
        &[
            "rev-list",
            "--objects",
            "--all",
            "--filter=object:type=blob",
        ],
    )?;
    let mut seen = BTreeSet::new();
    let mut asks = Vec::new();
    let mut kinds = Vec::new();
    for line in listed.lines() {
        let Some((id, path)) = line.split_once(' ') else {
            continue;
        };
        if seen.insert(id.to_string()) {
            asks.push(id.to_string());
            kinds.push(kind_of(path, prefix));
        }
    }
    let mut scrubbed = Vec::new();
    let mut values = BTreeSet::new();
    crate::git::batch(top, &asks, |i, body| {
        let body = body.unwrap_or_default();
        let fields = kinds[i].as_ref().and_then(|k| {
            scrub_one(k, &String::from_utf8_lossy(body), &mut values).map(String::into_bytes)
        });
        let masked = private::phone::mask_bytes(fields.as_deref().unwrap_or(body));
        if let Some(out) = masked.or(fields) {
            scrubbed.push((asks[i].clone(), out));
        }
    })
    .map_err(RewriteError::Git)?;
    Ok((scrubbed, values))
}

/// Every phone number, as written, in the message of a commit or an annotated tag of any ref.
fn phones_in_messages(top: &Path) -> Res<BTreeSet<String>> {
    let commits = git(top, &["log", "--all", "--format=%B%x00"])?;
    let tags = git(
        top,
        &["for-each-ref", "--format=%(contents)%00", "refs/tags"],
    )?;
    Ok([commits, tags]
        .iter()
        .flat_map(|t| private::phone::written(t).into_iter().map(str::to_string))
        .collect())
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

/// The plan as git-filter-repo's callbacks read it: each scrubbed blob named by the old blob's
/// id, the messages' phone numbers as `--replace-message` reads them (`LITERAL==>REPLACEMENT`),
/// and the paths to take out, NUL-separated.
fn write_plan(work: &Path, plan: &Plan) -> Res<()> {
    let io = |e: std::io::Error| {
        let t = crate::errors::io_text(&e);
        RewriteError::Git(tr!("{t}", "{t}"))
    };
    std::fs::create_dir_all(work.join("blobs")).map_err(io)?;
    for (id, bytes) in &plan.scrubbed {
        std::fs::write(work.join("blobs").join(id), bytes).map_err(io)?;
    }
    let lines: String = plan
        .phones
        .iter()
        .map(|p| format!("literal:{p}==>{}\n", private::phone::masked(p)))
        .collect();
    std::fs::write(work.join("messages"), lines).map_err(io)?;
    let paths: String = plan.foreign.iter().map(|(p, _)| format!("{p}\0")).collect();
    std::fs::write(work.join("drop"), paths).map_err(io)
}

/// git-filter-repo over every ref (branches, tags, notes): each blob that has a scrubbed version
/// in `work` is replaced by it, each phone number in a commit's or tag's message is masked, and
/// the files to take out leave every commit; no replace refs are kept, and the old objects are
/// pruned.
fn filter_repo(top: &Path, work: &Path, plan: &Plan) -> Res<()> {
    const SWAP: &str = "import os\np = os.path.join(os.environb[b'LOUPAN_SCRUBBED'], blob.original_id)\nif os.path.exists(p):\n  with open(p, 'rb') as f:\n    blob.data = f.read()\n";
    const DROP: &str = "import os\ng = globals()\nif 'loupan_drop' not in g:\n  with open(os.environb[b'LOUPAN_DROP'], 'rb') as f:\n    g['loupan_drop'] = set(f.read().split(b'\\0')) - {b''}\nreturn None if filename in g['loupan_drop'] else filename\n";
    let mut c = runner::in_dir(top);
    c.env("LOUPAN_SCRUBBED", work.join("blobs"))
        .env("LOUPAN_DROP", work.join("drop"))
        .args([
            "filter-repo",
            "--force",
            "--quiet",
            "--replace-refs",
            "delete-no-add",
            "--blob-callback",
            SWAP,
        ]);
    if !plan.phones.is_empty() {
        c.arg("--replace-message").arg(work.join("messages"));
    }
    if !plan.foreign.is_empty() {
        c.args(["--filename-callback", DROP]);
    }
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
    let mut phones = 0;
    crate::git::all_objects(top, |body| {
        for m in ac.find_overlapping_iter(body) {
            found[m.pattern().as_usize()] = true;
        }
        phones += usize::from(holds_phone(body));
    })
    .map_err(RewriteError::Git)?;
    Ok(found.iter().filter(|f| **f).count() + phones)
}

/// Whether an object holds a phone number where the guard looks: a commit's or a tag's message
/// (never its author's e-mail), or a blob's text (a tree, a binary file: none).
fn holds_phone(body: &[u8]) -> bool {
    let headed = body.starts_with(b"tree ") || body.starts_with(b"object ");
    let text = if headed {
        let at = body
            .windows(2)
            .position(|w| w == b"\n\n")
            .map_or(body.len(), |p| p + 2);
        &body[at..]
    } else {
        body
    };
    private::phone::mask_bytes(text).is_some()
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
