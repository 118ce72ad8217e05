//! Loading building files: one at a time, or a whole directory in parallel. A broken file is a
//! value (its problems), never an error that stops the others.

use super::errors::io_text;
use super::paths;
use super::stamp::Stamp;
use jiff::civil::Date;
use loupan_core::codec::{self, Located, Problem};
use loupan_core::display::inline;

use loupan_core::i18n::Text;
use loupan_core::ids::BuildingId;
use loupan_core::model::Building;
use loupan_core::tr;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Loaded {
    pub id: BuildingId,
    pub path: PathBuf,
    /// The file's stamp taken before it was read: if it changes after, a rescan reloads it.
    pub stamp: Option<Stamp>,
    pub building: Result<Building, Vec<Problem>>,
}

impl Loaded {
    /// The building, or its problems each with the file: what the map is given.
    pub fn into_parts(self) -> (BuildingId, Result<Building, Vec<Located>>) {
        let result = match self.building {
            Ok(b) => Ok(b),
            Err(ps) => Err(located(&self.path, &ps)),
        };
        (self.id, result)
    }

    /// A broken file's problems, each with the file.
    pub fn problems(&self) -> Vec<Located> {
        match &self.building {
            Ok(_) => Vec::new(),
            Err(ps) => located(&self.path, ps),
        }
    }
}

/// Problems with the file they are in, as the file is named to people.
pub fn located(path: &Path, problems: &[Problem]) -> Vec<Located> {
    let file = path.display().to_string();
    problems
        .iter()
        .map(|p| Located {
            file: file.clone(),
            problem: p.clone(),
        })
        .collect()
}

pub(crate) fn load_one(dir: &Path, id: &BuildingId) -> Loaded {
    load_linted(dir, id, false).0
}

/// `load_one`, plus what `check` adds to parse errors from the same single read and parse: units
/// spread over lines, and (given today) isolations past their end as warnings at the unit's line.
pub(crate) fn load_checked(dir: &Path, id: &BuildingId, today: Date) -> (Loaded, Vec<Problem>) {
    let (loaded, mut findings) = load_linted(dir, id, true);
    let overdue = loaded
        .building
        .as_ref()
        .map(|b| loupan_core::today::overdue(b, today))
        .unwrap_or_default();
    if !overdue.is_empty() {
        // rare: only a building with an overdue isolation is read again, for the unit's line
        let text = text_of(&loaded.path);
        let spans = codec::parse_spanned(id, text.as_bytes())
            .map(|(_, s)| s)
            .unwrap_or_default();
        for (i, message) in overdue {
            let at = spans.get(i).cloned().flatten().map_or(0, |s| s.start);
            let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |n| n + 1);
            let (line, col) = codec::position(&text, line_start);
            findings.push(Problem {
                line,
                col,
                message,
                severity: codec::Severity::Warning,
            });
        }
    }
    (loaded, findings)
}

/// `load_one`, plus what `check` adds to parse errors (units spread over lines), from the same
/// single read and parse.
pub(crate) fn load_linted(dir: &Path, id: &BuildingId, lint: bool) -> (Loaded, Vec<Problem>) {
    let mut path = paths::file_of(dir, id);
    let stamp = super::private::stamp(dir, id);
    let mut findings = Vec::new();
    let mut building = match std::fs::read(&path) {
        Ok(bytes) if lint => codec::parse_spanned(id, &bytes).map(|(b, spans)| {
            findings = codec::lint(&String::from_utf8_lossy(&bytes), &b, &spans);
            b
        }),
        Ok(bytes) => codec::parse(id, &bytes),
        Err(e) => {
            let why = io_text(&e);
            Err(vec![Problem::error(
                1,
                1,
                tr!("cannot read the file: {why}", "无法读取文件：{why}"),
            )])
        }
    };
    if let Ok(b) = &mut building {
        // the personal values kept apart join the building; a private file that does not read
        // makes the building unreadable (named at that file), never silently nameless
        match super::private::read(dir, id) {
            Ok(p) => loupan_core::private::join(b, &p),
            Err(ps) => {
                path = super::private::file_of(dir, id);
                building = Err(ps);
            }
        }
    }
    let loaded = Loaded {
        id: id.clone(),
        path,
        stamp,
        building,
    };
    (loaded, findings)
}

/// A file's text as loupan reads it (invalid UTF-8 shown as replacement characters), or empty.
pub fn text_of(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned()
}

