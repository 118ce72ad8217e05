use super::readings::{self, DayReadings, Reading};
use super::*;
use jiff::civil::date;

fn person(id: &str, returned: Option<Date>) -> Person {
    Person {
        id: id.into(),
        place: Place::Company("c1".into()),
        name: "欧阳明远".into(),
        phone: Some("13700001111".into()),
        from: Some("湖北".into()),
        left: Some(true),
        returned,
        route: Some("武汉-北京 G512次".into()),
        registered: Some(true),
        until: None,
    }
}

#[test]
fn observation_is_day_14_of_14_unless_set() {
    let mut p = person("p1", Some(date(2026, 12, 1)));
    assert_eq!(p.observe_until(), Some(date(2026, 12, 14)));
    assert!(p.observing(date(2026, 12, 14)) && !p.observing(date(2026, 12, 15)));
    assert!(!p.observing(date(2026, 11, 30)));
    p.until = Some(date(2026, 12, 20));
    assert!(p.observing(date(2026, 12, 18)));
    let staff = person("p2", None);
    assert!(staff.observe_until().is_none() && !staff.observing(date(2026, 12, 1)));
}

#[test]
fn the_file_reads_back_and_a_bad_line_is_located() {
    let people = vec![person("p2", Some(date(2026, 12, 1))), {
        let mut p = person("p10", None);
        p.place = Place::Unit("1502".into());
        p.name = "a \"quoted\"\nname".into();
        p
    }];
    let text = encode(&people);
    let back = parse(&text).unwrap();
    assert_eq!(back, people);
    let problems = parse(
        "p1 = { name = \"x\", unit = \"1\" }\np2 = { name = \"y\", unit = \"1\", shoe = 3 }\n",
    )
    .unwrap_err();
    assert_eq!((problems.len(), problems[0].line), (1, 2));
    assert!(parse("p1 = { unit = \"1\" }").is_err(), "a name is needed");
}

#[test]
fn masked_unless_revealed() {
    let p = person("p1", None);
    let m = outgoing(&p, Reveal::Masked);
    assert_eq!(&*m.name, "欧***");
    assert_eq!(m.phone.as_deref(), Some("137****1111"));
    assert_eq!(m.route.as_deref(), Some(HIDDEN));
    assert_eq!(outgoing(&p, Reveal::Shown), p);
}

#[test]
fn a_company_counts_its_people() {
    let day = date(2026, 12, 7);
    let people = vec![
        person("p1", Some(date(2026, 12, 4))),
        person("p2", Some(day)),
        person("p3", None),
    ];
    assert_eq!(
        company_counts(&people, "c1", day),
        Some((2, 2, Some(date(2026, 12, 20))))
    );
    assert_eq!(company_counts(&people, "c2", day), None);
}

#[test]
fn temperatures_are_bounded_and_the_latest_counts() {
    assert_eq!(readings::parse_temp("36.8"), Ok(368));
    assert_eq!(readings::parse_temp("３５"), Ok(350));
    assert_eq!(readings::parse_temp("42.0"), Ok(420));
    assert!(readings::parse_temp("45").is_err());
    assert!(readings::parse_temp("34.9").is_err());
    assert!(readings::parse_temp("hot").is_err());
    let mut d = DayReadings::default();
    let at = |h, m| jiff::civil::time(h, m, 0, 0);
    d.add(
        "haigang",
        "p1",
        Reading {
            tenths: 376,
            at: at(9, 0),
            by: "王".into(),
        },
    );
    d.add(
        "haigang",
        "p1",
        Reading {
            tenths: 365,
            at: at(8, 0),
            by: "王".into(),
        },
    );
    assert_eq!(d.latest("haigang", "p1").map(|r| r.tenths), Some(376));
    let back = readings::parse(&readings::encode(&d)).unwrap();
    assert_eq!(back, d);
    assert_eq!(d.remove("haigang", "p1"), 2);
    assert!(d.is_empty());
}

