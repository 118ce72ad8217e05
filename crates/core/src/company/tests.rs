use super::*;

fn with_check(body: &str) -> String {
    with_check_character(body).unwrap()
}

#[test]
fn credit_codes_are_checked_by_their_last_character() {
    // a published code (国家税务总局's own example form)
    assert!(credit_code_ok("91350100M000100Y43"));
    let good = with_check("91110108MA01ABCDE");
    assert!(credit_code_ok(&good));
    let bad = format!(
        "{}{}",
        &good[..17],
        if good.ends_with('0') { '1' } else { '0' }
    );
    assert!(!credit_code_ok(&bad));
    assert!(!credit_code_ok("123"));
    assert!(
        !credit_code_ok("91110108MA01ABCDEI"),
        "I is not a code character"
    );
}

#[test]
fn a_filing_is_checked_field_by_field() {
    let r = CompanyRecord {
        status: Status::Resumed,
        headcount: Some(30),
        on_site: Some(31),
        returned: Some(2),
        observing: Some(3),
        cap: Some(120),
        ..CompanyRecord::default()
    };
    let fields: Vec<CompanyField> = check(&r).into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        fields,
        [
            CompanyField::OnSite,
            CompanyField::Observing,
            CompanyField::Cap
        ]
    );
    let household = CompanyRecord {
        status: Status::Healthy,
        ..CompanyRecord::default()
    };
    assert_eq!(check(&household)[0].0, CompanyField::Status);
}

#[test]
fn a_unit_is_green_only_when_every_company_in_it_has_resumed() {
    let co = |id: &str, unit: &str, s: Status| Company {
        id: id.into(),
        units: vec![unit.into()],
        record: CompanyRecord {
            status: s,
            ..CompanyRecord::default()
        },
    };
    let all = [
        co("c1", "601", Status::Resumed),
        co("c2", "601", Status::NotResumed),
        co("c3", "602", Status::Resumed),
    ];
    assert_eq!(
        unit_status(Status::Unknown, "601", &all),
        Status::NotResumed
    );
    assert_eq!(unit_status(Status::Unknown, "602", &all), Status::Resumed);
    assert_eq!(unit_status(Status::Healthy, "603", &all), Status::Healthy);
    assert_eq!(next_id(&all), "c4");
}

/// Issue 32: the colour rule is applied when a file is read — a unit line that says resumed
/// while a company in it has not is read as not resumed.
#[test]
fn a_file_is_read_with_each_units_colour_from_its_companies() {
    let text = "name = \"T\"\nfloors = 1\nunits-per-floor = 2\n\n[units]\n\
                101 = { status = \"resumed\" }\n102 = { status = \"healthy\" }\n\n[companies]\n\
                c1 = { name = \"甲\", units = [\"101\"], status = \"not-resumed\" }\n";
    let b = crate::codec::parse("t", text.as_bytes()).unwrap();
    assert_eq!(b.units[0].record.status, Status::NotResumed);
    assert_eq!(b.units[1].record.status, Status::Healthy);
}

/// Reading a building decides each unit's colour in one pass over its companies: the same
/// answer as the rule asked unit by unit, for units shared, alone, and empty of companies.
#[test]
fn a_buildings_colours_are_the_rule_unit_by_unit() {
    let text = crate::codec::new_building_text("t", 6, 4);
    let mut b = crate::codec::parse("t", text.as_bytes()).unwrap();
    let labels: Vec<SmallStr> = b.units.iter().map(|u| u.label.clone()).collect();
    for (i, u) in b.units.iter_mut().enumerate() {
        u.record.status = Status::ALL[i % 6];
    }
    b.companies = (0..30)
        .map(|i| Company {
            id: format!("c{i}").as_str().into(),
            units: vec![labels[i * 7 % 24].clone(), labels[i * 5 % 24].clone()],
            record: CompanyRecord {
                status: if i % 4 == 0 {
                    Status::NotResumed
                } else {
                    Status::Resumed
                },
                ..CompanyRecord::default()
            },
        })
        .collect();
    let want: Vec<Status> = b
        .units
        .iter()
        .map(|u| unit_status(u.record.status, &u.label, &b.companies))
        .collect();
    derive_units(&mut b);
    let got: Vec<Status> = b.units.iter().map(|u| u.record.status).collect();
    assert_eq!(got, want);
    assert!(got.contains(&Status::Resumed) && got.contains(&Status::NotResumed));
}

#[test]
fn figures_are_bounded_at_a_hundred_thousand() {
    let r = |headcount: u32, on_site: u32| CompanyRecord {
        status: Status::Resumed,
        headcount: Some(headcount),
        on_site: Some(on_site),
        ..CompanyRecord::default()
    };
    assert!(check(&r(MAX_PEOPLE, MAX_PEOPLE)).is_empty());
    let fields: Vec<CompanyField> = check(&r(1_000_000_000, 10))
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, vec![CompanyField::Headcount]);
    let fields: Vec<CompanyField> = check(&r(5, MAX_PEOPLE + 1))
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, vec![CompanyField::OnSite, CompanyField::OnSite]);
}
