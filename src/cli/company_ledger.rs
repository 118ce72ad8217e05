//! A company ledger (企业台账) into the buildings: matched by loupan's id column, else by credit
//! code, else by name and unit (docs/ledgers.md); the plan shown company by company, refused rows
//! with FILE:ROW, `--apply` saves the same plan. A ledger is a company ledger when its headers
//! name a field only companies have (统一社会信用代码, 员工总数, 到岗人数, …).

use super::{Ctx, Res};
use loupan_core::company::{self, COMPANY_FIELDS, Company, CompanyField, CompanyRecord, check};
use loupan_core::display::inline;
use loupan_core::fields::Value;
use loupan_core::i18n::{Lang, Text};
use loupan_core::ids::BuildingId;
use loupan_core::status::Status;
use loupan_core::text::SmallStr;
use loupan_core::tr;
use loupan_store::company::CompanyEdit;
use loupan_store::table::Table;
use std::collections::HashMap;

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
    // the one plan, for the preview and for --apply alike
    let (batches, lines, refused) = plan(ctx, t, &cols, (bc, uc), &f, apply)?;
    for line in &lines {
        writeln!(ctx.out, "{line}")?;
    }
    let n = lines.len();
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
    // one transaction per building: its companies all, or none
    for (bid, list) in &batches {
        ctx.station.save_companies(bid, edits_of(list))?;
    }
    ctx.say(&tr!("{n} companies saved", "已保存 {n} 家企业"));
    Ok(0)
}

/// Every row placed and every building's filings planned as the save would do them: the batches,
/// the lines to show, and how many rows (or buildings) were refused (each said on stderr).
fn plan(
    ctx: &mut Ctx<'_>,
    t: &Table,
    cols: &Columns,
    (bc, uc): (usize, usize),
    f: &str,
    apply: bool,
) -> Result<(Vec<Batch>, Vec<String>, usize), super::Fail> {
    let mut batches: Vec<Batch> = Vec::new();
    let mut lines = Vec::new();
    let mut refused = 0;
    // each building read once, however many of its companies the ledger lists
    let mut read = Read::new();
    let mut claimed: HashMap<(BuildingId, String), usize> = HashMap::new();
    for row in &t.rows {
        match plan_row(ctx, &mut read, row, cols, (bc, uc))
            .and_then(|p| once(&mut claimed, p, row.number))
        {
            Ok(Some((bid, c, seen, line))) => {
                let seen = seen.filter(|s| !company::implied(s));
                match batches.iter_mut().find(|(b, _)| *b == bid) {
                    Some((_, list)) => list.push((c, seen)),
                    None => batches.push((bid, vec![(c, seen)])),
                }
                lines.push(line);
            }
            Ok(None) => {}
            Err(why) => {
                refused += 1;
                writeln!(ctx.err, "{f}:{}: {}", row.number, why.get(ctx.lang))?;
            }
        }
    }
    // what the save would refuse, the preview refuses: each building's filings planned whole (the
    // same planning the save does; one building's save is all or nothing by itself)
    if refused == 0 && (!apply || batches.len() > 1) {
        for (bid, list) in &batches {
            if let Err(e) = ctx.station.plan_companies(bid, &edits_of(list)) {
                refused += 1;
                writeln!(ctx.err, "{f}: {bid}: {}", e.text().get(ctx.lang))?;
            }
        }
    }
    Ok((batches, lines, refused))
}

/// A building's planned companies as the store's edits.
fn edits_of(list: &[(Company, Option<Company>)]) -> Vec<CompanyEdit<'_>> {
    list.iter()
        .map(|(c, seen)| match (seen, c.id.is_empty()) {
            (None, true) => CompanyEdit::Add(c.clone()),
            (s, _) => CompanyEdit::Set {
                company: c.clone(),
                seen: s.as_ref(),
            },
        })
        .collect()
}

/// A company is changed by one row of a ledger: a second row for it is refused, naming the first
/// (two rows for one company would leave one of them unsaid).
fn once(
    claimed: &mut HashMap<(BuildingId, String), usize>,
    plan: Option<Plan>,
    row: usize,
) -> Result<Option<Plan>, Text> {
    let Some(p) = plan else { return Ok(None) };
    let key = match &p.2 {
        Some(seen) => seen.id.to_string(),
        // a new company: by its name and units
        None => format!("{}\u{0}{:?}", p.1.name(), p.1.units),
    };
    match claimed.get(&(p.0.clone(), key.clone())) {
        Some(first) => {
            let (first, name) = (*first, inline(p.1.name()).into_owned());
            Err(tr!(
                "row {first} already gives {name} in these units; one row per company",
                "第 {first} 行已填写同一单元的 {name}；每家企业只写一行"
            ))
        }
        None => {
            claimed.insert((p.0.clone(), key), row);
            Ok(Some(p))
        }
    }
}

/// One building's filings: each company and how it was read.
type Batch = (BuildingId, Vec<(Company, Option<Company>)>);

type Plan = (BuildingId, Company, Option<Company>, String);

/// A building as a ledger reads it: its companies, and where each name and credit code is.
struct Known {
    building: loupan_core::model::Building,
    all: Vec<Company>,
    by_code: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
}

