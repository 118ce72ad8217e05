//! Unit-level differences between two versions of a building. Pure.

use super::fields::{Field, Record};
use super::i18n::Lang;
use super::model::Building;
use super::serial::UnitView;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitChange {
    pub unit: String,
    pub floor: String,
    pub before: Option<Record>,
    pub after: Option<Record>,
}

/// One row of `diff --json` (docs/spec.md §3): the unit's record before and after (`null` where it did
/// not exist), each as `show --json` prints a unit.
#[derive(Serialize)]
pub struct DiffRow<'a> {
    pub building: &'a str,
    pub unit: &'a str,
    pub before: Option<UnitView<'a>>,
    pub after: Option<UnitView<'a>>,
}

impl<'a> DiffRow<'a> {
    pub fn of(building: &'a str, c: &'a UnitChange) -> DiffRow<'a> {
        let view = |r: &'a Option<Record>| {
            r.as_ref().map(|record| UnitView {
                building,
                unit: &c.unit,
                floor: &c.floor,
                record,
            })
        };
        DiffRow {
            building,
            unit: &c.unit,
            before: view(&c.before),
            after: view(&c.after),
        }
    }
}

/// Units whose record differs, in the newer version's layout order (then units that left it).
pub fn unit_changes(before: Option<&Building>, after: Option<&Building>) -> Vec<UnitChange> {
    let mut out = Vec::new();
    if let Some(a) = after {
        for (i, u) in a.units.iter().enumerate() {
            let old = before.and_then(|b| b.find(&u.label).map(|j| &b.units[j].record));
            if old != Some(&u.record) {
                out.push(UnitChange {
                    unit: u.label.to_string(),
                    floor: a.floor_label_of(i).to_string(),
                    before: old.cloned(),
                    after: Some(u.record.clone()),
                });
            }
        }
    }
    if let Some(b) = before {
        for (i, u) in b.units.iter().enumerate() {
            if after.is_none_or(|a| a.find(&u.label).is_none()) {
                out.push(UnitChange {
                    unit: u.label.to_string(),
                    floor: b.floor_label_of(i).to_string(),
                    before: Some(u.record.clone()),
                    after: None,
                });
            }
        }
    }
    out
}

/// "unknown → isolating (status, since)" for review lists, in a language ("待核实 → 居家隔离
/// (状态, 隔离开始)"). Only statuses and field names: never a personal value.
pub fn describe(c: &UnitChange, lang: Lang) -> String {
    let show = |r: &Option<Record>| match r {
        None => lang.pick("(none)", "（无）").to_string(),
        Some(r) => {
            let mut s = lang.status(r.status).to_string();
            if r.live_work {
                s.push('+');
                s.push_str(Field::LiveWork.spec().label(lang));
            }
            s
        }
    };
    // which fields changed is decided on the fields themselves; only then are they named
    let (changed, others) = match (&c.before, &c.after) {
        (Some(b), Some(a)) => (b.changed(a), b.extra() != a.extra()),
        _ => (Vec::new(), false),
    };
    let only_status = changed == [Field::Status] && !others;
    let fields = match (&c.before, &c.after) {
        (Some(b), Some(a)) if !only_status => b.changed_names(a, lang),
        _ => Vec::new(),
    };
    if fields.is_empty() {
        format!("{} → {}", show(&c.before), show(&c.after))
    } else {
        let sep = lang.pick(", ", "、");
        format!(
            "{} → {} ({})",
            show(&c.before),
            show(&c.after),
            fields.join(sep)
        )
    }
}

/// The building as the shared history holds it: every personal value taken out of its units and
/// companies (they live in the private store, whose own history says how they changed).
pub fn shared_only(b: &mut Building) {
    for u in &mut b.units {
        u.record = crate::private::shared_record(&u.record);
    }
    for c in &mut b.companies {
        c.record = crate::private::shared_company(&c.record);
    }
}
