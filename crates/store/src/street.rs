//! The street on disk (docs/spec.md §13): `street.toml` at the repository's root, each station's folder
//! `stations/ID/` (its buildings and journal), and the reports submitted as data,
//! `reports/DATE/STATION.toml`. Finding the street from wherever a command runs.

use super::errors::io_text;
use super::write::atomic_write;
use jiff::civil::Date;
use loupan_core::i18n::Text;
use loupan_core::street::{self, Street, Submission};
use loupan_core::tr;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE: &str = "street.toml";

/// A path made whole: `..` resolved (through the file system when it is there).
fn full(p: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(p)
        .ok()
        .or_else(|| std::path::absolute(p).ok())
}

/// The street's root: the nearest folder at or above `from` holding `street.toml`.
pub fn find_root(from: &Path) -> Option<PathBuf> {
    let abs = full(from)?;
    abs.ancestors()
        .find(|d| d.join(FILE).is_file())
        .map(Path::to_path_buf)
}

/// Why the street could not be opened, or its station found.
#[derive(Clone, Debug, PartialEq)]
pub enum StreetError {
    /// No street here (no street.toml here or above), no such station in it, or a time zone
    /// this machine does not know (exit 1).
    Not(Text),
    /// `street.toml` is there but does not read: `street.toml:LINE:COLUMN: why` (exit 6).
    Unreadable(Text),
}

impl StreetError {
    pub fn text(&self) -> &Text {
        match self {
            StreetError::Not(t) | StreetError::Unreadable(t) => t,
        }
    }
}

impl From<StreetError> for Text {
    fn from(e: StreetError) -> Text {
        match e {
            StreetError::Not(t) | StreetError::Unreadable(t) => t,
        }
    }
}

/// The street `from` is in, or what to do about it.
pub fn open(from: &Path) -> Result<(PathBuf, Street), StreetError> {
    let root = find_root(from).ok_or_else(|| {
        StreetError::Not(tr!(
            "this is not a street's repository (no street.toml here or above); `loupan street init NAME` makes one",
            "这里不是街道的共享仓库（本目录及上级都没有 street.toml）；用 `loupan street init 名称` 创建"
        ))
    })?;
    let text = std::fs::read_to_string(root.join(FILE)).map_err(|e| {
        let why = io_text(&e);
        StreetError::Unreadable(Text::same(format!("{FILE}: ")).join(("", ""), &why))
    })?;
    let st = street::parse(&text).map_err(StreetError::Unreadable)?;
    Ok((root.clone(), st))
}

/// The station whose folder `dir` is (`stations/ID` of a street), with the street's root.
pub fn station_of(dir: &Path) -> Option<(PathBuf, String)> {
    let abs = full(dir)?;
    let root = find_root(&abs)?;
    let rest = abs.strip_prefix(root.join("stations")).ok()?;
    let id = rest
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    Some((root, id))
}

/// What git needs at the street's root: `street.toml` merged line by line (two stations added
/// on two laptops keep both lines).
const ATTRIBUTES: &str =
    "# loupan: stations added on two laptops keep both lines\nstreet.toml merge=union\n";

/// Makes `root` a street.
pub fn init(root: &Path, name: &str) -> Result<(), Text> {
    let file = root.join(FILE);
    if file.exists() {
        let f = file.display();
        return Err(tr!("{f} is already there", "{f} 已经存在"));
    }
    atomic_write(&file, street::encode_new(name).as_bytes())?;
    let attr = root.join(".gitattributes");
    let mut text = std::fs::read_to_string(&attr).unwrap_or_default();
    if !text.contains("street.toml merge=union") {
        text.push_str(ATTRIBUTES);
        atomic_write(&attr, text.as_bytes())?;
    }
    // exports and ledgers made at the street's root never travel either
    super::lock::ensure_gitignore(root);
    Ok(())
}

/// Adds a station: its line in `street.toml` and its folder, ready for buildings.
pub fn add_station(root: &Path, id: &str, name: &str) -> Result<PathBuf, Text> {
    loupan_core::ids::BuildingId::fresh(id).map_err(|_| {
        let id = loupan_core::display::inline(id);
        tr!(
            "`{id}` is not a station id: use letters, digits, `-` or `_`",
            "`{id}` 不是工作站编号：请用字母、数字、`-` 或 `_`"
        )
    })?;
    let file = root.join(FILE);
    let text = std::fs::read_to_string(&file).map_err(|e| io_text(&e))?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|_| {
        tr!(
            "street.toml does not read; fix it first",
            "street.toml 无法读取；请先修正"
        )
    })?;
    let stations = doc
        .entry("stations")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
    let Some(t) = stations.as_table_like_mut() else {
        return Err(tr!(
            "street.toml: [stations] should be a table",
            "street.toml：[stations] 应是一个表"
        ));
    };
    if t.contains_key(id) {
        return Err(tr!("station {id} is already there", "工作站 {id} 已经存在"));
    }
    t.insert(id, toml_edit::value(name));
    atomic_write(&file, doc.to_string().as_bytes())?;
    let dir = root.join("stations").join(id);
    std::fs::create_dir_all(&dir).map_err(|e| io_text(&e))?;
    super::repo::write_attributes(&dir)?;
    super::lock::ensure_gitignore(&dir);
    Ok(dir)
}

