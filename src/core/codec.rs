//! Building files: TOML text ↔ model, with every problem located at line and column. Pure.
//!
//! Reading uses the `toml` crate's spanned parser (fast, positions for every key and value);
//! writing uses `toml_edit` on the one document being changed, so comments and hand formatting
//! survive. See README "File format".

use super::layout::{self, FloorOverride};
use super::model::{Building, Floor, Record, Unit};
use super::status::Status;
use super::text::SmallStr;
use jiff::civil::Date;
use std::collections::HashMap;
use std::fmt;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One thing wrong with a file, located in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

struct Problems<'t> {
    text: &'t str,
    list: Vec<Problem>,
    /// When asked for: the byte range of each unit's value, by unit index (the write path edits
    /// that one line).
    spans: Option<Vec<Option<std::ops::Range<usize>>>>,
}

impl Problems<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, col) = position(self.text, offset);
        self.list.push(Problem {
            line,
            col,
            message: message.into(),
        });
    }
}

/// Parses a building file. Any problem makes the whole file unusable for editing, so all of them
/// are returned together, in file order.
pub fn parse(id: &str, bytes: &[u8]) -> Result<Building, Vec<Problem>> {
    parse_inner(id, bytes, false).map(|(b, _)| b)
}

/// Byte ranges of unit values, by unit index; `None` for a unit without a line.
pub type Spans = Vec<Option<std::ops::Range<usize>>>;

/// `parse`, plus where each unit's value stands in the text.
pub fn parse_spanned(id: &str, bytes: &[u8]) -> Result<(Building, Spans), Vec<Problem>> {
    parse_inner(id, bytes, true)
}

fn parse_inner(
    id: &str,
    bytes: &[u8],
    want_spans: bool,
) -> Result<(Building, Spans), Vec<Problem>> {
    let one = |line, col, message: String| Err(vec![Problem { line, col, message }]);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return one(
            1,
            1,
            "the file is empty; a building needs `name`, `floors`, `units-per-floor` and a [units] table \
             (`loupan new` writes one)"
                .into(),
        );
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        let before = String::from_utf8_lossy(&bytes[..at]);
        let (l, c) = position(&before, before.len());
        return one(
            l,
            c,
            "this is not a text file (it contains binary data); restore it from git".into(),
        );
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let (l, c) = position(good, good.len());
            return one(
                l,
                c,
                "this is not UTF-8 text (binary data, or another encoding); save it as UTF-8 or restore it from git"
                    .into(),
            );
        }
    };
    let conflicts = conflict_problems(text);
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let (l, c) = position(text, offset);
            return one(l, c, friendly_syntax_error(e.message(), text, offset));
        }
    };
    let mut p = Problems {
        text,
        list: Vec::new(),
        spans: want_spans.then(Vec::new),
    };
    let building = read_building(id, text, root.get_ref(), &mut p);
    match building {
        Some(b) if p.list.is_empty() => Ok((b, p.spans.unwrap_or_default())),
        _ => {
            p.list.sort_by_key(|x| (x.line, x.col));
            Err(p.list)
        }
    }
}

/// The toml crate's messages, in words a station worker understands.
fn friendly_syntax_error(message: &str, text: &str, offset: usize) -> String {
    let m = message.trim();
    let low = m.to_lowercase();
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    if low.contains("duplicate key") {
        return "this key is already set above: a unit (or field) listed twice; keep one line per unit".into();
    }
    if line.matches('"').count() % 2 == 1 {
        return "a quoted text is not closed: add the missing `\"` on this line".into();
    }
    if low.contains("unclosed inline table") || low.contains("unclosed table") {
        return "this unit's line is not finished: it must be `LABEL = { status = \"…\", … }` with the closing `}` \
                on the same line"
            .into();
    }
    if low.contains("invalid date") || low.contains("day") && low.contains("month") {
        return format!("this is not a real date ({m}); write dates as 2020-02-10");
    }
    if low.contains("must be quoted") {
        return "text must be in quotes, e.g. status = \"healthy\", name = \"王家\"".into();
    }
    if low.contains("key with no value") {
        return "`=` is missing after the key; write e.g. 1203 = { status = \"healthy\" }".into();
    }
    if low.contains("missing value")
        || low.contains("invalid literal string")
        || low.contains("expected value")
    {
        return "a value is missing after `=` on this line; e.g. status = \"healthy\"".into();
    }
    format!("this line is not valid TOML ({m}); check quotes, `=`, commas and braces")
}