impl Known {
    fn new(building: loupan_core::model::Building) -> Known {
        let all = company::all(&building);
        let (mut by_code, mut by_name) = (HashMap::new(), HashMap::new());
        for (i, c) in all.iter().enumerate() {
            if let Some(k) = c.record.credit_code.as_deref() {
                by_code
                    .entry(k.to_string())
                    .or_insert_with(Vec::new)
                    .push(i);
            }
            by_name
                .entry(c.name().trim().to_string())
                .or_insert_with(Vec::new)
                .push(i);
        }
        Known {
            building,
            all,
            by_code,
            by_name,
        }
    }

    /// The company a row names: by its credit code, else by its name *and* one of its units —
    /// never by the name alone across units. `Ok(None)`: a new company; several: refused, with
    /// the candidates.
    fn find(
        &self,
        code: Option<&str>,
        name: Option<&str>,
        units: &[SmallStr],
    ) -> Result<Option<&Company>, Text> {
        let at = |is: Option<&Vec<usize>>| -> Vec<&Company> {
            is.map(|is| is.iter().map(|&i| &self.all[i]).collect())
                .unwrap_or_default()
        };
        let by_code = at(code.and_then(|k| self.by_code.get(k)));
        let hits: Vec<&Company> = match by_code.as_slice() {
            [] => at(name.and_then(|n| self.by_name.get(n.trim())))
                .into_iter()
                .filter(|c| units.iter().any(|u| c.in_unit(u)))
                // a company filed with another code is another company
                .filter(|c| code.is_none() || c.record.credit_code.is_none())
                .collect(),
            _ => by_code,
        };
        match hits.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            many => Err(candidates(many)),
        }
    }
}

fn candidates(many: &[&Company]) -> Text {
    let names: Vec<String> = many
        .iter()
        .map(|c| {
            let units: Vec<&str> = c.units.iter().map(|u| &**u).collect();
            format!("{} ({}, {})", inline(c.name()), c.id, units.join("、"))
        })
        .collect();
    let names = names.join("; ");
    tr!(
        "this row could be any of {names}; add the credit code (统一社会信用代码) or the company column (企业编号) to say which",
        "这一行可能是 {names} 中的任一家；请填写统一社会信用代码或企业编号列以指明是哪一家"
    )
}

/// The buildings a ledger names, read once each (with their companies), by how the ledger
/// names them.
type Read = HashMap<String, Result<Known, Text>>;

fn building<'a>(ctx: &Ctx<'_>, read: &'a mut Read, given: &str) -> Result<&'a Known, Text> {
    read.entry(given.to_string())
        .or_insert_with(|| {
            let bid = ctx.station.resolve(given)?;
            let b = ctx.station.load(&bid).building.map_err(|_| {
                tr!(
                    "{bid}: the file has problems (`loupan check`)",
                    "{bid}：文件有错误（见 `loupan check`）"
                )
            })?;
            Ok(Known::new(b))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// One row: the company it updates (or adds), or `None` when it agrees already.
fn plan_row(
    ctx: &Ctx<'_>,
    read: &mut Read,
    row: &loupan_store::table::Row,
    cols: &Columns,
    (bc, uc): (usize, usize),
) -> Result<Option<Plan>, Text> {
    let known = building(ctx, read, row.cell(bc))?;
    let b = &known.building;
    let bid = BuildingId::parse(&b.id)?;
    let mut units: Vec<SmallStr> = Vec::new();
    for u in company::unit_labels(row.cell(uc)) {
        let i = loupan_core::ledger::find_unit(b, u)?;
        units.push(b.units[i].label.clone());
    }
    let (given, set) = given(ctx, row, cols)?;
    let by_id = cols
        .id
        .map(|i| row.cell(i))
        .filter(|k| !k.is_empty())
        .and_then(|k| known.all.iter().find(|c| *c.id == *k));
    let seen = match by_id {
        Some(c) => Some(c),
        None => known.find(given.credit_code.as_deref(), given.name.as_deref(), &units)?,
    }
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
    // a rule the save would refuse, refused here with the row
    if let Some((_, why)) = check(&c.record).first() {
        return Err(why.clone());
    }
    if seen.as_ref() == Some(&c) {
        return Ok(None);
    }
    c.record.filed = Some(ctx.today).into();
    let line = line_of(ctx, b, &c, seen.as_ref());
    Ok(Some((bid, c, seen, line)))
}

/// The fields a row fills (empty cells fill none); a 复工日期 on or before today, with no status
/// given, means resumed.
fn given(
    ctx: &Ctx<'_>,
    row: &loupan_store::table::Row,
    cols: &Columns,
) -> Result<(CompanyRecord, Vec<CompanyField>), Text> {
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
    if let Some(on) = given.resumed_on.get()
        && on <= ctx.today
        && !set.contains(&CompanyField::Status)
    {
        given.status = Status::Resumed;
        set.push(CompanyField::Status);
    }
    Ok((given, set))
}

/// What the plan says of a row: a new company, or each field that changes.
fn line_of(
    ctx: &Ctx<'_>,
    b: &loupan_core::model::Building,
    c: &Company,
    seen: Option<&Company>,
) -> String {
    let (name, bn) = (inline(c.name()).into_owned(), inline(&b.name).into_owned());
    let Some(s) = seen else {
        let units: Vec<&str> = c.units.iter().map(|u| &**u).collect();
        let new = ctx.lang.pick("new company", "新增企业");
        return format!("{bn} {} {name}: {new}", units.join("、"));
    };
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
    let units: Vec<&str> = c.units.iter().map(|u| &**u).collect();
    format!("{bn} {} {name}: {}", units.join("、"), changed.join(", "))
}
