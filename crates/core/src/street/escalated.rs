//! What the street sees of its stations' escalations: station, building, unit (masked), kind —
//! in the text by kind (each unit once, at most five named a kind), and in full as a table for
//! CSV and XLSX. Pure.

use super::{Escalated, Row, Totals};
use crate::i18n::Lang;

/// The stations' escalations by kind, gravest first, each unit once under its gravest kind; at
/// most five named a kind ("中铁建 A座 25**"), then "等 N 户". The full list is in JSON/CSV/XLSX.
pub(super) fn escalated_lines(rows: &[Row], all: &[(String, Escalated)], lang: Lang) -> String {
    use crate::escalate::Reason;
    use crate::report_text::{NAMED, gravity};
    let mut once: Vec<&(String, Escalated)> = Vec::new();
    for e in all {
        let same = |o: &&(String, Escalated)| {
            o.0 == e.0 && o.1.building == e.1.building && o.1.unit == e.1.unit
        };
        match once.iter_mut().find(|o| same(o)) {
            Some(o) if gravity(e.1.kind) < gravity(o.1.kind) => *o = e,
            Some(_) => {}
            None => once.push(e),
        }
    }
    let mut kinds: Vec<Reason> = once.iter().map(|e| e.1.kind).collect();
    kinds.sort_by_key(|k| gravity(*k));
    kinds.dedup();
    let station = |id: &str| {
        let row = rows.iter().find(|r| r.id == id);
        row.map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    let d = crate::display::inline;
    let mut out = String::new();
    for kind in kinds {
        let units: Vec<_> = once.iter().filter(|e| e.1.kind == kind).collect();
        let k = units.len();
        let what = match (kind, lang) {
            (Reason::Knocked3, Lang::Zh) => "个单元",
            (_, Lang::Zh) => "户",
            (Reason::Knocked3, Lang::En) => "units",
            (_, Lang::En) => "households",
        };
        let named: Vec<String> = units
            .iter()
            .take(NAMED)
            .map(|e| format!("{} {} {}", d(&station(&e.0)), d(&e.1.name), d(&e.1.unit)))
            .collect();
        let why = kind.name(lang);
        out.push_str(&match (lang, k > NAMED) {
            (Lang::Zh, true) => format!("· {why} {k} {what}：{} 等 {k} {what}\n", named.join("、")),
            (Lang::Zh, false) => format!("· {why} {k} {what}：{}\n", named.join("、")),
            (Lang::En, true) => {
                let more = k - NAMED;
                format!(
                    "- {why}, {k} {what}: {} and {more} more\n",
                    named.join(", ")
                )
            }
            (Lang::En, false) => format!("- {why}, {k} {what}: {}\n", named.join(", ")),
        });
    }
    out
}

/// Every escalation as a table (a header row, then one row each): station, its name, building,
/// its name, unit (masked), kind.
pub fn escalated_table(rows: &[Row], t: &Totals, lang: Lang) -> Vec<Vec<String>> {
    let head = [
        lang.pick("station", "工作站"),
        lang.pick("station name", "工作站名称"),
        lang.pick("building", "楼宇"),
        lang.pick("building name", "楼宇名称"),
        lang.pick("unit", "单元"),
        lang.pick("kind", "事项"),
    ];
    let mut out = vec![head.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    let cell = crate::cells::to_cell;
    for (id, e) in &t.escalated {
        let name = rows.iter().find(|r| &r.id == id).map_or("", |r| &r.name);
        out.push(vec![
            cell(id),
            cell(name),
            cell(&e.building),
            cell(&e.name),
            cell(&e.unit),
            e.kind.name(lang).to_string(),
        ]);
    }
    out
}
