//! `loupan company add|set|list|show`: companies filed at the building (docs/spec.md §11). The flags come
//! from the company schema; every value is checked as the file format checks it.

use super::{Ctx, Res, json, read};
use clap::{Arg, ArgMatches, Command};
use loupan_core::company::{self, COMPANY_FIELDS, Company, CompanyField};
use loupan_core::display::inline;
use loupan_core::fields::{Kind, Value};
use loupan_core::i18n::{Lang, Text};
use loupan_core::model::Building;
use loupan_core::text::SmallStr;
use loupan_core::tr;
use loupan_store::company::CompanyEdit;
use serde_json::{Map, json};

#[derive(clap::Args, Debug)]
pub struct CompanyArgs {
    #[command(subcommand)]
    pub cmd: CompanyCmd,
}

#[derive(clap::Subcommand, Debug)]
pub enum CompanyCmd {
    Add {
        building: String,
        units: String,
        name: String,
        /// A second company of the same name in one unit: added anyway.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        fields: CompanyFlags,
    },
    Set {
        building: String,
        company: String,
        #[arg(long)]
        units: Option<String>,
        /// Renamed to the name of another company in its unit: filed anyway.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        fields: CompanyFlags,
    },
    List {
        buildings: Vec<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        #[arg(long)]
        reveal: bool,
    },
    Show {
        building: String,
        company: String,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        reveal: bool,
    },
}

/// The company fields given on the command line, as typed, in schema order.
#[derive(Debug, Default)]
pub struct CompanyFlags {
    pub given: Vec<(CompanyField, String)>,
}

