//! What a filing must satisfy, and what a unit's colour is when companies occupy it.

use super::{Company, CompanyField, CompanyRecord, company_status};
use crate::fields::{DATES, Value};
use crate::i18n::{Lang, Text};
use crate::status::Status;
use crate::text::SmallStr;
use crate::tr;

/// The characters of a unified social credit code, in the order of their values (GB 32100-2015:
/// no I, O, S, V, Z).
const CODE: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [usize; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Whether an 18-character unified social credit code carries the right check character.
pub fn credit_code_ok(code: &str) -> bool {
    let chars: Vec<char> = code.chars().collect();
    chars.len() == 18 && check_character(&chars[..17]) == Some(chars[17])
}

/// The check character of a code's first 17 characters (`None` if one is not a code character).
fn check_character(body: &[char]) -> Option<char> {
    let mut sum = 0;
    for (c, w) in body.iter().zip(WEIGHTS) {
        sum += CODE.find(*c)? * w;
    }
    CODE.chars().nth((31 - sum % 31) % 31)
}

/// A whole code from its first 17 characters: for generated data and tests.
pub fn with_check_character(body: &str) -> Option<String> {
    let chars: Vec<char> = body.chars().collect();
    if chars.len() != 17 {
        return None;
    }
    Some(format!("{body}{}", check_character(&chars)?))
}

/// The most people a company's figure may count (headcount, on site, returned, observing).
pub const MAX_PEOPLE: u32 = 100_000;

/// Each count above [`MAX_PEOPLE`]: a slip of the keys, never a company.
fn bounds(r: &CompanyRecord) -> Vec<(CompanyField, Text)> {
    let mut out = Vec::new();
    for (field, n) in [
        (CompanyField::Headcount, r.headcount),
        (CompanyField::OnSite, r.on_site),
        (CompanyField::Returned, r.returned),
        (CompanyField::Observing, r.observing),
    ] {
        if let Some(n) = n
            && n > MAX_PEOPLE
        {
            let (le, lz) = (field.spec().label(Lang::En), field.spec().label(Lang::Zh));
            out.push((
                field,
                tr!(
                    "{le} {n} is more than a company may count ({MAX_PEOPLE}); check for an extra digit",
                    "{lz} {n} 超过一家企业可填的上限（{MAX_PEOPLE}）；请检查是否多打了数字"
                ),
            ));
        }
    }
    out
}

/// Every rule a company's record breaks, each naming the field and how to put it right.
pub fn check(r: &CompanyRecord) -> Vec<(CompanyField, Text)> {
    let mut out = Vec::new();
    if !company_status(r.status) {
        let (e, z) = (r.status.key(), r.status.zh());
        out.push((
            CompanyField::Status,
            tr!(
                "a company is resumed or not-resumed, not {e}",
                "企业状态只能是已复工或未复工，不能是{z}"
            ),
        ));
    }
    if let Some(code) = r.credit_code.as_deref()
        && !credit_code_ok(code)
    {
        let c = crate::display::inline(code);
        out.push((
            CompanyField::CreditCode,
            tr!(
                "credit code {c}: not a valid unified social credit code (18 characters, the last a check character); copy it from the business licence",
                "统一社会信用代码 {c} 不正确（应为 18 位，最后一位为校验码）；请照营业执照抄写"
            ),
        ));
    }
    out.extend(bounds(r));
    if let (Some(on), Some(all)) = (r.on_site, r.headcount)
        && on > all
    {
        out.push((
            CompanyField::OnSite,
            tr!(
                "on site {on} is more than the headcount {all}; correct one of them",
                "到岗人数 {on} 超过员工总数 {all}；请改正其中一项"
            ),
        ));
    }
    if let (Some(obs), Some(back)) = (r.observing, r.returned)
        && obs > back
    {
        out.push((
            CompanyField::Observing,
            tr!(
                "observing {obs} is more than the returned {back}: only returned employees are observed",
                "观察人数 {obs} 超过返京人数 {back}：只有返京员工需要观察"
            ),
        ));
    }
    if let Some(cap) = r.cap
        && cap > 100
    {
        out.push((
            CompanyField::Cap,
            tr!(
                "the on-site cap is a percent of the headcount: {cap} is more than 100",
                "到岗上限是员工总数的百分比：{cap} 超过了 100"
            ),
        ));
    }
    choice_problems(r, &mut out);
    for f in CompanyField::ALL {
        if let Value::Date(Some(d)) = f.get(r)
            && !DATES.contains(&d)
        {
            let (le, lz) = (f.spec().label(Lang::En), f.spec().label(Lang::Zh));
            let (from, to) = (DATES.start(), DATES.end());
            out.push((
                *f,
                tr!(
                    "{le}: {d} is not a plausible date; use one from {from} to {to}",
                    "{lz}：{d} 不是合理的日期；请填 {from} 到 {to} 之间的日期"
                ),
            ));
        }
    }
    out
}

/// A unit's colour when companies occupy it: green only when all have resumed, blue when any has
/// not — a company not back at work is never hidden behind a green cell. Without companies, the
/// unit's own status.
pub fn unit_status<'a>(
    own: Status,
    label: &str,
    companies: impl IntoIterator<Item = &'a Company>,
) -> Status {
    let mut any = false;
    for c in companies.into_iter().filter(|c| c.in_unit(label)) {
        if !c.resumed() {
            return Status::NotResumed;
        }
        any = true;
    }
    if any { Status::Resumed } else { own }
}