/// Sets station `id`'s public SSH key in `street.toml` (its line becomes
/// `id = { name = "…", key = "…" }`): from then on its reports count only when that key signed
/// them.
pub fn set_key(root: &Path, id: &str, key: &str) -> Result<(), Text> {
    let key = key.trim();
    if !street::plausible_key(key) {
        let k = loupan_core::display::inline(key).into_owned();
        return Err(tr!(
            "`{k}` is not a public SSH key: give the line of the station's .pub file, like \"ssh-ed25519 AAAA… name\"",
            "`{k}` 不是 SSH 公钥：请给出工作站 .pub 文件里的那一行，如 \"ssh-ed25519 AAAA… 名称\""
        ));
    }
    let file = root.join(FILE);
    let text = std::fs::read_to_string(&file).map_err(|e| io_text(&e))?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|_| {
        tr!(
            "street.toml does not read; fix it first",
            "street.toml 无法读取；请先修正"
        )
    })?;
    let entry = doc
        .get_mut("stations")
        .and_then(|s| s.as_table_like_mut())
        .and_then(|t| t.get_mut(id));
    let Some(entry) = entry else {
        let id = loupan_core::display::inline(id);
        return Err(tr!(
            "the street has no station {id}; add it first: loupan station add {id} NAME --key KEY",
            "街道没有工作站 {id}；请先添加：loupan station add {id} 名称 --key 公钥"
        ));
    };
    if let Some(name) = entry.as_str().map(str::to_string) {
        let mut t = toml_edit::InlineTable::new();
        t.insert("name", name.into());
        *entry = toml_edit::value(t);
    }
    match entry.as_table_like_mut() {
        Some(t) => {
            t.insert("key", toml_edit::value(key));
        }
        None => {
            return Err(tr!(
                "street.toml: station {id}'s line is neither a name nor a table",
                "street.toml：工作站 {id} 的那一行既不是名称也不是表"
            ));
        }
    }
    let out = doc.to_string();
    // what is written must read back as the street it was
    street::parse(&out)?;
    atomic_write(&file, out.as_bytes())
}

pub fn report_file(root: &Path, date: Date, station: &str) -> PathBuf {
    root.join("reports")
        .join(date.to_string())
        .join(format!("{station}.toml"))
}

/// Writes a station's report; a second one the same day is the next revision (git keeps both).
pub fn submit(root: &Path, mut s: Submission) -> Result<(PathBuf, Submission), Text> {
    let path = report_file(root, s.date, &s.station);
    // the revision is the history's: one more than the commits that changed the file (outside
    // git, one more than the file says; a hand-edited revision never overflows the next one)
    let rel = path.strip_prefix(root).unwrap_or(&path);
    s.revision = match super::proof::revisions(root, rel) {
        Some(n) => n.saturating_add(1),
        None => std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| Submission::parse(&t).ok())
            .map_or(1, |b| b.revision.saturating_add(1)),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_text(&e))?;
    }
    atomic_write(&path, s.encode().as_bytes())?;
    Ok((path, s))
}

/// The day's submitted reports by station, and the files that do not read (named, counted
/// nowhere: such a station shows as missing).
pub fn submissions(root: &Path, date: Date) -> (BTreeMap<String, Submission>, Vec<Text>) {
    let dir = root.join("reports").join(date.to_string());
    let mut out = BTreeMap::new();
    let mut problems = Vec::new();
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(id) = name.strip_suffix(".toml") else {
            continue;
        };
        let p = loupan_core::display::inline(&e.path().display().to_string()).into_owned();
        match one_report(&e.path(), id, date) {
            Ok(s) => {
                if !s.ignored.is_empty() {
                    problems
                        .push(Text::same(format!("{p}: ")).join(("", ""), &ignored(&s.ignored)));
                }
                out.insert(id.to_string(), s);
            }
            Err(Refused::At(problem)) => {
                problems.push(Text::by(|lang| format!("{p}:{}", problem.render(lang))))
            }
            Err(Refused::Why(why)) => {
                let why = tr!("not counted: ", "不计入：").join(("", ""), &why);
                problems.push(Text::same(format!("{p}: ")).join(("", ""), &why));
            }
        }
    }
    (out, problems)
}

/// Keys of a report this loupan does not know: read past, counted nowhere, named.
fn ignored(keys: &[String]) -> Text {
    let k = keys.join(", ");
    tr!(
        "counted without {k}: keys this loupan does not know (a newer loupan's? update this one)",
        "已计入，但未读取 {k}：本 loupan 不认识这些键（可能来自更新的 loupan，请升级）"
    )
}

