//! Returnees and staff in the private store (docs/spec.md §14): each building's people in
//! `.private/people/<id>.toml`, each day's temperature readings in `.private/readings/<day>.toml`.
//! Nothing here ever reaches a shared file: a company's counts of its people are written to its
//! line by [`Station::save_people`], never a person.

use super::super::errors::io_text;
use super::super::lock::Lock;
use super::super::station::Station;
use super::dir_of;
use jiff::civil::Date;
use loupan_core::codec::{Located, Problem};
use loupan_core::i18n::{Lang, Text};
use loupan_core::ids::BuildingId;
use loupan_core::people::readings::{self, DayReadings};
use loupan_core::people::{self, Person};
use loupan_core::tr;
use std::path::{Path, PathBuf};

pub fn people_file(data: &Path, id: &str) -> PathBuf {
    dir_of(data).join("people").join(format!("{id}.toml"))
}

pub fn readings_file(data: &Path, day: Date) -> PathBuf {
    dir_of(data).join("readings").join(format!("{day}.toml"))
}

/// The first problem of a file as one located sentence (a broken file is never written over).
fn broken(path: &Path, problems: &[Problem]) -> Text {
    let lines = |lang| {
        let all = super::super::load::located(path, problems);
        Located::lines(&all[..all.len().min(1)], lang).join("; ")
    };
    Text::new(lines(Lang::En), lines(Lang::Zh))
}

fn read_text(path: &Path) -> Result<Option<String>, Text> {
    match std::fs::read(path) {
        Ok(b) => Ok(Some(String::from_utf8_lossy(&b).into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => {
            let (f, why) = (path.display(), io_text(&e));
            Err(tr!("cannot read {f}: {why}", "无法读取 {f}：{why}"))
        }
    }
}

/// A building's people (none without a file).
pub fn read(data: &Path, id: &str) -> Result<Vec<Person>, Text> {
    let path = people_file(data, id);
    match read_text(&path)? {
        Some(t) => people::parse(&t).map_err(|p| broken(&path, &p)),
        None => Ok(Vec::new()),
    }
}

/// A day's readings (none without a file).
pub fn read_day(data: &Path, day: Date) -> Result<DayReadings, Text> {
    let path = readings_file(data, day);
    match read_text(&path)? {
        Some(t) => readings::parse(&t).map_err(|p| broken(&path, &p)),
        None => Ok(DayReadings::default()),
    }
}

/// Writes a file of the private store (an empty text removes it).
fn write_file(path: &Path, text: &str) -> Result<(), Text> {
    if text.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                let (f, why) = (path.display(), io_text(&e));
                Err(tr!("cannot remove {f}: {why}", "无法删除 {f}：{why}"))
            }
            _ => Ok(()),
        };
    }
    super::super::write::atomic_write(path, text.as_bytes())
}

/// Makes the folder of a private file (and the private store itself) before its lock is taken.
fn prepare_for(data: &Path, path: &Path) -> Result<(), Text> {
    super::prepare(data)?;
    let Some(dir) = path.parent() else {
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        let (d, why) = (dir.display(), io_text(&e));
        tr!("cannot create {d}: {why}", "无法创建 {d}：{why}")
    })
}

/// The days that have a readings file.
pub fn reading_days(data: &Path) -> Vec<Date> {
    let Ok(dir) = std::fs::read_dir(dir_of(data).join("readings")) else {
        return Vec::new();
    };
    let mut days: Vec<Date> = dir
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml")?.parse().ok()
        })
        .collect();
    days.sort();
    days
}

/// Removes people (and every reading of theirs) from a building, under the people file's lock:
/// for a purge. How many people and readings went.
pub(crate) fn remove(
    data: &Path,
    id: &str,
    gone: &[loupan_core::text::SmallStr],
    dry: bool,
) -> Result<(usize, usize), Text> {
    if gone.is_empty() {
        return Ok((0, 0));
    }
    let path = people_file(data, id);
    let _lock = Lock::take(&path)?;
    let mut all = read(data, id)?;
    all.retain(|p| !gone.contains(&p.id));
    let mut readings_gone = 0;
    for day in reading_days(data) {
        let file = readings_file(data, day);
        let _day_lock = Lock::take(&file)?;
        let mut d = read_day(data, day)?;
        let n: usize = gone.iter().map(|p| d.remove(id, p)).sum();
        readings_gone += n;
        if n > 0 && !dry {
            write_file(&file, &readings::encode(&d))?;
        }
    }
    if !dry {
        write_file(&path, &people::encode(&all))?;
    }
    Ok((gone.len(), readings_gone))
}

impl Station {
    /// A building's people, read and changed by `f` under the people file's lock, then written;
    /// the companies whose people changed get their counts in their line (derived, as a unit's
    /// colour is). What `f` returned.
    pub fn save_people<T>(
        &self,
        id: &BuildingId,
        today: Date,
        f: impl FnOnce(&mut Vec<Person>) -> Result<T, Text>,
    ) -> Result<T, Text> {
        let data = self.dir();
        let path = people_file(data, id);
        prepare_for(data, &path)?;
        let lock = Lock::take(&path)?;
        let mut all = read(data, id)?;
        let before = all.clone();
        let out = f(&mut all)?;
        if all != before {
            write_file(&path, &people::encode(&all))?;
        }
        drop(lock);
        self.derive_companies(id, &all, today)?;
        Ok(out)
    }

    /// Writes each company's counts of its people into its line, where they differ.
    fn derive_companies(&self, id: &BuildingId, all: &[Person], today: Date) -> Result<(), Text> {
        use super::super::company::CompanyEdit;
        let b = self
            .load(id)
            .building
            .map_err(|p| broken(&self.file_of(id), &p))?;
        let mut changed = Vec::new();
        for c in &b.companies {
            let mut next = c.clone();
            people::derive(&mut next.record, all, &c.id, today);
            if next != *c {
                changed.push((next, c.clone()));
            }
        }
        if changed.is_empty() {
            return Ok(());
        }
        let edits = changed
            .iter()
            .map(|(next, seen)| CompanyEdit::Set {
                company: next.clone(),
                seen: Some(seen),
            })
            .collect();
        self.save_companies(id, edits).map_err(|e| e.text())?;
        Ok(())
    }

    /// Logs a reading for `day` under the day file's lock.
    pub fn log_reading(
        &self,
        id: &BuildingId,
        person: &str,
        day: Date,
        r: readings::Reading,
    ) -> Result<(), Text> {
        let data = self.dir();
        let path = readings_file(data, day);
        prepare_for(data, &path)?;
        let _lock = Lock::take(&path)?;
        let mut d = read_day(data, day)?;
        d.add(id, person, r);
        write_file(&path, &readings::encode(&d))
    }

    /// Every building's people, by id (a building whose file does not read is told in the
    /// second list and counted with none).
    pub fn people_of<S: AsRef<str>>(&self, ids: &[S]) -> (Vec<(String, Vec<Person>)>, Vec<Text>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for id in ids {
            let id = id.as_ref();
            match read(self.dir(), id) {
                Ok(p) if p.is_empty() => {}
                Ok(p) => out.push((id.to_string(), p)),
                Err(t) => problems.push(t),
            }
        }
        (out, problems)
    }
}
