//! The street (docs/spec.md §13): its file (`street.toml`: name, the evening's deadline, the stations),
//! a station's submitted report as data (`reports/DATE/STATION.toml`, counts only — never a
//! personal value), who has submitted, who is late and who is missing, and the street's totals.
//! A missing station is listed, never counted as zero. Pure.

use crate::figures::Figures;
use crate::i18n::{Lang, Text};
use crate::status::Status;
use crate::tr;
use jiff::civil::{Date, DateTime, Time};
use serde::Serialize;
use std::collections::BTreeMap;
use toml::de::{DeTable, DeValue};

/// `street.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Street {
    pub name: String,
    /// When the evening report is due, in the street's time zone.
    pub deadline: Time,
    /// The IANA time zone that decides the street's days and deadline (never the machine's).
    pub timezone: String,
    /// (id, name), by id.
    pub stations: Vec<(String, String)>,
    /// The stations' public SSH keys (`ID = { name = "…", key = "ssh-ed25519 …" }`), by id: a
    /// keyed station's report counts only when its key signed it.
    pub keys: BTreeMap<String, String>,
}

/// The default deadline, 18:00.
pub const DEADLINE: Time = Time::constant(18, 0, 0, 0);

/// The default time zone: the street offices loupan was made for keep Beijing time.
pub const TIMEZONE: &str = "Asia/Shanghai";

/// A new street's file.
pub fn encode_new(name: &str) -> String {
    format!(
        "# loupan street: its stations and the evening report's deadline (docs/guide/street.md)\nname = {}\ndeadline = \"18:00\"\n\n[stations]\n",
        crate::codec::toml_string(name)
    )
}

/// Reads `street.toml`; a problem is told as `street.toml:LINE:COLUMN: what`. A station's id
/// names folders (`stations/ID`, `reports/DATE/ID.toml`), so one that is not a plain id — a
/// hand-edited `..`, a slash, an escape sequence — is refused, never followed.
pub fn parse(text: &str) -> Result<Street, Text> {
    // a byte-order mark (Windows editors write one) is read past
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let at = |offset: usize, why: Text| {
        let (l, c) = crate::codec::position(text, offset);
        Text::same(format!("street.toml:{l}:{c}")).join((": ", "："), &why)
    };
    let root = DeTable::parse(text).map_err(|e| {
        let why = crate::display::inline(e.message().trim()).into_owned();
        let why = if why.to_lowercase().contains("duplicate key") {
            tr!(
                "this station (or key) is already listed above; keep one line each",
                "这个工作站（或键）在上面已经出现过；每个只保留一行"
            )
        } else {
            Text::same(why)
        };
        at(e.span().map_or(0, |s| s.start), why)
    })?;
    let t = root.get_ref();
    let (name, deadline, timezone) = head(text, t, &at)?;
    let (mut stations, keys) = stations_of(t, &at)?;
    // the file's order is the author's; the street lists stations by id
    stations.sort();
    Ok(Street {
        name,
        deadline,
        timezone,
        stations,
        keys,
    })
}

pub(crate) type At<'a> = &'a dyn Fn(usize, Text) -> Text;

/// The street's name, deadline and time zone, each of its own type or refused where it stands.
fn head(text: &str, t: &toml::de::DeTable<'_>, at: At<'_>) -> Result<(String, Time, String), Text> {
    let name = match t.get("name").map(|v| v.get_ref()) {
        None => String::new(),
        Some(DeValue::String(s)) => s.to_string(),
        Some(_) => {
            return Err(
                wrong(t, at, "name", ("text in quotes", "带引号的文字")).unwrap_or_default()
            );
        }
    };
    let deadline = match t.get("deadline") {
        None => DEADLINE,
        Some(v) => deadline_of(v.get_ref()).ok_or_else(|| {
            let d = crate::display::inline(&text[v.span()]).into_owned();
            at(
                v.span().start,
                tr!(
                    "deadline {d} should be a time: \"18:00\" or 18:00:00",
                    "deadline {d} 应写成 \"18:00\" 或 18:00:00 这样的时间"
                ),
            )
        })?,
    };
    let timezone = match t.get("timezone").map(|v| v.get_ref()) {
        None => TIMEZONE.to_string(),
        Some(DeValue::String(z)) if plausible_zone(z) => z.to_string(),
        Some(_) => {
            return Err(wrong(
                t,
                at,
                "timezone",
                (
                    "a time zone's name like \"Asia/Shanghai\"",
                    "\"Asia/Shanghai\" 这样的时区名",
                ),
            )
            .unwrap_or_default());
        }
    };
    Ok((name, deadline, timezone))
}

