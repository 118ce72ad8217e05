//! The private file of a building: `[units]` then `[companies]`, one line per record, sorted, so
//! that the private store's own history reads as well as the shared one. Read line by line (each
//! line is a TOML table of its own), so that a problem is told at its line and column; a key
//! loupan does not know is a problem, never dropped on the next save.

use super::{CompanyValues, Isolation, Private, UnitValues};
use crate::codec::{Problem, toml_date, toml_string};
use crate::company::CompanyField;
use crate::fields::Field;
use crate::i18n::Text;
use crate::text::SmallStr;
use crate::tr;

const HEADER: &str = "# loupan: this building's personal values, kept out of the shared history (docs/guide/personal-data.md)\n";

/// The file's text; empty when there is nothing personal (the store then removes the file).
pub fn encode(p: &Private) -> String {
    if p.is_empty() {
        return String::new();
    }
    let mut s = String::from(HEADER);
    let key = |k: &str| toml_edit::Key::new(k).to_string();
    if !p.units.is_empty() {
        s.push_str("[units]\n");
        for (label, v) in &p.units {
            let mut parts: Vec<String> = v
                .values
                .iter()
                .map(|(f, t)| format!("{} = {}", f.key(), toml_string(t)))
                .collect();
            if let Some(d) = v.vacant_since {
                parts.push(format!("vacant-since = {}", toml_date(d)));
            }
            match v.isolation {
                Isolation::None => {}
                Isolation::Open => parts.push("isolating = true".into()),
                Isolation::Ended(d) => parts.push(format!("isolation-ended = {}", toml_date(d))),
            }
            s.push_str(&format!("{} = {{ {} }}\n", key(label), parts.join(", ")));
        }
    }
    if !p.companies.is_empty() {
        s.push_str("[companies]\n");
        for (id, v) in &p.companies {
            let parts: Vec<String> = v
                .values
                .iter()
                .map(|(f, t)| format!("{} = {}", f.key(), toml_string(t)))
                .collect();
            s.push_str(&format!("{} = {{ {} }}\n", key(id), parts.join(", ")));
        }
    }
    s
}

#[derive(Clone, Copy, PartialEq)]
enum Table {
    None,
    Units,
    Companies,
}

