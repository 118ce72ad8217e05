//! Ledgers in: `import` (a ledger into the buildings: the plan, then with `--apply` one save per
//! building through the one write path) and `crosscheck` (an outside list against the chart).

use super::{Ctx, Res};
use loupan_core::codec::Located;
use loupan_core::diff::{UnitChange, describe};
use loupan_core::display::inline;
use loupan_core::edit::{Change, Expect, UnitEdit};
use loupan_core::ids::BuildingId;
use loupan_core::ledger::{self, Chart, Column, Columns, Placed, Refused};
use loupan_core::model::Building;
use loupan_core::tr;
use loupan_store::table::Table;
use loupan_store::{self as store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    file: PathBuf,
    #[arg(long)]
    building: Option<String>,
    #[arg(long, value_name = "HEADER=FIELD")]
    column: Vec<String>,
    #[arg(long)]
    pub(crate) apply: bool,
    #[arg(long)]
    source: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    date: Option<String>,
    #[arg(long)]
    prefer_ledger: bool,
}

/// A table read, its columns chosen (and told), and the chart it points into.
pub(super) struct Read {
    pub table: Table,
    pub cols: Columns,
    pub names: Vec<(String, String)>,
    pub fixed: Option<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

pub(super) fn read(
    ctx: &mut Ctx<'_>,
    file: &Path,
    building: Option<&str>,
    over: &[String],
) -> Result<Read, super::Fail> {
    let mut table = store::table::read(file)?;
    let cols = ledger::columns(&table.headers, over)?;
    tell_columns(ctx, &table, &cols)?;
    let fixed = building.map(|b| ctx.station.resolve(b)).transpose()?;
    for (need, missing) in [(Column::Unit, true), (Column::Building, fixed.is_none())] {
        if missing && cols.of(need).is_none() {
            let all = inline(&table.headers.join(", ")).into_owned();
            return Err(if need == Column::Unit {
                tr!(
                    "no column holds the unit (the headers are: {all}); name it with --column HEADER=unit",
                    "没有哪一列是单元（表头有：{all}）；请用 `--column 表头=unit` 指定"
                )
            } else {
                tr!(
                    "no column holds the building (the headers are: {all}); name it with --column HEADER=building, or give --building",
                    "没有哪一列是楼栋（表头有：{all}）；请用 `--column 表头=building` 指定，或用 --building 给出楼栋"
                )
            }
            .into());
        }
    }
    let names = ctx
        .station
        .names()?
        .into_iter()
        .map(|(id, n)| (id.into(), n))
        .collect();
    let fixed = fixed.map(String::from);
    // the rows move out of the table: a ledger of 300,000 rows is held once, not twice
    let rows = std::mem::take(&mut table.rows)
        .into_iter()
        .map(|r| (r.number, r.cells))
        .collect();
    Ok(Read {
        table,
        cols,
        names,
        fixed,
        rows,
    })
}

/// "columns: 楼宇 → building, 房号 → unit, 状态 → status; not used: 序号".
fn tell_columns(ctx: &mut Ctx<'_>, t: &Table, cols: &Columns) -> std::io::Result<()> {
    let lang = ctx.lang;
    let head = |i: usize| inline(t.headers.get(i).map_or("", |h| h.as_str())).into_owned();
    let used: Vec<String> = cols
        .used
        .iter()
        .map(|(i, c)| format!("{} → {}", head(*i), c.name(lang)))
        .collect();
    let mut line = format!(
        "{}{}",
        lang.pick("columns: ", "列："),
        used.join(lang.pick(", ", "，"))
    );
    if !cols.unused.is_empty() {
        let unused: Vec<String> = cols.unused.iter().map(|i| head(*i)).collect();
        line.push_str(lang.pick("; not used: ", "；未使用："));
        line.push_str(&unused.join(lang.pick(", ", "，")));
    }
    writeln!(ctx.err, "{line}")
}

/// The buildings the rows name, loaded; those that do not parse are told and left out.
pub(super) fn load_named(ctx: &mut Ctx<'_>, r: &Read) -> Result<Named, super::Fail> {
    let empty = HashMap::new();
    let chart = Chart {
        names: &r.names,
        loaded: &empty,
        fixed: r.fixed.as_deref(),
    };
    // the rows name buildings as the chart's names do; the ids come from the chart
    let ids: Vec<BuildingId> = chart
        .named(&r.rows, &r.cols)
        .iter()
        .filter_map(|i| BuildingId::parse(i).ok())
        .collect();
    let (mut out, mut unread) = (HashMap::new(), Vec::new());
    for l in ctx.station.load_all(&ids) {
        match l.building {
            Ok(b) => {
                out.insert(l.id.to_string(), b);
            }
            Err(_) => {
                for line in Located::lines(&l.problems(), ctx.lang) {
                    writeln!(ctx.err, "{line}")?;
                }
                unread.push(l.id.to_string());
            }
        }
    }
    Ok((out, unread))
}

/// The buildings the rows name, read; and the ids of those that could not be.
type Named = (HashMap<String, Building>, Vec<String>);

/// The ledger's day, and how it was told: `--date`, else a date in its file name or its title
/// row, else the file's modification time.
fn ledger_day(
    ctx: &Ctx<'_>,
    a: &ImportArgs,
    r: &Read,
) -> Result<(jiff::civil::Date, loupan_core::i18n::Text), super::Fail> {
    if let Some(given) = a.date.as_deref() {
        let d = super::day::day_of(ctx, Some(given))?;
        return Ok((d, tr!("ledger of {d} (--date)", "台账日期 {d}（--date）")));
    }
    let stem = a
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(d) = loupan_core::input::date_in(&stem) {
        return Ok((
            d,
            tr!(
                "ledger of {d} (from its file name)",
                "台账日期 {d}（取自文件名）"
            ),
        ));
    }
    if let Some(d) = r
        .table
        .title
        .iter()
        .find_map(|t| loupan_core::input::date_in(t))
    {
        return Ok((
            d,
            tr!(
                "ledger of {d} (from its title row)",
                "台账日期 {d}（取自标题行）"
            ),
        ));
    }
    let d = loupan_store::table::modified_day(&a.file).unwrap_or(ctx.today);
    Ok((
        d,
        tr!(
            "ledger of {d} (the file's modification time; --date says otherwise)",
            "台账日期 {d}（取自文件修改时间；可用 --date 指定）"
        ),
    ))
}

/// For each building the ledger would change, when the chart last changed each field.
fn newer_on_the_chart(
    ctx: &Ctx<'_>,
    placed: &[Placed],
    loaded: &HashMap<String, Building>,
) -> HashMap<String, loupan_store::changed::LastChanges> {
    let mut units: HashMap<&str, Vec<String>> = HashMap::new();
    for p in placed {
        let changes = loaded
            .get(&p.building)
            .and_then(|b| b.find(&p.unit).map(|i| &b.units[i].record))
            .is_some_and(|r| p.patch.apply(r) != *r);
        if changes {
            units.entry(&p.building).or_default().push(p.unit.clone());
        }
    }
    units
        .into_iter()
        .filter_map(|(id, us)| {
            let bid = BuildingId::parse(id).ok()?;
            Some((
                id.to_string(),
                ctx.station.last_changes(&bid, &us, ctx.today),
            ))
        })
        .collect()
}

/// One building's part of an import: the edits (compare-and-set against what was read) and what
/// they change.
#[derive(Default)]
struct Part {
    edits: Vec<UnitEdit>,
    changes: Vec<UnitChange>,
    same: usize,
    /// (unit, field, the day the chart changed it): values newer than the ledger, kept.
    kept: Vec<(String, loupan_core::fields::Field, jiff::civil::Date)>,
}

/// What the plan needs besides the rows: the ledger's name and day, and when the chart last
/// changed each field the ledger would change (empty with --prefer-ledger).
struct Basis<'a> {
    ledger: &'a str,
    day: jiff::civil::Date,
    newer: HashMap<String, loupan_store::changed::LastChanges>,
}

