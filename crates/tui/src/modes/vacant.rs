//! A unit just set vacant still lists the household that left (name, people, contact): ask
//! whether to clear them, as their own save and undo step. Nothing is cleared unasked.

use super::{Mode, Next, stay};
use crate::app::{App, Effect};
use crate::commands::Command;
use crate::edits::request;
use crate::keymap::Input;
use loupan_core::fields::{Field, Value};
use loupan_core::history::{Purpose, Step};
use loupan_core::ids::BuildingId;
use loupan_core::status::Status;
use loupan_core::text::SmallStr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    pub building: BuildingId,
    /// The units that still list a household, with the fields they hold.
    pub units: Vec<(SmallStr, Vec<Field>)>,
}

impl Ask {
    /// After a saved step: whether any unit it made vacant still lists a household.
    pub fn after(step: &Step) -> Option<Ask> {
        let units: Vec<(SmallStr, Vec<Field>)> = step
            .changes
            .iter()
            .filter(|(_, before, after)| {
                after.status == Status::Vacant && before.status != Status::Vacant
            })
            .filter_map(|(l, _, after)| {
                let held = after.left_behind();
                (!held.is_empty()).then(|| (l.clone(), held))
            })
            .collect();
        (!units.is_empty()).then(|| Ask {
            building: step.building.clone(),
            units,
        })
    }
}

pub fn handle(app: &mut App, ask: Ask, input: Input) -> Next {
    match input {
        Input::Command(Command::Yes) => {
            let Some(b) = app
                .index_of(&ask.building)
                .and_then(|i| app.entries[i].building())
            else {
                return stay(Mode::Normal);
            };
            let mut changes = Vec::new();
            for (label, fields) in &ask.units {
                let Some(i) = b.find(label) else { continue };
                let before = b.units[i].record.clone();
                let mut after = before.clone();
                for f in fields {
                    let empty = match f.spec().kind {
                        loupan_core::fields::Kind::Count => Value::Count(None),
                        _ => Value::Text(None),
                    };
                    f.set(&mut after, empty);
                }
                changes.push((label.clone(), before, after));
            }
            let step = Step {
                building: ask.building,
                changes,
                logged: Vec::new(),
            };
            (
                Mode::Normal,
                vec![Effect::Save(request(step, Purpose::Edit))],
            )
        }
        Input::Command(Command::Back) => stay(Mode::Normal),
        Input::Command(Command::Quit) => (Mode::Normal, vec![Effect::Quit]),
        _ => stay(Mode::Vacant(ask)),
    }
}
