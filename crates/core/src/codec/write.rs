//! Writing building files with toml_edit: the canonical unit line, new files, one-line edits
//! that keep decor, and the canonical form of a whole file. Pure.

use super::values::{encode, extra_value, string};
use crate::fields::{FIELDS, Record};
use crate::layout;
use crate::model::Building;
use std::collections::HashMap;

use super::Spans;

/// The canonical one-line value of a unit: fields in schema order, so equal records print equally.
pub fn record_value(r: &Record) -> toml_edit::InlineTable {
    let mut t = toml_edit::InlineTable::new();
    for spec in FIELDS {
        if let Some(v) = encode(&spec.field.get(r)) {
            t.insert(spec.key, v);
        }
    }
    for (k, src) in r.extra() {
        if let Some(v) = extra_value(src) {
            t.insert(&**k, v);
        }
    }
    t.fmt();
    t
}

/// The text `loupan new` writes: a short header, the layout, then every unit's line.
pub fn new_building_text(name: &str, floors: usize, per_floor: usize) -> String {
    let floor_labels: Vec<String> = (1..=floors).map(|f| f.to_string()).collect();
    let shape = layout::build(&floor_labels, per_floor, &[]);
    let mut out = String::with_capacity(floors * per_floor * 40 + 200);
    out.push_str("# loupan building: one line per unit, top floor first (see docs/formats.md).\n");
    out.push_str(&format!("name = {}\n", string(name)));
    out.push_str(&format!(
        "floors = {floors}\nunits-per-floor = {per_floor}\n\n[units]\n"
    ));
    let unknown = record_value(&Record::default()).to_string();
    let mut first = true;
    for (_, labels) in &shape {
        for l in labels {
            if !first {
                out.push('\n');
            }
            first = false;
            out.push_str(&format!(
                "{} = {}\n",
                toml_edit::Key::new(l.as_str()),
                unknown.trim()
            ));
        }
    }
    out
}

/// Sets one unit's line in a document, keeping the comments around it. A unit without a line
/// (hand-written files may omit unknown units) gets one at the end of [units].
pub fn set_unit(doc: &mut toml_edit::DocumentMut, label: &str, r: &Record) {
    let units = doc
        .entry("units")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
    if let Some(units) = units.as_table_like_mut() {
        put_unit(units, label, r);
    }
}

/// Sets `label = { … }` in a table, keeping the old value's decor (a trailing comment stays).
fn put_unit(units: &mut dyn toml_edit::TableLike, label: &str, r: &Record) {
    put_line(units, label, toml_edit::Value::InlineTable(record_value(r)));
}

/// Sets `key = value` in a table, one line each: an old value's decor (a trailing comment) is
/// kept, a new key goes on a line of its own at the end.
pub(super) fn put_line(
    units: &mut dyn toml_edit::TableLike,
    label: &str,
    mut value: toml_edit::Value,
) {
    match units.get_mut(label) {
        Some(item) => {
            if let Some(old) = item.as_value() {
                *value.decor_mut() = old.decor().clone();
            } else {
                value.decor_mut().set_prefix(" ");
            }
            *item = toml_edit::Item::Value(value);
        }
        None => {
            value.decor_mut().set_prefix(" ");
            let prefix = if units.is_empty() { "" } else { "\n" };
            units.insert(label, toml_edit::Item::Value(value));
            if let Some(mut k) = units.key_mut(label) {
                k.leaf_decor_mut().set_prefix(prefix);
            }
        }
    }
}

/// A whole-document edit that keeps how the file is written: a leading byte-order mark stays, and
/// a file with Windows line ends is edited as `\n` text and given back with `\r\n`, so that a
/// save never leaves mixed line ends.
pub fn keeping_form(text: &str, edit: impl FnOnce(&str) -> Option<String>) -> Option<String> {
    if let Some(rest) = text.strip_prefix('\u{FEFF}') {
        return keeping_form(rest, edit).map(|t| format!("\u{FEFF}{t}"));
    }
    if text.contains("\r\n") {
        edit(&text.replace("\r\n", "\n")).map(|t| t.replace('\n', "\r\n"))
    } else {
        edit(text)
    }
}

