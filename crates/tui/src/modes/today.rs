//! Today (`t`): the day's worklist as a walk. Calls due (with progress), isolations ending and
//! overdue, units to door-knock, companies not resumed. `Enter` jumps to the unit on the map; an
//! outcome key logs a follow-up and `e` ends an isolation (healthy again, logged: `e` shows what
//! it will do, `e` again does it); after either the cursor is on the next item, so a morning's
//! calls are a walk down the list, and `u` undoes the last. An outcome digit is held as the
//! map holds a status digit (`digits.rs`): alone, it logs once the next key or a pause comes;
//! digits in a row (a unit number typed here by habit) log nothing.

use super::{Mode, Next, stay};
use crate::app::{App, Effect, Notice};
use crate::commands::Command;
use crate::digits::{Digit, HELD_TICKS, Held};
use crate::edits::request;
use crate::keymap::Input;
use loupan_core::fields::{OptDate, Record};
use loupan_core::history::{Purpose, Step};
use loupan_core::journal::{Draft, Outcome, Via};
use loupan_core::people::figures::Seen;
use loupan_core::status::Status;
use loupan_core::text::SmallStr;
use loupan_core::today::{Item, Worklist, worklist};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// People with a fever today (37.3 °C or more): an escalation.
    Fever,
    Calls,
    Ending,
    Overdue,
    Knock,
    NotResumed,
    /// People in observation without today's reading.
    ReadingsMissing,
    /// People whose observation ends today.
    PeopleEnding,
    /// Companies whose employees' observation ends today.
    ObservationEnding,
    /// Companies not filed for a week.
    NotFiled,
    /// Companies over their on-site cap.
    OverCap,
}

impl Section {
    /// The day's people first (a fever, a reading due today, an observation ending), then the
    /// calls: a reading is today's or never, a door-knock list can wait for the afternoon.
    pub const ALL: [Section; 11] = [
        Section::Fever,
        Section::ReadingsMissing,
        Section::PeopleEnding,
        Section::Calls,
        Section::Ending,
        Section::Overdue,
        Section::Knock,
        Section::NotResumed,
        Section::ObservationEnding,
        Section::OverCap,
        Section::NotFiled,
    ];

    pub fn items(self, t: &Today) -> &[Item] {
        let w = &t.list;
        match self {
            Section::Fever => &t.people.fever.0,
            Section::ReadingsMissing => &t.people.missing.0,
            Section::PeopleEnding => &t.people.ending.0,
            Section::Calls => &w.calls_due,
            Section::Ending => &w.ending,
            Section::Overdue => &w.overdue,
            Section::Knock => &w.to_knock,
            Section::NotResumed => &w.not_resumed,
            Section::ObservationEnding => &w.observation_ending,
            Section::NotFiled => &w.not_filed,
            Section::OverCap => &w.over_cap,
        }
    }

    /// Whether its rows are people (the private store's, shown masked).
    pub fn people(self) -> bool {
        matches!(
            self,
            Section::Fever | Section::ReadingsMissing | Section::PeopleEnding
        )
    }

    /// Whether its rows are companies (described as filed, not by the unit's contacts).
    pub fn companies(self) -> bool {
        matches!(
            self,
            Section::ObservationEnding | Section::NotFiled | Section::OverCap
        )
    }

