//! At a street's root, `check`, `stats`, `report` and `today` act across every station of
//! street.toml: each station's own command, in its own folder, its lines under a station column
//! (text and CSV) or its value beside a `station` key (JSON). A station whose folder is not here
//! is named, never skipped in silence. The exit code is the gravest station's.

use super::{Cmd, Ctx, Fail, Format, Res, fail};
use loupan_core::exit::Exit;
use loupan_core::i18n::Text;
use loupan_core::tr;
use loupan_store::Station;
use loupan_store::config::Config;
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// How the stations' outputs are put together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    Text,
    Json,
    Csv,
}

/// The street whose stations a command acts across: run at its root (not in a station's folder)
/// with no station and no data folder named, for a command that reads across stations.
pub(crate) fn street_root(args: &super::Args, config: &Config) -> Option<PathBuf> {
    let reads = matches!(
        args.command,
        Some(Cmd::Check | Cmd::Stats { .. } | Cmd::Report(_) | Cmd::Today { .. })
    );
    if !reads || args.station.is_some() {
        return None;
    }
    if loupan_store::paths::named_dir(args.dir.clone(), config).is_some() {
        return None;
    }
    loupan_store::street::map_root(Path::new("."))
}

/// The form a command's output takes across stations, or why it cannot go across (exit 2).
fn form(c: &Cmd) -> Result<Form, Fail> {
    let one = |what: &str| {
        Fail::usage(tr!(
            "at a street's root {what} is for one station: name it with --station ID (or run it inside stations/ID)",
            "在街道根目录，{what} 只能针对一个工作站：请用 --station 编号 指定（或在 stations/编号 下运行）"
        ))
    };
    match c {
        Cmd::Stats { format } => Ok(match format {
            Format::Table => Form::Text,
            Format::Json => Form::Json,
            Format::Csv => Form::Csv,
        }),
        Cmd::Report(a) => a
            .across()
            .ok_or_else(|| one("report --submit, --out or XLSX")),
        Cmd::Today { reveal: true, .. } => Err(one("today --reveal")),
        Cmd::Today { json, .. } => Ok(if *json { Form::Json } else { Form::Text }),
        _ => Ok(Form::Text),
    }
}

/// One station's run: its output, its words on stderr, its exit code.
struct Each {
    id: String,
    name: String,
    out: Vec<u8>,
    err: Vec<u8>,
    code: i32,
}

/// Runs `c` in every station of the street at `root`, and writes what each said.
pub(crate) fn run(ctx: &mut Ctx<'_>, config: &Config, root: &Path, c: &Cmd) -> Res {
    let form = form(c)?;
    let (_, street) = loupan_store::street::open(root)?;
    if street.stations.is_empty() {
        ctx.say(&tr!(
            "the street has no stations yet (`loupan station add ID NAME` adds one)",
            "街道还没有工作站（用 `loupan station add 编号 名称` 添加）"
        ));
        return Ok(Exit::Attention.code());
    }
    let mut all = Vec::new();
    for (id, name) in &street.stations {
        all.push(one(ctx, config, root, (id, name), c)?);
    }
    match form {
        Form::Json => {
            let v: Vec<Value> = all.iter().map(as_json).collect();
            super::json::write(&mut *ctx.out, &v)?;
        }
        Form::Text | Form::Csv => columns(ctx, &all, form)?,
    }
    Ok(all.iter().map(|e| e.code).max().unwrap_or(0))
}

/// One station's command, in its own folder; a folder that is not here is said, exit 1.
fn one(
    ctx: &Ctx<'_>,
    config: &Config,
    root: &Path,
    who: (&str, &str),
    c: &Cmd,
) -> Result<Each, Fail> {
    let (id, name) = (who.0.to_string(), who.1.to_string());
    let dir = root.join("stations").join(id.as_str());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    if !dir.is_dir() {
        let t = missing(&id);
        err.extend(format!("{}\n", t.get(ctx.lang)).into_bytes());
        return Ok(Each {
            id,
            name,
            out,
            err,
            code: Exit::Attention.code(),
        });
    }
    let mut sub = Ctx {
        station: Station::open(dir, config.clone()),
        lang: ctx.lang,
        today: ctx.today,
        out: &mut out,
        err: &mut err,
        progress: false,
        revealed: None,
    };
    let code = match super::command(&mut sub, c) {
        Ok(code) => code,
        Err(Fail::Said(t)) => fail::said(&mut sub, &t, Exit::Attention),
        Err(Fail::Exit(code, t)) => fail::said(&mut sub, &t, code),
        Err(Fail::Io(e)) => return Err(Fail::Io(e)),
    };
    Ok(Each {
        id,
        name,
        out,
        err,
        code,
    })
}

/// A station street.toml lists whose folder is not in this clone.
fn missing(id: &str) -> Text {
    let id = loupan_core::display::inline(id);
    tr!(
        "stations/{id}: no such folder here (not pulled yet? `loupan sync`); not counted",
        "stations/{id}：这里没有这个文件夹（尚未同步？`loupan sync`）；未计入"
    )
}

/// A station's value in the JSON array: `station`, `station_name`, its own fields (or `value`),
/// its `exit`, and what it said on stderr as `error` when it did not finish.
fn as_json(e: &Each) -> Value {
    let mut m = Map::new();
    m.insert("station".into(), json!(e.id));
    m.insert("station_name".into(), json!(e.name));
    match serde_json::from_slice::<Value>(&e.out) {
        Ok(Value::Object(own)) => m.extend(own),
        Ok(v) => {
            m.insert("value".into(), v);
        }
        Err(_) => {}
    }
    m.insert("exit".into(), json!(e.code));
    let said = String::from_utf8_lossy(&e.err).trim_end().to_string();
    if !said.is_empty() {
        m.insert("said".into(), json!(said));
    }
    Value::Object(m)
}

/// Each station's lines under its id: text as `ID  line`, CSV as a first `station` field (one
/// byte-order mark at the top). What a station says on stderr goes there, under its id too.
fn columns(ctx: &mut Ctx<'_>, all: &[Each], form: Form) -> Result<(), Fail> {
    let width = all.iter().map(|e| e.id.chars().count()).max().unwrap_or(0);
    let mut header_done = false;
    if form == Form::Csv {
        ctx.out.write_all(b"\xef\xbb\xbf")?;
    }
    for e in all {
        let text = String::from_utf8_lossy(&e.out);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        for (i, line) in text.lines().enumerate() {
            match form {
                // the stations' CSVs share one header: the first one's, with the station column
                Form::Csv if i == 0 && header_done => continue,
                Form::Csv if i == 0 => {
                    header_done = true;
                    let head = ctx.lang.pick("station", "工作站");
                    writeln!(ctx.out, "{head},{line}")?;
                }
                Form::Csv => writeln!(ctx.out, "{},{line}", e.id)?,
                _ if line.is_empty() => writeln!(ctx.out, "{}", e.id)?,
                _ => writeln!(ctx.out, "{:<width$}  {line}", e.id)?,
            }
        }
        for line in String::from_utf8_lossy(&e.err).lines() {
            writeln!(ctx.err, "{:<width$}  {line}", e.id)?;
        }
    }
    Ok(())
}
