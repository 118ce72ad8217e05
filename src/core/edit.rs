//! Edits: a change to one unit, as a patch of fields or a whole record, and its compare-and-set
//! precondition. Pure; the store applies them under a lock.

use super::model::Record;
use super::status::Status;
use super::text::SmallStr;
use jiff::civil::Date;

/// Fields to change; `None` leaves a field alone, `Some(None)` clears it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Patch {
    pub status: Option<Status>,
    pub live_work: Option<bool>,
    pub name: Option<Option<SmallStr>>,
    pub people: Option<Option<u32>>,
    pub contact: Option<Option<SmallStr>>,
    pub note: Option<Option<SmallStr>>,
    pub since: Option<Option<Date>>,
    pub until: Option<Option<Date>>,
    pub checked: Option<Option<Date>>,
}

impl Patch {
    pub fn apply(&self, r: &Record) -> Record {
        let mut n = r.clone();
        if let Some(s) = self.status {
            n.status = s;
        }
        if let Some(b) = self.live_work {
            n.live_work = b;
        }
        fn set<T: Clone>(slot: &mut Option<T>, v: &Option<Option<T>>) {
            if let Some(v) = v {
                *slot = v.clone();
            }
        }
        set(&mut n.name, &self.name);
        set(&mut n.people, &self.people);
        set(&mut n.contact, &self.contact);
        set(&mut n.note, &self.note);
        set(&mut n.since, &self.since);
        set(&mut n.until, &self.until);
        set(&mut n.checked, &self.checked);
        n
    }

    pub fn is_empty(&self) -> bool {
        *self == Patch::default()
    }
}

/// What to do to a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Apply these fields to whatever the unit holds when the lock is taken.
    Patch(Patch),
    /// Make the unit exactly this.
    Set(Record),
}

/// One unit's edit. With `expect`, the edit is refused unless the unit still holds exactly what the
/// editor saw: nobody's newer value is overwritten by a stale screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitEdit {
    pub unit: String,
    pub expect: Option<Record>,
    pub change: Change,
}

impl UnitEdit {
    pub fn result(&self, current: &Record) -> Record {
        match &self.change {
            Change::Patch(p) => p.apply(current),
            Change::Set(r) => r.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_sets_and_clears() {
        let r = Record {
            note: Some("x".into()),
            ..Record::default()
        };
        let p = Patch {
            status: Some(Status::Vacant),
            note: Some(None),
            people: Some(Some(2)),
            ..Patch::default()
        };
        let n = p.apply(&r);
        assert_eq!(n.status, Status::Vacant);
        assert_eq!(n.note, None);
        assert_eq!(n.people, Some(2));
        assert!(!p.is_empty());
    }
}

/// The fields that turn `a` into `b`, so a change made on a stale view can be replayed on top of
/// the current value deliberately (unknown keys are never edited, so they are not compared).
pub fn patch_between(a: &Record, b: &Record) -> Patch {
    fn diff<T: Clone + PartialEq>(x: &Option<T>, y: &Option<T>) -> Option<Option<T>> {
        (x != y).then(|| y.clone())
    }
    Patch {
        status: (a.status != b.status).then_some(b.status),
        live_work: (a.live_work != b.live_work).then_some(b.live_work),
        name: diff(&a.name, &b.name),
        people: diff(&a.people, &b.people),
        contact: diff(&a.contact, &b.contact),
        note: diff(&a.note, &b.note),
        since: diff(&a.since, &b.since),
        until: diff(&a.until, &b.until),
        checked: diff(&a.checked, &b.checked),
    }
}

#[cfg(test)]
mod between_tests {
    use super::*;

    #[test]
    fn replays_only_what_changed() {
        let seen = Record::default();
        let tried = Record::with_status(Status::Vacant);
        let current = Record {
            note: Some("phoned".into()),
            ..Record::default()
        };
        let r = patch_between(&seen, &tried).apply(&current);
        assert_eq!(r.status, Status::Vacant);
        assert_eq!(r.note.as_deref(), Some("phoned"));
    }
}
