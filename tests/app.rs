//! The TUI's behaviour without a terminal: buildings in, keys in, files and state out.
//! Each test reads as "these buildings, these keys, then this is true".

mod common;
use common::screen::Harness;
use common::station;
use loupan::core::status::Status;
use loupan::tui::app::{FilterKind, Message};
use loupan::tui::modes::Mode;

#[test]
fn status_keys_save_the_unit_under_the_cursor() {
    // the cursor starts on the top floor's first unit
    let mut h = Harness::new("plaza:10x8");
    h.keys("2");
    assert_eq!(h.status("plaza", "1001"), "isolating");
    h.keys("jl5");
    assert_eq!(h.status("plaza", "902"), "vacant");
    h.keys("<Down><Right>1<Up><Up><Left>0");
    assert_eq!(h.status("plaza", "803"), "healthy");
    assert_eq!(h.status("plaza", "1002"), "unknown");
    h.keys("l3l4");
    assert_eq!(
        (h.status("plaza", "1003"), h.status("plaza", "1004")),
        ("not-resumed", "resumed")
    );
}

#[test]
fn movement_stops_at_edges_and_top_bottom_jump() {
    let mut h = Harness::new("plaza:3x3");
    h.keys("kkkhhh");
    assert_eq!(h.cursor_label(), "301");
    h.keys("lllllG");
    assert_eq!(h.cursor_label(), "103");
    h.keys("g");
    assert_eq!(h.cursor_label(), "303");
}

#[test]
fn undo_and_redo_are_saved() {
    let mut h = Harness::new("plaza:2x2");
    h.keys("2w");
    assert!(h.unit("plaza", "201").live_work);
    h.keys("u");
    assert!(!h.unit("plaza", "201").live_work);
    assert_eq!(h.status("plaza", "201"), "isolating");
    h.keys("u");
    assert_eq!(h.status("plaza", "201"), "unknown");
    h.keys("u");
    assert!(
        h.app
            .notice
            .as_ref()
            .is_some_and(|n| format!("{n:?}").contains("nothing to undo"))
    );
    h.keys("<C-r><C-r>");
    assert_eq!(h.status("plaza", "201"), "isolating");
    assert!(h.unit("plaza", "201").live_work);
    // a new edit clears the redo stack
    h.keys("uu5<C-r>");
    assert_eq!(h.status("plaza", "201"), "vacant");
}

#[test]
fn block_selection_is_one_write_and_one_undo_step() {
    let mut h = Harness::new("plaza:10x8");
    h.keys("/901<Enter>vllj3");
    for u in ["901", "902", "903", "801", "802", "803"] {
        assert_eq!(h.status("plaza", u), "not-resumed", "{u}");
    }
    assert_eq!(h.status("plaza", "904"), "unknown");
    assert_eq!(
        h.app.mode,
        Mode::Normal,
        "the selection ends after it was applied"
    );
    h.keys("u");
    for u in ["901", "902", "903", "801", "802", "803"] {
        assert_eq!(h.status("plaza", u), "unknown", "{u}");
    }
    // undo put the cursor back on 901; select down to 801, cancel, then one key is one unit
    h.keys("vj<Esc>1");
    assert_eq!(
        h.status("plaza", "901"),
        "unknown",
        "Esc cancelled the selection"
    );
    assert_eq!(h.status("plaza", "801"), "healthy");
}

