//! The street's map: one line per station (its evening report, isolating households, verified
//! share) above the towers of the station chosen. Pure state: keys and loaded buildings in,
//! what to open out. The station lines' rules (submitted, late, missing) are the core's.

use crate::app::{App, Message, Slot};
use crate::theme::ColorMode;
use jiff::civil::Date;
use loupan_core::codec::Located;
use loupan_core::i18n::{Lang, Text};
use loupan_core::ids::BuildingId;
use loupan_core::model::Building;
use loupan_core::stats::Counts;
use loupan_core::status::Status;
use loupan_core::street::{Row, State, Street};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One station: its line of the evening and its towers (an `App` of its own, for the overview).
pub struct StationView {
    pub row: Row,
    pub towers: App,
    /// Whether its buildings are listed yet (the figures wait for them).
    pub listed: bool,
    /// Why its folder could not be listed.
    pub problem: Option<Text>,
    /// Its figures whole from the counts cache (and the few files that changed), while its
    /// towers are not read: a station not on screen needs no more.
    pub counted: Option<Figures>,
    /// Its towers were asked for (it was chosen).
    pub asked: bool,
}

/// A station's (or the street's) figures as far as its buildings were read.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub towers: usize,
    /// Read so far, broken ones included.
    pub read: usize,
    /// Towers whose files do not parse: nothing of theirs is counted.
    pub broken: usize,
    pub counts: Counts,
}

impl Figures {
    pub fn add(&mut self, o: &Figures) {
        self.towers += o.towers;
        self.read += o.read;
        self.broken += o.broken;
        self.counts.merge(&o.counts);
    }

    /// Isolating households: `≥ N` when a tower could not be read (at least these).
    pub fn isolating(&self) -> String {
        let n = self.counts.get(Status::Isolating);
        if self.broken > 0 {
            format!("≥{n}")
        } else {
            n.to_string()
        }
    }

    /// The verified share, or `—` when a tower could not be read: a share of part of the
    /// station is not the station's share.
    pub fn verified(&self) -> String {
        if self.broken > 0 || self.counts.units == 0 {
            "—".into()
        } else {
            format!("{}%", self.counts.verified_percent())
        }
    }
}

impl StationView {
    pub fn figures(&self) -> Figures {
        match &self.counted {
            Some(f) if !self.towers_whole() => f.clone(),
            _ => self.towers_figures(),
        }
    }

    fn towers_whole(&self) -> bool {
        self.listed && self.towers.all_loaded()
    }

    fn towers_figures(&self) -> Figures {
        let (towers, counts) = self.towers.totals();
        let broken = self
            .towers
            .entries
            .iter()
            .filter(|e| matches!(e.slot, Slot::Broken(_)))
            .count();
        Figures {
            towers,
            read: self.towers.loaded,
            broken,
            counts,
        }
    }

    /// Every building read (or found broken), so the figures are whole.
    pub fn complete(&self) -> bool {
        self.problem.is_some() || self.counted.is_some() || self.towers_whole()
    }

    /// Whether its towers are on their way or read (else choosing it must ask for them).
    pub fn towers_asked(&self) -> bool {
        self.asked || self.listed || self.problem.is_some()
    }
}

/// What the street's map asks of its runner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Open this station's map.
    Open(String),
    /// Read the reports and the buildings again.
    Reload,
    /// Sync the street's repository; `true` once the user agreed to commit what is uncommitted.
    Sync(bool),
    Quit,
}

pub struct StreetMap {
    pub lang: Lang,
    pub colors: ColorMode,
    pub name: String,
    pub date: Date,
    pub deadline: String,
    /// A station is missing and the deadline has passed.
    pub overdue: bool,
    pub stations: Vec<StationView>,
    pub selected: usize,
    /// Submitted report files that do not read (such a station shows as missing).
    pub problems: Vec<Text>,
    pub help: bool,
    pub size: (u16, u16),
    /// A sync is under way on its thread.
    pub syncing: bool,
    /// `S` found uncommitted changes and asked; the very next key answers.
    pub sync_asked: bool,
    /// What the last sync said, or why it failed (`true`).
    pub notice: Option<(Text, bool)>,
    /// `n`: the stations by name rather than what needs attention first.
    pub by_name: bool,
}

