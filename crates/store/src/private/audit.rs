//! The audit log (docs/spec.md §12): every `--reveal` and every purge, one line each — when, who, which
//! command, how many records — never a value. `.private/audit.log`, tab-separated, appended and
//! fsynced; it travels with the private store, never with the shared history.

use super::super::errors::io_text;
use jiff::civil::{Date, DateTime};
use loupan_core::display::inline;
use loupan_core::i18n::Text;
use loupan_core::tr;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn file_of(data: &Path) -> PathBuf {
    super::dir_of(data).join("audit.log")
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub at: DateTime,
    pub by: String,
    pub command: String,
    pub records: usize,
}

/// Appends a line (the command's words made safe: no tab, no line break, no escape sequence).
pub fn append(data: &Path, l: &Line) -> Result<(), Text> {
    super::prepare(data)?;
    let path = file_of(data);
    let clean = |s: &str| inline(s).replace('\t', " ");
    let at = l.at.strftime("%Y-%m-%dT%H:%M:%S");
    let line = format!(
        "{at}\t{}\t{}\t{}\n",
        clean(&l.by),
        clean(&l.command),
        l.records
    );
    let io = |e: std::io::Error| {
        let (p, why) = (path.display(), io_text(&e));
        tr!(
            "cannot write the audit log {p}: {why}",
            "无法写入审计日志 {p}：{why}"
        )
    };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io)?;
    f.write_all(line.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)
}

/// The lines since `from` (all of them without), oldest first; lines that do not read are
/// skipped.
pub fn read(data: &Path, from: Option<Date>) -> Vec<Line> {
    let text = std::fs::read_to_string(file_of(data)).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let mut p = l.split('\t');
            let at: DateTime = p.next()?.parse().ok()?;
            let by = p.next()?.to_string();
            let command = p.next()?.to_string();
            let records = p.next()?.parse().ok()?;
            Some(Line {
                at,
                by,
                command,
                records,
            })
        })
        .filter(|l| from.is_none_or(|d| l.at.date() >= d))
        .collect()
}
