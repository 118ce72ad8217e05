//! What the journal says about each unit: its entries in time order, and the answers the day's
//! work needs — reached today, the last contact, door-knock attempts, the last week as a strip.
//! Built once from every entry and kept current as days change on disk. Pure.

use super::Entry;
use crate::text::SmallStr;
use jiff::civil::{Date, DateTime};
use std::collections::HashMap;

/// Every entry, by building and unit.
#[derive(Clone, Debug, Default)]
pub struct Index {
    units: HashMap<SmallStr, HashMap<SmallStr, UnitLog>>,
    /// Entries that count (not withdrawn, not withdrawals).
    len: usize,
}

/// One unit's entries, oldest first: those that count, and those struck out (withdrawn, and
/// the withdrawals themselves), kept so that a day read again is corrected the same way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitLog {
    entries: Vec<Entry>,
    struck: Vec<Entry>,
}

/// A day of the last week, as the strip in the detail panel shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayMark {
    Reached,
    NotReached,
    Nothing,
}

fn order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    (a.at, &a.id).cmp(&(b.at, &b.id))
}

impl Index {
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Index {
        let mut all: HashMap<SmallStr, HashMap<SmallStr, Vec<Entry>>> = HashMap::new();
        for e in entries {
            all.entry(e.building.clone())
                .or_default()
                .entry(e.unit.clone())
                .or_default()
                .push(e);
        }
        // sorted once, not kept sorted entry by entry: a year is 180,000 entries
        let units: HashMap<SmallStr, HashMap<SmallStr, UnitLog>> = all
            .into_iter()
            .map(|(b, us)| {
                (
                    b,
                    us.into_iter().map(|(u, es)| (u, UnitLog::of(es))).collect(),
                )
            })
            .collect();
        let mut ix = Index { units, len: 0 };
        ix.count();
        ix
    }

    fn count(&mut self) {
        self.len = self.logs().map(|l| l.entries.len()).sum();
    }

    fn logs(&self) -> impl Iterator<Item = &UnitLog> {
        self.units.values().flat_map(|u| u.values())
    }

    /// Every entry that counts, unit by unit (each unit's oldest first).
    pub fn all(&self) -> impl Iterator<Item = &Entry> {
        self.logs().flat_map(|l| l.entries.iter())
    }

    /// Entries struck out: the withdrawn, and the withdrawals.
    pub fn struck(&self) -> impl Iterator<Item = &Entry> {
        self.logs().flat_map(|l| l.struck.iter())
    }

    /// An entry that counts, by id.
    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.all().find(|e| *e.id == *id)
    }

    fn log_mut(&mut self, e: &Entry) -> &mut UnitLog {
        self.units
            .entry(e.building.clone())
            .or_default()
            .entry(e.unit.clone())
            .or_default()
    }

    /// Adds an entry in time order; the same entry (id and time) is not added twice. A
    /// withdrawal strikes out the entry it names (before or after that one arrives).
    pub fn add(&mut self, e: Entry) {
        let log = self.log_mut(&e);
        let before = log.entries.len();
        log.add(e);
        let after = log.entries.len();
        self.len = (self.len + after).saturating_sub(before);
    }

    /// A day's file changed on disk: its entries are now these.
    pub fn replace_day(&mut self, day: Date, entries: Vec<Entry>) {
        for units in self.units.values_mut() {
            for log in units.values_mut() {
                let on_day = |e: &Entry| e.date() == day;
                if log.entries.iter().chain(&log.struck).any(on_day) {
                    let rest = log.entries.drain(..).chain(log.struck.drain(..));
                    *log = UnitLog::of(rest.filter(|e| !on_day(e)).collect());
                }
            }
        }
        for e in entries {
            self.log_mut(&e).add(e);
        }
        self.count();
    }

    pub fn unit(&self, building: &str, unit: &str) -> Option<&UnitLog> {
        self.units.get(building)?.get(unit)
    }

    /// One building's units that have entries (a frame looks the building up once).
    pub fn building(&self, building: &str) -> Option<&HashMap<SmallStr, UnitLog>> {
        self.units.get(building)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every entry of a day, oldest first.
    pub fn day(&self, day: Date) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = self
            .units
            .values()
            .flat_map(|u| u.values())
            .flat_map(|l| l.entries.iter().filter(|e| e.date() == day))
            .collect();
        out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        out
    }
}

impl UnitLog {
    /// A unit's entries in any order: sorted, each once, withdrawals applied.
    fn of(mut all: Vec<Entry>) -> UnitLog {
        all.sort_by(order);
        all.dedup_by(|a, b| a.at == b.at && a.id == b.id);
        let withdrawn: std::collections::HashSet<SmallStr> =
            all.iter().filter_map(|e| e.withdraws.clone()).collect();
        let (struck, entries) = all
            .into_iter()
            .partition(|e| e.withdraws.is_some() || withdrawn.contains(&e.id));
        UnitLog { entries, struck }
    }

    fn add(&mut self, e: Entry) {
        let same = |x: &Entry| x.at == e.at && x.id == e.id;
        if self.entries.iter().chain(&self.struck).any(same) {
            return;
        }
        if let Some(target) = &e.withdraws {
            if let Some(i) = self.entries.iter().position(|x| x.id == *target) {
                let gone = self.entries.remove(i);
                self.struck.push(gone);
            }
            self.struck.push(e);
        } else if self
            .struck
            .iter()
            .any(|x| x.withdraws.as_ref() == Some(&e.id))
        {
            self.struck.push(e);
        } else {
            let at = self
                .entries
                .binary_search_by(|x| order(x, &e))
                .unwrap_or_else(|at| at);
            self.entries.insert(at, e);
        }
    }