/// The most a report file can weigh: a real one is about 1 KiB.
const MAX_REPORT: u64 = 64 * 1024;

enum Refused {
    At(loupan_core::codec::Problem),
    Why(Text),
}

/// One station's report file, read only if it is a plain file of a report's size, and counted only
/// if it is that station's report of that day with figures that can be true.
fn one_report(path: &Path, id: &str, date: Date) -> Result<Submission, Refused> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| Refused::Why(io_text(&e)))?;
    if !meta.file_type().is_file() {
        return Err(Refused::Why(tr!(
            "a link or a folder, not a report file",
            "是链接或文件夹，不是上报文件"
        )));
    }
    if meta.len() > MAX_REPORT {
        let kib = meta.len() / 1024;
        return Err(Refused::Why(tr!(
            "{kib} KiB: a report is never over 64 KiB",
            "{kib} KiB：上报文件不会超过 64 KiB"
        )));
    }
    let mut text = String::new();
    use std::io::Read;
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_REPORT).read_to_string(&mut text))
        .map_err(|e| Refused::Why(io_text(&e)))?;
    let s = Submission::parse(&text).map_err(Refused::At)?;
    s.check(id, date).map_err(Refused::Why)?;
    Ok(s)
}

/// The street's evening as its files say: each station's line, whether one is missing past the
/// deadline, and the report files that do not read.
pub struct Evening {
    pub root: PathBuf,
    pub street: Street,
    /// The day read: the one asked for, else today in the street's time zone.
    pub date: Date,
    pub rows: Vec<street::Row>,
    pub overdue: bool,
    /// Whether the day's deadline has passed.
    pub past_deadline: bool,
    pub problems: Vec<Text>,
}

/// The evening of `date` (else the street's today) for the street `from` is in, at the street's
/// time now.
pub fn evening(from: &Path, date: Option<Date>) -> Result<Evening, StreetError> {
    let (root, st) = open(from)?;
    let now = now_in(&st).map_err(StreetError::Not)?;
    let date = date.unwrap_or(now.date());
    let (subs, problems) = submissions(&root, date);
    let subs = super::proof::prove(&root, &st, date, subs);
    let (rows, overdue) = street::status(&st, &subs, date, now);
    Ok(Evening {
        root,
        past_deadline: street::past_deadline(&st, date, now),
        street: st,
        date,
        rows,
        overdue,
        problems,
    })
}

/// The street's own clock: now in its time zone (`timezone` in street.toml, Asia/Shanghai unless
/// it says otherwise), never the machine's — a server on UTC would turn the day at 08:00 Beijing
/// time.
pub fn now_in(st: &Street) -> Result<jiff::civil::DateTime, Text> {
    now_in_zone(&st.timezone)
}

/// Now in the named time zone (IANA), to the second.
pub fn now_in_zone(zone: &str) -> Result<jiff::civil::DateTime, Text> {
    let tz = jiff::tz::TimeZone::get(zone).map_err(|_| {
        let z = loupan_core::display::inline(zone);
        tr!(
            "street.toml: the time zone {z} is not known on this machine (its name, or install the zone data: apt-get install tzdata)",
            "street.toml：本机不认识时区 {z}（请检查名称，或安装时区数据：apt-get install tzdata）"
        )
    })?;
    let t = jiff::Timestamp::now().to_zoned_datetime(tz).datetime();
    Ok(t.with().subsec_nanosecond(0).build().unwrap_or(t))
}

/// The time zone of the street `dir` is in (one the machine knows), if it is in one.
pub fn zone_at(dir: &Path) -> Option<String> {
    let (_, st) = open(dir).ok()?;
    jiff::tz::TimeZone::get(&st.timezone).ok()?;
    Some(st.timezone)
}

/// A station's folder, named by id from anywhere in the street (`--station ID`).
pub fn station_dir(from: &Path, id: &str) -> Result<PathBuf, StreetError> {
    let (root, st) = open(from)?;
    if st.stations.iter().any(|(s, _)| s == id) {
        return Ok(root.join("stations").join(id));
    }
    let id = loupan_core::display::inline(id);
    let known: Vec<&str> = st.stations.iter().map(|(s, _)| s.as_str()).collect();
    let known = known.join(", ");
    Err(StreetError::Not(tr!(
        "the street has no station {id}; its stations: {known} (`loupan station add ID NAME` adds one)",
        "街道没有工作站 {id}；现有工作站：{known}（用 `loupan station add 编号 名称` 添加）"
    )))
}

/// The street whose map a plain `loupan` opens: run at a street's root (or anywhere in it but a
/// station's folder) with no data directory named.
pub fn map_root(from: &Path) -> Option<PathBuf> {
    match station_of(from) {
        Some(_) => None,
        None => find_root(from),
    }
}
