//! Commands that only read: check, stats, render, show.

use super::{ColorWhen, Ctx, Format, Res, json};
use loupan_core::codec::{Located, Problem, Severity};
use loupan_core::display::{cell, inline};
use loupan_core::fields::{FIELDS, Field};
use loupan_core::i18n::{Lang, Text};
use loupan_core::model::Building;
use loupan_core::render;
use loupan_core::report::Unread;
use loupan_core::serial::UnitView;
use loupan_core::stats::{BuildingCounts, Counts, Summary};
use loupan_core::status::Status;
use loupan_core::tr;
use loupan_store::{Station, load};

/// (id, name, counts, company figures) of one building.
type Row = (String, String, Counts, loupan_core::company::Figures);

/// A building's company figures on `day`, its employees in observation counted from its people
/// (as the report counts them), never from counts its line was written with days ago.
fn company_figures(
    st: &Station,
    b: &Building,
    day: jiff::civil::Date,
) -> loupan_core::company::Figures {
    let mut f = loupan_core::company::Figures::of(&loupan_core::company::all(b), day);
    let people = loupan_store::private::people::read(st.dir(), &b.id).unwrap_or_default();
    let (observing, ending) = loupan_core::people::figures::companies_observing(b, &people, day);
    (f.observing, f.observation_ending) = (observing, ending);
    f
}

/// Counts of every building, in parallel, without holding the buildings; broken ones are
/// reported on stderr and skipped.
fn count_all(ctx: &mut Ctx<'_>) -> Result<(Vec<Row>, Vec<Unread>), super::Fail> {
    let ids = ctx.station.ids()?;
    let (lang, today) = (ctx.lang, ctx.today);
    let st = &ctx.station;
    let rows = st.map_all(&ids, |l| match &l.building {
        Ok(b) => Ok((
            b.id.clone(),
            b.name.clone(),
            Counts::of(b),
            company_figures(st, b, today),
        )),
        Err(_) => {
            let problems = l.problems();
            let unread = Unread {
                id: l.id.to_string(),
                name: st.name_of(&l.id).unwrap_or_else(|| l.id.to_string()),
                problem: problems.first().map(|p| p.render(lang)).unwrap_or_default(),
            };
            Err((unread, Located::lines(&problems, lang)))
        }
    });
    let mut unread = Vec::new();
    let mut good = Vec::with_capacity(rows.len());
    for r in rows {
        match r {
            Ok(row) => good.push(row),
            Err((u, lines)) => {
                unread.push(u);
                for line in lines {
                    writeln!(ctx.err, "{line}")?;
                }
            }
        }
    }
    Ok((good, unread))
}

/// A building by id, prefix or name; its problems as the error when it does not parse.
pub fn load_building(station: &Station, given: &str, lang: Lang) -> Result<Building, Text> {
    let id = station.resolve(given)?;
    let l = station.load(&id);
    match l.building {
        Ok(b) => Ok(b),
        Err(_) => Err(Text::same(Located::lines(&l.problems(), lang).join("\n"))),
    }
}

