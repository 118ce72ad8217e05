//! One field's value in a file, by its kind: reading it from the spanned parser with a located,
//! bilingual complaint, and writing it so that a unit always stays on one line. Pure.

use crate::fields::{Field, Kind, Value, unknown_status};
use crate::i18n::Text;
use crate::status::Status;
use crate::text::SmallStr;
use crate::tr;
use jiff::civil::Date;
use std::fmt::Write as _;
use toml::de::DeValue;

/// A field's value as written, or what is wrong with it.
pub(super) fn decode(field: Field, v: &DeValue<'_>, label: &str) -> Result<Value, Text> {
    let key = field.key();
    // in Chinese, the file's key with the field's name beside it: `people`（人数）; made only for
    // a complaint (a city has millions of values)
    let zkey = || format!("{key}`（{}）", field.spec().label(crate::i18n::Lang::Zh));
    match (field.spec().kind, v) {
        (Kind::Status, DeValue::String(s)) => {
            Status::parse(s).map(Value::Status).ok_or_else(|| {
                let u = unknown_status(s);
                Text::new(
                    format!("unit {label}: {}", u.en),
                    format!("单元 {label}：{}", u.zh),
                )
            })
        }
        (Kind::Status, _) => Err(tr!(
            "unit {label}: `status` must be quoted, e.g. status = \"healthy\"",
            "单元 {label}：`status` 的值要加引号，例如 status = \"healthy\""
        )),
        (Kind::Flag, DeValue::Boolean(b)) => Ok(Value::Flag(*b)),
        (Kind::Flag, _) => {
            let zkey = zkey();
            Err(tr!(
                "unit {label}: `{key}` must be true or false",
                "单元 {label}：`{zkey} 只能是 true 或 false"
            ))
        }
        (Kind::Text, DeValue::String(s)) => Ok(Value::Text(Some(SmallStr::from(s.as_ref())))),
        (Kind::Text, _) => {
            let zkey = zkey();
            Err(tr!(
                "unit {label}: `{key}` must be a quoted text",
                "单元 {label}：`{zkey} 的值要加引号"
            ))
        }
        (Kind::Count, DeValue::Integer(i)) => count(i, label, key, &zkey),
        (Kind::Count, _) => {
            let zkey = zkey();
            Err(tr!(
                "unit {label}: `{key}` must be a whole number, e.g. {key} = 3",
                "单元 {label}：`{zkey} 要写整数，例如 {key} = 3"
            ))
        }
        (Kind::Date, DeValue::Datetime(dt)) => date(dt, label, key, &zkey),
        (Kind::Date, DeValue::String(s)) => {
            let s = crate::display::inline(s);
            let zkey = zkey();
            Err(tr!(
                "unit {label}: `{key}` must be a date without quotes, e.g. {key} = 2020-02-10 (found \"{s}\")",
                "单元 {label}：`{zkey} 的日期不要加引号，例如 {key} = 2020-02-10（这里是“{s}”）"
            ))
        }
        (Kind::Date, _) => {
            let zkey = zkey();
            Err(tr!(
                "unit {label}: `{key}` must be a date, e.g. {key} = 2020-02-10",
                "单元 {label}：`{zkey} 要写日期，例如 {key} = 2020-02-10"
            ))
        }
    }
}

pub(super) fn int(i: &toml::de::DeInteger<'_>) -> Option<i64> {
    i64::from_str_radix(i.as_str(), i.radix()).ok()
}

fn count(
    i: &toml::de::DeInteger<'_>,
    label: &str,
    key: &str,
    zkey: &dyn Fn() -> String,
) -> Result<Value, Text> {
    match int(i) {
        Some(n) if n < 0 => {
            let zkey = zkey();
            Err(tr!(
                "unit {label}: `{key}` cannot be negative",
                "单元 {label}：`{zkey} 不能是负数"
            ))
        }
        Some(n) => u32::try_from(n)
            .map(|n| Value::Count(Some(n)))
            .map_err(|_| {
                let zkey = zkey();
                tr!(
                    "unit {label}: `{key}` = {n} is not a plausible count",
                    "单元 {label}：`{zkey} = {n} 不是合理的数目"
                )
            }),
        None => {
            let zkey = zkey();
            Err(tr!(
                "unit {label}: `{key}` is too large",
                "单元 {label}：`{zkey} 太大了"
            ))
        }
    }
}