impl clap::FromArgMatches for CompanyFlags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let given = COMPANY_FIELDS
            .iter()
            .filter(|s| s.field != CompanyField::Name || m.try_contains_id(s.key).is_ok())
            .filter_map(|s| {
                m.try_get_one::<String>(s.key)
                    .ok()
                    .flatten()
                    .map(|v| (s.field, v.clone()))
            })
            .collect();
        Ok(CompanyFlags { given })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for CompanyFlags {
    fn augment_args(mut cmd: Command) -> Command {
        for spec in COMPANY_FIELDS {
            // `add` takes the name as its argument
            if spec.field == CompanyField::Name && cmd.get_arguments().any(|a| a.get_id() == "name")
            {
                continue;
            }
            let value = match spec.kind {
                Kind::Count => "N",
                Kind::Date => "DATE",
                _ => "TEXT",
            };
            cmd = cmd.arg(
                Arg::new(spec.key)
                    .long(spec.key)
                    .value_name(value)
                    .allow_hyphen_values(true),
            );
        }
        cmd
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

pub fn company(ctx: &mut Ctx<'_>, a: &CompanyArgs) -> Res {
    match &a.cmd {
        CompanyCmd::Add {
            building,
            units,
            name,
            force,
            fields,
        } => add(ctx, (building, units, name), *force, fields),
        CompanyCmd::Set {
            building,
            company,
            units,
            force,
            fields,
        } => set(ctx, (building, company, units.as_deref()), *force, fields),
        CompanyCmd::List {
            buildings,
            json,
            csv,
            reveal,
        } => {
            let r = ctx.reveal(*reveal);
            list(ctx, buildings, (*json, *csv), r)
        }
        CompanyCmd::Show {
            building,
            company,
            json,
            reveal,
        } => {
            let r = ctx.reveal(*reveal);
            show(ctx, building, company, *json, r)
        }
    }
}

/// `501,502` (or `501，502`, `501、502`, spaces) as unit labels of the building, each checked.
fn units_of(b: &Building, given: &str) -> Result<Vec<SmallStr>, Text> {
    let mut out: Vec<SmallStr> = Vec::new();
    for u in company::unit_labels(given) {
        let Some(i) = b.find(u) else {
            let (u, id) = (inline(u), &b.id);
            return Err(tr!(
                "there is no unit {u} in {id}; `loupan render {id}` shows its units",
                "{id} 里没有单元 {u}；`loupan render {id}` 可查看它的单元"
            ));
        };
        if !out.contains(&b.units[i].label) {
            out.push(b.units[i].label.clone());
        }
    }
    if out.is_empty() {
        return Err(tr!(
            "a company occupies at least one unit: give them as 501,502",
            "企业至少占用一个单元：请写成 501,502"
        ));
    }
    Ok(out)
}

/// The typed fields onto a record; the first value that does not read refuses the command.
fn apply(ctx: &Ctx<'_>, r: &mut company::CompanyRecord, fields: &CompanyFlags) -> Result<(), Text> {
    for (f, text) in &fields.given {
        let v = f.parse(text, ctx.today).map_err(|m| {
            let (k, t) = (f.key(), inline(text));
            Text::new(
                format!("--{k} {t}: {}", m.en),
                format!("--{k} {t}：{}", m.zh),
            )
        })?;
        f.set(r, v);
    }
    Ok(())
}

fn add(
    ctx: &mut Ctx<'_>,
    (building, units, name): (&str, &str, &str),
    force: bool,
    fields: &CompanyFlags,
) -> Res {
    let b = read::load_building(&ctx.station, building, ctx.lang)?;
    let mut record = company::CompanyRecord {
        name: Some(name.trim().into()),
        status: loupan_core::status::Status::NotResumed,
        filed: Some(ctx.today).into(),
        ..Default::default()
    };
    apply(ctx, &mut record, fields)?;
    let c = Company {
        id: SmallStr::from(""),
        units: units_of(&b, units)?,
        record,
    };
    super::company_doubles::refuse_doubles(ctx, &b, &c, false, Some(force))?;
    let bid = ctx.station.resolve(&b.id)?;
    let (_, id) = ctx.station.save_company(&bid, CompanyEdit::Add(c))?;
    writeln!(ctx.out, "{id}")?;
    Ok(0)
}

/// A company of the building by id or a unique part of its name; `u` + a unit's label names the
/// company in that unit, also once it is filed as a record of its own (`u1001` stays `c1`'s).
pub(super) fn find<'a>(b: &Building, all: &'a [Company], given: &str) -> Result<&'a Company, Text> {
    if let Some(c) = all.iter().find(|c| *c.id == *given || c.name() == given) {
        return Ok(c);
    }
    let hits: Vec<&Company> = match in_unit(b, all, given) {
        Some(here) if !here.is_empty() => here,
        _ => all.iter().filter(|c| c.name().contains(given)).collect(),
    };
    match hits.as_slice() {
        [one] => Ok(one),
        [] => {
            let (g, id) = (inline(given), &b.id);
            Err(tr!(
                "no company \"{g}\" in {id}; `loupan company list {id}` lists them",
                "{id} 里没有企业“{g}”；`loupan company list {id}` 可列出全部企业"
            ))
        }
        many => {
            let g = inline(given);
            let names: Vec<String> = many
                .iter()
                .map(|c| format!("{} ({})", inline(c.name()), c.id))
                .collect();
            let names = names.join(", ");
            Err(tr!(
                "\"{g}\" could be any of {names}; give the id or the whole name",
                "“{g}”可能是 {names} 中的任一家；请写编号或全名"
            ))
        }
    }
}

/// The companies in the unit `u` + label names, when it names a unit of the building.
fn in_unit<'a>(b: &Building, all: &'a [Company], given: &str) -> Option<Vec<&'a Company>> {
    let i = b.find(given.strip_prefix('u')?)?;
    let label = &b.units[i].label;
    Some(all.iter().filter(|c| c.in_unit(label)).collect())
}

