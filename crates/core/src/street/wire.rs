//! The report file's text (`reports/DATE/STATION.toml`, docs/formats.md): the typed figures
//! written as they always were — one table per part, its keys in alphabetical order — and read
//! back into the same types. A key this loupan does not know (a newer loupan's) is read past,
//! counted nowhere and named in `Submission::ignored`; a count that is not a whole number of its
//! kind is refused with its line and column. Pure.

use super::submission::{BuildingEscalations, Proof, Submission};
use crate::figures::{CompanyCounts, Figures, InspectionCounts};
use crate::i18n::Text;
use crate::people::figures::Returnees;
use crate::report::{Changes, FollowUps, Questions};
use crate::stats::Counts;
use crate::tr;
use jiff::civil::Date;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// The file as TOML holds it. The figures' tables are required as before; `returnees` and
/// `inspection` are absent from reports submitted before they existed.
#[derive(Serialize, Deserialize)]
struct File {
    station: String,
    date: Date,
    at: String,
    revision: u32,
    zero: bool,
    unread: u32,
    escalations: u32,
    #[serde(serialize_with = "sorted")]
    total: Counts,
    #[serde(serialize_with = "sorted")]
    changes: Changes,
    #[serde(serialize_with = "sorted")]
    follow_ups: FollowUps,
    #[serde(serialize_with = "sorted")]
    companies: CompanyCounts,
    #[serde(serialize_with = "sorted")]
    questions: Questions,
    #[serde(default, serialize_with = "sorted")]
    returnees: Returnees,
    #[serde(default, serialize_with = "sorted")]
    inspection: InspectionCounts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    escalated: Vec<BuildingEscalations>,
}

/// The file's top-level keys, for naming one it does not know.
const KEYS: [&str; 15] = [
    "station",
    "date",
    "at",
    "revision",
    "zero",
    "unread",
    "escalations",
    "total",
    "changes",
    "follow_ups",
    "companies",
    "questions",
    "returnees",
    "inspection",
    "escalated",
];

/// A part's counts with their keys in alphabetical order: the file's bytes stay those every
/// loupan wrote before the figures were typed.
fn sorted<T: Serialize, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    let table: BTreeMap<String, toml::Value> = match toml::Value::try_from(v) {
        Ok(toml::Value::Table(t)) => t.into_iter().collect(),
        _ => BTreeMap::new(),
    };
    table.serialize(s)
}

impl Submission {
    /// The file's text.
    pub fn encode(&self) -> String {
        let f = &self.figures;
        let file = File {
            station: self.station.clone(),
            date: self.date,
            at: self.at.clone(),
            revision: self.revision,
            zero: self.zero,
            unread: self.unread,
            escalations: self.escalations,
            total: f.total,
            changes: f.changes,
            follow_ups: f.follow_ups,
            companies: f.companies,
            questions: f.questions,
            returnees: f.returnees,
            inspection: f.inspection,
            escalated: self.escalated.clone(),
        };
        let body = toml::to_string(&file).unwrap_or_default();
        format!("# loupan: a station's evening report, counts only (docs/formats.md)\n{body}")
    }

    /// Reads a submitted report; what is wrong is told with its line and column.
    pub fn parse(text: &str) -> Result<Submission, crate::codec::Problem> {
        let problem = |offset: usize, why: Text| {
            let (l, c) = crate::codec::position(text, offset);
            crate::codec::Problem::error(l, c, why)
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let why = crate::display::inline(e.message()).into_owned();
            problem(
                e.span().map_or(0, |s| s.start),
                tr!("not a submitted report: {why}", "不是有效的上报文件：{why}"),
            )
        })?;
        // the time is shown wherever the report is: only ever as the time it stands for
        let Some(t) = super::parse_time(&file.at) else {
            let at = crate::display::inline(&file.at).into_owned();
            let line = text.find("\nat").map_or(0, |i| i + 1);
            return Err(problem(
                line,
                tr!(
                    "not a submitted report: `at = \"{at}\"` is not a time like \"17:05\"",
                    "不是有效的上报文件：`at = \"{at}\"` 不是 \"17:05\" 这样的时间"
                ),
            ));
        };
        let ignored = ignored(text, &file);
        Ok(Submission {
            station: file.station,
            date: file.date,
            at: t.strftime("%H:%M").to_string(),
            revision: file.revision,
            zero: file.zero,
            unread: file.unread,
            escalations: file.escalations,
            figures: Figures {
                total: file.total,
                changes: file.changes,
                follow_ups: file.follow_ups,
                companies: file.companies,
                questions: file.questions,
                returnees: file.returnees,
                inspection: file.inspection,
            },
            escalated: file.escalated,
            ignored,
            proof: Proof::default(),
        })
    }
}

/// The keys of `text` that the typed file does not hold: `key` at the top, `part.key` in a
/// figures' table (shown safely, escapes made visible).
fn ignored(text: &str, file: &File) -> Vec<String> {
    let (Ok(read), Ok(toml::Value::Table(known))) = (
        toml::from_str::<toml::Table>(text),
        toml::Value::try_from(file),
    ) else {
        return Vec::new();
    };
    let shown = |k: &str| crate::display::inline(k).into_owned();
    let mut out = Vec::new();
    for (k, v) in &read {
        if !KEYS.contains(&k.as_str()) {
            out.push(shown(k));
            continue;
        }
        let (Some(part), Some(toml::Value::Table(kept))) = (v.as_table(), known.get(k)) else {
            continue;
        };
        let unknown = part.keys().filter(|key| !kept.contains_key(*key));
        out.extend(unknown.map(|key| format!("{}.{}", shown(k), shown(key))));
    }
    out.sort();
    out
}
