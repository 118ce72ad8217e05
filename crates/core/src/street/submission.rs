//! A station's evening report as it goes up (`reports/DATE/STATION.toml`): counts only, never a
//! personal value; read back, and checked before the street counts it. Pure.

use super::parse_time;
use crate::figures::{Figures, Tally};
use crate::i18n::Text;
use crate::report::Report;
use crate::tr;
use jiff::civil::{Date, DateTime, Time};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One escalation as the street reads it: the building (id and name), the unit masked (`25**`),
/// and its kind; never a personal value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Escalated {
    pub building: String,
    pub name: String,
    pub unit: String,
    pub kind: crate::escalate::Reason,
}

/// One building's escalations as they go up, compact (a busy day's hundreds of units stay far
/// under the report's size bound): the masked units of each kind, by the kind's key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildingEscalations {
    pub building: String,
    pub name: String,
    pub units: BTreeMap<String, Vec<String>>,
}

/// The station's report as it goes up: the day's counts and its escalations (units masked),
/// no personal value.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub station: String,
    pub date: Date,
    /// When it was submitted, local time (`HH:MM`).
    pub at: String,
    /// 1 for the day's first submission, then 2, 3…: each one stays in history.
    pub revision: u32,
    pub zero: bool,
    /// Buildings the station could not read (a report with any is never a zero report).
    pub unread: u32,
    pub escalations: u32,
    /// The day's counts, typed: the report's own.
    pub figures: Figures,
    /// Each escalation, by kind (a report from before escalations went up has none).
    pub escalated: Vec<BuildingEscalations>,
    /// Keys of the file this loupan does not know (a newer loupan's): left out of every count and
    /// named, never an error (`section.key`).
    pub ignored: Vec<String>,
    /// What the history says of the file, beyond what it claims (never written in it).
    pub proof: Proof,
}

/// The report's escalations as they go up: by building, then kind; units masked.
fn gone_up(all: &[crate::escalate::Escalation]) -> Vec<BuildingEscalations> {
    let mut out: Vec<BuildingEscalations> = Vec::new();
    for e in all {
        let i = match out.iter().position(|b| b.building == e.building) {
            Some(i) => i,
            None => {
                out.push(BuildingEscalations {
                    building: e.building.clone(),
                    name: e.building_name.clone(),
                    units: BTreeMap::new(),
                });
                out.len() - 1
            }
        };
        let unit = crate::privacy::mask_unit(&e.unit);
        out[i]
            .units
            .entry(e.reason.key().into())
            .or_default()
            .push(unit);
    }
    out
}

/// What the street's history says of a report: whose key signed it, and when it arrived. Filled
/// in by the store from git; the file's own words are only claims.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proof {
    /// Whether the commit that last changed the file is signed by the station's key; `None`
    /// when the station has no key (unsigned, counted as before).
    pub verified: Option<bool>,
    /// When the report counts as received, in the street's time, and how that is known.
    pub received: Option<(DateTime, Receipt)>,
    /// The time written in the file, when a received time stands in its place.
    pub claimed: Option<String>,
}

/// How a report's arrival is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Receipt {
    /// The shared remote's guard recorded the push that carried it.
    Remote,
    /// This clone fetched it first then.
    Fetched,
}

impl Submission {
    pub fn of(station: &str, r: &Report, at: DateTime, revision: u32) -> Submission {
        Submission {
            station: station.to_string(),
            date: r.date,
            at: at.strftime("%H:%M").to_string(),
            revision,
            zero: r.zero,
            unread: r.unread.len() as u32,
            escalations: r.escalations.len() as u32,
            figures: r.figures(),
            escalated: gone_up(&r.escalations),
            ignored: Vec::new(),
            proof: Proof::default(),
        }
    }

    /// The report as the history tells it: the revision counted from the commits that changed
    /// the file, and the time it arrived in place of the time it claims.
    pub fn proven(mut self, revision: u32, received: Option<(DateTime, Receipt)>) -> Submission {
        self.revision = revision;
        if let Some((when, _)) = received {
            self.proof.claimed = Some(std::mem::replace(
                &mut self.at,
                when.strftime("%H:%M").to_string(),
            ));
        }
        self.proof.received = received;
        self
    }

    /// Whether it arrived after `date`'s deadline: by the received time when known (a report of
    /// yesterday received this morning is late), else by the time it claims.
    pub fn late(&self, date: Date, deadline: Time) -> bool {
        match self.proof.received {
            Some((when, _)) => when > date.to_datetime(deadline),
            None => self.at_time().is_some_and(|t| t > deadline),
        }
    }

