//! What the TUI draws: snapshots of every mode at 80×24 and 40×12 in both languages, the colours
//! and glyphs of each status per colour mode, and no panic at any size.

mod common;
use common::bid;
use common::screen::{Harness, buffer_text};
use loupan::core::i18n::Lang;
use loupan::core::status::Status;
use loupan::tui::app::{GitView, Message};
use loupan::tui::modes::Mode;
use loupan::tui::theme::ColorMode;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn patch(h: &Harness, b: &str, unit: &str, pairs: &[(&str, &str)]) {
    h.outside(b, unit, common::change(pairs));
}

/// Two buildings with one unit of every status, a live-work company and CJK names.
fn fixture(lang: Lang, colors: ColorMode) -> Harness {
    let mut h = Harness::with("annex:3x3 tower:6x4", lang, colors);
    patch(
        &h,
        "tower",
        "601",
        &[
            ("status", "isolating"),
            ("name", "王家"),
            ("people", "3"),
            ("since", "2026-11-22"),
            ("note", "每日电话随访"),
        ],
    );
    patch(&h, "tower", "602", &[("status", "healthy")]);
    patch(
        &h,
        "tower",
        "603",
        &[
            ("status", "resumed"),
            ("live-work", "yes"),
            ("name", "启明设计工作室"),
        ],
    );
    patch(&h, "tower", "604", &[("status", "not-resumed")]);
    patch(&h, "tower", "501", &[("status", "vacant")]);
    h.rescan();
    for e in &mut h.app.entries {
        e.changed.clear();
    }
    h.app.notice = None;
    h.keys("<Tab>");
    h
}

fn find(buf: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(i) = line.find(text) {
            return (line[..i].chars().count() as u16, y);
        }
    }
    panic!("{text} not on screen:\n{}", buffer_text(buf));
}

#[test]
fn snapshots_of_every_mode_size_and_language() {
    let modes: &[(&str, &str)] = &[
        ("normal", ""),
        ("select", "vlj"),
        ("search", "/60"),
        ("form", "<Enter>"),
        ("help", "?"),
        ("overview", "o"),
        ("filter", "ff"),
        ("review", "r"),
    ];
    for lang in [Lang::En, Lang::Zh] {
        for (name, keys) in modes {
            for (w, hgt) in [(80u16, 24u16), (40, 12)] {
                let mut h = fixture(lang, ColorMode::Ansi16);
                h.app.git = Some(GitView {
                    branch: "main".into(),
                    ahead: 1,
                    behind: 0,
                    review: vec![loupan::core::i18n::Text::same(
                        "tower 601: unknown → isolating (status, name, people, note, since)",
                    )],
                    summary: loupan::core::i18n::Text::same("Update 1 unit(s): isolating 1"),
                });
                h.keys(keys);
                let lang_name = if lang == Lang::En { "en" } else { "zh" };
                insta::assert_snapshot!(format!("{name}_{lang_name}_{w}x{hgt}"), h.screen(w, hgt));
            }
        }
    }
}

#[test]
fn snapshot_of_a_conflict() {
    let mut h = fixture(Lang::Zh, ColorMode::Ansi16);
    patch(&h, "tower", "601", &[("status", "healthy")]);
    h.keys("5");
    assert!(matches!(h.app.mode, Mode::Conflict(_)));
    insta::assert_snapshot!("conflict_zh_80x24", h.screen(80, 24));
}

#[test]
fn each_status_has_its_colour_in_16_colours() {
    let h = fixture(Lang::En, ColorMode::Ansi16);
    let buf = h.buffer(100, 30);
    for (text, bg) in [
        ("o602", Color::Yellow),
        ("+603", Color::Green),
        ("-604", Color::Blue),
        ("_501", Color::White),
        ("?502", Color::DarkGray),
    ] {
        let (x, y) = find(&buf, text);
        assert_eq!(buf[(x, y)].bg, bg, "{text}");
        assert_eq!(buf[(x + 2, y)].bg, bg, "{text}: the whole cell");
    }
    // the cursor is on 601 (isolating): red, reversed, framed by [ ]
    let (x, y) = find(&buf, "X601");
    assert_eq!(buf[(x, y)].bg, Color::Red);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(x - 1, y)].symbol(), "[");
    // live-work is bold with a marker
    let (x, y) = find(&buf, "+603*");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
}

