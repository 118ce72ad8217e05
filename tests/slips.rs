//! Issue 32's last slips, with the real binary in a pseudo-terminal: `u` right after a status or
//! outcome digit undoes that digit (it used to be lost: the digit was still on its way when `u`
//! looked for something to undo), and the notices say what happened.

mod common;
use common::pty::{Tui, wait};
use common::*;
use std::path::Path;

fn field(d: &Path, unit: &str, key: &str) -> String {
    unit_json(d, "tower", unit)[key]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn tower(d: &Path) {
    ok(
        d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "2", "--units", "2",
        ],
    );
}

/// `3` then `u` at once, as a slip is taken back: the status is set and undone, the file ends
/// as it was, and the status line says what was undone.
#[test]
fn u_right_after_a_status_digit_undoes_it() {
    let (_t, d) = data_dir();
    tower(&d);
    ok(&d, &["set", "tower", "201", "healthy"]);
    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("Tower", 10.0), "{}", t.text());
    t.send("3u");
    assert!(
        t.wait_for("undone: 201 → not-resumed (now healthy)", 5.0),
        "{}",
        t.text()
    );
    assert!(!t.text().contains("nothing to undo"), "{}", t.text());
    assert_eq!(field(&d, "201", "status"), "healthy");
    // in Chinese too, and a redo puts the slip back
    let t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("Tower", 10.0), "{}", t.text());
    t.send("2u");
    assert!(
        t.wait_for("已撤销：201 → 居家隔离（现为 健康住户）", 5.0),
        "{}",
        t.text()
    );
    assert_eq!(field(&d, "201", "status"), "healthy");
    t.send("\x12");
    assert!(
        wait(5.0, || field(&d, "201", "status") == "isolating"),
        "{}",
        t.text()
    );
}

/// In Today, `1` then `u` at once: the call is logged and withdrawn, Today counts no call, and
/// the status line says it was withdrawn.
#[test]
fn u_right_after_an_outcome_digit_in_today_withdraws_it() {
    let (_t, d) = data_dir();
    tower(&d);
    ok(&d, &["set", "tower", "201", "isolating"]);
    let t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("Tower", 10.0), "{}", t.text());
    t.send("t");
    assert!(t.wait_for("今日", 3.0), "{}", t.text());
    t.send("1u");
    assert!(t.wait_for("随访已撤回", 5.0), "{}", t.text());
    assert!(!t.text().contains("没有可撤销的操作"), "{}", t.text());
    let journal = || ok(&d, &["--lang", "en", "journal"]);
    assert!(journal().contains("[withdrawn]"), "{}", journal());
    let v: serde_json::Value = serde_json::from_str(&ok(&d, &["today", "--json"])).unwrap();
    assert_eq!(v["calls"]["reached"], 0, "{v}");
}

fn credit_code(body: &str) -> String {
    loupan::core::company::with_check_character(body).unwrap()
}

/// The map's own company filing (`b`) is said as filed, never as "changed by someone else":
/// the map knows the stamp its filing left, so it does not read it back as an outside change,
/// and a second filing of the same company goes through.
#[test]
fn ones_own_filing_is_not_someone_elses_change() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 10, 6);
    ok(&d, &["company", "add", "tower", "501", "海风贸易"]);
    let t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("tower", 10.0), "{}", t.text());
    t.send("/tower 501\r");
    assert!(t.wait_for("/tower 501 1/1", 3.0), "{}", t.text());
    // the status row: resumed (the unit's colour follows)
    t.send("b");
    assert!(t.wait_for("海风贸易", 3.0), "{}", t.text());
    t.send("\t\x1b[C\r");
    assert!(t.wait_for("已备案：海风贸易", 3.0), "{}", t.text());
    let status = || unit_json(&d, "tower", "501")["status"].clone();
    assert_eq!(status(), "resumed");
    // the watcher and the worker's rescan have had their turn
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!t.text().contains("他人修改"), "{}", t.text());
    assert!(t.text().contains("已备案：海风贸易"), "{}", t.text());
    // and again: the company as the map holds it is the company on disk
    t.send("b");
    assert!(t.wait_for("海风贸易", 3.0), "{}", t.text());
    t.send("\t\t\t30\r");
    assert!(
        wait(3.0, || ok(&d, &["company", "list", "tower", "--json"])
            .replace(char::is_whitespace, "")
            .contains("\"headcount\":30")),
        "{}",
        t.text()
    );
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!t.text().contains("他人修改"), "{}", t.text());
}

