//! The map as a station worker meets it: Chinese interface, small windows, a colleague editing at
//! the same time, an input method, dates as people say them. Each test reads as "these buildings,
//! these keys, then this is true".

mod common;
use common::screen::{Harness, buffer_text};
use common::*;
use loupan::core::i18n::Lang;
use loupan::tui::app::Notice;
use loupan::tui::modes::Mode;
use loupan::tui::theme::ColorMode;

fn zh_sample() -> Harness {
    Harness::sample(Lang::Zh, ColorMode::Ansi16)
}

/// Goes to a building, then to a unit of it by searching for its label (the current building
/// is searched first).
fn goto(h: &mut Harness, building: &str, label: &str) {
    h.app.current = h.app.index_of(building).expect("building");
    h.keys(&format!("/{label}<Enter>"));
    assert_eq!(
        (
            h.app.current_id().map(|i| i.as_str()),
            h.cursor_label().as_str()
        ),
        (Some(building), label)
    );
}

#[test]
fn the_1701_case_the_colleagues_note_survives() {
    let mut h = zh_sample();
    goto(&mut h, "haigang", "1701");
    // the worker opens the form and writes a note…
    h.keys("<Enter><Tab><Tab><Tab>已送菜");
    // …while a colleague sets 1701 isolating with a note of their own
    h.outside(
        "haigang",
        "1701",
        change(&[("status", "isolating"), ("note", "社区医生上门")]),
    );
    h.keys("<Enter>");
    let Mode::Conflict(c) = &h.app.mode else {
        panic!("the note changed both ways: {:?}", h.app.mode)
    };
    assert_eq!(
        c.rows.len(),
        1,
        "only the field the worker changed: {:?}",
        c.rows
    );
    assert!(
        c.rows[0].clash() && !c.rows[0].take_mine,
        "both changed the note: theirs unless chosen"
    );
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("我的 已送菜") && screen.contains("对方 社区医生上门"),
        "{screen}"
    );
    assert!(
        !screen.lines().any(|l| l.contains("状态: 我的")),
        "no status the worker never touched: {screen}"
    );
    h.keys("y");
    let r = h.unit("haigang", "1701");
    assert_eq!(
        (r.status.key(), r.note.as_deref()),
        ("isolating", Some("社区医生上门"))
    );
}

#[test]
fn in_the_conflict_window_a_field_can_be_taken_as_mine() {
    let mut h = zh_sample();
    goto(&mut h, "haigang", "1701");
    h.keys("<Enter><Tab><BS>4<Tab><Tab>已送菜");
    h.outside(
        "haigang",
        "1701",
        change(&[("status", "isolating"), ("note", "社区医生上门")]),
    );
    h.keys("<Enter>");
    let Mode::Conflict(c) = &h.app.mode else {
        panic!("{:?}", h.app.mode)
    };
    assert_eq!(c.rows.len(), 2, "people and note: {:?}", c.rows);
    assert!(!c.rows[0].clash(), "only I changed people");
    // move to the note and take mine; people (mine alone) goes in as well
    h.keys("<Tab> y");
    let r = h.unit("haigang", "1701");
    assert_eq!(r.status.key(), "isolating", "their status stays");
    assert_eq!(r.note.as_deref(), Some("已送菜"));
    assert_eq!(r.people, Some(4));
}