impl StreetMap {
    pub fn new(lang: Lang, colors: ColorMode, date: Date, rows: Vec<Row>) -> StreetMap {
        let stations = rows
            .into_iter()
            .map(|row| StationView {
                row,
                towers: App::new(lang, colors, Vec::new(), date),
                listed: false,
                problem: None,
                counted: None,
                asked: false,
            })
            .collect();
        StreetMap {
            lang,
            colors,
            name: String::new(),
            date,
            deadline: String::new(),
            overdue: false,
            stations,
            selected: 0,
            problems: Vec::new(),
            help: false,
            size: (80, 24),
            syncing: false,
            sync_asked: false,
            notice: None,
            by_name: false,
        }
    }

    pub fn t(&self, en: &'static str, zh: &'static str) -> &'static str {
        self.lang.pick(en, zh)
    }

    pub fn chosen(&self) -> Option<&StationView> {
        self.stations.get(self.selected)
    }

    /// Chooses the station with this id, if there is one.
    pub fn choose(&mut self, id: &str) {
        if let Some(i) = self.stations.iter().position(|s| s.row.id == id) {
            self.selected = i;
        }
    }

    /// A station's buildings were listed (or its folder could not be).
    pub fn listed(&mut self, i: usize, ids: Result<Vec<BuildingId>, Text>) {
        let Some(s) = self.stations.get_mut(i) else {
            return;
        };
        match ids {
            Ok(ids) => {
                s.towers = App::new(self.lang, self.colors, ids, self.date);
                s.towers.size = self.size;
                s.listed = true;
            }
            Err(t) => s.problem = Some(t),
        }
    }

    /// A station's figures, counted without reading its towers (or why its folder could not be
    /// listed).
    pub fn counted(&mut self, i: usize, counts: Result<Vec<Option<Counts>>, Text>) {
        let Some(s) = self.stations.get_mut(i) else {
            return;
        };
        match counts {
            Ok(all) => {
                let mut f = Figures {
                    towers: all.len(),
                    read: all.len(),
                    ..Figures::default()
                };
                for c in &all {
                    match c {
                        Some(c) => f.counts.merge(c),
                        None => f.broken += 1,
                    }
                }
                s.counted = Some(f);
            }
            Err(t) => s.problem = Some(t),
        }
    }

    /// One of a station's buildings was read.
    pub fn loaded(&mut self, i: usize, id: BuildingId, result: Result<Building, Vec<Located>>) {
        if let Some(s) = self.stations.get_mut(i) {
            // the app only counts what it is given; no effect comes of a load
            let _ = s.towers.update(Message::Loaded { id, result });
        }
    }

    /// The street's name and deadline as `street.toml` says now; `true` when either changed.
    pub fn street(&mut self, st: &Street) -> bool {
        let deadline = st.deadline.strftime("%H:%M").to_string();
        let changed = st.name != self.name || deadline != self.deadline;
        (self.name, self.deadline) = (st.name.clone(), deadline);
        changed
    }

    /// Tonight's report lines read again (a station submitted, the deadline passed), put in
    /// place with every figure kept: `Some(true)` when something shows differently, `None` when
    /// the stations themselves are not the same (then everything is read again).
    pub fn evening(&mut self, rows: Vec<Row>, overdue: bool, problems: Vec<Text>) -> Option<bool> {
        let same = rows.len() == self.stations.len()
            && rows
                .iter()
                .zip(&self.stations)
                .all(|(r, s)| r.id == s.row.id);
        if !same {
            return None;
        }
        let mut changed = overdue != self.overdue || problems != self.problems;
        for (r, s) in rows.into_iter().zip(&mut self.stations) {
            if r != s.row {
                changed = true;
                s.row = r;
            }
        }
        (self.overdue, self.problems) = (overdue, problems);
        Some(changed)
    }

    /// The stations as shown, by index: what needs attention first (missing past the deadline,
    /// late, with escalations, not yet in, in), or with `n` by name; else as `street.toml` has them.
    pub fn order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.stations.len()).collect();
        if self.by_name {
            order.sort_by(|&a, &b| {
                let (a, b) = (&self.stations[a].row, &self.stations[b].row);
                (&a.name, &a.id).cmp(&(&b.name, &b.id))
            });
        } else {
            order.sort_by_key(|&i| self.attention(&self.stations[i].row));
        }
        order
    }

    /// 0 for what needs attention most.
    fn attention(&self, r: &Row) -> u8 {
        let escalated = r.submission.as_ref().is_some_and(|s| s.escalations > 0);
        match r.state {
            // a report its station's key did not sign counts as missing
            State::Missing | State::Unverified if self.overdue => 0,
            State::Late => 1,
            _ if escalated => 2,
            State::Missing | State::Unverified => 3,
            State::Submitted => 4,
        }
    }

    /// The station first in the order, chosen.
    pub fn choose_first(&mut self) {
        if let Some(&i) = self.order().first() {
            self.selected = i;
        }
    }

    /// The station `by` places from the chosen one in the order shown (held at either end).
    fn step(&mut self, by: isize) {
        let order = self.order();
        let at = order.iter().position(|&i| i == self.selected).unwrap_or(0);
        let to = at
            .saturating_add_signed(by)
            .min(order.len().saturating_sub(1));
        if let Some(&i) = order.get(to) {
            self.selected = i;
        }
    }

    /// The stations whose figures are whole.
    pub fn complete(&self) -> usize {
        self.stations.iter().filter(|s| s.complete()).count()
    }

    /// Submitted, late, missing.
    pub fn tally(&self) -> (usize, usize, usize) {
        let n = |st: State| self.stations.iter().filter(|s| s.row.state == st).count();
        (n(State::Submitted), n(State::Late), n(State::Missing))
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        for s in &mut self.stations {
            s.towers.size = (w, h);
        }
    }

    /// The chosen station's map, unless its folder is missing or does not read: then why, on
    /// the notice line, and the street's map stays.
    fn open(&mut self) -> Option<Choice> {
        let s = self.chosen()?;
        let Some(why) = &s.problem else {
            return Some(Choice::Open(s.row.id.clone()));
        };
        let id = loupan_core::display::inline(&s.row.id).into_owned();
        let said = Text::same(format!("{id}: ")).join(("", ""), why);
        self.notice = Some((said, true));
        None
    }

    /// A key: vim keys and arrows both; `?` shows the keys, any key closes them.
    pub fn key(&mut self, k: KeyEvent) -> Option<Choice> {
        if self.help {
            self.help = false;
            return None;
        }
        // the question `S` asked holds for the very next key only
        let asked = std::mem::take(&mut self.sync_asked);
        if !self.syncing {
            self.notice = None;
        }
        let last = self.stations.len() as isize;
        let page = (self.size.1 / 3).max(1) as isize;
        match k.code {
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                return Some(Choice::Quit);
            }
            KeyCode::Char('q') | KeyCode::Esc => return Some(Choice::Quit),
            KeyCode::Char('j') | KeyCode::Down => self.step(1),
            KeyCode::Char('k') | KeyCode::Up => self.step(-1),
            KeyCode::Char('g') | KeyCode::Home => self.step(-last),
            KeyCode::Char('G') | KeyCode::End => self.step(last),
            KeyCode::PageDown => self.step(page),
            KeyCode::PageUp => self.step(-page),
            KeyCode::Char('n') => self.by_name = !self.by_name,
            KeyCode::Char('r') => return Some(Choice::Reload),
            KeyCode::Char('S') if !self.syncing => return Some(Choice::Sync(asked)),
            KeyCode::Char('?') => self.help = true,
            KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => return self.open(),
            _ => {}
        }
        None
    }
}

/// The keys of the street's map: (keys, what they do in English, in Chinese). Shown in the
/// footer and in help from this one table.
pub const KEYS: &[(&str, &str, &str)] = &[
    ("↑↓ jk", "station", "选工作站"),
    ("Enter l", "open its map", "打开该站楼盘图"),
    ("n", "by name", "按名称排序"),
    ("S", "sync with the street's remote", "与街道远程仓库同步"),
    ("?", "keys", "按键"),
    ("q Esc", "quit", "退出"),
    ("r", "read again", "重新读取"),
    (
        "g G PgUp PgDn",
        "first, last, a page",
        "第一个、最后一个、翻页",
    ),
];
