//! A company ledger (企业台账) into the buildings: matched by credit code, else by name in the
//! building; the plan shown company by company, `--apply` saves it. A ledger is a company ledger
//! when its headers name a field only companies have (统一社会信用代码, 员工总数, 到岗人数, …).

use super::company::find_for_ledger;
use super::{Ctx, Res};
use loupan_core::company::{self, COMPANY_FIELDS, Company, CompanyField, CompanyRecord};
use loupan_core::display::inline;
use loupan_core::fields::Value;
use loupan_core::i18n::{Lang, Text};
use loupan_core::status::Status;
use loupan_core::text::SmallStr;
use loupan_core::tr;
use loupan_store::company::CompanyEdit;
use loupan_store::table::Table;

/// The columns of a company ledger: building, units, and the company fields by header.
struct Columns {
    building: Option<usize>,
    units: Option<usize>,
    /// The company's id (`c3`), as loupan's own export writes it: a row re-imported finds its
    /// company by it before anything else (two companies of one building may share a name).
    id: Option<usize>,
    fields: Vec<(usize, CompanyField)>,
}

fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

fn columns(headers: &[String]) -> Columns {
    let mut c = Columns {
        building: None,
        units: None,
        id: None,
        fields: Vec::new(),
    };
    for (i, h) in headers.iter().enumerate() {
        let h = norm(h);
        if ["楼宇", "楼栋", "building", "楼宇名称"].contains(&h.as_str()) {
            c.building.get_or_insert(i);
        } else if ["房号", "房间", "单元", "unit", "units"].contains(&h.as_str()) {
            c.units.get_or_insert(i);
        } else if ["company", "企业编号"].contains(&h.as_str()) {
            c.id.get_or_insert(i);
        } else if let Some(s) = COMPANY_FIELDS.iter().find(|s| {
            norm(s.key) == h
                || norm(s.label(Lang::Zh)) == h
                || norm(s.label(Lang::En)) == h
                || s.aliases.iter().any(|a| norm(a) == h)
        }) && !c.fields.iter().any(|(_, f)| *f == s.field)
        {
            c.fields.push((i, s.field));
        }
    }
    c
}

/// Whether the table is a company ledger: a header names a field only a company has.
pub fn is_company_ledger(t: &Table) -> bool {
    columns(&t.headers).fields.iter().any(|(_, f)| {
        matches!(
            f,
            CompanyField::CreditCode
                | CompanyField::Headcount
                | CompanyField::OnSite
                | CompanyField::Returned
                | CompanyField::Observing
        )
    })
}

pub fn import(ctx: &mut Ctx<'_>, t: &Table, file: &std::path::Path, apply: bool) -> Res {
    let cols = columns(&t.headers);
    let f = inline(&file.display().to_string()).into_owned();
    let (Some(bc), Some(uc)) = (cols.building, cols.units) else {
        return Err(tr!(
            "{f}: a company ledger needs a building column (楼宇) and a unit column (房号)",
            "{f}：企业台账需要楼宇列和房号列"
        )
        .into());
    };
    let mut plans: Vec<(
        loupan_core::ids::BuildingId,
        Company,
        Option<Company>,
        String,
    )> = Vec::new();
    let mut refused = 0;
    // each building read once, however many of its companies the ledger lists
    let mut read = Read::new();
    for row in &t.rows {
        match plan_row(ctx, &mut read, row, &cols, (bc, uc)) {
            Ok(Some(p)) => plans.push(p),
            Ok(None) => {}
            Err(why) => {
                refused += 1;
                writeln!(ctx.err, "{f}:{}: {}", row.number, why.get(ctx.lang))?;
            }
        }
    }
    for (_, _, _, line) in &plans {
        writeln!(ctx.out, "{line}")?;
    }
    let n = plans.len();
    if refused > 0 {
        ctx.say(&tr!(
            "{refused} rows cannot be placed; nothing saved — fix them and import again",
            "{refused} 行无法导入；未保存——请改正后重新导入"
        ));
        return Ok(1);
    }
    if !apply {
        ctx.say(&tr!(
            "{n} companies would change; nothing saved, --apply saves it",
            "{n} 家企业将被修改；未保存，加 --apply 才保存"
        ));
        return Ok(0);
    }
    // one atomic save per building: its companies all, or none
    let mut by_building: Vec<Batch> = Vec::new();
    for (bid, c, seen, _) in plans {
        let seen = seen.filter(|s| !company::implied(s));
        match by_building.iter_mut().find(|(b, _)| *b == bid) {
            Some((_, list)) => list.push((c, seen)),
            None => by_building.push((bid, vec![(c, seen)])),
        }
    }
    for (bid, list) in &by_building {
        let edits: Vec<CompanyEdit<'_>> = list
            .iter()
            .map(|(c, seen)| match (seen, c.id.is_empty()) {
                (None, true) => CompanyEdit::Add(c.clone()),
                (s, _) => CompanyEdit::Set {
                    company: c.clone(),
                    seen: s.as_ref(),
                },
            })
            .collect();
        ctx.station.save_companies(bid, edits)?;
    }
    ctx.say(&tr!("{n} companies saved", "已保存 {n} 家企业"));
    Ok(0)
}

