//! Logging a follow-up (`c`) for the unit under the cursor or the block selection: one key per
//! outcome logs at once; `Tab` changes the way (call, message, visit); `Enter` adds a note first;
//! `Esc` cancels.

use super::{Mode, Next, stay};
use crate::app::{App, Effect};
use crate::commands::Command;
use crate::keymap::Input;
use loupan_core::journal::{Draft, Outcome, Via};
use loupan_core::status::Status;
use loupan_core::text::SmallStr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    /// (building id, unit label) of every unit it is for.
    pub targets: Vec<(SmallStr, SmallStr)>,
    pub via: Via,
    /// The outcome `Enter` logs.
    pub focus: usize,
    /// The note being typed, once `Enter` has asked for one.
    pub note: Option<String>,
    /// Ctrl-C was pressed with a note typed: asking log / discard / keep editing.
    pub quitting: bool,
    /// `7` was pressed: a company's question answered; 1-4 now choose its topic.
    pub consulting: bool,
}

impl FollowUp {
    /// For the selection (or the unit under the cursor): unknown units are door-knocked, others phoned.
    pub fn open(app: &App, anchor: Option<usize>) -> Option<FollowUp> {
        let (b, id) = (app.building()?, app.current_id()?);
        let units: Vec<usize> = app.targets(anchor);
        let all_unknown = units
            .iter()
            .all(|i| b.units[*i].record.status == Status::Unknown);
        Some(FollowUp {
            targets: units
                .iter()
                .map(|i| (SmallStr::from(id.as_str()), b.units[*i].label.clone()))
                .collect(),
            via: if all_unknown { Via::Visit } else { Via::Call },
            focus: 0,
            note: None,
            quitting: false,
            consulting: false,
        })
    }

    fn drafts(&self, outcome: Outcome) -> Vec<Draft> {
        let note = self
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(SmallStr::from);
        self.targets
            .iter()
            .map(|(b, u)| Draft {
                building: b.clone(),
                unit: u.clone(),
                via: self.via,
                outcome,
                note: note.clone(),
            })
            .collect()
    }
}

pub fn handle(mut f: FollowUp, input: Input) -> Next {
    if f.quitting {
        f.quitting = false;
        return match input {
            // the note is logged with the chosen outcome, then the map quits
            Input::Command(Command::Yes) => {
                let o = Outcome::ALL[f.focus];
                (Mode::Normal, vec![Effect::Log(f.drafts(o)), Effect::Quit])
            }
            Input::Command(Command::Discard) => (Mode::Normal, vec![Effect::Quit]),
            Input::Command(Command::Back) => stay(Mode::FollowUp(f)),
            _ => {
                f.quitting = true;
                stay(Mode::FollowUp(f))
            }
        };
    }
    if f.consulting {
        use loupan_core::journal::Topic;
        f.consulting = false;
        let topic = match input {
            Input::Command(Command::Log(Outcome::Well)) => Some(Topic::Resumption),
            Input::Command(Command::Log(Outcome::NeedsHelp)) => Some(Topic::Policy),
            Input::Command(Command::Log(Outcome::Symptoms)) => Some(Topic::Supplies),
            Input::Command(Command::Log(Outcome::NoAnswer)) => Some(Topic::Other),
            _ => None,
        };
        return match topic {
            Some(t) => (
                Mode::Normal,
                vec![Effect::Log(f.drafts(Outcome::Consulted(t)))],
            ),
            None => stay(Mode::FollowUp(f)),
        };
    }
    match (input, f.note.is_some()) {
        (Input::Command(Command::Consult), false) => f.consulting = true,
        (Input::Command(Command::Log(o)), false) => {
            return (Mode::Normal, vec![Effect::Log(f.drafts(o))]);
        }
        (Input::Command(Command::NextChoice), false) => {
            let i = Via::ALL.iter().position(|v| *v == f.via).unwrap_or(0);
            f.via = Via::ALL[(i + 1) % Via::ALL.len()];
        }
        (Input::Command(Command::NextField), false) => f.focus = (f.focus + 1) % Outcome::ALL.len(),
        (Input::Command(Command::PrevField), false) => {
            f.focus = (f.focus + Outcome::ALL.len() - 1) % Outcome::ALL.len()
        }
        (Input::Command(Command::Confirm), false) => f.note = Some(String::new()),
        (Input::Command(Command::Confirm), true) => {
            let o = Outcome::ALL[f.focus];
            return (Mode::Normal, vec![Effect::Log(f.drafts(o))]);
        }
        (Input::Char(c), true) => f.note.get_or_insert_with(String::new).push(c),
        (Input::Command(Command::DeleteChar), true) => {
            f.note.get_or_insert_with(String::new).pop();
        }
        (Input::Command(Command::ClearField), true) => f.note = Some(String::new()),
        (Input::Command(Command::Back), true) => f.note = None,
        (Input::Command(Command::Back), false) => return stay(Mode::Normal),
        // a note typed is not thrown away without a yes
        (Input::Command(Command::Quit), true)
            if f.note.as_deref().is_some_and(|n| !n.trim().is_empty()) =>
        {
            f.quitting = true;
        }
        (Input::Command(Command::Quit), _) => return (Mode::Normal, vec![Effect::Quit]),
        _ => {}
    }
    stay(Mode::FollowUp(f))
}
