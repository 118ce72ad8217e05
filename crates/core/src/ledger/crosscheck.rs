//! An outside list (access cards issued, property records) against the chart: which units it
//! names that need a visit, and why. Pure, like the rest of the ledger.

use super::{Chart, Column, Columns};
use crate::fields::Field;
use crate::i18n::{Lang, Text};
use crate::status::Status;
use crate::tr;

/// Why a unit on an outside list needs a visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The chart has it vacant; the list says someone is there.
    Vacant,
    /// The chart does not know it yet.
    Unknown,
    /// No such building or unit on the chart.
    NotOnChart,
    ListedTwice,
}

impl Reason {
    pub fn key(self) -> &'static str {
        match self {
            Reason::Vacant => "vacant",
            Reason::Unknown => "unknown",
            Reason::NotOnChart => "not-on-chart",
            Reason::ListedTwice => "listed-twice",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Reason::Vacant => lang.pick("vacant on the chart", "图上为空置"),
            Reason::Unknown => lang.pick("unknown on the chart", "图上待核实"),
            Reason::NotOnChart => lang.pick("not on the chart", "图上没有"),
            Reason::ListedTwice => lang.pick("listed twice", "重复出现"),
        }
    }
}

/// One unit to verify: the list's row, where it points, why, and what the list says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub row: usize,
    pub building: Option<String>,
    /// The unit's label on the chart, else as the list wrote it.
    pub unit: String,
    pub reason: Reason,
    pub detail: Option<Text>,
    pub name: Option<String>,
    pub date: Option<String>,
}

/// An outside list against the chart: the units it names that the chart has vacant or unknown,
/// those it names twice, and those the chart does not have. Units the chart agrees with are not
/// listed.
pub fn crosscheck(
    rows: &[(usize, Vec<String>)],
    cols: &Columns,
    chart: &Chart<'_>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: std::collections::HashMap<(String, String), usize> = Default::default();
    for (row, cells) in rows {
        let cell = |c: Column| {
            let t = cols
                .of(c)
                .and_then(|i| cells.get(i))
                .map_or("", |t| t.trim());
            (!t.is_empty()).then(|| t.to_string())
        };
        let mut f = Finding {
            row: *row,
            building: None,
            unit: cell(Column::Unit).unwrap_or_default(),
            reason: Reason::NotOnChart,
            detail: None,
            name: cell(Column::Field(Field::Name)),
            date: cell(Column::Date),
        };
        match chart.locate(cells, cols) {
            Err((building, why)) => {
                f.building = building;
                f.detail = Some(why);
                out.push(f);
            }
            Ok((b, i)) => {
                let u = &b.units[i];
                f.building = Some(b.id.clone());
                f.unit = u.label.to_string();
                let key = (b.id.clone(), f.unit.clone());
                if let Some(first) = seen.insert(key, *row) {
                    f.reason = Reason::ListedTwice;
                    f.detail = Some(tr!("also on row {first}", "第 {first} 行也有"));
                    out.push(f);
                    continue;
                }
                match u.record.status {
                    Status::Vacant => f.reason = Reason::Vacant,
                    Status::Unknown => f.reason = Reason::Unknown,
                    _ => continue,
                }
                out.push(f);
            }
        }
    }
    out
}