/// Git leaves `<<<<<<<`, `=======`, `>>>>>>>` lines when a merge stopped; say which units differ.
fn conflict_problems(text: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if !line.starts_with("<<<<<<<") {
            if line.starts_with(">>>>>>>") || line.trim_end() == "=======" {
                out.push(Problem {
                    line: n + 1,
                    col: 1,
                    message: "stray git merge conflict marker; remove it".into(),
                });
            }
            continue;
        }
        let (mut ours, mut theirs, mut in_theirs) = (Vec::new(), Vec::new(), false);
        for (_, l) in lines.by_ref() {
            if l.starts_with(">>>>>>>") {
                break;
            } else if l.starts_with("=======") {
                in_theirs = true;
            } else if l.starts_with("|||||||") {
                // diff3 base section: skip until =======
                in_theirs = false;
                ours.push("\u{0}".to_string());
            } else if in_theirs {
                theirs.push(l.to_string());
            } else if ours.last().is_none_or(|x| x != "\u{0}") {
                ours.push(l.to_string());
            }
        }
        ours.retain(|x| x != "\u{0}");
        let mut message = format!(
            "unresolved git merge conflict at line {}: keep one version of each unit, delete the marker lines, \
             then run `loupan check`",
            n + 1
        );
        for d in describe_conflict(&ours, &theirs) {
            message.push_str("\n    ");
            message.push_str(&d);
        }
        out.push(Problem {
            line: n + 1,
            col: 1,
            message,
        });
    }
    out
}

/// "unit 301: status is resumed here, not-resumed in the other branch" per differing field.
fn describe_conflict(ours: &[String], theirs: &[String]) -> Vec<String> {
    let parse_side = |lines: &[String]| -> Vec<(String, HashMap<String, String>)> {
        lines
            .iter()
            .filter_map(|l| {
                let t = DeTable::parse(l).ok()?;
                let (k, v) = t.get_ref().iter().next()?;
                let fields = match v.get_ref() {
                    DeValue::Table(t) => t
                        .iter()
                        .map(|(k, v)| (k.get_ref().to_string(), show_value(l, v)))
                        .collect(),
                    _ => HashMap::new(),
                };
                Some((k.get_ref().to_string(), fields))
            })
            .collect()
    };
    let (a, b) = (parse_side(ours), parse_side(theirs));
    let mut out = Vec::new();
    for (unit, fa) in &a {
        let Some((_, fb)) = b.iter().find(|(u, _)| u == unit) else {
            continue;
        };
        let mut keys: Vec<&String> = fa.keys().chain(fb.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let (x, y) = (fa.get(k), fb.get(k));
            if x != y {
                let none = "(not set)".to_string();
                out.push(format!(
                    "unit {unit}: {k} is {} on our side, {} on theirs",
                    x.unwrap_or(&none),
                    y.unwrap_or(&none)
                ));
            }
        }
    }
    out
}

fn show_value(src: &str, v: &Spanned<DeValue<'_>>) -> String {
    match v.get_ref() {
        DeValue::String(s) => s.to_string(),
        _ => src[v.span()].to_string(),
    }
}

fn key_str<'a>(k: &'a Spanned<std::borrow::Cow<'_, str>>) -> &'a str {
    k.get_ref().as_ref()
}

