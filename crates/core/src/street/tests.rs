use super::*;

fn street() -> Street {
    parse(&format!(
        "{}zhong = \"中铁建楼宇工作站\"\nlu = \"鲁谷西楼宇工作站\"\n",
        encode_new("鲁谷街道")
    ))
    .unwrap()
}

fn sub(station: &str, at: &str, zero: bool, isolating: u64) -> Submission {
    let text = format!(
        "station = \"{station}\"\ndate = \"2026-12-05\"\nat = \"{at}\"\nrevision = 1\nzero = {zero}\nunread = 0\nescalations = 2\n[total]\nunits = 10\nisolating = {isolating}\n[changes]\n[follow_ups]\n[companies]\ntotal = 4\nresumed = 1\n[questions]\n"
    );
    Submission::parse(&text).unwrap()
}

fn at(h: i8, m: i8) -> DateTime {
    jiff::civil::date(2026, 12, 5).at(h, m, 0, 0)
}

#[test]
fn a_street_reads_its_stations_and_deadline() {
    let s = street();
    assert_eq!(s.name, "鲁谷街道");
    assert_eq!(s.deadline, DEADLINE);
    assert_eq!(
        s.stations[0],
        ("lu".to_string(), "鲁谷西楼宇工作站".to_string())
    );
    assert!(parse("deadline = \"25:00\"").is_err());
}

#[test]
fn a_street_file_that_does_not_read_says_where() {
    let en = |r: Result<Street, Text>| r.unwrap_err().en;
    let e = en(parse("name = \"x\"\ndeadline = \"25:00\"\n"));
    assert!(e.starts_with("street.toml:2:12: deadline \"25:00\""), "{e}");
    let e = en(parse("name = \"x\"\n[stations]\nlu = \n"));
    assert!(e.starts_with("street.toml:3:"), "{e}");
    let e = en(parse("[stations]\nlu = \"a\"\nlu = \"b\"\n"));
    assert!(e.starts_with("street.toml:3:"), "{e}");
    assert!(e.contains("already listed above"), "{e}");
    // a byte-order mark is read past
    let s = parse("\u{FEFF}name = \"x\"\n[stations]\nlu = \"a\"\n").unwrap();
    assert_eq!(s.stations.len(), 1);
    // an id names folders: a path or an escape sequence is refused, and shown safely
    for bad in ["\"../x\"", "\"a/b\"", "\"a\\u001b[31m\"", "\"\"", "\"a.b\""] {
        let e = en(parse(&format!(
            "[stations]\nok = \"fine\"\n{bad} = \"x\"\n"
        )));
        assert!(e.starts_with("street.toml:3:1: `"), "{bad}: {e}");
        assert!(
            e.contains("is not a station id") && !e.contains('\u{1b}'),
            "{e}"
        );
    }
}

#[test]
fn submitted_late_and_missing_are_told_apart_and_missing_counts_nowhere() {
    let s = street();
    let subs: BTreeMap<String, Submission> =
        [("zhong".to_string(), sub("zhong", "17:40", false, 3))].into();
    let (rows, overdue) = status(&s, &subs, jiff::civil::date(2026, 12, 5), at(17, 59));
    assert_eq!(
        (rows[0].state, rows[1].state, overdue),
        (State::Missing, State::Submitted, false)
    );
    let (_, overdue) = status(&s, &subs, jiff::civil::date(2026, 12, 5), at(18, 0));
    assert!(overdue, "missing at the deadline");
    let late = Street {
        deadline: Time::constant(17, 0, 0, 0),
        ..s.clone()
    };
    assert_eq!(
        status(&late, &subs, jiff::civil::date(2026, 12, 5), at(19, 0)).0[1].state,
        State::Late
    );
    let t = totals(&rows);
    assert_eq!(
        (
            t.submitted,
            t.missing.clone(),
            t.figures.total.get(crate::status::Status::Isolating)
        ),
        (1, vec!["lu".to_string()], 3)
    );
    let zh = text(&s, jiff::civil::date(2026, 12, 5), &rows, &t, Lang::Zh);
    assert!(
        zh.contains("应报 2 个，已报 1 个") && zh.contains("鲁谷西楼宇工作站：未报（未计入合计）"),
        "{zh}"
    );
    assert!(zh.contains("复工率 25.0%"), "{zh}");
}

#[test]
fn a_submission_reads_back_what_it_wrote() {
    let s = sub("zhong", "18:02", true, 0);
    assert_eq!(Submission::parse(&s.encode()).unwrap(), s);
}

