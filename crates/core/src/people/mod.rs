//! Returnees and staff (docs/spec.md §14): a person of a company or a household, their return to
//! the city, their 14-day observation, and their daily temperatures. Every field of a person is
//! personal (health and whereabouts are sensitive personal information): a person lives in the
//! station's private store only, and what is shared or goes up is counted. Pure: the people file
//! and the day's readings are parsed and written here, the store reads and writes them.

pub mod demo;
pub mod figures;
mod file;
pub mod readings;

pub use file::{encode, parse};

use crate::i18n::Text;
use crate::privacy::{HIDDEN, Reveal, mask_contact, mask_name};
use crate::text::SmallStr;
use crate::tr;
use jiff::ToSpan;
use jiff::civil::Date;

/// Days of observation counted from the day of return, that day included (day 14 of 14).
pub const OBSERVATION_DAYS: i64 = 14;

/// Where a person belongs: a company of the building (by its id), or a household's unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Company(SmallStr),
    Unit(SmallStr),
}

/// One person as the private store keeps them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// `p1`, `p2`, … within the building.
    pub id: SmallStr,
    pub place: Place,
    pub name: SmallStr,
    pub phone: Option<SmallStr>,
    pub from: Option<SmallStr>,
    pub left: Option<bool>,
    pub returned: Option<Date>,
    pub route: Option<SmallStr>,
    pub registered: Option<bool>,
    /// The observation's end when set by hand; else `returned` + 13 days.
    pub until: Option<Date>,
}

impl Person {
    /// The last day of observation (`None`: never returned, never observed).
    pub fn observe_until(&self) -> Option<Date> {
        self.until.or_else(|| {
            self.returned
                .and_then(|r| r.checked_add((OBSERVATION_DAYS - 1).days()).ok())
        })
    }

    /// Whether the person is in observation on `day`.
    pub fn observing(&self, day: Date) -> bool {
        match (self.returned, self.observe_until()) {
            (Some(r), Some(u)) => r <= day && day <= u,
            (None, Some(u)) => day <= u && self.until.is_some(),
            _ => false,
        }
    }

    /// The company's id, when the person is staff of a company.
    pub fn company(&self) -> Option<&str> {
        match &self.place {
            Place::Company(c) => Some(c),
            Place::Unit(_) => None,
        }
    }
}

/// The most characters a person's name may have (a name, not a paragraph pasted by mistake).
pub const NAME_MOST: usize = 64;

/// What no single field shows: an observation that ends before the person came back.
pub fn consistent(p: &Person) -> Result<(), Text> {
    match (p.returned, p.until) {
        (Some(back), Some(end)) if end < back => Err(tr!(
            "observe-until {end} is before the return date {back}",
            "观察结束 {end} 早于回京时间 {back}"
        )),
        _ => Ok(()),
    }
}

/// A new person's id: one past the highest `pN` in use.
pub fn next_id(people: &[Person]) -> SmallStr {
    let n = people
        .iter()
        .filter_map(|p| p.id.strip_prefix('p')?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    SmallStr::from(format!("p{}", n + 1).as_str())
}

/// A person's field as typed (`--from`, a ledger's 籍贯 …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonField {
    Name,
    Phone,
    From,
    Left,
    Returned,
    Route,
    Registered,
    ObserveUntil,
}

impl PersonField {
    pub const ALL: [PersonField; 8] = [
        PersonField::Name,
        PersonField::Phone,
        PersonField::From,
        PersonField::Left,
        PersonField::Returned,
        PersonField::Route,
        PersonField::Registered,
        PersonField::ObserveUntil,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PersonField::Name => "name",
            PersonField::Phone => "phone",
            PersonField::From => "from",
            PersonField::Left => "left",
            PersonField::Returned => "returned",
            PersonField::Route => "route",
            PersonField::Registered => "registered",
            PersonField::ObserveUntil => "observe-until",
        }
    }

    /// The staff ledger's column (人员台账).
    pub fn zh(self) -> &'static str {
        match self {
            PersonField::Name => "姓名",
            PersonField::Phone => "联系电话",
            PersonField::From => "籍贯",
            PersonField::Left => "是否离京",
            PersonField::Returned => "回京时间",
            PersonField::Route => "返京行程",
            PersonField::Registered => "是否社区报到",
            PersonField::ObserveUntil => "观察结束",
        }
    }

    pub fn from_key(k: &str) -> Option<PersonField> {
        let k = k.trim();
        PersonField::ALL
            .into_iter()
            .find(|f| f.key() == k || f.zh() == k)
    }

    /// Sets the field from what a person typed; empty text clears an optional field.
    pub fn apply(self, p: &mut Person, input: &str, today: Date) -> Result<(), Text> {
        let t = input.trim();
        let text = || (!t.is_empty()).then(|| SmallStr::from(t));
        match self {
            PersonField::Name if t.is_empty() => {
                return Err(tr!("a person needs a name", "人员需要姓名"));
            }
            PersonField::Name if t.chars().count() > NAME_MOST => {
                let n = t.chars().count();
                return Err(tr!(
                    "a name is at most 64 characters (this one has {n})",
                    "姓名最多 64 个字符（这个有 {n} 个）"
                ));
            }
            PersonField::Name => p.name = t.into(),
            PersonField::Phone => {
                let h = crate::input::halfwidth(t);
                p.phone = (!h.is_empty()).then(|| SmallStr::from(h.as_ref()));
            }
            PersonField::From => p.from = text(),
            PersonField::Route => p.route = text(),
            PersonField::Left => p.left = yes_no(self, t)?,
            PersonField::Registered => p.registered = yes_no(self, t)?,
            PersonField::Returned => p.returned = date(self, t, today)?,
            PersonField::ObserveUntil => p.until = date(self, t, today)?,
        }
        Ok(())
    }
}

