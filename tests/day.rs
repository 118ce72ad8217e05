//! The station's day, as staff live it: a morning's calls walked down Today, isolations closed
//! with one key, follow-ups logged from the map, and the same day on the command line.

mod common;
use common::screen::Harness;
use common::*;
use jiff::civil::Date;
use loupan::core::journal::Entry;
use loupan::tui::modes::Mode;

/// Entries are stamped with the clock, so these screens live on the real day.
fn real_today() -> Date {
    jiff::ZonedDateTime::now().date()
}

fn harness(spec: &str) -> Harness {
    let mut h = Harness::new(spec);
    h.app.today = real_today();
    h
}

fn logged(h: &Harness) -> Vec<Entry> {
    let day = station(&h.dir).journal_day(real_today());
    assert!(day.problems.is_empty(), "{:?}", day.problems);
    day.entries.into_iter().map(|(_, e)| e).collect()
}

fn summary(entries: &[Entry]) -> Vec<(String, &'static str, &'static str)> {
    entries
        .iter()
        .map(|e| (e.unit.to_string(), e.outcome.key(), e.via.key()))
        .collect()
}

/// The unit under Today's cursor.
fn at(h: &Harness) -> Option<String> {
    match &h.app.mode {
        Mode::Today(t) => t.item().map(|i| i.unit.to_string()),
        other => panic!("not in Today: {other:?}"),
    }
}

fn isolating_until(h: &Harness, unit: &str, until: Date) {
    let since = until.saturating_sub(jiff::Span::new().days(13)).to_string();
    h.outside(
        "plaza",
        unit,
        change(&[
            ("status", "isolating"),
            ("since", &since),
            ("until", &until.to_string()),
        ]),
    );
}

#[test]
fn a_mornings_calls_are_a_walk_down_the_list() {
    let mut h = harness("plaza:2x3");
    // the cursor starts on 201: three isolating households on the top floor
    h.keys("2l2l2t");
    assert_eq!(at(&h).as_deref(), Some("201"));
    assert!(h.screen(100, 30).contains("Calls 0 / 3"), "progress shown");
    // reached and well: it leaves the calls due; the cursor is on the next household
    h.keys("1");
    assert_eq!(at(&h).as_deref(), Some("202"));
    // no answer: still due, but the walk goes on
    h.keys("4");
    assert_eq!(at(&h).as_deref(), Some("203"));
    h.keys("2");
    let screen = h.screen(100, 30);
    assert!(screen.contains("Calls 2 / 3"), "{screen}");
    assert_eq!(
        summary(&logged(&h)),
        [
            ("201".into(), "well", "call"),
            ("202".into(), "no-answer", "call"),
            ("203".into(), "needs-help", "call"),
        ]
    );
    // the one still due is first again when the list is opened afresh
    h.keys("<Esc>t");
    assert_eq!(at(&h).as_deref(), Some("202"));
}

#[test]
fn enter_jumps_to_the_unit_on_the_map() {
    let mut h = harness("a:2x2 plaza:3x3");
    h.keys("<Tab>jj2<S-Tab>t");
    assert_eq!(
        at(&h).as_deref(),
        Some("101"),
        "isolating first, then units to knock"
    );
    h.keys("<Enter>");
    assert_eq!(h.app.mode, Mode::Normal);
    assert_eq!(h.app.entries[h.app.current].id, "plaza");
    assert_eq!(h.cursor_label(), "101");
    // further down: the units to knock, in building order
    h.keys("tjj<Enter>"); // a 201, a 202
    assert_eq!(h.app.entries[h.app.current].id, "a");
    assert_eq!(h.cursor_label(), "202");
}

