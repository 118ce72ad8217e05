//! The journal's notes in the private store: `.private/journal/<day>.toml`, one line per entry
//! that has a note, `<entry id> = "note"`, only ever appended (like the journal itself). The
//! shared day file keeps the entry — who, when, which unit, what came of it — without its note.

use super::super::errors::io_text;
use super::super::lock::Lock;
use jiff::civil::Date;
use loupan_core::codec::toml_string;
use loupan_core::i18n::Text;
use loupan_core::journal;
use loupan_core::text::SmallStr;
use loupan_core::tr;
use std::collections::HashMap;
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
    let key = toml_edit::Key::new(id).to_string();
    let line = format!("{key} = {}\n", toml_string(note));
    f.write_all(line.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)
}

/// A day's notes by entry id (a line that does not read is skipped: the entry then shows no
/// note, and `loupan check` names the line).
pub fn read(data: &Path, day: Date) -> HashMap<SmallStr, SmallStr> {
    let text = std::fs::read_to_string(file_of(data, day)).unwrap_or_default();
    let mut out = HashMap::new();
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Ok(table) = toml::from_str::<toml::Table>(t) {
            for (k, v) in table {
                if let Some(s) = v.as_str() {
                    out.insert(SmallStr::from(k.as_str()), SmallStr::from(s));
                }
            }
        }
    }
    out
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
