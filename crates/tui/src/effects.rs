//! Carries out the app's effects through the store and turns what comes back into messages. The
//! binary's event loop and the tests drive this same runner, so a save result cannot reach the app
//! by a side door.

use super::app::{App, Effect, Message, SaveRequest};
use loupan_core::i18n::Text;
use loupan_core::ids::{BuildingId, CommitId};
use loupan_core::journal::{Draft, Entry};
use loupan_core::tr;
use loupan_store::watch::{Change, Tracker};
use loupan_store::{self as store, Loaded, Station};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// Where buildings come from: the data directory, or a git revision of it (read-only).
#[derive(Clone, Debug)]
pub enum Source {
    Dir,
    Rev(CommitId),
    /// A day before anything was committed: nothing to show, nothing to edit.
    Nothing,
}

pub struct Runner {
    station: Arc<Station>,
    source: Source,
    tracker: Tracker,
    /// Asks the git thread for fresh state; none outside a repository (and in most tests).
    git: Option<Sender<()>>,
    /// Who logs follow-ups (git's user name, else the login), asked once.
    who: Option<String>,
    /// A past day's building files (id, blob) while the map shows one.
    past: Option<(Option<CommitId>, store::git::Files)>,
}

/// Whether the loop goes on after a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Go,
    Quit,
}

impl Runner {
    pub fn new(station: Arc<Station>, source: Source, ids: &[BuildingId]) -> Runner {
        Runner {
            tracker: station.tracker(ids),
            station,
            source,
            git: None,
            who: None,
            past: None,
        }
    }

    pub fn set_git(&mut self, tx: Sender<()>) {
        let _ = tx.send(());
        self.git = Some(tx);
    }

    pub fn station(&self) -> &Station {
        &self.station
    }

    /// The loader read a building: remember which version, and tell the app.
    pub fn loaded(&mut self, l: Loaded) -> Message {
        if matches!(self.source, Source::Dir) {
            self.tracker.loaded(&l.id, l.stamp);
        }
        let (id, result) = l.into_parts();
        Message::Loaded { id, result }
    }

    /// Something changed on disk: what, as messages.
    pub fn rescan(&mut self) -> Vec<Message> {
        if !matches!(self.source, Source::Dir) {
            return Vec::new();
        }
        let changes = self.tracker.scan();
        if !changes.is_empty() {
            self.refresh_git();
        }
        changes
            .into_iter()
            .map(|c| match c {
                Change::Loaded(l) => self.loaded(l),
                Change::Removed(id) => Message::Removed(id),
                Change::Day(d) => Message::Day {
                    day: d.day,
                    entries: d.entries.into_iter().map(|(_, e)| e).collect(),
                },
            })
            .collect()
    }

    fn refresh_git(&self) {
        if let Some(g) = &self.git {
            let _ = g.send(());
        }
    }

