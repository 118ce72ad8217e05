//! Personal values kept apart from the shared history (docs/spec.md §12). A building's personal values —
//! household names, contacts, notes, companies' responsible persons, whatever the field schemas
//! flag as personal — live in the station's private store, one small file per building; the
//! shared building file keeps everything else. This module says which values those are, splits a
//! building into its two parts and joins them again, and reads and writes the private file. Pure.

pub mod events;
mod file;
pub mod log;
pub mod merge;
pub mod outgoing;
pub mod phone;
pub mod retention;

pub use file::{encode, parse};

use crate::company::{COMPANY_FIELDS, CompanyField, CompanyRecord};
use crate::fields::{FIELDS, Field, Personal, Record, Value};
use crate::model::Building;
use crate::status::Status;
use crate::text::SmallStr;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// One unit's personal values, in field order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitValues {
    pub values: Vec<(Field, SmallStr)>,
    /// The day the unit became vacant while still holding a household's values: the `moved-out`
    /// retention counts from it.
    pub vacant_since: Option<Date>,
    /// Where the household's isolation stands, as this store has seen it: the `isolation`
    /// retention counts from the day it ended.
    pub isolation: Isolation,
}

/// An isolation as the private store records it (file keys `isolating = true`,
/// `isolation-ended = DATE`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Isolation {
    /// Never seen isolating while these values were kept.
    #[default]
    None,
    /// Seen isolating; its end not yet recorded.
    Open,
    /// The day the unit stopped being isolating, however that happened.
    Ended(Date),
}

/// One company's personal values, in field order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyValues {
    pub values: Vec<(CompanyField, SmallStr)>,
}

/// A building's personal values, as its private file holds them (sorted: a stable file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Private {
    pub units: BTreeMap<SmallStr, UnitValues>,
    pub companies: BTreeMap<SmallStr, CompanyValues>,
}

impl Private {
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.companies.is_empty()
    }

    /// How many records (units and companies) hold a personal value.
    pub fn records(&self) -> usize {
        self.units.len() + self.companies.len()
    }
}

/// Whether this field of this record is personal data: a household's name is, a company's not.
pub fn is_personal(personal: Personal, r: &Record) -> bool {
    match personal {
        Personal::No => false,
        Personal::Yes => true,
        Personal::UnlessCompany => !r.status.is_company(),
    }
}

fn text_of(v: Value) -> Option<SmallStr> {
    match v {
        Value::Text(t) => t,
        _ => None,
    }
}

/// The building as the shared file keeps it (no personal value), and its personal values.
/// `before` is the private part as it was, for the dates it keeps; `today` starts a vacancy.
pub fn split(b: &Building, before: &Private, today: Date) -> (Building, Private) {
    let mut shared = b.clone();
    let mut out = Private::default();
    for u in &mut shared.units {
        let was = before.units.get(u.label.as_str());
        if let Some(v) = unit_values(&u.record, was, today) {
            out.units.insert(u.label.as_str().into(), v);
        }
        take_unit(&mut u.record);
    }
    for c in &mut shared.companies {
        if let Some(v) = company_values(&c.record) {
            out.companies.insert(c.id.clone(), v);
        }
        c.record = shared_company(&c.record);
    }
    (shared, out)
}

/// A unit's personal values as the private part keeps them (`None`: it has none). `was` is
/// its entry before, whose first day of vacancy and isolation's end are kept.
pub fn unit_values(r: &Record, was: Option<&UnitValues>, today: Date) -> Option<UnitValues> {
    unit_values_from(r.status, r, was, today)
}

/// As [`unit_values`], for a record that had status `before` until `today`: a unit that stops
/// being isolating records today as its isolation's end.
pub fn unit_values_from(
    before: Status,
    r: &Record,
    was: Option<&UnitValues>,
    today: Date,
) -> Option<UnitValues> {
    let values = take_unit(&mut r.clone());
    if values.is_empty() {
        return None;
    }
    let vacant_since =
        (r.status == Status::Vacant).then(|| was.and_then(|p| p.vacant_since).unwrap_or(today));
    let isolation = match (before, r.status) {
        (_, Status::Isolating) => Isolation::Open,
        (Status::Isolating, _) => Isolation::Ended(today),
        _ => was.map(|p| p.isolation).unwrap_or_default(),
    };
    Some(UnitValues {
        values,
        vacant_since,
        isolation,
    })
}

/// A company's personal values (`None`: it has none).
pub fn company_values(r: &CompanyRecord) -> Option<CompanyValues> {
    let values: Vec<(CompanyField, SmallStr)> = COMPANY_FIELDS
        .iter()
        .filter(|s| s.personal)
        .filter_map(|s| text_of(s.field.get(r)).map(|t| (s.field, t)))
        .collect();
    (!values.is_empty()).then_some(CompanyValues { values })
}

/// The company record as the shared file keeps it.
pub fn shared_company(r: &CompanyRecord) -> CompanyRecord {
    let mut out = r.clone();
    for spec in COMPANY_FIELDS.iter().filter(|s| s.personal) {
        spec.field.set(&mut out, Value::Text(None));
    }
    out
}

/// Records a unit's personal values as saved (its entry replaced or removed).
pub fn set_unit(p: &mut Private, label: &str, r: &Record, today: Date) {
    set_unit_from(p, label, r.status, r, today);
}

/// Records a unit's personal values as saved today over a record of status `before`: an
/// isolation that ends, or a vacancy that starts, is dated today.
pub fn set_unit_from(p: &mut Private, label: &str, before: Status, r: &Record, today: Date) {
    match unit_values_from(before, r, p.units.get(label), today) {
        Some(v) => p.units.insert(label.into(), v),
        None => p.units.remove(label),
    };
}

