//! The journal's notes in the private store: `.private/journal/<day>.toml`, one line per entry
//! that has a note, `<entry id> = "note"`, only ever appended (like the journal itself). The
//! shared day file keeps the entry — who, when, which unit, what came of it — without its note.

use super::super::errors::io_text;
use super::super::lock::Lock;
use jiff::civil::Date;
use loupan_core::i18n::Text;
use loupan_core::journal;
use loupan_core::text::SmallStr;
use loupan_core::tr;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn dir_of(data: &Path) -> PathBuf {
    super::dir_of(data).join("journal")
}

pub fn file_of(data: &Path, day: Date) -> PathBuf {
    dir_of(data).join(journal::file_name(day))
}

/// Appends an entry's note, fsynced, before the entry itself is appended to the shared day.
pub(crate) fn append(data: &Path, day: Date, id: &str, note: &str) -> Result<(), Text> {
    super::prepare(data)?;
    let path = file_of(data, day);
    let io = |e: std::io::Error| {
        let (p, why) = (path.display(), io_text(&e));
        tr!("cannot write {p}: {why}", "无法写入 {p}：{why}")
    };
    std::fs::create_dir_all(dir_of(data)).map_err(io)?;
    let _lock = Lock::take(&path)?;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io)?;
    let line = loupan_core::private::merge::note_line(id, note) + "\n";
    f.write_all(line.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)
}

/// A day's notes by entry id (a line that does not read is skipped: the entry then shows no
/// note).
pub fn read(data: &Path, day: Date) -> BTreeMap<SmallStr, SmallStr> {
    let text = std::fs::read_to_string(file_of(data, day)).unwrap_or_default();
    loupan_core::private::merge::parse_notes(&text)
}

/// The days that have a notes file.
pub fn days(data: &Path) -> Vec<Date> {
    let mut out: Vec<Date> = std::fs::read_dir(dir_of(data))
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| journal::day_of(&e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Every line of the private notes files that does not read as `id = "note"`, located: such a
/// note is not shown with its entry, and `loupan check` says so.
pub fn problems(data: &Path) -> Vec<(PathBuf, Vec<loupan_core::codec::Problem>)> {
    let mut out = Vec::new();
    for day in days(data) {
        let path = file_of(data, day);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let bad: Vec<loupan_core::codec::Problem> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                let t = l.trim();
                !t.is_empty()
                    && !t.starts_with('#')
                    && loupan_core::private::merge::parse_notes(t).is_empty()
            })
            .map(|(n, _)| {
                loupan_core::codec::Problem::error(
                    n + 1,
                    1,
                    tr!(
                        "this note does not read (expected id = \"note\"), so its entry shows none; restore the file from the private store's history",
                        "这条备注无法读取（应为 编号 = \"备注\"），对应记录不显示备注；请从私密存储的历史恢复该文件"
                    ),
                )
            })
            .collect();
        if !bad.is_empty() {
            out.push((path, bad));
        }
    }
    out
}
