//! Unit-level differences between two versions of a building. Pure.

use super::model::{Building, Record};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitChange {
    pub unit: String,
    pub floor: String,
    pub before: Option<Record>,
    pub after: Option<Record>,
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

/// "unknown → isolating (status, since)" for review lists.
pub fn describe(c: &UnitChange) -> String {
    let show = |r: &Option<Record>| match r {
        None => "(none)".to_string(),
        Some(r) => {
            let mut s = r.status.key().to_string();
            if r.live_work {
                s.push_str("+live-work");
            }
            s
        }
    };
    let fields = match (&c.before, &c.after) {
        (Some(b), Some(a)) => b.changed_fields(a).join(", "),
        _ => String::new(),
    };
    if fields.is_empty() || fields == "status" {
        format!("{} → {}", show(&c.before), show(&c.after))
    } else {
        format!("{} → {} ({fields})", show(&c.before), show(&c.after))
    }
}
