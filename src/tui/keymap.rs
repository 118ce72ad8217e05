//! Keys to actions, one table per mode. Text-entry modes take printable keys as input.

use super::app::{Action, Mode};
use crate::core::status::Status;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn action(mode: &Mode, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(match mode {
            Mode::Search { .. } | Mode::Form(_) | Mode::Commit { .. } => Action::Cancel,
            _ => Action::Quit,
        });
    }
    match mode {
        Mode::Search { .. } | Mode::Commit { .. } => text_entry(key, false),
        Mode::Form(_) => text_entry(key, true),
        Mode::Conflict(_) => match key.code {
            KeyCode::Char('y') => Some(Action::ApplyMine),
            KeyCode::Esc | KeyCode::Char('n') => Some(Action::Cancel),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => {
                Some(Action::Cancel)
            }
            _ => None,
        },
        Mode::Review => match key.code {
            KeyCode::Char('c') => Some(Action::Input('c')),
            KeyCode::Esc | KeyCode::Char('r') | KeyCode::Char('q') => Some(Action::Cancel),
            _ => None,
        },
        Mode::Normal | Mode::Select { .. } | Mode::Overview { .. } => normal(key, ctrl),
    }
}

fn text_entry(key: KeyEvent, form: bool) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Esc => Some(Action::Cancel),
        KeyCode::Backspace => Some(Action::Backspace),
        KeyCode::Tab if form => Some(Action::NextField),
        KeyCode::BackTab if form => Some(Action::PrevField),
        KeyCode::Down if form => Some(Action::NextField),
        KeyCode::Up if form => Some(Action::PrevField),
        KeyCode::Char(c) => Some(Action::Input(c)),
        _ => None,
    }
}

fn normal(key: KeyEvent, ctrl: bool) -> Option<Action> {
    if ctrl {
        return match key.code {
            KeyCode::Char('r') => Some(Action::Redo),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Left | KeyCode::Char('h') => Action::Move(-1, 0),
        KeyCode::Right | KeyCode::Char('l') => Action::Move(1, 0),
        KeyCode::Up | KeyCode::Char('k') => Action::Move(0, 1),
        KeyCode::Down | KeyCode::Char('j') => Action::Move(0, -1),
        KeyCode::PageUp => Action::Move(0, 10),
        KeyCode::PageDown => Action::Move(0, -10),
        KeyCode::Home => Action::Move(-999, 0),
        KeyCode::End => Action::Move(999, 0),
        KeyCode::Char('g') => Action::Top,
        KeyCode::Char('G') => Action::Bottom,
        KeyCode::Tab => Action::NextBuilding,
        KeyCode::BackTab => Action::PrevBuilding,
        KeyCode::Char('1') => Action::SetStatus(Status::Healthy),
        KeyCode::Char('2') => Action::SetStatus(Status::Isolating),
        KeyCode::Char('3') => Action::SetStatus(Status::NotResumed),
        KeyCode::Char('4') => Action::SetStatus(Status::Resumed),
        KeyCode::Char('5') => Action::SetStatus(Status::Vacant),
        KeyCode::Char('0') => Action::SetStatus(Status::Unknown),
        KeyCode::Char('w') => Action::ToggleLiveWork,
        KeyCode::Enter => Action::Confirm,
        KeyCode::Char('c') => Action::CheckedToday,
        KeyCode::Char('v') => Action::StartSelect,
        KeyCode::Esc => Action::Cancel,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('n') => Action::SearchNext,
        KeyCode::Char('N') => Action::SearchPrev,
        KeyCode::Char('f') => Action::CycleFilter,
        KeyCode::Char('F') => Action::ClearFilter,
        KeyCode::Char('o') => Action::Overview,
        KeyCode::Char('r') => Action::Review,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    })
}
