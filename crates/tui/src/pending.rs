//! Work on its way: what the map shows between asking the worker and its answer. Saves run on the
//! worker, so a key pressed while one is pending must see the map as it will be: each save's
//! records are laid over the building at once, the next edit is made on top of them (and its
//! expectation is what the disk will hold when its turn comes, since the worker saves in order),
//! and the status line says "saving" until the write path answers — only then "saved". The file
//! as last read is kept aside while saves are pending, so a refused save falls back to the truth.
//! No I/O.

use super::app::{App, Effect, Message, Slot};
use super::modes::Mode;
use jiff::civil::Date;
use loupan_core::history::Purpose;
use loupan_core::ids::BuildingId;
use loupan_core::model::{Building, Record};
use loupan_core::stats::Counts;
use loupan_core::text::SmallStr;
use std::collections::VecDeque;

/// A job the worker has been asked to do and not yet answered, as the status line names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    Saving,
    Logging,
    Committing,
    Syncing,
    /// Making the report text to copy.
    Reporting,
    /// Reading the map at another day (`None`: back to today).
    Stepping(Option<Date>),
}

impl Work {
    fn of(e: &Effect) -> Option<Work> {
        match e {
            Effect::Save(_) | Effect::SaveCompany { .. } => Some(Work::Saving),
            Effect::Log(_) | Effect::LogWithSave(_) | Effect::Withdraw(_) => Some(Work::Logging),
            Effect::Commit(_) => Some(Work::Committing),
            Effect::Sync => Some(Work::Syncing),
            Effect::ShowDay(d) => Some(Work::Stepping(*d)),
            Effect::CopyReport { .. } => Some(Work::Reporting),
            Effect::RefreshGit | Effect::Quit => None,
            // a file of the private store: quick, and said when done
            Effect::ReadPeople(_) | Effect::LogReading(_) => None,
        }
    }

    /// The job a result message ends.
    fn ended_by(m: &Message) -> Option<fn(&Work) -> bool> {
        match m {
            Message::Saved { .. } | Message::Filed { .. } => Some(|w| *w == Work::Saving),
            Message::Logged { .. } | Message::Withdrawn { .. } => Some(|w| *w == Work::Logging),
            Message::Committed(_) => Some(|w| *w == Work::Committing),
            Message::Synced(_) => Some(|w| *w == Work::Syncing),
            Message::Report(_) => Some(|w| *w == Work::Reporting),
            Message::DayShown(_) | Message::DayRefused(_) => {
                Some(|w| matches!(w, Work::Stepping(_)))
            }
            _ => None,
        }
    }
}

/// One save's records, laid over its building until the write path answers.
type Overlay = Vec<(SmallStr, Record)>;

/// The saves and jobs on their way, oldest first.
#[derive(Default)]
pub struct Pending {
    pub work: VecDeque<Work>,
    /// The building of each pending save, in the order they were asked.
    saves: VecDeque<BuildingId>,
    /// `u` (or `C-r`) pressed while the change it is for was still on its way: done once it lands.
    undo_waits: Option<Purpose>,
}

impl Pending {
    /// Whether a save or a follow-up is on its way: until it lands it is not in the undo history.
    fn recording(&self) -> bool {
        (self.work.iter()).any(|w| matches!(w, Work::Saving | Work::Logging))
    }

    /// Whether an undo waits for a change on its way.
    pub(crate) fn undo_waits(&self) -> bool {
        self.undo_waits.is_some()
    }
}

/// Per building: its pending saves' records, and the building as last read while they are laid
/// over it.
#[derive(Default)]
pub struct Unsaved {
    overlays: VecDeque<Overlay>,
    disk: Option<Building>,
}

impl Unsaved {
    pub fn is_empty(&self) -> bool {
        self.overlays.is_empty()
    }

    /// The building as last read, where it differs from what the map shows.
    pub fn disk(&self) -> Option<&Building> {
        self.disk.as_ref()
    }
}