#[test]
fn a_submissions_time_is_a_time_or_the_file_does_not_read() {
    let good = sub("s1", "17:05", false, 0).encode();
    let hostile = good.replace("at = \"17:05\"", "at = \"17:05:\\u001b[31mred\"");
    assert_ne!(good, hostile, "the fixture wrote the time as expected");
    let read = Submission::parse(&hostile).expect("a time with a tail still reads");
    assert_eq!(read.at, "17:05", "shown only as the time it stands for");
    let bad = good.replace("at = \"17:05\"", "at = \"\\u001b[2Jsoon\"");
    let err = Submission::parse(&bad)
        .unwrap_err()
        .render(crate::i18n::Lang::En);
    let line = bad.lines().position(|l| l.starts_with("at =")).unwrap() + 1;
    assert!(err.starts_with(&format!("{line}:1: ")), "{err}");
    assert!(
        err.contains("is not a time") && !err.contains('\u{1b}'),
        "{err}"
    );
    // a file that is not TOML says where
    let broken = good.replace("revision = 1", "revision = ");
    let line = broken
        .lines()
        .position(|l| l.starts_with("revision"))
        .unwrap()
        + 1;
    let err = Submission::parse(&broken).unwrap_err();
    assert_eq!(err.line, line, "{err}");
}

#[test]
fn a_deadline_is_a_time_in_either_form_and_nothing_else() {
    let deadline = |v: &str| parse(&format!("name = \"x\"\ndeadline = {v}\n")).map(|s| s.deadline);
    assert_eq!(deadline("\"20:00\""), Ok(Time::constant(20, 0, 0, 0)));
    assert_eq!(deadline("20:00:00"), Ok(Time::constant(20, 0, 0, 0)));
    assert_eq!(deadline("19:30:15"), Ok(Time::constant(19, 30, 15, 0)));
    for bad in [
        "20",
        "\"8pm\"",
        "2026-12-07T20:00:00",
        "2026-12-07",
        "true",
        "[1]",
    ] {
        let e = deadline(bad).unwrap_err().en;
        assert!(e.starts_with("street.toml:2:12: deadline "), "{bad}: {e}");
    }
}

#[test]
fn wrong_types_are_refused_where_they_stand() {
    let en = |t: &str| parse(t).unwrap_err().en;
    let e = en("name = \"x\"\nstations = \"a\"\n");
    assert!(
        e.starts_with("street.toml:2:12: `stations` should be a table"),
        "{e}"
    );
    let e = en("name = 3\n");
    assert!(e.starts_with("street.toml:1:8: `name`"), "{e}");
    let e = en("[stations]\nlu = 3\n");
    assert!(e.starts_with("street.toml:2:6: station lu"), "{e}");
    let e = en("timezone = \"../../etc/passwd\"\n");
    assert!(e.starts_with("street.toml:1:12: `timezone`"), "{e}");
}

#[test]
fn the_time_zone_is_beijing_unless_the_street_says() {
    assert_eq!(parse("name = \"x\"\n").unwrap().timezone, TIMEZONE);
    assert_eq!(parse("timezone = \"UTC\"\n").unwrap().timezone, "UTC");
}

#[test]
fn a_report_is_its_stations_of_its_day_with_figures_that_can_be_true() {
    let day = jiff::civil::date(2026, 12, 5);
    let ok = sub("zhong", "17:05", false, 3);
    assert_eq!(ok.check("zhong", day), Ok(()));
    let e = ok.check("lu", day).unwrap_err().en;
    assert!(
        e.contains("says station zhong") && e.contains("lu's file"),
        "{e}"
    );
    assert!(ok.check("zhong", day.tomorrow().unwrap()).is_err());
    let mut forged = ok.clone();
    forged.figures.total.by_status[crate::status::Status::Isolating.index()] =
        9_223_372_036_854_775_807;
    let e = forged.check("zhong", day).unwrap_err().en;
    assert!(
        e.starts_with("total.isolating = 9223372036854775807 is more than"),
        "{e}"
    );
    let mut rate = ok.clone();
    rate.figures.companies.resumed = 200;
    assert!(
        rate.check("zhong", day)
            .unwrap_err()
            .en
            .starts_with("companies.resumed")
    );
    let mut huge = ok.clone();
    huge.figures.total.units = MAX_UNITS as usize + 1;
    assert!(huge.check("zhong", day).is_err());
}