#[test]
fn truecolor_uses_the_colour_blind_safe_palette() {
    let h = fixture(Lang::En, ColorMode::Rich);
    let buf = h.buffer(100, 30);
    let (x, y) = find(&buf, "o602");
    assert_eq!(buf[(x, y)].bg, Color::Rgb(240, 228, 66));
    let (x, y) = find(&buf, "-604");
    assert_eq!(buf[(x, y)].bg, Color::Rgb(0, 114, 178));
}

#[test]
fn no_color_draws_no_colour_and_a_glyph_per_status() {
    let h = fixture(Lang::En, ColorMode::None);
    let buf = h.buffer(100, 30);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert_eq!(
                (c.fg, c.bg),
                (Color::Reset, Color::Reset),
                "colour at {x},{y}"
            );
        }
    }
    for s in Status::ALL {
        let text = match s {
            Status::Healthy => "o602",
            Status::Isolating => "X601",
            Status::NotResumed => "-604",
            Status::Resumed => "+603*",
            Status::Vacant => "_501",
            Status::Unknown => "?502",
        };
        assert!(text.starts_with(s.glyph()));
        find(&buf, text);
    }
    // the cursor still shows: brackets and reverse video
    let (x, y) = find(&buf, "X601");
    assert_eq!(buf[(x - 1, y)].symbol(), "[");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_detail_panel_counts_isolation_days() {
    let h = fixture(Lang::En, ColorMode::Ansi16);
    let s = h.screen(120, 30);
    assert!(s.contains("day 8 of 14"), "{s}");
    assert!(
        s.contains("ends 2026-12-05"),
        "end date: since + 13 days: {s}"
    );
    let z = fixture(Lang::Zh, ColorMode::Ansi16).screen(120, 30);
    assert!(
        z.contains("第 8 天 / 14") && z.contains("每日电话随访"),
        "{z}"
    );
}

#[test]
fn the_list_header_shows_totals() {
    let h = fixture(Lang::En, ColorMode::Ansi16);
    assert!(h.screen(100, 30).contains("2 buildings · 33 units"));
    assert!(
        fixture(Lang::Zh, ColorMode::Ansi16)
            .screen(100, 30)
            .contains("2 栋楼 · 33 个单元")
    );
}

#[test]
fn tall_buildings_scroll_to_keep_the_cursor_in_view() {
    let mut h = Harness::new("tall:60x30");
    h.keys("G");
    let s = h.screen(80, 24);
    assert!(s.contains("[?101"), "{s}");
    h.keys("g");
    for _ in 0..29 {
        h.keys("l");
    }
    let s = h.screen(80, 24);
    assert!(s.contains("?6030"), "wide floors scroll sideways: {s}");
}

fn random_app(floors: usize, units: usize, seed: u64) -> loupan::tui::app::App {
    let text = loupan::core::codec::new_building_text("随机大厦", floors, units);
    let mut b = loupan::core::codec::parse("r", text.as_bytes()).unwrap();
    let mut x = seed;
    for u in &mut b.units {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        u.record.status = Status::ALL[(x >> 40) as usize % 6];
        u.record.live_work = (x >> 20).is_multiple_of(7);
        u.record.name = (x >> 30).is_multiple_of(3).then(|| "王家很长的名字".into());
    }
    let mut app = loupan::tui::app::App::new(
        Lang::Zh,
        ColorMode::Ansi16,
        vec![bid("r"), bid("s")],
        jiff::civil::date(2026, 11, 29),
    );
    app.update(Message::Loaded {
        id: bid("r"),
        result: Ok(b.clone()),
    });
    app.update(Message::Loaded {
        id: bid("s"),
        result: Err(vec![loupan::core::codec::Located {
            file: "s.toml".into(),
            problem: loupan::core::codec::Problem::error(
                1,
                1,
                loupan::core::i18n::Text::same("broken"),
            ),
        }]),
    });
    app
}

