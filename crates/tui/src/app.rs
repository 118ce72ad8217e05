//! The TUI's state and its one road in: `update(message) -> effects`. Keys, clicks, ticks,
//! buildings loaded or changed on disk, save results, git state and commits all arrive as a
//! [`Message`]; the event loop only carries out the [`Effect`]s and sends their results back.
//! No I/O and no terminal here.

pub use super::message::{DayView, Effect, Message, Past, SaveRequest};

use super::geometry;
use super::modes::{self, Mode};
use super::pending::{Pending, Unsaved};
use super::theme::ColorMode;
use jiff::civil::Date;
use loupan_core::codec::Located;
use loupan_core::history::History;
use loupan_core::i18n::{Lang, Text};
use loupan_core::ids::BuildingId;
use loupan_core::journal::Index;
use loupan_core::model::{Building, Record};
use loupan_core::stats::Counts;
use loupan_core::status::Status;
use loupan_core::text::SmallStr;
use std::collections::{HashMap, HashSet};

pub enum Slot {
    Pending,
    Ready(Building),
    Broken(Vec<Located>),
}

pub struct Entry {
    pub id: BuildingId,
    pub slot: Slot,
    pub counts: Counts,
    pub cursor: usize,
    /// Units changed from outside, with the tick they were seen, marked for a few seconds.
    pub changed: HashMap<SmallStr, u64>,
    /// Units that differ from git's HEAD.
    pub uncommitted: HashSet<SmallStr>,
    /// In a past day's map: the units changed that day.
    pub that_day: HashSet<SmallStr>,
    /// Saves on their way to the file, shown already.
    pub unsaved: Unsaved,
}

impl Entry {
    pub fn new(id: BuildingId) -> Entry {
        Entry {
            id,
            slot: Slot::Pending,
            counts: Counts::default(),
            cursor: 0,
            changed: HashMap::new(),
            uncommitted: HashSet::new(),
            that_day: HashSet::new(),
            unsaved: Unsaved::default(),
        }
    }

    pub fn building(&self) -> Option<&Building> {
        match &self.slot {
            Slot::Ready(b) => Some(b),
            _ => None,
        }
    }

    pub fn name(&self) -> &str {
        self.building().map_or(&self.id, |b| &b.name)
    }

