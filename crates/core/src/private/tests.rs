use super::retention::{Retention, journal_note_expired, purge};
use super::*;
use crate::codec;

const FILE: &str = r#"name = "测试大厦"
floors = 2
units-per-floor = 2

[units]
201 = { status = "healthy", name = "杨家", contact = "13855550210", note = "发烧\n三天", since = 2026-10-01, until = 2026-10-15 }
202 = { status = "vacant", name = "李家", contact = "13966660303" }
101 = { status = "resumed", name = "星河科技", people = 12, contact = "王经理" }
102 = { status = "unknown" }

[companies]
c1 = { name = "海风商贸", units = ["101"], status = "resumed", contact = "张 13800000000", note = "按时" }
"#;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn building() -> Building {
    codec::parse("t", FILE.as_bytes()).unwrap()
}

#[test]
fn a_building_splits_into_no_personal_value_and_joins_back_whole() {
    let b = building();
    let (shared, p) = split(&b, &Private::default(), day("2026-12-05"));
    assert!(!holds_personal(&shared));
    let u = |b: &Building, l: &str| b.units[b.find(l).unwrap()].record.clone();
    assert_eq!(u(&shared, "201").name, None);
    assert_eq!(
        u(&shared, "201").since,
        u(&b, "201").since,
        "dates stay shared"
    );
    // a company's name is not personal; its contact is
    assert_eq!(u(&shared, "101").name.as_deref(), Some("星河科技"));
    assert_eq!(u(&shared, "101").contact, None);
    assert_eq!(shared.companies[0].record.name.as_deref(), Some("海风商贸"));
    assert_eq!(shared.companies[0].record.contact, None);
    assert_eq!(p.units.len(), 3);
    assert_eq!(p.units["202"].vacant_since, Some(day("2026-12-05")));
    let mut back = shared.clone();
    join(&mut back, &p);
    assert_eq!(back.units, b.units);
    assert_eq!(back.companies, b.companies);
}

#[test]
fn the_private_file_reads_back_what_it_wrote_and_keeps_a_vacancy_date() {
    let (_, p) = split(&building(), &Private::default(), day("2026-12-05"));
    let text = encode(&p);
    assert_eq!(text.lines().filter(|l| l.contains('=')).count(), 4);
    assert!(
        !text.contains("发烧\n"),
        "a line break stays escaped: {text}"
    );
    assert_eq!(parse(&text).unwrap(), p);
    // a second save keeps the first day of vacancy
    let (_, again) = split(&building(), &p, day("2026-12-20"));
    assert_eq!(again.units["202"].vacant_since, Some(day("2026-12-05")));
    assert_eq!(encode(&Private::default()), "");
}

#[test]
fn a_broken_or_unknown_line_is_told_at_its_place() {
    let e = parse("[units]\n201 = { name = \"a\" }\n202 = { status = \"healthy\" }\n").unwrap_err();
    assert_eq!((e[0].line, e[0].col), (3, 1));
    let e = parse("201 = { name = \"a\" }\n").unwrap_err();
    assert_eq!(e[0].line, 1);
    let e = parse("[units]\n  201 = { name = \n").unwrap_err();
    assert_eq!((e[0].line, e[0].col), (2, 3));
}

#[test]
fn retention_takes_an_ended_isolation_s_contact_and_note_and_a_moved_out_household() {
    let b = building();
    let (shared, p) = split(&b, &Private::default(), day("2026-11-01"));
    let r = Retention::default();
    // 2026-10-15 + 30 days = 11-14: kept through that day, gone after
    let (kept, n) = purge(&shared, &p, r, day("2026-11-14"));
    assert_eq!((kept.clone(), n.total()), (p.clone(), 0));
    let (after, n) = purge(&shared, &p, r, day("2026-11-15"));
    assert_eq!((n.contacts, n.notes, n.names), (1, 1, 0));
    assert_eq!(
        after.units["201"].values,
        vec![(Field::Name, "杨家".into())]
    );
    assert!(
        after.units.contains_key("202"),
        "vacant since 11-01: not yet"
    );
    let (after, n) = purge(&shared, &p, r, day("2026-12-02"));
    assert_eq!((n.names, n.contacts), (1, 2));
    assert!(!after.units.contains_key("202"));
    assert_eq!(
        after.units["101"], p.units["101"],
        "a company's contact stays"
    );
    assert_eq!(after.companies, p.companies);
    assert!(!journal_note_expired(
        day("2026-11-05"),
        r,
        day("2026-12-05")
    ));
    assert!(journal_note_expired(
        day("2026-11-04"),
        r,
        day("2026-12-05")
    ));
}

#[test]
fn an_isolation_still_running_keeps_everything() {
    let text = FILE.replace(
        "\"healthy\", name = \"杨家\"",
        "\"isolating\", name = \"杨家\"",
    );
    let b = codec::parse("t", text.as_bytes()).unwrap();
    let (shared, p) = split(&b, &Private::default(), day("2026-11-01"));
    let (_, n) = purge(&shared, &p, Retention::default(), day("2027-06-01"));
    assert_eq!(
        n.contacts + n.notes,
        1,
        "only the vacant unit's contact (and name) go"
    );
}