#[test]
fn e_closes_an_isolation_and_logs_it() {
    let mut h = harness("plaza:2x2");
    let today = real_today();
    isolating_until(&h, "201", today);
    isolating_until(&h, "101", today.yesterday().unwrap());
    h.rescan();
    h.keys("t");
    let screen = h.screen(100, 30);
    assert!(screen.contains("Isolations ending today (1)"), "{screen}");
    assert!(
        screen.contains("Past their end, still isolating (1)"),
        "{screen}"
    );
    assert!(
        screen.contains("1 day overdue (ended ") && screen.contains(") · day 15"),
        "overdue told as such, first: {screen}"
    );
    // Tab: the next section (ending today)
    h.keys("<Tab>");
    assert_eq!(at(&h).as_deref(), Some("201"));
    // `e` first says what it will do; `e` again does it
    h.keys("e");
    assert_eq!(h.status("plaza", "201"), "isolating");
    let asked = format!("{:?}", h.app.notice);
    assert!(asked.contains("201: isolating → healthy"), "{asked}");
    h.keys("e");
    // the status line says what the unit is now, not only that a call was logged
    let screen = h.screen(100, 30);
    let last = screen.lines().last().unwrap_or_default();
    assert!(last.contains("201 → healthy saved"), "{last}");
    let u = h.unit("plaza", "201");
    assert_eq!(
        (u.status.key(), u.since.get(), u.until.get()),
        ("healthy", None, None),
        "healthy again; the dates stay in git's history"
    );
    let e = logged(&h);
    assert_eq!(summary(&e), [("201".into(), "well", "call")]);
    assert_eq!(e[0].note.as_deref(), Some("isolation ended"));
    // the overdue one is next, and can be closed the same way
    assert_eq!(at(&h).as_deref(), Some("101"));
    h.keys("ee");
    assert_eq!(h.status("plaza", "101"), "healthy");
    // `e` on a unit that is not isolating does nothing
    h.keys("ee");
    assert_eq!(logged(&h).len(), 2);
}

#[test]
fn a_follow_up_window_logs_a_way_an_outcome_and_a_note() {
    let mut h = harness("plaza:1x3");
    h.keys("2c");
    assert!(matches!(h.app.mode, Mode::FollowUp(_)));
    let screen = h.screen(100, 30);
    for o in [
        "well",
        "needs help",
        "symptoms",
        "no answer",
        "not home (family answered)",
        "refused",
    ] {
        assert!(screen.contains(o), "outcome {o} shown: {screen}");
    }
    // Tab: call → message; j: the second outcome; Enter asks for a note, Enter logs
    h.keys("<Tab>j<Enter>needs rice<Enter>");
    let e = logged(&h);
    assert_eq!(summary(&e), [("101".into(), "needs-help", "message")]);
    assert_eq!(e[0].note.as_deref(), Some("needs rice"));
    assert_eq!(h.app.mode, Mode::Normal);
    // Esc cancels: in the note, back to the outcomes; again, nothing logged
    h.keys("c<Enter>abc<Esc><Esc>");
    assert_eq!(h.app.mode, Mode::Normal);
    assert_eq!(logged(&h).len(), 1);
}

