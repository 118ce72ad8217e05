//! The data directory as a git repository: preparing it (`init`), git's merge driver, unit-level
//! diffs and logs, what is uncommitted, committing, and buildings as they were at a revision.
//! Git is run as a program (see `git.rs`); the merging and diffing themselves are the pure core's.

use super::errors::io_text;
use super::git;
use super::load::Loaded;
use super::lock::ensure_gitignore;
use super::paths;
use super::write::atomic_write;
use loupan_core::codec;
use loupan_core::diff::{self, UnitChange};
use loupan_core::i18n::Text;
use loupan_core::ids::{BuildingId, CommitId};
use loupan_core::merge::{self, Outcome};
use loupan_core::model::{Building, Record};
use loupan_core::private::shared_record;
use loupan_core::tr;
use std::path::Path;

/// What `.gitattributes` needs: building files and journal files through loupan's driver (a
/// building unit by unit; a journal keeping every line of both sides, each once — git's union
/// merge, used before, kept a line twice when both sides had gained it).
const ATTRIBUTES: [(&str, &str); 2] = [
    (
        "*.toml merge=loupan",
        "# loupan merges building files unit by unit (`loupan init` sets up the driver per clone)",
    ),
    (
        "journal/*.toml merge=loupan",
        "# journal files: one entry per line, only appended; every line of both sides, each once",
    ),
];

/// The journal's line of older `.gitattributes`, replaced by loupan's driver.
const UNION: &str = "journal/*.toml merge=union";

fn not_a_repo(dir: &Path) -> Text {
    let d = dir.display();
    tr!(
        "{d} is not inside a git repository; run `git init` (or clone the shared repository) first",
        "{d} 不在 git 仓库里；请先运行 `git init`（或克隆共享仓库）"
    )
}

/// Fails with a clear message unless `dir` is in a git work tree.
pub(crate) fn require_repo(dir: &Path) -> Result<(), Text> {
    if git::is_repo(dir) {
        Ok(())
    } else {
        Err(not_a_repo(dir))
    }
}

/// The command git should run: plain `loupan` when that is this binary on PATH, else this
/// binary's full path (so `cargo run -- init` works too).
fn driver_command() -> String {
    let me = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::canonicalize(p).ok());
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("loupan"))
            .find(|p| p.is_file())
            .and_then(|p| std::fs::canonicalize(p).ok())
    });
    let exe = match (&me, &on_path) {
        (Some(a), Some(b)) if a == b => "loupan".to_string(),
        (Some(a), _) => format!("'{}'", a.display().to_string().replace('\'', "'\\''")),
        _ => "loupan".to_string(),
    };
    format!("{exe} merge-driver %O %A %B %P")
}

