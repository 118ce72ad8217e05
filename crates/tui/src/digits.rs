//! Digits on the map: one digit sets a status, digits in a row are a unit number. A status digit
//! is held until the next key: another digit opens find with both (the rest are typed into it,
//! and it goes to the unit as typed), so "1204" changes nothing; any other key, a click, or a
//! pause of [`HELD_TICKS`] ticks sets the held status first, then the key acts (`u` undoes it: the
//! undo waits for that save to land, `pending.rs`). Told apart by the
//! order of keys, never by the wall clock (ticks are messages), so tests are deterministic.
//! Today's outcome digits follow the same rule (`modes/today.rs`): one digit alone logs its
//! outcome once the next key or the pause comes; digits in a row log nothing.
//! No I/O.

use super::app::{App, Effect, Message, Notice};
use super::commands::Command;
use super::edits::with_status;
use super::keymap::{self, Input, ModeKind};
use super::modes::{Mode, Next, normal, search};
use loupan_core::journal::Outcome;
use loupan_core::status::Status;
use loupan_core::tr;

/// Ticks (of 250 ms) with no key after a status digit before its status is set: a pause of
/// 750 ms–1 s. A newcomer types a unit number at two keys a second (0.45 s between digits, tried
/// in tmux), so half a second set three statuses on the way to one unit.
pub const HELD_TICKS: u64 = 4;

/// What a held digit does once it is alone: a status on the map, an outcome in Today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digit {
    Status(Status),
    Outcome(Outcome),
}

/// A status (or outcome) digit waiting for the next key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    pub digit: Digit,
    /// The selection's anchor when it was typed.
    pub anchor: Option<usize>,
    /// The tick it was typed at.
    pub tick: u64,
}

/// The key of a status in the map's table (`1` healthy … `0` unknown).
fn key_of(s: Status) -> Option<char> {
    keymap::table(ModeKind::Normal)
        .find(|b| b.command == Command::SetStatus(s))
        .and_then(|b| {
            b.keys.iter().find_map(|k| match k {
                keymap::Key::Char(c) => Some(*c),
                _ => None,
            })
        })
}

impl App {
    /// A status digit on the map: held; with one held already, find opens with both.
    pub(crate) fn digit(&mut self, anchor: Option<usize>, status: Status) -> Next {
        let here = match anchor {
            Some(anchor) => Mode::Select { anchor },
            None => Mode::Normal,
        };
        let Some(first) = self.held.take() else {
            let tick = self.tick;
            self.held = Some(Held {
                digit: Digit::Status(status),
                anchor,
                tick,
            });
            return (here, Vec::new());
        };
        let mut s = search::Search::start(self);
        if let Digit::Status(first) = first.digit {
            s.query.extend(key_of(first));
        }
        s.query.extend(key_of(status));
        self.notice = Some(Notice::Info(tr!(
            "digits in a row are a unit number: no status set (one digit alone sets a status)",
            "连续输入数字视为门牌号：不改状态（单按一个数字才设状态）"
        )));
        search::typed(self, s)
    }

    /// 6–9 on the map: no status has them, so find opens with the unit number typed so far (the
    /// held digit first): "1701" and "601" go to their units, never to 101 or 01.
    pub(crate) fn unit_digit(&mut self, d: u8) -> Next {
        let mut s = search::Search::start(self);
        if let Some(Held {
            digit: Digit::Status(first),
            ..
        }) = self.held.take()
        {
            s.query.extend(key_of(first));
        }
        s.query.extend(char::from_digit(u32::from(d), 10));
        search::typed(self, s)
    }

    /// Before a message: the held status is set when anything but another status digit comes
    /// (a key, a click, or the pause's last tick). Its save goes first and is laid over the map,
    /// so the key that follows sees it.
    /// Whether the message was spent on it (a company status for a household's unit opens the
    /// company's form instead, and the key that settled it does not fall into that form).
    pub(crate) fn settle_held(&mut self, m: &Message) -> (Vec<Effect>, bool) {
        let Some(held) = self.held else {
            return (Vec::new(), false);
        };
        let digit_next = match (&self.mode, m) {
            (Mode::Normal | Mode::Select { .. }, Message::Input(Input::Command(c))) => {
                matches!(c, Command::SetStatus(_) | Command::UnitDigit(_))
            }
            (Mode::Today(_), Message::Input(Input::Command(c))) => matches!(c, Command::Log(_)),
            _ => false,
        };
        let settles = match m {
            Message::Input(_) => !digit_next,
            Message::Click { .. } => true,
            Message::Tick => self.tick + 1 - held.tick >= HELD_TICKS,
            _ => false,
        };
        if !settles {
            return (Vec::new(), false);
        }
        self.held = None;
        let status = match held.digit {
            Digit::Status(s) => s,
            Digit::Outcome(o) => {
                let fx = super::modes::today::log_held(self, o);
                self.after(None, &fx);
                return (fx, false);
            }
        };
        // a household's name is private: a company status asks for the company instead
        if status.is_company() && normal::households_named(self, held.anchor) > 0 {
            let (mode, fx) = normal::ask_company(self, held.anchor, status);
            self.mode = mode;
            self.after(None, &fx);
            return (fx, !matches!(m, Message::Tick));
        }
        let today = self.today;
        let fx = self.edit_targets(held.anchor, |r| with_status(r, status, today));
        // a selection ends once it has been applied
        if !fx.is_empty() && matches!(self.mode, Mode::Select { .. }) {
            self.mode = Mode::Normal;
        }
        self.after(None, &fx);
        (fx, false)
    }
}