impl App {
    /// Before a message is handled: the job it answers is done, and a save's overlay is taken
    /// off. Returns the building the message brings (id, read afresh), for [`App::after`].
    pub(super) fn before(&mut self, m: &Message) -> Option<(BuildingId, bool)> {
        if let Some(ends) = Work::ended_by(m)
            && let Some(i) = self.pending.work.iter().position(ends)
        {
            self.pending.work.remove(i);
        }
        if let Message::Saved { .. } = m
            && let Some(id) = self.pending.saves.pop_front()
            && let Some(i) = self.index_of(&id)
        {
            self.entries[i].unsaved.overlays.pop_front();
        }
        // a change refused is not there to undo: an undo waiting for it waits no more (the
        // refusal is what the status line says)
        if let Message::Saved { result: Err(_), .. } | Message::Logged { result: Err(_), .. } = m {
            self.pending.undo_waits = None;
        }
        match m {
            Message::Loaded { id, .. } => Some((id.clone(), true)),
            Message::Saved { request, result } => Some((request.building.clone(), result.is_ok())),
            Message::Filed {
                result: Ok(_),
                form,
            } => Some((form.building.clone(), true)),
            _ => None,
        }
    }

    /// After a message is handled: a building read afresh or saved (`touched`: its id, and
    /// whether the slot now holds the file as it is) gets the overlays still pending on it
    /// again, and the jobs the message asked for are on their way.
    pub(super) fn after(&mut self, touched: Option<(BuildingId, bool)>, effects: &[Effect]) {
        if let Some((id, fresh)) = touched {
            self.relay(&id, fresh);
        }
        for e in effects {
            if let Some(w) = Work::of(e) {
                self.pending.work.push_back(w);
            }
            if let Effect::Save(req) = e {
                let overlay = req
                    .step
                    .changes
                    .iter()
                    .map(|(label, _, after)| (label.clone(), after.clone()))
                    .collect();
                self.lay_over(&req.building, overlay);
            }
        }
    }

    /// `u` pressed while a change was on its way (a status digit the `u` itself settled, a
    /// follow-up being logged) waits for it: once nothing is on its way, the undo is done, so
    /// it undoes that change and never finds "nothing to undo".
    pub(super) fn undo_landed(&mut self) -> Vec<Effect> {
        let Some(purpose) = self.pending.undo_waits else {
            return Vec::new();
        };
        if self.pending.recording() {
            return Vec::new();
        }
        self.pending.undo_waits = None;
        if !matches!(self.mode, Mode::Normal | Mode::Today(_)) {
            return Vec::new();
        }
        let fx = self.undo_redo(purpose);
        self.after(None, &fx);
        fx
    }

    /// An undo or redo asked for now: `true` when it has to wait for a change still on its way.
    pub(crate) fn undo_waits_for_work(&mut self, purpose: Purpose) -> bool {
        if !self.pending.recording() {
            return false;
        }
        self.pending.undo_waits = Some(purpose);
        true
    }

    fn lay_over(&mut self, id: &BuildingId, overlay: Overlay) {
        let Some(i) = self.index_of(id) else { return };
        self.pending.saves.push_back(id.clone());
        let e = &mut self.entries[i];
        let Slot::Ready(b) = &mut e.slot else {
            e.unsaved.overlays.push_back(overlay);
            return;
        };
        if e.unsaved.disk.is_none() {
            e.unsaved.disk = Some(b.clone());
        }
        apply(b, &overlay);
        e.counts = Counts::of(b);
        e.unsaved.overlays.push_back(overlay);
    }

    /// Lays the pending overlays over a building again: on the building just read or saved
    /// (`fresh`: the slot holds the file as it is), or on the file as last read (a refused save).
    fn relay(&mut self, id: &str, fresh: bool) {
        let Some(i) = self.index_of(id) else { return };
        let e = &mut self.entries[i];
        if fresh {
            e.unsaved.disk = None;
        }
        let base = match (e.unsaved.disk.take(), &e.slot) {
            (Some(d), _) => d,
            (None, Slot::Ready(b)) if !e.unsaved.is_empty() => b.clone(),
            _ => return,
        };
        let mut shown = base.clone();
        for o in &e.unsaved.overlays {
            apply(&mut shown, o);
        }
        e.counts = Counts::of(&shown);
        e.slot = Slot::Ready(shown);
        if !e.unsaved.is_empty() {
            e.unsaved.disk = Some(base);
        }
    }
}

fn apply(b: &mut Building, overlay: &Overlay) {
    for (label, record) in overlay {
        if let Some(i) = b.find(label) {
            b.units[i].record = record.clone();
        }
    }
}