proptest! {
    #![proptest_config(common::seed::config(150))]

    #[test]
    fn any_size_any_mode_never_panics(
        floors in 1usize..70, units in 1usize..35, w in 0u16..300, hgt in 0u16..100,
        mode in 0usize..9, moves in 0usize..40, seed in any::<u64>(),
    ) {
        let mut app = random_app(floors, units, seed);
        for i in 0..moves {
            let k = if i % 3 == 0 { "l" } else if i % 2 == 0 { "j" } else { "" };
            for key in common::screen::parse_keys(k) {
                if let Some(input) = loupan::tui::keymap::input(app.mode.kind(), key) {
                    app.update(Message::Input(input));
                }
            }
        }
        if mode >= 7 {
            // the trend screen and the list's sparklines, with and without a history
            app.update(Message::Trend(if mode == 8 { thirteen_days() } else { Vec::new() }));
        }
        let keys = ["", "v<Right><Down>", "?", "o", "<Enter>", "/王", "f", "T", "T"][mode];
        for k in common::screen::parse_keys(keys) {
            if let Some(input) = loupan::tui::keymap::input(app.mode.kind(), k) {
                app.update(Message::Input(input));
            }
        }
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, hgt)).unwrap();
        term.draw(|f| loupan::tui::ui::render(f, &app)).unwrap();
        app.update(Message::Input(loupan::tui::keymap::Input::Command(loupan::tui::commands::Command::NextBuilding)));
        term.draw(|f| loupan::tui::ui::render(f, &app)).unwrap();
    }
}

#[test]
fn a_click_lands_on_the_unit_drawn_there() {
    let h = fixture(Lang::En, ColorMode::Ansi16);
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    let buf = h.buffer(100, 30);
    let regions = loupan::tui::geometry::regions(area).expect("big enough");
    let b = h.app.building().unwrap();
    let view = loupan::tui::geometry::GridView::new(regions.grid, b, h.app.cursor());
    for label in ["o602", "-604", "_501", "?101"] {
        let (x, y) = find(&buf, label);
        let i = view.unit_at(b, x + 2, y).expect("a unit there");
        assert_eq!(&*b.units[i].label, &label[1..], "{label}");
    }
    let (x, y) = find(&buf, "6 │");
    assert_eq!(view.unit_at(b, x, y), None, "the floor label is not a unit");
    // and the building list: below the border and the totals row, one row per building
    let list = regions.list.expect("list");
    let (x, y) = find(&buf, " all ");
    assert_eq!(
        loupan::tui::geometry::list_row_at(list, 2, 1, y),
        None,
        "the totals row"
    );
    let (_, annex) = find(&buf, " annex");
    let (_, tower) = find(&buf, ">tower");
    assert_eq!(
        loupan::tui::geometry::list_row_at(list, 2, 1, annex),
        Some(0)
    );
    assert_eq!(
        loupan::tui::geometry::list_row_at(list, 2, 1, tower),
        Some(1)
    );
    assert_eq!(
        loupan::tui::geometry::list_row_at(list, 2, 1, tower + 1),
        None
    );
    assert!(x > list.x);
}

/// The district preset: 33 towers of 25 floors × 8 units, as `examples/gen.rs --preset district`.
fn district(lang: Lang) -> Harness {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("buildings");
    std::fs::create_dir(&dir).unwrap();
    let mut ids = Vec::new();
    for n in 1..=33 {
        let (id, text) = loupan::synth::nth(2020, n, 25, 8);
        std::fs::write(dir.join(format!("{id}.toml")), text).unwrap();
        ids.push(id);
    }
    ids.sort();
    Harness::open(t, dir, ids, lang, ColorMode::Ansi16)
}