#[test]
fn sums_never_wrap_and_no_rate_passes_a_hundred() {
    let mut f = crate::figures::Figures::default();
    f.companies.employees = u64::MAX;
    let mut five = crate::figures::Figures::default();
    five.companies.employees = 5;
    f.add(&five);
    assert_eq!(f.companies.employees, u64::MAX);
    assert_eq!(percent(50, 1), "100.0%");
}

#[test]
fn a_report_its_key_did_not_sign_is_shown_and_never_counted() {
    let s = street();
    let mut forged = sub("zhong", "17:00", true, 0);
    forged.proof.verified = Some(false);
    let subs: BTreeMap<String, Submission> = [
        ("zhong".to_string(), forged),
        ("lu".to_string(), sub("lu", "17:10", false, 3)),
    ]
    .into();
    let day = jiff::civil::date(2026, 12, 5);
    let (rows, overdue) = status(&s, &subs, day, at(19, 0));
    assert_eq!(rows[1].state, State::Unverified);
    assert!(overdue, "an unverified report is no report at the deadline");
    let t = totals(&rows);
    assert_eq!((t.submitted, t.zero), (1, 0));
    assert_eq!(t.unverified, ["zhong"]);
    let text = text(&s, day, &rows, &t, Lang::En);
    assert!(text.contains("unverified (not signed"), "{text}");
}

#[test]
fn the_received_time_decides_late_and_the_files_time_is_only_claimed() {
    let s = street();
    let day = jiff::civil::date(2026, 12, 5);
    let next_morning = jiff::civil::date(2026, 12, 6).at(9, 0, 0, 0);
    let r = sub("lu", "17:10", false, 3).proven(2, Some((next_morning, Receipt::Remote)));
    assert_eq!((r.at.as_str(), r.revision), ("09:00", 2));
    assert_eq!(r.proof.claimed.as_deref(), Some("17:10"));
    assert!(r.late(day, s.deadline), "received the next morning is late");
    let on_time = sub("lu", "19:10", false, 3).proven(1, Some((at(17, 0), Receipt::Fetched)));
    assert!(
        !on_time.late(day, s.deadline),
        "a claimed 19:10 received at 17:00"
    );
    let subs: BTreeMap<String, Submission> = [("lu".to_string(), r)].into();
    assert_eq!(status(&s, &subs, day, at(19, 0)).0[0].state, State::Late);
}

#[test]
fn the_street_sees_each_stations_escalations_by_kind_units_masked() {
    use crate::escalate::Reason;
    let s = street();
    let one = |building: &str, units: &[(Reason, &str)]| BuildingEscalations {
        building: building.into(),
        name: format!("{building}座"),
        units: units
            .iter()
            .map(|(k, u)| (k.key().to_string(), vec![crate::privacy::mask_unit(u)]))
            .collect(),
    };
    let mut zhong = sub("zhong", "17:40", false, 3);
    zhong.escalated = vec![
        one(
            "a",
            &[(Reason::NotReached, "2505"), (Reason::Symptoms, "2505")],
        ),
        one("b", &[(Reason::Overdue, "301")]),
    ];
    zhong.escalations = 3;
    let back = Submission::parse(&zhong.encode()).unwrap();
    assert_eq!(back, zhong, "{}", zhong.encode());
    let mut lu = sub("lu", "17:50", false, 1);
    lu.escalated = vec![one("c", &[(Reason::Overdue, "1203")])];
    let subs: BTreeMap<String, Submission> =
        [("zhong".to_string(), back), ("lu".to_string(), lu)].into();
    let (rows, _) = status(&s, &subs, jiff::civil::date(2026, 12, 5), at(17, 59));
    let t = totals(&rows);
    assert_eq!(t.escalated.len(), 4);
    let zh = text(&s, jiff::civil::date(2026, 12, 5), &rows, &t, Lang::Zh);
    // one unit once, under its gravest kind; kinds gravest first; the door masked
    assert!(
        zh.contains("· 有症状 1 户：中铁建楼宇工作站 a座 25**\n"),
        "{zh}"
    );
    assert!(!zh.contains("今日未联系上"), "{zh}");
    assert!(
        zh.contains("· 隔离已超期 2 户：鲁谷西楼宇工作站 c座 12**、中铁建楼宇工作站 b座 3**"),
        "{zh}"
    );
    assert!(!zh.contains("2505") && !zh.contains("1203"), "{zh}");
    // more escalated than the report counts: refused
    let mut forged = sub("zhong", "17:40", false, 3);
    forged.escalations = 0;
    forged.escalated = vec![one("a", &[(Reason::Overdue, "2505")])];
    assert!(
        forged
            .check("zhong", jiff::civil::date(2026, 12, 5))
            .is_err()
    );
    let mut unknown = sub("zhong", "17:40", false, 3);
    unknown.escalated = vec![one("a", &[(Reason::Overdue, "2505")])];
    let units = std::mem::take(&mut unknown.escalated[0].units);
    unknown.escalated[0].units = units.into_values().map(|v| ("fire".into(), v)).collect();
    assert!(
        unknown
            .check("zhong", jiff::civil::date(2026, 12, 5))
            .is_err()
    );
}