#[test]
fn scrubbing_leaves_no_personal_value_and_changes_nothing_else() {
    let (text, n) = scrub_text("t", FILE).unwrap();
    assert_eq!(n, 4, "201, 202, 101's contact, c1");
    for v in [
        "杨家",
        "13855550210",
        "发烧",
        "李家",
        "王经理",
        "张 13800000000",
        "按时",
    ] {
        assert!(!text.contains(v), "{v} in {text}");
    }
    let (b, s) = (building(), codec::parse("t", text.as_bytes()).unwrap());
    assert_eq!(
        s.units,
        split(&b, &Private::default(), day("2026-12-05")).0.units
    );
    assert!(text.contains("星河科技"), "a company's name stays");
    assert!(scrub_text("t", &text).is_none(), "nothing left to scrub");
    let day_text = "# a comment\na1 = { at = 2026-11-29T08:30:12, by = \"王芳\", building = \"t\", unit = \"201\", via = \"call\", outcome = \"well\", note = \"体温正常\" }\nbroken line\n";
    let (j, notes) = scrub_journal(day_text);
    assert_eq!(notes, vec![("a1".into(), "体温正常".into())]);
    assert!(!j.contains("体温") && j.contains("# a comment\n") && j.ends_with("broken line\n"));
}

#[test]
fn two_laptops_values_merge_by_unit_and_by_field() {
    let base = "[units]\n201 = { name = \"杨家\", contact = \"138\" }\n202 = { name = \"李家\" }\n";
    let ours = "[units]\n201 = { name = \"杨家\", contact = \"139\" }\n202 = { name = \"李家\" }\n";
    let theirs =
        "[units]\n201 = { name = \"杨氏\", contact = \"138\" }\n203 = { name = \"王家\" }\n";
    let (m, clashes) = merge::merge_file("t.toml", Some(base), Some(ours), Some(theirs));
    let m = parse(&m.unwrap()).unwrap();
    assert_eq!(clashes, 0);
    let v = |l: &str| m.units[l].values.clone();
    assert_eq!(
        v("201"),
        vec![(Field::Name, "杨氏".into()), (Field::Contact, "139".into())]
    );
    assert!(
        !m.units.contains_key("202"),
        "removed there, untouched here: removed"
    );
    assert_eq!(v("203"), vec![(Field::Name, "王家".into())]);
    // the same field both ways: ours, counted
    let (m, clashes) = merge::merge_file(
        "t.toml",
        Some(base),
        Some(ours),
        Some(&base.replace("138", "137")),
    );
    assert_eq!(clashes, 1);
    assert!(m.unwrap().contains("\"139\""));
}

#[test]
fn after_a_purge_elsewhere_only_what_changed_here_comes_back() {
    // base: what both had at the last sync; theirs: purged (201's contact gone); ours: a new
    // name typed for 202 since
    let base = "[units]\n201 = { name = \"杨家\", contact = \"138\" }\n202 = { name = \"李家\" }\n";
    let ours = "[units]\n201 = { name = \"杨家\", contact = \"138\" }\n202 = { name = \"李氏\" }\n";
    let theirs = "[units]\n201 = { name = \"杨家\" }\n202 = { name = \"李家\" }\n";
    let (m, _) = merge::merge_file("t.toml", Some(base), Some(ours), Some(theirs));
    let m = m.unwrap();
    assert!(!m.contains("138") && m.contains("李氏"), "{m}");
    let (notes, _) = merge::merge_file(
        "journal/2026-12-01.toml",
        Some("a = \"x\"\n"),
        Some("a = \"x\"\nb = \"y\"\n"),
        Some(""),
    );
    assert_eq!(notes.unwrap(), "b = \"y\"\n");
    let (audit, _) = merge::merge_file(
        "audit.log",
        None,
        Some("2\tb\n1\ta\n"),
        Some("1\ta\n3\tc\n"),
    );
    assert_eq!(audit.unwrap(), "1\ta\n2\tb\n3\tc\n");
}

#[test]
fn a_hand_written_line_reads_as_the_canonical_one() {
    let canonical = parse(
        "[units]\n201 = { name = \"杨\\n家\", contact = \"1\", vacant-since = 2026-11-01 }\n",
    )
    .unwrap();
    let by_hand =
        parse("[units]\n\"201\" = {contact=\"1\",name = \"杨\\n家\", vacant-since=2026-11-01}\n")
            .unwrap();
    assert_eq!(canonical, by_hand);
    assert_eq!(
        canonical.units["201"].values[0],
        (Field::Name, "杨\n家".into())
    );
}

/// A household's record: isolating or not, without dates (as Today's `e` leaves it).
fn household(status: Status) -> Record {
    Record {
        status,
        name: Some("吴家".into()),
        contact: Some("13812345678".into()),
        note: Some("独居老人".into()),
        ..Record::default()
    }
}