/// Prepares the repository; idempotent. Returns what it did or found, line by line.
pub(crate) fn init(dir: &Path) -> Result<Vec<Text>, Text> {
    if !dir.is_dir() {
        let d = dir.display();
        return Err(tr!(
            "{d} is not a directory; create buildings with `loupan new` first",
            "{d} 不是目录；请先用 `loupan new` 新建楼栋"
        ));
    }
    require_repo(dir)?;
    let mut said = Vec::new();
    let attr = dir.join(".gitattributes");
    let a = attr.display().to_string();
    let read = std::fs::read_to_string(&attr).unwrap_or_default();
    let mut text = read.replace(UNION, ATTRIBUTES[1].0);
    if text != read {
        atomic_write(&attr, text.as_bytes())?;
        said.push(tr!(
            "{a}: the journal now merges through loupan's driver (each line once; commit it)",
            "{a}：日志改由 loupan 的合并驱动合并（每行只留一份；请提交它）"
        ));
    }
    let missing: Vec<&(&str, &str)> = ATTRIBUTES
        .iter()
        .filter(|(l, _)| !text.lines().any(|x| x.trim() == *l))
        .collect();
    if missing.is_empty() {
        said.push(tr!(
            "ok: {a} already routes building and journal files to loupan's merge driver",
            "正常：{a} 已把楼栋文件和日志文件交给 loupan 的合并驱动"
        ));
    } else {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for (line, comment) in &missing {
            text.push_str(&format!("{comment}\n{line}\n"));
        }
        atomic_write(&attr, text.as_bytes())?;
        let lines = missing
            .iter()
            .map(|(l, _)| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join("; ");
        said.push(tr!(
            "wrote {a}: {lines} (commit it)",
            "已写入 {a}：{lines}（请提交它）"
        ));
    }
    ensure_gitignore(dir);
    let cmd = driver_command();
    if git::config_get(dir, "merge.loupan.driver").as_deref() == Some(cmd.as_str()) {
        said.push(tr!(
            "ok: this clone's merge.loupan.driver is set",
            "正常：本克隆已设置 merge.loupan.driver"
        ));
    } else {
        git::config_set(
            dir,
            "merge.loupan.name",
            "loupan: unit-by-unit merge of building files",
        )?;
        git::config_set(dir, "merge.loupan.driver", &cmd)?;
        said.push(tr!(
            "set this clone's git config merge.loupan.driver = {cmd}",
            "已设置本克隆的 git 配置 merge.loupan.driver = {cmd}"
        ));
    }
    said.push(tr!(
        "every clone runs `loupan init` once: git does not copy this config",
        "每个克隆都要运行一次 `loupan init`：git 不会复制这项配置"
    ));
    Ok(said)
}

/// Sets this clone's merge driver if it is not set (git does not copy it with a clone): a sync
/// must never merge building files line by line.
pub fn ensure_driver(dir: &Path) -> Result<(), Text> {
    if git::config_get(dir, "merge.loupan.driver").is_some() {
        return Ok(());
    }
    git::config_set(
        dir,
        "merge.loupan.name",
        "loupan: unit-by-unit merge of building files",
    )?;
    git::config_set(dir, "merge.loupan.driver", &driver_command())
}

/// Writes the `.gitattributes` a folder of building files needs (a station's folder in a
/// street); whether it wrote anything.
pub(crate) fn write_attributes(dir: &Path) -> Result<bool, Text> {
    let attr = dir.join(".gitattributes");
    let read = std::fs::read_to_string(&attr).unwrap_or_default();
    let mut text = read.replace(UNION, ATTRIBUTES[1].0);
    let before = if text == read { text.len() } else { 0 };
    for (line, comment) in ATTRIBUTES {
        if !text.lines().any(|x| x.trim() == line) {
            text.push_str(&format!("{comment}\n{line}\n"));
        }
    }
    if text.len() == before {
        return Ok(false);
    }
    atomic_write(&attr, text.as_bytes())?;
    Ok(true)
}

/// What the merge driver did: clean, or a conflict with its explanation.
pub struct Merged {
    pub clean: bool,
    pub said: Vec<Text>,
}

/// git's merge driver (%O %A %B %P): the result goes into `ours`.
pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: Option<&str>,
) -> Result<Merged, Text> {
    let read = |p: &Path| {
        std::fs::read(p).map_err(|e| {
            let (p, why) = (p.display(), io_text(&e));
            tr!(
                "merge-driver: cannot read {p}: {why}",
                "merge-driver：无法读取 {p}：{why}"
            )
        })
    };
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    if name.and_then(loupan_core::tracked::kind_of) == Some(loupan_core::tracked::Kind::Journal) {
        let text = |v: &[u8]| String::from_utf8_lossy(v).into_owned();
        let merged = loupan_core::journal::merge_lines(&text(&b), &text(&o), &text(&t));
        atomic_write(ours, merged.as_bytes())?;
        return Ok(Merged {
            clean: true,
            said: Vec::new(),
        });
    }
    let shown = name.unwrap_or("building file").to_string();
    let id = name
        .and_then(|n| Path::new(n).file_stem())
        .map_or("building".to_string(), |s| s.to_string_lossy().into_owned());
    let outcome = match (
        std::str::from_utf8(&b),
        std::str::from_utf8(&o),
        std::str::from_utf8(&t),
    ) {
        (Ok(b), Ok(o), Ok(t)) => merge::merge(&id, b, o, t),
        _ => Outcome::Text("a version is not UTF-8 text".into()),
    };
    match outcome {
        Outcome::Clean(text) => {
            atomic_write(ours, text.as_bytes())?;
            Ok(Merged {
                clean: true,
                said: Vec::new(),
            })
        }
        Outcome::Conflicts(text, names) => {
            atomic_write(ours, text.as_bytes())?;
            let mut said = vec![tr!("loupan: {shown}: conflict", "loupan：{shown}：有冲突")];
            said.extend(
                names
                    .into_iter()
                    .map(|n| Text::same("  ").join(("", ""), &n)),
            );
            said.push(tr!(
                "  edit the file to keep one line per unit, then `loupan check` and `git add`",
                "  请编辑文件，每个单元只留一行，然后运行 `loupan check` 和 `git add`"
            ));
            Ok(Merged { clean: false, said })
        }
        Outcome::Text(why) => text_merge(&id, &shown, &why, base, ours, theirs),
    }
}

