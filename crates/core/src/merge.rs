//! Three-way merge of a building file, unit by unit and field by field (git's merge driver). Pure.
//!
//! Rules: a unit changed on one side only takes that side. A unit changed on both sides merges
//! field by field: a field changed on one side takes that side; changed identically on both, that
//! value; changed two ways, a conflict. The result keeps our text (comments, formatting) and
//! rewrites only the units that differ from ours. A conflicting unit is written as git writes a
//! conflict, ours then theirs, each with every other field merged, so `loupan check` can name it.

use super::codec;
use super::fields::{Field, Record};
use super::i18n::Text;
use super::model::Building;
use crate::tr;

pub enum Outcome {
    Clean(String),
    /// Merged text with conflict markers around the units listed.
    Conflicts(String, Vec<Text>),
    /// Not mergeable unit by unit (a side does not parse, or the layout or other parts of the
    /// file changed on their side); the caller falls back to a text merge.
    Text(String),
}

/// Field-level merge of one unit; `Err` carries both sides, each with every other field merged,
/// and names the fields changed two ways.
#[allow(clippy::result_large_err)] // called once per unit of one file
pub fn merge_record(
    base: &Record,
    ours: &Record,
    theirs: &Record,
) -> Result<Record, (Record, Record, Vec<&'static str>)> {
    if ours == theirs || theirs == base {
        return Ok(ours.clone());
    }
    if ours == base {
        return Ok(theirs.clone());
    }
    let mut conflicts = Vec::new();
    let mut o = ours.clone();
    let mut t = theirs.clone();
    for &f in Field::ALL {
        let (b, ov, tv) = (f.get(base), f.get(ours), f.get(theirs));
        if ov == tv {
            continue;
        }
        if ov == b {
            f.set(&mut o, tv);
        } else if tv == b {
            f.set(&mut t, ov);
        } else {
            conflicts.push(f.key());
        }
    }
    if ours.extra() != theirs.extra() {
        if ours.extra() == base.extra() {
            o.rare.set_extra(theirs.extra().into());
        } else if theirs.extra() == base.extra() {
            t.rare.set_extra(ours.extra().into());
        } else {
            conflicts.push("other fields");
        }
    }
    if conflicts.is_empty() {
        Ok(o)
    } else {
        Err((o, t, conflicts))
    }
}

