//! A refused save: someone changed the unit after this screen drew it. The window lists only the
//! fields this person changed, each beside what the unit holds now. A field the other person
//! changed too is kept as theirs unless this person chooses theirs over it; `y` applies exactly the
//! fields chosen, on top of everything else the other person wrote.

use super::{Mode, Next, stay};
use crate::app::{App, Effect, Notice, SaveRequest};
use crate::commands::Command;
use crate::keymap::Input;
use loupan_core::edit::{Change, Expect, Patch, UnitEdit};
use loupan_core::fields::{Field, Value};
use loupan_core::history::{Purpose, Step};
use loupan_core::model::Record;

/// One field this person changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub field: Field,
    /// What it was when this screen drew it.
    pub seen: Value,
    pub mine: Value,
    /// What it is now.
    pub theirs: Value,
    pub take_mine: bool,
}

impl Row {
    /// The other person changed this field too, to something else.
    pub fn clash(&self) -> bool {
        self.theirs != self.seen && self.theirs != self.mine
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub request: SaveRequest,
    pub unit: String,
    pub current: Record,
    pub rows: Vec<Row>,
    pub focus: usize,
}

impl Conflict {
    /// The window for a refused request; `None` if the unit is not part of it.
    pub fn new(request: SaveRequest, unit: &str, current: Record) -> Option<Conflict> {
        let (_, seen, tried) = request.step.changes.iter().find(|(l, _, _)| &**l == unit)?;
        let rows = seen
            .changed(tried)
            .into_iter()
            .map(|f| {
                let row = Row {
                    field: f,
                    seen: f.get(seen),
                    mine: f.get(tried),
                    theirs: f.get(&current),
                    take_mine: true,
                };
                Row {
                    take_mine: !row.clash(),
                    ..row
                }
            })
            .collect();
        Some(Conflict {
            unit: unit.to_string(),
            request,
            current,
            rows,
            focus: 0,
        })
    }

    /// The request that applies the chosen fields on top of what the units hold now.
    fn resolved(&self) -> SaveRequest {
        let mut changes = Vec::new();
        let mut edits = Vec::new();
        for (label, seen, tried) in &self.request.step.changes {
            let (before, after, expect) = if **label == *self.unit {
                let mut p = Patch::new();
                for r in self
                    .rows
                    .iter()
                    .filter(|r| r.take_mine && r.mine != r.theirs)
                {
                    p.set(r.field, r.mine.clone());
                }
                let fields = p_fields(&self.rows);
                (
                    self.current.clone(),
                    p.apply(&self.current),
                    Expect::Fields(fields),
                )
            } else {
                let fields = seen
                    .changed(tried)
                    .into_iter()
                    .map(|f| (f, f.get(seen)))
                    .collect();
                (seen.clone(), tried.clone(), Expect::Fields(fields))
            };
            edits.push(UnitEdit {
                unit: label.to_string(),
                expect: Some(expect),
                change: Change::Patch(Patch::between(&before, &after)),
            });
            changes.push((label.clone(), before, after));
        }
        SaveRequest {
            building: self.request.building.clone(),
            edits,
            purpose: Purpose::Edit,
            step: Step {
                building: self.request.building.clone(),
                changes,
                logged: Vec::new(),
            },
            form: None,
            then_quit: false,
        }
    }
}

/// The applied fields must still hold what this window shows as theirs.
fn p_fields(rows: &[Row]) -> Vec<(Field, Value)> {
    rows.iter()
        .filter(|r| r.take_mine && r.mine != r.theirs)
        .map(|r| (r.field, r.theirs.clone()))
        .collect()
}

pub fn handle(app: &mut App, mut c: Conflict, input: Input) -> Next {
    let n = c.rows.len().max(1);
    match input {
        Input::Command(Command::ApplyChosen) => {
            if c.rows.iter().all(|r| !r.take_mine || r.mine == r.theirs) {
                app.notice = Some(Notice::Info(loupan_core::tr!(
                    "kept theirs",
                    "已保留对方的修改"
                )));
                return stay(Mode::Normal);
            }
            return (Mode::Normal, vec![Effect::Save(c.resolved())]);
        }
        Input::Command(Command::Back) => {
            app.notice = None;
            return stay(Mode::Normal);
        }
        Input::Command(Command::Quit) => return (Mode::Normal, vec![Effect::Quit]),
        Input::Command(Command::NextField) => c.focus = (c.focus + 1) % n,
        Input::Command(Command::PrevField) => c.focus = (c.focus + n - 1) % n,
        Input::Command(Command::ToggleMine) => {
            if let Some(r) = c.rows.get_mut(c.focus) {
                r.take_mine = !r.take_mine;
            }
        }
        _ => {}
    }
    stay(Mode::Conflict(Box::new(c)))
}