/// Stations by id with their names, and the public keys of those that have one.
type Stations = (Vec<(String, String)>, BTreeMap<String, String>);

/// `[stations]`: `ID = "name"` lines (or `ID = { name = "…", key = "ssh-ed25519 …" }`), each id a
/// plain folder name.
fn stations_of(t: &toml::de::DeTable<'_>, at: At<'_>) -> Result<Stations, Text> {
    let (mut stations, mut keys) = (Vec::new(), BTreeMap::new());
    let table = match t.get("stations").map(|v| v.get_ref()) {
        None => return Ok((stations, keys)),
        Some(DeValue::Table(s)) => s,
        Some(_) => {
            return Err(wrong(
                t,
                at,
                "stations",
                (
                    "a table: [stations] then `ID = \"name\"` lines",
                    "一个表：[stations] 下每行 `编号 = \"名称\"`",
                ),
            )
            .unwrap_or_default());
        }
    };
    for (k, v) in table.iter() {
        let id = k.get_ref().to_string();
        if crate::ids::BuildingId::fresh(&id).is_err() {
            let shown = crate::display::inline(&id).into_owned();
            return Err(at(
                k.span().start,
                tr!(
                    "`{shown}` is not a station id: use letters, digits, `-` or `_` (it names the folder stations/ID)",
                    "`{shown}` 不是工作站编号：请用字母、数字、`-` 或 `_`（它是 stations/编号 文件夹的名字）"
                ),
            ));
        }
        let (name, key) = keys::station_entry(&id, v, at)?;
        if let Some(key) = key {
            keys.insert(id.clone(), key);
        }
        stations.push((id, name));
    }
    Ok((stations, keys))
}

/// "`key` should be …", where the key's value stands.
fn wrong(t: &toml::de::DeTable<'_>, at: At<'_>, key: &str, what: (&str, &str)) -> Option<Text> {
    let (en, zh) = what;
    t.get(key).map(|v| {
        at(
            v.span().start,
            tr!("`{key}` should be {en}", "`{key}` 应是{zh}"),
        )
    })
}

/// A deadline as written: a TOML time (`18:00:00`, or `18:00` in TOML 1.1) or text (`"18:00"`).
fn deadline_of(v: &DeValue<'_>) -> Option<Time> {
    match v {
        DeValue::String(s) => parse_time(s),
        DeValue::Datetime(d) if d.date.is_none() && d.offset.is_none() => {
            let t = d.time?;
            let second = t.second.unwrap_or(0);
            Time::new(
                i8::try_from(t.hour).ok()?,
                i8::try_from(t.minute).ok()?,
                i8::try_from(second).ok()?,
                0,
            )
            .ok()
        }
        _ => None,
    }
}

/// An IANA zone's name as written (`Asia/Shanghai`, `UTC`): whether the machine knows it is the
/// store's to ask.
fn plausible_zone(z: &str) -> bool {
    !z.is_empty()
        && z.len() <= 64
        && z.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c))
        && !z.contains("..")
        && !z.starts_with('/')
}

/// "18:00" (or "18:00:00").
pub fn parse_time(s: &str) -> Option<Time> {
    let s = crate::input::halfwidth(s.trim()).replace('：', ":");
    let mut p = s.split(':');
    let h: i8 = p.next()?.trim().parse().ok()?;
    let m: i8 = p.next()?.trim().parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

/// Where a station stands for the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Submitted,
    Late,
    Missing,
    /// Submitted, but not signed by the station's key: shown, never counted.
    Unverified,
}