#[test]
fn search_by_label_name_and_note_across_buildings() {
    let mut h = Harness::new("annex:5x4 plaza:10x8");
    h.outside(
        "plaza",
        "1004",
        common::change(&[("name", "Household Wang"), ("note", "送菜上门")]),
    );
    h.rescan();
    // a household's unit made a company asks for the company's name (the household's stays
    // private); the form opens once the digit is settled (a pause: it may start a unit number)
    h.keys("/household wang<Enter>4");
    h.keys("<Enter>");
    h.keys("Wang Trading<Enter>");
    assert_eq!(h.status("plaza", "1004"), "resumed");
    assert_eq!(
        h.unit("plaza", "1004").name.as_deref(),
        Some("Wang Trading")
    );
    h.keys("<Tab>/送菜<Enter>");
    assert_eq!(h.cursor_label(), "1004");
    // the current building first: 101 of annex before 101 of plaza
    h.keys("<Tab>/101<Enter>");
    assert_eq!(h.app.entries[h.app.current].id, "annex");
    h.keys("n");
    assert_eq!(h.app.entries[h.app.current].id, "plaza");
    h.keys("N");
    assert_eq!(h.app.entries[h.app.current].id, "annex");
    // Esc during a search goes back where it started
    h.keys("/1003<Esc>");
    assert_eq!(h.cursor_label(), "101");
    h.keys("/zzz<Enter>");
    assert!(format!("{:?}", h.app.notice).contains("no match"));
}

#[test]
fn form_validates_inline_and_saves_all_fields() {
    let mut h = Harness::new("plaza:2x2");
    // the form opens on the name; then people, contact, note, since
    h.keys("<Enter>王家<Tab>x<Tab>138<Tab>每日随访<Tab>2020-02-30<Enter>");
    assert!(
        matches!(h.app.mode, Mode::Form(_)),
        "invalid input keeps the form open"
    );
    assert_eq!(h.unit("plaza", "201").name, None, "nothing saved");
    let screen = h.screen(140, 30);
    assert!(screen.contains("people must be a whole number"), "{screen}");
    assert!(screen.contains("month 2 of 2020 has 29 days"), "{screen}");
    // a failed save puts the cursor on the first wrong field: people
    // (a field entered has its value selected: typing replaces it)
    h.keys("<BS>3<Down><Down><Down>2020-02-10<Tab>2020-02-01<Enter>");
    assert!(
        matches!(h.app.mode, Mode::Form(_)),
        "an end before the start keeps the form open"
    );
    assert!(h.screen(100, 30).contains("is before the start date"));
    h.keys("<BS><BS>23<Tab>today<Enter>");
    assert_eq!(h.app.mode, Mode::Normal);
    let r = h.unit("plaza", "201");
    assert_eq!(r.name.as_deref(), Some("王家"));
    assert_eq!(r.people, Some(3));
    assert_eq!(r.contact.as_deref(), Some("138"));
    assert_eq!(r.note.as_deref(), Some("每日随访"));
    assert_eq!(
        r.since.get().map(|d| d.to_string()).as_deref(),
        Some("2020-02-10")
    );
    assert_eq!(
        r.until.get().map(|d| d.to_string()).as_deref(),
        Some("2020-02-23")
    );
    assert_eq!(
        r.checked.get(),
        Some(common::screen::today()),
        "`today` is a date"
    );
    h.keys("<Enter><BS><BS><Esc>");
    assert_eq!(
        h.unit("plaza", "201").name.as_deref(),
        Some("王家"),
        "Esc cancels"
    );
}

#[test]
fn c_logs_a_follow_up_and_w_toggles_live_work() {
    let mut h = Harness::new("plaza:1x2");
    h.keys("c1");
    let day = station(&h.dir).journal_day(jiff::ZonedDateTime::now().date());
    assert_eq!(day.entries.len(), 1, "one entry appended");
    let e = &day.entries[0].1;
    assert_eq!(
        (&*e.unit, e.outcome.key(), e.via.key()),
        ("101", "well", "visit"),
        "an unknown unit is door-knocked"
    );
    assert_eq!(
        h.unit("plaza", "101").checked.get(),
        None,
        "the journal holds it, not `checked`"
    );
    h.keys("lw");
    assert!(h.unit("plaza", "102").live_work);
}

#[test]
fn filter_cycles_and_clears() {
    let mut h = Harness::new("plaza:1x2");
    h.keys("f");
    assert_eq!(h.app.filter, Some(FilterKind::Status(Status::Healthy)));
    h.keys("fffff");
    assert_eq!(h.app.filter, Some(FilterKind::Status(Status::Unknown)));
    h.keys("f");
    assert_eq!(h.app.filter, Some(FilterKind::LiveWork));
    h.keys("f");
    assert_eq!(h.app.filter, None);
    h.keys("ffF");
    assert_eq!(h.app.filter, None);
}

