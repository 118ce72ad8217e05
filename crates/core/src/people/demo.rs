//! The district preset's returnees (docs/spec.md §14): some 2,000 people over its towers —
//! staff of its companies and members of its households — returned over the last month, and a
//! month of daily temperature readings. Deterministic: the same towers, seed and day, the same
//! bytes. Pure: the store writes the files into the private store.

use super::readings::{self, DayReadings, Reading};
use super::{Person, Place};
use crate::synth::{Rng, SURNAMES};
use crate::text::SmallStr;
use jiff::ToSpan;
use jiff::civil::{Date, Time};

/// People over the district.
pub const PEOPLE: usize = 2000;
/// Days of readings, ending today.
pub const DAYS: i64 = 30;

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超",
];
const FROM: &[&str] = &[
    "湖北", "河南", "四川", "安徽", "湖南", "河北", "山东", "江西",
];

/// The private store's files for the towers (`(file name, text)` as the demo writes them):
/// `people/<id>.toml` per tower and `readings/<day>.toml` per day, paths relative to `.private/`.
pub fn files(towers: &[(String, String)], seed: u64, today: Date) -> Vec<(String, String)> {
    let mut rng = Rng(seed ^ 0x7e4a_11e5);
    let mut out = Vec::new();
    let mut all: Vec<(String, Vec<Person>)> = Vec::new();
    let towers: Vec<&(String, String)> = towers
        .iter()
        .filter(|(name, _)| {
            name.ends_with(".toml") && !name.contains('/') && !name.starts_with('.')
        })
        .collect();
    let n = towers.len().max(1);
    for (k, (name, text)) in towers.iter().enumerate() {
        let id = name.trim_end_matches(".toml");
        let Ok(b) = crate::codec::parse(id, text.as_bytes()) else {
            continue;
        };
        let count = PEOPLE / n + usize::from(k < PEOPLE % n);
        let people = tower(&b, count, &mut rng, today);
        out.push((format!("people/{id}.toml"), super::encode(&people)));
        all.push((id.to_string(), people));
    }
    for back in 0..DAYS {
        let Ok(day) = today.checked_sub(back.days()) else {
            continue;
        };
        let d = day_readings(&all, day, &mut rng);
        if !d.is_empty() {
            out.push((format!("readings/{day}.toml"), readings::encode(&d)));
        }
    }
    out
}

fn tower(b: &crate::model::Building, count: usize, rng: &mut Rng, today: Date) -> Vec<Person> {
    let homes: Vec<SmallStr> = b
        .units
        .iter()
        .filter(|u| {
            matches!(
                u.record.status,
                crate::status::Status::Healthy | crate::status::Status::Isolating
            )
        })
        .map(|u| u.label.clone())
        .collect();
    (1..=count)
        .map(|i| {
            let place = if !b.companies.is_empty() && (homes.is_empty() || !rng.chance(15)) {
                Place::Company(b.companies[rng.below(b.companies.len())].id.clone())
            } else if !homes.is_empty() {
                Place::Unit(homes[rng.below(homes.len())].clone())
            } else {
                Place::Unit(
                    b.units
                        .first()
                        .map(|u| u.label.clone())
                        .unwrap_or_else(|| SmallStr::from("")),
                )
            };
            let back = rng.below(DAYS as usize + 15) as i64;
            let returned = (back < DAYS)
                .then(|| today.checked_sub(back.days()).ok())
                .flatten();
            Person {
                id: format!("p{i}").as_str().into(),
                place,
                name: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
                    .as_str()
                    .into(),
                phone: Some(format!("13{:09}", rng.below(1_000_000_000)).as_str().into()),
                from: Some(rng.pick(FROM).into()),
                left: Some(returned.is_some()),
                returned,
                route: returned.map(|_| SmallStr::from("外地-北京")),
                registered: Some(rng.chance(90)),
                until: None,
            }
        })
        .collect()
}

fn day_readings(all: &[(String, Vec<Person>)], day: Date, rng: &mut Rng) -> DayReadings {
    let mut d = DayReadings::default();
    for (id, people) in all {
        for p in people.iter().filter(|p| p.observing(day)) {
            if !rng.chance(95) {
                continue;
            }
            let tenths = if rng.chance(1) {
                373 + rng.below(15) as u16
            } else {
                360 + rng.below(12) as u16
            };
            let at =
                Time::new(7 + rng.below(3) as i8, rng.below(60) as i8, 0, 0).unwrap_or_default();
            d.add(
                id,
                &p.id,
                Reading {
                    tenths,
                    at,
                    by: "demo".into(),
                },
            );
        }
    }
    d
}
