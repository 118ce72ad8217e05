//! The people file of a building (`.private/people/<id>.toml`): one line per person, in id
//! order, each a TOML table of its own, so that a problem is told at its line and column and the
//! private store's history reads line by line. A key loupan does not know is a problem, never
//! dropped on the next save.

use super::{Person, Place};
use crate::codec::{Problem, toml_date, toml_string};
use crate::i18n::Text;
use crate::text::SmallStr;
use crate::tr;
use jiff::civil::Date;

const HEADER: &str = "# loupan: this building's returnees and staff, personal in every field, kept out of the shared history\n";

fn numeric(id: &str) -> u32 {
    id.strip_prefix('p')
        .and_then(|n| n.parse().ok())
        .unwrap_or(u32::MAX)
}

/// The file's text; empty when there is nobody (the store then removes the file).
pub fn encode(people: &[Person]) -> String {
    if people.is_empty() {
        return String::new();
    }
    let mut sorted: Vec<&Person> = people.iter().collect();
    sorted.sort_by(|a, b| (numeric(&a.id), &a.id).cmp(&(numeric(&b.id), &b.id)));
    let mut s = String::from(HEADER);
    for p in sorted {
        s.push_str(&line(p));
        s.push('\n');
    }
    s
}

fn line(p: &Person) -> String {
    let text = |k: &str, v: &str| format!("{k} = {}", toml_string(v));
    let mut parts = vec![match &p.place {
        Place::Company(c) => text("company", c),
        Place::Unit(u) => text("unit", u),
    }];
    parts.push(text("name", &p.name));
    let opt = |parts: &mut Vec<String>, k: &str, v: &Option<SmallStr>| {
        if let Some(v) = v {
            parts.push(text(k, v));
        }
    };
    opt(&mut parts, "phone", &p.phone);
    opt(&mut parts, "from", &p.from);
    if let Some(b) = p.left {
        parts.push(format!("left = {b}"));
    }
    if let Some(d) = p.returned {
        parts.push(format!("returned = {}", toml_date(d)));
    }
    opt(&mut parts, "route", &p.route);
    if let Some(b) = p.registered {
        parts.push(format!("registered = {b}"));
    }
    if let Some(d) = p.until {
        parts.push(format!("observe-until = {}", toml_date(d)));
    }
    let key = toml_edit::Key::new(p.id.as_str()).to_string();
    format!("{key} = {{ {} }}", parts.join(", "))
}

/// The file's people, or every problem found (a file with a problem is never written over).
pub fn parse(text: &str) -> Result<Vec<Person>, Vec<Problem>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match person(line) {
            Ok(p) => out.push(p),
            Err(m) => problems.push(Problem::error(
                n + 1,
                1 + raw.len() - raw.trim_start().len(),
                m,
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn person(line: &str) -> Result<Person, Text> {
    let parsed: toml::Table = toml::from_str(line).map_err(|e| {
        let why = crate::display::inline(e.message()).into_owned();
        tr!(
            "not a valid line: {why}; mend it, or take it from the private store's own history (git -C .private log -p)",
            "不是有效的一行：{why}；请改正，或从私密存储自己的历史中找回（git -C .private log -p）"
        )
    })?;
    let Some((id, value)) = parsed.into_iter().next() else {
        return Err(tr!("an empty line was expected", "这里应为空行"));
    };
    let Some(fields) = value.as_table() else {
        return Err(tr!(
            "{id} should be {{ name = \"…\", … }}",
            "{id} 应写成 {{ name = \"…\", … }}"
        ));
    };
    let mut p = Person {
        id: id.as_str().into(),
        place: Place::Unit(SmallStr::from("")),
        name: SmallStr::from(""),
        phone: None,
        from: None,
        left: None,
        returned: None,
        route: None,
        registered: None,
        until: None,
    };
    let mut placed = false;
    for (k, v) in fields {
        let text = || {
            v.as_str()
                .map(SmallStr::from)
                .ok_or_else(|| tr!("{k} should be text in quotes", "{k} 应是带引号的文字"))
        };
        let flag = || {
            v.as_bool()
                .ok_or_else(|| tr!("{k} should be true or false", "{k} 应为 true 或 false"))
        };
        match k.as_str() {
            "company" => (p.place, placed) = (Place::Company(text()?), true),
            "unit" => (p.place, placed) = (Place::Unit(text()?), true),
            "name" => p.name = text()?,
            "phone" => p.phone = Some(text()?),
            "from" => p.from = Some(text()?),
            "route" => p.route = Some(text()?),
            "left" => p.left = Some(flag()?),
            "registered" => p.registered = Some(flag()?),
            "returned" => p.returned = Some(date_of(k, v)?),
            "observe-until" => p.until = Some(date_of(k, v)?),
            _ => {
                let k = crate::display::inline(k);
                return Err(tr!(
                    "{k} is not a field of a person loupan keeps",
                    "{k} 不是 loupan 保存的人员字段"
                ));
            }
        }
    }
    if !placed || p.name.is_empty() {
        return Err(tr!(
            "{id}: a person needs a name and a company or unit",
            "{id}：人员需要姓名，以及所属企业（company）或单元（unit）"
        ));
    }
    Ok(p)
}

/// A date field of a line.
pub(super) fn date_of(k: &str, v: &toml::Value) -> Result<Date, Text> {
    v.as_datetime()
        .and_then(|d| d.date)
        .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok())
        .ok_or_else(|| {
            tr!(
                "{k} should be a date such as 2026-11-20",
                "{k} 应是日期，例如 2026-11-20"
            )
        })
}
