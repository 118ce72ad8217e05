//! The one write path. Every edit from the CLI and the TUI comes here:
//! lock (a separate, never-renamed lock file) → re-read → parse → compare with what the editor
//! saw → check the result by the field schema's rules → apply with toml_edit keeping comments →
//! re-parse the result → check the file did not change under us → atomic write (same-directory
//! temp, mode kept, fsync file and directory) → take the new file's stamp, still under the lock.
//! A file that does not parse is never written.

use super::errors::io_text;
use super::lock::Lock;
use super::stamp::Stamp;
use super::transaction::{self, Change, Current, Mode};
use loupan_core::codec::{self, Problem};
use loupan_core::company::unit_status;
use loupan_core::display::inline;
use loupan_core::edit::UnitEdit;
use loupan_core::fields::{Field, Record, validate};
use loupan_core::i18n::{Lang, Text};
use loupan_core::model::Building;
use loupan_core::private::{self, Private};
use loupan_core::tr;
use std::io::Write;
use std::path::Path;

#[derive(Debug)]
pub enum WriteError {
    /// The file has problems; it was left byte for byte alone.
    Broken(Vec<Problem>),
    NoSuchUnit(String),
    /// The unit no longer holds what the editor saw; `current` is what it holds.
    Conflict {
        unit: String,
        current: Box<Record>,
    },
    /// The edit itself breaks a rule of the format (an end date before the start, say).
    Invalid {
        unit: String,
        problems: Vec<(Field, Text)>,
    },
    /// A company's field refused, and why (a credit code already filed, a figure out of bounds).
    Company(loupan_core::company::CompanyField, Text),
    Io(Text),
}

impl WriteError {
    /// One explanation in both languages (the broken file's problems listed after it).
    pub fn text(&self) -> Text {
        match self {
            WriteError::Broken(ps) => with_problems(
                tr!(
                    "the file has problems and was not changed:",
                    "文件有错误，未作修改："
                ),
                ps,
            ),
            WriteError::NoSuchUnit(u) => {
                let u = inline(u);
                tr!(
                    "there is no unit {u} in this building's layout",
                    "这栋楼的布局里没有单元 {u}"
                )
            }
            WriteError::Conflict { unit, .. } => {
                let unit = inline(unit);
                tr!(
                    "unit {unit} was changed by someone else",
                    "单元 {unit} 已被他人修改"
                )
            }
            WriteError::Invalid { unit, problems } => {
                let unit = inline(unit);
                let mut t = tr!("unit {unit}:", "单元 {unit}：");
                for (_, m) in problems {
                    t = t.join((" ", ""), m);
                }
                t
            }
            WriteError::Company(_, t) | WriteError::Io(t) => t.clone(),
        }
    }
}

/// A sentence followed by a file's problems, one per line.
fn with_problems(head: Text, ps: &[Problem]) -> Text {
    ps.iter().fold(head, |t, p| {
        t.join(
            ("\n  ", "\n  "),
            &Text::new(p.render(Lang::En), p.render(Lang::Zh)),
        )
    })
}

/// Result of a successful call: the building as now on disk, whether a byte was written, and
/// the file's stamp as this call left it — taken under the lock, so a neighbour's save that
/// lands right after is never mistaken for this one.
#[derive(Debug)]
pub struct Saved {
    pub building: Building,
    pub written: bool,
    pub stamp: Option<Stamp>,
}

/// A writer killed between linking and renaming its temp file can leave `.NAME.XXXXXX`; only the
/// lock holder can be writing, so any such file is stale.
pub(crate) fn remove_stale_temps(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if let Some(rest) = n.strip_prefix(&prefix)
            && rest.len() == 6
            && rest.chars().all(|c| c.is_ascii_alphanumeric())
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The data directory a building file is in.
pub(crate) fn data_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("."))
}

/// Applies edits to one building file as one transaction (see `transaction`).
pub(crate) fn apply_edits(path: &Path, id: &str, edits: &[UnitEdit]) -> Result<Saved, WriteError> {
    crate::failpoint::hold("save");
    let done = transaction::run(path, id, Mode::Write, |c| plan(c, edits))?;
    Ok(Saved {
        building: done.value,
        written: done.written,
        stamp: done.stamp,
    })
}