/// Falls back to git's own line merge: nothing is dropped, conflicts get markers, and a result
/// that does not parse is reported rather than passed off as clean.
fn text_merge(
    id: &str,
    shown: &str,
    why: &str,
    base: &Path,
    ours: &Path,
    theirs: &Path,
) -> Result<Merged, Text> {
    let clean = git::merge_file(ours, base, theirs)?;
    let bytes = std::fs::read(ours).map_err(|e| io_text(&e))?;
    let problems = codec::parse(id, &bytes).err();
    match (clean, problems) {
        (true, None) => Ok(Merged {
            clean: true,
            said: Vec::new(),
        }),
        (true, Some(ps)) => {
            let mut said = vec![tr!(
                "loupan: {shown}: merged as text ({why}), but the result has problems:",
                "loupan：{shown}：已按文本合并（{why}），但结果有错误："
            )];
            for p in ps {
                said.push(Text::new(
                    format!("  {shown}:{}", p),
                    format!("  {shown}:{}", p.render(loupan_core::i18n::Lang::Zh)),
                ));
            }
            said.push(tr!(
                "  fix them (`loupan check` shows them), then `git add`; conflict markers were not needed",
                "  请改正（`loupan check` 会列出），然后 `git add`"
            ));
            Ok(Merged { clean: false, said })
        }
        (false, _) => Ok(Merged {
            clean: false,
            said: vec![tr!(
                "loupan: {shown}: merged as text ({why}); conflict markers left for you to resolve",
                "loupan：{shown}：已按文本合并（{why}）；冲突标记留待你处理"
            )],
        }),
    }
}

fn parse_opt(id: &str, bytes: Option<Vec<u8>>) -> Option<Building> {
    bytes.and_then(|b| codec::parse(id, &b).ok())
}

/// One change in a unit's history.
pub struct LogEntry {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub change: UnitChange,
}

/// A unit's history from git, newest first: the file's versions through one `git cat-file
/// --batch`, each compared with the one before by its changed lines when that is all that
/// changed, else read whole.
pub(crate) fn unit_log(dir: &Path, id: &str, unit: &str) -> Result<Vec<LogEntry>, Text> {
    let file = format!("{id}.toml");
    // git's own failure says why; outside a repository ours says what to do
    let found = git::file_versions(dir, &file).map_err(|e| require_repo(dir).err().unwrap_or(e))?;
    let (commits, versions): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    // each version against the one before, on all cores
    let pairs: Vec<usize> = (0..commits.len()).collect();
    let changes = super::load::map_slice(&pairs, |i| {
        let now = versions[*i].as_deref();
        let before = versions.get(i + 1).and_then(|v| v.as_deref());
        unit_then(id, unit, before, now)
    });
    let mut out = Vec::new();
    for ((hash, date, author), change) in commits.iter().zip(changes) {
        let Some((old, new)) = change else {
            continue;
        };
        out.push(LogEntry {
            commit: hash.clone(),
            date: date.clone(),
            author: author.clone(),
            change: UnitChange {
                unit: unit.to_string(),
                floor: String::new(),
                before: old,
                after: new,
            },
        });
    }
    Ok(out)
}