fn one_unit(status: Status) -> Building {
    let text = format!(
        "name = \"t\"\nfloors = 1\nunits-per-floor = 1\n\n[units]\n101 = {{ status = \"{}\" }}\n",
        status.key()
    );
    codec::parse("t", text.as_bytes()).unwrap()
}

#[test]
fn an_isolation_ended_without_dates_counts_from_the_day_it_ended() {
    let mut p = Private::default();
    set_unit(
        &mut p,
        "101",
        &household(Status::Isolating),
        day("2026-10-01"),
    );
    assert_eq!(p.units["101"].isolation, Isolation::Open);
    // Today's `e`: healthy, since and until cleared
    let ended = day("2026-11-01");
    set_unit_from(
        &mut p,
        "101",
        Status::Isolating,
        &household(Status::Healthy),
        ended,
    );
    assert_eq!(p.units["101"].isolation, Isolation::Ended(ended));
    // a later save keeps the day it ended
    set_unit(
        &mut p,
        "101",
        &household(Status::Healthy),
        day("2026-11-20"),
    );
    assert_eq!(p.units["101"].isolation, Isolation::Ended(ended));
    let (b, r) = (one_unit(Status::Healthy), Retention::default());
    let (_, n) = purge(&b, &p, r, day("2026-12-01"));
    assert_eq!(n.total(), 0, "kept through the 30th day");
    let (after, n) = purge(&b, &p, r, day("2026-12-02"));
    assert_eq!((n.names, n.contacts, n.notes), (0, 1, 1));
    assert_eq!(
        after.units["101"].values,
        vec![(Field::Name, "吴家".into())]
    );
    // the file keeps both marks, canonical and hand-written
    let text = encode(&p);
    assert!(text.contains("isolation-ended = 2026-11-01"), "{text}");
    assert_eq!(parse(&text).unwrap(), p);
    let by_hand = "[units]\n101 = {isolating=true, name=\"吴家\"}\n";
    assert_eq!(
        parse(by_hand).unwrap().units["101"].isolation,
        Isolation::Open
    );
    assert!(parse("[units]\n101 = { name = \"a\", isolating = false }\n").is_err());
}

#[test]
fn a_moved_out_household_loses_its_name_contact_and_note() {
    let mut p = Private::default();
    set_unit_from(
        &mut p,
        "101",
        Status::Healthy,
        &household(Status::Vacant),
        day("2026-11-01"),
    );
    let (after, n) = purge(
        &one_unit(Status::Vacant),
        &p,
        Retention::default(),
        day("2026-12-02"),
    );
    assert_eq!((n.names, n.contacts, n.notes), (1, 1, 1));
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn an_ending_that_arrived_from_elsewhere_is_dated_by_its_commit_or_when_first_seen() {
    use events::{Ending, date_endings};
    let today = day("2026-12-05");
    let mut p = Private::default();
    set_unit(
        &mut p,
        "101",
        &household(Status::Isolating),
        day("2026-10-01"),
    );
    // the shared file now says healthy (a merge): the history dates it
    let healthy = one_unit(Status::Healthy);
    let dated = date_endings(&healthy, &p, today, |u, e| {
        assert_eq!((u, e), ("101", Ending::Isolation));
        Some(day("2026-10-20"))
    });
    assert_eq!(
        dated.units["101"].isolation,
        Isolation::Ended(day("2026-10-20"))
    );
    // no history: the day it is first seen
    let seen = date_endings(&healthy, &p, today, |_, _| None);
    assert_eq!(seen.units["101"].isolation, Isolation::Ended(today));
    // a vacancy that came in undated; and one that went again
    let vacant = one_unit(Status::Vacant);
    let v = date_endings(&vacant, &p, today, |_, e| {
        (e == Ending::Vacancy).then(|| day("2026-11-02"))
    });
    assert_eq!(v.units["101"].vacant_since, Some(day("2026-11-02")));
    let back = date_endings(&healthy, &v, today, |_, _| None);
    assert_eq!(back.units["101"].vacant_since, None);
    // still isolating: open, whatever was recorded
    let open = date_endings(&one_unit(Status::Isolating), &seen, today, |_, _| None);
    assert_eq!(open.units["101"].isolation, Isolation::Open);
}

#[test]
fn two_laptops_records_of_an_ending_keep_the_end_and_the_earlier_day() {
    let a = "[units]\n101 = { name = \"吴家\", isolating = true }\n";
    let b = "[units]\n101 = { name = \"吴家\", isolation-ended = 2026-11-03 }\n";
    let c = "[units]\n101 = { name = \"吴家\", isolation-ended = 2026-11-01, vacant-since = 2026-11-09 }\n";
    let (m, _) = merge::merge_file("t.toml", Some(a), Some(b), Some(c));
    let m = parse(&m.unwrap()).unwrap();
    assert_eq!(
        m.units["101"].isolation,
        Isolation::Ended(day("2026-11-01"))
    );
    assert_eq!(m.units["101"].vacant_since, Some(day("2026-11-09")));
}
