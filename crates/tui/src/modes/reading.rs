//! Today's temperature form: `T` on a person of the list, the number, `Enter`. A value outside
//! 35.0–42.0 °C (or no number) is refused on the status line and the form stays open with what
//! was typed, to be corrected; `Esc` closes it and nothing is logged.

use super::today::Today;
use super::{Mode, Next, stay};
use crate::app::{App, Effect, Notice};
use crate::commands::Command;
use crate::keymap::Input;
use crate::people::Logged;
use loupan_core::i18n::Text;
use loupan_core::people::readings;

/// The form: whose reading, and what is typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub building: String,
    pub person: String,
    /// The person masked, as the form and the status line show them.
    pub shown: String,
    pub value: String,
    /// Why the last `Enter` was refused, shown under the value until it changes.
    pub refused: Option<Text>,
}

/// Enough for "36.8" typed in any width; more is a slip.
const MOST_CHARS: usize = 8;

pub fn handle(app: &mut App, mut t: Today, mut f: Reading, input: Input) -> Next {
    match input {
        Input::Char(c) if f.value.chars().count() < MOST_CHARS => {
            f.value.push(c);
            f.refused = None;
        }
        Input::Command(Command::DeleteChar) => {
            f.value.pop();
            f.refused = None;
        }
        Input::Command(Command::ClearField) => f.value.clear(),
        Input::Command(Command::Back) => return stay(Mode::Today(Box::new(t))),
        Input::Command(Command::Confirm) => match readings::parse_temp(&f.value) {
            Ok(tenths) if !app.refuse_edit() => {
                let logged = Logged {
                    building: f.building,
                    person: f.person,
                    shown: f.shown,
                    tenths,
                    day: app.today,
                };
                t.acted();
                return (Mode::Today(Box::new(t)), vec![Effect::LogReading(logged)]);
            }
            Ok(_) => {}
            Err(why) => {
                app.notice = Some(Notice::Error(why.clone()));
                f.refused = Some(why);
            }
        },
        _ => {}
    }
    t.reading = Some(f);
    stay(Mode::Today(Box::new(t)))
}
