//! The journal on disk: `journal/<day>.toml` in the data directory, one line per entry, only ever
//! appended. Appending takes the day file's lock, adds one line at the end and fsyncs: it costs
//! the same whatever the file holds, and never rewrites a line (a broken one included).

use super::errors::io_text;
use super::lock::Lock;
use super::stamp::Stamp;
use jiff::civil::{Date, DateTime};
use loupan_core::codec::{Located, Problem, Severity};
use loupan_core::i18n::Text;
use loupan_core::journal::{self, Entry, Index};
use loupan_core::text::SmallStr;
use loupan_core::tr;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub(crate) fn dir_of(data: &Path) -> PathBuf {
    data.join("journal")
}

pub(crate) fn file_of(data: &Path, day: Date) -> PathBuf {
    dir_of(data).join(journal::file_name(day))
}

/// Now, local time, to the second.
pub fn now() -> DateTime {
    let t = jiff::ZonedDateTime::now().datetime();
    t.with().subsec_nanosecond(0).build().unwrap_or(t)
}

/// Who is logging, as git would name the author of a commit made here: `GIT_AUTHOR_NAME`, then
/// `user.name` for the data repository, then the login name (`USER`, `LOGNAME`).
pub(crate) fn who(data: &Path) -> String {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    env("GIT_AUTHOR_NAME")
        .or_else(|| super::git::config_value(data, "user.name").filter(|n| !n.trim().is_empty()))
        .or_else(|| env("USER"))
        .or_else(|| env("LOGNAME"))
        .unwrap_or_else(|| "unknown".to_string())
}

/// A new entry id: 48 random bits as hex, unique across clones for all practical purposes.
pub fn new_id() -> SmallStr {
    use std::hash::{BuildHasher, Hasher};
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    h.write_u64(COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let mut id = format!("{:012x}", h.finish() & 0xffff_ffff_ffff);
    // one id in ~4,000 would be twelve decimal digits, shaped like a landline: give it a letter
    if id.bytes().all(|b| b.is_ascii_digit()) {
        id.replace_range(0..1, "a");
    }
    id.as_str().into()
}

/// Appends one entry to its day's file (creating the journal directory and the file if need be)
/// and returns the file's stamp, taken under the lock.
pub(crate) fn append(data: &Path, e: &Entry) -> Result<Option<Stamp>, Text> {
    let path = file_of(data, e.date());
    let io = |e: std::io::Error| {
        let (p, why) = (path.display(), io_text(&e));
        tr!(
            "cannot write the journal {p}: {why}",
            "无法写入日志 {p}：{why}"
        )
    };
    std::fs::create_dir_all(dir_of(data)).map_err(io)?;
    let _lock = Lock::take(&path)?;
    let fresh = !path.exists();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(&path)
        .map_err(io)?;
    // a file cut off in the middle of a line (a crash, a hand edit) still gets whole lines after it
    // the note goes to the private store first; the shared day keeps the entry without it
    let mut line = match &e.note {
        Some(note) => {
            super::private::notes::append(data, e.date(), &e.id, note)?;
            journal::encode(&Entry {
                note: None,
                ..e.clone()
            })
        }
        None => journal::encode(e),
    };
    line.push('\n');
    let len = f.metadata().map_err(io)?.len();
    if len > 0 {
        let mut last = [0u8; 1];
        f.seek(SeekFrom::Start(len - 1)).map_err(io)?;
        f.read_exact(&mut last).map_err(io)?;
        if last[0] != b'\n' {
            line.insert(0, '\n');
        }
    }
    f.write_all(line.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    if fresh && let Ok(d) = std::fs::File::open(dir_of(data)) {
        let _ = d.sync_all();
    }
    Ok(stamp_of(data, e.date()))
}

/// A day's stamp: its shared file's, changed too when its private notes change.
pub(crate) fn stamp_of(data: &Path, day: Date) -> Option<Stamp> {
    Stamp::of(&file_of(data, day))
        .map(|s| s.with(Stamp::of(&super::private::notes::file_of(data, day))))
}

/// A day's file read: its entries (with their lines) and its problems.
#[derive(Debug)]
pub struct Day {
    pub day: Date,
    pub path: PathBuf,
    pub stamp: Option<Stamp>,
    pub entries: Vec<(usize, Entry)>,
    pub problems: Vec<Problem>,
}

/// One day's entries; a day without a file has none.
pub(crate) fn read_day(data: &Path, day: Date) -> Day {
    let path = file_of(data, day);
    let stamp = stamp_of(data, day);
    let (entries, problems) = match std::fs::read(&path) {
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Ok(text) => journal::parse_file(text),
            Err(e) => {
                let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
                let (l, c) = loupan_core::codec::position(&good, good.len());
                let why = tr!(
                    "this is not UTF-8 text; restore the file from git",
                    "这不是 UTF-8 文本；请从 git 恢复这个文件"
                );
                (Vec::new(), vec![Problem::error(l, c, why)])
            }
        },
        // no file: no entries that day; any other failure is said, never taken as an empty day
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Vec::new(), Vec::new()),
        Err(e) => {
            let why = super::errors::io_text(&e);
            let problem = Problem::error(
                1,
                1,
                tr!(
                    "this day's journal cannot be read ({why}); the day's follow-ups are unknown until it can",
                    "这一天的随访日志无法读取（{why}）；能读取之前，当天的随访情况不明"
                ),
            );
            (Vec::new(), vec![problem])
        }
    };
    let mut entries = entries;
    let notes = super::private::notes::read(data, day);
    if !notes.is_empty() {
        for (_, e) in &mut entries {
            if let Some(n) = notes.get(&e.id) {
                e.note = Some(n.clone());
            }
        }
    }
    Day {
        day,
        path,
        stamp,
        entries,
        problems,
    }
}