/// Edits unit lines in place: each changed unit's line is parsed alone with toml_edit, its value
/// replaced keeping the decor (a trailing comment stays), and spliced back; every other byte is
/// untouched, CRLF line ends included. A unit that a hand edit spread over several lines comes
/// back on one. `None` when a unit has no line or its line is unusual (the caller then edits the
/// whole document).
pub fn edit_lines(
    text: &str,
    spans: &Spans,
    b: &Building,
    changes: &[(usize, Record)],
) -> Option<String> {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::with_capacity(changes.len());
    for (i, r) in changes {
        let span = spans.get(*i)?.clone()?;
        let start = text[..span.start].rfind('\n').map_or(0, |n| n + 1);
        let mut end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |n| span.end + n);
        if text[..end].ends_with('\r') {
            end -= 1;
        }
        let line = &text[start..end];
        // the line alone is a one-key document: `LABEL = { … }` at its root
        let mut doc: toml_edit::DocumentMut = line.parse().ok()?;
        if doc.len() != 1 || doc.get(&b.units[*i].label).is_none() {
            return None;
        }
        put_unit(doc.as_table_mut(), &b.units[*i].label, r);
        let new = doc.to_string();
        let new = new.strip_suffix('\n').unwrap_or(&new);
        if new.contains(['\n', '\r']) {
            return None;
        }
        edits.push((start..end, new.to_string()));
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (range, new) in edits {
        out.replace_range(range, &new);
    }
    Some(out)
}

/// Canonical form: every unit of the layout has its line, in layout order, one blank line between
/// lines, canonical field order. Comments on and above unit lines are kept; the rest is untouched.
pub fn canonical_text(text: &str, b: &Building) -> Result<String, String> {
    if text.starts_with('\u{FEFF}') || text.contains("\r\n") {
        let mut why = String::new();
        return keeping_form(text, |t| canonical_text(t, b).map_err(|e| why = e).ok()).ok_or(why);
    }
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let units = doc
        .entry("units")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
    let Some(units) = units.as_table_mut() else {
        return Err("[units] must be a table".into());
    };
    let mut old: HashMap<String, (Vec<String>, Option<String>)> = HashMap::new();
    for (k, item) in units.iter() {
        let prefix = units
            .key(k)
            .and_then(|key| key.leaf_decor().prefix())
            .and_then(|p| p.as_str())
            .unwrap_or("");
        let comments: Vec<String> = prefix
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with('#'))
            .map(String::from)
            .collect();
        let suffix = item
            .as_value()
            .and_then(|v| v.decor().suffix())
            .and_then(|s| s.as_str())
            .map(str::trim)
            .filter(|s| s.starts_with('#'))
            .map(String::from);
        old.insert(k.to_string(), (comments, suffix));
    }
    units.clear();
    for (i, u) in b.units.iter().enumerate() {
        let mut value = toml_edit::Value::InlineTable(record_value(&u.record));
        let (comments, suffix) = old.remove(&*u.label).unwrap_or_default();
        value
            .decor_mut()
            .set_suffix(suffix.map(|s| format!(" {s}")).unwrap_or_default());
        value.decor_mut().set_prefix(" ");
        let mut prefix = String::new();
        if i > 0 {
            prefix.push('\n');
        }
        for c in comments {
            prefix.push_str(&c);
            prefix.push('\n');
        }
        let mut key = toml_edit::Key::new(&*u.label);
        key.leaf_decor_mut().set_prefix(prefix);
        key.leaf_decor_mut().set_suffix(" ");
        units.insert_formatted(&key, toml_edit::Item::Value(value));
    }
    Ok(doc.to_string())
}
