//! Reading a building file: spanned TOML → model, every problem located. Pure.

use super::conflict::conflict_problems;
use super::syntax::{as_text, friendly_syntax_error};
use super::values::{decode, int};
use super::{Problem, position};
use crate::display::inline;
use crate::fields::{Field, Record, validate};
use crate::i18n::Text;
use crate::layout::{self, FloorOverride};
use crate::model::{Building, Floor, Unit};
use crate::tr;
use std::collections::HashMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Byte ranges of unit values, by unit index; `None` for a unit without a line.
pub type Spans = Vec<Option<std::ops::Range<usize>>>;

struct Problems<'t> {
    text: &'t str,
    list: Vec<Problem>,
}

impl Problems<'_> {
    fn at(&mut self, offset: usize, message: Text) {
        let (line, col) = position(self.text, offset);
        self.list.push(Problem::error(line, col, message));
    }
}

const BOM: &str = "\u{FEFF}";

/// Parses a building file. Any problem makes the whole file unusable for editing, so all of them
/// are returned together, in file order.
pub fn parse(id: &str, bytes: &[u8]) -> Result<Building, Vec<Problem>> {
    parse_spanned(id, bytes).map(|(b, _)| b)
}

/// `parse`, plus where each unit's value stands in the bytes given (a byte-order mark included).
pub fn parse_spanned(id: &str, bytes: &[u8]) -> Result<(Building, Spans), Vec<Problem>> {
    let text = as_text(bytes)?;
    // A byte-order mark (Windows editors write one) is read past; positions stay as an editor
    // shows them, and spans still index the bytes given.
    let (text, shift) = match text.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (text, 0),
    };
    let conflicts = conflict_problems(text);
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    let root = DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let (l, c) = position(text, offset);
        vec![Problem::error(
            l,
            c,
            friendly_syntax_error(e.message(), text, offset),
        )]
    })?;
    let mut p = Problems {
        text,
        list: Vec::new(),
    };
    let built = read_building(id, root.get_ref(), &mut p);
    match built {
        Some((mut b, mut spans)) if p.list.is_empty() => {
            for s in spans.iter_mut().flatten() {
                *s = s.start + shift..s.end + shift;
            }
            // a unit's colour follows its companies: one rule, decided here for every reader
            crate::company::derive_units(&mut b);
            Ok((b, spans))
        }
        _ => {
            p.list.sort_by_key(|x| (x.line, x.col));
            Err(p.list)
        }
    }
}

/// One unit line read alone (`LABEL = { … }`): its label and record, or `None` unless the line is
/// exactly one unit that the whole file's reading would accept.
pub fn unit_line(line: &str) -> Option<(String, Record)> {
    let root = DeTable::parse(line).ok()?;
    let t = root.get_ref();
    let mut entries = t.iter();
    let (k, v) = entries.next()?;
    if entries.next().is_some() {
        return None;
    }
    let mut p = Problems {
        text: line,
        list: Vec::new(),
    };
    let label = key_str(k).to_string();
    let r = read_record(&label, v, &mut p)?;
    p.list.is_empty().then_some((label, r))
}

fn key_str<'a>(k: &'a Spanned<std::borrow::Cow<'_, str>>) -> &'a str {
    k.get_ref().as_ref()
}

/// The top of the file: name, floors, units per floor, floor overrides, and the [units] table.
struct Header<'a, 't> {
    name: Option<String>,
    floors: Option<Vec<String>>,
    per_floor: Option<usize>,
    overrides: Vec<(String, FloorOverride, usize)>,
    units: Option<&'a DeTable<'t>>,
    companies: Option<&'a DeTable<'t>>,
}

fn read_building<'t>(
    id: &str,
    root: &DeTable<'t>,
    p: &mut Problems<'_>,
) -> Option<(Building, Spans)> {
    let h = read_header(root, p);
    let Some(floors) = h.floors else {
        if p.list.is_empty() {
            p.at(
                0,
                tr!(
                    "the building has no `floors`; add e.g. floors = 12 (or \"B1, 1-12\")",
                    "这栋楼没有写 `floors`；请加上例如 floors = 12（或 \"B1, 1-12\"）"
                ),
            );
        }
        return None;
    };
    for (label, _, at) in &h.overrides {
        if !floors.contains(label) {
            let label = inline(label);
            p.at(
                *at,
                tr!(
                    "[floor] names floor {label}, which is not in `floors`",
                    "[floor] 里写了 {label} 层，但 `floors` 里没有这一层"
                ),
            );
        }
    }
    let all_overridden = floors
        .iter()
        .all(|f| h.overrides.iter().any(|(l, _, _)| l == f));
    let per_floor = match h.per_floor {
        Some(n) => n,
        None if all_overridden => 0,
        None => {
            p.at(
                0,
                tr!(
                    "the building has no `units-per-floor`; add e.g. units-per-floor = 8",
                    "这栋楼没有写 `units-per-floor`；请加上例如 units-per-floor = 8"
                ),
            );
            return None;
        }
    };
    let plain: Vec<(String, FloorOverride)> =
        h.overrides.into_iter().map(|(l, o, _)| (l, o)).collect();
    let mut b = build_layout(id, h.name, &floors, per_floor, &plain, p);
    let spans = match h.units {
        Some(t) => read_units(&mut b, &floors, t, p),
        None => vec![None; b.units.len()],
    };
    if let Some(t) = h.companies {
        b.companies = super::companies::read(&b, t, &mut |at, m| p.at(at, m));
    }
    Some((b, spans))
}

