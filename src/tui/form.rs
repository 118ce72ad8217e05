//! The detail editing form opened with Enter: one text field per unit field, validated on save.

use super::i18n::Msg;
use crate::core::model::Record;
use jiff::civil::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    People,
    Contact,
    Note,
    Since,
    Until,
    Checked,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Name,
        Field::People,
        Field::Contact,
        Field::Note,
        Field::Since,
        Field::Until,
        Field::Checked,
    ];

    pub fn label(self) -> Msg {
        match self {
            Field::Name => Msg::Name,
            Field::People => Msg::People,
            Field::Contact => Msg::Contact,
            Field::Note => Msg::Note,
            Field::Since => Msg::Since,
            Field::Until => Msg::Until,
            Field::Checked => Msg::Checked,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub unit: String,
    /// The record as it was when the form opened: the save is a compare-and-set from it, so a
    /// change made elsewhere meanwhile is not overwritten by the form's other fields.
    pub seen: Record,
    pub values: Vec<String>,
    pub errors: Vec<Option<Msg>>,
    pub focus: usize,
}

fn date_text(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl Form {
    pub fn open(label: &str, r: &Record) -> Form {
        let values = vec![
            r.name.as_deref().unwrap_or("").to_string(),
            r.people.map(|p| p.to_string()).unwrap_or_default(),
            r.contact.as_deref().unwrap_or("").to_string(),
            r.note.as_deref().unwrap_or("").to_string(),
            date_text(r.since),
            date_text(r.until),
            date_text(r.checked),
        ];
        Form {
            unit: label.to_string(),
            seen: r.clone(),
            errors: vec![None; values.len()],
            values,
            focus: 0,
        }
    }

    pub fn focus_next(&mut self) {
        self.focus = (self.focus + 1) % self.values.len();
    }

    pub fn focus_prev(&mut self) {
        self.focus = (self.focus + self.values.len() - 1) % self.values.len();
    }

    pub fn input(&mut self, c: char) {
        self.values[self.focus].push(c);
        self.errors[self.focus] = None;
    }

    pub fn backspace(&mut self) {
        self.values[self.focus].pop();
        self.errors[self.focus] = None;
    }

    /// The record with the form's values, or `None` with the errors marked on their fields.
    pub fn apply(&mut self, before: &Record) -> Option<Record> {
        let mut r = before.clone();
        let text = |s: &str| {
            let t = s.trim();
            (!t.is_empty()).then(|| crate::core::text::SmallStr::from(t))
        };
        let date = |s: &str| -> Result<Option<Date>, ()> {
            let t = s.trim();
            if t.is_empty() {
                Ok(None)
            } else {
                t.parse::<Date>().map(Some).map_err(|_| ())
            }
        };
        for (i, f) in Field::ALL.iter().enumerate() {
            let v = &self.values[i];
            self.errors[i] = None;
            match f {
                Field::Name => r.name = text(v),
                Field::Contact => r.contact = text(v),
                Field::Note => r.note = text(v),
                Field::People => match v.trim() {
                    "" => r.people = None,
                    t => match t.parse::<u32>() {
                        Ok(n) => r.people = Some(n),
                        _ => self.errors[i] = Some(Msg::InvalidPeople),
                    },
                },
                Field::Since | Field::Until | Field::Checked => match date(v) {
                    Ok(d) => match f {
                        Field::Since => r.since = d,
                        Field::Until => r.until = d,
                        _ => r.checked = d,
                    },
                    Err(()) => self.errors[i] = Some(Msg::InvalidDate),
                },
            }
        }
        if let Some(first) = self.errors.iter().position(Option::is_some) {
            self.focus = first;
            return None;
        }
        Some(r)
    }
}
