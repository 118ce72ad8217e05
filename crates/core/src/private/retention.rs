//! Which personal values are past their retention (docs/spec.md §12): a household's contact and note collected
//! for an isolation, counted from the isolation's end — the day the private store recorded, or
//! the record's `until` if earlier (its name stays while it lives there); the name, contact and
//! note of a household whose unit has been vacant since; a journal entry's note, counted from
//! its day. Pure: the store removes what this says.

use super::{Isolation, Private};
use crate::fields::Field;
use crate::model::Building;
use crate::status::Status;
use jiff::ToSpan;
use jiff::civil::Date;

/// Days each kind of value is kept (config `[retention]`, default 30 each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    pub isolation: u16,
    pub journal_note: u16,
    pub moved_out: u16,
    /// A returnee and their readings, counted from the end of their observation (docs/spec.md §14).
    pub returnee: u16,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            isolation: 30,
            journal_note: 30,
            moved_out: 30,
            returnee: 30,
        }
    }
}

/// What a purge removed (or would remove), counted: never the values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub names: usize,
    pub contacts: usize,
    pub notes: usize,
    pub journal_notes: usize,
    /// Returnees and staff removed with their readings.
    pub people: usize,
    pub readings: usize,
}

impl Purged {
    pub fn add(&mut self, o: Purged) {
        self.names += o.names;
        self.contacts += o.contacts;
        self.notes += o.notes;
        self.journal_notes += o.journal_notes;
        self.people += o.people;
        self.readings += o.readings;
    }

    pub fn total(&self) -> usize {
        self.names + self.contacts + self.notes + self.journal_notes + self.people + self.readings
    }
}

/// Whether a day plus `days` is before `today`: kept through the last day of retention.
fn past(day: Date, days: u16, today: Date) -> bool {
    day.checked_add(i64::from(days).days())
        .is_ok_and(|end| end < today)
}

/// Whether a journal note of `day` is past retention.
pub fn journal_note_expired(day: Date, r: Retention, today: Date) -> bool {
    past(day, r.journal_note, today)
}

/// The private part without what is past retention, and what was taken. `b` is the building
/// (its shared part suffices: statuses and isolation dates are not personal).
pub fn purge(b: &Building, p: &Private, r: Retention, today: Date) -> (Private, Purged) {
    let mut out = p.clone();
    let mut n = Purged::default();
    for u in &b.units {
        let Some(v) = out.units.get_mut(u.label.as_str()) else {
            continue;
        };
        let rec = &u.record;
        let ended = match v.isolation {
            Isolation::Ended(d) => Some(d),
            _ => None,
        };
        let isolation_over = rec.status != Status::Isolating
            && [rec.until.get(), ended]
                .into_iter()
                .flatten()
                .any(|end| past(end, r.isolation, today));
        let moved_out = rec.status == Status::Vacant
            && v.vacant_since.is_some_and(|d| past(d, r.moved_out, today));
        v.values.retain(|(f, _)| {
            let gone = match f {
                Field::Contact | Field::Note => isolation_over || moved_out,
                Field::Name => moved_out,
                _ => false,
            };
            if gone {
                match f {
                    Field::Name => n.names += 1,
                    Field::Contact => n.contacts += 1,
                    _ => n.notes += 1,
                }
            }
            !gone
        });
    }
    out.units.retain(|_, v| !v.values.is_empty());
    (out, n)
}