#[test]
fn a_mistake_in_the_form_is_shown_beside_the_field_in_chinese_and_nothing_is_lost() {
    let mut h = Harness::with("plaza:2x2", Lang::Zh, ColorMode::Ansi16);
    // since, then an until before it
    h.keys("<Enter>王家<Tab><Tab><Tab><Tab>2026-12-13<Tab>2026-12-01<Enter>");
    assert!(matches!(h.app.mode, Mode::Form(_)), "the form stays open");
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("隔离结束日期 2026-12-01 早于开始日期 2026-12-13"),
        "{screen}"
    );
    assert!(
        !screen.contains("internal") && !screen.contains("内部错误"),
        "{screen}"
    );
    let Mode::Form(f) = &h.app.mode else {
        unreachable!()
    };
    assert!(
        f.rows.iter().any(|r| r.text == "王家"),
        "what was typed is all there"
    );
    // a date that does not exist is called that, not a format error
    h.keys("<BS><BS>32");
    assert!(
        h.screen(120, 30).contains("2026 年 12 月只有 31 天"),
        "{}",
        h.screen(120, 30)
    );
    h.keys("<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>+14<Enter>");
    assert_eq!(h.app.mode, Mode::Normal, "{}", h.screen(120, 30));
    let r = h.unit("plaza", "201");
    assert_eq!(
        r.until.get().map(|d| d.to_string()).as_deref(),
        Some("2026-12-26"),
        "+14 counts from the start typed (12-13 is day 1), docs/spec.md §6"
    );
}

#[test]
fn a_save_that_fails_on_disk_brings_the_form_back_as_typed() {
    let mut h = Harness::with("plaza:2x2", Lang::Zh, ColorMode::Ansi16);
    h.keys("<Enter>王家<Tab>3");
    // the file breaks under the open form (a bad hand edit, a half-done git merge)
    std::fs::write(
        h.dir.join("plaza.toml"),
        "name = \"x\"\nfloors = 2\n[units]\n201 = { status = \n",
    )
    .unwrap();
    h.keys("<Enter>");
    let Mode::Form(f) = &h.app.mode else {
        panic!("the form is back: {:?}", h.app.mode)
    };
    assert!(f.failed.is_some());
    assert!(f.rows.iter().any(|r| r.text == "王家") && f.rows.iter().any(|r| r.text == "3"));
    assert!(matches!(&h.app.notice, Some(Notice::Error(m)) if m.zh.contains("你输入的内容都还在")));
}

#[test]
fn isolating_starts_today_and_the_form_shows_the_default_end() {
    let mut h = Harness::with("plaza:2x2", Lang::Zh, ColorMode::Ansi16);
    h.keys("2");
    assert_eq!(
        h.unit("plaza", "201").since.get(),
        Some(common::screen::today()),
        "the key sets the start"
    );
    h.keys("l<Enter><S-Tab><S-Tab>2");
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("2026-11-29") && screen.contains("默认 2026-12-12"),
        "{screen}"
    );
    h.keys("<Enter>");
    let r = h.unit("plaza", "202");
    assert_eq!(
        (r.status.key(), r.since.get()),
        ("isolating", Some(common::screen::today()))
    );
}

#[test]
fn keys_typed_with_an_input_method_act_like_their_ascii_keys() {
    let mut h = Harness::with("plaza:3x3", Lang::Zh, ColorMode::Ansi16);
    h.keys("２");
    assert_eq!(h.status("plaza", "301"), "isolating", "full-width 2");
    h.keys("、302<Enter>５");
    assert_eq!(
        h.status("plaza", "302"),
        "vacant",
        "、 opens search as / does"
    );
    h.keys("／103<Enter>１");
    assert_eq!(h.status("plaza", "103"), "healthy");
    h.keys("？");
    assert!(matches!(&h.app.mode, Mode::Help(x) if x.top == 0 && *x.over == Mode::Normal));
    h.keys("<Esc>ｕ");
    assert_eq!(h.status("plaza", "103"), "unknown", "full-width u undoes");
    // in a text field, a full-width character is text
    h.keys("<Enter>王２号");
    let Mode::Form(f) = &h.app.mode else { panic!() };
    assert!(f.rows.iter().any(|r| r.text == "王２号"));
}

