//! The street from the command line (docs/spec.md §13): `street init|status|report`, `station add`,
//! `sync`, and `report --submit`.

use super::{Ctx, Res, json};
use jiff::civil::Date;
use loupan_core::display::inline;
use loupan_core::i18n::Lang;
use loupan_core::street::{self, Row, Street, Submission, Totals};
use loupan_core::tr;
use loupan_store::street as disk;
use serde_json::{Map, Value, json};
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct StreetArgs {
    #[command(subcommand)]
    pub cmd: StreetCmd,
}

#[derive(clap::Subcommand, Debug)]
pub enum StreetCmd {
    Init {
        name: String,
    },
    Status {
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Report {
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: StreetFormat,
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum StreetFormat {
    Text,
    Json,
    Csv,
    Xlsx,
}

#[derive(clap::Args, Debug)]
pub struct StationArgs {
    #[command(subcommand)]
    pub cmd: StationCmd,
}

#[derive(clap::Subcommand, Debug)]
pub enum StationCmd {
    Add {
        id: String,
        name: String,
        #[arg(long)]
        key: Option<String>,
    },
    Key {
        id: String,
        key: String,
    },
    Join {
        id: String,
        #[arg(long, value_name = "PATH")]
        signing_key: std::path::PathBuf,
    },
}

/// Where the command runs: the current folder.
fn here() -> std::path::PathBuf {
    std::path::PathBuf::from(".")
}

pub fn street(ctx: &mut Ctx<'_>, a: &StreetArgs) -> Res {
    match &a.cmd {
        StreetCmd::Init { name } => {
            let root = loupan_store::sync::toplevel(&here()).unwrap_or_else(|_| here());
            disk::init(&root, name)?;
            let n = loupan_core::display::inline(name).into_owned();
            ctx.say(&tr!(
                "{n} is a street now (street.toml); add its stations with `loupan station add ID NAME`, then `loupan sync`",
                "已创建街道 {n}（street.toml）；用 `loupan station add 编号 名称` 添加工作站，再运行 `loupan sync`"
            ));
            Ok(0)
        }
        StreetCmd::Status { date, json } => status(ctx, date.as_deref(), *json),
        StreetCmd::Report { date, format, out } => {
            report(ctx, date.as_deref(), *format, out.as_deref())
        }
    }
}

pub fn station(ctx: &mut Ctx<'_>, a: &StationArgs) -> Res {
    let (id, name, key) = match &a.cmd {
        StationCmd::Add { id, name, key } => (id, name, key),
        StationCmd::Key { id, key } => return super::trust::key(ctx, id, key),
        StationCmd::Join { id, signing_key } => return super::trust::join(ctx, id, signing_key),
    };
    let (root, _) = disk::open(&here())?;
    let dir = disk::add_station(&root, id, name)?;
    super::trust::add_key(&root, id, key.as_deref())?;
    let d = dir.display();
    ctx.say(&tr!(
        "station {id} added: its buildings go in {d} (run loupan inside it, or `loupan --station {id} new …` from the street's root)",
        "已添加工作站 {id}：其楼栋放在 {d}（在该目录下运行 loupan，或在街道根目录用 `loupan --station {id} new …`）"
    ));
    Ok(0)
}

pub fn sync(ctx: &mut Ctx<'_>) -> Res {
    let s = ctx.station.sync(ctx.today)?;
    for t in loupan_store::sync::said(&s) {
        ctx.say(&t);
    }
    Ok(0)
}

/// `report --submit`: the day's report as data, committed and synced.
pub fn submit(ctx: &mut Ctx<'_>, day: Date) -> Res {
    let Some((root, id)) = disk::station_of(ctx.station.dir()) else {
        return Err(tr!(
            "--submit works in a station's folder of a street (stations/ID/); run it there",
            "--submit 需在街道仓库的工作站目录（stations/编号/）下运行"
        )
        .into());
    };
    // a station submits its own report only: from another station's folder, `--station` is no
    // way to write it
    if let Some((_, here)) = disk::station_of(Path::new("."))
        && here != id
    {
        let (here, id) = (inline(&here), inline(&id));
        return Err(super::Fail::Exit(
            loupan_core::exit::Exit::Refused,
            tr!(
                "this is station {here}'s folder: it submits {here}'s report, never {id}'s",
                "这里是工作站 {here} 的目录：只能上报 {here} 的报告，不能替 {id} 上报"
            ),
        ));
    }
    let (r, broken) = ctx.station.day_report(day, ctx.today, ctx.lang)?;
    for line in loupan_core::codec::Located::lines(&broken, ctx.lang) {
        writeln!(ctx.err, "{line}")?;
    }
    // the time the report stands for, in the street's time zone
    let (_, st) = disk::open(&root)?;
    let now = disk::now_in(&st)?;
    let (path, s) = disk::submit(&root, Submission::of(&id, &r, now, 0))?;
    let (p, rev) = (path.display(), s.revision);
    ctx.say(&tr!(
        "wrote {p} (revision {rev})",
        "已写入 {p}（第 {rev} 版）"
    ));
    match ctx.station.sync(ctx.today) {
        Ok(_) => {
            ctx.say(&tr!("submitted: the street has it", "已上报：街道已收到"));
            Ok(i32::from(!broken.is_empty()))
        }
        Err(e) => {
            ctx.say(&tr!(
                "the report is written and kept; it goes up at the next `loupan sync`:",
                "报告已写好并保留在本机；下次 `loupan sync` 时上报："
            ));
            Err(e.into())
        }
    }
}

fn the_day(ctx: &Ctx<'_>, date: Option<&str>) -> Result<Date, super::Fail> {
    super::day::day_of(ctx, date)
}

fn gathered(
    ctx: &mut Ctx<'_>,
    date: Option<&str>,
) -> Result<(Street, Date, Vec<Row>, Deadline), super::Fail> {
    let day = match date {
        Some(_) => Some(the_day(ctx, date)?),
        None => None,
    };
    let e = disk::evening(&here(), day)?;
    for p in e.problems {
        ctx.say(&p);
    }
    let d = Deadline {
        overdue: e.overdue,
        passed: e.past_deadline,
    };
    Ok((e.street, e.date, e.rows, d))
}

/// Where the evening stands against its deadline: passed, and a station missing after it.
#[derive(Clone, Copy)]
struct Deadline {
    overdue: bool,
    passed: bool,
}

/// `street status`'s closing line: once the deadline has passed, who is missing and who was late
/// (by name), or that all were on time; before it, when it is.
fn deadline_line(st: &Street, rows: &[Row], d: Deadline, lang: Lang) -> String {
    let at = st.deadline.strftime("%H:%M").to_string();
    if !d.passed {
        return tr!("deadline {at}: not yet", "截止时间 {at}：未到")
            .get(lang)
            .into();
    }
    let names = |s: street::State| -> Vec<String> {
        rows.iter()
            .filter(|r| r.state == s)
            .map(|r| loupan_core::display::inline(&r.name).into_owned())
            .collect()
    };
    let (missing, late) = (names(street::State::Missing), names(street::State::Late));
    if missing.is_empty() && late.is_empty() {
        let t = tr!(
            "the deadline {at} has passed: every station reported on time",
            "截止时间 {at} 已过：各站均按时上报"
        );
        return t.get(lang).into();
    }
    let (m, l) = (missing.len(), late.len());
    let (mz, lz) = (missing.join("、"), late.join("、"));
    let (me, le) = (missing.join(", "), late.join(", "));
    let t = tr!(
        "the deadline {at} has passed: {m} missing ({me}), {l} late ({le})",
        "截止时间 {at} 已过：未报 {m} 个（{mz}），迟报 {l} 个（{lz}）"
    );
    t.get(lang).into()
}

fn status(ctx: &mut Ctx<'_>, date: Option<&str>, as_json: bool) -> Res {
    let (st, day, rows, deadline) = gathered(ctx, date)?;
    if as_json {
        let stations: Vec<Value> = rows.iter().map(row_state).collect();
        let v = json!({
            "date": day.to_string(),
            "deadline": st.deadline.strftime("%H:%M").to_string(),
            "stations": stations,
        });
        json::write(&mut *ctx.out, &v)?;
    } else {
        let lang = ctx.lang;
        if rows.is_empty() {
            let none = tr!(
                "the street has no stations yet: add one with `loupan station add ID NAME`",
                "街道还没有工作站：用 `loupan station add 编号 名称` 添加"
            );
            writeln!(ctx.err, "{}", none.get(lang))?;
        }
        for r in &rows {
            let name = loupan_core::display::inline(&r.name).into_owned();
            let state = r.state.said(lang);
            let line = match (&r.submission, lang) {
                (Some(s), Lang::Zh) => format!(
                    "{name}  {state} {}  第 {} 版{}",
                    s.at,
                    s.revision,
                    if s.zero { "  零报告" } else { "" }
                ),
                (Some(s), Lang::En) => format!(
                    "{name}  {state} {}  revision {}{}",
                    s.at,
                    s.revision,
                    if s.zero { "  zero report" } else { "" }
                ),
                (None, _) => format!("{name}  {state}"),
            };
            let proof = r
                .submission
                .as_ref()
                .map(|s| super::trust::proof_said(s, lang));
            writeln!(ctx.out, "{line}{}", proof.unwrap_or_default())?;
        }
        if !rows.is_empty() {
            writeln!(ctx.out, "{}", deadline_line(&st, &rows, deadline, lang))?;
        }
    }
    // past the deadline, a station missing or late needs someone's attention
    let late = rows.iter().any(|r| r.state == street::State::Late);
    Ok(i32::from(deadline.overdue || (deadline.passed && late)))
}

fn row_state(r: &Row) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(r.id));
    m.insert("name".into(), json!(r.name));
    m.insert("state".into(), json!(r.state));
    if let Some(s) = &r.submission {
        m.insert("at".into(), json!(s.at));
        m.insert("zero".into(), json!(s.zero));
        m.insert("revision".into(), json!(s.revision));
        m.insert("verified".into(), json!(s.proof.verified));
        // how the time is known: the remote's receipt, this clone's fetch, or only the file
        let how = s.proof.received.map(|(_, how)| how);
        m.insert("received".into(), json!(how));
        m.insert(
            "claimed".into(),
            json!(s.proof.claimed.as_ref().unwrap_or(&s.at)),
        );
    }
    Value::Object(m)
}

/// The companies' counts with their rates, worked out from them.
fn companies(c: &loupan_core::figures::CompanyCounts) -> Value {
    let mut v = json!(c);
    if let Value::Object(m) = &mut v {
        m.insert("resumption_rate".into(), json!(c.resumption_rate()));
        m.insert("on_site_rate".into(), json!(c.on_site_rate()));
    }
    v
}

fn report(
    ctx: &mut Ctx<'_>,
    date: Option<&str>,
    format: StreetFormat,
    out: Option<&std::path::Path>,
) -> Res {
    let (st, day, rows, _) = gathered(ctx, date)?;
    let t: Totals = street::totals(&rows);
    let lang = ctx.lang;
    let bytes = match format {
        StreetFormat::Text => street::text(&st, day, &rows, &t, lang).into_bytes(),
        StreetFormat::Json => {
            let mut v = Vec::new();
            json::write(&mut v, &report_json(day, &rows, &t))?;
            v
        }
        StreetFormat::Csv => {
            // the stations, then (after a blank line) every escalation
            let mut bytes = b"\xef\xbb\xbf".to_vec();
            bytes.extend(loupan_output::ledger::csv(
                &super::street_table::report_csv(&rows, lang),
            ));
            if !t.escalated.is_empty() {
                bytes.push(b'\n');
                let table = street::escalated_table(&rows, &t, lang);
                bytes.extend(loupan_output::ledger::csv(&table));
            }
            bytes
        }
        StreetFormat::Xlsx => {
            let path = super::out::need_file(out, "XLSX")?;
            let text = street::text(&st, day, &rows, &t, lang);
            let name = lang.pick("Street report", "街道汇总");
            let (table, escalated) = (
                super::street_table::report_csv(&rows, lang),
                street::escalated_table(&rows, &t, lang),
            );
            let book = loupan_output::xlsx::text_and_tables(
                name,
                &text,
                &[(&table, 5), (&escalated, usize::MAX)],
            )?;
            return super::out::emit(ctx, Some(path), &book).map(|_| 0);
        }
    };
    super::out::emit(ctx, out, &bytes)?;
    Ok(0)
}

fn report_json(day: Date, rows: &[Row], t: &Totals) -> Value {
    let per: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut v = row_state(r);
            if let Value::Object(m) = &mut v {
                m.insert("station".into(), json!(r.id));
                if let Some(s) = &r.submission {
                    let f = &s.figures;
                    m.insert("total".into(), json!(f.total));
                    m.insert("changes".into(), json!(f.changes));
                    m.insert("escalations".into(), json!(s.escalations));
                    m.insert("companies".into(), companies(&f.companies));
                    m.insert("returnees".into(), json!(f.returnees));
                    m.insert("inspection".into(), json!(f.inspection));
                }
            }
            v
        })
        .collect();
    json!({
        "date": day.to_string(),
        "stations": rows.len(),
        "submitted": t.submitted,
        "zero": t.zero,
        "missing": t.missing,
        "unverified": t.unverified,
        "total": t.figures.total,
        "changes": t.figures.changes,
        "follow_ups": t.figures.follow_ups,
        "escalations": t.escalations,
        "escalated": t.escalated.iter().map(|(station, e)| json!({
            "station": station,
            "building": e.building,
            "building_name": e.name,
            "unit": e.unit,
            "kind": e.kind,
        })).collect::<Vec<_>>(),
        "companies": companies(&t.figures.companies),
        "questions": t.figures.questions,
        "returnees": t.figures.returnees,
        "inspection": t.figures.inspection,
        "rows": per,
    })
}

