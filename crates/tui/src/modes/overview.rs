//! The overview (`o`): every building as a small tower; arrows choose, Enter opens.

use super::{Mode, Next, stay};
use crate::app::{App, Effect};
use crate::commands::Command;
use crate::keymap::Input;

pub fn handle(app: &mut App, selected: usize, input: Input) -> Next {
    let n = app.entries.len().max(1);
    let per_row = crate::overview::per_row_hint(app);
    let Input::Command(cmd) = input else {
        return stay(Mode::Overview { selected });
    };
    let sel = match cmd {
        Command::Left | Command::PrevBuilding => (selected + n - 1) % n,
        Command::Right | Command::NextBuilding => (selected + 1) % n,
        Command::Up => selected.saturating_sub(per_row),
        Command::Down => (selected + per_row).min(n - 1),
        Command::Confirm => {
            app.current = selected.min(app.entries.len().saturating_sub(1));
            return stay(Mode::Normal);
        }
        Command::Back => return stay(Mode::Normal),
        Command::Quit => return (Mode::Normal, vec![Effect::Quit]),
        Command::Help => return stay(super::Help::over(Mode::Overview { selected })),
        _ => selected,
    };
    stay(Mode::Overview { selected: sel })
}