#[test]
fn buildings_switch_with_tab_overview_and_click() {
    let mut h = Harness::new("a:2x2 b:2x2 c:2x2");
    h.keys("<Tab>1");
    assert_eq!(h.status("b", "201"), "healthy");
    h.keys("<S-Tab><S-Tab>");
    assert_eq!(h.app.entries[h.app.current].id, "c");
    h.keys("o<Right><Enter>");
    assert_eq!(h.app.entries[h.app.current].id, "a");
    h.keys("o<Esc>");
    assert_eq!(h.app.mode, Mode::Normal);
    // a click on the list's second building row (below the border and the totals row)
    h.send(Message::Resize(100, 30));
    h.send(Message::Click { x: 3, y: 3 });
    assert_eq!(h.app.entries[h.app.current].id, "b");
}

#[test]
fn help_and_quit() {
    let mut h = Harness::new("a:1x1");
    h.keys("?");
    assert!(matches!(&h.app.mode, Mode::Help(x) if x.top == 0 && *x.over == Mode::Normal));
    assert!(h.screen(100, 30).contains("undo / redo"));
    h.keys("<Esc>");
    assert_eq!(h.app.mode, Mode::Normal);
    h.keys("q");
    assert!(h.quit);
    let mut h = Harness::new("a:1x1");
    h.keys("<C-c>");
    assert!(h.quit);
}

#[test]
fn read_only_refuses_every_edit() {
    let mut h = Harness::new("a:2x2");
    h.app.read_only = Some(loupan::core::i18n::Text::same("read-only"));
    let before = std::fs::read(h.dir.join("a.toml")).unwrap();
    h.keys("12345w0c<Enter>vl1u");
    assert_eq!(std::fs::read(h.dir.join("a.toml")).unwrap(), before);
    assert!(format!("{:?}", h.app.notice).contains("read-only"));
}

#[test]
fn a_stale_edit_is_refused_showing_the_current_value_then_applied_on_top() {
    let mut h = Harness::new("a:2x2");
    // someone else marks 201 resumed after this screen drew it
    h.outside(
        "a",
        "201",
        common::change(&[("status", "resumed"), ("note", "theirs")]),
    );
    h.keys("w");
    assert_eq!(h.status("a", "201"), "resumed", "not overwritten");
    assert!(!h.unit("a", "201").live_work);
    assert!(matches!(h.app.mode, Mode::Conflict(_)));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("now resumed") && screen.contains("live-work: yes  (now no)"),
        "only the field I changed, beside its current value: {screen}"
    );
    // edits to other units are not affected
    h.keys("<Esc>l5");
    assert_eq!(h.status("a", "202"), "vacant");
    // the screen now shows the current value; trying again on purpose applies on top
    h.keys("h");
    let mut h2 = h;
    h2.keys("w");
    assert!(
        h2.unit("a", "201").live_work,
        "the reloaded view is current, so this edit applies"
    );
    assert_eq!(h2.unit("a", "201").note.as_deref(), Some("theirs"));
}

#[test]
fn conflict_apply_mine_keeps_their_other_fields() {
    let mut h = Harness::new("a:1x1");
    h.outside("a", "101", common::change(&[("note", "theirs")]));
    // the status digit is set after a pause; the conflict window then asks
    h.keys("2").keys("y");
    let r = h.unit("a", "101");
    assert_eq!(
        (r.status.key(), r.note.as_deref()),
        ("isolating", Some("theirs"))
    );
    h.keys("u");
    assert_eq!(h.status("a", "101"), "unknown");
    assert_eq!(h.unit("a", "101").note.as_deref(), Some("theirs"));
}