pub fn check(ctx: &mut Ctx<'_>) -> Res {
    let ids = ctx.station.ids()?;
    let (st, lang, today) = (&ctx.station, ctx.lang, ctx.today);
    let found = load::map_slice(&ids, |id| {
        let (loaded, findings) = st.load_checked(id, today);
        let labels: Option<std::collections::HashSet<String>> = loaded
            .building
            .as_ref()
            .ok()
            .map(|b| b.units.iter().map(|u| u.label.to_string()).collect());
        let mut problems = loaded.building.err().unwrap_or_default();
        problems.extend(findings);
        (loaded.path, problems, labels)
    });
    let mut units = 0;
    let mut all: Vec<(std::path::PathBuf, Vec<Problem>)> = Vec::new();
    let mut known: std::collections::HashMap<&str, &std::collections::HashSet<String>> =
        Default::default();
    for (id, (path, problems, labels)) in ids.iter().zip(&found) {
        if let Some(l) = labels {
            units += l.len();
            known.insert(id, l);
        }
        all.push((path.clone(), problems.clone()));
    }
    let (findings, days, entries) = journal_findings(st, &known, &ids);
    all.extend(findings);
    all.extend(loupan_store::private::notes::problems(st.dir()));
    let (mut errors, mut warnings) = (0, 0);
    for (path, problems) in &all {
        for line in Located::lines(&load::located(path, problems), lang) {
            writeln!(ctx.out, "{line}")?;
        }
        errors += problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        warnings += problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
    }
    let b = ids.len();
    if errors == 0 {
        ctx.say(&tr!(
            "ok: {b} buildings, {units} units, {entries} journal entries over {days} days, no problems ({warnings} warnings)",
            "正常：{b} 栋楼，{units} 户，日志 {days} 天共 {entries} 条，没有错误（{warnings} 条警告）"
        ));
        Ok(0)
    } else {
        ctx.say(&tr!(
            "{errors} problem(s) found; the files were not changed",
            "发现 {errors} 处错误；文件未作修改"
        ));
        Ok(1)
    }
}

/// The journal's problems, file by file: broken lines, and entries for units that do not exist
/// (warnings: the building may have been renamed or removed).
fn journal_findings(
    station: &Station,
    known: &std::collections::HashMap<&str, &std::collections::HashSet<String>>,
    ids: &[loupan_core::ids::BuildingId],
) -> (Vec<(std::path::PathBuf, Vec<Problem>)>, usize, usize) {
    let mut out = Vec::new();
    let days = match station.journal_days() {
        Ok(days) => days,
        // a journal that cannot be read is a problem, never an empty journal
        Err(l) => {
            out.push((std::path::PathBuf::from(l.file), vec![l.problem]));
            Vec::new()
        }
    };
    let mut entries = 0;
    for day in &days {
        let d = station.journal_day(*day);
        entries += d.entries.len();
        let mut problems = d.problems;
        for (line, e) in &d.entries {
            // no such building, or a building that reads but has no such unit (a building that
            // does not parse is reported on its own and cannot be asked)
            let missing = match known.get(&*e.building) {
                Some(labels) => !labels.contains(&*e.unit),
                None => !ids.iter().any(|i| **i == *e.building),
            };
            if missing {
                let (b, u) = (inline(&e.building), inline(&e.unit));
                problems.push(Problem {
                    line: *line,
                    col: 1,
                    message: tr!(
                        "this entry is for unit {u} of building {b}, which is not in the data directory",
                        "这条记录属于楼栋 {b} 的单元 {u}，但数据目录里没有它"
                    ),
                    severity: Severity::Warning,
                });
            }
        }
        if !problems.is_empty() {
            out.push((d.path, problems));
        }
    }
    (out, days.len(), entries)
}

pub fn stats(ctx: &mut Ctx<'_>, format: Format) -> Res {
    let (per, unread) = count_all(ctx)?;
    let mut total = Counts::default();
    let mut figures = loupan_core::company::Figures::default();
    for (_, _, c, f) in &per {
        figures.merge(f);
        total.merge(c);
    }
    match format {
        Format::Json => {
            let rows = per
                .iter()
                .map(|(id, name, counts, _)| BuildingCounts {
                    id: id.clone(),
                    name: name.clone(),
                    counts: *counts,
                })
                .collect();
            let mut summary = Summary::of(rows);
            summary.unread = unread.clone();
            summary.companies = figures.into();
            json::write(&mut *ctx.out, &summary)?;
        }
        Format::Csv => stats_csv(ctx, &per, &total)?,
        Format::Table => {
            // what could not be read first: the totals below leave it out
            for u in &unread {
                let (name, id, why) = (inline(&u.name), inline(&u.id), inline(&u.problem));
                let t = tr!(
                    "⚠ Not counted: {name} ({id}) cannot be read: {why}",
                    "⚠ 未计入：{name}（{id}）无法读取：{why}"
                );
                writeln!(ctx.out, "{}", t.get(ctx.lang))?;
            }
            stats_table(ctx, &per, &total)?
        }
    }
    Ok(i32::from(!unread.is_empty()))
}