/// Whether a command writes a station's data.
fn writes(cmd: Option<&super::Cmd>) -> bool {
    use super::Cmd;
    use super::company::CompanyCmd;
    match cmd {
        Some(Cmd::Set(_) | Cmd::New { .. } | Cmd::FollowUp { .. } | Cmd::Purge { .. }) => true,
        Some(Cmd::Fmt { check }) => !check,
        Some(Cmd::Import(a)) => a.apply,
        Some(Cmd::Company(a)) => matches!(a.cmd, CompanyCmd::Add { .. } | CompanyCmd::Set { .. }),
        Some(Cmd::Migrate { .. }) => true,
        _ => false,
    }
}

/// In a street, a station's staff edit their own station's buildings: a command run inside
/// `stations/A/` that would write `stations/B/` is refused, and the map opened there on B is
/// read-only. `Some(why)` when this is such a case.
pub fn not_yours(ctx: &Ctx<'_>, cmd: Option<&super::Cmd>) -> Option<loupan_core::i18n::Text> {
    let (root, mine) = disk::station_of(&here())?;
    let (root2, theirs) = disk::station_of(ctx.station.dir())?;
    if root != root2 || mine == theirs || (cmd.is_some() && !writes(cmd)) {
        return None;
    }
    Some(tr!(
        "you work in station {mine}'s folder; station {theirs}'s buildings are theirs to edit (read them as you like)",
        "你在工作站 {mine} 的目录下工作；工作站 {theirs} 的楼栋由他们修改（可以查看）"
    ))
}