#[test]
fn a_broken_building_is_read_only_and_the_others_work() {
    let mut h = Harness::new("a:1x1 b:1x1");
    std::fs::write(
        h.dir.join("a.toml"),
        "name = \"x\"\nfloors = 1\n[units]\n101 = { status = \n",
    )
    .unwrap();
    h.rescan();
    let before = std::fs::read(h.dir.join("a.toml")).unwrap();
    h.keys("1");
    assert_eq!(std::fs::read(h.dir.join("a.toml")).unwrap(), before);
    let screen = h.screen(100, 30);
    assert!(screen.contains("a.toml:4:"), "the error is shown: {screen}");
    h.keys("<Tab>1");
    assert_eq!(h.status("b", "101"), "healthy");
}

#[test]
fn outside_changes_are_marked_and_counted() {
    let mut h = Harness::new("a:1x2");
    h.outside(
        "a",
        "102",
        loupan::core::edit::Change::Set(loupan::core::model::Record::with_status(
            Status::Isolating,
        )),
    );
    h.rescan();
    assert!(h.app.entries[0].changed.contains_key("102"));
    assert_eq!(h.app.entries[0].counts.get(Status::Isolating), 1);
    assert!(h.screen(100, 30).contains("~X102"));
    for _ in 0..loupan::tui::app::CHANGE_MARK_TICKS {
        h.send(Message::Tick);
    }
    assert!(h.app.entries[0].changed.is_empty(), "the mark fades");
}

#[test]
fn a_form_opened_before_an_outside_change_keeps_both() {
    let mut h = Harness::new("a:1x1");
    h.keys("<Enter>王家");
    // meanwhile someone adds a note, and this screen reloads
    h.outside("a", "101", common::change(&[("note", "theirs")]));
    h.rescan();
    h.keys("<Enter>");
    assert_eq!(
        h.app.mode,
        Mode::Normal,
        "the form changed only the name: no conflict"
    );
    let r = h.unit("a", "101");
    assert_eq!(
        (r.name.as_deref(), r.note.as_deref()),
        (Some("王家"), Some("theirs")),
        "their note and my name are both kept"
    );
}

#[test]
fn a_file_broken_on_disk_after_loading_is_not_written_and_says_why() {
    let mut h = Harness::with(
        "a:1x1",
        loupan::core::i18n::Lang::Zh,
        loupan::tui::theme::ColorMode::Ansi16,
    );
    let broken = "name = \"x\"\nfloors = 1\nunits-per-floor = 1\n[units]\n101 = { status = \n";
    std::fs::write(h.dir.join("a.toml"), broken).unwrap();
    h.keys("1");
    assert_eq!(
        std::fs::read_to_string(h.dir.join("a.toml")).unwrap(),
        broken
    );
    let notice = format!("{:?}", h.app.notice);
    assert!(
        notice.contains("文件有误") && notice.contains("5:"),
        "{notice}"
    );
    assert!(
        matches!(h.app.entries[0].slot, loupan::tui::app::Slot::Broken(_)),
        "now shown as broken"
    );
}

#[test]
fn edits_made_while_saves_are_on_their_way_build_on_each_other() {
    let mut h = Harness::new("plaza:3x3");
    // isolating, then live-work on the same unit, then the next unit vacant: nothing on disk yet
    let held = h.held_keys("2wl5");
    assert_eq!(held.len(), 3, "{held:?}");
    assert_eq!(h.status("plaza", "301"), "unknown", "nothing written yet");
    let shown = &h.app.building().unwrap().units;
    assert_eq!(shown[0].record.status, Status::Isolating, "shown at once");
    assert!(
        shown[0].record.live_work,
        "the second edit is made on the first"
    );
    assert_eq!(shown[1].record.status, Status::Vacant);
    use loupan::tui::pending::Work;
    assert_eq!(h.app.pending.work, [Work::Saving; 3]);
    assert!(
        h.screen(80, 24).contains("saving… +2"),
        "{}",
        h.screen(80, 24)
    );
    h.release(held);
    assert!(h.app.pending.work.is_empty());
    assert_eq!(h.unit("plaza", "301").status, Status::Isolating);
    assert!(h.unit("plaza", "301").live_work, "no edit lost");
    assert_eq!(h.status("plaza", "302"), "vacant");
    assert!(!h.screen(80, 24).contains("saving…"));
    // undo takes back the last, then the one before
    h.keys("u");
    assert_eq!(h.status("plaza", "302"), "unknown");
}