    /// Carries out one effect; the answers go back to the app. `Quit` is the loop's own.
    pub fn perform(&mut self, e: Effect) -> Vec<Message> {
        match e {
            Effect::Save(req) => self.save(req),
            Effect::Log(drafts) => vec![Message::Logged {
                result: self.log(drafts),
                tell: true,
            }],
            Effect::LogWithSave(drafts) => vec![Message::Logged {
                result: self.log(drafts),
                tell: false,
            }],
            Effect::Withdraw(step) => vec![Message::Withdrawn {
                result: self.withdraw(&step.logged),
                put_back: Some(step),
            }],
            Effect::Commit(message) => {
                let r = self.station.commit(&message);
                self.refresh_git();
                vec![Message::Committed(r)]
            }
            Effect::Sync => {
                let r = self
                    .station
                    .sync(loupan_store::today())
                    .map(|s| loupan_store::sync::said(&s))
                    .map_err(|e| e.text());
                self.refresh_git();
                // what the merge brought is read like any outside change (marked `~`); the
                // sync's own word comes last, so it is the one on the status line
                let mut out = self.rescan();
                out.push(Message::Synced(r));
                out
            }
            Effect::RefreshGit => {
                self.refresh_git();
                Vec::new()
            }
            Effect::ShowDay(day) => self.show_day(day),
            Effect::SaveCompany { company, form } => {
                let seen = form.company().clone();
                let seen = (!loupan_core::company::implied(&seen)).then_some(&seen);
                let name = company.name().to_string();
                let edit = loupan_store::company::CompanyEdit::Set {
                    company: *company,
                    seen,
                };
                let r = self.station.file_company(&form.building, edit);
                // the map's own filing: its stamp is known, so the rescan does not read it back
                // as someone else's change
                if let Ok((saved, _)) = &r {
                    self.tracker.saved(&form.building, saved.stamp);
                }
                let result = r.map(|(saved, _)| (name, saved.building));
                let mut out = vec![Message::Filed { result, form }];
                out.extend(self.rescan());
                out
            }
            Effect::CopyReport { day, today, lang } => {
                let r = self.station.day_report(day, today, lang).map(|(r, _)| {
                    let text = loupan_core::report::text(&r, lang);
                    let route = loupan_store::tmux::route();
                    let kept = (route == crate::clipboard::Route::Blocked)
                        .then(|| loupan_store::tmux::keep(&text, day));
                    crate::clipboard::Copied {
                        text,
                        unread: r.unread.len(),
                        route,
                        kept,
                    }
                });
                vec![Message::Report(r)]
            }
            Effect::ReadPeople(day) => vec![self.people(day, None)],
            Effect::LogReading(r) => {
                let said = self.log_reading(&r);
                vec![self.people(r.day, Some(said))]
            }
            Effect::Quit => Vec::new(),
        }
    }

    /// The map at the end of a past day, or back to the files as they are; only what differs
    /// from the screen is read.
    fn show_day(&mut self, day: Option<jiff::civil::Date>) -> Vec<Message> {
        match self.try_show_day(day) {
            Ok(mut out) => {
                out.extend(self.rescan());
                out
            }
            Err(why) => vec![Message::DayRefused(why)],
        }
    }

    fn try_show_day(&mut self, day: Option<jiff::civil::Date>) -> Result<Vec<Message>, Text> {
        use loupan_store::past::Shown;
        let Some(day) = day else {
            let Some((commit, files)) = self.past.take() else {
                return Ok(Vec::new());
            };
            self.source = Source::Dir;
            let ids = self.station.ids()?;
            let differ = match &commit {
                Some(c) => self.station.changed_ids(c)?,
                None => ids.clone(),
            };
            let mut load = Vec::new();
            for id in ids
                .iter()
                .filter(|id| differ.contains(id) || !files.iter().any(|(f, _)| f == *id))
            {
                let l = self.station.load(id);
                self.tracker.loaded(&l.id, l.stamp);
                let r = l.building.map_err(|ps| store::load::located(&l.path, &ps));
                load.push((l.id, r));
            }
            let gone = files
                .into_iter()
                .map(|(id, _)| id)
                .filter(|id| !ids.contains(id))
                .collect();
            return Ok(vec![Message::DayShown(Box::new(super::app::DayView {
                past: None,
                load,
                gone,
                marks: Default::default(),
            }))]);
        };
        if !self.station.in_repo() {
            return Err(tr!(
                "the data directory is not in git, so there are no past days to show",
                "数据目录不在 git 中，没有过去的日子可看"
            ));
        }
        let ids;
        let shown = match &self.past {
            Some((_, files)) => Shown::Files(files),
            None => {
                ids = self.station.ids()?;
                Shown::WorkTree(&ids)
            }
        };
        let p = self.station.past(day, shown)?;
        self.source = match &p.commit {
            Some(c) => Source::Rev(c.clone()),
            // before the first commit: nothing to load, nothing to edit
            None => Source::Nothing,
        };
        self.past = Some((p.commit.clone(), p.files));
        Ok(vec![Message::DayShown(Box::new(super::app::DayView {
            past: Some(super::app::Past {
                day,
                commit: p.commit,
            }),
            load: p.load,
            gone: p.gone,
            marks: p.marks,
        }))])
    }

