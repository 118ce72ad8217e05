//! Edits: a change to one unit, as a patch of fields or a whole record, and its compare-and-set
//! precondition. Pure; the store applies them under a lock.

use super::fields::{Field, Record, Value};

/// Fields to change, each to a value; an optional field's `None` clears it. Fields not listed are
/// left as they are when the patch is applied. Defaults fill a field only where it is still unset
/// after the changes (an isolation starts today unless a start is recorded).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Patch {
    sets: Vec<(Field, Value)>,
    defaults: Vec<(Field, Value)>,
}

impl Patch {
    pub fn new() -> Patch {
        Patch::default()
    }

    /// A patch of one field.
    pub fn one(field: Field, value: Value) -> Patch {
        Patch::new().with(field, value)
    }

    /// Adds (or replaces) a field's value.
    pub fn set(&mut self, field: Field, value: Value) {
        self.sets.retain(|(f, _)| *f != field);
        self.sets.push((field, value));
    }

    /// A value for a field that is unset after the changes.
    pub fn default_to(&mut self, field: Field, value: Value) {
        self.defaults.retain(|(f, _)| *f != field);
        self.defaults.push((field, value));
    }

    pub fn with(mut self, field: Field, value: Value) -> Patch {
        self.set(field, value);
        self
    }

    /// The fields it sets.
    pub fn fields(&self) -> Vec<Field> {
        self.sets.iter().map(|(f, _)| *f).collect()
    }

    /// Takes a field out: it is left as it is.
    pub fn remove(&mut self, field: Field) {
        self.sets.retain(|(f, _)| *f != field);
    }

    pub fn get(&self, field: Field) -> Option<&Value> {
        self.sets.iter().find(|(f, _)| *f == field).map(|(_, v)| v)
    }

    pub fn apply(&self, r: &Record) -> Record {
        let mut n = r.clone();
        for (f, v) in &self.sets {
            f.set(&mut n, v.clone());
        }
        for (f, v) in &self.defaults {
            if !f.get(&n).is_set() {
                f.set(&mut n, v.clone());
            }
        }
        n
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty() && self.defaults.is_empty()
    }

    /// The fields that turn `a` into `b`, so a change made on a stale view can be replayed on top
    /// of the current value deliberately (unknown keys are never edited, so they are not compared).
    pub fn between(a: &Record, b: &Record) -> Patch {
        Patch {
            sets: a.changed(b).into_iter().map(|f| (f, f.get(b))).collect(),
            defaults: Vec::new(),
        }
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
    pub expect: Option<Expect>,
    pub change: Change,
}

/// What an editor saw before its edit: the whole record, or only the fields it changes (a form
/// that edited the note need not fail because someone else changed the status).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    Record(Record),
    Fields(Vec<(Field, Value)>),
}

impl Expect {
    /// Whether `current` still holds what was seen.
    pub fn holds(&self, current: &Record) -> bool {
        match self {
            Expect::Record(r) => r == current,
            Expect::Fields(fs) => fs.iter().all(|(f, v)| f.get(current) == *v),
        }
    }
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
    use crate::status::Status;

    #[test]
    fn patch_sets_and_clears() {
        let r = Record {
            note: Some("x".into()),
            ..Record::default()
        };
        let p = Patch::new()
            .with(Field::Status, Value::Status(Status::Vacant))
            .with(Field::Note, Value::Text(None))
            .with(Field::People, Value::Count(Some(2)));
        let n = p.apply(&r);
        assert_eq!(n.status, Status::Vacant);
        assert_eq!(n.note, None);
        assert_eq!(n.people, Some(2));
        assert!(!p.is_empty());
    }

    #[test]
    fn replays_only_what_changed() {
        let seen = Record::default();
        let tried = Record::with_status(Status::Vacant);
        let current = Record {
            note: Some("phoned".into()),
            ..Record::default()
        };
        let r = Patch::between(&seen, &tried).apply(&current);
        assert_eq!(r.status, Status::Vacant);
        assert_eq!(r.note.as_deref(), Some("phoned"));
    }

    #[test]
    fn field_expectations_ignore_other_fields() {
        let seen = Record::default();
        let now = Record {
            status: Status::Isolating,
            ..Record::default()
        };
        let e = Expect::Fields(vec![(Field::Note, Field::Note.get(&seen))]);
        assert!(e.holds(&now));
        assert!(!Expect::Record(seen).holds(&now));
    }
}