/// Every unit's colour by the one rule ([`unit_status`]), applied when a building is read, so
/// the map, stats, reports and print show the same: a unit companies occupy is green only when
/// all of them have resumed, whatever its own line says.
pub fn derive_units(b: &mut crate::model::Building) {
    if b.companies.is_empty() {
        return;
    }
    // each occupied label and whether every company in it has resumed: one pass over the
    // companies, not one per unit (a tower of 480 units and 43 companies asked 20,000 times)
    let mut occupied: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    for c in &b.companies {
        for label in &c.units {
            *occupied.entry(label.as_str()).or_insert(true) &= c.resumed();
        }
    }
    for u in &mut b.units {
        if let Some(&all) = occupied.get(u.label.as_str()) {
            u.record.status = if all {
                Status::Resumed
            } else {
                Status::NotResumed
            };
        }
    }
}

/// The values a company's class (网点类别, docs/spec.md §14) may take: key, then Chinese.
pub const CLASSES: [(&str, &str); 3] = [
    ("livelihood", "民生保障"),
    ("suspended", "暂停营业"),
    ("other", "其他"),
];

/// What an inspection may find of a company: open or closed.
pub const FINDINGS: [(&str, &str); 2] = [("open", "营业"), ("closed", "未营业")];

fn choices(f: CompanyField) -> &'static [(&'static str, &'static str)] {
    match f {
        CompanyField::Found => &FINDINGS,
        _ => &CLASSES,
    }
}

/// A class or a finding as typed (its key or its Chinese name), as its key; empty clears it.
pub(super) fn choice(f: CompanyField, t: &str) -> Result<Option<SmallStr>, Text> {
    if t.is_empty() {
        return Ok(None);
    }
    let all = choices(f);
    if let Some((k, _)) = all
        .iter()
        .find(|(k, z)| k.eq_ignore_ascii_case(t) || *z == t)
    {
        return Ok(Some((*k).into()));
    }
    Err(not_a_choice(f, t))
}

fn not_a_choice(f: CompanyField, t: &str) -> Text {
    let all = choices(f);
    let (le, lz) = (f.spec().label(Lang::En), f.spec().label(Lang::Zh));
    let t = crate::display::inline(t);
    let en: Vec<&str> = all.iter().map(|(k, _)| *k).collect();
    let zh: Vec<String> = all.iter().map(|(k, z)| format!("{z}（{k}）")).collect();
    let (en, zh) = (en.join(", "), zh.join("、"));
    tr!(
        "{le}: \"{t}\" is not one of {en}",
        "{lz}：“{t}”不是可用的值；可用：{zh}"
    )
}

/// The class and the finding as a file holds them: keys only.
fn choice_problems(r: &CompanyRecord, out: &mut Vec<(CompanyField, Text)>) {
    for (f, v) in [
        (CompanyField::Class, &r.class),
        (CompanyField::Found, &r.found),
    ] {
        if let Some(v) = v
            && !choices(f).iter().any(|(k, _)| *k == &**v)
        {
            out.push((f, not_a_choice(f, v)));
        }
    }
}