/// One building's filings: each company and how it was read.
type Batch = (
    loupan_core::ids::BuildingId,
    Vec<(Company, Option<Company>)>,
);

type Plan = (
    loupan_core::ids::BuildingId,
    Company,
    Option<Company>,
    String,
);

/// One row: the company it updates (or adds), or `None` when it agrees already.
/// The buildings a ledger names, read once each (with their companies), by how the ledger
/// names them.
type Read =
    std::collections::HashMap<String, Result<(loupan_core::model::Building, Vec<Company>), Text>>;

fn building<'a>(
    ctx: &Ctx<'_>,
    read: &'a mut Read,
    given: &str,
) -> Result<&'a (loupan_core::model::Building, Vec<Company>), Text> {
    read.entry(given.to_string())
        .or_insert_with(|| {
            let bid = ctx.station.resolve(given)?;
            let b = ctx.station.load(&bid).building.map_err(|_| {
                tr!(
                    "{bid}: the file has problems (`loupan check`)",
                    "{bid}：文件有错误（见 `loupan check`）"
                )
            })?;
            let all = company::all(&b);
            Ok((b, all))
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn plan_row(
    ctx: &Ctx<'_>,
    read: &mut Read,
    row: &loupan_store::table::Row,
    cols: &Columns,
    (bc, uc): (usize, usize),
) -> Result<Option<Plan>, Text> {
    let (b, all) = building(ctx, read, row.cell(bc))?;
    let bid = loupan_core::ids::BuildingId::parse(&b.id)?;
    let mut units: Vec<SmallStr> = Vec::new();
    for u in company::unit_labels(row.cell(uc)) {
        let i = loupan_core::ledger::find_unit(b, u)?;
        units.push(b.units[i].label.clone());
    }
    let mut given = CompanyRecord::default();
    let mut set: Vec<CompanyField> = Vec::new();
    for (i, f) in &cols.fields {
        let text = row.cell(*i);
        if text.is_empty() {
            continue;
        }
        let v = f.parse(text, ctx.today)?;
        f.set(&mut given, v);
        set.push(*f);
    }
    let by_id = cols
        .id
        .map(|i| row.cell(i))
        .filter(|k| !k.is_empty())
        .and_then(|k| all.iter().find(|c| *c.id == *k));
    let seen = by_id
        .or_else(|| find_for_ledger(all, given.credit_code.as_deref(), given.name.as_deref()))
        .cloned();
    let mut c = seen.clone().unwrap_or(Company {
        id: SmallStr::from(""),
        units: units.clone(),
        record: CompanyRecord {
            status: Status::NotResumed,
            ..CompanyRecord::default()
        },
    });
    for f in &set {
        f.set(&mut c.record, f.get(&given));
    }
    // a ledger names a company's units it knows; units the chart has besides stay
    for u in units {
        if !c.units.contains(&u) {
            c.units.push(u);
        }
    }
    if seen.as_ref() == Some(&c) {
        return Ok(None);
    }
    c.record.filed = Some(ctx.today).into();
    let (name, bn) = (inline(c.name()).into_owned(), inline(&b.name).into_owned());
    let line = match &seen {
        None => format!("{bn} {name}: {}", ctx.lang.pick("new company", "新增企业")),
        Some(s) => {
            let changed: Vec<String> = CompanyField::ALL
                .iter()
                .filter(|f| f.get(&s.record) != f.get(&c.record) && **f != CompanyField::Filed)
                .map(|f| {
                    let show = |v: Value| inline(&v.show(ctx.lang)).into_owned();
                    format!(
                        "{} {} → {}",
                        f.spec().label(ctx.lang),
                        show(f.get(&s.record)),
                        show(f.get(&c.record))
                    )
                })
                .collect();
            format!("{bn} {name}: {}", changed.join(", "))
        }
    };
    Ok(Some((bid, c, seen, line)))
}
