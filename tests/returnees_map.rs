//! Issue 36 on the map: Today lists fevers, readings missing and observations ending (people
//! masked); `T`, the number and `Enter` log a reading, a value outside 35.0–42.0 °C is refused and
//! the form keeps it; a company's detail panel lists its people, masked, with today's reading.

mod common;
use common::screen::Harness;
use common::{cli, station};
use jiff::civil::date;
use loupan::core::i18n::Lang;
use loupan::core::people::readings::Reading;
use loupan::tui::modes::Mode;
use loupan::tui::theme::ColorMode;

/// The harness's day (2026-11-29): 欧阳明远 (p1, 测试科技 in 501) and 上官婉清 (p2, household 601)
/// in observation without a reading, 上官婉清's ending today; 诸葛青云 (p3, 测试科技) at 37.6 °C.
fn fixture(lang: Lang) -> Harness {
    let mut h = Harness::with("tower:6x4", lang, ColorMode::Ansi16);
    let d = h.dir.clone();
    let run = |args: &[&str]| {
        let (code, _, err) = cli(&d, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    };
    run(&[
        "company",
        "add",
        "tower",
        "501",
        "测试科技",
        "--status",
        "resumed",
    ]);
    let people = [
        ("测试科技", "欧阳明远", "13700001111", "2026-11-25"),
        ("601", "上官婉清", "13700003333", "2026-11-16"),
        ("测试科技", "诸葛青云", "13700002222", "2026-11-27"),
    ];
    for (place, name, phone, back) in people {
        run(&[
            "person",
            "add",
            "tower",
            place,
            name,
            "--phone",
            phone,
            "--returned",
            back,
        ]);
    }
    let fever = Reading {
        tenths: 376,
        at: jiff::civil::time(8, 30, 0, 0),
        by: "王芳".into(),
    };
    station(&d)
        .log_reading(&common::bid("tower"), "p3", date(2026, 11, 29), fever)
        .unwrap();
    h.rescan();
    h.app.notice = None;
    h
}

fn reading_of(h: &Harness) -> Option<String> {
    match &h.app.mode {
        Mode::Today(t) => t.reading.as_ref().map(|f| f.value.clone()),
        _ => None,
    }
}

#[test]
fn today_lists_fevers_missing_readings_and_observations_ending_masked() {
    for (lang, name) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let mut h = fixture(lang);
        h.keys("t");
        let screen = h.screen(80, 24);
        for secret in ["欧阳明远", "13700001111", "上官婉清", "诸葛青云"] {
            assert!(!screen.contains(secret), "{secret} shown:\n{screen}");
        }
        insta::assert_snapshot!(format!("today_people_{name}_80x24"), screen);
    }
}

#[test]
fn t_logs_a_reading_and_one_out_of_range_is_refused_with_the_form_kept() {
    let mut h = fixture(Lang::En);
    h.keys("t");
    // row 0: the fever; row 1: 欧阳明远, no reading yet
    h.keys("j");
    h.keys("T");
    assert_eq!(reading_of(&h).as_deref(), Some(""), "the form is open");
    h.keys("34.5<Enter>");
    assert_eq!(
        reading_of(&h).as_deref(),
        Some("34.5"),
        "refused, the value kept"
    );
    let screen = h.screen(80, 24);
    assert!(screen.contains("outside 35.0–42.0"), "{screen}");
    let day = date(2026, 11, 29);
    let dir = h.dir.clone();
    let read = || loupan::store::private::people::read_day(&dir, day).unwrap();
    assert!(read().latest("tower", "p1").is_none(), "nothing written");
    h.keys("<BS><BS><BS><BS>36.8<Enter>");
    assert_eq!(reading_of(&h), None, "the form closes");
    assert_eq!(read().latest("tower", "p1").map(|r| r.tenths), Some(368));
    let screen = h.screen(80, 24);
    assert!(screen.contains("36.8 °C logged"), "{screen}");
    assert!(
        screen.contains("No temperature yet today (1)"),
        "only 上官婉清 left:\n{screen}"
    );
    // T where there is no person says what it is for
    h.keys("<Esc>t<Tab><Tab><Tab>T");
    assert_eq!(reading_of(&h), None);
}

#[test]
fn a_company_detail_panel_shows_its_people_masked_with_todays_reading() {
    let mut h = fixture(Lang::Zh);
    // Today's fever row, Enter: the map at 501
    h.keys("t<Enter>");
    assert_eq!(h.cursor_label(), "501");
    let (_, lines) = loupan::tui::detail::lines(&h.app);
    let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
    let all = text.join("\n");
    assert!(all.contains("人员 (2)"), "{all}");
    assert!(all.contains("欧*** 137****1111"), "{all}");
    assert!(all.contains("诸*** 137****2222"), "{all}");
    assert!(all.contains("今日 37.6 ℃"), "{all}");
    assert!(all.contains("今日未测"), "{all}");
    assert!(
        !all.contains("欧阳明远") && !all.contains("13700001111"),
        "{all}"
    );
}

/// The real binary in a pseudo-terminal: `T`, a slip (34), corrected, `Enter`; the command line
/// sees the reading.
#[test]
fn a_reading_typed_on_today_in_a_terminal_reaches_the_private_store() {
    use common::pty::{Tui, wait};
    let (_t, d) = common::data_dir();
    common::new_building(&d, "tower", 6, 4);
    common::ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "501",
            "测试科技",
            "--status",
            "resumed",
        ],
    );
    let back = common::ago(2).to_string();
    common::ok(
        &d,
        &[
            "person",
            "add",
            "tower",
            "测试科技",
            "欧阳明远",
            "--returned",
            &back,
        ],
    );
    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("tower", 10.0), "{}", t.text());
    t.send("t");
    assert!(
        t.wait_for("No temperature yet today (1)", 5.0),
        "{}",
        t.text()
    );
    t.send("T");
    t.send("34\r");
    assert!(t.wait_for("outside 35.0", 5.0), "{}", t.text());
    t.send("\x7f\x7f36.8\r");
    let today = || {
        let v: serde_json::Value =
            serde_json::from_str(&common::ok(&d, &["person", "list", "--json"])).unwrap();
        v[0]["today"].clone()
    };
    assert!(
        wait(5.0, || today() == serde_json::json!(36.8)),
        "{}",
        t.text()
    );
    // nobody left to list: the people's sections go, the calls come back to the top
    assert!(
        wait(5.0, || !t.text().contains("No temperature yet today")),
        "{}",
        t.text()
    );
    assert!(!t.text().contains("欧阳明远"), "{}", t.text());
}