fn plan(
    placed: &[Placed],
    loaded: &HashMap<String, Building>,
    basis: &Basis<'_>,
) -> Vec<(String, Part)> {
    let mut parts: Vec<(String, Part)> = Vec::new();
    for p in placed {
        let Some(b) = loaded.get(&p.building) else {
            continue;
        };
        let Some(i) = b.find(&p.unit) else { continue };
        let before = &b.units[i].record;
        if parts.last().is_none_or(|(id, _)| *id != p.building) {
            parts.push((p.building.clone(), Part::default()));
        }
        let Some((_, part)) = parts.last_mut() else {
            continue;
        };
        let mut patch = p.patch.clone();
        // a masked export read back never overwrites what it masks: 杨* stands for 杨家
        for f in patch.fields() {
            if loupan_core::privacy::is_mask_of(f, &f.get(&patch.apply(before)), before) {
                patch.remove(f);
            }
        }
        if patch.apply(before) == *before {
            part.same += 1;
            continue;
        }
        // a field the chart changed after the ledger's day keeps the chart's value
        let newer = basis.newer.get(&p.building);
        for f in patch.fields() {
            let changed = newer.and_then(|n| n.get(&(p.unit.clone(), f)));
            if let Some(on) = changed.filter(|on| **on >= basis.day)
                && f.get(&patch.apply(before)) != f.get(before)
            {
                patch.remove(f);
                part.kept.push((p.unit.clone(), f, *on));
            }
        }
        if patch.apply(before) == *before {
            continue;
        }
        ledger::stamp(&mut patch, basis.ledger, basis.day);
        let after = patch.apply(before);
        part.changes.push(UnitChange {
            unit: p.unit.clone(),
            floor: b.floor_label_of(i).to_string(),
            before: Some(before.clone()),
            after: Some(after),
        });
        part.edits.push(UnitEdit {
            unit: p.unit.clone(),
            expect: Some(Expect::Record(before.clone())),
            change: Change::Patch(patch),
        });
    }
    parts
}