/// Loads every building on all cores and keeps only what `f` makes of each, in id order: a
/// command that needs counts never holds the whole data set.
pub(crate) fn map_all<T: Send>(
    dir: &Path,
    ids: &[BuildingId],
    f: impl Fn(Loaded) -> T + Sync,
) -> Vec<T> {
    map_slice(ids, |id| f(load_one(dir, id)))
}

/// `f` of every id on all cores, results in id order.
pub fn map_ids<I: AsRef<str> + Sync, T: Send>(ids: &[I], f: impl Fn(&str) -> T + Sync) -> Vec<T> {
    map_slice(ids, |id| f(id.as_ref()))
}

/// `f` of every item on all cores, results in order.
pub fn map_slice<I: Sync, T: Send>(items: &[I], f: impl Fn(&I) -> T + Sync) -> Vec<T> {
    let mut out: Vec<Option<T>> = (0..items.len()).map(|_| None).collect();
    let slots: Vec<std::sync::Mutex<&mut Option<T>>> =
        out.iter_mut().map(std::sync::Mutex::new).collect();
    each_parallel(0..items.len(), |i| {
        let t = f(&items[i]);
        if let Ok(mut slot) = slots[i].lock() {
            **slot = Some(t);
        }
        true
    });
    drop(slots);
    out.into_iter().flatten().collect()
}

/// Calls `f` for every index of `range` on all cores, each index once, roughly in order;
/// stops early when `f` returns false.
pub fn each_parallel(range: std::ops::Range<usize>, f: impl Fn(usize) -> bool + Sync) {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(range.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(range.start);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= range.end {
                        break;
                    }
                    if !f(i) {
                        stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
}

/// A message for a directory that cannot be listed.
pub(crate) fn dir_error(dir: &Path, e: &std::io::Error) -> Text {
    let (d, why) = (dir.display(), io_text(e));
    // the default folder, at a street's root: the street's stations are what is meant
    if dir == Path::new("buildings") && super::street::map_root(Path::new(".")).is_some() {
        return tr!(
            "this is a street's root, not a station: name one with --station ID, or run the command inside stations/ID (`loupan street status` lists them)",
            "这里是街道仓库的根目录，不是工作站：请用 --station 编号 指定，或在 stations/编号 目录下运行（`loupan street status` 列出各站）"
        );
    }
    if dir == Path::new("buildings") && e.kind() == std::io::ErrorKind::NotFound {
        return no_data_here();
    }
    tr!(
        "cannot read the data directory {d}: {why}; choose one with --dir, $LOUPAN_DIR or the config file",
        "无法读取数据目录 {d}：{why}；请用 --dir、$LOUPAN_DIR 或配置文件指定"
    )
}

/// Run where there is no data: the nearest data folder found, and the flag that opens it.
fn no_data_here() -> Text {
    let here = std::env::current_dir().unwrap_or_default();
    match super::paths::nearest_data_dir(&here) {
        Some(near) => {
            let p = inline(&relative(&here, &near)).into_owned();
            tr!(
                "no building files here and no buildings/ folder; the nearest data folder is {p}: run `loupan --dir {p}` (or cd into it)",
                "这里没有楼栋文件，也没有 buildings/ 文件夹；最近的数据文件夹是 {p}：请运行 `loupan --dir {p}`（或进入该文件夹再运行）"
            )
        }
        None => tr!(
            "no building files here and no buildings/ folder, nor one nearby; name the data folder with --dir DIR, or make a sample with `loupan demo --out DIR`",
            "这里没有楼栋文件，也没有 buildings/ 文件夹，附近也没有找到；请用 --dir 目录 指定数据文件夹，或用 `loupan demo --out 目录` 生成示例"
        ),
    }
}

/// `to` as typed from `from`: `sub/dir`, `..`, `../../buildings`.
fn relative(from: &Path, to: &Path) -> String {
    if let Ok(rest) = to.strip_prefix(from) {
        return rest.display().to_string();
    }
    let mut up = std::path::PathBuf::new();
    for a in from.ancestors().skip(1) {
        up.push("..");
        if let Ok(rest) = to.strip_prefix(a) {
            return match rest.as_os_str().is_empty() {
                true => up.display().to_string(),
                false => up.join(rest).display().to_string(),
            };
        }
    }
    to.display().to_string()
}
