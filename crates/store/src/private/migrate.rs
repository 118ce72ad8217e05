//! Moving personal values out of files written before the private store: a building file's
//! names, contacts and notes, and a journal day's notes, into the private store — each under its
//! lock, the private part written first, so a kill leaves every value somewhere.

use super::super::lock::Lock;
use super::super::paths;
use super::super::transaction::{self, Change, Mode};
use super::super::write::{WriteError, atomic_write};
use jiff::civil::Date;
use loupan_core::i18n::Text;
use loupan_core::private;
use std::path::Path;

/// Moves one building's personal values, in one transaction; how many records held any.
pub fn building(data: &Path, id: &str, today: Date) -> Result<usize, WriteError> {
    let path = paths::file_of(data, id);
    let done = transaction::run(&path, id, Mode::Write, |c| {
        let Some((scrubbed, n)) = private::scrub_text(id, &c.text()) else {
            return Ok((0, Change::none()));
        };
        let mut joined = c.shared.clone();
        private::join(&mut joined, c.private);
        let mut after = c.private.clone();
        for u in &joined.units {
            if after.units.contains_key(u.label.as_str())
                || private::unit_values(&u.record, None, today).is_some()
            {
                private::set_unit(&mut after, &u.label, &u.record, today);
            }
        }
        for co in &joined.companies {
            private::set_company(&mut after, &co.id, &co.record);
        }
        let change = Change {
            text: Some(scrubbed),
            private: Some(after),
        };
        Ok((n, change))
    })?;
    Ok(done.value)
}

/// Moves every journal day's notes; how many notes moved.
pub fn journal(data: &Path) -> Result<usize, Text> {
    let mut moved = 0;
    for day in super::super::journal::days(data).map_err(|l| l.problem.message)? {
        let path = super::super::journal::file_of(data, day);
        let _lock = Lock::take(&path)?;
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let (scrubbed, notes) = private::scrub_journal(&text);
        if notes.is_empty() {
            continue;
        }
        let have = super::notes::read(data, day);
        for (id, note) in &notes {
            if !have.contains_key(id) {
                super::notes::append(data, day, id, note)?;
            }
        }
        atomic_write(&path, scrubbed.as_bytes())?;
        moved += notes.len();
    }
    Ok(moved)
}