pub fn import(ctx: &mut Ctx<'_>, a: &ImportArgs) -> Res {
    // a staff ledger (人员台账) registers people, in the private store only
    if let Ok(t) = loupan_store::table::read(&a.file)
        && super::staff_ledger::is_staff_ledger(&t)
    {
        return super::staff_ledger::import(ctx, &t, &a.file, a.apply);
    }
    // a company ledger (企业台账) files companies, not units
    if let Ok(t) = loupan_store::table::read(&a.file)
        && super::company_ledger::is_company_ledger(&t)
    {
        return super::company_ledger::import(ctx, &t, &a.file, a.apply);
    }
    let r = read(ctx, &a.file, a.building.as_deref(), &a.column)?;
    let (loaded, _) = load_named(ctx, &r)?;
    let (day, how) = ledger_day(ctx, a, &r)?;
    ctx.say(&how);
    let chart = Chart {
        names: &r.names,
        loaded: &loaded,
        fixed: r.fixed.as_deref(),
    };
    let (placed, refused) = ledger::place(&r.rows, &r.cols, &chart, day);
    tell_refused(ctx, &a.file, &refused)?;
    // the kind of ledger, never its file name: `source` is shared, and a file may name a person
    let kind = || loupan_core::ledger::kind_of(&r.table.name, &r.table.title).to_string();
    let source = a.source.clone().unwrap_or_else(kind);
    let basis = Basis {
        ledger: &source,
        day,
        newer: if a.prefer_ledger {
            HashMap::new()
        } else {
            newer_on_the_chart(ctx, &placed, &loaded)
        },
    };
    let parts = plan(&placed, &loaded, &basis);
    let (lang, names) = (ctx.lang, ctx.station.shown_names());
    for (id, part) in &parts {
        let id = names.of(id);
        for c in &part.changes {
            writeln!(ctx.out, "{id} {}: {}", inline(&c.unit), describe(c, lang))?;
        }
        for (unit, f, on) in &part.kept {
            let (u, fe, fz) = (
                inline(unit),
                f.key(),
                f.spec().label(loupan_core::i18n::Lang::Zh),
            );
            let t = tr!(
                "{id} {u}: kept {fe} (changed on the chart {on}, not before the ledger's {day}; --prefer-ledger takes the ledger's)",
                "{id} {u}：保留{fz}（图上 {on} 修改过，不早于台账的 {day}；加 --prefer-ledger 则以台账为准）"
            );
            writeln!(ctx.out, "{}", t.get(lang))?;
        }
    }
    let changed: usize = parts.iter().map(|(_, p)| p.changes.len()).sum();
    let same: usize = parts.iter().map(|(_, p)| p.same).sum();
    let (rows, bad) = (r.rows.len(), refused.len());
    ctx.say(&tr!(
        "{rows} rows: {changed} units would change, {same} already agree, {bad} rows cannot be placed",
        "共 {rows} 行：{changed} 个单元将修改，{same} 个已一致，{bad} 行无法对应"
    ));
    if !a.apply {
        if changed > 0 {
            ctx.say(&tr!(
                "nothing saved; --apply saves it",
                "尚未保存；加 --apply 才会保存"
            ));
        }
        return Ok(i32::from(bad > 0));
    }
    let failed = apply(ctx, &parts, &refused, &loaded)?;
    Ok(i32::from(bad > 0 || failed))
}