#[test]
fn a_refused_save_on_its_way_falls_back_to_the_file() {
    let mut h = Harness::new("plaza:3x3");
    let held = h.held_keys("2");
    // someone else sets the unit vacant first
    h.outside("plaza", "301", common::change(&[("status", "vacant")]));
    h.release(held);
    assert!(
        matches!(h.app.mode, loupan::tui::modes::Mode::Conflict(_)),
        "asked which value to keep"
    );
    let shown = &h.app.building().unwrap().units[0].record;
    assert_eq!(
        shown.status,
        Status::Vacant,
        "the file's value, not the refused one"
    );
    let counts = &h.app.entries[h.app.current].counts;
    assert_eq!(
        counts.get(Status::Isolating),
        0,
        "counts follow what is shown"
    );
}

#[test]
fn search_by_building_then_unit_and_a_building_alone() {
    use loupan::core::i18n::Lang;
    use loupan::tui::theme::ColorMode;
    let mut h = Harness::sample(Lang::Zh, ColorMode::Ansi16);
    let here = |h: &Harness| {
        let e = &h.app.entries[h.app.current];
        (e.id.to_string(), h.cursor_label())
    };
    // 1904 is in four buildings; binjiang (the first) has one, so a bare search lands there
    h.keys("/1904<Enter>");
    assert_eq!(here(&h), ("binjiang".into(), "1904".into()));
    for query in [
        "海港 1904",
        "haigang 1904",
        "hai 1904",
        "海港大厦  1904",
        "ＨＡＩＧＡＮＧ　１９０４",
    ] {
        h.app.current = 0;
        h.keys(&format!("/{query}<Enter>"));
        assert_eq!(here(&h), ("haigang".into(), "1904".into()), "/{query}");
        assert_eq!(
            h.app.search.as_ref().map(|s| s.1.len()),
            Some(1),
            "/{query}"
        );
    }
    // a building alone selects it, where its cursor was
    h.app.current = 0;
    h.keys("/星河<Enter>");
    assert_eq!(h.app.entries[h.app.current].id, "xinghe");
    h.app.current = 0;
    h.keys("/lianfeng<Enter>");
    assert_eq!(h.app.entries[h.app.current].id, "lianfeng");
    // words that name no building are searched as they are
    h.keys("/海港 9999<Enter>");
    assert!(
        format!("{:?}", h.app.notice).contains("9999"),
        "{:?}",
        h.app.notice
    );
}

fn day_shown(
    day: Option<&str>,
    load: Vec<(&str, loupan::core::model::Building)>,
    gone: &[&str],
) -> Message {
    use loupan::tui::app::{DayView, Past};
    Message::DayShown(Box::new(DayView {
        past: day.map(|d| Past {
            day: d.parse().unwrap(),
            commit: loupan::core::ids::CommitId::parse("0123456789abcdef0123456789abcdef01234567"),
        }),
        load: load
            .into_iter()
            .map(|(id, b)| (common::bid(id), Ok(b)))
            .collect(),
        gone: gone.iter().map(|g| common::bid(g)).collect(),
        marks: Default::default(),
    }))
}

/// Issue 20: stepping through the days keeps the building chosen — even across days before it
/// existed — unless the user chose another meanwhile.
#[test]
fn stepping_through_the_days_keeps_the_chosen_building() {
    let mut h = Harness::new("a:1x1 b:1x1 c:1x1");
    h.keys("<Tab><Tab>");
    assert_eq!(h.app.entries[h.app.current].id, "c");
    let c = h.app.entries[2].building().unwrap().clone();
    // a day before c was built: c is not there, the map shows another
    h.send(day_shown(Some("2026-11-20"), vec![], &["c"]));
    assert_ne!(
        h.app.entries.get(h.app.current).map(|e| e.id.as_str()),
        Some("c")
    );
    h.send(day_shown(Some("2026-11-19"), vec![], &[]));
    // back on a day with c: c again
    h.send(day_shown(None, vec![("c", c.clone())], &[]));
    assert_eq!(h.app.entries[h.app.current].id, "c");
    // but a building the user moved to meanwhile stays chosen
    h.send(day_shown(Some("2026-11-20"), vec![], &["c"]));
    h.keys("<Tab>");
    let moved = h.app.entries[h.app.current].id.clone();
    h.send(day_shown(None, vec![("c", c)], &[]));
    assert_eq!(h.app.entries[h.app.current].id, moved);
}