    /// How a follow-up from this section is made.
    fn via(self) -> Via {
        match self {
            Section::Knock => Via::Visit,
            _ => Via::Call,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Today {
    pub list: Worklist,
    /// The row under the cursor, counting every section's items in order.
    pub cursor: usize,
    /// The rows after the item just acted on: when the list is made again, the cursor goes to
    /// the first of them still there, so a morning's calls are a walk down the list.
    after: Option<Vec<RowKey>>,
    /// The row `e` was pressed on: what the release will do is shown, `e` again does it.
    asked: Option<RowKey>,
    /// The tick of the last digit of digits typed in a row: the next digit soon after is part of
    /// them too, and logs nothing.
    burst: Option<u64>,
    /// The people on the lists, each as a place on the map and as seen.
    pub people: PeopleRows,
    /// The temperature form (`T`), while it is open.
    pub reading: Option<super::reading::Reading>,
}

/// A section's people: the map's places (for the list's walk) and the people themselves.
type Rows = (Vec<Item>, Vec<Seen>);

/// The people sections' rows, made from the private store's people and the day's readings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeopleRows {
    pub fever: Rows,
    pub missing: Rows,
    pub ending: Rows,
}

impl PeopleRows {
    fn of(app: &App) -> PeopleRows {
        let mut out = PeopleRows::default();
        for b in app.entries.iter().filter_map(|e| e.building()) {
            if app.people.of(&b.id).is_empty() {
                continue;
            }
            let h = app.people.health(b, app.today);
            for (to, seen) in [
                (&mut out.fever, h.fever),
                (&mut out.missing, h.readings_missing),
                (&mut out.ending, h.observation_ending),
            ] {
                for s in seen {
                    let Some(index) = b.find(&s.unit) else {
                        continue;
                    };
                    to.0.push(Item {
                        building: std::sync::Arc::from(b.id.as_str()),
                        unit: s.unit.as_str().into(),
                        index,
                        status: b.units[index].record.status,
                        isolation_end: None,
                    });
                    to.1.push(s);
                }
            }
        }
        out
    }
}

/// A row by what it shows, so it is found again in a list made afresh.
type RowKey = (Section, std::sync::Arc<str>, SmallStr);

/// Rows looked at after an action: it takes a unit out of at most three sections.
const LOOK_AHEAD: usize = 8;

impl Today {
    pub fn open(app: &App) -> Today {
        let mut t = Today::default();
        t.rebuild(app);
        t
    }

    /// Every row with an item.
    pub fn len(&self) -> usize {
        Section::ALL.iter().map(|s| s.items(self).len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A row's section and its place there (rows are not kept: a city has 300,000).
    pub fn row(&self, mut row: usize) -> Option<(Section, usize)> {
        for s in Section::ALL {
            let n = s.items(self).len();
            if row < n {
                return Some((s, row));
            }
            row -= n;
        }
        None
    }

    /// The first row of a section.
    fn start(&self, section: Section) -> usize {
        Section::ALL
            .iter()
            .take_while(|s| **s != section)
            .map(|s| s.items(self).len())
            .sum()
    }

    fn key(&self, row: usize) -> Option<RowKey> {
        let (s, n) = self.row(row)?;
        let it = s.items(self).get(n)?;
        Some((s, it.building.clone(), it.unit.clone()))
    }

    fn find(&self, (s, b, u): &RowKey) -> Option<usize> {
        let at = s
            .items(self)
            .iter()
            .position(|it| *it.building == **b && it.unit == *u)?;
        Some(self.start(*s) + at)
    }

    /// Remembers where the walk goes next, before an action changes the list.
    pub(crate) fn acted(&mut self) {
        let next = (self.cursor + 1..self.len()).take(LOOK_AHEAD);
        self.after = Some(next.filter_map(|r| self.key(r)).collect());
    }

    /// The list again, from what the app holds now; the cursor stays on its row, or goes on past
    /// the one just acted on.
    pub fn rebuild(&mut self, app: &App) {
        let keep = self.key(self.cursor);
        let at = self.cursor;
        // the people arrive from the worker just after Today opens: a cursor still on the first
        // row stays on the first row (theirs, at the top), it does not follow the row it was on
        let untouched = at == 0 && self.people == PeopleRows::default() && self.after.is_none();
        self.list = worklist(
            app.entries.iter().filter_map(|e| e.building()),
            &app.journal,
            app.today,
        );
        self.people = PeopleRows::of(app);
        let found = match self.after.take() {
            // nothing after it still there: the end of the list
            Some(next) => next.iter().find_map(|k| self.find(k)).or(Some(usize::MAX)),
            None => keep.as_ref().and_then(|k| self.find(k)),
        };
        let found = if untouched && self.people != PeopleRows::default() {
            Some(0)
        } else {
            found
        };
        self.cursor = found.unwrap_or(at).min(self.len().saturating_sub(1));
    }

    pub fn item(&self) -> Option<&Item> {
        let (s, i) = self.row(self.cursor)?;
        s.items(self).get(i)
    }

    fn section(&self) -> Option<Section> {
        self.row(self.cursor).map(|(s, _)| s)
    }

    /// The person of a row of a people section.
    pub fn seen(&self, row: usize) -> Option<&Seen> {
        let (s, i) = self.row(row)?;
        let rows = match s {
            Section::Fever => &self.people.fever,
            Section::ReadingsMissing => &self.people.missing,
            Section::PeopleEnding => &self.people.ending,
            _ => return None,
        };
        rows.1.get(i)
    }
}

pub fn handle(app: &mut App, mut t: Today, input: Input) -> Next {
    if let Some(f) = t.reading.take() {
        return super::reading::handle(app, t, f, input);
    }
    let n = t.len();
    let Input::Command(cmd) = input else {
        return stay(Mode::Today(Box::new(t)));
    };
    // a release asked for holds for the very next key only; so do digits in a row
    let asked = t.asked.take();
    let burst = t.burst.take();
    match cmd {
        Command::Down => t.cursor = (t.cursor + 1).min(n.saturating_sub(1)),
        Command::Up => t.cursor = t.cursor.saturating_sub(1),
        Command::PageDown => t.cursor = (t.cursor + 10).min(n.saturating_sub(1)),
        Command::PageUp => t.cursor = t.cursor.saturating_sub(10),
        Command::NextField => {
            // the first row of the next section that has any, else the top
            let here = t.section();
            let next = Section::ALL
                .iter()
                .skip_while(|s| Some(**s) != here)
                .skip(1)
                .find(|s| !s.items(&t).is_empty());
            t.cursor = next.map_or(0, |s| t.start(*s));
        }
        Command::Confirm => {
            if let Some(it) = t.item()
                && let Some(b) = app.index_of(&it.building)
            {
                app.current = b;
                app.set_cursor(it.index);
                return stay(Mode::Normal);
            }
        }
        Command::Log(o) => return digit(app, t, o, burst),
        Command::Release if asked.is_some() && asked == t.key(t.cursor) => {
            return release(app, t);
        }
        Command::Release => return ask_release(app, t),
        Command::Temperature => return temperature(app, t),
        Command::Undo => {
            let fx = app.undo_redo(loupan_core::history::Purpose::Undo);
            return (Mode::Today(Box::new(t)), fx);
        }
        Command::Back | Command::Today => return stay(Mode::Normal),
        Command::Help => return stay(super::Help::over(Mode::Today(Box::new(t)))),
        Command::Quit => return (Mode::Normal, vec![Effect::Quit]),
        _ => {}
    }
    stay(Mode::Today(Box::new(t)))
}

/// An outcome digit: held until the next key (`digits.rs` logs it then); a second digit while
/// one is held, or soon after digits in a row, makes them a number, and nothing is logged.
fn digit(app: &mut App, mut t: Today, outcome: Outcome, burst: Option<u64>) -> Next {
    let tick = app.tick;
    let in_burst = burst.is_some_and(|last| tick.saturating_sub(last) < HELD_TICKS);
    if app.held.take().is_some() || in_burst {
        t.burst = Some(tick);
        app.notice = Some(Notice::Info(loupan_core::tr!(
            "digits in a row are not an outcome: nothing logged (one digit alone logs one)",
            "连续输入的数字不算随访结果：未记录（单按一个数字才记录）"
        )));
        return stay(Mode::Today(Box::new(t)));
    }
    app.held = Some(Held {
        digit: Digit::Outcome(outcome),
        anchor: None,
        tick,
    });
    stay(Mode::Today(Box::new(t)))
}

/// A held outcome digit, alone: logged for the row under the cursor (nothing outside Today).
pub(crate) fn log_held(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    if !matches!(app.mode, Mode::Today(_)) {
        return Vec::new();
    }
    let Mode::Today(t) = std::mem::take(&mut app.mode) else {
        return Vec::new();
    };
    let (mode, fx) = log(app, *t, outcome);
    app.mode = mode;
    fx
}

fn log(app: &mut App, mut t: Today, outcome: Outcome) -> Next {
    if app.refuse_edit() {
        return stay(Mode::Today(Box::new(t)));
    }
    let (Some(it), Some(s)) = (t.item(), t.section()) else {
        return stay(Mode::Today(Box::new(t)));
    };
    let draft = Draft {
        building: (*it.building).into(),
        unit: it.unit.as_str().into(),
        via: s.via(),
        outcome,
        note: None,
    };
    t.acted();
    (Mode::Today(Box::new(t)), vec![Effect::Log(vec![draft])])
}

/// `T`: the temperature form for the person under the cursor; elsewhere, what `T` is for.
fn temperature(app: &mut App, mut t: Today) -> Next {
    if app.refuse_edit() {
        return stay(Mode::Today(Box::new(t)));
    }
    match t.seen(t.cursor) {
        Some(s) => {
            t.reading = Some(super::reading::Reading {
                building: s.building.clone(),
                person: s.person.id.to_string(),
                shown: crate::people::masked(&s.person),
                value: String::new(),
                refused: None,
            });
        }
        None => {
            app.notice = Some(Notice::Info(loupan_core::tr!(
                "T logs a temperature for a person: go to one (fever, readings missing, observation ending)",
                "T 为某个人登记体温：请先移到一个人（发热、今日未测体温、今日观察期满）"
            )));
        }
    }
    stay(Mode::Today(Box::new(t)))
}

/// The item under the cursor and its record, when it is an isolation a release can end.
fn releasable(app: &App, t: &Today) -> Option<(Item, Record)> {
    let it = t.item()?;
    let r = app.record_of(it)?;
    (r.status == Status::Isolating).then(|| (it.clone(), r.clone()))
}

/// `e` once: what the release will do, on the status line; `e` again does it.
fn ask_release(app: &mut App, mut t: Today) -> Next {
    if let Some((it, _)) = releasable(app, &t)
        && !app.refuse_edit()
    {
        let unit = loupan_core::display::inline(&it.unit);
        app.notice = Some(crate::app::Notice::Info(loupan_core::tr!(
            "{unit}: isolating → healthy + a call logged; e again to release, u undoes",
            "{unit}：隔离 → 健康，记一次随访；再按 e 确认解除，u 撤销"
        )));
        t.asked = t.key(t.cursor);
    }
    stay(Mode::Today(Box::new(t)))
}

/// Ends an isolation: the household is healthy again (its isolation dates stay in git's history)
/// and the call that found it well is logged; `u` undoes both.
fn release(app: &mut App, mut t: Today) -> Next {
    let Some((it, before)) = releasable(app, &t) else {
        return stay(Mode::Today(Box::new(t)));
    };
    if app.refuse_edit() {
        return stay(Mode::Today(Box::new(t)));
    }
    let after = Record {
        status: Status::Healthy,
        since: OptDate::NONE,
        until: OptDate::NONE,
        ..before.clone()
    };
    let Some(building) = app
        .index_of(&it.building)
        .map(|i| app.entries[i].id.clone())
    else {
        return stay(Mode::Today(Box::new(t)));
    };
    let step = Step {
        building,
        changes: vec![(it.unit.clone(), before, after)],
        logged: Vec::new(),
    };
    let note = app.t("isolation ended", "解除隔离");
    let draft = Draft {
        building: (*it.building).into(),
        unit: it.unit.as_str().into(),
        via: Via::Call,
        outcome: Outcome::Well,
        note: Some(note.into()),
    };
    t.acted();
    (
        Mode::Today(Box::new(t)),
        vec![
            Effect::Save(request(step, Purpose::Edit)),
            Effect::LogWithSave(vec![draft]),
        ],
    )
}