/// A company with people has its returned, observing and observe-until from them: typed
/// values would be overwritten, so they are refused, saying why.
fn derived_refused(
    ctx: &Ctx<'_>,
    b: &Building,
    c: &Company,
    fields: &CompanyFlags,
) -> Result<(), super::Fail> {
    use CompanyField::{ObserveUntil, Observing, Returned};
    if !fields
        .given
        .iter()
        .any(|(f, _)| matches!(f, Returned | Observing | ObserveUntil))
    {
        return Ok(());
    }
    let people = loupan_store::private::people::read(ctx.station.dir(), &b.id)?;
    if !people.iter().any(|p| p.company() == Some(&*c.id)) {
        return Ok(());
    }
    let (id, name) = (&b.id, inline(c.name()));
    Err(super::Fail::usage(tr!(
        "{name} has people registered: its returned, observing and observe-until follow them (`loupan person list {id}`); change the people instead",
        "{name} 已登记人员：返京人数、观察人数和观察结束日期按人员自动计算（`loupan person list {id}`）；请修改人员信息"
    )))
}

fn set(
    ctx: &mut Ctx<'_>,
    (building, given, units): (&str, &str, Option<&str>),
    force: bool,
    fields: &CompanyFlags,
) -> Res {
    let b = read::load_building(&ctx.station, building, ctx.lang)?;
    let all = company::all(&b);
    let seen = find(&b, &all, given)?.clone();
    derived_refused(ctx, &b, &seen, fields)?;
    let mut c = seen.clone();
    apply(ctx, &mut c.record, fields)?;
    if let Some(u) = units {
        c.units = units_of(&b, u)?;
    }
    // a filing update: the day it was filed
    c.record.filed = Some(ctx.today).into();
    let renamed = c.record.name != seen.record.name;
    super::company_doubles::refuse_doubles(ctx, &b, &c, true, renamed.then_some(force))?;
    let seen_ref = (!company::implied(&seen)).then_some(&seen);
    let bid = ctx.station.resolve(&b.id)?;
    let (_, id) = ctx.station.save_company(
        &bid,
        CompanyEdit::Set {
            company: c,
            seen: seen_ref,
        },
    )?;
    let name = inline(seen.name()).into_owned();
    let t = tr!("filed: {name} ({id})", "已备案：{name}（{id}）");
    ctx.say(&t);
    Ok(0)
}

/// A company as JSON: building, id, name, units, status, then every field set (personal ones
/// masked unless revealed).
pub fn company_json(
    building: &str,
    c: &Company,
    reveal: loupan_core::privacy::Reveal,
) -> serde_json::Value {
    let r = company::outgoing(&c.record, reveal);
    let mut m = Map::new();
    m.insert("building".into(), json!(building));
    m.insert("id".into(), json!(&*c.id));
    m.insert("name".into(), json!(c.name()));
    let units: Vec<&str> = c.units.iter().map(|u| &**u).collect();
    m.insert("units".into(), json!(units));
    for spec in COMPANY_FIELDS
        .iter()
        .filter(|s| s.field != CompanyField::Name)
    {
        let v = match spec.field.get(&r) {
            Value::Count(Some(n)) => json!(n),
            Value::Status(s) => json!(s.key()),
            v if v.is_set() => json!(v.show(Lang::En)),
            _ => continue,
        };
        m.insert(spec.key.into(), v);
    }
    serde_json::Value::Object(m)
}

/// `company show` as text: each field under its label and in the interface's language (楼宇,
/// 编号, 房号 as a list, 状态 by its name).
fn show_lines(
    lang: Lang,
    b: &Building,
    c: &Company,
    reveal: loupan_core::privacy::Reveal,
) -> Vec<(String, String)> {
    let r = company::outgoing(&c.record, reveal);
    let sep = lang.pick(", ", "、");
    let units: Vec<&str> = c.units.iter().map(|u| &**u).collect();
    let mut out = vec![
        (lang.pick("building", "楼宇").into(), b.name.clone()),
        (lang.pick("id", "编号").to_string(), c.id.to_string()),
    ];
    for spec in COMPANY_FIELDS.iter() {
        let v = match spec.field.get(&r) {
            Value::Status(s) => lang.status(s).to_string(),
            v if v.is_set() => v.show(lang).to_string(),
            _ => continue,
        };
        out.push((spec.label(lang).to_string(), v));
        if spec.field == CompanyField::Name {
            out.push((lang.pick("units", "房号").into(), units.join(sep)));
        }
    }
    out
}