    /// The entries that count, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Reached by any way on that day.
    pub fn reached_on(&self, day: Date) -> bool {
        self.entries
            .iter()
            .any(|e| e.date() == day && e.outcome.reached())
    }

    /// The last time someone was reached.
    pub fn last_reached(&self) -> Option<DateTime> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.outcome.reached())
            .map(|e| e.at)
    }

    /// The log as it stood at the end of `day` (slips withdrawn since left out): what a past
    /// day on the map shows.
    pub fn until(&self, day: Date) -> UnitLog {
        UnitLog {
            entries: self
                .entries
                .iter()
                .filter(|e| e.date() <= day)
                .cloned()
                .collect(),
            struck: Vec::new(),
        }
    }

    /// Door-knocks made by the end of `day` (a past day counts that day's knocks, not today's).
    pub fn visits_by(&self, day: Date) -> usize {
        self.entries
            .iter()
            .filter(|e| e.via == super::Via::Visit && e.date() <= day)
            .count()
    }

    /// Door-knocks: how many, and the last.
    pub fn visits(&self) -> (usize, Option<DateTime>) {
        let mut visits = self.entries.iter().filter(|e| e.via == super::Via::Visit);
        let last = visits.next_back().map(|e| e.at);
        (visits.count() + usize::from(last.is_some()), last)
    }

    /// The `days` days up to `today`, oldest first: reached, tried but not reached, or nothing.
    pub fn strip(&self, today: Date, days: i64) -> Vec<DayMark> {
        (0..days)
            .rev()
            .map(|back| {
                let day = today
                    .checked_sub(jiff::Span::new().days(back))
                    .unwrap_or(today);
                let tried: Vec<&Entry> = self.entries.iter().filter(|e| e.date() == day).collect();
                if tried.iter().any(|e| e.outcome.reached()) {
                    DayMark::Reached
                } else if tried.is_empty() {
                    DayMark::Nothing
                } else {
                    DayMark::NotReached
                }
            })
            .collect()
    }

    /// The most recent entries, newest first.
    pub fn latest(&self, n: usize) -> impl Iterator<Item = &Entry> {
        self.entries.iter().rev().take(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Outcome, Via};

    fn e(id: &str, day: i8, hour: i8, via: Via, outcome: Outcome) -> Entry {
        Entry {
            id: id.into(),
            at: jiff::civil::date(2026, 11, day).at(hour, 0, 0, 0),
            by: "s".into(),
            building: "b".into(),
            unit: "101".into(),
            via,
            outcome,
            note: None,
            withdraws: None,
        }
    }

    #[test]
    fn a_withdrawn_entry_and_its_withdrawal_count_for_nothing() {
        let call = e("c", 29, 9, Via::Call, Outcome::Well);
        let slip = call.withdrawal("w".into(), call.at, "s".into());
        let today = jiff::civil::date(2026, 11, 29);
        // either order, at once or one by one
        for entries in [
            vec![call.clone(), slip.clone()],
            vec![slip.clone(), call.clone()],
        ] {
            let ix = Index::from_entries(entries.clone());
            let mut one_by_one = Index::default();
            for x in entries {
                one_by_one.add(x);
            }
            for ix in [ix, one_by_one] {
                assert_eq!(ix.len(), 0);
                assert!(ix.find("c").is_none() && ix.day(today).is_empty());
                assert!(!ix.unit("b", "101").unwrap().reached_on(today));
                assert_eq!(ix.struck().count(), 2);
            }
        }
        // the day read again without the withdrawal: the call counts again
        let mut ix = Index::from_entries([call.clone(), slip]);
        ix.replace_day(today, vec![call]);
        assert_eq!(ix.len(), 1);
        assert!(ix.unit("b", "101").unwrap().reached_on(today));
    }

    #[test]
    fn answers_the_days_questions() {
        let ix = Index::from_entries([
            e("a", 27, 9, Via::Visit, Outcome::NotHome),
            e("c", 29, 9, Via::Call, Outcome::NoAnswer),
            e("b", 28, 9, Via::Visit, Outcome::NotHome),
            e("d", 29, 10, Via::Call, Outcome::Well),
            e("d", 29, 10, Via::Call, Outcome::Well),
        ]);
        assert_eq!(ix.len(), 4, "an id is added once");
        let u = ix.unit("b", "101").unwrap();
        assert_eq!(
            u.entries().iter().map(|e| &*e.id).collect::<Vec<_>>(),
            ["a", "b", "c", "d"],
            "time order"
        );
        let today = jiff::civil::date(2026, 11, 29);
        assert!(u.reached_on(today) && !u.reached_on(jiff::civil::date(2026, 11, 28)));
        assert_eq!(u.visits().0, 2);
        assert_eq!(
            u.strip(today, 4),
            [
                DayMark::Nothing,
                DayMark::NotReached,
                DayMark::NotReached,
                DayMark::Reached
            ]
        );
        let mut ix = ix;
        ix.replace_day(today, vec![e("z", 29, 11, Via::Call, Outcome::NoAnswer)]);
        assert_eq!(ix.len(), 3);
        assert!(!ix.unit("b", "101").unwrap().reached_on(today));
        assert_eq!(ix.day(today).len(), 1);
    }
}