/// Records a company's personal values as saved.
pub fn set_company(p: &mut Private, id: &str, r: &CompanyRecord) {
    match company_values(r) {
        Some(v) => p.companies.insert(id.into(), v),
        None => p.companies.remove(id),
    };
}

/// Takes the record's personal values out of it.
pub fn take_unit(r: &mut Record) -> Vec<(Field, SmallStr)> {
    let mut values = Vec::new();
    for spec in FIELDS.iter().filter(|s| is_personal(s.personal, r)) {
        if let Some(t) = text_of(spec.field.get(r)) {
            values.push((spec.field, t));
        }
    }
    for (f, _) in &values {
        f.set(r, Value::Text(None));
    }
    values
}

/// The record as the shared file keeps it.
pub fn shared_record(r: &Record) -> Record {
    let mut out = r.clone();
    take_unit(&mut out);
    out
}

/// Puts the personal values back into the building read from its shared file. A value the
/// shared file still holds (a file from before the private store, not yet migrated) stays where
/// the private part has none.
pub fn join(b: &mut Building, p: &Private) {
    if p.is_empty() {
        return;
    }
    for u in &mut b.units {
        if let Some(v) = p.units.get(u.label.as_str()) {
            for (f, t) in &v.values {
                f.set(&mut u.record, Value::Text(Some(t.clone())));
            }
        }
    }
    for c in &mut b.companies {
        if let Some(v) = p.companies.get(&c.id) {
            for (f, t) in &v.values {
                f.set(&mut c.record, Value::Text(Some(t.clone())));
            }
        }
    }
}

/// How many records (units and companies) of the building hold a personal value: what a
/// `--reveal` of the whole building shows.
pub fn personal_records(b: &Building) -> usize {
    let units = b
        .units
        .iter()
        .filter(|u| !take_unit(&mut u.record.clone()).is_empty())
        .count();
    units
        + b.companies
            .iter()
            .filter(|c| company_values(&c.record).is_some())
            .count()
}

/// Whether the shared file of this building still holds a personal value (not yet migrated).
pub fn holds_personal(b: &Building) -> bool {
    let (_, p) = split(b, &Private::default(), jiff::civil::date(2000, 1, 1));
    !p.is_empty()
}

#[cfg(test)]
mod tests;

/// The shared file's text without any personal value, and how many records held one (`None`:
/// the file holds none, or does not read). For `loupan migrate` and for rewriting old history.
pub fn scrub_text(id: &str, text: &str) -> Option<(String, usize)> {
    let b = crate::codec::parse(id, text.as_bytes()).ok()?;
    let units: Vec<(&str, Record)> = b
        .units
        .iter()
        .filter(|u| !take_unit(&mut u.record.clone()).is_empty())
        .map(|u| (u.label.as_str(), shared_record(&u.record)))
        .collect();
    let companies: Vec<crate::company::Company> = b
        .companies
        .iter()
        .filter(|c| company_values(&c.record).is_some())
        .map(|c| crate::company::Company {
            record: shared_company(&c.record),
            ..c.clone()
        })
        .collect();
    if units.is_empty() && companies.is_empty() {
        return None;
    }
    let out = crate::codec::keeping_form(text, |t| {
        let mut doc: toml_edit::DocumentMut = t.parse().ok()?;
        for (label, r) in &units {
            crate::codec::set_unit(&mut doc, label, r);
        }
        for c in &companies {
            crate::codec::set_company(&mut doc, &c.id, Some(c));
        }
        Some(doc.to_string())
    })?;
    Some((out, units.len() + companies.len()))
}

/// A journal day's text without its notes, and the notes taken (entry id, note). Lines that do
/// not read as entries stay as they are.
pub fn scrub_journal(text: &str) -> (String, Vec<(SmallStr, SmallStr)>) {
    let mut out = String::with_capacity(text.len());
    let mut notes = Vec::new();
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        match crate::journal::parse_line(body) {
            Ok(Some(mut e)) if e.note.is_some() => {
                if let Some(n) = e.note.take() {
                    notes.push((e.id.clone(), n));
                }
                out.push_str(&crate::journal::encode(&e));
                out.push_str(&line[body.len()..]);
            }
            _ => out.push_str(line),
        }
    }
    (out, notes)
}

/// The problem with an edit that gives a household's unit a company status and keeps the
/// household's name: a company's name is shared, so the household's would go into the shared
/// file and its history. The company's name must be given with the status (or none). `kept` is
/// the unit's entry in the private store: a name held there is a household's, even when the
/// shared file says company (a status merged in from another laptop).
pub fn carried_name(
    kept: Option<&UnitValues>,
    before: &Record,
    after: &Record,
) -> Option<(Field, crate::i18n::Text)> {
    let private_name = kept.and_then(|v| {
        v.values
            .iter()
            .find(|(f, _)| *f == Field::Name)
            .map(|(_, t)| t)
    });
    let household = !before.status.is_company() && after.name == before.name;
    let carried = after.status.is_company()
        && after.name.is_some()
        && (household || after.name.as_ref() == private_name);
    carried.then(|| {
        (
            Field::Name,
            crate::tr!(
                "its name is a household's, which stays private and never becomes a company's name; give the company's name with the status (`loupan set BUILDING UNIT not-resumed --name 公司名称`, the form on the map, or a name column in the ledger), or an empty name for none",
                "该单元登记的是住户姓名，住户姓名只保存在本站，不能当作企业名称；请在改状态时一并给出企业名称（`loupan set 楼栋 单元 未复工 --name 公司名称`、地图上的表单，或台账的名称列），不登记名称则给空值"
            ),
        )
    })
}
