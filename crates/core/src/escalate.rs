//! What the evening report must carry up beyond its figures (docs/spec.md §7): each household logged with
//! symptoms or needing help that day, each isolating household not reached that day, each
//! isolation past its end, each unknown unit door-knocked three times without an answer. By
//! building and unit only: never a personal value. Pure.

use super::journal::{Index, Outcome, Via};
use super::model::Building;
use super::status::Status;
use super::today::Worklist;
use jiff::civil::Date;
use serde::Serialize;

/// Why a unit goes up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    Symptoms,
    NeedsHelp,
    NotReached,
    Overdue,
    #[serde(rename = "knocked-3")]
    Knocked3,
    /// A person's reading of 37.3 °C or more (docs/spec.md §14): at their unit, never named.
    Fever,
    /// A suspended business found open at the day's inspection.
    SuspendedOpen,
}

impl Reason {
    /// Every kind, gravest first.
    pub const ALL: [Reason; 7] = [
        Reason::Symptoms,
        Reason::Fever,
        Reason::NeedsHelp,
        Reason::Overdue,
        Reason::NotReached,
        Reason::SuspendedOpen,
        Reason::Knocked3,
    ];

    /// The kind as files and JSON write it (`not-reached`).
    pub fn key(self) -> &'static str {
        match self {
            Reason::Symptoms => "symptoms",
            Reason::NeedsHelp => "needs-help",
            Reason::NotReached => "not-reached",
            Reason::Overdue => "overdue",
            Reason::Knocked3 => "knocked-3",
            Reason::Fever => "fever",
            Reason::SuspendedOpen => "suspended-open",
        }
    }

    /// The kind a key names (`None`: a kind this loupan does not know).
    pub fn of_key(key: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn name(self, lang: super::i18n::Lang) -> &'static str {
        match self {
            Reason::Symptoms => lang.pick("symptoms", "有症状"),
            Reason::NeedsHelp => lang.pick("needs help", "需要帮助"),
            Reason::NotReached => lang.pick("not reached today", "今日未联系上"),
            Reason::Overdue => lang.pick("isolation past its end", "隔离已超期"),
            Reason::Knocked3 => lang.pick("knocked 3 times, no answer", "上门 3 次无人应答"),
            Reason::Fever => lang.pick("fever", "发热"),
            Reason::SuspendedOpen => {
                lang.pick("suspended business found open", "暂停营业网点在营业")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Escalation {
    pub building: String,
    /// The building's name, for the text (JSON has the id).
    #[serde(skip)]
    pub building_name: String,
    pub unit: String,
    pub reason: Reason,
    /// A fever's person, by id within the building (`p3`, never a name): one escalation each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

/// Door-knocks without an answer that make an unknown unit go up.
pub const KNOCKS: usize = 3;

/// The day's escalations, by building and unit, then reason.
pub fn escalations(
    after: &[Building],
    w: &Worklist,
    journal: &Index,
    day: Date,
) -> Vec<Escalation> {
    let name_of = |id: &str| {
        after
            .iter()
            .find(|b| b.id == id)
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    };
    let one = |building: &str, unit: &str, reason| Escalation {
        building: building.to_string(),
        building_name: name_of(building),
        unit: unit.to_string(),
        reason,
        person: None,
    };
    let mut out = Vec::new();
    for e in journal.day(day) {
        let reason = match e.outcome {
            Outcome::Symptoms => Reason::Symptoms,
            Outcome::NeedsHelp => Reason::NeedsHelp,
            _ => continue,
        };
        out.push(one(&e.building, &e.unit, reason));
    }
    out.extend(
        w.calls_due
            .iter()
            .map(|it| one(&it.building, &it.unit, Reason::NotReached)),
    );
    out.extend(
        w.overdue
            .iter()
            .map(|it| one(&it.building, &it.unit, Reason::Overdue)),
    );
    for b in after {
        for u in b
            .units
            .iter()
            .filter(|u| u.record.status == Status::Unknown)
        {
            let Some(log) = journal.unit(&b.id, &u.label) else {
                continue;
            };
            let unanswered = log
                .entries()
                .iter()
                .filter(|e| e.via == Via::Visit && e.date() <= day && !e.outcome.reached())
                .count();
            if unanswered >= KNOCKS {
                out.push(one(&b.id, &u.label, Reason::Knocked3));
            }
        }
    }
    out.sort_by(|a, b| (&a.building, &a.unit, a.reason).cmp(&(&b.building, &b.unit, b.reason)));
    out.dedup_by(|a, b| a.building == b.building && a.unit == b.unit && a.reason == b.reason);
    out
}
