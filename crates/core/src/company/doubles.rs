//! A company is filed once: a credit code belongs to one company in the station (or the street),
//! and two companies of one name in one unit are asked about first. What a search finds in a
//! company (any part of its name, its credit code, its id), and a company named by a part of its
//! name. Pure.

use super::Company;
use crate::display::inline;
use crate::find::fold;
use crate::i18n::Text;
use crate::tr;

/// A company where it is filed: its station (at a street's root), its building, the company.
#[derive(Clone, Copy, Debug)]
pub struct Filed<'a> {
    pub station: Option<&'a str>,
    pub building: &'a str,
    pub company: &'a Company,
}

impl Filed<'_> {
    /// "station a, 创业园A座 1001, 新城周咨询 (c44)".
    pub fn place(&self) -> String {
        let units: Vec<&str> = self.company.units.iter().map(|u| &**u).collect();
        let mut s = String::new();
        if let Some(st) = self.station {
            s.push_str(&format!("{} · ", inline(st)));
        }
        s.push_str(&format!(
            "{} {}, {} ({})",
            inline(self.building),
            inline(&units.join(",")),
            inline(self.company.name()),
            inline(&self.company.id)
        ));
        s
    }
}

/// A credit code as compared: half-width, upper case, no spaces.
pub fn code_key(code: &str) -> String {
    crate::input::halfwidth(code)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The company already filed with `code`, other than `this` (building, id: the company being
/// changed).
pub fn same_code<'a>(
    code: &str,
    filed: impl IntoIterator<Item = Filed<'a>>,
    this: Option<(&str, &str)>,
) -> Option<Filed<'a>> {
    let key = code_key(code);
    if key.is_empty() {
        return None;
    }
    filed.into_iter().find(|f| {
        let same = f.company.record.credit_code.as_deref().map(code_key) == Some(key.clone());
        same && this != Some((f.building, &*f.company.id))
    })
}

/// Why a credit code is refused: where the company that has it is filed.
pub fn code_taken(code: &str, at: &Filed<'_>) -> Text {
    let (c, p) = (inline(code), at.place());
    tr!(
        "credit code {c} is already filed: {p}; a company is filed once — `loupan company set` updates it",
        "统一社会信用代码 {c} 已经登记过：{p}；同一企业只登记一次——请用 `loupan company set` 更新它"
    )
}

/// Companies in any of `units` with the same name as `name` (folded), other than `this` (an id).
pub fn same_name<'a>(
    name: &str,
    units: &[crate::text::SmallStr],
    companies: &'a [Company],
    this: Option<&str>,
) -> Vec<&'a Company> {
    let key = fold(name);
    if key.is_empty() {
        return Vec::new();
    }
    companies
        .iter()
        .filter(|c| Some(&*c.id) != this)
        .filter(|c| units.iter().any(|u| c.in_unit(u)))
        .filter(|c| c.record.name.as_deref().is_some_and(|n| fold(n) == key))
        .collect()
}

/// What a search's folded term found in a company: its name, its credit code or its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Name,
    CreditCode,
    Id,
}

/// Whether a folded search term finds the company: any part of its name (spaces ignored), a
/// part of its credit code of six characters or more (so a unit
/// number is never taken for one), or its id exactly.
pub fn finds(term: &str, c: &Company) -> Option<Found> {
    let term: String = term.chars().filter(|c| !c.is_whitespace()).collect();
    if term.is_empty() {
        return None;
    }
    let name: String = fold(c.name())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if c.record.name.is_some() && name.contains(&term) {
        return Some(Found::Name);
    }
    let code = c.record.credit_code.as_deref().map(code_key);
    if term.chars().count() >= 6 && code.is_some_and(|k| k.contains(&term.to_uppercase())) {
        return Some(Found::CreditCode);
    }
    (c.id.to_lowercase() == term).then_some(Found::Id)
}

/// A company named by `given`: its id, its whole name, or a part of its name only one has.
/// `Err` with the candidates (empty: none) otherwise.
pub fn named<'a>(companies: &'a [Company], given: &str) -> Result<&'a Company, Vec<&'a Company>> {
    let g = given.trim();
    if let Some(c) = companies
        .iter()
        .find(|c| *c.id == *g || c.record.name.as_deref() == Some(g))
    {
        return Ok(c);
    }
    let key = fold(g);
    let hits: Vec<&Company> = companies
        .iter()
        .filter(|c| !key.is_empty() && fold(c.name()).contains(&key))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        _ => Err(hits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company::CompanyRecord;

    fn co(id: &str, units: &[&str], name: &str, code: Option<&str>) -> Company {
        Company {
            id: id.into(),
            units: units.iter().map(|u| (*u).into()).collect(),
            record: CompanyRecord {
                name: Some(name.into()),
                credit_code: code.map(Into::into),
                ..CompanyRecord::default()
            },
        }
    }

    #[test]
    fn a_credit_code_is_filed_once_and_said_where() {
        let a = [co("c1", &["1001"], "博远科技", Some("91110108MA01ABCDE1"))];
        let b = [co("c7", &["801"], "新城周咨询", Some("91110108MA01ABCDE2"))];
        let filed = || {
            a.iter()
                .map(|c| Filed {
                    station: None,
                    building: "chuangye",
                    company: c,
                })
                .chain(b.iter().map(|c| Filed {
                    station: Some("b"),
                    building: "xincheng",
                    company: c,
                }))
        };
        let at = same_code("９１110108ma01abcde2 ", filed(), None).unwrap();
        assert_eq!(&*at.company.id, "c7");
        let said = code_taken("91110108MA01ABCDE2", &at);
        assert!(
            said.zh.contains("b · xincheng 801, 新城周咨询 (c7)"),
            "{}",
            said.zh
        );
        assert!(said.en.contains("already filed"), "{}", said.en);
        assert!(same_code("91110108MA01ABCDE2", filed(), Some(("xincheng", "c7"))).is_none());
        assert!(same_code("", filed(), None).is_none());
    }

    #[test]
    fn one_name_twice_in_a_unit_is_found() {
        let all = [
            co("c1", &["1001", "1002"], "博远 科技", None),
            co("c2", &["801"], "博远科技", None),
        ];
        let units = ["1002".into()];
        assert_eq!(same_name(" 博远  科技", &units, &all, None).len(), 1);
        assert!(same_name("博远", &units, &all, None).is_empty());
        assert!(same_name("博远 科技", &units, &all, Some("c1")).is_empty());
    }

    #[test]
    fn a_search_finds_a_company_by_name_part_code_or_id() {
        let c = co("c44", &["1001"], "新城 周咨询", Some("91110108MA01ABCDE1"));
        assert_eq!(finds("周咨询", &c), Some(Found::Name));
        assert_eq!(finds("新城周", &c), Some(Found::Name));
        assert_eq!(finds(&fold("91110108ma01"), &c), Some(Found::CreditCode));
        assert_eq!(finds("c44", &c), Some(Found::Id));
        assert_eq!(finds("0108", &c), None, "a unit number is not a code");
        assert_eq!(finds("c4", &c), None);
    }

    #[test]
    fn a_company_is_named_by_an_unambiguous_part() {
        let all = [
            co("c44", &["1001"], "金融刘工作室", None),
            co("c45", &["801"], "金融王工作室", None),
        ];
        assert_eq!(&*named(&all, "金融刘").unwrap().id, "c44");
        assert_eq!(&*named(&all, "c45").unwrap().id, "c45");
        assert_eq!(named(&all, "工作室").unwrap_err().len(), 2);
        assert!(named(&all, "海港").unwrap_err().is_empty());
    }
}
