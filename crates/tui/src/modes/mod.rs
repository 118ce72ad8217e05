//! Modes as a state machine: each mode's state and its handler live in their own file; a handler
//! takes the mode's state by value with the input and returns the next mode and its effects.

pub mod conflict;
pub mod filing;
pub mod followup;
pub mod form;
pub mod normal;
pub mod overview;
pub mod reading;
pub mod review;
pub mod search;
pub mod today;
pub mod vacant;

use super::app::{App, Effect};
use super::keymap::{Input, ModeKind};

#[derive(Clone, Debug, PartialEq, Default)]
pub enum Mode {
    #[default]
    Normal,
    Select {
        anchor: usize,
    },
    Search(search::Search),
    Form(Box<form::Form>),
    /// Filing an update for a company (`b`).
    Filing(Box<filing::Filing>),
    /// Help for the mode it was opened from.
    Help(Help),
    Overview {
        selected: usize,
    },
    Conflict(Box<conflict::Conflict>),
    Review,
    Commit {
        message: String,
    },
    Vacant(vacant::Ask),
    FollowUp(followup::FollowUp),
    Today(Box<today::Today>),
    /// The trend screen: the district's, or one building's (by index).
    Trend(Option<usize>),
}

impl Mode {
    pub fn kind(&self) -> ModeKind {
        match self {
            Mode::Normal => ModeKind::Normal,
            Mode::Select { .. } => ModeKind::Select,
            Mode::Search(_) => ModeKind::Search,
            Mode::Form(f) if f.quitting => ModeKind::AskQuit,
            Mode::Filing(f) if f.quitting => ModeKind::AskQuit,
            Mode::Form(_) | Mode::Filing(_) => ModeKind::Form,
            Mode::Help(_) => ModeKind::Help,
            Mode::Overview { .. } => ModeKind::Overview,
            Mode::Conflict(_) => ModeKind::Conflict,
            Mode::Review => ModeKind::Review,
            Mode::Commit { .. } => ModeKind::Commit,
            Mode::Vacant(_) => ModeKind::Vacant,
            Mode::FollowUp(f) if f.quitting => ModeKind::AskQuit,
            Mode::FollowUp(f) if f.note.is_some() => ModeKind::FollowUpNote,
            Mode::FollowUp(_) => ModeKind::FollowUp,
            Mode::Today(t) if t.reading.is_some() => ModeKind::Reading,
            Mode::Today(_) => ModeKind::Today,
            Mode::Trend(_) => ModeKind::Trend,
        }
    }
}

/// Help over a mode: that mode's keys (from its binding table), scrolled down `top` lines; `Esc`
/// goes back to it as it was.
#[derive(Clone, Debug, PartialEq)]
pub struct Help {
    pub top: u16,
    pub over: Box<Mode>,
}

impl Help {
    pub fn over(mode: Mode) -> Mode {
        Mode::Help(Help {
            top: 0,
            over: Box::new(mode),
        })
    }

    /// The mode whose keys are listed and which is drawn beneath.
    pub fn base(mode: &Mode) -> &Mode {
        match mode {
            Mode::Help(h) => &h.over,
            m => m,
        }
    }
}

/// The next mode and what to do.
pub type Next = (Mode, Vec<Effect>);

pub fn stay(mode: Mode) -> Next {
    (mode, Vec::new())
}

pub fn handle(app: &mut App, mode: Mode, input: Input) -> Next {
    match mode {
        Mode::Normal => normal::handle(app, None, input),
        Mode::Select { anchor } => normal::handle(app, Some(anchor), input),
        Mode::Search(s) => search::handle(app, s, input),
        Mode::Form(f) => form::handle(app, *f, input),
        Mode::Filing(f) => filing::handle(app, *f, input),
        Mode::Help(h) => help(h, input),
        Mode::Overview { selected } => overview::handle(app, selected, input),
        Mode::Conflict(c) => conflict::handle(app, *c, input),
        Mode::Review => review::review(app, input),
        Mode::Commit { message } => review::commit(app, message, input),
        Mode::Vacant(a) => vacant::handle(app, a, input),
        Mode::FollowUp(f) => followup::handle(f, input),
        Mode::Today(t) => {
            let (next, fx) = today::handle(app, *t, input);
            (next, fx)
        }
        Mode::Trend(b) => trend(app, b, input),
    }
}

fn trend(app: &App, building: Option<usize>, input: Input) -> Next {
    use super::commands::Command;
    match input {
        Input::Command(Command::Quit) => (Mode::Normal, vec![Effect::Quit]),
        Input::Command(Command::Back) => stay(Mode::Normal),
        Input::Command(Command::NextBuilding) => stay(Mode::Trend(match building {
            None => Some(app.current),
            Some(_) => None,
        })),
        _ => stay(Mode::Trend(building)),
    }
}

fn help(h: Help, input: Input) -> Next {
    use super::commands::Command;
    let scrolled = |top: u16| {
        stay(Mode::Help(Help {
            top,
            over: h.over.clone(),
        }))
    };
    match input {
        Input::Command(Command::Quit) => (Mode::Normal, vec![Effect::Quit]),
        Input::Command(Command::Back | Command::Help) => stay(*h.over),
        Input::Command(Command::Down) => scrolled(h.top.saturating_add(1)),
        Input::Command(Command::Up) => scrolled(h.top.saturating_sub(1)),
        Input::Command(Command::PageDown) => scrolled(h.top.saturating_add(10)),
        Input::Command(Command::PageUp) => scrolled(h.top.saturating_sub(10)),
        _ => scrolled(h.top),
    }
}