impl State {
    pub fn said(self, lang: Lang) -> &'static str {
        match self {
            State::Submitted => lang.pick("submitted", "已报"),
            State::Late => lang.pick("late", "迟报"),
            State::Missing => lang.pick("missing", "未报"),
            State::Unverified => lang.pick("unverified", "未验证"),
        }
    }
}

/// One station's line of the evening.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub state: State,
    pub submission: Option<Submission>,
}

/// Every station's state for `date`; and whether one is missing past the deadline (`now` is the
/// local time: a past day is past its deadline).
pub fn status(
    street: &Street,
    subs: &BTreeMap<String, Submission>,
    date: Date,
    now: DateTime,
) -> (Vec<Row>, bool) {
    let past_deadline = past_deadline(street, date, now);
    let rows: Vec<Row> = street
        .stations
        .iter()
        .map(|(id, name)| {
            let sub = subs.get(id).cloned();
            let state = match &sub {
                None => State::Missing,
                Some(s) if s.proof.verified == Some(false) => State::Unverified,
                Some(s) if s.late(date, street.deadline) => State::Late,
                Some(_) => State::Submitted,
            };
            Row {
                id: id.clone(),
                name: name.clone(),
                state,
                submission: sub,
            }
        })
        .collect();
    // a report the station's key did not sign is no report: missing, as far as the deadline goes
    let overdue = past_deadline
        && rows
            .iter()
            .any(|r| matches!(r.state, State::Missing | State::Unverified));
    (rows, overdue)
}

/// Whether the deadline of `date` has passed at `now` (the street's local time).
pub fn past_deadline(street: &Street, date: Date, now: DateTime) -> bool {
    date < now.date() || (date == now.date() && now.time() >= street.deadline)
}

/// The street's evening: totals of the reports submitted, and the stations missing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub submitted: usize,
    pub zero: usize,
    pub missing: Vec<String>,
    /// Stations whose report their key did not sign: named, never counted.
    pub unverified: Vec<String>,
    pub escalations: u64,
    /// Every station's escalations: (station id, escalation), in the stations' order.
    pub escalated: Vec<(String, Escalated)>,
    pub unread: u64,
    /// The counted stations' figures, added up (a sum never wraps whatever it is given).
    pub figures: Figures,
}

/// Adds up the submitted reports; a missing station is named, never counted.
pub fn totals(rows: &[Row]) -> Totals {
    let mut t = Totals::default();
    for r in rows {
        let Some(s) = &r.submission else {
            t.missing.push(r.id.clone());
            continue;
        };
        if r.state == State::Unverified {
            t.unverified.push(r.id.clone());
            continue;
        }
        t.submitted += 1;
        t.zero += usize::from(s.zero);
        t.escalations = t.escalations.saturating_add(u64::from(s.escalations));
        let each = s.escalated().into_iter().map(|e| (r.id.clone(), e));
        t.escalated.extend(each);
        t.unread = t.unread.saturating_add(u64::from(s.unread));
        t.figures.add(&s.figures);
    }
    t
}

/// A share in per cent, one decimal ("—" of nothing).
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "—".into()
    } else {
        // a part is never more than its whole
        format!("{:.1}%", part.min(whole) as f64 * 100.0 / whole as f64)
    }
}

