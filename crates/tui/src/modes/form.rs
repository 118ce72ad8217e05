//! The detail form opened with Enter: one row per field the schema puts in the form, checked as you
//! type by the same rules as the file format, with the message beside the field in the interface
//! language. It never closes on an error, so nothing typed is lost. Its save is a compare-and-set
//! of exactly the fields it changed.

use super::{Mode, Next, stay};
use crate::app::{App, Effect, Notice};
use crate::commands::Command;
use crate::edits::field_request;
use crate::keymap::Input;
use jiff::civil::Date;
use loupan_core::fields::{FIELDS, Field, Kind, Value, validate};
use loupan_core::history::Step;
use loupan_core::i18n::Text;
use loupan_core::input::key_char;
use loupan_core::isolation;
use loupan_core::model::Record;
use loupan_core::status::Status;

/// One field as typed, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub field: Field,
    pub text: String,
    pub error: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub unit: String,
    /// The record when the form opened: what "changed" means.
    pub seen: Record,
    pub rows: Vec<Row>,
    pub focus: usize,
    pub today: Date,
    /// Why the last save failed, when it was not a field's fault (a full disk, say).
    pub failed: Option<Text>,
    /// The field was just entered: its value is selected, and typing replaces it (a date typed as
    /// 今天 over 2026-12-05 is 今天, not 2026-12-05今天).
    pub fresh: bool,
    /// Ctrl-C was pressed with changes typed: asking save / discard / keep editing.
    pub quitting: bool,
}

impl Form {
    /// Whether anything differs from what the form opened with, valid or not.
    pub fn typed(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.text != r.field.get(&self.seen).input_text())
    }

    pub fn open(label: &str, r: &Record, today: Date) -> Form {
        let rows = FIELDS
            .iter()
            .filter(|s| s.in_form)
            .map(|s| Row {
                field: s.field,
                text: s.field.get(r).input_text(),
                error: None,
            })
            .collect();
        let mut f = Form {
            unit: label.to_string(),
            seen: r.clone(),
            rows,
            focus: 0,
            today,
            failed: None,
            fresh: true,
            quitting: false,
        };
        // people open the form to type: start on the first text field
        f.focus = f
            .rows
            .iter()
            .position(|r| r.field.spec().kind == Kind::Text)
            .unwrap_or(0);
        f
    }

    fn row(&self, f: Field) -> Option<&Row> {
        self.rows.iter().find(|r| r.field == f)
    }

    fn row_mut(&mut self, f: Field) -> Option<&mut Row> {
        self.rows.iter_mut().find(|r| r.field == f)
    }

    /// The record as typed so far; every row's error set or cleared.
    pub fn check(&mut self) -> Record {
        let mut r = self.seen.clone();
        for row in &mut self.rows {
            // `since` comes before `until`, so `+14` counts from the start as typed
            let parsed = match row.field {
                Field::Until => isolation::parse_until(&row.text, r.since.get(), self.today),
                f => f.parse(&row.text, self.today),
            };
            match parsed {
                Ok(v) => {
                    row.field.set(&mut r, v);
                    row.error = None;
                }
                Err(e) => row.error = Some(e),
            }
        }
        for (f, m) in validate(&r) {
            if let Some(row) = self.row_mut(f)
                && row.error.is_none()
            {
                row.error = Some(m);
            }
        }
        r
    }

    /// The date a relative entry (`+14`, `-3`, 今天) stands for, to show beside it as it is typed.
    pub fn resolved(&self, field: Field) -> Option<Date> {
        let row = self.row(field)?;
        if !isolation::is_relative(&row.text) {
            return None;
        }
        let since = match self.row(Field::Since) {
            Some(s) if field == Field::Until => match Field::Since.parse(&s.text, self.today) {
                Ok(Value::Date(d)) => d,
                _ => None,
            },
            _ => None,
        };
        let v = match field {
            Field::Until => isolation::parse_until(&row.text, since, self.today),
            f => f.parse(&row.text, self.today),
        };
        match v {
            Ok(Value::Date(d)) => d,
            _ => None,
        }
    }

    /// The end an isolation gets when none is typed: 14 days counting the first.
    pub fn default_end(&self) -> Option<Date> {
        let since = self.row(Field::Since)?;
        let until = self.row(Field::Until)?;
        if !until.text.trim().is_empty() {
            return None;
        }
        match Field::Since.parse(&since.text, self.today) {
            Ok(Value::Date(Some(d))) => loupan_core::isolation::default_end(d),
            _ => None,
        }
    }

    fn status(&self) -> Option<Status> {
        self.row(Field::Status).and_then(|r| Status::parse(&r.text))
    }

    fn set_status(&mut self, s: Status) {
        let was = self.status();
        if let Some(row) = self.row_mut(Field::Status) {
            row.text = s.key().to_string();
        }
        // an isolation starts today unless a start is typed
        let today = self.today;
        if loupan_core::isolation::starts(was, s)
            && let Some(since) = self.row_mut(Field::Since)
            && since.text.trim().is_empty()
        {
            since.text = today.to_string();
        }
    }

    fn choose(&mut self, step: i32) {
        let Some(row) = self.rows.get(self.focus) else {
            return;
        };
        match row.field.spec().kind {
            Kind::Status => {
                let now = self.status().unwrap_or_default();
                let i = Status::ALL.iter().position(|s| *s == now).unwrap_or(0) as i32;
                let n = Status::ALL.len() as i32;
                self.set_status(Status::ALL[(i + step).rem_euclid(n) as usize]);
            }
            Kind::Flag => self.toggle(),
            // ←/→ in a text field: keep the value and edit it from its end
            _ => self.fresh = false,
        }
    }

    fn toggle(&mut self) {
        if let Some(row) = self.rows.get_mut(self.focus) {
            let on = matches!(
                row.field.parse(&row.text, self.today),
                Ok(Value::Flag(true))
            );
            row.text = if on { "no" } else { "yes" }.to_string();
        }
    }

    /// A paste into the field in focus: a text, count or date field takes it whole (replacing a
    /// value just entered, as typing does); a field chosen with ←→ refuses it.
    pub fn paste(&mut self, text: &str) -> Result<(), Text> {
        let Some(kind) = self.rows.get(self.focus).map(|r| r.field.spec().kind) else {
            return Ok(());
        };
        if !matches!(kind, Kind::Text | Kind::Count | Kind::Date) {
            return Err(loupan_core::tr!(
                "paste ignored: this field is chosen with ←→, not typed",
                "已忽略粘贴的内容：这一项用 ←→ 选择，不能输入"
            ));
        }
        if std::mem::take(&mut self.fresh) {
            self.rows[self.focus].text.clear();
        }
        self.rows[self.focus].text.push_str(text);
        self.check();
        Ok(())
    }

    fn type_char(&mut self, c: char) {
        let Some(kind) = self.rows.get(self.focus).map(|r| r.field.spec().kind) else {
            return;
        };
        if std::mem::take(&mut self.fresh) && matches!(kind, Kind::Text | Kind::Count | Kind::Date)
        {
            self.rows[self.focus].text.clear();
        }
        match (kind, key_char(c)) {
            (Kind::Status, k) => {
                let pick = match k {
                    '1'..='5' => Status::ALL.get(k as usize - '1' as usize),
                    '0' => Some(&Status::Unknown),
                    _ => None,
                };
                if let Some(s) = pick {
                    self.set_status(*s);
                }
            }
            (Kind::Flag, ' ' | 'y' | 'n' | '1' | '0') => self.toggle(),
            (Kind::Flag, _) => {}
            _ => self.rows[self.focus].text.push(c),
        }
    }
}

