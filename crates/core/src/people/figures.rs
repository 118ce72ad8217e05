//! What a station counts of its returnees and shops (docs/spec.md §14): people in observation,
//! readings due and missing, fevers, and the day's inspections of companies with a class. Counts
//! only leave the station; lists (Today's) name a person by id, masked. Pure.

use super::readings::{DayReadings, FEVER};
use super::{Person, Place};
use crate::company::{self, Company};
use crate::escalate::{Escalation, Reason};
use crate::model::Building;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// `report`'s `returnees`: counts of people.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Returnees {
    /// People back from outside the city (companies without people: their filed `returned`).
    pub returned: u64,
    pub returned_today: u64,
    pub observing: u64,
    pub observation_ending: u64,
    /// People in observation on the day: each is due a reading.
    pub readings_due: usize,
    pub readings_missing: usize,
    pub fever: usize,
    /// Companies over their on-site cap.
    pub over_cap: usize,
}

impl Returnees {
    pub fn merge(&mut self, o: &Returnees) {
        self.returned += o.returned;
        self.returned_today += o.returned_today;
        self.observing += o.observing;
        self.observation_ending += o.observation_ending;
        self.readings_due += o.readings_due;
        self.readings_missing += o.readings_missing;
        self.fever += o.fever;
        self.over_cap += o.over_cap;
    }
}

/// `report`'s `inspection`: companies with a class are due once a day (网点摸排完成率).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Inspection {
    pub due: usize,
    pub done: usize,
    /// done / due; `null` when nothing is due.
    pub rate: Option<f64>,
}

// a ratio of counts, never NaN
impl Eq for Inspection {}

/// A company's class value for a suspended business (暂停营业).
pub const SUSPENDED: &str = "suspended";
/// What an inspection found of a suspended business that goes up.
pub const FOUND_OPEN: &str = "open";

impl Inspection {
    pub fn of(buildings: &[Building], day: Date) -> Inspection {
        let (mut due, mut done) = (0, 0);
        for b in buildings {
            for c in b.companies.iter().filter(|c| c.record.class.is_some()) {
                due += 1;
                done += usize::from(c.record.inspected.get() == Some(day));
            }
        }
        let rate = (due > 0).then(|| done as f64 / due as f64);
        Inspection { due, done, rate }
    }
}

/// Suspended companies found open on the day: one escalation each, at its first unit.
pub fn suspended_open(b: &Building, day: Date) -> Vec<Escalation> {
    b.companies
        .iter()
        .filter(|c| {
            c.record.class.as_deref() == Some(SUSPENDED)
                && c.record.inspected.get() == Some(day)
                && c.record.found.as_deref() == Some(FOUND_OPEN)
        })
        .map(|c| escalation(b, first_unit(c), Reason::SuspendedOpen))
        .collect()
}

fn first_unit(c: &Company) -> &str {
    c.units.first().map_or("", |u| u.as_str())
}

fn escalation(b: &Building, unit: &str, reason: Reason) -> Escalation {
    Escalation {
        building: b.id.clone(),
        building_name: b.name.clone(),
        unit: unit.to_string(),
        reason,
        person: None,
    }
}

/// A person on Today's lists: where, and the reading that counts (if any).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub building: String,
    /// The unit: the household's, or the company's first.
    pub unit: String,
    /// The company's name, for staff.
    pub company: Option<String>,
    pub person: Person,
    pub tenths: Option<u16>,
}

/// What Today asks about a building's people, and what the report counts of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Health {
    pub readings_missing: Vec<Seen>,
    pub fever: Vec<Seen>,
    pub observation_ending: Vec<Seen>,
    pub figures: Returnees,
}

impl Health {
    pub fn merge(&mut self, o: Health) {
        self.readings_missing.extend(o.readings_missing);
        self.fever.extend(o.fever);
        self.observation_ending.extend(o.observation_ending);
        self.figures.merge(&o.figures);
    }

    /// Fevers as escalations: one per person, at their unit, never a personal value.
    pub fn escalations(&self, b: &Building) -> Vec<Escalation> {
        self.fever
            .iter()
            .filter(|s| s.building == b.id)
            .map(|s| Escalation {
                person: Some(s.person.id.to_string()),
                ..escalation(b, &s.unit, Reason::Fever)
            })
            .collect()
    }
}