fn yes_no(f: PersonField, t: &str) -> Result<Option<bool>, Text> {
    match t.to_lowercase().as_str() {
        "" => Ok(None),
        "yes" | "y" | "true" | "是" | "1" => Ok(Some(true)),
        "no" | "n" | "false" | "否" | "0" => Ok(Some(false)),
        _ => {
            let (k, z, t) = (f.key(), f.zh(), crate::display::inline(t));
            Err(tr!(
                "--{k} \"{t}\": answer yes or no",
                "{z}“{t}”：请填“是”或“否”（yes / no）"
            ))
        }
    }
}

fn date(f: PersonField, t: &str, today: Date) -> Result<Option<Date>, Text> {
    if t.is_empty() {
        return Ok(None);
    }
    let d = crate::input::parse_date(t, today).map_err(|m| {
        let (k, z) = (f.key(), f.zh());
        Text::new(format!("--{k}: {}", m.en), format!("{z}：{}", m.zh))
    })?;
    if !crate::fields::DATES.contains(&d) {
        let (k, z) = (f.key(), f.zh());
        return Err(tr!(
            "--{k}: {d} is not a plausible date",
            "{z}：{d} 不是合理的日期"
        ));
    }
    Ok(Some(d))
}

/// A person as it may leave the station: name, phone, where from and route masked unless
/// revealed.
pub fn outgoing(p: &Person, reveal: Reveal) -> Person {
    if reveal == Reveal::Shown {
        return p.clone();
    }
    let m =
        |s: &Option<SmallStr>, f: fn(&str) -> String| s.as_deref().map(|t| f(t).as_str().into());
    Person {
        name: mask_name(&p.name).as_str().into(),
        phone: m(&p.phone, mask_contact),
        from: m(&p.from, mask_name),
        route: m(&p.route, |_| HIDDEN.to_string()),
        ..p.clone()
    }
}

/// What a company's line carries from its people (derived, as a unit's colour is from its
/// companies): how many returned, how many observing on `day`, the last day of observation.
pub fn company_counts(
    people: &[Person],
    company: &str,
    day: Date,
) -> Option<(u32, u32, Option<Date>)> {
    let mine: Vec<&Person> = people
        .iter()
        .filter(|p| p.company() == Some(company))
        .collect();
    if mine.is_empty() {
        return None;
    }
    let returned = mine.iter().filter(|p| p.returned.is_some()).count();
    let observing: Vec<&&Person> = mine.iter().filter(|p| p.observing(day)).collect();
    let until = observing.iter().filter_map(|p| p.observe_until()).max();
    Some((count(returned), count(observing.len()), until))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The company record with its `returned`, `observing` and `observe-until` taken from its
/// people, when it has any.
pub fn derive(r: &mut crate::company::CompanyRecord, people: &[Person], company: &str, day: Date) {
    if let Some((returned, observing, until)) = company_counts(people, company, day) {
        r.returned = Some(returned);
        r.observing = Some(observing);
        r.observe_until = until.into();
    }
}

/// Which people are past retention on `today`: `days` after their observation ended (0: the
/// day after). People never in observation are kept.
pub fn expired(people: &[Person], days: u16, today: Date) -> Vec<SmallStr> {
    people
        .iter()
        .filter(|p| {
            p.observe_until()
                .and_then(|u| u.checked_add(i64::from(days).days()).ok())
                .is_some_and(|end| end < today)
        })
        .map(|p| p.id.clone())
        .collect()
}

#[cfg(test)]
mod tests;