#[test]
fn the_overview_holds_the_district_on_one_large_screen() {
    let mut h = district(Lang::Zh);
    h.send(Message::Resize(200, 50));
    h.keys("o");
    let screen = h.screen(200, 50);
    let names: Vec<String> = h.app.entries.iter().map(|e| e.name().to_string()).collect();
    assert_eq!(names.len(), 33);
    // every name drawn (whole, or `head…tail`) stands for exactly one tower, and each tower has one
    let lines: Vec<&str> = screen.lines().collect();
    let drawn: Vec<&str> = lines[1..lines.len() - 1]
        .iter()
        .flat_map(|l| l.split(|c: char| c.is_whitespace() || c == '│'))
        .map(|w| w.trim_start_matches('>'))
        .filter(|w| w.chars().any(|c| c > '\u{2e80}'))
        .collect();
    let stands_for = |d: &str, name: &str| match d.split_once('…') {
        Some((head, tail)) => name.starts_with(head) && name.ends_with(tail),
        None => d == name,
    };
    for d in &drawn {
        let n = names.iter().filter(|n| stands_for(d, n)).count();
        assert_eq!(n, 1, "{d} stands for {n} towers:\n{screen}");
    }
    for name in &names {
        let n = drawn.iter().filter(|d| stands_for(d, name)).count();
        assert_eq!(n, 1, "{name} drawn {n} times:\n{screen}");
    }
    assert!(
        !screen.contains("共 33 栋"),
        "nothing out of sight: {screen}"
    );
    // every tower tells where the work is: isolating, calls due, verified share
    let stats = screen.matches('%').count();
    assert!(stats >= 33, "{stats} towers with their figures:\n{screen}");
}

#[test]
fn a_small_overview_scrolls_and_says_where_it_is() {
    let mut h = district(Lang::En);
    h.send(Message::Resize(80, 24));
    h.keys("o");
    let screen = h.screen(80, 24);
    assert!(screen.contains("1–12 of 33"), "{screen}");
    assert!(
        screen.contains("OVERVIEW 新城名苑1号"),
        "the chosen one's whole name: {screen}"
    );
    assert!(
        screen.contains("floors a row"),
        "tall towers are scaled: {screen}"
    );
    // moving down a row of towers scrolls on
    h.keys("jj");
    let screen = h.screen(80, 24);
    assert!(screen.contains("7–18 of 33"), "{screen}");
    h.keys("jjjjj");
    let screen = h.screen(80, 24);
    assert!(screen.contains("25–33 of 33"), "the last row: {screen}");
}

#[test]
fn door_knocks_after_a_label_are_underlined_apart_from_it() {
    let mut h = Harness::new("plaza:1x2");
    // knocked twice; the cursor (which underlines its cell) moves on
    h.keys("c5c5l");
    for colors in [ColorMode::Ansi16, ColorMode::None] {
        h.app.colors = colors;
        let buf = h.buffer(80, 24);
        let (x, y) = find(&buf, "?1012");
        let underlined = |dx: u16| buf[(x + dx, y)].modifier.contains(Modifier::UNDERLINED);
        assert_eq!(buf[(x + 4, y)].symbol(), "2", "knocked twice");
        assert!(underlined(4), "{colors:?}: the count stands apart");
        assert!(!underlined(3), "{colors:?}: the label does not");
    }
}

/// Thirteen days before today for the fixture's two buildings: the tower's isolating households
/// rise 0, 1, … 12, the annex has none.
fn thirteen_days() -> Vec<loupan::core::trend::Day> {
    use loupan::core::stats::Counts;
    use loupan::core::trend::{Basis, Day, Seen};
    let counts = |units: usize, isolating: usize| {
        let mut c = Counts {
            units,
            ..Counts::default()
        };
        c.by_status[Status::Isolating.index()] = isolating;
        c.by_status[Status::Unknown.index()] = units - isolating;
        c
    };
    (0..13)
        .map(|k| Day {
            date: common::screen::today()
                .checked_sub(jiff::Span::new().days(13 - k as i64))
                .unwrap(),
            basis: Basis::Commit(format!("{k:040}")),
            buildings: vec![
                Seen {
                    id: "annex".into(),
                    name: "annex".into(),
                    counts: Some(counts(9, 0)),
                },
                Seen {
                    id: "tower".into(),
                    name: "tower".into(),
                    counts: Some(counts(24, k as usize)),
                },
            ],
        })
        .collect()
}