/// One line: where, who, status, staff on site, observation, last filed.
fn line(lang: Lang, b: &Building, c: &Company, reveal: loupan_core::privacy::Reveal) -> String {
    let r = company::outgoing(&c.record, reveal);
    let units: Vec<&str> = c.units.iter().map(|u| &**u).collect();
    let mut parts = vec![
        format!("{} {}", inline(&b.name), inline(&units.join(","))),
        format!("{} ({})", inline(c.name()), c.id),
        lang.status(r.status).to_string(),
    ];
    if let Some(all) = r.headcount {
        let on = r.on_site.map_or("-".to_string(), |n| n.to_string());
        parts.push(format!("{} {on}/{all}", lang.pick("on site", "到岗")));
    }
    if let (Some(n), Some(d)) = (r.observing, r.observe_until.get())
        && n > 0
    {
        parts.push(format!("{} {n} → {d}", lang.pick("observing", "观察")));
    }
    if let Some(d) = r.filed.get() {
        parts.push(format!("{} {d}", lang.pick("filed", "备案")));
    }
    if let Some(t) = &r.contact {
        parts.push(inline(t).into_owned());
    }
    parts.join("  ")
}

fn list(
    ctx: &mut Ctx<'_>,
    buildings: &[String],
    (as_json, as_csv): (bool, bool),
    reveal: loupan_core::privacy::Reveal,
) -> Res {
    let ids = if buildings.is_empty() {
        ctx.station.ids()?
    } else {
        buildings
            .iter()
            .map(|b| ctx.station.resolve(b))
            .collect::<Result<Vec<_>, _>>()?
    };
    let mut rows = Vec::new();
    let mut text = Vec::new();
    let mut table = vec![loupan_output::ledger::company_headers(ctx.lang)];
    let mut failed = 0;
    for id in &ids {
        let Ok(b) = ctx.station.load(id).building else {
            failed = 1;
            let t = tr!(
                "{id}: the file has problems (`loupan check`); its companies are not listed",
                "{id}：文件有错误（见 `loupan check`）；其企业未列出"
            );
            ctx.say(&t);
            continue;
        };
        for c in company::all(&b) {
            ctx.shown(usize::from(
                loupan_core::private::company_values(&c.record).is_some(),
            ));
            rows.push(company_json(&b.id, &c, reveal));
            text.push(line(ctx.lang, &b, &c, reveal));
        }
        table.extend(loupan_output::ledger::company_rows(&b, reveal, ctx.lang));
    }
    if as_json {
        json::write(&mut *ctx.out, &rows)?;
    } else if as_csv {
        // a byte-order mark, so a spreadsheet opens the Chinese right
        ctx.out.write_all(b"\xef\xbb\xbf")?;
        ctx.out.write_all(&loupan_output::ledger::csv(&table))?;
    } else {
        for l in text {
            writeln!(ctx.out, "{l}")?;
        }
    }
    Ok(failed)
}

fn show(
    ctx: &mut Ctx<'_>,
    building: &str,
    given: &str,
    as_json: bool,
    reveal: loupan_core::privacy::Reveal,
) -> Res {
    let b = read::load_building(&ctx.station, building, ctx.lang)?;
    let all = company::all(&b);
    let c = find(&b, &all, given)?;
    ctx.shown(usize::from(
        loupan_core::private::company_values(&c.record).is_some(),
    ));
    if as_json {
        json::write(&mut *ctx.out, &company_json(&b.id, c, reveal))?;
        return Ok(0);
    }
    for (label, value) in show_lines(ctx.lang, &b, c, reveal) {
        writeln!(ctx.out, "{label}: {}", inline(&value))?;
    }
    Ok(0)
}