fn read_header<'a, 't>(root: &'a DeTable<'t>, p: &mut Problems<'_>) -> Header<'a, 't> {
    let mut h = Header {
        name: None,
        floors: None,
        per_floor: None,
        overrides: Vec::new(),
        units: None,
        companies: None,
    };
    for (k, v) in root.iter() {
        let at = v.span().start;
        match (key_str(k), v.get_ref()) {
            ("name", DeValue::String(s)) => h.name = Some(s.to_string()),
            ("name", _) => p.at(at, tr!(
                "`name` must be a quoted text, e.g. name = \"海港大厦\"",
                "`name` 要加引号，例如 name = \"海港大厦\""
            )),
            ("floors", DeValue::Integer(i)) => match int(i) {
                Some(n) if (1..=999).contains(&n) => h.floors = Some((1..=n).map(|f| f.to_string()).collect()),
                _ => p.at(at, tr!(
                    "`floors` must be a number from 1 to 999, or a list like \"B1, 1-12\"",
                    "`floors` 要写 1 到 999 的数字，或像 \"B1, 1-12\" 这样的列表"
                )),
            },
            ("floors", DeValue::String(s)) => match layout::parse_floors(s) {
                Ok(f) => h.floors = Some(f),
                Err(e) => p.at(at, e),
            },
            ("floors", _) => p.at(at, tr!(
                "`floors` must be a number (floors = 12) or a list (floors = \"B1, 1-12\")",
                "`floors` 要写数字（floors = 12）或列表（floors = \"B1, 1-12\"）"
            )),
            ("units-per-floor", DeValue::Integer(i)) => match int(i) {
                Some(n) if (1..=999).contains(&n) => h.per_floor = Some(n as usize),
                _ => p.at(at, tr!(
                    "`units-per-floor` must be a number from 1 to 999",
                    "`units-per-floor` 要写 1 到 999 的数字"
                )),
            },
            ("units-per-floor", _) => p.at(at, tr!(
                "`units-per-floor` must be a number, e.g. units-per-floor = 8",
                "`units-per-floor` 要写数字，例如 units-per-floor = 8"
            )),
            ("floor", DeValue::Table(t)) => read_overrides(t, k.span().start, &mut h.overrides, p),
            ("floor", _) => p.at(at, tr!(
                "`floor` must be a table: [floor] then lines like 1 = 4",
                "`floor` 要写成表：[floor] 下面写例如 1 = 4"
            )),
            ("units", DeValue::Table(t)) => h.units = Some(t),
            ("units", _) => p.at(at, tr!(
                "`units` must be the [units] table (one line per unit); the count per floor is `units-per-floor`",
                "`units` 要写成 [units] 表（每个单元一行）；每层单元数写在 `units-per-floor`"
            )),
            ("companies", DeValue::Table(t)) => h.companies = Some(t),
            ("companies", _) => p.at(at, tr!(
                "`companies` must be the [companies] table (one line per company)",
                "`companies` 要写成 [companies] 表（每家企业一行）"
            )),
            _ => {} // other top-level keys are the user's and are kept
        }
    }
    h
}

fn read_overrides(
    t: &DeTable<'_>,
    table_at: usize,
    out: &mut Vec<(String, FloorOverride, usize)>,
    p: &mut Problems<'_>,
) {
    for (fk, fv) in t.iter() {
        let fat = fv.span().start;
        let o = match fv.get_ref() {
            DeValue::Integer(i) => match int(i) {
                Some(n) if (1..=999).contains(&n) => FloorOverride::Count(n as usize),
                _ => {
                    p.at(
                        fat,
                        tr!(
                            "a floor's unit count must be a number from 1 to 999",
                            "每层单元数要写 1 到 999 的数字"
                        ),
                    );
                    continue;
                }
            },
            DeValue::Array(a) => {
                let mut labels = Vec::new();
                for item in a.iter() {
                    match item.get_ref() {
                        DeValue::String(s) if !s.trim().is_empty() => labels.push(s.to_string()),
                        _ => p.at(
                            item.span().start,
                            tr!(
                                "unit labels must be quoted, non-empty texts",
                                "门牌要加引号，且不能为空"
                            ),
                        ),
                    }
                }
                if labels.is_empty() {
                    p.at(
                        fat,
                        tr!(
                            "a floor needs at least one unit label",
                            "每层至少要有一个门牌"
                        ),
                    );
                }
                FloorOverride::Labels(labels)
            }
            _ => {
                p.at(fat, tr!(
                    "a floor is a unit count (1 = 4) or a list of labels (B1 = [\"P1\", \"P2\"])",
                    "一层要写单元数（1 = 4）或门牌列表（B1 = [\"P1\", \"P2\"]）"
                ));
                continue;
            }
        };
        out.push((key_str(fk).to_string(), o, table_at.max(fk.span().start)));
    }
}

