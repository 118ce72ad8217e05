//! The git review window (`r`): every uncommitted unit change, then a commit with a proposed
//! message that can be edited.

use super::{Mode, Next, stay};
use crate::app::{App, Effect, Notice};
use crate::commands::Command;
use crate::keymap::Input;

pub fn review(app: &mut App, input: Input) -> Next {
    match input {
        Input::Command(Command::Commit) => {
            let git = app.git.as_ref();
            if git.is_none_or(|g| g.review.is_empty()) {
                app.notice = Some(Notice::Info(loupan_core::tr!(
                    "no uncommitted changes",
                    "没有未提交的修改"
                )));
                return stay(Mode::Review);
            }
            let message = git.map_or_else(String::new, |g| g.summary.get(app.lang).to_string());
            stay(Mode::Commit { message })
        }
        Input::Command(Command::Back) => stay(Mode::Normal),
        Input::Command(Command::Quit) => (Mode::Normal, vec![Effect::Quit]),
        _ => stay(Mode::Review),
    }
}

pub fn commit(app: &mut App, mut message: String, input: Input) -> Next {
    match input {
        Input::Command(Command::Confirm) => {
            let m = message.trim();
            if m.is_empty() {
                return stay(Mode::Commit { message });
            }
            let body = app
                .git
                .as_ref()
                .map(|g| {
                    let lines: Vec<&str> = g.review.iter().map(|t| t.get(app.lang)).collect();
                    lines.join("\n")
                })
                .unwrap_or_default();
            (Mode::Normal, vec![Effect::Commit(format!("{m}\n\n{body}"))])
        }
        Input::Command(Command::Back) => stay(Mode::Review),
        Input::Char(c) => {
            message.push(c);
            stay(Mode::Commit { message })
        }
        Input::Command(Command::DeleteChar) => {
            message.pop();
            stay(Mode::Commit { message })
        }
        Input::Command(Command::ClearField) => stay(Mode::Commit {
            message: String::new(),
        }),
        _ => stay(Mode::Commit { message }),
    }
}