fn read_building(
    id: &str,
    text: &str,
    root: &DeTable<'_>,
    p: &mut Problems<'_>,
) -> Option<Building> {
    let mut name = None;
    let mut floors_spec: Option<(Vec<String>, usize)> = None;
    let mut per_floor: Option<usize> = None;
    let mut overrides: Vec<(String, FloorOverride, usize)> = Vec::new();
    let mut units_table = None;
    for (k, v) in root.iter() {
        let at = v.span().start;
        match key_str(k) {
            "name" => match v.get_ref() {
                DeValue::String(s) => name = Some(s.to_string()),
                _ => p.at(at, "`name` must be a quoted text, e.g. name = \"海港大厦\""),
            },
            "floors" => match v.get_ref() {
                DeValue::Integer(i) => match int(i) {
                    Some(n) if (1..=999).contains(&n) => {
                        floors_spec = Some(((1..=n).map(|f| f.to_string()).collect(), at))
                    }
                    _ => p.at(at, "`floors` must be a number from 1 to 999, or a list like \"B1, 1-12\""),
                },
                DeValue::String(s) => match layout::parse_floors(s) {
                    Ok(f) => floors_spec = Some((f, at)),
                    Err(e) => p.at(at, e),
                },
                _ => p.at(at, "`floors` must be a number (floors = 12) or a list (floors = \"B1, 1-12\")"),
            },
            "units-per-floor" => match v.get_ref() {
                DeValue::Integer(i) => match int(i) {
                    Some(n) if (1..=999).contains(&n) => per_floor = Some(n as usize),
                    _ => p.at(at, "`units-per-floor` must be a number from 1 to 999"),
                },
                _ => p.at(at, "`units-per-floor` must be a number, e.g. units-per-floor = 8"),
            },
            "floor" => match v.get_ref() {
                DeValue::Table(t) => {
                    for (fk, fv) in t.iter() {
                        let fat = fv.span().start;
                        let o = match fv.get_ref() {
                            DeValue::Integer(i) => match int(i) {
                                Some(n) if (1..=999).contains(&n) => FloorOverride::Count(n as usize),
                                _ => {
                                    p.at(fat, "a floor's unit count must be a number from 1 to 999");
                                    continue;
                                }
                            },
                            DeValue::Array(a) => {
                                let mut labels = Vec::new();
                                for item in a.iter() {
                                    match item.get_ref() {
                                        DeValue::String(s) if !s.trim().is_empty() => labels.push(s.to_string()),
                                        _ => p.at(item.span().start, "unit labels must be quoted, non-empty texts"),
                                    }
                                }
                                if labels.is_empty() {
                                    p.at(fat, "a floor needs at least one unit label");
                                }
                                FloorOverride::Labels(labels)
                            }
                            _ => {
                                p.at(fat, "a floor is a unit count (1 = 4) or a list of labels (B1 = [\"P1\", \"P2\"])");
                                continue;
                            }
                        };
                        overrides.push((key_str(fk).to_string(), o, k.span().start.max(fk.span().start)));
                    }
                }
                _ => p.at(at, "`floor` must be a table: [floor] then lines like 1 = 4"),
            },
            "units" => match v.get_ref() {
                DeValue::Table(t) => units_table = Some(t),
                _ => p.at(
                    at,
                    "`units` must be the [units] table (one line per unit); the count per floor is `units-per-floor`",
                ),
            },
            _ => {} // other top-level keys are the user's and are kept
        }
    }
    let Some((floors, _)) = floors_spec else {
        if p.list.is_empty() {
            p.at(
                0,
                "the building has no `floors`; add e.g. floors = 12 (or \"B1, 1-12\")",
            );
        }
        return None;
    };
    for (label, _, at) in &overrides {
        if !floors.contains(label) {
            p.at(
                *at,
                format!("[floor] names floor {label}, which is not in `floors`"),
            );
        }
    }
    let per_floor = match per_floor {
        Some(n) => n,
        None if floors
            .iter()
            .all(|f| overrides.iter().any(|(l, _, _)| l == f)) =>
        {
            0
        }
        None => {
            p.at(
                0,
                "the building has no `units-per-floor`; add e.g. units-per-floor = 8",
            );
            return None;
        }
    };
    let plain: Vec<(String, FloorOverride)> =
        overrides.into_iter().map(|(l, o, _)| (l, o)).collect();
    let shape = layout::build(&floors, per_floor, &plain);
    let mut b = Building {
        id: id.to_string(),
        name: name.unwrap_or_else(|| id.to_string()),
        floors: Vec::with_capacity(shape.len()),
        units: Vec::with_capacity(shape.iter().map(|(_, u)| u.len()).sum()),
    };
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (floor, labels) in &shape {
        b.floors.push(Floor {
            label: floor.as_str().into(),
            start: b.units.len(),
            len: labels.len(),
        });
        for l in labels {
            if index.insert(l.as_str(), b.units.len()).is_some() {
                p.at(0, format!("unit label {l} is used twice in the layout; give the floors distinct labels"));
            }
            b.units.push(Unit {
                label: l.as_str().into(),
                record: Record::default(),
            });
        }
    }
    if let Some(spans) = &mut p.spans {
        *spans = vec![None; b.units.len()];
    }
    if let Some(t) = units_table {
        for (k, v) in t.iter() {
            let label = key_str(k);
            let Some(&i) = index.get(label) else {
                p.at(
                    k.span().start,
                    format!(
                        "unit {label} is not in this building's layout (floors {}); fix the label, or add its floor \
                         to `floors` / [floor]",
                        layout::format_floors(&floors)
                    ),
                );
                continue;
            };
            if let Some(spans) = &mut p.spans {
                spans[i] = Some(v.span());
            }
            if let Some(r) = read_record(label, text, v, p) {
                b.units[i].record = r;
            }
        }
    }
    Some(b)
}

