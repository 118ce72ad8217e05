//! The seed's district in numbers (docs/spec.md §11): 33 towers, 1,409 companies with 15,000–15,999
//! employees, 900–999 households — the generated district's towers re-let to match, each company
//! a line of its tower's `[companies]`. Deterministic: the same towers and seed, the same bytes.

use crate::codec;
use crate::company::{Company, CompanyRecord};
use crate::fields::Record;
use crate::status::Status;
use crate::synth::{Rng, SURNAMES};
use crate::text::SmallStr;

/// Companies and households over the district, as the seed's chart counted them.
pub const COMPANIES: usize = 1409;
pub const HOUSEHOLDS: usize = 950;

/// Re-lets each tower (`files`: (file name, text), towers in order) so the district holds
/// exactly [`COMPANIES`] companies and [`HOUSEHOLDS`] households, the rest vacant or unknown.
pub fn seed_district(files: &mut [(String, String)], seed: u64) {
    let n = files.len().max(1);
    let mut rng = Rng(seed ^ 0x5eed_d157_41c7);
    for (k, (_, text)) in files.iter_mut().enumerate() {
        let companies = COMPANIES / n + usize::from(k < COMPANIES % n);
        let households = HOUSEHOLDS / n + usize::from(k < HOUSEHOLDS % n);
        // ids count within each tower, as `company add` gives them
        *text = relet(text, &mut rng, companies, households, &mut 0);
    }
}

/// A city of districts: every 33 towers in order re-let as [`seed_district`] lets the seed's
/// district (the city preset's companies, some 85,000 in 2,000 towers).
pub fn seed_city(files: &mut [(String, String)], seed: u64) {
    for (k, district) in files.chunks_mut(33).enumerate() {
        seed_district(district, seed.wrapping_add(k as u64));
    }
}

/// One tower: its unit lines rewritten in place, and its companies appended.
fn relet(
    text: &str,
    rng: &mut Rng,
    companies: usize,
    households: usize,
    counter: &mut usize,
) -> String {
    let start = text.find("\n[units]\n").map_or(0, |i| i + 9);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let first = text[..start].lines().count();
    let units: Vec<usize> = (first..lines.len())
        .filter(|&i| lines[i].contains(" = {"))
        .collect();
    // a deterministic shuffle: who lives and works where
    let mut order = units.clone();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut filed: Vec<Company> = Vec::new();
    for (rank, &i) in order.iter().enumerate() {
        let Some(eq) = lines[i].find(" = ") else {
            continue;
        };
        let label = lines[i][..eq].trim().trim_matches('"').to_string();
        let rec = if rank < households {
            household(rng)
        } else if rank < households + companies {
            let c = company(rng, &label, counter);
            let status = c.record.status;
            filed.push(c);
            Record::with_status(status)
        } else if rng.chance(60) {
            Record::with_status(Status::Vacant)
        } else {
            Record::default()
        };
        lines[i] = format!(
            "{} = {}",
            &lines[i][..eq],
            codec::record_value(&rec).to_string().trim()
        );
    }
    let mut out = lines.join("\n");
    out.push_str("\n\n[companies]\n");
    for c in &filed {
        out.push_str(&format!(
            "{} = {}\n",
            c.id,
            codec::company_value(c).to_string().trim()
        ));
    }
    out
}

fn household(rng: &mut Rng) -> Record {
    let isolating = rng.chance(3);
    let mut r = Record::with_status(if isolating {
        Status::Isolating
    } else {
        Status::Healthy
    });
    r.name = Some(format!("{}家", rng.pick(SURNAMES)).into());
    r.people = Some(1 + rng.below(5) as u32).into();
    if isolating {
        r.since = jiff::civil::Date::new(2020, 2, 1 + rng.below(28) as i8)
            .ok()
            .into();
    }
    r
}

/// A company of 4–18 employees (about 11 on average: 1,409 of them employ some 15,500).
fn company(rng: &mut Rng, label: &str, counter: &mut usize) -> Company {
    *counter += 1;
    let resumed = rng.chance(65);
    let headcount = 4 + rng.below(15) as u32;
    let on_site = if resumed {
        1 + rng.below(headcount as usize) as u32
    } else {
        0
    };
    let day = |rng: &mut Rng| jiff::civil::Date::new(2020, 2, 1 + rng.below(28) as i8).ok();
    Company {
        id: SmallStr::from(format!("c{counter}").as_str()),
        units: vec![label.into()],
        record: CompanyRecord {
            name: Some(crate::synth::firm_name(rng).into()),
            status: if resumed {
                Status::Resumed
            } else {
                Status::NotResumed
            },
            headcount: Some(headcount),
            on_site: Some(on_site),
            filed: day(rng).into(),
            ..CompanyRecord::default()
        },
    }
}