#[test]
fn search_finds_statuses_by_either_name_and_n_walks_a_filter() {
    let mut h = Harness::with("plaza:3x3", Lang::Zh, ColorMode::Ansi16);
    h.keys("j5jl5");
    h.keys("gh/居家隔离<Enter>");
    assert!(
        matches!(&h.app.notice, Some(Notice::Error(_))),
        "none isolating yet"
    );
    h.keys("/空置<Enter>");
    assert_eq!(h.cursor_label(), "201");
    h.keys("/vacant<Enter>n");
    assert_eq!(h.cursor_label(), "102");
    // no search, a filter on: n and N walk the filtered units
    h.keys("<Esc>");
    h.app.search = None;
    h.keys("fffff");
    assert_eq!(
        h.app.filter,
        Some(loupan::tui::app::FilterKind::Status(
            loupan::core::status::Status::Vacant
        ))
    );
    h.keys("gn");
    assert_eq!(h.cursor_label(), "201");
    h.keys("n");
    assert_eq!(h.cursor_label(), "102");
    h.keys("N");
    assert_eq!(h.cursor_label(), "201");
}

#[test]
fn a_unit_set_vacant_asks_whether_to_clear_the_household() {
    let mut h = Harness::with("plaza:1x2", Lang::Zh, ColorMode::Ansi16);
    h.outside(
        "plaza",
        "101",
        change(&[
            ("status", "healthy"),
            ("name", "王家"),
            ("people", "3"),
            ("contact", "13800000000"),
        ]),
    );
    h.rescan();
    h.keys("5");
    assert!(matches!(h.app.mode, Mode::Vacant(_)), "{:?}", h.app.mode);
    assert!(h.screen(100, 30).contains("仍登记着原住户"));
    h.keys("y");
    let r = h.unit("plaza", "101");
    assert_eq!(
        (r.status.key(), r.name, r.people.get(), r.contact),
        ("vacant", None, None, None)
    );
    h.keys("u");
    assert_eq!(
        h.unit("plaza", "101").name.as_deref(),
        Some("王家"),
        "clearing is its own undo step"
    );
    // n keeps them
    h.keys("l");
    h.outside(
        "plaza",
        "102",
        change(&[("status", "healthy"), ("name", "李家")]),
    );
    h.rescan();
    h.keys("5n");
    assert_eq!(h.unit("plaza", "102").name.as_deref(), Some("李家"));
}

#[test]
fn an_outside_change_is_named_on_the_status_line() {
    let mut h = Harness::with("plaza:2x2", Lang::Zh, ColorMode::Ansi16);
    h.outside("plaza", "102", change(&[("status", "isolating")]));
    h.rescan();
    let screen = h.screen(100, 30);
    assert!(screen.contains("102 被他人修改：居家隔离"), "{screen}");
}

#[test]
fn floors_out_of_sight_are_marked_and_every_unit_reachable() {
    // 海港大厦 at 100×30: the basement and the podium are below the window
    let mut h = zh_sample();
    goto(&mut h, "haigang", "1701");
    let s = h.screen(100, 30);
    assert!(s.contains("18 层中的"), "says which floors show: {s}");
    assert!(
        s.contains("v│"),
        "a marker where floors continue below: {s}"
    );
    h.keys("G");
    assert_eq!(h.cursor_label(), "B1-01", "the lowest floor is reachable");
    let s = h.screen(100, 30);
    assert!(s.contains("B1-01") && s.contains("^│"), "{s}");
    // 滨江花园 at 80×24: floors 25 and 26 above
    goto(&mut h, "binjiang", "2501");
    let s = h.screen(80, 24);
    assert!(s.contains("23 层中的"), "{s}");
    h.keys("g");
    assert_eq!(&h.cursor_label()[..2], "26");
}

#[test]
fn status_line_hints_drop_whole_never_cut() {
    for (lang, mode_keys) in [
        (Lang::Zh, ""),
        (Lang::En, ""),
        (Lang::Zh, "v"),
        (Lang::En, "<Enter>"),
        (Lang::Zh, "o"),
    ] {
        let mut h = Harness::with("plaza:3x3", lang, ColorMode::Ansi16);
        h.keys(mode_keys);
        let all: Vec<String> = loupan::tui::keymap::hints(h.app.mode.kind(), lang)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        for w in (30..=140).step_by(3) {
            let line = buffer_text(&h.buffer(w, 24))
                .lines()
                .last()
                .unwrap_or("")
                .trim_end()
                .to_string();
            // hints go in order of importance: the ones shown are a whole prefix of the list, and
            // the line ends on a whole one (or on the mode and notice, when none fits)
            let shown = all
                .iter()
                .take_while(|hint| line.contains(&format!(" {hint}")))
                .count();
            assert!(
                all[shown..]
                    .iter()
                    .all(|hint| !line.contains(&format!(" {hint}"))),
                "hints out of order at width {w}: {line:?}"
            );
            if shown > 0 {
                assert!(
                    line.ends_with(&all[shown - 1]),
                    "cut at width {w}: {line:?}"
                );
            }
        }
    }
}