pub fn handle(app: &mut App, mut f: Form, input: Input) -> Next {
    if f.quitting {
        return ask_quit(app, f, input);
    }
    match input {
        Input::Char(c) => f.type_char(c),
        Input::Command(c @ (Command::DeleteChar | Command::ClearField)) => {
            // backspace on a selected value, or Ctrl-U: the whole value goes
            let all = std::mem::take(&mut f.fresh) || c == Command::ClearField;
            if let Some(row) = f.rows.get_mut(f.focus)
                && matches!(row.field.spec().kind, Kind::Text | Kind::Count | Kind::Date)
            {
                if all {
                    row.text.clear();
                } else {
                    row.text.pop();
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
        Input::Command(Command::NextChoice) => f.choose(1),
        Input::Command(Command::PrevChoice) => f.choose(-1),
        Input::Command(Command::Back) => return stay(Mode::Normal),
        Input::Command(Command::Confirm) => return save(app, f),
        // nothing typed is thrown away without a yes
        Input::Command(Command::Quit) if !f.typed() => {
            return (Mode::Normal, vec![Effect::Quit]);
        }
        Input::Command(Command::Quit) => f.quitting = true,
        _ => {}
    }
    f.check();
    stay(Mode::Form(Box::new(f)))
}

/// Ctrl-C with changes: `y` saves and quits once the save is on disk (a field in error, or a
/// refused save, keeps the form open to be seen), `n` quits without saving, `Esc` goes back.
fn ask_quit(app: &mut App, mut f: Form, input: Input) -> Next {
    f.quitting = false;
    match input {
        Input::Command(Command::Yes) => {
            let (mode, mut fx) = save(app, f);
            match fx.iter_mut().find_map(|e| match e {
                Effect::Save(req) => Some(req),
                _ => None,
            }) {
                Some(req) => req.then_quit = true,
                None if matches!(mode, Mode::Form(_)) => {
                    app.notice = Some(Notice::Error(loupan_core::tr!(
                        "not saved: correct the field marked x, or C-c then n to discard",
                        "未保存：请改正标 x 的项，或按 C-c 再按 n 放弃"
                    )));
                }
                // nothing had changed after all
                None => fx.push(Effect::Quit),
            }
            (mode, fx)
        }
        Input::Command(Command::Discard) => (Mode::Normal, vec![Effect::Quit]),
        Input::Command(Command::Back) => stay(Mode::Form(Box::new(f))),
        _ => {
            f.quitting = true;
            stay(Mode::Form(Box::new(f)))
        }
    }
}

fn save(app: &mut App, mut f: Form) -> Next {
    let after = f.check();
    if let Some(first) = f.rows.iter().position(|r| r.error.is_some()) {
        f.focus = first;
        return stay(Mode::Form(Box::new(f)));
    }
    let (Some(id), Some(b)) = (app.current_id(), app.building()) else {
        return stay(Mode::Normal);
    };
    if b.find(&f.unit).is_none() {
        return stay(Mode::Normal);
    }
    if after == f.seen {
        app.notice = Some(Notice::Info(loupan_core::tr!("unchanged", "无变化")));
        return stay(Mode::Normal);
    }
    let step = Step {
        building: id.clone(),
        changes: vec![(f.unit.as_str().into(), f.seen.clone(), after)],
        logged: Vec::new(),
    };
    let mut req = field_request(step);
    f.failed = None;
    req.form = Some(Box::new(f));
    (Mode::Normal, vec![Effect::Save(req)])
}