/// A building's personal values for a save: a private file that does not read stops the save.
pub(crate) fn private_of(data: &Path, id: &str) -> Result<Private, WriteError> {
    crate::private::read(data, id).map_err(|ps| {
        let file = crate::private::file_of(data, id);
        let p = file.display();
        let head = tr!(
            "the personal values file {p} has problems and nothing was changed:",
            "个人信息文件 {p} 有错误，未作修改："
        );
        WriteError::Io(with_problems(head, &ps))
    })
}

/// Everything an edit does but the write: for benchmarks, which report the write (fsync) part
/// apart. Returns the new text, or `None` when nothing would change.
pub(crate) fn prepare_edits(
    path: &Path,
    id: &str,
    edits: &[UnitEdit],
) -> Result<Option<String>, WriteError> {
    let done = transaction::run(path, id, Mode::Plan, |c| {
        let (b, change) = plan(c, edits)?;
        Ok(((b, change.text.clone()), change))
    })?;
    Ok(done.value.1)
}

/// The unit records after the edits: (unit index, new record) of each unit that changes.
fn changes_of(
    current: &Building,
    kept: &Private,
    edits: &[UnitEdit],
) -> Result<Vec<(usize, Record)>, WriteError> {
    let mut changes: Vec<(usize, Record)> = Vec::new();
    for e in edits {
        let i = current
            .find(&e.unit)
            .ok_or_else(|| WriteError::NoSuchUnit(e.unit.clone()))?;
        let on_disk = &current.units[i].record;
        if let Some(seen) = &e.expect
            && !seen.holds(on_disk)
        {
            return Err(WriteError::Conflict {
                unit: e.unit.clone(),
                current: Box::new(on_disk.clone()),
            });
        }
        // an earlier edit in this batch may have touched the same unit
        let now = changes
            .iter()
            .rev()
            .find(|(j, _)| *j == i)
            .map_or(on_disk, |(_, r)| r);
        let mut next = e.result(now);
        // a unit companies occupy takes its colour from them: the rule the file is read by
        next.status = unit_status(next.status, &current.units[i].label, &current.companies);
        let mut problems = validate(&next);
        let held = kept.units.get(current.units[i].label.as_str());
        problems.extend(private::carried_name(held, now, &next));
        if !problems.is_empty() {
            return Err(WriteError::Invalid {
                unit: e.unit.clone(),
                problems,
            });
        }
        changes.retain(|(j, _)| *j != i);
        if next != *on_disk {
            changes.push((i, next));
        }
    }
    Ok(changes)
}

/// Checks and edits the building as read: the new building (shared and personal parts joined)
/// and what changes in its two files.
fn plan(c: &Current<'_>, edits: &[UnitEdit]) -> Result<(Building, Change), WriteError> {
    let (shared, spans, before) = (c.shared.clone(), c.spans, c.private);
    let mut current = shared.clone();
    private::join(&mut current, before);
    let changes = changes_of(&current, before, edits)?;
    if changes.is_empty() {
        return Ok((current, Change::none()));
    }
    let mut personal = before.clone();
    let today = crate::today();
    for (i, r) in &changes {
        let unit = &current.units[*i];
        private::set_unit_from(&mut personal, &unit.label, unit.record.status, r, today);
        current.units[*i].record = r.clone();
    }
    let personal = (personal != *before).then_some(personal);
    // the shared file takes what is not personal: a name typed is no change to it at all
    let changes: Vec<(usize, Record)> = changes
        .iter()
        .map(|(i, r)| (*i, private::shared_record(r)))
        .filter(|(i, r)| *r != shared.units[*i].record)
        .collect();
    if changes.is_empty() {
        let change = Change {
            text: None,
            private: personal,
        };
        return Ok((current, change));
    }
    let current_joined = current;
    let current = shared;
    let text = c.text();
    // Usually only the unit's own line is parsed with toml_edit; the whole document only when a
    // unit has no line yet (a hand-written file) or its line is unusual.
    let whole = |t: &str| {
        let mut doc: toml_edit::DocumentMut = t.parse().ok()?;
        for (i, r) in &changes {
            codec::set_unit(&mut doc, &current.units[*i].label, r);
        }
        Some(doc.to_string())
    };
    let out = codec::edit_lines(&text, spans, &current, &changes)
        .or_else(|| codec::keeping_form(&text, whole))
        .ok_or_else(|| {
            let p = c.path.display();
            WriteError::Io(tr!("cannot edit {p}", "无法编辑 {p}"))
        })?;
    reread(c.id, &out, &current, &changes)?;
    let change = Change {
        text: Some(out),
        private: personal,
    };
    Ok((current_joined, change))
}

