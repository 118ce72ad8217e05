//! Filing an update for a company (`b`, 备案): the company under the cursor — ←/→ on the first
//! row chooses among a shared office's companies — its fields checked as they are typed by the
//! same rules as `loupan company set`, saved with the day of filing. The form's keys.

use super::{Mode, Next, stay};
use crate::app::{App, Effect, Notice};
use crate::commands::Command;
use crate::keymap::Input;
use loupan_core::company::doubles::same_name;
use loupan_core::company::{self, COMPANY_FIELDS, Company, CompanyField};
use loupan_core::display::inline;
use loupan_core::i18n::Text;
use loupan_core::ids::BuildingId;
use loupan_core::model::Building;
use loupan_store::WriteError;

#[derive(Clone, Debug, PartialEq)]
pub struct Filing {
    pub building: BuildingId,
    /// The unit's companies, as read; `pick` is the one being filed.
    pub candidates: Vec<Company>,
    pub pick: usize,
    /// (field, text as typed, what is wrong with it), in schema order; the filing date is not
    /// typed, it is the day.
    pub rows: Vec<(CompanyField, String, Option<Text>)>,
    pub focus: usize,
    /// The focused value is selected: typing replaces it.
    pub fresh: bool,
    pub today: jiff::civil::Date,
    /// Why the last save failed, when it did.
    pub failed: Option<Text>,
    /// Ctrl-C was pressed with changes typed: asking save / discard / keep editing.
    pub quitting: bool,
    /// Quit once this filing is on disk (`y` to that question).
    pub then_quit: bool,
    /// The name typed is another company's in its unit, and that was asked: Enter again files.
    pub asked_name: Option<String>,
}

impl Filing {
    /// For the unit under the cursor; `None` when no company occupies it.
    pub fn open(app: &App) -> Option<Filing> {
        let (b, id) = (app.building()?, app.current_id()?);
        let label = &b.units.get(app.cursor())?.label;
        let candidates: Vec<Company> = company::all(b)
            .into_iter()
            .filter(|c| c.in_unit(label))
            .collect();
        let first = candidates.first()?.clone();
        let mut f = Filing {
            building: id.clone(),
            candidates,
            pick: 0,
            rows: Vec::new(),
            focus: 0,
            fresh: true,
            today: app.today,
            failed: None,
            quitting: false,
            then_quit: false,
            asked_name: None,
        };
        f.load(&first);
        Some(f)
    }

    fn load(&mut self, c: &Company) {
        self.rows = COMPANY_FIELDS
            .iter()
            .filter(|s| s.field != CompanyField::Filed)
            .map(|s| (s.field, s.field.get(&c.record).input_text(), None))
            .collect();
        self.fresh = true;
    }

    pub fn company(&self) -> &Company {
        &self.candidates[self.pick.min(self.candidates.len() - 1)]
    }

    /// The company as typed so far; every row's error set or cleared.
    pub fn check(&mut self) -> Company {
        let mut c = self.company().clone();
        for (f, text, err) in &mut self.rows {
            match f.parse(text, self.today) {
                Ok(v) => {
                    f.set(&mut c.record, v);
                    *err = None;
                }
                Err(e) => *err = Some(e),
            }
        }
        for (f, m) in company::check(&c.record) {
            if let Some(row) = self.rows.iter_mut().find(|r| r.0 == f)
                && row.2.is_none()
            {
                row.2 = Some(m);
            }
        }
        c
    }

    fn typed(&self) -> bool {
        let c = self.company();
        self.rows
            .iter()
            .any(|(f, t, _)| *t != f.get(&c.record).input_text())
    }
}

impl Filing {
    /// A paste into the row in focus, whole (replacing a value just entered, as typing does).
    pub fn paste(&mut self, text: &str) {
        let fresh = std::mem::take(&mut self.fresh);
        if let Some(t) = focus_text(self) {
            if fresh {
                t.clear();
            }
            t.push_str(text);
        }
        self.check();
    }
}

/// The text of the row in focus.
fn focus_text(f: &mut Filing) -> Option<&mut String> {
    let i = f.focus;
    f.rows.get_mut(i).map(|r| &mut r.1)
}

pub fn handle(app: &mut App, mut f: Filing, input: Input) -> Next {
    if f.quitting {
        return ask_quit(app, f, input);
    }
    match input {
        Input::Char(c) => {
            let fresh = std::mem::take(&mut f.fresh);
            if let Some(t) = focus_text(&mut f) {
                if fresh {
                    t.clear();
                }
                t.push(c);
            }
        }
        Input::Command(c @ (Command::DeleteChar | Command::ClearField)) => {
            let all = std::mem::take(&mut f.fresh) || c == Command::ClearField;
            if let Some(t) = focus_text(&mut f) {
                if all {
                    t.clear();
                } else {
                    t.pop();
                }
            }
        }
        Input::Command(Command::NextField) => {
            f.focus = (f.focus + 1) % f.rows.len();
            f.fresh = true;
        }
        Input::Command(Command::PrevField) => {
            f.focus = (f.focus + f.rows.len() - 1) % f.rows.len();
            f.fresh = true;
        }
        // ←/→ on the status: resumed or not
        Input::Command(Command::NextChoice | Command::PrevChoice)
            if f.rows
                .get(f.focus)
                .is_some_and(|r| r.0 == CompanyField::Status) =>
        {
            let i = f.focus;
            let now = loupan_core::status::Status::parse(&f.rows[i].1);
            let next = match now {
                Some(loupan_core::status::Status::Resumed) => "not-resumed",
                _ => "resumed",
            };
            f.rows[i].1 = next.to_string();
        }
        // ←/→ elsewhere: another company of a shared office, while nothing is typed; else edit
        // the value in place
        Input::Command(Command::NextChoice | Command::PrevChoice)
            if f.candidates.len() > 1 && !f.typed() =>
        {
            let n = f.candidates.len();
            let step = if input == Input::Command(Command::NextChoice) {
                1
            } else {
                n - 1
            };
            f.pick = (f.pick + step) % n;
            let c = f.company().clone();
            f.load(&c);
        }
        Input::Command(Command::NextChoice | Command::PrevChoice) => f.fresh = false,
        Input::Command(Command::Back) => return stay(Mode::Normal),
        Input::Command(Command::Quit) if !f.typed() => return (Mode::Normal, vec![Effect::Quit]),
        // what is typed is not thrown away by a quit: asked, as the unit form asks
        Input::Command(Command::Quit) => f.quitting = true,
        Input::Command(Command::Confirm) => return save(app, f),
        _ => {}
    }
    f.check();
    stay(Mode::Filing(Box::new(f)))
}