#[test]
fn retention_counts_from_the_end_of_observation() {
    let today = date(2026, 12, 7);
    let people = vec![
        person("p1", Some(date(2026, 10, 28))),
        person("p2", Some(date(2026, 12, 5))),
        person("p3", None),
    ];
    assert_eq!(expired(&people, 0, today), vec![SmallStr::from("p1")]);
    assert!(expired(&people, 30, today).is_empty());
}

#[test]
fn the_district_demo_has_its_people_and_a_month_of_readings() {
    let towers: Vec<(String, String)> = (1..=3)
        .map(|n| {
            let (id, text) = crate::synth::nth(7, n, 10, 6);
            (format!("{id}.toml"), text)
        })
        .collect();
    let mut towers = towers;
    crate::synth_seed::seed_district(&mut towers, 7);
    let today = date(2026, 12, 7);
    let files = demo::files(&towers, 7, today);
    let people: usize = files
        .iter()
        .filter(|(n, _)| n.starts_with("people/"))
        .map(|(_, t)| parse(t).unwrap().len())
        .sum();
    assert_eq!(people, demo::PEOPLE);
    let days = files
        .iter()
        .filter(|(n, _)| n.starts_with("readings/"))
        .count();
    assert!(days >= 29, "{days}");
    for (_, t) in files.iter().filter(|(n, _)| n.starts_with("readings/")) {
        readings::parse(t).unwrap();
    }
    assert_eq!(demo::files(&towers, 7, today), files, "deterministic");
}

/// A company's line holds the counts its people had when last saved; the day after an
/// observation ends, report and stats count it ended all the same.
#[test]
fn a_company_line_written_days_ago_never_counts_a_stale_observation() {
    let text = "name = \"T\"\nfloors = 1\nunits-per-floor = 2\n\n[units]\n\
                101 = { status = \"resumed\" }\n102 = { status = \"resumed\" }\n\n[companies]\n\
                c1 = { name = \"甲\", units = [\"101\"], status = \"resumed\", returned = 2, observing = 2, observe-until = 2026-12-14 }\n\
                c2 = { name = \"乙\", units = [\"102\"], status = \"resumed\", returned = 1, observing = 1, observe-until = 2026-12-14 }\n";
    let b = crate::codec::parse("t", text.as_bytes()).unwrap();
    // c1's people: one ends on the 14th, one on the 20th; c2 has none (its filing counts)
    let mut late = person("p2", Some(date(2026, 12, 7)));
    late.place = Place::Company("c1".into());
    let people = vec![person("p1", Some(date(2026, 12, 1))), late];
    let (last, after) = (date(2026, 12, 14), date(2026, 12, 15));
    assert_eq!(figures::companies_observing(&b, &people, last), (3, 1));
    assert_eq!(figures::companies_observing(&b, &people, after), (1, 0));
    let stats = |day| crate::company::Figures::of(&crate::company::all(&b), day).observing;
    assert_eq!((stats(last), stats(after)), (3, 0));
}

#[test]
fn a_name_is_bounded_and_an_observation_never_ends_before_the_return() {
    let today = date(2026, 12, 7);
    let mut p = person("p1", Some(date(2026, 12, 4)));
    assert!(
        PersonField::Name
            .apply(&mut p, &"名".repeat(NAME_MOST), today)
            .is_ok()
    );
    let long = "名".repeat(NAME_MOST + 1);
    let e = PersonField::Name.apply(&mut p, &long, today).unwrap_err();
    assert!(e.en.contains("64") && e.zh.contains("64"), "{e:?}");
    assert_eq!(p.name.chars().count(), NAME_MOST, "the name kept as it was");
    assert!(consistent(&p).is_ok());
    p.until = Some(date(2026, 12, 4));
    assert!(
        consistent(&p).is_ok(),
        "the day of return itself is allowed"
    );
    p.until = Some(date(2026, 12, 3));
    assert!(
        consistent(&p)
            .unwrap_err()
            .en
            .contains("before the return date")
    );
}