    /// A building as read (or its problems): its slot and counts, the cursor kept inside it.
    pub fn fill(&mut self, result: Result<Building, Vec<Located>>) {
        match result {
            Ok(b) => {
                self.cursor = self.cursor.min(b.units.len().saturating_sub(1));
                self.counts = Counts::of(&b);
                self.slot = Slot::Ready(b);
            }
            Err(problems) => {
                self.counts = Counts::default();
                self.slot = Slot::Broken(problems);
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKind {
    Status(Status),
    LiveWork,
}

impl FilterKind {
    pub fn matches(self, r: &Record) -> bool {
        match self {
            FilterKind::Status(s) => r.status == s,
            FilterKind::LiveWork => r.live_work,
        }
    }

    pub fn next(f: Option<FilterKind>) -> Option<FilterKind> {
        match f {
            None => Some(FilterKind::Status(Status::ALL[0])),
            Some(FilterKind::Status(s)) => match Status::ALL.iter().position(|x| *x == s) {
                Some(i) if i + 1 < Status::ALL.len() => {
                    Some(FilterKind::Status(Status::ALL[i + 1]))
                }
                _ => Some(FilterKind::LiveWork),
            },
            Some(FilterKind::LiveWork) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(Text),
    Error(Text),
}

/// What git says about the data directory, as the map shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GitView {
    pub branch: String,
    pub ahead: usize,
    pub behind: usize,
    /// "building unit: old → new (fields)" lines of the review window.
    pub review: Vec<Text>,
    /// The commit message proposed for them.
    pub summary: Text,
}

/// The last search: its text, every hit (building, unit) in order, and the current hit.
pub type Hits = (String, Vec<(usize, usize)>, usize);

pub struct App {
    pub lang: Lang,
    pub colors: ColorMode,
    pub entries: Vec<Entry>,
    index: HashMap<BuildingId, usize>,
    pub current: usize,
    pub mode: Mode,
    pub filter: Option<FilterKind>,
    pub search: Option<Hits>,
    pub history: History,
    pub notice: Option<Notice>,
    /// `S` was pressed over uncommitted changes and the map asked: `S` again commits and syncs.
    pub sync_asked: bool,
    pub read_only: Option<Text>,
    pub today: Date,
    pub tick: u64,
    pub git: Option<GitView>,
    pub loaded: usize,
    /// Every follow-up, by unit.
    pub journal: Index,
    /// The window's size (columns, rows), for what depends on layout: clicks, overview rows.
    pub size: (u16, u16),
    /// The past day shown, if the map was stepped back.
    pub past: Option<Past>,
    /// The clipboard's sequence (OSC 52, tmux's wrap if need be), written by the terminal's loop.
    pub clipboard: Option<String>,
    /// Returnees and staff, and the day's temperatures, from the private store.
    pub people: super::people::People,
    /// Days before today (oldest first) with each building's counts, for the trends.
    pub trend: Vec<loupan_core::trend::Day>,
    /// Jobs on the worker and saves on their way.
    pub pending: Pending,
    /// A status digit typed on the map, waiting for the next key (`digits.rs`).
    pub held: Option<super::digits::Held>,
    /// The notice on screen and the tick it appeared: information fades, errors stay.
    notice_seen: Option<(Notice, u64)>,
    /// Stepping through the days: the building chosen before a day it did not exist yet, and the
    /// one shown instead; back on a day it exists, it is chosen again unless the user moved.
    pub(crate) chosen: Option<(BuildingId, Option<BuildingId>)>,
}

/// Ticks (of 250 ms) an information notice stays on the status line: long enough to read,
/// short enough that yesterday's "3 units changed" does not sit beside today's work.
pub const NOTICE_TICKS: u64 = 32;

/// Ticks (of 250 ms) that an outside change stays marked.
pub const CHANGE_MARK_TICKS: u64 = 12;

impl App {
    pub fn new(lang: Lang, colors: ColorMode, ids: Vec<BuildingId>, today: Date) -> App {
        let mut app = App {
            lang,
            colors,
            entries: ids.into_iter().map(Entry::new).collect(),
            index: HashMap::new(),
            current: 0,
            mode: Mode::Normal,
            filter: None,
            search: None,
            history: History::default(),
            notice: None,
            sync_asked: false,
            read_only: None,
            today,
            tick: 0,
            git: None,
            loaded: 0,
            journal: Index::default(),
            size: (80, 24),
            past: None,
            clipboard: None,
            people: Default::default(),
            trend: Vec::new(),
            pending: Pending::default(),
            notice_seen: None,
            held: None,
            chosen: None,
        };
        app.reindex();
        app
    }

    /// The one road in. Jobs and saves on their way are kept track of around the handling, and
    /// an undo asked before its change landed is done once it has (`pending.rs`); a held status
    /// digit is set before anything that is not another digit (`digits.rs`).
    pub fn update(&mut self, m: Message) -> Vec<Effect> {
        let (mut effects, spent) = self.settle_held(&m);
        if !spent {
            let touched = self.before(&m);
            let more = self.handle(m);
            self.after(touched, &more);
            effects.extend(more.into_iter().chain(self.undo_landed()));
        }
        effects
    }

    fn handle(&mut self, m: Message) -> Vec<Effect> {
        match m {
            Message::Input(i) => {
                let mode = std::mem::take(&mut self.mode);
                let (next, effects) = modes::handle(self, mode, i);
                self.mode = next;
                effects
            }
            Message::Paste(text) => {
                self.on_paste(&text);
                Vec::new()
            }
            Message::Click { x, y } => self.on_click(x, y),
            Message::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Message::Tick => {
                self.tick += 1;
                let t = self.tick;
                self.fade_notice();
                for e in &mut self.entries {
                    e.changed.retain(|_, seen| t - *seen < CHANGE_MARK_TICKS);
                }
                Vec::new()
            }
            Message::Loaded { id, result } => {
                self.on_loaded(&id, result);
                Vec::new()
            }
            Message::Removed(id) => {
                self.on_removed(&id);
                Vec::new()
            }
            Message::Saved { request, result } => self.on_saved(request, result),
            Message::Git(review) => {
                self.on_git(review);
                Vec::new()
            }
            Message::Committed(result) => self.on_committed(result),
            Message::Synced(result) => self.on_synced(result),
            Message::Journal { index, problems } => self.on_journal(index, &problems),
            Message::People { people, said } => {
                self.on_people(*people, said);
                Vec::new()
            }
            Message::Day { day, entries } => {
                self.on_day(day, entries);
                Vec::new()
            }
            Message::Logged { result, tell } => {
                self.on_logged(result, tell);
                Vec::new()
            }
            Message::Withdrawn { result, put_back } => {
                self.on_withdrawn(result, put_back);
                Vec::new()
            }
            Message::DayShown(v) => {
                self.on_day_shown(*v);
                Vec::new()
            }
            Message::DayRefused(why) => {
                self.notice = Some(Notice::Error(why));
                Vec::new()
            }
            Message::Trend(days) => {
                self.trend = days;
                Vec::new()
            }
            Message::Report(r) => {
                self.on_report(r);
                Vec::new()
            }
            Message::Filed { result, form } => self.on_filed(result, form),
        }
    }

    /// An information notice goes after [`NOTICE_TICKS`]; an error stays until the next one or
    /// `Esc`, since it may say what was not saved.
    fn fade_notice(&mut self) {
        match (&self.notice, &self.notice_seen) {
            (Some(n), Some((seen, since))) if n == seen => {
                if matches!(n, Notice::Info(_)) && self.tick - since >= NOTICE_TICKS {
                    self.notice = None;
                    self.notice_seen = None;
                }
            }
            (Some(n), _) => self.notice_seen = Some((n.clone(), self.tick)),
            (None, _) => self.notice_seen = None,
        }
    }

    pub fn t(&self, en: &'static str, zh: &'static str) -> &'static str {
        self.lang.pick(en, zh)
    }

    pub fn all_loaded(&self) -> bool {
        self.loaded >= self.entries.len()
    }

    /// Buildings and the counts of every loaded one.
    pub fn totals(&self) -> (usize, Counts) {
        let mut c = Counts::default();
        for e in &self.entries {
            c.merge(&e.counts);
        }
        (self.entries.len(), c)
    }

    pub fn building(&self) -> Option<&Building> {
        self.entries.get(self.current).and_then(Entry::building)
    }

    pub fn current_id(&self) -> Option<&BuildingId> {
        self.entries.get(self.current).map(|e| &e.id)
    }

    pub fn cursor(&self) -> usize {
        self.entries.get(self.current).map_or(0, |e| e.cursor)
    }

    pub fn set_cursor(&mut self, c: usize) {
        if let Some(e) = self.entries.get_mut(self.current) {
            e.cursor = c;
        }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The record of a list's item as the map holds it now (lists keep places, not copies).
    pub fn record_of(&self, it: &loupan_core::today::Item) -> Option<&loupan_core::fields::Record> {
        let b = self.entries[self.index_of(&it.building)?].building()?;
        let u = b.units.get(it.index).filter(|u| u.label == it.unit)?;
        Some(&u.record)
    }

    fn reindex(&mut self) {
        self.index = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
    }

    fn on_click(&mut self, x: u16, y: u16) -> Vec<Effect> {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let Some(r) = geometry::regions_for(area, crate::list::want(self)) else {
            return Vec::new();
        };
        let inside = |a: ratatui::layout::Rect| {
            x >= a.x && x < a.x + a.width && y >= a.y && y < a.y + a.height
        };
        if !matches!(self.mode, Mode::Normal | Mode::Select { .. }) {
            return Vec::new();
        }
        if let Some(l) = r.list
            && inside(l)
            && let Some(i) = geometry::list_row_at(l, self.entries.len(), self.current, y)
        {
            self.current = i;
        } else if inside(r.grid)
            && let Some(b) = self.building()
            && let Some(u) = geometry::GridView::new(r.grid, b, self.cursor()).unit_at(b, x, y)
        {
            self.set_cursor(u);
        }
        Vec::new()
    }

    /// A building was read: first load, or a change on disk (its changed units are marked).
    fn on_loaded(&mut self, id: &BuildingId, result: Result<Building, Vec<Located>>) {
        let idx = match self.index_of(id) {
            Some(i) => i,
            None => self.insert_entry(id),
        };
        let tick = self.tick;
        let e = &mut self.entries[idx];
        let first = matches!(e.slot, Slot::Pending);
        let mut outside = Vec::new();
        let old = e.unsaved.disk().or(match &e.slot {
            Slot::Ready(b) => Some(b),
            _ => None,
        });
        if let (Ok(b), Some(old)) = (&result, old) {
            for (o, n) in old.units.iter().zip(&b.units) {
                if o.label == n.label && o.record != n.record {
                    e.changed.insert(n.label.clone(), tick);
                    outside.push((n.label.clone(), n.record.status));
                }
            }
        }
        e.fill(result);
        if first {
            self.loaded += 1;
        }
        self.refresh_today();
        if let Some((label, status)) = outside.first() {
            let l = loupan_core::display::inline(label);
            let more = outside.len() - 1;
            let status = *status;
            let t = Text::by(|lang| {
                let s = lang.status(status);
                match (lang, more) {
                    (Lang::En, 0) => format!("{l} changed outside: {s}"),
                    (Lang::En, n) => format!("{l} changed outside: {s} (and {n} more)"),
                    (Lang::Zh, 0) => format!("{l} 被他人修改：{s}"),
                    (Lang::Zh, n) => format!("{l} 被他人修改：{s}（另有 {n} 户）"),
                }
            });
            self.notice = Some(Notice::Info(t));
        }
    }

    /// A building that appeared on disk, placed in id order.
    pub(super) fn insert_entry(&mut self, id: &BuildingId) -> usize {
        let at = self
            .entries
            .iter()
            .position(|e| e.id > *id)
            .unwrap_or(self.entries.len());
        self.entries.insert(at, Entry::new(id.clone()));
        if self.current >= at && self.entries.len() > 1 {
            self.current += 1;
        }
        self.reindex();
        at
    }

    pub(super) fn on_removed(&mut self, id: &str) {
        let Some(idx) = self.index_of(id) else { return };
        if !matches!(self.entries[idx].slot, Slot::Pending) {
            self.loaded = self.loaded.saturating_sub(1);
        }
        self.entries.remove(idx);
        if self.current > idx {
            self.current -= 1;
        }
        self.current = self.current.min(self.entries.len().saturating_sub(1));
        self.history.forget(id);
        self.reindex();
    }

    /// The refusal of a read-only view or a broken building, if this edit is refused.
    pub fn refuse_edit(&mut self) -> bool {
        let reason = match (
            &self.read_only,
            self.entries.get(self.current).map(|e| &e.slot),
        ) {
            (Some(r), _) => Some(r.clone()),
            _ if self.past.is_some() => Some(loupan_core::tr!(
                "a past day is read-only: ] steps forward to today",
                "过去的日子只读：按 ] 回到今天"
            )),
            (None, Some(Slot::Broken(_))) => {
                Some(loupan_core::tr!("broken file, read-only", "文件有误，只读"))
            }
            _ => None,
        };
        if let Some(r) = reason {
            self.notice = Some(Notice::Error(r));
            true
        } else {
            false
        }
    }
}
