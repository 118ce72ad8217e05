//! Commands for many people and one history: init, merge-driver, diff, log. The repository work
//! is `store::repo`'s; these print it.

use super::json;
use super::{Ctx, Res};
use loupan_core::codec::Located;
use loupan_core::diff::{self, DiffRow};
use loupan_core::display::inline;
use loupan_core::tr;
use loupan_store::repo;
use std::path::Path;

pub fn init(ctx: &mut Ctx<'_>) -> Res {
    // at a street's root (no building folder here): the clone's merge driver, which every
    // station's folder uses
    if !ctx.station.dir().is_dir()
        && let Some(root) = loupan_store::street::find_root(std::path::Path::new("."))
    {
        repo::ensure_driver(&root)?;
        ctx.say(&loupan_core::tr!(
            "this clone of the street merges building files with loupan's driver",
            "本克隆的街道仓库已设置 loupan 的合并驱动"
        ));
        return Ok(0);
    }
    for line in ctx.station.init_repo()? {
        writeln!(ctx.out, "{}", line.get(ctx.lang))?;
    }
    Ok(0)
}

/// git calls this with %O %A %B %P; the result goes into %A. Exit 0 clean, 1 conflict.
pub fn merge_driver(
    ctx: &mut Ctx<'_>,
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: Option<&str>,
) -> Res {
    let m = repo::merge_driver(base, ours, theirs, name)?;
    for line in &m.said {
        ctx.say(line);
    }
    Ok(if m.clean { 0 } else { 1 })
}

pub fn diff(ctx: &mut Ctx<'_>, rev: &str, as_json: bool) -> Res {
    let d = ctx.station.unit_diff(rev)?;
    for l in &d.broken {
        for line in Located::lines(&l.problems(), ctx.lang) {
            writeln!(ctx.err, "{line}")?;
        }
    }
    if as_json {
        diff_json(ctx, &d)?;
    } else {
        if d.units.is_empty() && d.broken.is_empty() && d.companies.is_empty() {
            // said on stderr, so a script still reads an empty diff as empty; the revision is
            // the user's text, shown safely
            let (lang, rev) = (ctx.lang, inline(rev));
            writeln!(
                ctx.err,
                "{}",
                lang.pick(
                    &format!("no unit changed since {rev}"),
                    &format!("自 {rev} 以来没有单元变化"),
                )
            )?;
        }
        let names = ctx.station.shown_names();
        for (id, c) in &d.units {
            writeln!(
                ctx.out,
                "{} {}: {}",
                names.of(id),
                inline(&c.unit),
                diff::describe(c, ctx.lang)
            )?;
        }
        for (id, cid, before, after) in &d.companies {
            let name = after.as_ref().or(before.as_ref()).map_or("", |c| c.name());
            writeln!(
                ctx.out,
                "{} {} ({cid}): {}",
                names.of(id),
                inline(name),
                loupan_core::company::describe_change(before.as_ref(), after.as_ref(), ctx.lang)
            )?;
        }
    }
    Ok(i32::from(!d.broken.is_empty()))
}

/// `diff --json`: the units, then the companies (`{"building", "company", "name", "before",
/// "after"}`), masked as everything that leaves the station is (in JSON as in text).
fn diff_json(ctx: &mut Ctx<'_>, d: &loupan_store::unit_diff::Diffed) -> Res {
    let masked: Vec<_> = d
        .units
        .iter()
        .map(|(id, c)| {
            let mut c = c.clone();
            c.before = c.before.as_ref().map(loupan_core::privacy::masked);
            c.after = c.after.as_ref().map(loupan_core::privacy::masked);
            (id, c)
        })
        .collect();
    let mut v: Vec<serde_json::Value> = masked
        .iter()
        .map(|(id, c)| serde_json::to_value(DiffRow::of(id, c)))
        .collect::<Result<_, _>>()?;
    let masked = loupan_core::privacy::Reveal::Masked;
    for (id, cid, before, after) in &d.companies {
        let side = |c: &Option<loupan_core::company::Company>| {
            c.as_ref().map_or(serde_json::Value::Null, |c| {
                super::company::company_json(id, c, masked)
            })
        };
        let name = after.as_ref().or(before.as_ref()).map_or("", |c| c.name());
        v.push(serde_json::json!({
            "building": id.as_str(), "company": &**cid, "name": name,
            "before": side(before), "after": side(after),
        }));
    }
    json::write(&mut *ctx.out, &v)?;
    Ok(0)
}