#[test]
fn the_header_counts_every_building() {
    let h = zh_sample();
    let s = h.screen(120, 40);
    let (_, total) = h.app.totals();
    let line = s
        .lines()
        .find(|l| l.contains("全部 "))
        .expect("a totals row");
    assert!(line.contains(&total.units.to_string()), "{line}");
    assert!(
        line.contains(&format!(
            "X{}",
            total.get(loupan::core::status::Status::Isolating)
        )),
        "{line}"
    );
    assert!(
        line.contains(&format!("{}%", total.verified_percent())),
        "{line}"
    );
}

#[test]
fn help_explains_every_mark_even_in_a_small_window() {
    let mut h = Harness::with("plaza:2x2", Lang::Zh, ColorMode::Ansi16);
    h.keys("?");
    assert!(h.screen(80, 24).contains("下面还有"), "says there is more");
    h.keys("jjjjjjjjjjjjjjjjjjjj");
    let s = h.screen(80, 24);
    for mark in [
        "今天还要打电话",
        "的上门次数",
        "刚被他人修改",
        "最近一次提交不同",
        "在框选范围内",
        "下方还有楼层",
    ] {
        assert!(s.contains(mark), "{mark}: {s}");
    }
}

/// Tabs through the open form until `field` has the focus.
fn focus_on(h: &mut Harness, field: loupan::core::fields::Field) {
    for _ in 0..20 {
        let Mode::Form(f) = &h.app.mode else {
            panic!("the form")
        };
        if f.rows[f.focus].field == field {
            return;
        }
        h.keys("<Tab>");
    }
    panic!("no {field:?} row");
}

/// docs/spec.md §6: `+14` typed for the end counts 14 days from the start, as the status key does (day 14
/// of 14, not 15), and the form shows the date it resolves to while it is typed.
#[test]
fn plus_fourteen_in_the_form_is_the_status_keys_fourteen_days() {
    let mut h = Harness::new("plaza:3x3");
    h.keys("2<Enter>");
    focus_on(&mut h, loupan::core::fields::Field::Until);
    h.keys("+14");
    let since = common::screen::today();
    let end = since.checked_add(jiff::Span::new().days(13)).unwrap();
    let screen = h.screen(100, 30);
    assert!(screen.contains(&format!("+14_  → {end}")), "{screen}");
    h.keys("<Enter>");
    let r = h.unit("plaza", "301");
    assert_eq!((r.since.get(), r.until.get()), (Some(since), Some(end)));
    assert_eq!(loupan::core::isolation::length(&r), Some(14));
    let screen = h.screen(100, 30);
    assert!(screen.contains("of 14"), "{screen}");
    // typed with a start of its own, +14 counts from that start
    h.keys("<Enter>");
    focus_on(&mut h, loupan::core::fields::Field::Since);
    h.keys(&"<BS>".repeat(10));
    h.keys("2026-11-20");
    focus_on(&mut h, loupan::core::fields::Field::Until);
    h.keys(&"<BS>".repeat(10));
    h.keys("+14<Enter>");
    let r = h.unit("plaza", "301");
    assert_eq!(r.until.get(), Some(jiff::civil::date(2026, 12, 3)));
}

