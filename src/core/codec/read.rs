//! Reading a building file: spanned TOML → model, every problem located. Pure.

use super::conflict::conflict_problems;
use super::{Problem, position};
use crate::core::layout::{self, FloorOverride};
use crate::core::model::{Building, Floor, Record, Unit};
use crate::core::status::Status;
use crate::core::text::SmallStr;
use jiff::civil::Date;
use std::collections::HashMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

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