pub fn log(ctx: &mut Ctx<'_>, building: &str, unit: &str) -> Res {
    let id = ctx.station.resolve(building)?;
    // a company of the building (by id or name) rather than a unit label: its filings' history
    if let Ok(b) = ctx.station.load(&id).building
        && b.find(unit).is_none()
    {
        let all = loupan_core::company::all(&b);
        match loupan_core::company::doubles::named(&all, unit) {
            Ok(c) => return company_log(ctx, &id, c),
            Err(many) if !many.is_empty() => {
                return Err(super::Fail::usage(candidates(unit, &many)));
            }
            Err(_) => {}
        }
    }
    let entries = ctx.station.unit_log(&id, unit)?;
    // the shared history's changes and the private store's (values masked), newest first
    let mut lines: Vec<(&str, &str, &str, String)> = entries
        .iter()
        .map(|e| {
            (
                &*e.date,
                &*e.author,
                &*e.commit,
                diff::describe(&e.change, ctx.lang),
            )
        })
        .collect();
    let personal = loupan_store::private::log::unit_log(ctx.station.dir(), &id, unit);
    lines.extend(personal.iter().map(|e| {
        let what = loupan_core::private::log::describe(&e.changes, ctx.lang);
        (&*e.date, &*e.author, &*e.commit, what)
    }));
    lines.sort_by(|a, b| b.0.cmp(a.0));
    for (date, author, commit, what) in &lines {
        writeln!(
            ctx.out,
            "{}  {}  {}  {}",
            date,
            loupan_core::render::padded(&inline(author), 12),
            &commit[..8.min(commit.len())],
            what
        )?;
    }
    if lines.is_empty() {
        let (u, names) = (inline(unit), ctx.station.shown_names());
        let b = names.of(&id);
        let t = tr!("no recorded changes to {b} {u}", "{b} {u} 没有修改记录");
        writeln!(ctx.out, "{}", t.get(ctx.lang))?;
    }
    Ok(0)
}

/// "金融 could be any of 金融刘工作室 (c44), 金融王工作室 (c45)": a part of several names.
fn candidates(given: &str, many: &[&loupan_core::company::Company]) -> loupan_core::i18n::Text {
    let g = inline(given);
    let names: Vec<String> = many
        .iter()
        .map(|c| format!("{} ({})", inline(c.name()), inline(&c.id)))
        .collect();
    let names = names.join(", ");
    tr!(
        "\"{g}\" could be any of these companies: {names}; give the id or more of the name",
        "“{g}”可能是以下任一家企业：{names}；请写编号或更完整的名称"
    )
}

/// `loupan log BUILDING COMPANY`: when each filing changed the company, by whom.
fn company_log(
    ctx: &mut Ctx<'_>,
    id: &loupan_core::ids::BuildingId,
    c: &loupan_core::company::Company,
) -> Res {
    let entries = ctx.station.company_log(id, &c.id)?;
    let name = inline(c.name()).into_owned();
    for e in &entries {
        let what =
            loupan_core::company::describe_change(e.before.as_ref(), e.after.as_ref(), ctx.lang);
        writeln!(
            ctx.out,
            "{}  {}  {}  {name}: {what}",
            e.date,
            loupan_core::render::padded(&inline(&e.author), 12),
            &e.commit[..8.min(e.commit.len())],
        )?;
    }
    if entries.is_empty() {
        let names = ctx.station.shown_names();
        let b = names.of(id);
        let t = tr!(
            "no recorded changes to {name} in {b}",
            "{b} 的 {name} 没有修改记录"
        );
        writeln!(ctx.out, "{}", t.get(ctx.lang))?;
    }
    Ok(0)
}