/// Issue 20: a field entered with a value has it selected — typing replaces it (`今天` over a date
/// is `今天`, not `2026-11-29今天`), backspace clears it — and Ctrl-U clears a field.
#[test]
fn typing_into_a_filled_field_replaces_it_and_ctrl_u_clears() {
    let mut h = Harness::new("plaza:3x3");
    h.keys("2<Enter>");
    let text = |h: &Harness, field: loupan::core::fields::Field| {
        let Mode::Form(f) = &h.app.mode else {
            panic!("the form")
        };
        f.rows
            .iter()
            .find(|r| r.field == field)
            .unwrap()
            .text
            .clone()
    };
    use loupan::core::fields::Field;
    focus_on(&mut h, Field::Since);
    assert_eq!(
        text(&h, Field::Since),
        "2026-11-29",
        "pre-filled by the status key"
    );
    for (keys, expected, why) in [
        ("今天", "今天", "typing replaced the selected value"),
        ("<C-u>", "", "Ctrl-U cleared the field"),
        (
            "2026-11-20<BS>1",
            "2026-11-21",
            "after typing, backspace takes one",
        ),
        (
            "<Tab><S-Tab><BS>",
            "",
            "backspace on a selected value clears it",
        ),
        (
            "2026-11-20<Tab><S-Tab><Right><BS>1",
            "2026-11-21",
            "→ on a selected value edits it in place",
        ),
    ] {
        h.keys(keys);
        assert_eq!(text(&h, Field::Since), expected, "{keys}: {why}");
    }
    // Ctrl-U clears the search query too
    h.keys("<Esc>/60<C-u>7");
    let Mode::Search(s) = &h.app.mode else {
        panic!("the search")
    };
    assert_eq!(s.query, "7");
}

/// Issue 20: Ctrl-C in the form or in a follow-up note with something typed asks — save and
/// quit, quit without saving, or keep editing — and never throws the typing away unasked.
#[test]
fn ctrl_c_over_typed_text_asks_before_anything_is_lost() {
    use loupan::tui::keymap::ModeKind;
    // keep editing, then y: saved, and only then the map quits
    let mut h = Harness::new("plaza:2x2");
    h.keys("<Enter>王家<C-c>");
    assert_eq!(h.app.mode.kind(), ModeKind::AskQuit);
    assert!(!h.quit, "nothing typed is thrown away unasked");
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("Unsaved:") && screen.contains("quit without saving"),
        "{screen}"
    );
    h.keys("<Esc>");
    assert_eq!(h.app.mode.kind(), ModeKind::Form, "Esc: back to the form");
    h.keys("一<C-c>y");
    assert!(h.quit, "y: saved, then quit");
    assert_eq!(h.unit("plaza", "201").name.as_deref(), Some("王家一"));

    // n: quit without saving
    let mut h = Harness::new("plaza:2x2");
    h.keys("<Enter>李<C-c>n");
    assert!(h.quit);
    assert_eq!(h.unit("plaza", "201").name, None);

    // a field in error: y keeps the form open, says why
    let mut h = Harness::new("plaza:2x2");
    h.keys("<Enter><Tab>x<C-c>y");
    assert!(!h.quit, "an invalid form is not quit");
    assert_eq!(h.app.mode.kind(), ModeKind::Form);
    assert!(
        format!("{:?}", h.app.notice).contains("not saved"),
        "{:?}",
        h.app.notice
    );

    // nothing typed: Ctrl-C quits at once
    let mut h = Harness::new("plaza:2x2");
    h.keys("<Enter><C-c>");
    assert!(h.quit);

    // a follow-up note: y logs it with the chosen outcome, then quits
    let mut h = Harness::new("plaza:2x2");
    h.keys("2c<Enter>需代购<C-c>");
    assert_eq!(h.app.mode.kind(), ModeKind::AskQuit);
    assert!(h.screen(100, 30).contains("Note not logged:"));
    h.keys("y");
    assert!(h.quit);
    let day = loupan::store::Station::open(h.dir.clone(), Default::default()).journal();
    let notes: Vec<String> = day
        .index
        .all()
        .filter_map(|e| e.note.as_deref().map(String::from))
        .collect();
    assert_eq!(notes, ["需代购"]);
}