fn stats_csv(ctx: &mut Ctx<'_>, per: &[Row], total: &Counts) -> std::io::Result<()> {
    let head: Vec<&str> = ["id", "name", "units"]
        .into_iter()
        .chain(Status::ALL.iter().map(|s| s.key()))
        .chain(["live-work"])
        .collect();
    let mut w = csv::Writer::from_writer(&mut *ctx.out);
    w.write_record(&head)?;
    let row = |id: &str, name: &str, c: &Counts| {
        let mut cells = vec![
            cell(id).into_owned(),
            cell(name).into_owned(),
            c.units.to_string(),
        ];
        cells.extend(Status::ALL.iter().map(|s| c.get(*s).to_string()));
        cells.push(c.live_work.to_string());
        cells
    };
    for (id, name, c, _) in per {
        w.write_record(row(id, name, c))?;
    }
    w.write_record(row("total", "", total))?;
    w.flush()
}

fn stats_table(ctx: &mut Ctx<'_>, per: &[Row], total: &Counts) -> std::io::Result<()> {
    let lang = ctx.lang;
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let names: Vec<(String, String)> = per
        .iter()
        .map(|(id, n, _, _)| (inline(id).into_owned(), inline(n).into_owned()))
        .collect();
    let idw = names
        .iter()
        .map(|(id, _)| width(id))
        .max()
        .unwrap_or(2)
        .max(5);
    let nw = names
        .iter()
        .map(|(_, n)| width(n))
        .max()
        .unwrap_or(4)
        .max(6);
    let cols: Vec<&str> = Status::ALL.iter().map(|s| lang.status(*s)).collect();
    let lw = Field::LiveWork.spec().label(lang);
    let mut head = format!(
        "{} {} {}",
        render::padded(lang.pick("id", "编号"), idw),
        render::padded(lang.pick("name", "名称"), nw),
        render::padded_left(lang.pick("units", "单元数"), 6)
    );
    for c in &cols {
        head.push(' ');
        head.push_str(&render::padded_left(c, 11));
    }
    head.push(' ');
    head.push_str(&render::padded_left(lw, 9));
    writeln!(ctx.out, "{head}")?;
    let line = |id: &str, name: &str, c: &Counts| {
        let mut l = format!(
            "{} {} {:>6}",
            render::padded(id, idw),
            render::padded(name, nw),
            c.units
        );
        for s in Status::ALL {
            l.push_str(&format!(" {:>11}", c.get(s)));
        }
        l.push_str(&format!(" {:>9}", c.live_work));
        l
    };
    for ((id, name), (_, _, c, _)) in names.iter().zip(per) {
        writeln!(ctx.out, "{}", line(id, name, c))?;
    }
    writeln!(ctx.out, "{}", line(lang.pick("total", "合计"), "", total))
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

pub fn show(
    ctx: &mut Ctx<'_>,
    given: &str,
    unit: Option<&str>,
    as_json: bool,
    _reveal: bool,
) -> Res {
    let mut b = load_building(&ctx.station, given, ctx.lang)?;
    if as_json {
        // JSON is the station's own record for its scripts, whole (docs/spec.md §12: `show
        // --json` works as before); it leaves the screen, so every such output is an audit line
        b = outgoing(ctx, b, unit, true);
    }
    let Some(label) = unit else {
        return show_building(ctx, &b, as_json);
    };
    let Some(i) = b.find(label) else {
        let (l, id, name) = (inline(label), &b.id, inline(&b.name));
        return Err(tr!(
            "there is no unit {l} in {id} ({name}); `loupan render {id}` shows the layout",
            "{id}（{name}）里没有单元 {l}；`loupan render {id}` 可查看布局"
        )
        .into());
    };
    if as_json {
        let mut v = serde_json::to_value(json::unit(&b, i))?;
        // a unit with companies lists them; its status is the one they give it
        let here: Vec<serde_json::Value> = loupan_core::company::all(&b)
            .iter()
            .filter(|c| c.in_unit(&b.units[i].label))
            .map(|c| serde_json::json!({"id": &*c.id, "name": c.name(), "status": c.record.status.key()}))
            .collect();
        if let (false, serde_json::Value::Object(m)) = (here.is_empty(), &mut v) {
            m.insert("companies".into(), serde_json::Value::Array(here));
        }
        json::write(&mut *ctx.out, &v)?;
        return Ok(0);
    }
    let lang = ctx.lang;
    let u = &b.units[i];
    let rows: Vec<(&str, String)> = [
        (
            lang.pick("building", "楼栋"),
            format!("{} ({})", inline(&b.name), b.id),
        ),
        (lang.pick("unit", "单元"), inline(&u.label).into_owned()),
        (lang.pick("floor", "楼层"), b.floor_label_of(i).to_string()),
    ]
    .into_iter()
    .chain(FIELDS.iter().filter_map(|s| {
        let v = s.field.get(&u.record);
        match s.field {
            // told together: "confirmed by 物业底账 2026-11-20"
            Field::Source => loupan_core::fields::confirmed(&u.record, lang)
                .map(|(k, v)| (k, inline(&v).into_owned())),
            _ => v
                .is_set()
                .then(|| (s.label(lang), inline(&v.show(lang)).into_owned())),
        }
    }))
    .chain(
        u.record
            .extra()
            .iter()
            .map(|(k, v)| (&**k, inline(v).into_owned())),
    )
    .collect();
    let w = rows
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(*k))
        .max()
        .unwrap_or(0);
    for (k, v) in rows {
        writeln!(ctx.out, "{}  {v}", render::padded_left(&inline(k), w))?;
    }
    Ok(0)
}

