//! The street roll-up as a table (CSV and the XLSX's sheet): a row per station with its units by
//! status, its returnees and the day's inspections.

use loupan_core::i18n::Lang;
use loupan_core::street::{self, Row};

/// The returnees' counts a station reports, as the street's table has them (its JSON's keys).
const RETURNEES: [&str; 7] = [
    "returned",
    "returned_today",
    "observing",
    "observation_ending",
    "readings_due",
    "readings_missing",
    "fever",
];

/// The day's inspections: the table's column, the report's key.
const INSPECTION: [(&str, &str); 2] = [("inspection_due", "due"), ("inspection_done", "done")];

/// A station's returnees and inspections; blank when its report is from before they were
/// counted (unknown, never zero).
fn returnees_cells(s: &loupan_core::street::Submission) -> Vec<String> {
    let figure = |m: &std::collections::BTreeMap<String, u64>, k: &str| {
        m.get(k).map_or(String::new(), u64::to_string)
    };
    let old = s.returnees.is_empty() && s.inspection.is_empty();
    RETURNEES
        .iter()
        .map(|k| figure(&s.returnees, k))
        .chain(INSPECTION.iter().map(|(_, k)| figure(&s.inspection, k)))
        .map(|v| if old { String::new() } else { v })
        .collect()
}

pub(super) fn report_csv(rows: &[Row], lang: Lang) -> Vec<Vec<String>> {
    let keys = [
        "units",
        "healthy",
        "isolating",
        "not-resumed",
        "resumed",
        "vacant",
        "unknown",
    ];
    let head = [
        lang.pick("station", "工作站"),
        lang.pick("name", "名称"),
        lang.pick("state", "状态"),
        lang.pick("at", "上报时间"),
        lang.pick("zero report", "零报告"),
    ];
    let mut out = vec![
        head.iter()
            .chain(keys.iter())
            .chain(RETURNEES.iter())
            .chain(INSPECTION.iter().map(|(h, _)| h))
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    ];
    for r in rows {
        // a station's name is text like any other cell: line breaks and escapes made visible
        let name = loupan_core::cells::to_cell(&r.name);
        let mut line = vec![r.id.clone(), name, r.state.said(lang).to_string()];
        // an unverified report's figures are not the station's: blank, like a missing one's
        match r
            .submission
            .as_ref()
            .filter(|_| r.state != street::State::Unverified)
        {
            Some(s) => {
                line.push(s.at.clone());
                let zero = if s.zero {
                    ("yes", "是")
                } else {
                    ("no", "否")
                };
                line.push(lang.pick(zero.0, zero.1).to_string());
                line.extend(
                    keys.iter()
                        .map(|k| s.total.get(*k).copied().unwrap_or(0).to_string()),
                );
                line.extend(returnees_cells(s));
            }
            // a missing station's figures are unknown, never zero
            None => line.extend(std::iter::repeat_n(
                String::new(),
                2 + keys.len() + RETURNEES.len() + INSPECTION.len(),
            )),
        }
        out.push(line);
    }
    out
}