/// Every day that has a file, oldest first. No journal folder is an empty journal; a folder that
/// is there but cannot be listed (a file in its place, no permission) is a problem, never an
/// empty journal.
pub(crate) fn days(data: &Path) -> Result<Vec<Date>, Located> {
    let dir = dir_of(data);
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(folder_problem(&dir, &e)),
    };
    let mut out: Vec<Date> = rd
        .flatten()
        .filter_map(|e| journal::day_of(&e.file_name().to_string_lossy()))
        .collect();
    out.sort();
    Ok(out)
}

fn folder_problem(dir: &Path, e: &std::io::Error) -> Located {
    let message = if dir.is_file() {
        tr!(
            "the journal should be a folder of day files (YYYY-MM-DD.toml), but this is a file; move it away (or restore the folder from git)",
            "随访日志应是一个按日期存放文件（YYYY-MM-DD.toml）的文件夹，但这里是一个文件；请把它移走（或从 git 恢复文件夹）"
        )
    } else {
        let why = super::errors::io_text(e);
        tr!(
            "the journal folder cannot be read ({why}); follow-ups are unknown until it can",
            "随访日志文件夹无法读取（{why}）；能读取之前，随访情况不明"
        )
    };
    Located {
        file: dir.display().to_string(),
        problem: Problem::error(1, 1, message),
    }
}

/// The whole journal as a map reads it at start: the index, every day's stamp, and the days whose
/// files have problems.
pub struct Whole {
    pub index: Index,
    pub stamps: Vec<(Date, Option<Stamp>)>,
    pub broken: Vec<Day>,
    /// The journal's folder, when it cannot be listed at all.
    pub unreadable: Option<Located>,
}

impl Whole {
    /// Every problem: the folder's, then each broken day's.
    pub fn problems(&self) -> Vec<Located> {
        let mut out: Vec<Located> = self.unreadable.iter().cloned().collect();
        for d in &self.broken {
            out.extend(super::load::located(&d.path, &d.problems));
        }
        out
    }
}

/// `read_all`, keeping the stamps of the files read.
pub(crate) fn read_stamped(data: &Path) -> Whole {
    let (days, unreadable) = match days(data) {
        Ok(d) => (d, None),
        Err(p) => (Vec::new(), Some(p)),
    };
    let names: Vec<String> = days.iter().map(|d| d.to_string()).collect();
    let read = super::load::map_ids(&names, |d| d.parse().map(|day| read_day(data, day)).ok());
    let mut entries = Vec::new();
    let mut stamps = Vec::new();
    let mut broken = Vec::new();
    for mut d in read.into_iter().flatten() {
        stamps.push((d.day, d.stamp));
        entries.extend(std::mem::take(&mut d.entries).into_iter().map(|(_, e)| e));
        // a warning (an entry that came twice, read once) breaks nothing
        if d.problems.iter().any(|p| p.severity == Severity::Error) {
            broken.push(d);
        }
    }
    Whole {
        index: Index::from_entries(entries),
        stamps,
        broken,
        unreadable,
    }
}