/// The street's text report, for its chat group.
pub fn text(street: &Street, date: Date, rows: &[Row], t: &Totals, lang: Lang) -> String {
    let f = &t.figures;
    let (name, n, s, z, m) = (
        crate::display::inline(&street.name),
        rows.len(),
        t.submitted,
        t.zero,
        t.missing.len(),
    );
    let mut out = match lang {
        Lang::Zh => format!(
            "{name} {date} 楼宇工作站日报汇总：应报 {n} 个，已报 {s} 个（零报告 {z} 个），未报 {m} 个\n"
        ),
        Lang::En => {
            format!("{name} {date}: {s} of {n} stations reported ({z} zero reports), {m} missing\n")
        }
    };
    let (units, iso) = (f.total.units, f.total.get(Status::Isolating));
    let c = &f.changes;
    let (new, ended, resumed, verified) =
        (c.isolating_new, c.isolating_ended, c.resumed, c.verified);
    let esc = t.escalations;
    out.push_str(&match lang {
        Lang::Zh => format!("已报站合计：单元 {units} 个，居家隔离 {iso} 户；今日新增隔离 {new}，解除隔离 {ended}，企业复工 {resumed} 家，新核实单元 {verified} 个；需上报 {esc} 项\n"),
        Lang::En => format!("Reported stations' totals: {units} units, {iso} isolating households; today {new} new isolations, {ended} ended, {resumed} companies resumed, {verified} units verified; {esc} to escalate\n"),
    });
    let co = &f.companies;
    let (ct, cr, emp, on) = (co.total as u64, co.resumed as u64, co.employees, co.on_site);
    if ct > 0 {
        let (rr, or) = (percent(cr, ct), percent(on, emp));
        out.push_str(&match lang {
            Lang::Zh => format!("企业 {ct} 家（已复工 {cr}，未复工 {}，复工率 {rr}），员工 {emp} 人（到岗 {on}，到岗率 {or}）\n", ct.saturating_sub(cr)),
            Lang::En => format!("{ct} companies ({cr} resumed, {} not resumed, {rr}), {emp} employees ({on} on site, {or})\n", ct.saturating_sub(cr)),
        });
    }
    out.push_str(&escalated_lines(rows, &t.escalated, lang));
    out.push_str(&returnee_line(t, lang));
    for r in rows {
        let state = r.state.said(lang);
        let name = crate::display::inline(&r.name);
        let line = match (&r.submission, lang) {
            (Some(_), Lang::Zh) if r.state == State::Unverified => {
                format!("  {name}：未验证（不是本站密钥签名的提交，未计入合计）\n")
            }
            (Some(_), Lang::En) if r.state == State::Unverified => {
                format!("  {name}: unverified (not signed by the station's key; not counted)\n")
            }
            (Some(s), Lang::Zh) => {
                let zero = if s.zero { "，零报告" } else { "" };
                format!(
                    "  {name}：{state} {}（第 {} 版{zero}），隔离 {}\n",
                    s.at,
                    s.revision,
                    s.figures.total.get(Status::Isolating)
                )
            }
            (Some(s), Lang::En) => {
                let zero = if s.zero { ", zero report" } else { "" };
                format!(
                    "  {name}: {state} {} (revision {}{zero}), {} isolating\n",
                    s.at,
                    s.revision,
                    s.figures.total.get(Status::Isolating)
                )
            }
            (None, Lang::Zh) => format!("  {name}：未报（未计入合计）\n"),
            (None, Lang::En) => format!("  {name}: missing (not counted)\n"),
        };
        out.push_str(&line);
    }
    out
}

mod escalated;
use escalated::escalated_lines;
pub use escalated::escalated_table;
mod keys;
mod submission;
mod wire;
pub use keys::{encode_entry, plausible_key};
pub use submission::{BuildingEscalations, Escalated, MAX_UNITS, Proof, Receipt, Submission};

#[cfg(test)]
mod tests;

/// The reported stations' returnees and inspections, when any station reported them.
fn returnee_line(t: &Totals, lang: Lang) -> String {
    let r = &t.figures.returnees;
    let mut out = String::new();
    // none of them at any counted station (or reports from before returnees were counted): no line
    if *r != Default::default() {
        let (n, o, d, m, f) = (
            r.returned,
            r.observing,
            r.readings_due,
            r.readings_missing,
            r.fever,
        );
        out.push_str(&match lang {
            Lang::Zh => {
                format!("返京 {n} 人，观察中 {o} 人；应测体温 {d} 人，未测 {m} 人，发热 {f} 人\n")
            }
            Lang::En => format!(
                "Returned {n}, in observation {o}; temperatures due {d}, missing {m}, fever {f}\n"
            ),
        });
    }
    let i = &t.figures.inspection;
    let (due, done) = (i.due as u64, i.done as u64);
    if due > 0 {
        let p = percent(done, due);
        out.push_str(&match lang {
            Lang::Zh => format!("网点摸排 {done}/{due} 家，摸排完成率 {p}\n"),
            Lang::En => format!("Shops inspected: {done} of {due} ({p})\n"),
        });
    }
    out
}
