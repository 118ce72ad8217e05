//! Undo and redo as data: each step is every unit it changed, before and after. The map asks for
//! the next step to save and says how the save went; nothing here saves anything. Pure.

use super::edit::Patch;
use super::fields::Record;
use super::model::Building;
use super::text::SmallStr;
use crate::ids::BuildingId;

/// One undoable step: the units of one building it changed, each (label, before, after).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub building: BuildingId,
    pub changes: Vec<(SmallStr, Record, Record)>,
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
            Purpose::Undo => self.redo.push(step),
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