/// One save per building, all or nothing; a building with a row that cannot be placed is left
/// alone. Returns whether any building was not imported.
fn apply(
    ctx: &mut Ctx<'_>,
    parts: &[(String, Part)],
    refused: &[Refused],
    loaded: &HashMap<String, Building>,
) -> Result<bool, super::Fail> {
    let mut failed = false;
    let total = parts.len();
    // tests change a unit here, between what was read and what is saved
    store::failpoint::hold("import-before-save");
    for (k, (id, part)) in parts.iter().enumerate() {
        super::progress(ctx, &tr!("saving", "保存"), k, total);
        let name = loaded.get(id).map_or(id.as_str(), |b| b.name.as_str());
        let name = inline(name).into_owned();
        let bad: Vec<String> = refused
            .iter()
            .filter(|r| r.building.as_deref() == Some(id))
            .map(|r| r.row.to_string())
            .collect();
        if !bad.is_empty() {
            failed = true;
            let rows = bad.join(", ");
            ctx.say(&tr!(
                "{name}: not imported, rows {rows} cannot be placed; fix them and import again",
                "{name}：未导入，第 {rows} 行无法对应；改正后重新导入"
            ));
            continue;
        }
        if part.edits.is_empty() {
            continue;
        }
        let n = part.edits.len();
        let bid = BuildingId::parse(id)?;
        match ctx.station.apply_edits(&bid, &part.edits) {
            Ok(_) => ctx.say(&tr!("{name}: {n} units saved", "{name}：已保存 {n} 个单元")),
            Err(e) => {
                failed = true;
                let why = e.text();
                let (we, wz) = (
                    why.get(loupan_core::i18n::Lang::En),
                    why.get(loupan_core::i18n::Lang::Zh),
                );
                ctx.say(&tr!("{name}: not imported: {we}", "{name}：未导入：{wz}"));
            }
        }
    }
    super::progress_done(ctx);
    Ok(failed)
}

/// `物业底账.csv:14: unit 999 is not in the layout of …` — the row as a spreadsheet numbers it.
/// At most this many refused rows are told one by one; the rest are counted.
const TOLD_ROWS: usize = 20;

fn tell_refused(ctx: &mut Ctx<'_>, file: &Path, refused: &[Refused]) -> std::io::Result<()> {
    let f = inline(&file.display().to_string()).into_owned();
    for r in refused.iter().take(TOLD_ROWS) {
        writeln!(ctx.err, "{f}:{}: {}", r.row, r.why.get(ctx.lang))?;
    }
    if refused.len() > TOLD_ROWS {
        let more = refused.len() - TOLD_ROWS;
        let t = tr!(
            "{f}: and {more} more rows refused",
            "{f}：另有 {more} 行无法导入"
        );
        writeln!(ctx.err, "{}", t.get(ctx.lang))?;
    }
    Ok(())
}
