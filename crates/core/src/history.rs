//! Undo and redo as data: each step is every unit it changed, before and after. The map asks for
//! the next step to save and says how the save went; nothing here saves anything. Pure.

use super::edit::Patch;
use super::fields::Record;
use super::model::Building;
use super::text::SmallStr;
use crate::ids::BuildingId;
use crate::journal::Entry;

/// One undoable step: the units of one building it changed, each (label, before, after), and
/// the follow-ups it logged (a release logs one; a follow-up alone changes no unit). Undone, the
/// units go back and the follow-ups are withdrawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub building: BuildingId,
    pub changes: Vec<(SmallStr, Record, Record)>,
    pub logged: Vec<Entry>,
}

impl Step {
    /// The step that undoes this one.
    pub fn reversed(&self) -> Step {
        Step {
            building: self.building.clone(),
            changes: self
                .changes
                .iter()
                .map(|(l, b, a)| (l.clone(), a.clone(), b.clone()))
                .collect(),
            logged: self.logged.clone(),
        }
    }

    /// The step as it landed: a save that patched only some fields leaves the others as someone
    /// else wrote them, so "after" is read back from the saved building and "before" is that with
    /// only this step's fields put back.
    pub fn as_saved(&self, saved: &Building) -> Step {
        let changes = self
            .changes
            .iter()
            .map(|(label, before, after)| {
                let now = saved
                    .find(label)
                    .map_or_else(|| after.clone(), |i| saved.units[i].record.clone());
                let back = Patch::between(after, before).apply(&now);
                (label.clone(), back, now)
            })
            .collect();
        Step {
            building: self.building.clone(),
            changes,
            logged: self.logged.clone(),
        }
    }
}

/// Why a step is being saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Edit,
    Undo,
    Redo,
}

/// The undo and redo stacks; each holds steps as they were applied.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// Steps kept for undo; older ones are forgotten.
const LIMIT: usize = 500;

impl History {
    /// The step to save for an undo (or redo): the last one, reversed. `None` when there is none.
    pub fn next(&mut self, purpose: Purpose) -> Option<Step> {
        let stack = match purpose {
            Purpose::Undo => &mut self.undo,
            Purpose::Redo => &mut self.redo,
            Purpose::Edit => return None,
        };
        stack.pop().map(|s| s.reversed())
    }

    /// A step was saved.
    pub fn saved(&mut self, step: Step, purpose: Purpose) {
        match purpose {
            Purpose::Edit => {
                self.undo.push(step);
                self.redo.clear();
            }
            // a redo puts the units back; the follow-ups withdrawn stay withdrawn (logged again
            // if they were right after all)
            Purpose::Undo => self.redo.push(Step {
                logged: Vec::new(),
                ..step
            }),
            Purpose::Redo => self.undo.push(step),
        }
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// An undo or redo could not be saved: it goes back where it came from, still undoable.
    pub fn refused(&mut self, step: &Step, purpose: Purpose) {
        match purpose {
            Purpose::Undo => self.undo.push(step.reversed()),
            Purpose::Redo => self.redo.push(step.reversed()),
            Purpose::Edit => {}
        }
    }

    /// Follow-ups were logged: with the step just saved (a release: `with_last`, when that step
    /// is this building's), or as a step of their own. Undoing either withdraws them.
    pub fn logged(&mut self, building: BuildingId, entries: Vec<Entry>, with_last: bool) {
        let theirs = |last: &Step| {
            last.building == building
                && last.logged.is_empty()
                && (last.changes.iter()).any(|(l, _, _)| entries.iter().any(|e| e.unit == *l))
        };
        match self.undo.last_mut() {
            Some(last) if with_last && theirs(last) => last.logged = entries,
            _ => self.saved(
                Step {
                    building,
                    changes: Vec::new(),
                    logged: entries,
                },
                Purpose::Edit,
            ),
        }
    }

    /// An undo of follow-ups that could not be withdrawn: undoable again, the redo stack kept.
    pub fn put_back(&mut self, step: Step) {
        self.undo.push(step);
    }

    /// A building is gone: its steps can no longer be undone.
    pub fn forget(&mut self, building: &str) {
        self.undo.retain(|s| s.building != building);
        self.redo.retain(|s| s.building != building);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::Status;

    fn step(from: Status, to: Status) -> Step {
        Step {
            building: crate::ids::BuildingId::parse("b").unwrap(),
            changes: vec![(
                "101".into(),
                Record::with_status(from),
                Record::with_status(to),
            )],
            logged: Vec::new(),
        }
    }

    #[test]
    fn undo_then_redo_round_trips() {
        let mut h = History::default();
        h.saved(step(Status::Unknown, Status::Vacant), Purpose::Edit);
        let u = h.next(Purpose::Undo).unwrap();
        assert_eq!(u.changes[0].2.status, Status::Unknown);
        h.saved(u, Purpose::Undo);
        let r = h.next(Purpose::Redo).unwrap();
        assert_eq!(r.changes[0].2.status, Status::Vacant);
        assert!(h.next(Purpose::Undo).is_none());
        h.saved(r, Purpose::Redo);
        assert!(h.next(Purpose::Undo).is_some());
    }

    #[test]
    fn a_refused_undo_stays_undoable_and_a_new_edit_clears_redo() {
        let mut h = History::default();
        h.saved(step(Status::Unknown, Status::Vacant), Purpose::Edit);
        let u = h.next(Purpose::Undo).unwrap();
        h.refused(&u, Purpose::Undo);
        let again = h.next(Purpose::Undo).unwrap();
        assert_eq!(again, u);
        h.saved(again, Purpose::Undo);
        h.saved(step(Status::Unknown, Status::Healthy), Purpose::Edit);
        assert!(h.next(Purpose::Redo).is_none());
    }
}