/// Ctrl-C with changes: `y` files them and quits once on disk (a field in error, or a refused
/// filing, keeps the form to be seen), `n` quits without filing, `Esc` goes back to typing.
fn ask_quit(app: &mut App, mut f: Filing, input: Input) -> Next {
    f.quitting = false;
    match input {
        Input::Command(Command::Yes) => {
            f.then_quit = true;
            let (mode, mut fx) = save(app, f);
            if let Mode::Filing(mut f) = mode {
                f.then_quit = false;
                app.notice = Some(Notice::Error(loupan_core::tr!(
                    "not filed: correct the field marked x, or C-c then n to discard",
                    "未备案：请改正标 x 的项，或按 C-c 再按 n 放弃"
                )));
                return stay(Mode::Filing(f));
            }
            // nothing had changed after all: no filing to wait for
            if fx.is_empty() {
                fx.push(Effect::Quit);
            }
            (mode, fx)
        }
        Input::Command(Command::Discard) => (Mode::Normal, vec![Effect::Quit]),
        Input::Command(Command::Back) => stay(Mode::Filing(Box::new(f))),
        // any other key: the question stands, as the unit form's does
        _ => {
            f.quitting = true;
            stay(Mode::Filing(Box::new(f)))
        }
    }
}

/// A company filed twice: its new name another company's in its unit (asked once: Enter again
/// files it). Whether it is (the form then says so). A credit code another company has is refused
/// by the write path, over every building of the station (the street), and shown on its row.
fn doubled(app: &mut App, f: &mut Filing, c: &Company) -> bool {
    let seen = f.company();
    let name = c.record.name.as_deref().unwrap_or_default();
    let renamed = c.record.name != seen.record.name;
    let others = app
        .index_of(&f.building)
        .and_then(|i| app.entries[i].building())
        .map(company::all)
        .unwrap_or_default();
    let same = same_name(name, &c.units, &others, Some(&*seen.id));
    match same.first() {
        Some(other) if renamed && f.asked_name.as_deref() != Some(name) => {
            let (n, id) = (inline(name).into_owned(), inline(&other.id).into_owned());
            let why = loupan_core::tr!(
                "{n} is already the name of {id} in this unit: Enter again to file it anyway, or change the name",
                "本单元已有同名企业 {n}（{id}）：确是另一家请再按 Enter 备案，否则请改名称"
            );
            f.asked_name = Some(name.to_string());
            f.failed = Some(why.clone());
            app.notice = Some(Notice::Info(why));
            true
        }
        _ => false,
    }
}

fn save(app: &mut App, mut f: Filing) -> Next {
    let mut c = f.check();
    if let Some(i) = f.rows.iter().position(|r| r.2.is_some()) {
        f.focus = i;
        return stay(Mode::Filing(Box::new(f)));
    }
    c.record.filed = Some(f.today).into();
    if doubled(app, &mut f, &c) {
        return stay(Mode::Filing(Box::new(f)));
    }
    let seen = f.company().clone();
    if c == seen {
        app.notice = Some(Notice::Info(loupan_core::tr!("unchanged", "无变化")));
        return stay(Mode::Normal);
    }
    f.failed = None;
    (
        Mode::Normal,
        vec![Effect::SaveCompany {
            company: Box::new(c),
            form: Box::new(f),
        }],
    )
}

impl App {
    /// A filing saved: said so, and the building as written is the map's (the file's new stamp
    /// is known, so the filing is never taken for someone else's change); refused: the form
    /// comes back with everything typed and why, beside the field refused.
    pub(crate) fn on_filed(
        &mut self,
        result: Result<(String, Building), WriteError>,
        mut form: Box<Filing>,
    ) -> Vec<Effect> {
        match result {
            Ok((name, b)) => {
                let n = loupan_core::display::inline(&name).into_owned();
                self.notice = Some(Notice::Info(loupan_core::tr!("filed: {n}", "已备案：{n}")));
                if let Some(i) = self.index_of(&form.building) {
                    self.entries[i].fill(Ok(b));
                }
                // on disk now: the quit asked for with `y` may go ahead
                match form.then_quit {
                    true => vec![Effect::Quit],
                    false => Vec::new(),
                }
            }
            Err(e) => {
                let why = e.text();
                self.notice = Some(Notice::Error(why.clone()));
                if let WriteError::Company(field, _) = e
                    && let Some(i) = form.rows.iter().position(|r| r.0 == field)
                {
                    form.rows[i].2 = Some(why.clone());
                    form.focus = i;
                }
                form.failed = Some(why);
                form.then_quit = false;
                self.mode = Mode::Filing(form);
                Vec::new()
            }
        }
    }
}