/// The edited text must parse and read back exactly: the changed units as intended, every other
/// unit as before. Anything else is loupan's own bug, and nothing is written.
fn reread(
    id: &str,
    out: &str,
    current: &Building,
    changes: &[(usize, Record)],
) -> Result<Building, WriteError> {
    let internal = |what: String| {
        WriteError::Io(tr!(
            "internal error: {what}; nothing was written (please report this)",
            "内部错误：{what}；没有写入（请报告此问题）"
        ))
    };
    let after = codec::parse(id, out.as_bytes()).map_err(|ps| {
        internal(format!(
            "the edited file would not parse ({})",
            ps.first().map(|p| p.to_string()).unwrap_or_default()
        ))
    })?;
    for (i, u) in after.units.iter().enumerate() {
        let want = changes
            .iter()
            .find(|(j, _)| *j == i)
            .map_or(&current.units[i].record, |(_, r)| r);
        if u.record != *want {
            return Err(internal(format!(
                "unit {} would not read back as written",
                u.label
            )));
        }
    }
    Ok(after)
}

/// Temp file in the same directory, mode kept, fsync of file and directory, rename.
pub fn atomic_write(target: &Path, bytes: &[u8]) -> Result<(), Text> {
    let io = |e: std::io::Error| {
        let (p, why) = (target.display(), io_text(&e));
        tr!("cannot save {p}: {why}", "无法保存 {p}：{why}")
    };
    let mut f = atomic_write_file::AtomicWriteFile::options()
        .open(target)
        .map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    f.commit().map_err(io)?;
    Ok(())
}

/// Creates a new building file under its lock (and the data directory if need be); refuses to
/// replace one that exists.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<(), Text> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            let (d, why) = (dir.display(), io_text(&e));
            tr!("cannot create {d}: {why}", "无法创建 {d}：{why}")
        })?;
    }
    // create_new makes two `loupan new` of one id fail instead of overwrite
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            let (p, why) = (path.display(), io_text(&e));
            tr!("cannot create {p}: {why}", "无法创建 {p}：{why}")
        })?;
    let target = std::fs::canonicalize(path).map_err(|e| io_text(&e))?;
    let _lock = Lock::take(&target)?;
    atomic_write(&target, bytes)
}

/// Rewrites a whole file as one transaction: `f` gets the current text and building and returns
/// the new text (or `None` to leave it). Used by `loupan fmt`; the units must read back the same.
pub(crate) fn rewrite(
    path: &Path,
    id: &str,
    mut f: impl FnMut(&str, &Building) -> Option<String>,
) -> Result<bool, WriteError> {
    let done = transaction::run(path, id, Mode::Write, |c| {
        let text = c.text();
        let Some(new) = f(&text, c.shared).filter(|n| *n != text) else {
            return Ok(((), Change::none()));
        };
        let after = codec::parse(id, new.as_bytes()).map_err(WriteError::Broken)?;
        if after.units != c.shared.units {
            return Err(WriteError::Io(tr!(
                "internal error: reformatting would change data; nothing was written",
                "内部错误：重新排版会改变数据；没有写入"
            )));
        }
        let change = Change {
            text: Some(new),
            private: None,
        };
        Ok(((), change))
    })?;
    Ok(done.written)
}

/// Appends text to a file, best effort: for diagnostics such as `LOUPAN_TIMING`, never data.
pub fn append_line(path: &Path, text: &str) {
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = f.write_all(text.as_bytes());
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}