/// Field keys as the Chinese interface names them.
fn zh_fields(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| {
            Field::from_key(k).map_or("其他字段", |f| f.spec().label(crate::i18n::Lang::Zh))
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn same_layout(a: &Building, b: &Building) -> bool {
    a.floors == b.floors
        && a.units
            .iter()
            .zip(&b.units)
            .all(|(x, y)| x.label == y.label)
}

/// Replays a building's unit records onto another text, giving the text that differs only in units.
fn with_units(text: &str, from: &Building, to: &Building) -> Option<String> {
    let mut doc: toml_edit::DocumentMut = text.parse().ok()?;
    for (f, t) in from.units.iter().zip(&to.units) {
        if f.record != t.record {
            codec::set_unit(&mut doc, &t.label, &t.record);
        }
    }
    for c in &to.companies {
        if !from.companies.contains(c) {
            codec::set_company(&mut doc, &c.id, Some(c));
        }
    }
    for c in &from.companies {
        if !to.companies.iter().any(|x| x.id == c.id) {
            codec::set_company(&mut doc, &c.id, None);
        }
    }
    Some(doc.to_string())
}

/// A unit's conflict: its label, both records (every other field merged), the fields two ways.
type UnitConflict = (String, Record, Record, Vec<&'static str>);

/// Unit by unit, field by field, into our document; a unit's status follows its companies.
fn merge_units(
    (b, o, t): (&Building, &Building, &Building),
    companies: &[crate::company::Company],
    doc: &mut toml_edit::DocumentMut,
    conflicts: &mut Vec<UnitConflict>,
) {
    for i in 0..b.units.len() {
        let (rb, ro, rt) = (&b.units[i].record, &o.units[i].record, &t.units[i].record);
        let label = &o.units[i].label;
        let hosted = companies.iter().any(|c| c.in_unit(label));
        let derived = |mut r: Record| {
            if hosted {
                r.status = crate::company::unit_status(r.status, label, companies);
            }
            r
        };
        match merge_record(rb, ro, rt) {
            Ok(r) => {
                let r = derived(r);
                if r != *ro {
                    codec::set_unit(doc, label, &r);
                }
            }
            // a status two ways in a unit companies occupy is theirs to say: no conflict
            Err((mo, _, fields)) if hosted && fields == ["status"] => {
                let r = derived(mo);
                if r != *ro {
                    codec::set_unit(doc, label, &r);
                }
            }
            Err((mo, mt, fields)) => {
                if mo != *ro {
                    codec::set_unit(doc, label, &mo);
                }
                conflicts.push((label.to_string(), mo, mt, fields));
            }
        }
    }
}

pub fn merge(id: &str, base: &str, ours: &str, theirs: &str) -> Outcome {
    let parse = |t: &str| codec::parse(id, t.as_bytes());
    let (Ok(b), Ok(o), Ok(t)) = (parse(base), parse(ours), parse(theirs)) else {
        return Outcome::Text("a version does not parse".into());
    };
    if !same_layout(&b, &o) || !same_layout(&b, &t) || b.name != o.name || b.name != t.name {
        return Outcome::Text("the layout or name changed".into());
    }
    // Their change must be units only; anything else (comments, new keys) merges as text.
    if with_units(base, &b, &t).as_deref() != Some(theirs) {
        return Outcome::Text("their side changed more than unit lines".into());
    }
    let Ok(mut doc) = ours.parse::<toml_edit::DocumentMut>() else {
        return Outcome::Text("our side does not parse as TOML".into());
    };
    let mut conflicts: Vec<UnitConflict> = Vec::new();
    // companies first: a unit's status follows its companies, whatever each side wrote
    let (companies, clashes) =
        crate::company::merge::merge(&b.companies, &o.companies, &t.companies);
    for c in &companies {
        if !o.companies.contains(c) {
            codec::set_company(&mut doc, &c.id, Some(c));
        }
    }
    merge_units((&b, &o, &t), &companies, &mut doc, &mut conflicts);
    let text = doc.to_string();
    if conflicts.is_empty() && clashes.is_empty() {
        return Outcome::Clean(text);
    }
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut names = Vec::new();
    // a company filed two ways: both lines between the markers, as a unit's
    let companies_at = lines
        .iter()
        .position(|l| l.trim() == "[companies]")
        .unwrap_or(0);
    for c in &clashes {
        let value = codec::company_value(&c.theirs).to_string();
        if mark(&mut lines, companies_at, &c.theirs.id, value.trim()) {
            names.push(c.said.clone());
        }
    }
    for (label, _, theirs_rec, fields) in &conflicts {
        let value = codec::record_value(theirs_rec).to_string();
        if mark(&mut lines, 0, label, value.trim()) {
            let (en, zh) = (fields.join(", "), zh_fields(fields));
            names.push(tr!(
                "unit {label}: {en} changed on both sides",
                "单元 {label}：{zh} 双方都改了"
            ));
        }
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Outcome::Conflicts(out, names)
}

/// Puts git's markers around the line of `key` (searched from line `from` on): ours as written,
/// theirs as `value`. False when there is no such line.
fn mark(lines: &mut Vec<String>, from: usize, key: &str, value: &str) -> bool {
    let key = toml_edit::Key::new(key).to_string();
    let Some(at) = lines.iter().skip(from).position(|l| {
        l.trim_start()
            .strip_prefix(&key)
            .is_some_and(|r| r.trim_start().starts_with('='))
    }) else {
        return false;
    };
    let at = at + from;
    let ours = lines[at].clone();
    lines.splice(
        at..=at,
        [
            "<<<<<<< ours".to_string(),
            ours,
            "=======".to_string(),
            format!("{key} = {value}"),
            ">>>>>>> theirs".to_string(),
        ],
    );
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::new_building_text;

    fn set(text: &str, label: &str, f: impl Fn(&mut Record)) -> String {
        let b = codec::parse("t", text.as_bytes()).unwrap();
        let mut r = b.units[b.find(label).unwrap()].record.clone();
        f(&mut r);
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        codec::set_unit(&mut doc, label, &r);
        doc.to_string()
    }

    #[test]
    fn fields_merge_and_clash() {
        let base = new_building_text("t", 2, 2);
        let ours = set(&base, "201", |r| {
            r.status = crate::status::Status::Isolating
        });
        let theirs = set(&base, "201", |r| r.note = Some("phoned".into()));
        let Outcome::Clean(m) = merge("t", &base, &ours, &theirs) else {
            panic!("not clean")
        };
        let b = codec::parse("t", m.as_bytes()).unwrap();
        assert_eq!(b.units[0].record.note.as_deref(), Some("phoned"));
        assert_eq!(b.units[0].record.status, crate::status::Status::Isolating);

        let theirs = set(&base, "201", |r| r.status = crate::status::Status::Vacant);
        let Outcome::Conflicts(m, names) = merge("t", &base, &ours, &theirs) else {
            panic!("no conflict")
        };
        assert!(names[0].en.contains("201") && names[0].en.contains("status"));
        assert!(names[0].zh.contains("状态"), "{}", names[0].zh);
        let problems = codec::parse("t", m.as_bytes()).unwrap_err();
        assert!(
            problems[0].message.en.contains("isolating")
                && problems[0].message.en.contains("vacant")
        );
    }

    #[test]
    fn a_company_filed_two_ways_is_a_conflict_with_both_lines() {
        let base = format!(
            "{}\n[companies]\nc1 = {{ name = \"甲\", units = [\"101\"], status = \"resumed\", headcount = 10 }}\n",
            new_building_text("t", 1, 2)
        )
        .replace("101 = { status = \"unknown\" }", "101 = { status = \"resumed\" }");
        let ours = base.replace("headcount = 10", "headcount = 12");
        let theirs = base.replace("headcount = 10", "headcount = 11");
        let Outcome::Conflicts(m, names) = merge("t", &base, &ours, &theirs) else {
            panic!("no conflict")
        };
        assert!(names[0].en.contains("company 甲: headcount"), "{:?}", names);
        assert!(
            m.contains("<<<<<<< ours\nc1 = { name = \"甲\"") && m.contains("headcount = 11"),
            "{m}"
        );
        assert!(
            codec::parse("t", m.as_bytes()).is_err(),
            "the file says it holds a conflict"
        );
    }
}