fn date(
    dt: &toml::value::Datetime,
    label: &str,
    key: &str,
    zkey: &dyn Fn() -> String,
) -> Result<Value, Text> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => Date::new(d.year as i16, d.month as i8, d.day as i8)
            .map(|d| Value::Date(Some(d)))
            .map_err(|_| {
                let zkey = zkey();
                tr!(
                    "unit {label}: `{key}` = {dt} is not a real date",
                    "单元 {label}：`{zkey} = {dt} 不是有效日期"
                )
            }),
        _ => {
            let zkey = zkey();
            Err(tr!(
                "unit {label}: `{key}` must be a date without time, e.g. 2020-02-10",
                "单元 {label}：`{zkey} 只写日期、不写时间，例如 2020-02-10"
            ))
        }
    }
}

/// The value as the file writes it; `None` for what the file leaves out.
pub(super) fn encode(v: &Value) -> Option<toml_edit::Value> {
    if !v.is_set() {
        return None;
    }
    Some(match v {
        Value::Status(s) => toml_edit::Value::from(s.key()),
        Value::Flag(b) => toml_edit::Value::from(*b),
        Value::Text(t) => string(t.as_deref().unwrap_or("")),
        Value::Count(n) => toml_edit::Value::from(i64::from(n.unwrap_or(0))),
        Value::Date(d) => toml_edit::Value::from(toml_date(d.unwrap_or_default())),
    })
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

/// A text as a one-line TOML string: never a multi-line `"""` string, which would break "one
/// unit, one line"; and characters that could fool a reader or a terminal — control characters,
/// bidirectional overrides, invisible ones — written as `\uXXXX`, so the file is safe to `cat`
/// and to read in `git diff`. It reads back exactly.
pub fn string(s: &str) -> toml_edit::Value {
    let quoted = quote(s);
    quoted
        .parse::<toml_edit::Value>()
        .unwrap_or_else(|_| toml_edit::Value::from(s))
}

pub(super) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_hazard(c) && (c as u32) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c if is_hazard(c) => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that must not reach a terminal or a reader's eye raw: controls (C0, DEL, C1),
/// bidirectional controls, zero-width and other invisible characters, line separators.
pub fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}'
            | '\u{2028}' | '\u{2029}' | '\u{180E}' | '\u{115F}' | '\u{1160}' | '\u{3164}'
            | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// An unknown key's value, as its source text, made to fit on one line.
pub(super) fn extra_value(src: &str) -> Option<toml_edit::Value> {
    let mut v = src.parse::<toml_edit::Value>().ok()?;
    if src.contains(['\n', '\r']) {
        one_line(&mut v);
    }
    Some(v)
}

fn one_line(v: &mut toml_edit::Value) {
    match v {
        toml_edit::Value::String(s) => *v = string(&s.value().clone()),
        toml_edit::Value::Array(a) => {
            for item in a.iter_mut() {
                one_line(item);
            }
            a.fmt();
        }
        toml_edit::Value::InlineTable(t) => {
            for (_, item) in t.iter_mut() {
                one_line(item);
            }
            t.fmt();
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_one_escaped_line_that_reads_back() {
        let nasty = "a\nb\r\tc\u{1b}]0;pwn\u{7}\u{202E}d\u{200B}e\"\\ \u{1F600} 王";
        let q = quote(nasty);
        assert!(
            !q.contains(['\n', '\r', '\u{1b}', '\u{202E}', '\u{200B}']),
            "{q}"
        );
        let back: toml::Table = toml::from_str(&format!("x = {q}")).unwrap();
        assert_eq!(back["x"].as_str(), Some(nasty));
        assert_eq!(string(nasty).as_str(), Some(nasty));
    }
}
