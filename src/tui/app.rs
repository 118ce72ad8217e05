//! The TUI's state and its update function: `update(action) -> effects`. No I/O and no terminal:
//! saving, git and the clock are effects and inputs handled by `run`.

use super::edits::request;
use super::form::Form;
use super::i18n::{Lang, Msg};
use super::theme::ColorMode;
use crate::core::edit::{Change, Patch, UnitEdit, patch_between};
use crate::core::model::{Building, Record};
use crate::core::stats::Counts;
use crate::core::status::Status;
use crate::core::text::SmallStr;
use jiff::civil::Date;
use std::collections::HashMap;
use std::path::PathBuf;

pub enum Slot {
    Pending,
    Ready(Building),
    Broken(Vec<String>),
}

pub struct Entry {
    pub id: String,
    pub path: PathBuf,
    pub slot: Slot,
    pub counts: Counts,
    pub cursor: usize,
    /// Units changed from outside, with the tick they were seen, marked for a few seconds.
    pub changed: HashMap<SmallStr, u64>,
    /// Units that differ from git's HEAD.
    pub uncommitted: std::collections::HashSet<SmallStr>,
}

impl Entry {
    pub fn new(id: String, path: PathBuf) -> Entry {
        Entry {
            id,
            path,
            slot: Slot::Pending,
            counts: Counts::default(),
            cursor: 0,
            changed: HashMap::new(),
            uncommitted: std::collections::HashSet::new(),
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

    fn next(f: Option<FilterKind>) -> Option<FilterKind> {
        use FilterKind::*;
        match f {
            None => Some(Status(crate::core::status::Status::ALL[0])),
            Some(Status(s)) => match crate::core::status::Status::ALL
                .iter()
                .position(|x| *x == s)
            {
                Some(i) if i + 1 < 6 => Some(Status(crate::core::status::Status::ALL[i + 1])),
                _ => Some(LiveWork),
            },
            Some(LiveWork) => None,
        }
    }
}

/// One undoable step: every unit it changed, before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub building: usize,
    pub changes: Vec<(SmallStr, Record, Record)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Edit,
    Undo,
    Redo,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SaveRequest {
    pub building: usize,
    pub edits: Vec<UnitEdit>,
    pub purpose: Purpose,
    pub step: Step,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Save(SaveRequest),
    Commit(String),
    RefreshGit,
    Quit,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub request: SaveRequest,
    pub unit: String,
    pub seen: Record,
    pub current: Record,
    pub tried: Record,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    Normal,
    Select {
        anchor: usize,
    },
    Search {
        query: String,
        origin: (usize, usize),
    },
    Form(Form),
    Help,
    Overview {
        selected: usize,
    },
    Conflict(Box<Conflict>),
    Review,
    Commit {
        message: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Move(i32, i32),
    Top,
    Bottom,
    NextBuilding,
    PrevBuilding,
    SetStatus(Status),
    ToggleLiveWork,
    OpenForm,
    CheckedToday,
    StartSelect,
    Cancel,
    Undo,
    Redo,
    StartSearch,
    SearchNext,
    SearchPrev,
    CycleFilter,
    ClearFilter,
    Overview,
    Help,
    Review,
    Quit,
    Confirm,
    Input(char),
    Backspace,
    NextField,
    PrevField,
    ApplyMine,
    ClickUnit(usize, usize),
    ClickBuilding(usize),
    Tick,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// What git says about the data directory, refreshed by `run`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GitState {
    pub branch: String,
    pub ahead: usize,
    pub behind: usize,
    /// "building unit: old → new (fields)" lines of the review view.
    pub review: Vec<String>,
    pub summary: String,
}

/// The last search: its text, every hit (building, unit) in order, and the current hit.
pub type Search = (String, Vec<(usize, usize)>, usize);

pub struct App {
    pub lang: Lang,
    pub colors: ColorMode,
    pub entries: Vec<Entry>,
    pub current: usize,
    pub mode: Mode,
    pub filter: Option<FilterKind>,
    pub search: Option<Search>,
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
    pub notice: Option<Notice>,
    pub read_only: Option<String>,
    pub today: Date,
    pub tick: u64,
    pub git: Option<GitState>,
    pub loaded: usize,
}

/// Ticks (of 250 ms) that an outside change stays marked.
pub const CHANGE_MARK_TICKS: u64 = 12;

impl App {
    pub fn new(lang: Lang, colors: ColorMode, ids: Vec<(String, PathBuf)>, today: Date) -> App {
        App {
            lang,
            colors,
            entries: ids.into_iter().map(|(id, p)| Entry::new(id, p)).collect(),
            current: 0,
            mode: Mode::Normal,
            filter: None,
            search: None,
            undo: Vec::new(),
            redo: Vec::new(),
            notice: None,
            read_only: None,
            today,
            tick: 0,
            git: None,
            loaded: 0,
        }
    }

    pub fn t(&self, m: Msg) -> &'static str {
        m.get(self.lang)
    }

    pub fn all_loaded(&self) -> bool {
        self.loaded >= self.entries.len()
    }

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

    pub fn cursor(&self) -> usize {
        self.entries.get(self.current).map_or(0, |e| e.cursor)
    }

    pub(super) fn set_cursor(&mut self, c: usize) {
        if let Some(e) = self.entries.get_mut(self.current) {
            e.cursor = c;
        }
    }

    /// A building finished loading (first time or after an outside change).
    pub fn set_loaded(&mut self, idx: usize, result: Result<Building, Vec<String>>) {
        let tick = self.tick;
        let Some(e) = self.entries.get_mut(idx) else {
            return;
        };
        let first = matches!(e.slot, Slot::Pending);
        match result {
            Ok(b) => {
                if let Slot::Ready(old) = &e.slot {
                    for (o, n) in old.units.iter().zip(&b.units) {
                        if o.label == n.label && o.record != n.record {
                            e.changed.insert(n.label.clone(), tick);
                        }
                    }
                    if old.units.len() != b.units.len() {
                        e.cursor = e.cursor.min(b.units.len().saturating_sub(1));
                    }
                } else {
                    e.cursor = e.cursor.min(b.units.len().saturating_sub(1));
                }
                e.counts = Counts::of(&b);
                e.slot = Slot::Ready(b);
            }
            Err(problems) => {
                e.counts = Counts::default();
                e.slot = Slot::Broken(problems);
            }
        }
        if first {
            self.loaded += 1;
        }
    }

    /// A file disappeared.
    pub fn remove_entry(&mut self, idx: usize) {
        if idx < self.entries.len() {
            if !matches!(self.entries[idx].slot, Slot::Pending) {
                self.loaded = self.loaded.saturating_sub(1);
            }
            self.entries.remove(idx);
            self.current = self.current.min(self.entries.len().saturating_sub(1));
            self.undo.retain(|s| s.building != idx);
            self.redo.retain(|s| s.building != idx);
            for s in self.undo.iter_mut().chain(self.redo.iter_mut()) {
                if s.building > idx {
                    s.building -= 1;
                }
            }
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::Tick {
            self.tick += 1;
            let t = self.tick;
            for e in &mut self.entries {
                e.changed.retain(|_, seen| t - *seen < CHANGE_MARK_TICKS);
            }
            return Vec::new();
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => self.normal(action, None),
            Mode::Select { anchor } => self.normal(action, Some(anchor)),
            Mode::Search { query, origin } => self.search_key(action, query, origin),
            Mode::Form(f) => self.form_key(action, f),
            Mode::Help => {
                if !matches!(
                    action,
                    Action::Cancel | Action::Help | Action::Quit | Action::Confirm
                ) {
                    self.mode = Mode::Help;
                }
                Vec::new()
            }
            Mode::Overview { selected } => self.overview_key(action, selected),
            Mode::Conflict(c) => match action {
                Action::ApplyMine => {
                    // replay what this screen changed, field by field, on top of the current values
                    let mut req = c.request.clone();
                    req.purpose = Purpose::Edit;
                    for e in &mut req.edits {
                        let seen = e.expect.take().unwrap_or_default();
                        let tried = e.result(&seen);
                        e.change = Change::Patch(patch_between(&seen, &tried));
                    }
                    for (label, before, after) in &mut req.step.changes {
                        if **label == *c.unit {
                            *after = patch_between(before, after).apply(&c.current);
                            *before = c.current.clone();
                        }
                    }
                    vec![Effect::Save(req)]
                }
                Action::Cancel | Action::Quit => {
                    self.notice = None;
                    Vec::new()
                }
                _ => {
                    self.mode = Mode::Conflict(c);
                    Vec::new()
                }
            },
            Mode::Review => match action {
                Action::Input('c') | Action::CheckedToday => {
                    let msg = self
                        .git
                        .as_ref()
                        .map(|g| g.summary.clone())
                        .unwrap_or_default();
                    if self.git.as_ref().is_none_or(|g| g.review.is_empty()) {
                        self.notice = Some(Notice::Info(self.t(Msg::NothingToCommit).into()));
                        self.mode = Mode::Review;
                    } else {
                        self.mode = Mode::Commit { message: msg };
                    }
                    Vec::new()
                }
                Action::Cancel | Action::Review | Action::Quit => Vec::new(),
                _ => {
                    self.mode = Mode::Review;
                    Vec::new()
                }
            },
            Mode::Commit { mut message } => match action {
                Action::Confirm => {
                    let m = message.trim().to_string();
                    if m.is_empty() {
                        self.mode = Mode::Commit { message };
                        Vec::new()
                    } else {
                        vec![Effect::Commit(m)]
                    }
                }
                Action::Cancel => {
                    self.mode = Mode::Review;
                    Vec::new()
                }
                Action::Input(c) => {
                    message.push(c);
                    self.mode = Mode::Commit { message };
                    Vec::new()
                }
                Action::Backspace => {
                    message.pop();
                    self.mode = Mode::Commit { message };
                    Vec::new()
                }
                _ => {
                    self.mode = Mode::Commit { message };
                    Vec::new()
                }
            },
        }
    }

    fn normal(&mut self, action: Action, anchor: Option<usize>) -> Vec<Effect> {
        let keep_select = |app: &mut App| {
            if let Some(a) = anchor {
                app.mode = Mode::Select { anchor: a };
            }
        };
        match action {
            Action::Move(dx, dy) => {
                self.move_cursor(dx, dy);
                keep_select(self);
            }
            Action::Top | Action::Bottom => {
                if let Some(b) = self.building() {
                    let (_, col) = b.locate(self.cursor());
                    let f = if action == Action::Top {
                        0
                    } else {
                        b.floors.len().saturating_sub(1)
                    };
                    let floor = &b.floors[f];
                    let c = floor.start + col.min(floor.len.saturating_sub(1));
                    self.set_cursor(c);
                }
                keep_select(self);
            }
            Action::NextBuilding | Action::PrevBuilding => {
                let n = self.entries.len();
                if n > 0 {
                    self.current = if action == Action::NextBuilding {
                        (self.current + 1) % n
                    } else {
                        (self.current + n - 1) % n
                    };
                }
            }
            Action::ClickBuilding(i) => {
                if i < self.entries.len() {
                    self.current = i;
                }
            }
            Action::ClickUnit(b, u) => {
                if b == self.current {
                    self.set_cursor(u);
                }
                keep_select(self);
            }
            Action::SetStatus(s) => {
                return self.edit_targets(anchor, |r| {
                    Patch {
                        status: Some(s),
                        ..Patch::default()
                    }
                    .apply(r)
                });
            }
            Action::ToggleLiveWork => {
                // in a selection, all follow the cursor's unit, so one key makes them agree
                let to = self.building().map(|b| {
                    !b.units[self.cursor().min(b.units.len().saturating_sub(1))]
                        .record
                        .live_work
                });
                if let Some(to) = to {
                    return self.edit_targets(anchor, |r| Record {
                        live_work: to,
                        ..r.clone()
                    });
                }
            }
            Action::CheckedToday => {
                let today = self.today;
                return self.edit_targets(anchor, |r| Record {
                    checked: Some(today),
                    ..r.clone()
                });
            }
            Action::OpenForm | Action::Confirm => {
                if self.refuse_read_only() {
                    return Vec::new();
                }
                if let Some(b) = self.building()
                    && !b.units.is_empty()
                {
                    let i = self.cursor();
                    self.mode = Mode::Form(Form::open(&b.units[i].label, &b.units[i].record));
                }
            }
            Action::StartSelect => {
                if anchor.is_none() && self.building().is_some_and(|b| !b.units.is_empty()) {
                    self.mode = Mode::Select {
                        anchor: self.cursor(),
                    };
                }
            }
            Action::Cancel => {
                self.notice = None;
            }
            Action::Undo => return self.undo_redo(true),
            Action::Redo => return self.undo_redo(false),
            Action::StartSearch => {
                self.mode = Mode::Search {
                    query: String::new(),
                    origin: (self.current, self.cursor()),
                };
            }
            Action::SearchNext | Action::SearchPrev => {
                self.step_search(action == Action::SearchNext);
                keep_select(self);
            }
            Action::CycleFilter => {
                self.filter = FilterKind::next(self.filter);
                keep_select(self);
            }
            Action::ClearFilter => {
                self.filter = None;
                keep_select(self);
            }
            Action::Overview => {
                self.mode = Mode::Overview {
                    selected: self.current,
                };
            }
            Action::Help => self.mode = Mode::Help,
            Action::Review => {
                if self.git.is_some() {
                    self.mode = Mode::Review;
                    return vec![Effect::RefreshGit];
                }
                self.notice = Some(Notice::Info(self.t(Msg::NotGit).into()));
            }
            Action::Quit => return vec![Effect::Quit],
            _ => keep_select(self),
        }
        Vec::new()
    }

    fn move_cursor(&mut self, dx: i32, dy: i32) {
        let Some(b) = self.building() else { return };
        if b.units.is_empty() {
            return;
        }
        let (f, c) = b.locate(self.cursor());
        let nf = (f as i64 - dy as i64).clamp(0, b.floors.len() as i64 - 1) as usize;
        let floor = &b.floors[nf];
        let nc = (c as i64 + dx as i64).clamp(0, floor.len as i64 - 1) as usize;
        let at = floor.start + nc;
        self.set_cursor(at);
    }

    pub(super) fn refuse_read_only(&mut self) -> bool {
        let reason = match (
            &self.read_only,
            self.entries.get(self.current).map(|e| &e.slot),
        ) {
            (Some(r), _) => Some(r.clone()),
            (None, Some(Slot::Broken(_))) => Some(self.t(Msg::Broken).to_string()),
            _ => None,
        };
        if let Some(r) = reason {
            self.notice = Some(Notice::Error(r));
            true
        } else {
            false
        }
    }

    /// The units an edit applies to: the block selection, or the unit under the cursor.
    pub fn targets(&self, anchor: Option<usize>) -> Vec<usize> {
        let Some(b) = self.building() else {
            return Vec::new();
        };
        if b.units.is_empty() {
            return Vec::new();
        }
        let cur = self.cursor();
        let Some(a) = anchor else { return vec![cur] };
        let (fa, ca) = b.locate(a);
        let (fb, cb) = b.locate(cur);
        let mut out = Vec::new();
        for f in fa.min(fb)..=fa.max(fb) {
            let floor = &b.floors[f];
            for c in ca.min(cb)..=ca.max(cb) {
                if c < floor.len {
                    out.push(floor.start + c);
                }
            }
        }
        out
    }

    fn form_key(&mut self, action: Action, mut form: Form) -> Vec<Effect> {
        match action {
            Action::Cancel => return Vec::new(),
            Action::Confirm => {
                let Some(b) = self.building() else {
                    return Vec::new();
                };
                if b.find(&form.unit).is_none() {
                    return Vec::new();
                }
                let before = form.seen.clone();
                // invalid fields keep the form open with their errors marked
                if let Some(after) = form.apply(&before) {
                    if after == before {
                        self.notice = Some(Notice::Info(self.t(Msg::Unchanged).into()));
                        return Vec::new();
                    }
                    let step = Step {
                        building: self.current,
                        changes: vec![(form.unit.as_str().into(), before, after)],
                    };
                    return vec![Effect::Save(request(step, Purpose::Edit))];
                }
            }
            Action::NextField | Action::Move(0, -1) => form.focus_next(),
            Action::PrevField | Action::Move(0, 1) => form.focus_prev(),
            Action::Input(c) => form.input(c),
            Action::Backspace => form.backspace(),
            _ => {}
        }
        self.mode = Mode::Form(form);
        Vec::new()
    }

    fn overview_key(&mut self, action: Action, selected: usize) -> Vec<Effect> {
        let n = self.entries.len().max(1);
        let sel = match action {
            Action::Move(dx, dy) => {
                ((selected as i64 + dx as i64 - dy as i64 * 4).rem_euclid(n as i64)) as usize
            }
            Action::NextBuilding => (selected + 1) % n,
            Action::PrevBuilding => (selected + n - 1) % n,
            Action::ClickBuilding(i) => i.min(n - 1),
            Action::Confirm => {
                self.current = selected.min(self.entries.len().saturating_sub(1));
                return Vec::new();
            }
            Action::Cancel | Action::Overview => return Vec::new(),
            Action::Quit => return vec![Effect::Quit],
            Action::Help => {
                self.mode = Mode::Help;
                return Vec::new();
            }
            _ => selected,
        };
        self.mode = Mode::Overview { selected: sel };
        Vec::new()
    }
}

impl App {
    pub fn targets_in_select(&self) -> usize {
        match self.mode {
            Mode::Select { anchor } => self.targets(Some(anchor)).len(),
            _ => 0,
        }
    }
}