/// Issue 20: an information notice fades after a few seconds of ticks; an error stays.
#[test]
fn information_fades_and_errors_stay() {
    use loupan::tui::app::{NOTICE_TICKS, Notice};
    let mut h = Harness::new("a:1x1");
    h.app.notice = Some(Notice::Info(loupan::core::i18n::Text::same(
        "3 units changed that day",
    )));
    for _ in 0..NOTICE_TICKS / 2 {
        h.send(Message::Tick);
    }
    assert!(h.app.notice.is_some(), "still there to be read");
    for _ in 0..NOTICE_TICKS {
        h.send(Message::Tick);
    }
    assert_eq!(h.app.notice, None, "a stale notice clears");
    h.app.notice = Some(Notice::Error(loupan::core::i18n::Text::same(
        "not saved: disk full",
    )));
    for _ in 0..NOTICE_TICKS * 2 {
        h.send(Message::Tick);
    }
    assert!(h.app.notice.is_some(), "an error stays until Esc");
}

/// Issue 20: a past day's door-knock counts are that day's, and so is its detail panel.
#[test]
fn a_past_day_counts_the_knocks_made_by_then() {
    use loupan::core::journal::{Entry, Index, Outcome, Via};
    let mut h = Harness::new("a:1x1");
    let today = h.app.today;
    let yesterday = today.yesterday().unwrap();
    let knock = |id: &str, day: jiff::civil::Date| Entry {
        id: id.into(),
        at: day.at(10, 0, 0, 0),
        by: "张丽".into(),
        building: "a".into(),
        unit: "101".into(),
        via: Via::Visit,
        outcome: Outcome::NotHome,
        note: None,
        withdraws: None,
    };
    h.send(Message::Journal {
        index: Index::from_entries([knock("k1", yesterday), knock("k2", today)]),
        problems: Vec::new(),
    });
    let tag = |h: &Harness| {
        let screen = h.screen(100, 30);
        let line = screen
            .lines()
            .find(|l| l.contains("?101"))
            .unwrap()
            .to_string();
        line.split("?101")
            .nth(1)
            .and_then(|r| r.chars().next())
            .unwrap()
    };
    assert_eq!(tag(&h), '2', "today: knocked twice");
    let a = h.app.entries[0].building().unwrap().clone();
    h.send(day_shown(Some(&yesterday.to_string()), vec![("a", a)], &[]));
    assert_eq!(tag(&h), '1', "yesterday: once by then");
    let screen = h.screen(100, 30);
    assert!(
        !screen.contains(&format!("{:02}-{:02} 10:00", today.month(), today.day())),
        "{screen}"
    );
}

