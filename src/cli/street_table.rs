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

/// The day's inspections: the table's columns.
const INSPECTION: [&str; 2] = ["inspection_due", "inspection_done"];

/// A station's returnees and inspections, in the columns' order (a report from before they
/// were counted reads as none).
fn returnees_cells(s: &loupan_core::street::Submission) -> Vec<String> {
    let (r, i) = (&s.figures.returnees, &s.figures.inspection);
    [
        r.returned,
        r.returned_today,
        r.observing,
        r.observation_ending,
        r.readings_due as u64,
        r.readings_missing as u64,
        r.fever as u64,
        i.due as u64,
        i.done as u64,
    ]
    .map(|n| n.to_string())
    .to_vec()
}

pub(super) fn report_csv(rows: &[Row], lang: Lang) -> Vec<Vec<String>> {
    use loupan_core::status::Status;
    let keys: Vec<&str> = std::iter::once("units")
        .chain(Status::ALL.map(Status::key))
        .collect();
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
            .chain(INSPECTION.iter())
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
                let total = &s.figures.total;
                line.push(total.units.to_string());
                line.extend(Status::ALL.map(|st| total.get(st).to_string()));
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
