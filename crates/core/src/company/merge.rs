//! Companies in a three-way merge: two people filing two companies of one building both keep
//! them (a company both sides added under one id gets the next free id on our side), and one
//! company's fields changed on two laptops merge field by field. A field changed two ways is a
//! conflict, as a unit's is: both versions are written between git's markers, each with every
//! other field merged, and named. Pure.

use super::{Company, CompanyField, next_id};
use crate::i18n::Text;
use crate::tr;

/// A company changed two ways: their version (every other field merged) and what clashed.
#[derive(Clone, Debug, PartialEq)]
pub struct Clash {
    pub theirs: Company,
    pub said: Text,
}

/// The merged companies (ours where a field clashed), and the clashes.
pub fn merge(base: &[Company], ours: &[Company], theirs: &[Company]) -> (Vec<Company>, Vec<Clash>) {
    let mut out: Vec<Company> = ours.to_vec();
    let mut clashes = Vec::new();
    for t in theirs {
        let b = base.iter().find(|c| c.id == t.id);
        let o = ours.iter().find(|c| c.id == t.id);
        match (b, o) {
            // theirs is new; ours may have a different company under the same id
            (None, None) => out.push(t.clone()),
            (None, Some(o)) if o == t => {}
            (None, Some(_)) => {
                let mut t = t.clone();
                t.id = next_id(&out);
                out.push(t);
            }
            // removed on our side: stays removed unless they changed it
            (Some(b), None) if b == t => {}
            (Some(_), None) => out.push(t.clone()),
            (Some(b), Some(o)) => {
                let (m, names) = merge_one(b, o, t);
                if !names.is_empty() {
                    // their side: the merged company with their values where the two clash
                    let mut theirs = m.clone();
                    for f in CompanyField::ALL {
                        if f.get(&m.record) != f.get(&t.record)
                            && f.get(&o.record) != f.get(&b.record)
                        {
                            f.set(&mut theirs.record, f.get(&t.record));
                        }
                    }
                    if o.units != t.units && o.units != b.units && t.units != b.units {
                        theirs.units = t.units.clone();
                    }
                    let name = crate::display::inline(o.name()).into_owned();
                    let en = names.iter().map(|n| n.0).collect::<Vec<_>>().join(", ");
                    let zh = names.iter().map(|n| n.1).collect::<Vec<_>>().join("、");
                    clashes.push(Clash {
                        theirs,
                        said: tr!(
                            "company {name}: {en} changed on both sides",
                            "企业 {name}：{zh} 双方都改了"
                        ),
                    });
                }
                if let Some(slot) = out.iter_mut().find(|c| c.id == m.id) {
                    *slot = m;
                }
            }
        }
    }
    (out, clashes)
}

/// One company, field by field: the names of fields changed two ways (ours kept).
fn merge_one(
    b: &Company,
    o: &Company,
    t: &Company,
) -> (Company, Vec<(&'static str, &'static str)>) {
    let mut m = o.clone();
    let mut clashes = Vec::new();
    for &f in CompanyField::ALL {
        let (bv, ov, tv) = (f.get(&b.record), f.get(&o.record), f.get(&t.record));
        if ov == tv || tv == bv {
            continue;
        }
        if ov == bv {
            f.set(&mut m.record, tv);
        } else if f != CompanyField::Filed {
            // the later filing date is simply the later one
            clashes.push((f.key(), f.spec().label(crate::i18n::Lang::Zh)));
        } else if tv.show(crate::i18n::Lang::En) > ov.show(crate::i18n::Lang::En) {
            f.set(&mut m.record, tv);
        }
    }
    if o.units != t.units {
        if o.units == b.units {
            m.units = t.units.clone();
        } else if t.units != b.units {
            clashes.push(("units", "房号"));
        }
    }
    (m, clashes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company::CompanyRecord;
    use crate::status::Status;

    fn co(id: &str, name: &str, headcount: u32, on_site: u32) -> Company {
        Company {
            id: id.into(),
            units: vec!["501".into()],
            record: CompanyRecord {
                name: Some(name.into()),
                status: Status::Resumed,
                headcount: Some(headcount),
                on_site: Some(on_site),
                ..CompanyRecord::default()
            },
        }
    }

    #[test]
    fn two_new_companies_under_one_id_are_both_kept() {
        let base = [co("c1", "甲", 10, 5)];
        let ours = [co("c1", "甲", 10, 5), co("c2", "乙", 3, 1)];
        let theirs = [co("c1", "甲", 10, 5), co("c2", "丙", 4, 2)];
        let (m, clashes) = merge(&base, &ours, &theirs);
        let names: Vec<&str> = m.iter().map(Company::name).collect();
        assert_eq!(names, ["甲", "乙", "丙"]);
        assert_eq!(m[2].id, "c3");
        assert!(clashes.is_empty());
    }

    #[test]
    fn one_companys_two_fields_from_two_laptops_both_arrive() {
        let base = [co("c1", "甲", 10, 5)];
        let ours = [co("c1", "甲", 12, 5)];
        let theirs = [co("c1", "甲", 10, 7)];
        let (m, clashes) = merge(&base, &ours, &theirs);
        assert_eq!(
            (m[0].record.headcount, m[0].record.on_site),
            (Some(12), Some(7))
        );
        assert!(clashes.is_empty());
        let theirs = [co("c1", "甲", 11, 5)];
        let (m, clashes) = merge(&base, &ours, &theirs);
        assert_eq!(m[0].record.headcount, Some(12), "ours in our line");
        assert_eq!(clashes.len(), 1);
        assert_eq!(
            clashes[0].theirs.record.headcount,
            Some(11),
            "theirs in theirs"
        );
        assert!(
            clashes[0].said.en.contains("headcount"),
            "{:?}",
            clashes[0].said
        );
    }
}