/// A building's people on `day`: the lists and the counts. Companies without people count by
/// their filed figures.
pub fn health(b: &Building, people: &[Person], readings: &DayReadings, day: Date) -> Health {
    let mut h = Health::default();
    let companies = company::all(b);
    for c in &companies {
        over_cap(&mut h.figures, c);
        if people.iter().any(|p| p.company() == Some(&*c.id)) {
            continue;
        }
        let r = &c.record;
        h.figures.returned += u64::from(r.returned.unwrap_or(0));
        h.figures.observing += u64::from(c.observing_on(day));
        if r.observe_until.get() == Some(day) {
            h.figures.observation_ending += u64::from(r.observing.unwrap_or(0));
        }
    }
    for p in people {
        let seen = seen(b, &companies, p, readings);
        count(&mut h, p, seen, day);
    }
    h
}

fn over_cap(f: &mut Returnees, c: &Company) {
    let r = &c.record;
    if let (Some(cap), Some(all), Some(on)) = (r.cap, r.headcount, r.on_site)
        && u64::from(on) * 100 > u64::from(cap) * u64::from(all)
    {
        f.over_cap += 1;
    }
}

fn seen(b: &Building, companies: &[Company], p: &Person, readings: &DayReadings) -> Seen {
    let (unit, company) = match &p.place {
        Place::Unit(u) => (u.to_string(), None),
        Place::Company(id) => match companies.iter().find(|c| c.id == *id) {
            Some(c) => (first_unit(c).to_string(), Some(c.name().to_string())),
            None => (String::new(), None),
        },
    };
    Seen {
        building: b.id.clone(),
        unit,
        company,
        person: p.clone(),
        tenths: readings.latest(&b.id, &p.id).map(|r| r.tenths),
    }
}

fn count(h: &mut Health, p: &Person, s: Seen, day: Date) {
    let f = &mut h.figures;
    f.returned += u64::from(p.returned.is_some());
    f.returned_today += u64::from(p.returned == Some(day));
    let observing = p.observing(day);
    if observing {
        f.observing += 1;
        f.readings_due += 1;
    }
    let ending = observing && p.observe_until() == Some(day);
    f.observation_ending += u64::from(ending);
    if ending {
        h.observation_ending.push(s.clone());
    }
    match s.tenths {
        Some(t) if t >= FEVER => {
            f.fever += 1;
            h.fever.push(s);
        }
        None if observing => {
            f.readings_missing += 1;
            h.readings_missing.push(s);
        }
        _ => {}
    }
}

/// A building's companies' employees in observation on `day`, and how many companies' observation
/// ends that day: from their people when they have any (never the counts their line was written
/// with, which go stale as observations end), else from their line as of `day`.
pub fn companies_observing(b: &Building, people: &[Person], day: Date) -> (u64, usize) {
    let (mut observing, mut ending) = (0u64, 0usize);
    for c in company::all(b) {
        let (n, until) = match super::company_counts(people, &c.id, day) {
            Some((_, n, until)) => (n, until),
            None => (c.observing_on(day), c.record.observe_until.get()),
        };
        observing += u64::from(n);
        ending += usize::from(until == Some(day));
    }
    (observing, ending)
}

/// The report's returnees counted from the buildings' people (`people`: by building id; a
/// building not there has none, its companies count by their filings), their fevers and the
/// suspended businesses found open as escalations; the 零报告 decided again.
pub fn add_people(
    r: &mut crate::report::Report,
    after: &[Building],
    people: &[(String, Vec<Person>)],
    readings: &DayReadings,
) {
    let mut total = Returnees::default();
    let (mut observing, mut ending) = (0, 0);
    for b in after {
        let mine = people
            .iter()
            .find(|(id, _)| *id == b.id)
            .map_or(&[][..], |(_, p)| p.as_slice());
        let h = health(b, mine, readings, r.date);
        total.merge(&h.figures);
        let (o, e) = companies_observing(b, mine, r.date);
        (observing, ending) = (observing + o, ending + e);
        r.escalations.extend(h.escalations(b));
        r.escalations.extend(suspended_open(b, r.date));
    }
    r.returnees = total;
    // a company's line may hold counts from days ago: its people say how many observe today
    r.companies.observing = observing;
    r.companies.observation_ending = ending;
    let key = |e: &Escalation| {
        (
            e.building.clone(),
            e.unit.clone(),
            e.reason,
            e.person.clone(),
        )
    };
    r.escalations.sort_by_key(key);
    r.escalations.dedup_by(|a, b| key(a) == key(b));
    // nothing new *and* nothing to escalate: a day with escalations is a daily report
    r.zero = r.changes.is_zero() && r.unread.is_empty() && r.escalations.is_empty();
}