fn int(i: &toml::de::DeInteger<'_>) -> Option<i64> {
    i64::from_str_radix(i.as_str(), i.radix()).ok()
}

fn read_record(
    label: &str,
    text: &str,
    v: &Spanned<DeValue<'_>>,
    p: &mut Problems<'_>,
) -> Option<Record> {
    let DeValue::Table(t) = v.get_ref() else {
        p.at(
            v.span().start,
            format!("unit {label} must be written as {label} = {{ status = \"unknown\" }}"),
        );
        return None;
    };
    let mut r = Record::default();
    let mut has_status = false;
    let mut extra: Vec<(Box<str>, Box<str>)> = Vec::new();
    let before = p.list.len();
    for (k, fv) in t.iter() {
        let at = fv.span().start;
        let key = key_str(k);
        let text_field = |p: &mut Problems<'_>| match fv.get_ref() {
            DeValue::String(s) => Some(SmallStr::from(s.as_ref())),
            _ => {
                p.at(at, format!("unit {label}: `{key}` must be a quoted text"));
                None
            }
        };
        match key {
            "status" => match fv.get_ref() {
                DeValue::String(s) => match Status::parse(s) {
                    Some(st) => {
                        r.status = st;
                        has_status = true;
                    }
                    None => p.at(
                        at,
                        format!(
                            "unit {label}: unknown status \"{s}\"; did you mean \"{}\"? (valid: {})",
                            Status::nearest(s).key(),
                            Status::all_keys()
                        ),
                    ),
                },
                _ => p.at(at, format!("unit {label}: `status` must be quoted, e.g. status = \"healthy\"")),
            },
            "live-work" => match fv.get_ref() {
                DeValue::Boolean(b) => r.live_work = *b,
                _ => p.at(at, format!("unit {label}: `live-work` must be true or false")),
            },
            "name" => r.name = text_field(p),
            "contact" => r.contact = text_field(p),
            "note" => r.note = text_field(p),
            "people" => match fv.get_ref() {
                DeValue::Integer(i) => match int(i) {
                    Some(n) if n >= 0 => match u32::try_from(n) {
                        Ok(n) => r.people = Some(n),
                        Err(_) => p.at(at, format!("unit {label}: `people` = {n} is not a plausible count")),
                    },
                    _ => p.at(at, format!("unit {label}: `people` cannot be negative")),
                },
                _ => p.at(at, format!("unit {label}: `people` must be a whole number, e.g. people = 3")),
            },
            "since" | "until" | "checked" => {
                let d = match fv.get_ref() {
                    DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                        (Some(d), None, None) => match Date::new(d.year as i16, d.month as i8, d.day as i8) {
                            Ok(d) => Some(d),
                            Err(_) => {
                                p.at(at, format!("unit {label}: `{key}` = {dt} is not a real date"));
                                None
                            }
                        },
                        _ => {
                            p.at(at, format!("unit {label}: `{key}` must be a date without time, e.g. 2020-02-10"));
                            None
                        }
                    },
                    DeValue::String(s) => {
                        p.at(
                            at,
                            format!("unit {label}: `{key}` must be a date without quotes, e.g. {key} = 2020-02-10 (found \"{s}\")"),
                        );
                        None
                    }
                    _ => {
                        p.at(at, format!("unit {label}: `{key}` must be a date, e.g. {key} = 2020-02-10"));
                        None
                    }
                };
                match key {
                    "since" => r.since = d,
                    "until" => r.until = d,
                    _ => r.checked = d,
                }
            }
            other => extra.push((other.into(), text[fv.span()].into())),
        }
    }
    r.extra = extra.into_boxed_slice();
    if !has_status && p.list.len() == before {
        p.at(
            v.span().start,
            format!(
                "unit {label} has no status; add status = \"unknown\" if nobody has checked it yet"
            ),
        );
    }
    if let (Some(s), Some(u)) = (r.since, r.until)
        && u < s
    {
        p.at(
            v.span().start,
            format!("unit {label}: `until` {u} is before `since` {s}"),
        );
    }
    Some(r)
}

