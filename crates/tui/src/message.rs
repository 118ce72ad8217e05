//! What travels between the app and the event loop: the [`Message`]s that arrive (keys, buildings
//! read, save results, git state) and the [`Effect`]s the app asks for. Data only.

use super::keymap::Input;
use jiff::civil::Date;
use loupan_core::codec::Located;
use loupan_core::edit::UnitEdit;
use loupan_core::history::{Purpose, Step};
use loupan_core::i18n::Text;
use loupan_core::ids::{BuildingId, CommitId};
use loupan_core::journal::Entry as Followed;
use loupan_core::journal::Index;
use loupan_core::model::Building;
use loupan_store::WriteError;
use loupan_store::repo::Review;
use std::collections::HashMap;

/// A save for the write path: the edits, and the undo step they make.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveRequest {
    pub building: BuildingId,
    pub edits: Vec<UnitEdit>,
    pub purpose: Purpose,
    pub step: Step,
    /// The form it came from, reopened as it was if the save fails: nothing typed is lost.
    pub form: Option<Box<super::modes::form::Form>>,
    /// Quit once it is on disk (Ctrl-C in the form, then `y`); a refused save stays to be seen.
    pub then_quit: bool,
}

/// What the app asks the event loop to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Save(SaveRequest),
    /// Follow-ups to append to the journal.
    Log(Vec<loupan_core::journal::Draft>),
    /// Follow-ups that go with the save just before them (ending an isolation): the save's
    /// notice says what happened ("201 → healthy"), so this one speaks only if it fails.
    LogWithSave(Vec<loupan_core::journal::Draft>),
    /// Follow-ups to withdraw (an undo of a follow-up alone): the step, put back if they
    /// cannot be.
    Withdraw(Box<loupan_core::history::Step>),
    Commit(String),
    /// `loupan sync`, on the worker.
    Sync,
    RefreshGit,
    /// Show the map at the end of a past day, or (`None`) as it is now.
    ShowDay(Option<Date>),
    /// A company's filing, and the form it came from (reopened if the save fails).
    SaveCompany {
        company: Box<loupan_core::company::Company>,
        form: Box<super::modes::filing::Filing>,
    },
    /// The report text of a day, in a language, for the clipboard.
    CopyReport {
        day: Date,
        today: Date,
        lang: loupan_core::i18n::Lang,
    },
    /// The private store's people and that day's temperatures, for Today and the detail panel.
    ReadPeople(Date),
    /// A temperature typed on Today, to log in the private store.
    LogReading(crate::people::Logged),
    Quit,
}

/// Everything that can happen to the app.
pub enum Message {
    Input(Input),
    /// Text the terminal marked as pasted: for the field being typed, never keys.
    Paste(String),
    /// A left click at (x, y).
    Click {
        x: u16,
        y: u16,
    },
    /// The window's new size.
    Resize(u16, u16),
    Tick,
    /// A building was read (first load, or a change on disk); problems as located lines.
    Loaded {
        id: BuildingId,
        result: Result<Building, Vec<Located>>,
    },
    Removed(BuildingId),
    Saved {
        request: SaveRequest,
        result: Result<Building, WriteError>,
    },
    Git(Review),
    Committed(Result<CommitId, Text>),
    /// What a sync said (its lines), or why it failed.
    Synced(Result<Vec<Text>, Text>),
    /// The journal as read at start; problems of broken day files as located lines.
    Journal {
        index: Index,
        problems: Vec<Located>,
    },
    /// A journal day changed on disk (someone logged a follow-up): its entries now.
    Day {
        day: Date,
        entries: Vec<Followed>,
    },
    /// This map's follow-ups, appended (or why not).
    Logged {
        result: Result<Vec<Followed>, Text>,
        /// Say so on the status line (not when the save before it already did).
        tell: bool,
    },
    /// Follow-ups withdrawn (the withdrawals), or why not; with the step to put back on the
    /// undo stack when it was an undo of follow-ups alone.
    Withdrawn {
        result: Result<Vec<Followed>, Text>,
        put_back: Option<Box<loupan_core::history::Step>>,
    },
    /// The map at another day: the buildings that differ from what is shown, those not there
    /// that day, and the units changed that day.
    DayShown(Box<DayView>),
    /// Why the day cannot be shown.
    DayRefused(Text),
    /// Each building's counts on the days before today, for the trends.
    Trend(Vec<loupan_core::trend::Day>),
    /// A company filed (its name, the building as written), or why not, with the form to reopen.
    Filed {
        result: Result<(String, Building), WriteError>,
        form: Box<super::modes::filing::Filing>,
    },
    /// The day's report text to copy (or why there is none).
    Report(Result<crate::clipboard::Copied, Text>),
    /// The people and the day's readings as read now, with what logging a reading did.
    People {
        people: Box<crate::people::People>,
        said: Option<Result<Text, Text>>,
    },
}

pub struct DayView {
    /// `None`: today, editable again.
    pub past: Option<Past>,
    pub load: Vec<(BuildingId, Result<Building, Vec<Located>>)>,
    pub gone: Vec<BuildingId>,
    pub marks: HashMap<BuildingId, Vec<String>>,
}

/// A past day on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Past {
    pub day: Date,
    /// The commit that ended it; `None` before anything was committed.
    pub commit: Option<CommitId>,
}
