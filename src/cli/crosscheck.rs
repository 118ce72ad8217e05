//! `crosscheck`: an outside list of units (access cards issued, property records) against the
//! chart — what to verify. Reads the list as an import does (`ledger.rs`), writes nothing.

use super::ledger::{load_named, read};
use super::{Ctx, Res, json};
use loupan_core::display::inline;
use loupan_core::ledger::{self, Chart};
use loupan_core::privacy::{Reveal, mask_name};
use loupan_core::tr;
use serde_json::{Map, Value, json};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CrosscheckArgs {
    file: PathBuf,
    #[arg(long)]
    building: Option<String>,
    #[arg(long, value_name = "HEADER=FIELD")]
    column: Vec<String>,
    #[arg(long)]
    json: bool,
    #[arg(long)]
    reveal: bool,
}

pub fn crosscheck(ctx: &mut Ctx<'_>, a: &CrosscheckArgs) -> Res {
    let r = read(ctx, &a.file, a.building.as_deref(), &a.column)?;
    let (loaded, unread) = load_named(ctx, &r)?;
    let chart = Chart {
        names: &r.names,
        loaded: &loaded,
        fixed: r.fixed.as_deref(),
    };
    // rows on a building that could not be read are counted nowhere (it was named on stderr)
    let found: Vec<_> = ledger::crosscheck(&r.rows, &r.cols, &chart)
        .into_iter()
        .filter(|f| f.building.as_ref().is_none_or(|b| !unread.contains(b)))
        .collect();
    let failed = i32::from(!unread.is_empty());
    let reveal = ctx.reveal(a.reveal);
    ctx.shown(found.iter().filter(|f| f.name.is_some()).count());
    let shown = |n: &Option<String>| {
        n.as_deref().map(|n| match reveal {
            Reveal::Shown => n.to_string(),
            Reveal::Masked => mask_name(n),
        })
    };
    if a.json {
        let v: Vec<Value> = found
            .iter()
            .map(|f| {
                let mut m = Map::new();
                m.insert("row".into(), json!(f.row));
                m.insert("building".into(), json!(f.building));
                m.insert("unit".into(), json!(f.unit));
                m.insert("reason".into(), json!(f.reason.key()));
                if let Some(d) = &f.detail {
                    m.insert("detail".into(), json!(d.get(ctx.lang)));
                }
                if let Some(n) = shown(&f.name) {
                    m.insert("name".into(), json!(n));
                }
                if let Some(d) = &f.date {
                    m.insert("date".into(), json!(d));
                }
                Value::Object(m)
            })
            .collect();
        json::write(&mut *ctx.out, &Value::Array(v))?;
        return Ok(failed);
    }
    let (lang, names) = (ctx.lang, ctx.station.shown_names());
    for f in &found {
        let mut line = format!(
            "{}:{}  {} {}  {}",
            a.file.display(),
            f.row,
            f.building.as_deref().map_or("?".into(), |b| names.of(b)),
            inline(&f.unit),
            f.reason.name(lang)
        );
        for extra in [
            f.detail.as_ref().map(|d| d.get(lang).to_string()),
            shown(&f.name),
            f.date.clone(),
        ]
        .into_iter()
        .flatten()
        {
            line.push_str("  ");
            line.push_str(&inline(&extra));
        }
        writeln!(ctx.out, "{line}")?;
    }
    let (n, rows) = (found.len(), r.rows.len());
    ctx.say(&tr!(
        "{rows} rows: {n} units to verify",
        "共 {rows} 行：{n} 个单元需要核实"
    ));
    Ok(failed)
}