#[test]
fn trends_in_the_list_and_on_their_screen() {
    let mut h = fixture(Lang::En, ColorMode::Ansi16);
    h.send(Message::Trend(thirteen_days()));
    // wide enough: a sparkline beside each building; the tower's rises then drops to today's 1
    let wide = h.screen(200, 40);
    let row = wide
        .lines()
        .find(|l| l.contains(">tower"))
        .expect("tower row");
    // the last seven days (7 … 12, then today 1), from 0 at the bottom: 1 is low but not nothing
    assert!(row.contains("▅▆▆▇▇█▂"), "{row}");
    h.keys("T");
    let buf = h.buffer(80, 24);
    let (x, y) = find(&buf, "X isolating");
    assert_eq!(buf[(x, y)].bg, Color::Red, "the status's own colour");
    insta::assert_snapshot!("trend_en_80x24", buffer_text(&buf));
    h.keys("<Tab>");
    assert!(h.screen(80, 24).contains("trend · tower"));
    h.keys("<Esc>");
    assert!(matches!(h.app.mode, Mode::Normal));
}

#[test]
fn a_past_day_says_which_and_marks_its_changes() {
    use loupan::tui::app::{DayView, Past};
    let mut h = fixture(Lang::Zh, ColorMode::Ansi16);
    let mut tower = h.app.building().unwrap().clone();
    let i = tower.find("602").unwrap();
    tower.units[i].record.status = Status::Vacant;
    h.send(Message::DayShown(Box::new(DayView {
        past: Some(Past {
            day: "2026-11-28".parse().unwrap(),
            commit: loupan::core::ids::CommitId::parse("0123456789abcdef0123456789abcdef01234567"),
        }),
        load: vec![(bid("tower"), Ok(tower))],
        gone: vec![bid("annex")],
        marks: [(bid("tower"), vec!["602".to_string()])].into(),
    })));
    let screen = h.screen(80, 24);
    assert!(screen.contains("+_602"), "{screen}");
    assert!(screen.contains("2026-11-28 日终"), "{screen}");
    insta::assert_snapshot!("past_day_zh_80x24", screen);
    h.keys("1");
    assert!(screen.contains("只读"));
    assert_eq!(
        h.status("tower", "601"),
        "isolating",
        "nothing written in the past"
    );
}

/// The status line at 80×24, in both languages: Today's hints hold Tab and u; `e`'s question is
/// read whole on the status line; `Y` blocked by tmux shows the whole path of the file the report
/// went to, folded on the rows above the status line.
#[test]
fn hints_and_confirmations_fit_80_columns() {
    use loupan::tui::clipboard::{Copied, Route};
    for lang in [Lang::En, Lang::Zh] {
        let name = if lang == Lang::En { "en" } else { "zh" };
        let mut h = fixture(lang, ColorMode::Ansi16);
        h.keys("t");
        let screen = h.screen(80, 24);
        let status = screen.lines().last().unwrap_or_default().to_string();
        for key in [" 1-6 ", " Tab ", " u ", " e ", " Enter ", " Esc "] {
            assert!(status.contains(key), "{name}: {key} in {status:?}");
        }
        insta::assert_snapshot!(format!("today_{name}_80x24"), screen);
        h.keys("e");
        let screen = h.screen(80, 24);
        let status = screen.lines().last().unwrap_or_default().to_string();
        let asked = lang.pick("u undoes", "u 撤销");
        assert!(status.contains(asked), "{name}: {status:?}\n{screen}");
        insta::assert_snapshot!(format!("today_release_{name}_80x24"), screen);
        h.keys("<Esc>");
        let path = "/home/王强/站点/loupan-report-2026-11-29.txt";
        h.app.on_report(Ok(Copied {
            text: "日报\n".into(),
            unread: 0,
            route: Route::Blocked,
            kept: Some(Ok(path.into())),
        }));
        let screen = h.screen(80, 24);
        let folded: String = screen.lines().map(str::trim).collect();
        assert!(folded.contains(path), "{name}: {path} whole in\n{screen}");
        assert!(folded.contains("set -g set-clipboard on"), "{screen}");
        for line in screen.lines().rev().take(4) {
            assert!(!line.contains('…'), "{name}: nothing cut: {line:?}");
        }
        insta::assert_snapshot!(format!("copy_blocked_{name}_80x24"), screen);
    }
}