/// The building as `show --json` gives it: masked unless `reveal`, which counts the records
/// shown (the one unit, or every record of the building with a personal value).
fn outgoing(ctx: &mut Ctx<'_>, mut b: Building, unit: Option<&str>, reveal: bool) -> Building {
    let how = ctx.reveal(reveal);
    let shown: Vec<usize> = match unit {
        Some(l) => b.find(l).into_iter().collect(),
        None => (0..b.units.len()).collect(),
    };
    let personal = |r: &loupan_core::model::Record| {
        !loupan_core::private::take_unit(&mut r.clone()).is_empty()
    };
    let n = shown
        .iter()
        .filter(|i| personal(&b.units[**i].record))
        .count();
    ctx.shown(n);
    for u in &mut b.units {
        u.record = loupan_core::privacy::outgoing(&u.record, how);
    }
    b
}

fn show_building(ctx: &mut Ctx<'_>, b: &Building, as_json: bool) -> Res {
    if as_json {
        #[derive(serde::Serialize)]
        struct Whole<'a> {
            id: &'a str,
            name: &'a str,
            units: Vec<UnitView<'a>>,
        }
        let units = (0..b.units.len()).map(|i| json::unit(b, i)).collect();
        json::write(
            &mut *ctx.out,
            &Whole {
                id: &b.id,
                name: &b.name,
                units,
            },
        )?;
        return Ok(0);
    }
    let lang = ctx.lang;
    for u in &b.units {
        let r = &u.record;
        let mut line = format!(
            "{} {}",
            render::padded_left(&inline(&u.label), 6),
            render::padded(lang.status(r.status), 11)
        );
        if r.live_work {
            line.push(' ');
            line.push_str(Field::LiveWork.spec().label(lang));
        }
        if let Some(n) = &r.name {
            line.push_str(&format!(" {}", inline(n)));
        }
        if let Some(n) = &r.note {
            line.push_str(&format!(" · {}", inline(n)));
        }
        writeln!(ctx.out, "{}", line.trim_end())?;
    }
    Ok(0)
}
