//! Today's work (docs/spec.md §6): isolating households to call, isolations ending today or overdue,
//! unknown units to door-knock, companies not yet back at work. From the buildings and the
//! journal; today is passed in. Pure.

use super::fields::Record;
use super::i18n::Text;
use super::isolation;
use super::journal::{Index, UnitLog};
use super::model::Building;
use super::status::Status;
use super::text::SmallStr;
use crate::tr;
use jiff::civil::{Date, DateTime};
use serde::Serialize;
use std::sync::Arc;

/// The last time someone there was reached: a reached follow-up in the journal, or a check
/// recorded on the unit (a ledger, a visit before the journal), whichever is later.
pub fn last_contact(r: &Record, log: Option<&UnitLog>) -> Option<Date> {
    let journal = log.and_then(UnitLog::last_reached).map(|at| at.date());
    journal.max(r.checked.get())
}

/// One unit on the list: where it is, and what put it there. The list holds places, not copies:
/// a city's list has 300,000 items, and the rows on screen are a few dozen. `Facts::of` tells the
/// rest of a unit when it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Shared by the building's items.
    pub building: Arc<str>,
    pub unit: SmallStr,
    /// The unit's place in its building: to jump to it on the map and to read its record.
    pub index: usize,
    pub status: Status,
    pub isolation_end: Option<Date>,
}

/// What the list says about a unit beyond its place.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isolation_day: Option<i32>,
    /// The isolation's length in days (the map shows "day N of M"; JSON has the end instead).
    #[serde(skip)]
    pub isolation_days: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isolation_end: Option<Date>,
    /// Days since the isolation's end, when it is past.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_past_end: Option<i32>,
    /// Door-knocks so far, and the last.
    pub attempts: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempt: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_contact: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_since_contact: Option<i32>,
}

/// One unit of the list as `today --json` gives it: where it is, its record (masked or not, as
/// the caller chose), and what the list says of it.
#[derive(Serialize)]
pub struct ItemView<'a> {
    pub building: &'a str,
    pub building_name: &'a str,
    pub unit: &'a str,
    #[serde(flatten)]
    pub record: &'a Record,
    #[serde(flatten)]
    pub facts: &'a Facts,
}

/// `today --json` (docs/spec.md §6).
#[derive(Serialize)]
pub struct TodayView<'a, C: Serialize> {
    pub date: Date,
    /// Buildings that could not be read: their units are on no list (docs/spec.md §7).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub unread: &'a [super::report::Unread],
    pub calls: CallsView<'a>,
    pub isolation_ending: Vec<ItemView<'a>>,
    pub isolation_overdue: Vec<ItemView<'a>>,
    pub to_knock: Vec<ItemView<'a>>,
    pub not_resumed: Vec<ItemView<'a>>,
    /// Companies (docs/spec.md §11), each as `company list --json` gives it.
    pub observation_ending: Vec<C>,
    pub not_filed: Vec<C>,
    pub over_cap: Vec<C>,
    /// People in observation without today's reading, and today's fevers (docs/spec.md §14).
    pub readings_missing: Vec<C>,
    pub fever: Vec<C>,
}

#[derive(Serialize)]
pub struct CallsView<'a> {
    pub due: Vec<ItemView<'a>>,
    pub reached: usize,
    pub total: usize,
}

