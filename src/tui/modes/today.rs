//! Today (`t`): the day's worklist as a walk. Calls due (with progress), isolations ending and
//! overdue, units to door-knock, companies not resumed. `Enter` jumps to the unit on the map; an
//! outcome key logs a follow-up and `e` ends an isolation (healthy again, logged); after either
//! the cursor is on the next item, so a morning's calls are a walk down the list.

use super::{Mode, Next, stay};
use crate::core::fields::Record;
use crate::core::history::{Purpose, Step};
use crate::core::journal::{Draft, Outcome, Via};
use crate::core::status::Status;
use crate::core::today::{Item, Worklist, worklist};
use crate::tui::app::{App, Effect};
use crate::tui::commands::Command;
use crate::tui::edits::request;
use crate::tui::keymap::Input;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Calls,
    Ending,
    Overdue,
    Knock,
    NotResumed,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Calls,
        Section::Ending,
        Section::Overdue,
        Section::Knock,
        Section::NotResumed,
    ];

    pub fn items(self, w: &Worklist) -> &[Item] {
        match self {
            Section::Calls => &w.calls_due,
            Section::Ending => &w.ending,
            Section::Overdue => &w.overdue,
            Section::Knock => &w.to_knock,
            Section::NotResumed => &w.not_resumed,
        }
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
    /// (section, item) of every row with an item, in order.
    pub rows: Vec<(Section, usize)>,
    pub cursor: usize,
    /// The rows after the item just acted on: when the list is made again, the cursor goes to
    /// the first of them still there, so a morning's calls are a walk down the list.
    after: Option<Vec<RowKey>>,
}

/// A row by what it shows, so it is found again in a list made afresh.
type RowKey = (Section, String, String);

impl Today {
    pub fn open(app: &App) -> Today {
        let mut t = Today::default();
        t.rebuild(app);
        t
    }

    fn key(&self, row: usize) -> Option<RowKey> {
        let (s, n) = self.rows.get(row)?;
        let it = s.items(&self.list).get(*n)?;
        Some((*s, it.building.clone(), it.unit.clone()))
    }

    /// Remembers where the walk goes next, before an action changes the list.
    fn acted(&mut self) {
        self.after = Some(
            (self.cursor + 1..self.rows.len())
                .filter_map(|r| self.key(r))
                .collect(),
        );
    }

    /// The list again, from what the app holds now; the cursor stays on its row, or goes on past
    /// the one just acted on.
    pub fn rebuild(&mut self, app: &App) {
        let keep = self.key(self.cursor);
        let at = self.cursor;
        self.list = worklist(
            app.entries.iter().filter_map(|e| e.building()),
            &app.journal,
            app.today,
        );
        self.rows = Section::ALL
            .iter()
            .flat_map(|s| (0..s.items(&self.list).len()).map(move |i| (*s, i)))
            .collect();
        let after = self.after.take();
        let find = |k: &RowKey| (0..self.rows.len()).find(|r| self.key(*r).as_ref() == Some(k));
        let found = match after {
            // nothing after it: the end of the list
            Some(next) => next.iter().find_map(find).or(Some(usize::MAX)),
            None => keep.as_ref().and_then(find),
        };
        self.cursor = found.unwrap_or(at).min(self.rows.len().saturating_sub(1));
    }

    pub fn item(&self) -> Option<&Item> {
        let (s, i) = self.rows.get(self.cursor)?;
        s.items(&self.list).get(*i)
    }

    fn section(&self) -> Option<Section> {
        self.rows.get(self.cursor).map(|(s, _)| *s)
    }
}

pub fn handle(app: &mut App, mut t: Today, input: Input) -> Next {
    let n = t.rows.len();
    let Input::Command(cmd) = input else {
        return stay(Mode::Today(Box::new(t)));
    };
    match cmd {
        Command::Down => t.cursor = (t.cursor + 1).min(n.saturating_sub(1)),
        Command::Up => t.cursor = t.cursor.saturating_sub(1),
        Command::PageDown => t.cursor = (t.cursor + 10).min(n.saturating_sub(1)),
        Command::PageUp => t.cursor = t.cursor.saturating_sub(10),
        Command::NextField => {
            let here = t.section();
            t.cursor = (t.cursor..n)
                .find(|i| Some(t.rows[*i].0) != here)
                .unwrap_or(0);
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
        Command::Log(o) => return log(app, t, o),
        Command::Release => return release(app, t),
        Command::Back | Command::Today => return stay(Mode::Normal),
        Command::Help => return stay(Mode::Help(0)),
        Command::Quit => return (Mode::Normal, vec![Effect::Quit]),
        _ => {}
    }
    stay(Mode::Today(Box::new(t)))
}

fn log(app: &mut App, mut t: Today, outcome: Outcome) -> Next {
    if app.refuse_edit() {
        return stay(Mode::Today(Box::new(t)));
    }
    let (Some(it), Some(s)) = (t.item(), t.section()) else {
        return stay(Mode::Today(Box::new(t)));
    };
    let draft = Draft {
        building: it.building.as_str().into(),
        unit: it.unit.as_str().into(),
        via: s.via(),
        outcome,
        note: None,
    };
    t.acted();
    (Mode::Today(Box::new(t)), vec![Effect::Log(vec![draft])])
}

/// Ends an isolation: the household is healthy again (its isolation dates stay in git's history)
/// and the call that found it well is logged.
fn release(app: &mut App, mut t: Today) -> Next {
    let Some(it) = t
        .item()
        .filter(|it| it.record.status == Status::Isolating)
        .cloned()
    else {
        return stay(Mode::Today(Box::new(t)));
    };
    if app.refuse_edit() {
        return stay(Mode::Today(Box::new(t)));
    }
    let after = Record {
        status: Status::Healthy,
        since: None,
        until: None,
        ..it.record.clone()
    };
    let step = Step {
        building: it.building.clone(),
        changes: vec![(it.unit.as_str().into(), it.record.clone(), after)],
    };
    let note = app.t("isolation ended", "解除隔离");
    let draft = Draft {
        building: it.building.as_str().into(),
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
            Effect::Log(vec![draft]),
        ],
    )
}
