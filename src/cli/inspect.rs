//! `loupan follow-up BUILDING UNIT inspected [--company C] [--found open|closed]`: the day's
//! inspection (摸排) of a company with a class (docs/spec.md §14), kept in the company's line as
//! the day it was last inspected and what was found; a suspended business found open goes up in
//! the report.

use super::{Ctx, Res, read};
use loupan_core::company::{self, Company, CompanyField};
use loupan_core::display::inline;
use loupan_core::fields::Value;
use loupan_core::i18n::Text;
use loupan_core::model::Building;
use loupan_core::tr;
use loupan_store::company::CompanyEdit;

/// The company inspected: the one named, else the unit's one company.
fn company_of<'a>(
    b: &Building,
    all: &'a [Company],
    unit: &str,
    given: Option<&str>,
) -> Result<&'a Company, Text> {
    if let Some(g) = given {
        return super::company::find(b, all, g);
    }
    let here: Vec<&Company> = all.iter().filter(|c| c.in_unit(unit)).collect();
    match here.as_slice() {
        [one] => Ok(one),
        _ => {
            let u = inline(unit);
            Err(tr!(
                "unit {u} does not have exactly one company: name it with --company",
                "单元 {u} 不是只有一家企业：请用 --company 写明企业"
            ))
        }
    }
}

pub fn inspected(
    ctx: &mut Ctx<'_>,
    building: &str,
    unit: &str,
    (given, found): (Option<&str>, Option<&str>),
) -> Res {
    let b = read::load_building(&ctx.station, building, ctx.lang)?;
    let Some(i) = b.find(unit) else {
        let (u, id) = (inline(unit), &b.id);
        return Err(tr!(
            "there is no unit {u} in {id}; `loupan render {id}` shows its units",
            "{id} 里没有单元 {u}；`loupan render {id}` 可查看它的单元"
        )
        .into());
    };
    let label = b.units[i].label.clone();
    let all = company::all(&b);
    let seen = company_of(&b, &all, &label, given)?.clone();
    let mut c = seen.clone();
    c.record.inspected = Some(ctx.today).into();
    let found = match found {
        Some(f) => CompanyField::Found
            .parse(f, ctx.today)
            .map_err(super::Fail::usage)?,
        None => Value::Text(None),
    };
    CompanyField::Found.set(&mut c.record, found);
    let bid = ctx.station.resolve(&b.id)?;
    let seen_ref = (!company::implied(&seen)).then_some(&seen);
    ctx.station.save_company(
        &bid,
        CompanyEdit::Set {
            company: c,
            seen: seen_ref,
        },
    )?;
    let (name, place) = (
        inline(seen.name()).into_owned(),
        ctx.station.shown_names().of(&b.id).to_string(),
    );
    ctx.say(&tr!(
        "inspected: {place} {name}",
        "已记录摸排：{place} {name}"
    ));
    Ok(0)
}
