//! A day's temperature readings (`.private/readings/<day>.toml`): health data, in the private
//! store only, never a line in a shared file. One line per person read that day,
//! `haigang.p1 = [{ t = 36.8, at = "08:30", by = "王芳" }]`; the latest reading of the day counts.

use crate::codec::{Problem, toml_string};
use crate::i18n::Text;
use crate::text::SmallStr;
use crate::tr;
use jiff::civil::Time;
use std::collections::BTreeMap;

/// A reading at or above this (tenths of a degree) is a fever (发热, 37.3 °C).
pub const FEVER: u16 = 373;
/// The readings accepted, in tenths of a degree: 35.0–42.0 °C.
pub const LOWEST: u16 = 350;
pub const HIGHEST: u16 = 420;

/// One temperature reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Tenths of a degree Celsius: 368 is 36.8 °C.
    pub tenths: u16,
    pub at: Time,
    pub by: SmallStr,
}

/// "36.8" from tenths.
pub fn shown(tenths: u16) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A temperature as typed (`36.8`, `３６．８`, `37`), checked against 35.0–42.0 °C.
pub fn parse_temp(input: &str) -> Result<u16, Text> {
    let t = crate::input::halfwidth(input.trim()).replace('。', ".");
    let shown_in = crate::display::inline(input.trim()).into_owned();
    let v: f64 = t
        .trim_end_matches(['℃', 'C', 'c', '°'])
        .trim()
        .parse()
        .map_err(|_| {
            tr!(
                "\"{shown_in}\" is not a temperature; write it as 36.8",
                "“{shown_in}”不是体温；请写成 36.8"
            )
        })?;
    // checked as typed, before rounding: 34.99 is not 35.0
    let tenths = (v * 10.0).round();
    if !(f64::from(LOWEST) / 10.0..=f64::from(HIGHEST) / 10.0).contains(&v) {
        return Err(tr!(
            "{shown_in} °C is outside 35.0–42.0 °C: check the thermometer and type it again",
            "{shown_in} ℃ 不在 35.0–42.0 ℃ 之间：请核对体温计后重新填写"
        ));
    }
    Ok(tenths as u16)
}

/// One day's readings: by building and person, each person's in the order logged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayReadings {
    pub by_person: BTreeMap<(SmallStr, SmallStr), Vec<Reading>>,
}

impl DayReadings {
    /// The reading that counts: the latest of the day (the last logged, when two share a time).
    pub fn latest(&self, building: &str, person: &str) -> Option<&Reading> {
        let v = self
            .by_person
            .get(&(SmallStr::from(building), SmallStr::from(person)))?;
        v.iter().max_by_key(|r| r.at)
    }

    pub fn add(&mut self, building: &str, person: &str, r: Reading) {
        self.by_person
            .entry((building.into(), person.into()))
            .or_default()
            .push(r);
    }

    /// Removes a person's readings; how many went.
    pub fn remove(&mut self, building: &str, person: &str) -> usize {
        self.by_person
            .remove(&(SmallStr::from(building), SmallStr::from(person)))
            .map_or(0, |v| v.len())
    }

    pub fn is_empty(&self) -> bool {
        self.by_person.is_empty()
    }
}

/// The day file's text (empty when nothing was read).
pub fn encode(d: &DayReadings) -> String {
    let key = |k: &str| toml_edit::Key::new(k).to_string();
    let mut s = String::new();
    for ((b, p), rs) in &d.by_person {
        let items: Vec<String> = rs
            .iter()
            .map(|r| {
                let at = format!("{:02}:{:02}", r.at.hour(), r.at.minute());
                format!(
                    "{{ t = {}, at = \"{at}\", by = {} }}",
                    shown(r.tenths),
                    toml_string(&r.by)
                )
            })
            .collect();
        s.push_str(&format!("{}.{} = [{}]\n", key(b), key(p), items.join(", ")));
    }
    s
}

/// The day file's readings, or every problem found.
pub fn parse(text: &str) -> Result<DayReadings, Vec<Problem>> {
    let mut out = DayReadings::default();
    let mut problems = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Err(m) = one_line(line, &mut out) {
            problems.push(Problem::error(n + 1, 1, m));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn bad() -> Text {
    tr!(
        "not a reading: write BUILDING.PERSON = [{{ t = 36.8, at = \"08:30\", by = \"…\" }}]",
        "不是体温记录：应写成 楼栋.人员 = [{{ t = 36.8, at = \"08:30\", by = \"…\" }}]"
    )
}

fn one_line(line: &str, out: &mut DayReadings) -> Result<(), Text> {
    let parsed: toml::Table = toml::from_str(line).map_err(|_| bad())?;
    for (b, v) in parsed {
        let people = v.as_table().ok_or_else(bad)?;
        for (p, list) in people {
            for item in list.as_array().ok_or_else(bad)? {
                out.add(&b, p, reading(item).ok_or_else(bad)?);
            }
        }
    }
    Ok(())
}

fn reading(v: &toml::Value) -> Option<Reading> {
    let t = v.get("t")?;
    let t = t.as_float().or_else(|| t.as_integer().map(|i| i as f64))?;
    let tenths = (t * 10.0).round();
    if !(f64::from(LOWEST)..=f64::from(HIGHEST)).contains(&tenths) {
        return None;
    }
    let at: Time = format!("{}:00", v.get("at")?.as_str()?).parse().ok()?;
    let by = v.get("by").and_then(|b| b.as_str()).unwrap_or("");
    Some(Reading {
        tenths: tenths as u16,
        at,
        by: by.into(),
    })
}