impl Facts {
    pub fn of(r: &Record, log: Option<&UnitLog>, today: Date) -> Facts {
        let (attempts, last_attempt) = log.map_or((0, None), UnitLog::visits);
        let last_contact = last_contact(r, log);
        let end = isolation::end(r);
        Facts {
            isolation_day: isolation::day(r, today),
            isolation_days: isolation::length(r),
            isolation_end: end,
            days_past_end: end.filter(|e| *e < today).map(|e| (today - e).get_days()),
            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            last_attempt,
            last_contact,
            days_since_contact: last_contact.map(|d| (today - d).get_days()),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Worklist {
    /// Isolating households not yet reached today.
    pub calls_due: Vec<Item>,
    /// Isolating households reached today, and all of them.
    pub reached: usize,
    pub isolating: usize,
    pub ending: Vec<Item>,
    pub overdue: Vec<Item>,
    pub to_knock: Vec<Item>,
    pub not_resumed: Vec<Item>,
    /// Companies: observation ending, not filed for a week, over their on-site cap.
    pub companies: crate::company::Work,
    /// The same, as places on the map (each company's first unit), for the map's Today.
    pub observation_ending: Vec<Item>,
    pub not_filed: Vec<Item>,
    pub over_cap: Vec<Item>,
}

impl Worklist {
    /// Every item of every section (a unit may be in two: due a call and ending today).
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.calls_due
            .iter()
            .chain(&self.ending)
            .chain(&self.overdue)
            .chain(&self.to_knock)
            .chain(&self.not_resumed)
    }

    /// Adds another part of the list (another building's), keeping order.
    pub fn merge(&mut self, o: Worklist) {
        self.calls_due.extend(o.calls_due);
        self.reached += o.reached;
        self.isolating += o.isolating;
        self.ending.extend(o.ending);
        self.overdue.extend(o.overdue);
        self.to_knock.extend(o.to_knock);
        self.not_resumed.extend(o.not_resumed);
        self.companies.merge(o.companies);
        self.observation_ending.extend(o.observation_ending);
        self.not_filed.extend(o.not_filed);
        self.over_cap.extend(o.over_cap);
    }
}

/// The day's list over every building, in building and layout order.
pub fn worklist<'a>(
    buildings: impl IntoIterator<Item = &'a Building>,
    journal: &Index,
    today: Date,
) -> Worklist {
    let mut w = Worklist::default();
    for b in buildings {
        let mut work = crate::company::Work::default();
        work.add(b, today);
        let place = |l: &crate::company::Listed| -> Option<Item> {
            let label = l.company.units.first()?;
            let i = b.find(label)?;
            Some(Item {
                building: Arc::from(b.id.as_str()),
                unit: label.clone(),
                index: i,
                status: b.units[i].record.status,
                isolation_end: None,
            })
        };
        w.observation_ending
            .extend(work.observation_ending.iter().filter_map(place));
        w.not_filed.extend(work.not_filed.iter().filter_map(place));
        w.over_cap.extend(work.over_cap.iter().filter_map(place));
        w.companies.merge(work);
        let logs = journal.building(&b.id);
        let mut id: Option<Arc<str>> = None;
        for (i, u) in b.units.iter().enumerate() {
            let r = &u.record;
            if !matches!(
                r.status,
                Status::Isolating | Status::Unknown | Status::NotResumed
            ) {
                continue;
            }
            let log = logs.and_then(|l| l.get(&*u.label));
            let it = Item {
                building: id.get_or_insert_with(|| Arc::from(b.id.as_str())).clone(),
                unit: u.label.clone(),
                index: i,
                status: r.status,
                isolation_end: isolation::end(r),
            };
            match r.status {
                Status::Isolating => {
                    w.isolating += 1;
                    if log.is_some_and(|l| l.reached_on(today)) {
                        w.reached += 1;
                    } else {
                        w.calls_due.push(it.clone());
                    }
                    match it.isolation_end {
                        Some(end) if end == today => w.ending.push(it),
                        Some(end) if end < today => w.overdue.push(it),
                        _ => {}
                    }
                }
                Status::Unknown => w.to_knock.push(it),
                _ => w.not_resumed.push(it),
            }
        }
    }
    w
}

/// A day of the worklist's own weeks, without its year: `12-01`.
fn short(d: Date) -> String {
    format!("{:02}-{:02}", d.month(), d.day())
}

/// What the list says about a unit: the isolation's day and end (how far past its end first,
/// the most urgent thing in the row), the door-knocks, or the days since the last contact. Short
/// by design — a worklist row must fit 80 columns beside a name and a number.
pub fn describe(status: Status, it: &Facts, lang: super::i18n::Lang) -> String {
    use super::i18n::Lang::{En, Zh};
    match status {
        Status::Isolating => {
            let of = it.isolation_days.filter(|n| it.isolation_day <= Some(*n));
            let day = it.isolation_day.map(|d| match (lang, of) {
                (En, Some(n)) => format!("day {d}/{n}"),
                (En, None) => format!("day {d}"),
                (Zh, Some(n)) => format!("隔离第 {d}/{n} 天"),
                (Zh, None) => format!("隔离第 {d} 天"),
            });
            let end = it.isolation_end.map(|e| match (lang, it.days_past_end) {
                (En, Some(1)) => format!("1 day overdue (ended {})", short(e)),
                (En, Some(k)) => format!("{k} days overdue (ended {})", short(e)),
                (Zh, Some(k)) => format!("超期 {k} 天（{} 结束）", short(e)),
                (En, None) => format!("ends {}", short(e)),
                (Zh, None) => format!("{} 结束", short(e)),
            });
            let parts = match it.days_past_end {
                Some(_) => [end, day],
                None => [day, end],
            };
            parts.into_iter().flatten().collect::<Vec<_>>().join(" · ")
        }
        Status::Unknown => match (it.attempts, it.last_attempt, lang) {
            (0, _, En) => "not knocked yet".into(),
            (0, _, Zh) => "尚未上门".into(),
            (n, Some(at), En) => format!(
                "knocked {n}×, last {} {:02}:{:02}",
                short(at.date()),
                at.hour(),
                at.minute()
            ),
            (n, Some(at), Zh) => format!(
                "已上门 {n} 次，最近 {} {:02}:{:02}",
                short(at.date()),
                at.hour(),
                at.minute()
            ),
            (n, None, En) => format!("knocked {n}×"),
            (n, None, Zh) => format!("已上门 {n} 次"),
        },
        _ => match (it.days_since_contact, lang) {
            (None, En) => "never contacted".into(),
            (None, Zh) => "从未联系".into(),
            (Some(0), En) => "contacted today".into(),
            (Some(0), Zh) => "今天已联系".into(),
            (Some(d), En) => format!("last contact {d} days ago"),
            (Some(d), Zh) => format!("距上次联系 {d} 天"),
        },
    }
}

/// Isolations past their end that are still isolating: `check` warnings, by unit index.
pub fn overdue(b: &Building, today: Date) -> Vec<(usize, Text)> {
    let mut out = Vec::new();
    for (i, u) in b.units.iter().enumerate() {
        let Some(end) = isolation::end(&u.record)
            .filter(|e| *e < today && u.record.status == Status::Isolating)
        else {
            continue;
        };
        let (label, id) = (crate::display::inline(&u.label), &b.id);
        let ago = match (today - end).get_days() {
            1 => "1 day".to_string(),
            n => format!("{n} days"),
        };
        let zh_ago = (today - end).get_days();
        out.push((
            i,
            tr!(
                "unit {label}: the isolation ended {end} ({ago} ago) but the unit is still isolating; release it (`loupan set {id} {label} healthy`) or set a later `until`",
                "单元 {label}：隔离已于 {end} 结束（{zh_ago} 天前），但仍为居家隔离；请解除（`loupan set {id} {label} 健康住户`）或把 `until` 改晚"
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec;
    use crate::i18n::Lang;
    use crate::journal::{Entry, Outcome, Via};

    fn today() -> Date {
        jiff::civil::date(2026, 11, 29)
    }

    fn building() -> Building {
        let mut b = codec::parse("t", codec::new_building_text("t", 2, 3).as_bytes()).unwrap();
        let d = |back: i64| today().checked_sub(jiff::Span::new().days(back)).unwrap();
        let set = |b: &mut Building, l: &str, r: Record| {
            let i = b.find(l).unwrap();
            b.units[i].record = r;
        };
        set(
            &mut b,
            "201",
            Record {
                since: Some(d(3)).into(),
                ..Record::with_status(Status::Isolating)
            },
        );
        set(
            &mut b,
            "202",
            Record {
                since: Some(d(13)).into(),
                ..Record::with_status(Status::Isolating)
            },
        );
        set(
            &mut b,
            "203",
            Record {
                since: Some(d(20)).into(),
                until: Some(d(2)).into(),
                ..Record::with_status(Status::Isolating)
            },
        );
        set(&mut b, "101", Record::with_status(Status::NotResumed));
        set(
            &mut b,
            "102",
            Record {
                checked: Some(d(5)).into(),
                ..Record::with_status(Status::NotResumed)
            },
        );
        b
    }

    fn e(unit: &str, via: Via, outcome: Outcome) -> Entry {
        Entry {
            id: format!("{unit}{}", via.key()).as_str().into(),
            at: today().at(9, 0, 0, 0),
            by: "s".into(),
            building: "t".into(),
            unit: unit.into(),
            via,
            outcome,
            note: None,
            withdraws: None,
        }
    }

    #[test]
    fn the_days_list() {
        let b = building();
        let ix = Index::from_entries([
            e("201", Via::Call, Outcome::Well),
            e("202", Via::Call, Outcome::NoAnswer),
            e("103", Via::Visit, Outcome::NotHome),
        ]);
        let w = worklist([&b], &ix, today());
        let units = |v: &[Item]| v.iter().map(|i| i.unit.clone()).collect::<Vec<_>>();
        assert_eq!((w.reached, w.isolating), (1, 3));
        assert_eq!(
            units(&w.calls_due),
            ["202", "203"],
            "no answer leaves 202 due"
        );
        assert_eq!(units(&w.ending), ["202"], "since + 13 days is today");
        assert_eq!(units(&w.overdue), ["203"]);
        assert_eq!(units(&w.to_knock), ["103"]);
        let facts = |it: &Item| {
            let log = ix.unit(&it.building, &it.unit);
            Facts::of(&b.units[it.index].record, log, today())
        };
        assert_eq!(facts(&w.to_knock[0]).attempts, 1);
        assert_eq!(units(&w.not_resumed), ["101", "102"]);
        assert_eq!(
            facts(&w.not_resumed[1]).days_since_contact,
            Some(5),
            "the unit's own check counts"
        );
        assert_eq!(facts(&w.calls_due[0]).isolation_day, Some(14));
        assert_eq!(
            describe(Status::Isolating, &facts(&w.overdue[0]), Lang::En),
            "2 days overdue (ended 11-27) · day 21"
        );
        let warn = overdue(&b, today());
        assert_eq!(warn.len(), 1);
        assert!(
            warn[0]
                .1
                .en
                .starts_with("unit 203: the isolation ended 2026-11-27 (2 days ago)"),
            "{}",
            warn[0].1
        );
    }
}