#[test]
fn a_unit_is_masked_to_its_floor() {
    use crate::privacy::mask_unit;
    assert_eq!(mask_unit("2505"), "25**");
    assert_eq!(mask_unit("A-301"), "A-3**");
    assert_eq!(mask_unit("12"), "**");
    assert_eq!(mask_unit("一单元"), "一**");
    assert_eq!(mask_unit(""), "");
}

#[test]
fn returnees_and_inspections_go_up_and_add_up() {
    let with = |station: &str| {
        let text = format!(
            "station = \"{station}\"\ndate = \"2026-12-05\"\nat = \"17:00\"\nrevision = 1\nzero = false\nunread = 0\nescalations = 1\n[total]\nunits = 10\n[changes]\n[follow_ups]\n[companies]\n[questions]\n[returnees]\nreturned = 3\nobserving = 2\nreadings_due = 2\nreadings_missing = 1\nfever = 1\n[inspection]\ndue = 4\ndone = 3\n"
        );
        Submission::parse(&text).unwrap()
    };
    // a report from before returnees existed reads as none
    assert_eq!(
        sub("old", "17:00", false, 0).figures.returnees,
        Default::default()
    );
    let s = street();
    let subs: BTreeMap<String, Submission> = [
        ("zhong".to_string(), with("zhong")),
        ("lu".to_string(), with("lu")),
    ]
    .into();
    let (rows, _) = status(&s, &subs, jiff::civil::date(2026, 12, 5), at(19, 0));
    let t = totals(&rows);
    assert_eq!(t.figures.returnees.fever, 2);
    assert_eq!(t.figures.inspection.done, 6);
    let said = text(&s, jiff::civil::date(2026, 12, 5), &rows, &t, Lang::Zh);
    assert!(
        said.contains("返京 6 人") && said.contains("网点摸排 6/8"),
        "{said}"
    );
    let back = Submission::parse(&with("lu").encode()).unwrap();
    assert_eq!(back.figures.returnees.returned, 3);
}

/// The report file as loupan wrote it before its figures were typed (a demo station's, cut short):
/// read and written again, byte for byte.
const BEFORE_TYPED: &str = include_str!("report_before_typed.toml");

#[test]
fn a_report_file_from_before_the_typed_figures_reads_and_writes_the_same_bytes() {
    let s = Submission::parse(BEFORE_TYPED).unwrap();
    assert_eq!(s.encode(), BEFORE_TYPED);
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    let f = &s.figures;
    assert_eq!(
        (
            f.total.units,
            f.total.get(crate::status::Status::Isolating),
            f.changes.isolating_new,
            f.companies.on_site,
            f.follow_ups.due
        ),
        (6575, 37, 37, 5398, 37)
    );
    assert_eq!(s.check("s01", s.date), Ok(()));
}

#[test]
fn keys_this_loupan_does_not_know_are_read_past_and_named_never_counted() {
    let newer = BEFORE_TYPED
        .replace("[changes]\n", "[changes]\nisolating_moved = 4\n")
        .replace("unread = 0\n", "unread = 0\nsigned_by = \"x\"\n");
    let s = Submission::parse(&newer).unwrap();
    assert_eq!(s.ignored, ["changes.isolating_moved", "signed_by"]);
    assert_eq!(s.check("s01", s.date), Ok(()));
    // written again, only what this loupan knows
    assert_eq!(s.encode(), BEFORE_TYPED);
    // a known count that is not a whole number is refused where it stands
    let bad = BEFORE_TYPED.replace("isolating_new = 37", "isolating_new = -3");
    let e = Submission::parse(&bad).unwrap_err();
    let line = bad
        .lines()
        .position(|l| l.starts_with("isolating_new"))
        .unwrap()
        + 1;
    assert_eq!(e.line, line, "{e}");
    let bad = BEFORE_TYPED.replace("units = 6575", "units = \"many\"");
    assert!(Submission::parse(&bad).is_err());
}