/// A credit code is checked by the write path over every building, loaded by the map or not: a
/// code filed in another station of the street (never read by this map) is refused in the map's
/// filing form, on its row, saying where, and nothing is written.
#[test]
fn the_map_refuses_a_code_filed_in_another_station_of_the_street() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    let okay = |args: &[&str]| {
        let o = lp(root, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    };
    okay(&["street", "init", "鲁谷街道"]);
    okay(&["station", "add", "a", "甲站"]);
    okay(&["station", "add", "b", "乙站"]);
    for s in ["a", "b"] {
        let dir = format!("stations/{s}");
        okay(&[
            "--dir", &dir, "new", "t", "--name", "塔楼", "--floors", "2", "--units", "2",
        ]);
    }
    let code = credit_code("91110108MA01ABCDE");
    okay(&[
        "--dir",
        "stations/b",
        "company",
        "add",
        "t",
        "101",
        "海风贸易",
        "--credit-code",
        &code,
    ]);
    okay(&[
        "--dir",
        "stations/a",
        "company",
        "add",
        "t",
        "201",
        "甲科技",
    ]);
    let a = root.join("stations/a");
    let tui = Tui::open(&a, &["--lang", "en"]);
    assert!(tui.wait_for("塔楼", 10.0), "{}", tui.text());
    // 201 is the top-left unit, where the map opens
    tui.send("b");
    assert!(tui.wait_for("甲科技", 3.0), "{}", tui.text());
    tui.send("\t\t");
    tui.send(&code);
    tui.send("\r");
    assert!(tui.wait_for("already filed", 3.0), "{}", tui.text());
    assert!(
        tui.wait_for("b · t 101, 海风贸易 (c1)", 3.0),
        "{}",
        tui.text()
    );
    let list = ok(&a, &["company", "list", "--json"]);
    assert!(!list.contains(&code), "{list}");
}

/// Two `company add` at once with one credit code, in two buildings: the company lock makes one
/// wait for the other, which then sees the code filed and refuses it — never both filed.
#[test]
fn two_processes_cannot_both_file_one_credit_code() {
    let (root, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    new_building(&d, "plaza", 2, 2);
    let code = credit_code("91110108MA01ABCDE");
    let hold = root.path().join("hold");
    std::fs::write(&hold, "").unwrap();
    let ready = root.path().join("hold.ready");
    let spawn = |building: &str, name: &str, env: Option<String>| {
        let mut c = std::process::Command::new(bin());
        c.args(["--lang", "en", "--dir"]).arg(&d);
        c.args([
            "company",
            "add",
            building,
            "101",
            name,
            "--credit-code",
            code.as_str(),
        ]);
        c.env("LOUPAN_CONFIG", "/nonexistent");
        if let Some(point) = env {
            c.env("LOUPAN_FAILPOINT", point);
        }
        c.stdout(std::process::Stdio::piped());
        c.stderr(std::process::Stdio::piped());
        c.spawn().unwrap()
    };
    let first = spawn(
        "plaza",
        "海风贸易",
        Some(format!("transaction-write:{}", hold.display())),
    );
    assert!(wait(10.0, || ready.exists()), "the first is about to write");
    let mut second = spawn("tower", "海风贸易二部", None);
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(
        second.try_wait().unwrap().is_none(),
        "the second waits for the first's lock"
    );
    std::fs::remove_file(&hold).unwrap();
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    let second = second.wait_with_output().unwrap();
    assert_eq!(second.status.code(), Some(1), "{}", stdout(&second));
    let why = stderr(&second);
    assert!(
        why.contains("already filed") && why.contains("plaza 101, 海风贸易 (c1)"),
        "{why}"
    );
    let list = ok(&d, &["company", "list", "--json"]);
    assert_eq!(list.matches(&code).count(), 1, "{list}");
}

/// Today's status line at 80×24, in either language, lists `Tab` (the next section) and `u`
/// (undo): shorter words, never fewer keys.
#[test]
fn todays_hints_at_80x24_list_tab_and_u() {
    use common::screen::Harness;
    use loupan::core::i18n::Lang;
    use loupan::tui::theme::ColorMode;
    for lang in [Lang::En, Lang::Zh] {
        let mut h = Harness::with("plaza:10x8", lang, ColorMode::Ansi16);
        h.keys("t");
        let screen = h.screen(80, 24);
        let last = screen.lines().last().unwrap_or_default().to_string();
        assert!(last.contains(" Tab "), "{lang:?}: {last}");
        assert!(last.contains(" u "), "{lang:?}: {last}");
    }
}

/// A search that found nothing is said until the next key, and `F` says which filter it cleared.
#[test]
fn no_match_goes_at_the_next_key_and_a_cleared_filter_is_named() {
    use common::screen::Harness;
    use loupan::tui::app::Notice;
    let mut h = Harness::new("plaza:10x8");
    h.keys("/海港 1904<Enter>");
    let said = |h: &Harness| match &h.app.notice {
        Some(Notice::Info(t) | Notice::Error(t)) => t.en.clone(),
        None => String::new(),
    };
    assert!(said(&h).contains("no match"), "{}", said(&h));
    h.keys("j");
    assert!(!said(&h).contains("no match"), "{}", said(&h));
    h.keys("/海港 1904<Enter>/1004");
    assert!(
        !h.screen(110, 30).contains("no match"),
        "{}",
        h.screen(110, 30)
    );
    h.keys("<Enter>");
    assert!(said(&h).contains("/1004 1/1"), "{}", said(&h));
    h.keys("ffF");
    assert_eq!(said(&h), "filter cleared: isolating (every unit shown)");
}