    /// Every escalation the report carries, building by building, gravest kind first; kinds this
    /// loupan does not know are left out (`check` refuses them).
    pub fn escalated(&self) -> Vec<Escalated> {
        let mut out = Vec::new();
        for b in &self.escalated {
            for kind in crate::escalate::Reason::ALL {
                for u in b.units.get(kind.key()).into_iter().flatten() {
                    out.push(Escalated {
                        building: b.building.clone(),
                        name: b.name.clone(),
                        unit: u.clone(),
                        kind,
                    });
                }
            }
        }
        out
    }

    pub(super) fn at_time(&self) -> Option<Time> {
        parse_time(&self.at)
    }

    /// Whether the file at `reports/DATE/ID.toml` is that station's report of that day, with
    /// figures that can be true: a forged or hand-edited report is refused, never counted.
    pub fn check(&self, id: &str, date: Date) -> Result<(), Text> {
        if self.station != id {
            let (s, id) = (shown(&self.station), shown(id));
            return Err(tr!(
                "it says station {s}, but it is {id}'s file",
                "文件写的是工作站 {s}，却放在 {id} 的位置"
            ));
        }
        if self.date != date {
            let d = self.date;
            return Err(tr!(
                "it says {d}, but it is in {date}'s folder",
                "文件写的日期是 {d}，却放在 {date} 的文件夹"
            ));
        }
        self.figures_hold()
    }

    /// Every figure bounded by the units the report counts (and those by `MAX_UNITS`); parts
    /// never above their whole, so no rate passes 100 %.
    fn figures_hold(&self) -> Result<(), Text> {
        let f = &self.figures;
        let units = f.total.units as u64;
        let mut bounds: Vec<(String, u64, u64)> = vec![("total.units".into(), units, MAX_UNITS)];
        let by_units = [("total", f.total.named()), ("changes", f.changes.named())];
        for (name, part) in by_units {
            bounds.extend(
                part.into_iter()
                    .map(|(k, v)| (format!("{name}.{k}"), v, units)),
            );
        }
        let c = &f.companies;
        let (companies, employees) = (c.total as u64, c.employees);
        bounds.extend([
            (
                "companies.total".into(),
                companies,
                units.saturating_mul(MAX_COMPANIES_PER_UNIT),
            ),
            ("companies.resumed".into(), c.resumed as u64, companies),
            (
                "companies.employees".into(),
                employees,
                companies.saturating_mul(MAX_HEADCOUNT),
            ),
            ("companies.on_site".into(), c.on_site, employees),
            (
                "escalations".into(),
                u64::from(self.escalations),
                units.saturating_mul(4),
            ),
            (
                "escalated".into(),
                self.escalated
                    .iter()
                    .flat_map(|b| b.units.values())
                    .map(Vec::len)
                    .sum::<usize>() as u64,
                u64::from(self.escalations),
            ),
        ]);
        let per_day = [
            f.follow_ups.named(),
            f.questions.named(),
            f.returnees.named(),
            f.inspection.named(),
        ];
        for part in per_day {
            bounds.extend(
                part.into_iter()
                    .map(|(k, v)| (k.to_string(), v, units.saturating_mul(20))),
            );
        }
        let mut kinds = self.escalated.iter().flat_map(|b| b.units.keys());
        if let Some(k) = kinds.find(|k| crate::escalate::Reason::of_key(k).is_none()) {
            let k = shown(k);
            return Err(tr!(
                "escalated: `{k}` is not a kind of escalation",
                "escalated：`{k}` 不是上报事项的种类"
            ));
        }
        match bounds.into_iter().find(|(_, v, max)| v > max) {
            None => Ok(()),
            Some((k, v, max)) => {
                let k = shown(&k);
                Err(tr!(
                    "{k} = {v} is more than it can be ({max} at most)",
                    "{k} = {v} 超出了可能的数目（最多 {max}）"
                ))
            }
        }
    }
}

/// The most units one station can hold (a city's worth): a bound no real report reaches, so that
/// no sum of reports can overflow.
pub const MAX_UNITS: u64 = 10_000_000;
/// Companies one unit can host, at most (a business centre's shared floor).
const MAX_COMPANIES_PER_UNIT: u64 = 50;
/// The most employees one company can file (the ledgers' bound).
const MAX_HEADCOUNT: u64 = 100_000;

fn shown(s: &str) -> String {
    crate::display::inline(s).into_owned()
}