/// The unit's record in two versions of its file, when its shared fields differ (a personal value
/// that moved to the private store, or was still in a file from before it, is no change).
fn unit_then(
    id: &str,
    unit: &str,
    before: Option<&[u8]>,
    now: Option<&[u8]>,
) -> Option<(Option<Record>, Option<Record>)> {
    if let (Some(b), Some(n)) = (before, now)
        && let Some(lines) = codec::changed_units(id, b, n)
    {
        let l = lines.into_iter().find(|l| l.label == unit)?;
        let (old, new) = (shared_record(&l.before), shared_record(&l.after));
        return (old != new).then_some((Some(old), Some(new)));
    }
    let find = |v: Option<&[u8]>| {
        let b = codec::parse(id, v?).ok()?;
        b.find(unit).map(|j| shared_record(&b.units[j].record))
    };
    let (old, new) = (find(before), find(now));
    (old != new).then_some((old, new))
}

/// Uncommitted unit changes of one building, with the building's name.
pub struct Pending {
    pub id: BuildingId,
    pub name: String,
    pub changes: Vec<UnitChange>,
    /// Company filings: (id, before, after), a new company with no before.
    pub companies: Vec<CompanyChange>,
}

/// One company's change in a building: its id, before and after.
pub type CompanyChange = (
    loupan_core::text::SmallStr,
    Option<loupan_core::company::Company>,
    Option<loupan_core::company::Company>,
);

/// What git says about the data directory: branch, ahead/behind, uncommitted unit changes.
pub struct Review {
    pub branch: git::BranchState,
    pub pending: Vec<Pending>,
}

pub(crate) fn review(dir: &Path) -> Review {
    let branch = git::branch_state(dir).unwrap_or_default();
    let head = git::has_head(dir);
    let ids = if head {
        git::changed_ids(dir, "HEAD").unwrap_or_default()
    } else {
        paths::list_ids(dir).unwrap_or_default()
    };
    let mut pending = Vec::new();
    for id in ids {
        let file = format!("{id}.toml");
        let old = if head {
            parse_opt(&id, git::show(dir, "HEAD", &file))
        } else {
            None
        };
        let new = std::fs::read(paths::file_of(dir, &id))
            .ok()
            .and_then(|b| codec::parse(&id, &b).ok());
        let changes = diff::unit_changes(old.as_ref(), new.as_ref());
        let companies = loupan_core::company::changes(
            old.as_ref().map_or(&[][..], |b| b.companies.as_slice()),
            new.as_ref().map_or(&[][..], |b| b.companies.as_slice()),
        );
        let name = new
            .as_ref()
            .or(old.as_ref())
            .map_or_else(|| id.to_string(), |b| b.name.clone());
        pending.push(Pending {
            id,
            name,
            changes,
            companies,
        });
    }
    Review { branch, pending }
}

/// A building as it was at a revision; problems located as `FILE@REV:LINE:COL`.
pub(crate) fn load_at(dir: &Path, rev: &CommitId, id: &BuildingId) -> Loaded {
    let file = id.file_name();
    let bytes = git::show(dir, rev.as_str(), &file).unwrap_or_default();
    Loaded {
        id: id.clone(),
        path: Path::new(&format!("{file}@{}", rev.short())).to_path_buf(),
        stamp: None,
        building: codec::parse(id, &bytes),
    }
}
