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

/// Counts of every building, in parallel, without holding the buildings; broken ones are
/// reported on stderr and skipped.
/// (id, name, counts) of one building.
type Row = (String, String, Counts);

fn count_all(dir: &Path) -> Result<(Vec<Row>, bool)> {
    let ids = paths::list_ids(dir)?;
    let rows = store::load::map_all(dir, &ids, |l| match &l.building {
        Ok(b) => Ok((b.id.clone(), b.name.clone(), Counts::of(b))),
        Err(_) => Err(l.problem_lines()),
    });
    let mut broken = false;
    let mut good = Vec::with_capacity(rows.len());
    for r in rows {
        match r {
            Ok(row) => good.push(row),
            Err(lines) => {
                broken = true;
                for line in lines {
                    eprintln!("{line}");
                }
            }
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
    let results = store::load::map_all(dir, &ids, |l| {
        (l.problem_lines(), l.building.map_or(0, |b| b.units.len()))
    });
    let mut problems = 0;
    let mut units = 0;
    for (lines, n) in &results {
        for line in lines {
            writeln!(out, "{line}")?;
            problems += 1;
        }
        units += n;
    }
    if problems == 0 {
        eprintln!(
            "ok: {} buildings, {units} units, no problems",
            results.len()
        );
        Ok(0)
    } else {
        eprintln!("{problems} problem(s) found; the files were not changed");
        Ok(1)
    }
}

pub fn stats(dir: &Path, format: Format, out: &mut impl Write) -> Result<i32> {
    let (per, broken) = count_all(dir)?;
    let mut total = Counts::default();
    for (_, _, c) in &per {
        total.merge(c);
    }
    match format {
        Format::Json => {
            let mut t = Map::new();
            json::counts(&total, &mut t);
            let rows: Vec<Value> = per
                .iter()
                .map(|(id, name, c)| {
                    let mut m = Map::new();
                    m.insert("id".into(), json!(id));
                    m.insert("name".into(), json!(name));
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
            for (id, name, c) in &per {
                writeln!(out, "{}", row(id, name, c))?;
            }
            writeln!(out, "{}", row("total", "", &total))?;
        }
        Format::Table => {
            let idw = per
                .iter()
                .map(|(id, _, _)| unicode_width::UnicodeWidthStr::width(id.as_str()))
                .max()
                .unwrap_or(2)
                .max(5);
            let nw = per
                .iter()
                .map(|(_, n, _)| unicode_width::UnicodeWidthStr::width(n.as_str()))
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
            for (id, name, c) in &per {
                writeln!(out, "{}", line(id, name, c))?;
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
