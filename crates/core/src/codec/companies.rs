//! The `[companies]` table: one line per company (`c1 = { name = "…", units = ["501"], … }`),
//! read with every problem located and written back one line at a time. Pure.

use super::values::{encode, int};
use crate::company::{COMPANY_FIELDS, Company, CompanyField, CompanyRecord, check};
use crate::display::inline;
use crate::fields::{Kind, Value};
use crate::i18n::{Lang, Text};
use crate::model::Building;
use crate::status::Status;
use crate::text::SmallStr;
use crate::tr;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Reads every company; a problem is reported at `at(offset, message)`.
pub(super) fn read(b: &Building, t: &DeTable<'_>, at: &mut dyn FnMut(usize, Text)) -> Vec<Company> {
    let mut out = Vec::new();
    for (k, v) in t.iter() {
        let id = k.get_ref().as_ref();
        if let Some(c) = read_one(b, id, v, at) {
            out.push(c);
        }
    }
    // held for as long as the map is open: a city's 86,000 companies left in a doubling
    // vector's spare room were 13 MB
    out.shrink_to_fit();
    out
}

fn read_one(
    b: &Building,
    id: &str,
    v: &Spanned<DeValue<'_>>,
    at: &mut dyn FnMut(usize, Text),
) -> Option<Company> {
    let shown = inline(id).into_owned();
    let DeValue::Table(t) = v.get_ref() else {
        at(
            v.span().start,
            tr!(
                "company {shown} must be written as {shown} = {{ name = \"…\", units = [\"501\"], status = \"resumed\" }}",
                "企业 {shown} 应写成 {shown} = {{ name = \"…\", units = [\"501\"], status = \"resumed\" }}"
            ),
        );
        return None;
    };
    let mut r = CompanyRecord {
        status: Status::NotResumed,
        ..CompanyRecord::default()
    };
    let mut units: Vec<SmallStr> = Vec::new();
    // a `units` that names no real unit is told unit by unit, not again as missing
    let mut listed = false;
    for (k, fv) in t.iter() {
        let key = k.get_ref().as_ref();
        if key == "units" {
            listed = matches!(fv.get_ref(), DeValue::Array(a) if !a.is_empty());
            units = read_units(b, &shown, fv, at);
            continue;
        }
        let Some(f) = CompanyField::from_key(key) else {
            let key = inline(key);
            at(
                k.span().start,
                tr!(
                    "company {shown}: unknown key `{key}` (see docs/formats.md, \"Companies\")",
                    "企业 {shown}：未知的键 `{key}`（见 docs/formats.md“企业”一节）"
                ),
            );
            continue;
        };
        match decode(f, fv.get_ref(), &shown) {
            Ok(value) => {
                f.set(&mut r, value);
            }
            Err(m) => at(fv.span().start, m),
        }
    }
    if units.is_empty() && !listed {
        at(
            v.span().start,
            tr!(
                "company {shown} occupies no unit; add units = [\"501\"]",
                "企业 {shown} 没有房号；请加上 units = [\"501\"]"
            ),
        );
    }
    for (_, m) in check(&r) {
        at(
            v.span().start,
            Text::new(
                format!("company {shown}: {}", m.en),
                format!("企业 {shown}：{}", m.zh),
            ),
        );
    }
    Some(Company {
        id: SmallStr::from(id),
        units,
        record: r,
    })
}

fn read_units(
    b: &Building,
    shown: &str,
    v: &Spanned<DeValue<'_>>,
    at: &mut dyn FnMut(usize, Text),
) -> Vec<SmallStr> {
    let DeValue::Array(a) = v.get_ref() else {
        at(
            v.span().start,
            tr!(
                "company {shown}: `units` is a list of unit labels, e.g. units = [\"501\", \"502\"]",
                "企业 {shown}：`units` 要写门牌列表，例如 units = [\"501\", \"502\"]"
            ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in a.iter() {
        match item.get_ref() {
            DeValue::String(s) if b.find(s).is_some() => out.push(SmallStr::from(s.as_ref())),
            DeValue::String(s) => {
                let s = inline(s);
                at(
                    item.span().start,
                    tr!(
                        "company {shown}: unit {s} is not in this building's layout",
                        "企业 {shown}：单元 {s} 不在这栋楼的布局里"
                    ),
                );
            }
            _ => at(
                item.span().start,
                tr!(
                    "company {shown}: unit labels are quoted texts",
                    "企业 {shown}：门牌要加引号"
                ),
            ),
        }
    }
    out
}

fn decode(f: CompanyField, v: &DeValue<'_>, shown: &str) -> Result<Value, Text> {
    let key = f.key();
    let zh = f.spec().label(Lang::Zh);
    let wrong = |en: &str, z: &str| {
        Text::new(
            format!("company {shown}: `{key}` {en}"),
            format!("企业 {shown}：`{key}`（{zh}）{z}"),
        )
    };
    match (f.spec().kind, v) {
        (Kind::Status, DeValue::String(s)) => {
            Status::parse(s).map(Value::Status).ok_or_else(|| {
                wrong(
                    "must be resumed or not-resumed",
                    "只能是 resumed 或 not-resumed",
                )
            })
        }
        (Kind::Text, DeValue::String(s)) => Ok(Value::Text(Some(SmallStr::from(s.as_ref())))),
        (Kind::Count, DeValue::Integer(i)) => match int(i).and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Ok(Value::Count(Some(n))),
            None => Err(wrong(
                "must be a whole number, 0 or more",
                "要写不小于 0 的整数",
            )),
        },
        (Kind::Date, DeValue::Datetime(dt)) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8)
                    .map(|d| Value::Date(Some(d)))
                    .map_err(|_| wrong("is not a real date", "不是有效日期"))
            }
            _ => Err(wrong(
                "must be a date without time, e.g. 2020-02-10",
                "只写日期，例如 2020-02-10",
            )),
        },
        (Kind::Status, _) | (Kind::Text, _) => Err(wrong("must be a quoted text", "的值要加引号")),
        (Kind::Count, _) => Err(wrong("must be a whole number", "要写整数")),
        (Kind::Date, _) => Err(wrong(
            "must be a date, e.g. 2020-02-10",
            "要写日期，例如 2020-02-10",
        )),
        (Kind::Flag, _) => Err(wrong("is not a company field", "不是企业字段")),
    }
}

/// A company's line value: name and units first, then every field set, in schema order.
pub fn company_value(c: &Company) -> toml_edit::InlineTable {
    let mut t = toml_edit::InlineTable::new();
    if let Some(v) = encode(&CompanyField::Name.get(&c.record)) {
        t.insert("name", v);
    }
    let mut units = toml_edit::Array::new();
    for u in &c.units {
        units.push(super::values::string(u));
    }
    t.insert("units", toml_edit::Value::Array(units));
    for spec in COMPANY_FIELDS
        .iter()
        .filter(|s| s.field != CompanyField::Name)
    {
        if let Some(v) = encode(&spec.field.get(&c.record)) {
            t.insert(spec.key, v);
        }
    }
    t.fmt();
    t
}

/// Sets (or, with `None`, removes) a company's line in `[companies]`, keeping its decor.
pub fn set_company(doc: &mut toml_edit::DocumentMut, id: &str, c: Option<&Company>) {
    let table = doc
        .entry("companies")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
    let Some(t) = table.as_table_like_mut() else {
        return;
    };
    match c {
        None => {
            t.remove(id);
        }
        Some(c) => {
            super::write::put_line(t, id, toml_edit::Value::InlineTable(company_value(c)));
        }
    }
}
