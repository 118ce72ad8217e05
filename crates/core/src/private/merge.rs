//! Merging two laptops' private stores (docs/spec.md §12): three-way, by record and then by field, as
//! the shared files merge — two people's different units, or different fields of one unit, both
//! kept; the same field changed both ways keeps ours (and is counted, to be told). The base may
//! be the last version both laptops agreed on rather than a common ancestor: after a purge on
//! another laptop, what this laptop did not change since then is taken as the other laptop has
//! it — purged values included — and what it changed arrives. Pure.

use super::{CompanyValues, Isolation, Private, UnitValues};
use crate::text::SmallStr;
use std::collections::BTreeMap;

/// Three-way merge of two maps; `both` settles a key both sides changed (and both still hold).
/// A key one side removed and the other left alone is removed; removed on one side and changed
/// on the other, the change is kept.
pub fn merge_maps<K: Ord + Clone, V: PartialEq + Clone>(
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    mut both: impl FnMut(Option<&V>, &V, &V) -> V,
) -> BTreeMap<K, V> {
    let mut out = BTreeMap::new();
    let keys: std::collections::BTreeSet<&K> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    for k in keys {
        let (b, o, t) = (base.get(k), ours.get(k), theirs.get(k));
        let v = match (o, t) {
            _ if o == t => o.cloned(),
            _ if o == b => t.cloned(),
            _ if t == b => o.cloned(),
            (Some(o), Some(t)) => Some(both(b, o, t)),
            (Some(o), None) => Some(o.clone()),
            (None, Some(t)) => Some(t.clone()),
            (None, None) => None,
        };
        if let Some(v) = v {
            out.insert(k.clone(), v);
        }
    }
    out
}

/// Fields of one record that both sides changed: field by field; the same field both ways is
/// ours, and counted.
fn fields<F: Ord + Copy>(
    b: Option<&Vec<(F, SmallStr)>>,
    o: &[(F, SmallStr)],
    t: &[(F, SmallStr)],
    clashes: &mut usize,
) -> Vec<(F, SmallStr)> {
    let map = |v: &[(F, SmallStr)]| v.iter().cloned().collect::<BTreeMap<F, SmallStr>>();
    let base = b.map(|v| map(v)).unwrap_or_default();
    let merged = merge_maps(&base, &map(o), &map(t), |_, o, _| {
        *clashes += 1;
        o.clone()
    });
    merged.into_iter().collect()
}

/// Two laptops' records of one isolation: an end recorded is kept (the earlier of two), and
/// the store then checks it against the shared status (a new isolation reopens it).
fn isolation(o: Isolation, t: Isolation) -> Isolation {
    match (o, t) {
        (Isolation::Ended(a), Isolation::Ended(b)) => Isolation::Ended(a.min(b)),
        (Isolation::Ended(d), _) | (_, Isolation::Ended(d)) => Isolation::Ended(d),
        (Isolation::Open, _) | (_, Isolation::Open) => Isolation::Open,
        _ => Isolation::None,
    }
}

/// Three-way merge of a building's personal values; and how many fields clashed.
pub fn merge_private(base: &Private, ours: &Private, theirs: &Private) -> (Private, usize) {
    let mut clashes = 0;
    let units = merge_maps(&base.units, &ours.units, &theirs.units, |b, o, t| {
        UnitValues {
            values: fields(b.map(|b| &b.values), &o.values, &t.values, &mut clashes),
            // the earlier vacancy, and an isolation's end over its being open: each counts
            // retention from the first day either laptop saw
            vacant_since: match (o.vacant_since, t.vacant_since) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            isolation: isolation(o.isolation, t.isolation),
        }
    });
    let companies = merge_maps(
        &base.companies,
        &ours.companies,
        &theirs.companies,
        |b, o, t| CompanyValues {
            values: fields(b.map(|b| &b.values), &o.values, &t.values, &mut clashes),
        },
    );
    let units = units
        .into_iter()
        .filter(|(_, v)| !v.values.is_empty())
        .collect();
    (Private { units, companies }, clashes)
}

/// A day's notes (entry id → note) as their file holds them.
pub fn parse_notes(text: &str) -> BTreeMap<SmallStr, SmallStr> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Ok(table) = toml::from_str::<toml::Table>(t) {
            for (k, v) in table {
                if let Some(s) = v.as_str() {
                    out.insert(SmallStr::from(k.as_str()), SmallStr::from(s));
                }
            }
        }
    }
    out
}

/// One note's line (without its line end).
pub fn note_line(id: &str, note: &str) -> String {
    format!(
        "{} = {}",
        toml_edit::Key::new(id),
        crate::codec::toml_string(note)
    )
}

/// A day's notes file, by entry id.
pub fn encode_notes(notes: &BTreeMap<SmallStr, SmallStr>) -> String {
    notes.iter().map(|(k, v)| note_line(k, v) + "\n").collect()
}

/// Merges one file of the private store, by what it is: a building's values, a day's notes, the
/// audit log (every line of both, in time order). `None`: the file is not there after the merge.
/// A file that does not read on one side keeps ours as it is (told by `loupan check`).
pub fn merge_file(
    path: &str,
    base: Option<&str>,
    ours: Option<&str>,
    theirs: Option<&str>,
) -> (Option<String>, usize) {
    let b = base.unwrap_or("");
    if path == "audit.log" {
        let mut lines: Vec<&str> = ours
            .unwrap_or("")
            .lines()
            .chain(theirs.unwrap_or("").lines())
            .collect();
        lines.sort_unstable();
        lines.dedup();
        return (Some(lines.iter().map(|l| format!("{l}\n")).collect()), 0);
    }
    if path.starts_with("journal/") {
        let m = merge_maps(
            &parse_notes(b),
            &parse_notes(ours.unwrap_or("")),
            &parse_notes(theirs.unwrap_or("")),
            |_, o, _| o.clone(),
        );
        return ((!m.is_empty()).then(|| encode_notes(&m)), 0);
    }
    let read = |t: Option<&str>| super::parse(t.unwrap_or(""));
    match (read(base), read(ours), read(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => {
            let (m, clashes) = merge_private(&b, &o, &t);
            ((!m.is_empty()).then(|| super::encode(&m)), clashes)
        }
        _ => (ours.map(str::to_string), 0),
    }
}