/// The file's values, or every problem found (a file with a problem is never written over).
pub fn parse(text: &str) -> Result<Private, Vec<Problem>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Private::default();
    let mut problems = Vec::new();
    let mut table = Table::None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |col: usize, message: Text| Problem::error(n + 1, col, message);
        match line {
            "[units]" => table = Table::Units,
            "[companies]" => table = Table::Companies,
            _ if table == Table::None || line.starts_with('[') => problems.push(at(
                1,
                tr!(
                    "expected [units] or [companies] here; this file is loupan's private store, restore it from its own git history",
                    "这里应是 [units] 或 [companies]；这是 loupan 的私密存储文件，请从它自己的 git 历史恢复"
                ),
            )),
            _ => match fast(line, table).map_or_else(|| entry(line, table), Ok) {
                Ok(e) => insert(&mut out, e),
                Err(m) => problems.push(at(1 + raw.len() - raw.trim_start().len(), m)),
            },
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

enum Entry {
    Unit(SmallStr, UnitValues),
    Company(SmallStr, CompanyValues),
}

fn insert(p: &mut Private, e: Entry) {
    match e {
        Entry::Unit(k, v) => {
            p.units.insert(k, v);
        }
        Entry::Company(k, v) => {
            p.companies.insert(k, v);
        }
    }
}

fn entry(line: &str, table: Table) -> Result<Entry, Text> {
    let parsed: toml::Table = toml::from_str(line).map_err(|e| {
        let why = e.message().to_string();
        tr!(
            "not a valid line: {why}; mend it, or take it from the private store's own history (git -C .private log -p)",
            "不是有效的一行：{why}；请改正，或从私密存储自己的历史中找回（git -C .private log -p）"
        )
    })?;
    let Some((key, value)) = parsed.into_iter().next() else {
        return Err(tr!("an empty line was expected", "这里应为空行"));
    };
    let Some(fields) = value.as_table() else {
        return Err(tr!(
            "{key} should be {{ field = \"value\", … }}",
            "{key} 应写成 {{ 字段 = \"值\", … }}"
        ));
    };
    let key: SmallStr = key.as_str().into();
    let mut unit = UnitValues::default();
    let mut company = CompanyValues::default();
    for (k, v) in fields {
        let text = || {
            v.as_str()
                .map(SmallStr::from)
                .ok_or_else(|| tr!("{k} should be text in quotes", "{k} 应是带引号的文字"))
        };
        match table {
            Table::Units if k == "vacant-since" => unit.vacant_since = Some(date_of(k, v)?),
            Table::Units if k == "isolation-ended" => {
                unit.isolation = Isolation::Ended(date_of(k, v)?);
            }
            Table::Units if k == "isolating" => {
                if v.as_bool() != Some(true) {
                    return Err(tr!("isolating should be true", "isolating 应为 true"));
                }
                unit.isolation = Isolation::Open;
            }
            Table::Units => match Field::from_key(k) {
                Some(f) if f.spec().personal != crate::fields::Personal::No => {
                    unit.values.push((f, text()?));
                }
                _ => return Err(unknown(k)),
            },
            _ => match CompanyField::from_key(k) {
                Some(f) if f.spec().personal => company.values.push((f, text()?)),
                _ => return Err(unknown(k)),
            },
        }
    }
    unit.values.sort_by_key(|(f, _)| *f);
    company.values.sort_by_key(|(f, _)| *f);
    Ok(match table {
        Table::Units => Entry::Unit(key, unit),
        _ => Entry::Company(key, company),
    })
}

/// A date field of a unit's line.
fn date_of(k: &str, v: &toml::Value) -> Result<jiff::civil::Date, Text> {
    v.as_datetime()
        .and_then(|d| d.date)
        .and_then(|d| jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok())
        .ok_or_else(|| {
            tr!(
                "{k} should be a date such as 2026-11-20",
                "{k} 应是日期，例如 2026-11-20"
            )
        })
}

fn unknown(k: &str) -> Text {
    let k = crate::display::inline(k);
    tr!(
        "{k} is not a personal field loupan keeps here",
        "{k} 不是 loupan 在这里保存的个人信息字段"
    )
}

/// The canonical line, read without a TOML parser (a city's private files hold some 400,000 of
/// them); anything else goes to [`entry`], which reads what TOML says.
fn fast(line: &str, table: Table) -> Option<Entry> {
    let mut c = crate::journal::line::Cursor {
        s: line.as_bytes(),
        i: 0,
    };
    let key: SmallStr = c.bare_key()?.as_str().into();
    c.lit(b" = { ")?;
    let mut unit = UnitValues::default();
    let mut company = CompanyValues::default();
    loop {
        let k = c.bare_key()?;
        c.lit(b" = ")?;
        match table {
            Table::Units if k == "vacant-since" => unit.vacant_since = Some(fast_date(&mut c)?),
            Table::Units if k == "isolation-ended" => {
                unit.isolation = Isolation::Ended(fast_date(&mut c)?);
            }
            Table::Units if k == "isolating" => {
                c.lit(b"true")?;
                unit.isolation = Isolation::Open;
            }
            Table::Units => {
                let f = Field::from_key(&k)
                    .filter(|f| f.spec().personal != crate::fields::Personal::No)?;
                unit.values.push((f, c.string()?.as_str().into()));
            }
            _ => {
                let f = CompanyField::from_key(&k).filter(|f| f.spec().personal)?;
                company.values.push((f, c.string()?.as_str().into()));
            }
        }
        if c.lit(b", ").is_none() {
            break;
        }
    }
    c.lit(b" }")?;
    if c.i != c.s.len() {
        return None;
    }
    unit.values.sort_by_key(|(f, _)| *f);
    company.values.sort_by_key(|(f, _)| *f);
    Some(match table {
        Table::Units => Entry::Unit(key, unit),
        _ => Entry::Company(key, company),
    })
}

fn fast_date(c: &mut crate::journal::line::Cursor) -> Option<jiff::civil::Date> {
    let (y, m, d) = (
        c.digits(4)?,
        c.lit(b"-").and_then(|_| c.digits(2))?,
        c.lit(b"-").and_then(|_| c.digits(2))?,
    );
    jiff::civil::Date::new(y as i16, m as i8, d as i8).ok()
}