fn build_layout(
    id: &str,
    name: Option<String>,
    floors: &[String],
    per_floor: usize,
    overrides: &[(String, FloorOverride)],
    p: &mut Problems<'_>,
) -> Building {
    let shape = layout::build(floors, per_floor, overrides);
    let mut b = Building {
        id: id.to_string(),
        name: name.unwrap_or_else(|| id.to_string()),
        floors: Vec::with_capacity(shape.len()),
        units: Vec::with_capacity(shape.iter().map(|(_, u)| u.len()).sum()),
        label_width: 1,
        floor_width: 1,
        companies: Vec::new(),
    };
    let shown = |s: &str| unicode_width::UnicodeWidthStr::width(&*inline(s)).min(200) as u16;
    let mut seen = std::collections::HashSet::new();
    for (floor, labels) in &shape {
        b.floor_width = b.floor_width.max(shown(floor));
        b.floors.push(Floor {
            label: floor.as_str().into(),
            start: b.units.len(),
            len: labels.len(),
        });
        for l in labels {
            if !seen.insert(l.as_str()) {
                let l = inline(l);
                p.at(0, tr!(
                    "unit label {l} is used twice in the layout; give the floors distinct labels",
                    "门牌 {l} 在布局中出现了两次；请给各层不同的门牌"
                ));
            }
            b.label_width = b.label_width.max(shown(l));
            b.units.push(Unit {
                label: l.as_str().into(),
                record: Record::default(),
            });
        }
    }
    b
}

fn read_units(b: &mut Building, floors: &[String], t: &DeTable<'_>, p: &mut Problems<'_>) -> Spans {
    let index: HashMap<&str, usize> = b
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (&*u.label, i))
        .collect();
    let mut spans = vec![None; b.units.len()];
    let mut records = Vec::new();
    for (k, v) in t.iter() {
        let label = key_str(k);
        let Some(&i) = index.get(label) else {
            let (label, layout) = (
                inline(label),
                inline(&layout::format_floors(floors)).into_owned(),
            );
            p.at(k.span().start, tr!(
                "unit {label} is not in this building's layout (floors {layout}); fix the label, or add its floor to `floors` / [floor]",
                "单元 {label} 不在这栋楼的布局里（楼层 {layout}）；请改正门牌，或把它的楼层加到 `floors` / [floor]"
            ));
            continue;
        };
        spans[i] = Some(v.span());
        if let Some(r) = read_record(label, v, p) {
            records.push((i, r));
        }
    }
    for (i, r) in records {
        b.units[i].record = r;
    }
    spans
}

fn read_record(label: &str, v: &Spanned<DeValue<'_>>, p: &mut Problems<'_>) -> Option<Record> {
    // the label is a key from the file: in messages it is shown safely
    let label = &*inline(label);
    let DeValue::Table(t) = v.get_ref() else {
        p.at(
            v.span().start,
            tr!(
                "unit {label} must be written as {label} = {{ status = \"unknown\" }}",
                "单元 {label} 应写成 {label} = {{ status = \"unknown\" }}"
            ),
        );
        return None;
    };
    let mut r = Record::default();
    let mut has_status = false;
    let mut extra: Vec<(Box<str>, Box<str>)> = Vec::new();
    let before = p.list.len();
    for (k, fv) in t.iter() {
        let key = key_str(k);
        let Some(field) = Field::from_key(key) else {
            extra.push((key.into(), p.text[fv.span()].into()));
            continue;
        };
        match decode(field, fv.get_ref(), label) {
            Ok(value) => {
                has_status |= field == Field::Status;
                field.set(&mut r, value);
            }
            Err(m) => p.at(fv.span().start, m),
        }
    }
    r.rare.set_extra(extra.into_boxed_slice());
    if !has_status && p.list.len() == before {
        p.at(
            v.span().start,
            tr!(
                "unit {label} has no status; add status = \"unknown\" if nobody has checked it yet",
                "单元 {label} 没有状态；还没人核实的话请写 status = \"unknown\""
            ),
        );
    }
    for (_, m) in validate(&r) {
        p.at(
            v.span().start,
            Text::new(
                format!("unit {label}: {}", m.en),
                format!("单元 {label}：{}", m.zh),
            ),
        );
    }
    Some(r)
}
