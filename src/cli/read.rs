//! Commands that only read: check, stats, render, show.

use super::{ColorWhen, Format, json};
use crate::core::model::Building;
use crate::core::stats::Counts;
use crate::core::status::Status;
use crate::render;
use crate::store::{self, Loaded, paths};
use anyhow::{Result, bail};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::Path;

/// Loads every building; broken ones are reported on stderr and skipped.
fn load_good(dir: &Path) -> Result<(Vec<Building>, bool)> {
    let ids = paths::list_ids(dir)?;
    let mut broken = false;
    let mut good = Vec::with_capacity(ids.len());
    for l in store::load_all(dir, &ids) {
        for line in l.problem_lines() {
            eprintln!("{line}");
            broken = true;
        }
        if let Ok(b) = l.building {
            good.push(b);
        }
    }
    Ok((good, broken))
}

pub fn load_building(dir: &Path, given: &str) -> Result<Building> {
    let id = paths::resolve(dir, given)?;
    let l: Loaded = store::load_one(dir, &id);
    match l.building {
        Ok(b) => Ok(b),
        Err(_) => bail!("{}", l.problem_lines().join("\n")),
    }
}

pub fn check(dir: &Path, out: &mut impl Write) -> Result<i32> {
    let ids = paths::list_ids(dir)?;
    let loaded = store::load_all(dir, &ids);
    let mut problems = 0;
    let mut units = 0;
    for l in &loaded {
        for line in l.problem_lines() {
            writeln!(out, "{line}")?;
            problems += 1;
        }
        if let Ok(b) = &l.building {
            units += b.units.len();
        }
    }
    if problems == 0 {
        eprintln!("ok: {} buildings, {units} units, no problems", loaded.len());
        Ok(0)
    } else {
        eprintln!("{problems} problem(s) found; the files were not changed");
        Ok(1)
    }
}

pub fn stats(dir: &Path, format: Format, out: &mut impl Write) -> Result<i32> {
    let (buildings, broken) = load_good(dir)?;
    let per: Vec<(&Building, Counts)> = buildings.iter().map(|b| (b, Counts::of(b))).collect();
    let mut total = Counts::default();
    for (_, c) in &per {
        total.merge(c);
    }
    match format {
        Format::Json => {
            let mut t = Map::new();
            json::counts(&total, &mut t);
            let rows: Vec<Value> = per
                .iter()
                .map(|(b, c)| {
                    let mut m = Map::new();
                    m.insert("id".into(), json!(b.id));
                    m.insert("name".into(), json!(b.name));
                    json::counts(c, &mut m);
                    Value::Object(m)
                })
                .collect();
            serde_json::to_writer_pretty(
                &mut *out,
                &json!({"total": Value::Object(t), "buildings": rows}),
            )?;
            writeln!(out)?;
        }
        Format::Csv => {
            let head: Vec<&str> = ["id", "name", "units"]
                .into_iter()
                .chain(Status::ALL.iter().map(|s| s.key()))
                .chain(["live-work"])
                .collect();
            writeln!(out, "{}", head.join(","))?;
            let row = |id: &str, name: &str, c: &Counts| {
                let mut cells = vec![csv_cell(id), csv_cell(name), c.units.to_string()];
                cells.extend(Status::ALL.iter().map(|s| c.get(*s).to_string()));
                cells.push(c.live_work.to_string());
                cells.join(",")
            };
            for (b, c) in &per {
                writeln!(out, "{}", row(&b.id, &b.name, c))?;
            }
            writeln!(out, "{}", row("total", "", &total))?;
        }
        Format::Table => {
            let idw = per
                .iter()
                .map(|(b, _)| unicode_width::UnicodeWidthStr::width(b.id.as_str()))
                .max()
                .unwrap_or(2)
                .max(5);
            let nw = per
                .iter()
                .map(|(b, _)| unicode_width::UnicodeWidthStr::width(b.name.as_str()))
                .max()
                .unwrap_or(4)
                .max(4);
            let mut id_h = "id".to_string();
            render::pad(&mut id_h, idw);
            let mut name_h = "name".to_string();
            render::pad(&mut name_h, nw);
            let mut head = format!("{id_h} {name_h} {:>6}", "units");
            for s in Status::ALL {
                head.push_str(&format!(" {:>11}", s.key()));
            }
            head.push_str(&format!(" {:>9}", "live-work"));
            writeln!(out, "{head}")?;
            let line = |id: &str, name: &str, c: &Counts| {
                let mut id = id.to_string();
                render::pad(&mut id, idw);
                let mut name = name.to_string();
                render::pad(&mut name, nw);
                let mut l = format!("{id} {name} {:>6}", c.units);
                for s in Status::ALL {
                    l.push_str(&format!(" {:>11}", c.get(s)));
                }
                l.push_str(&format!(" {:>9}", c.live_work));
                l
            };
            for (b, c) in &per {
                writeln!(out, "{}", line(&b.id, &b.name, c))?;
            }
            writeln!(out, "{}", line("total", "", &total))?;
        }
    }
    Ok(i32::from(broken))
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn color_enabled(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            use std::io::IsTerminal;
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

pub fn render(dir: &Path, given: &str, when: ColorWhen, out: &mut impl Write) -> Result<i32> {
    let b = load_building(dir, given)?;
    out.write_all(render::building_text(&b, color_enabled(when)).as_bytes())?;
    Ok(0)
}

pub fn show(
    dir: &Path,
    given: &str,
    unit: Option<&str>,
    as_json: bool,
    out: &mut impl Write,
) -> Result<i32> {
    let b = load_building(dir, given)?;
    match unit {
        Some(label) => {
            let Some(i) = b.find(label) else {
                bail!(
                    "there is no unit {label} in {} ({}); `loupan render {}` shows the layout",
                    b.id,
                    b.name,
                    b.id
                );
            };
            let v = json::unit(&b, i);
            if as_json {
                serde_json::to_writer_pretty(&mut *out, &v)?;
                writeln!(out)?;
            } else if let Value::Object(m) = v {
                for (k, v) in m {
                    let shown = match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    writeln!(out, "{k:>10}: {shown}")?;
                }
            }
        }
        None => {
            if as_json {
                let units: Vec<Value> = (0..b.units.len()).map(|i| json::unit(&b, i)).collect();
                serde_json::to_writer_pretty(
                    &mut *out,
                    &json!({"id": b.id, "name": b.name, "units": units}),
                )?;
                writeln!(out)?;
            } else {
                for i in 0..b.units.len() {
                    let u = &b.units[i];
                    let mut line = format!("{:>6} {:<11}", &*u.label, u.record.status.key());
                    if u.record.live_work {
                        line.push_str(" live-work");
                    }
                    if let Some(n) = &u.record.name {
                        line.push_str(&format!(" {n}"));
                    }
                    if let Some(n) = &u.record.note {
                        line.push_str(&format!(" · {n}"));
                    }
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    Ok(0)
}