    /// The journal as the loader read it: remember which versions, and tell the app.
    pub fn journal(&mut self, whole: store::journal::Whole) -> Message {
        self.tracker.journal_read(&whole.stamps);
        let problems = whole.problems();
        Message::Journal {
            index: whole.index,
            problems,
        }
    }

    /// Appends follow-ups: each gets its id, time and author here; the first failure stops.
    fn log(&mut self, drafts: Vec<Draft>) -> Result<Vec<Entry>, Text> {
        if !matches!(self.source, Source::Dir) {
            return Err(tr!("a past view is read-only", "过去的版本只读"));
        }
        let by = self.who.get_or_insert_with(|| self.station.who()).clone();
        let mut done = Vec::new();
        for d in drafts {
            let e = Entry {
                id: store::journal::new_id(),
                at: store::journal::now(),
                by: by.as_str().into(),
                building: d.building,
                unit: d.unit,
                via: d.via,
                outcome: d.outcome,
                note: d.note,
                withdraws: None,
            };
            let stamp = self.station.append(&e)?;
            self.tracker.appended(e.date(), stamp);
            done.push(e);
        }
        Ok(done)
    }

    /// Withdraws follow-ups: each gets a withdrawal appended (the journal is never rewritten).
    fn withdraw(&mut self, entries: &[Entry]) -> Result<Vec<Entry>, Text> {
        if !matches!(self.source, Source::Dir) {
            return Err(tr!("a past view is read-only", "过去的版本只读"));
        }
        let by = self.who.get_or_insert_with(|| self.station.who()).clone();
        let mut done = Vec::new();
        for e in entries {
            let w = e.withdrawal(
                store::journal::new_id(),
                store::journal::now(),
                by.as_str().into(),
            );
            let stamp = self.station.append(&w)?;
            self.tracker.appended(w.date(), stamp);
            done.push(w);
        }
        Ok(done)
    }

    /// The one write path. The screen says "saved" only after the atomic rename returned; after
    /// a refusal the building is reloaded first, so the current value shows. An undo's
    /// follow-ups are withdrawn once its units are back on disk, and only then.
    fn save(&mut self, req: SaveRequest) -> Vec<Message> {
        let result = self.station.apply_edits(&req.building, &req.edits);
        let mut out = Vec::new();
        match &result {
            Ok(saved) => self.tracker.saved(&req.building, saved.stamp),
            Err(store::WriteError::Conflict { .. } | store::WriteError::Broken(_)) => {
                let l = self.station.load(&req.building);
                out.push(self.loaded(l));
            }
            Err(_) => {}
        }
        self.refresh_git();
        let withdraw = (result.is_ok() && req.purpose == loupan_core::history::Purpose::Undo)
            .then(|| req.step.logged.clone())
            .filter(|l| !l.is_empty());
        out.push(Message::Saved {
            request: req,
            result: result.map(|s| s.building),
        });
        if let Some(logged) = withdraw {
            out.push(Message::Withdrawn {
                result: self.withdraw(&logged),
                put_back: None,
            });
        }
        out
    }
}

/// Hands a message to the app and carries out every effect that follows, until the app is
/// settled. The event loop and the tests both call this.
pub fn settle(app: &mut App, runner: &mut Runner, first: Message) -> Flow {
    let mut queue = VecDeque::from([first]);
    while let Some(m) = queue.pop_front() {
        for effect in app.update(m) {
            if effect == Effect::Quit {
                return Flow::Quit;
            }
            queue.extend(runner.perform(effect));
        }
    }
    Flow::Go
}