/// Issue 32: a paste goes whole into the field being typed (a line break a space); outside a
/// field it is ignored with a notice and never acts as keys.
#[test]
fn a_paste_goes_whole_into_the_field_and_never_acts_as_keys() {
    use loupan::core::fields::Field;
    let mut h = Harness::new("plaza:12x8");
    h.send(Message::Paste("联系人：张小明 13600001111\n".into()));
    assert_eq!(
        h.status("plaza", "1201"),
        "unknown",
        "no digit acted as a key"
    );
    assert_eq!(h.app.mode, Mode::Normal);
    assert!(format!("{:?}", h.app.notice).contains("paste ignored"));
    // the form opens on the name; the note is three fields down
    h.keys("<Enter><Tab><Tab><Tab>");
    h.send(Message::Paste(
        "【社区通知】张家老人行动不便，\r\n需每日送菜；联系人：张小明 13600001111\n".into(),
    ));
    let Mode::Form(f) = &h.app.mode else {
        panic!("the form stays open: {:?}", h.app.mode)
    };
    assert_eq!(f.rows[f.focus].field, Field::Note);
    h.keys("<Enter>");
    let r = h.unit("plaza", "1201");
    assert_eq!(
        r.note.as_deref(),
        Some("【社区通知】张家老人行动不便， 需每日送菜；联系人：张小明 13600001111")
    );
    assert_eq!(r.status.key(), "unknown");
    // into find: the whole query at once
    h.keys("/");
    h.send(Message::Paste("1204\n".into()));
    assert_eq!(h.cursor_label(), "1204");
    assert!(matches!(h.app.mode, Mode::Search(_)));
    // a status (a choice, not typed) refuses it and says why
    h.keys("<Esc><Enter><Up>");
    h.send(Message::Paste("3".into()));
    assert!(format!("{:?}", h.app.notice).contains("chosen with"));
    h.keys("<Esc>");
    assert_eq!(h.status("plaza", "1201"), "unknown");
}

/// Issue 32: digits in a row are a unit number (find opens with them and goes there), never a
/// status; one digit alone still sets a status, at the next key or after a pause.
#[test]
fn digits_in_a_row_find_a_unit_and_one_digit_sets_a_status() {
    let mut h = Harness::new("plaza:12x8");
    assert_eq!(h.cursor_label(), "1201");
    h.typed("1204");
    assert!(matches!(h.app.mode, Mode::Search(_)), "{:?}", h.app.mode);
    assert_eq!(h.cursor_label(), "1204");
    h.keys("<Enter>");
    assert_eq!(h.cursor_label(), "1204");
    for u in ["1201", "1202", "1203", "1204", "1208"] {
        assert_eq!(h.status("plaza", u), "unknown", "{u}");
    }
    // one digit is held until the next key, which then acts on top of it
    h.typed("2");
    assert_eq!(h.status("plaza", "1204"), "unknown", "held");
    h.typed("j");
    assert_eq!(h.status("plaza", "1204"), "isolating");
    assert_eq!(h.cursor_label(), "1104");
    // or until a pause: ticks short of HELD_TICKS are not one yet, the last one is
    h.typed("3");
    for _ in 1..loupan::tui::digits::HELD_TICKS {
        h.send(Message::Tick);
    }
    assert_eq!(h.status("plaza", "1104"), "unknown");
    h.send(Message::Tick);
    assert_eq!(h.status("plaza", "1104"), "not-resumed");
    assert!(h.app.held.is_none());
    // full-width digits from an input method too
    h.typed("１１０１<Enter>");
    assert_eq!(h.cursor_label(), "1101");
    assert_eq!(h.status("plaza", "1101"), "unknown");
}

/// Issue 32: 6–9 are no status, so a unit number holding one goes to that unit whole: "701"
/// and "1107" are never cut to "01" or "110" (a tryout landed on 101 after typing 1701).
#[test]
fn a_unit_number_with_6_to_9_goes_to_that_unit() {
    let mut h = Harness::new("plaza:12x8");
    for (typed, unit) in [
        ("1107", "1107"),
        ("701", "701"),
        ("1206", "1206"),
        ("908", "908"),
    ] {
        h.typed(typed);
        assert!(
            matches!(h.app.mode, Mode::Search(_)),
            "{typed}: {:?}",
            h.app.mode
        );
        h.keys("<Enter>");
        assert_eq!(h.cursor_label(), unit, "{typed}");
    }
    for u in ["1101", "1107", "701", "1206", "908"] {
        assert_eq!(
            h.status("plaza", u),
            "unknown",
            "{u}: no status set on the way"
        );
    }
}

/// Issue 32: a notice is replaced by the next action's: a search that finds says so in place of
/// the last one's "no match".
#[test]
fn a_search_that_finds_replaces_the_last_no_match() {
    let mut h = Harness::new("plaza:12x8");
    h.keys("/海港 1904<Enter>");
    assert!(format!("{:?}", h.app.notice).contains("no match"));
    h.keys("/1204<Enter>");
    let n = format!("{:?}", h.app.notice);
    assert!(!n.contains("no match") && n.contains("/1204 1/1"), "{n}");
}