#[test]
fn the_outcomes_say_what_fits_the_way_of_contact() {
    use loupan::core::i18n::Lang;
    use loupan::tui::theme::ColorMode;
    let mut h = Harness::with("plaza:1x3", Lang::Zh, ColorMode::Ansi16);
    h.app.today = real_today();
    h.keys("2c");
    let call = h.screen(100, 30);
    assert!(call.contains("4 未接通"), "{call}");
    // a visit: nobody opens the door, or they are out — never "the call did not connect"
    h.keys("<Tab><Tab>");
    let visit = h.screen(100, 30);
    assert!(visit.contains("[上门]"), "{visit}");
    assert!(
        visit.contains("4 无人开门") && visit.contains("5 无人应答/不在家"),
        "{visit}"
    );
    assert!(!visit.contains("未接通"), "{visit}");
    h.keys("4");
    assert_eq!(summary(&logged(&h)), [("101".into(), "no-answer", "visit")]);
    // what the window says is what the command line takes
    let (code, said, err) = cli(
        &h.dir,
        &[
            "--lang",
            "zh",
            "follow-up",
            "plaza",
            "101",
            "不在家",
            "--via",
            "visit",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        said.contains("已记录：plaza 101 无人应答/不在家（上门）"),
        "{said}"
    );
}

#[test]
fn a_block_selection_logs_one_entry_per_unit() {
    let mut h = harness("plaza:2x3");
    // unknown units are door-knocked
    h.keys("vlljc5");
    let mut got = summary(&logged(&h));
    got.sort();
    let want: Vec<(String, &str, &str)> = ["101", "102", "103", "201", "202", "203"]
        .iter()
        .map(|u| (u.to_string(), "not-home", "visit"))
        .collect();
    assert_eq!(got, want);
    // the attempts show in Today's units to knock
    h.keys("t");
    let screen = h.screen(120, 30);
    assert!(screen.contains("knocked 1"), "{screen}");
}

#[test]
fn a_read_only_map_logs_nothing() {
    let mut h = harness("plaza:1x1");
    h.app.read_only = Some(loupan::core::i18n::Text::same("a past view"));
    h.keys("c1t1");
    assert!(logged(&h).is_empty());
}

#[test]
fn someone_elses_entry_reaches_the_open_map() {
    let mut h = harness("plaza:1x2");
    h.keys("2t");
    assert_eq!(at(&h).as_deref(), Some("101"));
    ok(
        &h.dir,
        &["follow-up", "plaza", "101", "正常", "--note", "体温正常"],
    );
    h.rescan();
    let screen = h.screen(100, 30);
    assert!(screen.contains("Calls 1 / 1"), "{screen}");
    assert!(screen.contains("logged plaza 101: well"), "named: {screen}");
}

// ---- the command line ----

#[test]
fn follow_up_refuses_what_does_not_exist_and_names_the_valid_outcomes() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    let (code, _, err) = cli(&d, &["follow-up", "tower", "101", "fine"]);
    assert_ne!(code, 0, "{err}");
    for o in [
        "well",
        "needs-help",
        "no-answer",
        "not-home",
        "refused",
        "正常",
        "未接通",
    ] {
        assert!(err.contains(o), "{o} named in: {err}");
    }
    let (code, _, err) = cli(&d, &["follow-up", "tower", "909", "well"]);
    assert_ne!(code, 0);
    assert!(err.contains("no unit 909"), "{err}");
    let (code, _, err) = cli(&d, &["follow-up", "tower", "101", "well", "--via", "fax"]);
    assert_ne!(code, 0);
    assert!(err.contains("call, message, visit"), "{err}");
    assert!(
        !d.join("journal").exists() || std::fs::read_dir(d.join("journal")).unwrap().count() == 0,
        "nothing appended"
    );
    // Chinese outcome names are accepted
    let (code, out, err) = cli(
        &d,
        &["follow-up", "tower", "101", "无人应答", "--via", "visit"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("not home (visit)"), "{out}");
}

#[test]
fn today_lists_the_work_and_check_warns_about_overdue_isolations() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    let today = real_today();
    let yesterday = today.yesterday().unwrap().to_string();
    ok(&d, &["set", "tower", "201", "isolating", "--name", "王家"]);
    let start = today.saturating_sub(jiff::Span::new().days(14)).to_string();
    ok(
        &d,
        &[
            "set",
            "tower",
            "202",
            "isolating",
            "--since",
            &start,
            "--until",
            &yesterday,
        ],
    );
    ok(&d, &["set", "tower", "101", "not-resumed"]);
    ok(&d, &["follow-up", "tower", "201", "well"]);
    ok(
        &d,
        &["follow-up", "tower", "102", "not-home", "--via", "visit"],
    );

    let (code, out, err) = cli(&d, &["today", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let units = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap_or_else(|| panic!("{k} in {v}"))
            .iter()
            .map(|i| i["unit"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(v["calls"]["reached"], 1);
    assert_eq!(v["calls"]["total"], 2);
    assert_eq!(
        v["calls"]["due"].as_array().map(|a| a.len()),
        Some(1),
        "{v}"
    );
    assert_eq!(units("isolation_overdue"), ["202"]);
    assert_eq!(units("to_knock"), ["102"]);
    assert_eq!(units("not_resumed"), ["101"]);
    assert_eq!(v["to_knock"][0]["attempts"], 1);
    assert!(!out.contains("王家"), "names masked: {out}");

    let (code, out, _) = cli(&d, &["today"]);
    assert_eq!(code, 0);
    assert!(out.contains("Calls 1 / 2 reached, 1 to call"), "{out}");

    let (code, out, err) = cli(&d, &["check"]);
    assert_eq!(code, 0, "warnings alone exit 0: {out}{err}");
    let all = format!("{out}{err}");
    assert!(all.contains("202") && all.contains(&yesterday), "{all}");
}

#[test]
fn help_in_today_lists_todays_keys_and_esc_returns_to_today() {
    let mut h = harness("plaza:2x3");
    h.keys("2l2tj");
    assert_eq!(at(&h).as_deref(), Some("202"));
    h.keys("?");
    let screen = h.screen(100, 30);
    // Today's own keys, from its binding table: outcomes, e, Enter — not the map's
    for key in [
        "show the unit on the map",
        "back to the map",
        "HELP · TODAY",
    ] {
        assert!(screen.contains(key), "{key:?} missing:\n{screen}");
    }
    assert!(
        !screen.contains("undo / redo"),
        "the map's keys in Today's help:\n{screen}"
    );
    h.keys("<Esc>");
    assert_eq!(at(&h).as_deref(), Some("202"), "back in Today where it was");
    // the map's help still lists the map's keys and marks, and returns to the map
    h.keys("<Esc>?");
    assert!(h.screen(100, 30).contains("undo / redo"));
    h.keys("<Esc>");
    assert_eq!(h.app.mode, Mode::Normal);
}

/// Issue 21: Today lists companies too — staff observation ending today, over the on-site cap,
/// not filed for a week — and Enter goes to the company's unit.
#[test]
fn today_lists_the_companies_to_see_to() {
    let mut h = harness("plaza:2x2");
    ok(
        &h.dir,
        &[
            "company",
            "add",
            "plaza",
            "102",
            "海风贸易",
            "--headcount",
            "10",
            "--on-site",
            "9",
            "--cap",
            "50",
            "--returned",
            "3",
            "--observing",
            "2",
            "--observe-until",
            "today",
        ],
    );
    h.rescan();
    h.keys("t");
    let screen = h.screen(100, 30);
    for s in [
        "Staff observation ending today (1)",
        "Over their on-site cap (1)",
        "海风贸易 on site 9/10",
    ] {
        assert!(screen.contains(s), "{s}: {screen}");
    }
    // walk to the first company row and go to its unit
    while at(&h).as_deref() != Some("102") {
        h.keys("j");
    }
    h.keys("<Enter>");
    assert_eq!(h.cursor_label(), "102");
}

/// Issue 21: a company's question answered is logged from the map too — `c`, `7`, then its topic.
#[test]
fn a_question_answered_is_logged_from_the_map_by_topic() {
    let mut h = harness("plaza:1x3");
    h.keys("3c7");
    assert!(
        h.screen(100, 30).contains("2 policy"),
        "the topics are offered"
    );
    h.keys("2");
    let e = logged(&h);
    assert_eq!(summary(&e), [("101".into(), "consulted-policy", "call")]);
    let r: serde_json::Value =
        serde_json::from_str(&ok(&h.dir, &["report", "--format", "json"])).unwrap();
    assert_eq!(r["questions"]["policy"], 1, "{}", r["questions"]);
}
