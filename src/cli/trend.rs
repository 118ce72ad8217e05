//! `loupan trend`: counts per status at the end of each day, from git (today from the files).

use super::{Ctx, Format, Res, json};
use loupan_core::display::{cell, inline};
use loupan_core::fields::Field;
use loupan_core::render;
use loupan_core::status::Status;
use loupan_core::tr;
use loupan_core::trend::{self, Row};
use serde_json::{Map, Value, json};

#[derive(clap::Args, Debug)]
pub struct TrendArgs {
    building: Option<String>,
    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u16).range(1..=3660))]
    days: u16,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn trend(ctx: &mut Ctx<'_>, a: &TrendArgs) -> Res {
    let one = match &a.building {
        Some(b) => {
            let id = ctx.station.resolve(b)?;
            let name = ctx.station.name_of(&id).unwrap_or_else(|| id.to_string());
            Some((id, name))
        }
        None => None,
    };
    let dates = trend::window(ctx.today, usize::from(a.days));
    let (days, reach) = ctx.station.trend(&dates, ctx.today)?;
    let rows: Vec<Row> = days
        .iter()
        .map(|d| match &one {
            Some((id, name)) => trend::building_row(d, id, name),
            None => trend::total_row(d),
        })
        .collect();
    if let Some(from) = reach.shallow_from
        && days.iter().any(|d| d.basis == trend::Basis::Unseen)
    {
        ctx.say(&tr!(
            "this is a shallow clone: its history starts on {from}; earlier days cannot be told (git fetch --unshallow)",
            "这是浅克隆，历史从 {from} 开始；更早的日子无法统计（git fetch --unshallow）"
        ));
    }
    match a.format {
        Format::Json => {
            let v: Vec<Value> = rows
                .iter()
                .zip(&days)
                .map(|(r, d)| row_json(r, d))
                .collect();
            json::write(&mut *ctx.out, &Value::Array(v))?;
        }
        Format::Csv => csv(ctx, &rows, &days)?,
        Format::Table => table(ctx, &rows, &days)?,
    }
    tell_problems(ctx, &rows, &days)?;
    Ok(i32::from(rows.iter().any(|r| !r.unreadable.is_empty())))
}

/// Where each file that did not parse is wrong, as `FILE:LINE:COL` (`FILE@COMMIT:…` for a past
/// day), once per version, on stderr.
fn tell_problems(ctx: &mut Ctx<'_>, rows: &[Row], days: &[trend::Day]) -> std::io::Result<()> {
    use loupan_core::ids::{BuildingId, CommitId};
    use loupan_store::snapshot::At;
    let mut told: Vec<(trend::Basis, String)> = Vec::new();
    for (r, d) in rows.iter().zip(days) {
        for id in &r.unreadable {
            let key = (d.basis.clone(), id.clone());
            if told.contains(&key) {
                continue;
            }
            told.push(key);
            let at = match &d.basis {
                trend::Basis::Commit(h) => CommitId::parse(h).map_or(At::Nothing, At::Commit),
                _ => At::WorkTree,
            };
            let Ok(id) = BuildingId::parse(id) else {
                continue;
            };
            let ids = [id];
            if let Ok((_, unread)) = ctx.station.buildings_at(&at, Some(&ids)) {
                for u in unread {
                    for l in loupan_core::codec::Located::lines(&u.problems, ctx.lang) {
                        writeln!(ctx.err, "{l}")?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn row_json(r: &Row, d: &trend::Day) -> Value {
    let mut m = Map::new();
    m.insert("date".into(), json!(r.date.to_string()));
    match &r.counts {
        Some(c) => json::counts(c, &mut m),
        None => {
            m.insert("units".into(), Value::Null);
            for s in Status::ALL {
                m.insert(s.key().into(), Value::Null);
            }
            m.insert("live-work".into(), Value::Null);
        }
    }
    m.insert("from".into(), json!(d.basis.key()));
    if let trend::Basis::Commit(h) = &d.basis {
        m.insert("commit".into(), json!(h));
    }
    if !r.unreadable.is_empty() {
        m.insert("unreadable".into(), json!(r.unreadable));
    }
    if r.absent {
        m.insert("absent".into(), json!(true));
    }
    Value::Object(m)
}

fn note(ctx: &Ctx<'_>, r: &Row, d: &trend::Day) -> String {
    let lang = ctx.lang;
    if d.basis == trend::Basis::Nothing {
        return lang.pick("nothing recorded yet", "尚无记录").into();
    }
    if r.counts.is_none() && r.unreadable.is_empty() {
        return lang
            .pick("before this clone's history", "早于本克隆的历史")
            .into();
    }
    if r.absent {
        return lang.pick("not in the chart", "当日不在楼盘中").into();
    }
    if !r.unreadable.is_empty() {
        let ids = inline(&r.unreadable.join(", ")).into_owned();
        return tr!(
            "file did not parse: {ids} (left out)",
            "文件无法解析：{ids}（未计入）"
        )
        .get(lang)
        .to_string();
    }
    String::new()
}

fn csv(ctx: &mut Ctx<'_>, rows: &[Row], days: &[trend::Day]) -> std::io::Result<()> {
    let head: Vec<&str> = ["date", "units"]
        .into_iter()
        .chain(Status::ALL.iter().map(|s| s.key()))
        .chain(["live-work", "note"])
        .collect();
    let notes: Vec<String> = rows
        .iter()
        .zip(days)
        .map(|(r, d)| note(ctx, r, d))
        .collect();
    let mut w = csv::Writer::from_writer(&mut *ctx.out);
    w.write_record(&head)?;
    for (r, n) in rows.iter().zip(notes) {
        let mut cells = vec![r.date.to_string()];
        let figure = |f: fn(&loupan_core::stats::Counts) -> usize| {
            r.counts
                .as_ref()
                .map_or(String::new(), |c| f(c).to_string())
        };
        cells.push(figure(|c| c.units));
        for s in Status::ALL {
            cells.push(
                r.counts
                    .as_ref()
                    .map_or(String::new(), |c| c.get(s).to_string()),
            );
        }
        cells.push(figure(|c| c.live_work));
        cells.push(cell(&n).into_owned());
        w.write_record(&cells)?;
    }
    w.flush()
}

fn table(ctx: &mut Ctx<'_>, rows: &[Row], days: &[trend::Day]) -> std::io::Result<()> {
    let lang = ctx.lang;
    let mut head = format!(
        "{} {}",
        render::padded(lang.pick("date", "日期"), 10),
        render::padded_left(lang.pick("units", "单元数"), 7)
    );
    for s in Status::ALL {
        head.push(' ');
        head.push_str(&render::padded_left(lang.status(s), 11));
    }
    head.push(' ');
    head.push_str(&render::padded_left(Field::LiveWork.spec().label(lang), 9));
    writeln!(ctx.out, "{head}")?;
    for (r, d) in rows.iter().zip(days) {
        let mut l = format!("{} ", r.date);
        match &r.counts {
            Some(c) => {
                l.push_str(&format!("{:>7}", c.units));
                for s in Status::ALL {
                    l.push_str(&format!(" {:>11}", c.get(s)));
                }
                l.push_str(&format!(" {:>9}", c.live_work));
            }
            None => l.push_str(&format!("{:>7}", "-")),
        }
        let n = note(ctx, r, d);
        if !n.is_empty() {
            l.push_str("  ");
            l.push_str(&n);
        }
        writeln!(ctx.out, "{l}")?;
    }
    Ok(())
}