/// Issue 32: clearing a vacated unit's household says it was cleared, not "saved".
#[test]
fn clearing_a_vacated_unit_says_what_was_cleared() {
    let mut h = Harness::with(
        "plaza:2x2",
        loupan::core::i18n::Lang::Zh,
        loupan::tui::theme::ColorMode::Ansi16,
    );
    h.keys("<Enter>王家<Tab>3<Enter>");
    assert_eq!(h.unit("plaza", "201").name.as_deref(), Some("王家"));
    h.keys("5");
    assert!(matches!(h.app.mode, Mode::Vacant(_)), "{:?}", h.app.mode);
    h.keys("y");
    assert_eq!(h.unit("plaza", "201").name, None);
    let n = format!("{:?}", h.app.notice);
    assert!(n.contains("201: 名称、人数 已清除"), "{n}");
    assert!(!n.contains("已保存"), "{n}");
}

/// Issue 32: `u` undoes a logged follow-up: a withdrawal is appended (the journal is never
/// rewritten) and the day reads without it.
#[test]
fn u_withdraws_a_follow_up_just_logged() {
    let mut h = Harness::new("plaza:1x2");
    let today = jiff::ZonedDateTime::now().date();
    h.keys("2");
    h.keys("c1");
    assert!(
        h.app
            .journal
            .unit("plaza", "101")
            .unwrap()
            .reached_on(today)
    );
    h.keys("u");
    let n = format!("{:?}", h.app.notice);
    assert!(n.contains("follow-up withdrawn"), "{n}");
    assert!(
        !h.app
            .journal
            .unit("plaza", "101")
            .unwrap()
            .reached_on(today)
    );
    let whole = station(&h.dir).journal();
    assert_eq!(whole.index.len(), 0, "the day reads without it");
    let day = station(&h.dir).journal_day(jiff::ZonedDateTime::now().date());
    assert_eq!(day.entries.len(), 2, "appended, not rewritten");
    assert!(day.entries[1].1.withdraws.is_some() || day.entries[0].1.withdraws.is_some());
    // the status edit before it is the next undo
    assert_eq!(h.status("plaza", "101"), "isolating");
    h.keys("u");
    assert_eq!(h.status("plaza", "101"), "unknown");
}

/// Issue 32: a release from Today shows what it will do first, and `u` undoes the unit and its
/// journal entry together.
#[test]
fn a_release_from_today_asks_first_and_u_undoes_both() {
    let mut h = Harness::new("plaza:1x2");
    let today = jiff::ZonedDateTime::now().date();
    h.keys("2");
    let isolating = h.unit("plaza", "101");
    h.keys("te");
    assert_eq!(h.status("plaza", "101"), "isolating", "shown, not done");
    let n = format!("{:?}", h.app.notice);
    assert!(
        n.contains("isolating → healthy") && n.contains("e again"),
        "{n}"
    );
    // any other key forgets the question: `e` then asks again
    h.keys("ke");
    assert_eq!(h.status("plaza", "101"), "isolating");
    h.keys("e");
    assert_eq!(h.status("plaza", "101"), "healthy");
    assert!(
        h.app
            .journal
            .unit("plaza", "101")
            .unwrap()
            .reached_on(today)
    );
    assert!(matches!(h.app.mode, Mode::Today(_)));
    h.keys("u");
    assert_eq!(
        h.unit("plaza", "101"),
        isolating,
        "the isolation is back, dates and all"
    );
    assert!(
        !h.app
            .journal
            .unit("plaza", "101")
            .unwrap()
            .reached_on(today)
    );
    assert_eq!(station(&h.dir).journal().index.len(), 0);
    let Mode::Today(t) = &h.app.mode else {
        panic!("{:?}", h.app.mode)
    };
    assert_eq!(t.list.calls_due.len(), 1, "due again");
}
