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
    /// The item just acted on: when the list is made again, the cursor goes past it.
    after: Option<(String, String)>,
}

impl Today {
    pub fn open(app: &App) -> Today {
        let mut t = Today::default();
        t.rebuild(app);
        t
    }

    /// The list again, from what the app holds now; the cursor stays on its item, or moves past
    /// the one just acted on.
    pub fn rebuild(&mut self, app: &App) {
        let keep = self.item().map(|i| (i.building.clone(), i.unit.clone()));
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
        let key_at = |i: usize| {
            self.rows.get(i).map(|(s, n)| {
                let it = &s.items(&self.list)[*n];
                (it.building.clone(), it.unit.clone())
            })
        };
        self.cursor = match self.after.take() {
            // the item is still where it was: the next one; it left the list: whatever took its place
            Some(done) if key_at(at).as_ref() == Some(&done) => at + 1,
            Some(_) => at,
            None => keep
                .and_then(|k| (0..self.rows.len()).find(|i| key_at(*i) == Some(k.clone())))
                .unwrap_or(at),
        };
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
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
    t.after = Some((it.building.clone(), it.unit.clone()));
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
    t.after = Some((it.building.clone(), it.unit.clone()));
    (
        Mode::Today(Box::new(t)),
        vec![
            Effect::Save(request(step, Purpose::Edit)),
            Effect::Log(vec![draft]),
        ],
    )
}