/// The canonical one-line value of a unit: fields in a fixed order, so equal records print equally.
pub fn record_value(r: &Record) -> toml_edit::InlineTable {
    use toml_edit::Value;
    let mut t = toml_edit::InlineTable::new();
    t.insert("status", Value::from(r.status.key()));
    if r.live_work {
        t.insert("live-work", Value::from(true));
    }
    if let Some(n) = &r.name {
        t.insert("name", Value::from(&**n));
    }
    if let Some(n) = r.people {
        t.insert("people", Value::from(i64::from(n)));
    }
    if let Some(c) = &r.contact {
        t.insert("contact", Value::from(&**c));
    }
    if let Some(n) = &r.note {
        t.insert("note", Value::from(&**n));
    }
    for (k, d) in [
        ("since", r.since),
        ("until", r.until),
        ("checked", r.checked),
    ] {
        if let Some(d) = d {
            t.insert(k, Value::from(toml_date(d)));
        }
    }
    for (k, src) in &r.extra {
        if let Ok(v) = src.parse::<Value>() {
            t.insert(&**k, v);
        }
    }
    t.fmt();
    t
}

pub fn toml_date(d: Date) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// The text `loupan new` writes: a short header, the layout, then every unit's line.
pub fn new_building_text(name: &str, floors: usize, per_floor: usize) -> String {
    let floor_labels: Vec<String> = (1..=floors).map(|f| f.to_string()).collect();
    let shape = layout::build(&floor_labels, per_floor, &[]);
    let mut out = String::with_capacity(floors * per_floor * 40 + 200);
    out.push_str(
        "# loupan building: one line per unit, top floor first (see README, \"File format\").\n",
    );
    out.push_str(&format!("name = {}\n", toml_edit::Value::from(name)));
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
    let Some(units) = units.as_table_like_mut() else {
        return;
    };
    let mut value = toml_edit::Value::InlineTable(record_value(r));
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

/// Edits unit lines in place: each changed unit's line is parsed alone with toml_edit, its value
/// replaced keeping the decor (a trailing comment stays), and spliced back; every other byte is
/// untouched. `None` when a unit has no line or its line is unusual (the caller then edits the
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
        let end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |n| span.end + n);
        let line = &text[start..end];
        if line.contains('\r') {
            return None;
        }
        let mut doc: toml_edit::DocumentMut = line.parse().ok()?;
        if doc.len() != 1 {
            return None;
        }
        set_unit(&mut doc, &b.units[*i].label, r);
        let new = doc.to_string();
        let new = new.strip_suffix('\n').unwrap_or(&new);
        if new.contains('\n') {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn msgs(text: &str) -> Vec<String> {
        parse("t", text.as_bytes())
            .err()
            .unwrap_or_default()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn new_text_parses_and_is_canonical() {
        let t = new_building_text("测试大厦", 3, 2);
        let b = parse("t", t.as_bytes()).unwrap();
        assert_eq!(b.name, "测试大厦");
        assert_eq!(b.units.len(), 6);
        assert_eq!(&*b.units[0].label, "301");
        assert_eq!(&*b.units[5].label, "102");
        assert_eq!(canonical_text(&t, &b).unwrap(), t);
    }

    #[test]
    fn located_problems() {
        let base = "name = \"x\"\nfloors = 2\nunits-per-floor = 2\n[units]\n";
        let m = msgs(&format!("{base}101 = {{ status = \"isolatng\" }}\n"));
        assert!(
            m[0].starts_with("5:18:") && m[0].contains("did you mean \"isolating\""),
            "{m:?}"
        );
        let m = msgs(&format!("{base}901 = {{ status = \"vacant\" }}\n"));
        assert!(
            m[0].starts_with("5:1:") && m[0].contains("not in this building's layout"),
            "{m:?}"
        );
        let m = msgs(&format!(
            "{base}101 = {{ status = \"vacant\", people = -2 }}\n"
        ));
        assert!(m[0].contains("negative"), "{m:?}");
        let m = msgs(&format!(
            "{base}101 = {{ status = \"vacant\" }}\n101 = {{ status = \"vacant\" }}\n"
        ));
        assert!(m[0].starts_with("6:") && m[0].contains("twice"), "{m:?}");
        let m = msgs(&format!(
            "{base}101 = {{ status = \"isolating\", since = 2020-02-30 }}\n"
        ));
        assert!(m[0].starts_with("5:") && m[0].contains("date"), "{m:?}");
        let m = msgs(&format!("{base}101 = {{ status = \n"));
        assert!(m[0].starts_with("5:"), "{m:?}");
        assert!(msgs("")[0].contains("empty"));
        assert!(msgs("\0\u{1}")[0].contains("not a text file"));
    }

    #[test]
    fn conflict_markers_name_the_unit_and_both_values() {
        let t = "name = \"x\"\nfloors = 1\nunits-per-floor = 1\n[units]\n<<<<<<< ours\n101 = { status = \"resumed\" }\n=======\n101 = { status = \"not-resumed\" }\n>>>>>>> theirs\n";
        let m = msgs(t);
        assert!(
            m[0].starts_with("5:1:") && m[0].contains("conflict"),
            "{m:?}"
        );
        assert!(m[0].contains("101") && m[0].contains("not-resumed") && m[0].contains("resumed"));
    }

    #[test]
    fn extra_keys_and_fields_survive() {
        let t = "name = \"x\"\nfloors = 1\nunits-per-floor = 1\n[units]\n101 = { status = \"healthy\", pets = 2, name = \"王\" }\n";
        let b = parse("t", t.as_bytes()).unwrap();
        assert_eq!(
            b.units[0].record.extra,
            vec![("pets".into(), "2".into())].into_boxed_slice()
        );
        let v = record_value(&b.units[0].record).to_string();
        assert_eq!(
            v.trim(),
            "{ status = \"healthy\", name = \"王\", pets = 2 }"
        );
    }
}