/// Issue 21: `b` files an update for the company under the cursor — ←/→ chooses among a shared
/// office's companies — with the same checks as the command line, stamped with the day.
#[test]
fn b_files_an_update_for_the_company_under_the_cursor() {
    let mut h = Harness::new("plaza:2x2");
    ok(
        &h.dir,
        &[
            "company",
            "add",
            "plaza",
            "201",
            "甲科技",
            "--headcount",
            "10",
        ],
    );
    ok(
        &h.dir,
        &[
            "company",
            "add",
            "plaza",
            "201",
            "乙咨询",
            "--headcount",
            "3",
        ],
    );
    h.rescan();
    h.keys("b");
    let Mode::Filing(f) = &h.app.mode else {
        panic!("the filing form: {:?}", h.app.mode)
    };
    assert_eq!(f.company().name(), "甲科技");
    // → on a row that is not the status: the next company
    h.keys("<Right>");
    let Mode::Filing(f) = &h.app.mode else {
        panic!()
    };
    assert_eq!(f.company().name(), "乙咨询");
    assert!(h.screen(100, 30).contains("乙咨询 2/2"));
    // on site 5 of a headcount of 3 is refused beside the field; the form stays
    let to = |h: &Harness, field: loupan::core::company::CompanyField| {
        let Mode::Filing(f) = &h.app.mode else {
            panic!()
        };
        f.rows.iter().position(|r| r.0 == field).unwrap()
    };
    use loupan::core::company::CompanyField;
    let n = to(&h, CompanyField::OnSite);
    h.keys(&"<Tab>".repeat(n));
    h.keys("5<Enter>");
    assert!(matches!(h.app.mode, Mode::Filing(_)), "refused, kept open");
    assert!(h.screen(100, 30).contains("more than the headcount"));
    h.keys("<BS>2<Enter>");
    assert_eq!(h.app.mode, Mode::Normal);
    let listed = ok(&h.dir, &["company", "list", "--json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap();
    let yi = all.iter().find(|c| c["name"] == "乙咨询").unwrap();
    assert_eq!(yi["on-site"], 2, "{yi}");
    assert!(
        format!("{:?}", h.app.notice).contains("filed"),
        "{:?}",
        h.app.notice
    );
    // a unit without a company says so
    h.keys("l b");
    assert_eq!(h.app.mode, Mode::Normal);
}

/// Ctrl-C over a filing typed in the company form asks as the unit form does (issue 21).
#[test]
fn ctrl_c_over_a_typed_filing_asks_before_anything_is_lost() {
    use loupan::core::company::CompanyField;
    use loupan::tui::keymap::ModeKind;
    let setup = || {
        let mut h = Harness::new("plaza:2x2");
        ok(
            &h.dir,
            &[
                "company",
                "add",
                "plaza",
                "201",
                "甲科技",
                "--headcount",
                "10",
            ],
        );
        h.rescan();
        h.keys("b");
        let Mode::Filing(f) = &h.app.mode else {
            panic!("the filing form: {:?}", h.app.mode)
        };
        let n = f
            .rows
            .iter()
            .position(|r| r.0 == CompanyField::OnSite)
            .unwrap();
        h.keys(&"<Tab>".repeat(n));
        h
    };
    let on_site = |h: &Harness| {
        let listed = ok(&h.dir, &["company", "list", "--json"]);
        let all: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap();
        all[0]["on-site"].as_u64()
    };
    let mut h = setup();
    h.keys("4<C-c>");
    assert_eq!(h.app.mode.kind(), ModeKind::AskQuit);
    assert!(!h.quit);
    h.keys("<Esc>");
    assert_eq!(h.app.mode.kind(), ModeKind::Form, "Esc: back to typing");
    h.keys("<C-c>y");
    assert!(h.quit, "y: filed, then quit");
    assert_eq!(on_site(&h), Some(4));
    let mut h = setup();
    h.keys("4<C-c>n");
    assert!(h.quit);
    assert_eq!(on_site(&h), None, "n: nothing filed");
    let mut h = setup();
    h.keys("40<C-c>y");
    assert!(
        !h.quit,
        "more on site than the headcount: not filed, not quit"
    );
    assert!(matches!(h.app.mode, Mode::Filing(_)));
}
