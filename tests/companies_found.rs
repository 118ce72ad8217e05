//! Issue 32: companies found and never doubled — a credit code is filed once in the station (in
//! a street, once in the street), a second company of one name in one unit needs `--force`,
//! `loupan log BUILDING PART` takes a part of a name or lists the candidates, and the map's `/`
//! finds companies by name, credit code and unit.

mod common;
use common::pty::{Tui, wait};
use common::*;
use std::path::Path;
use std::process::{Command, Output};

fn credit_code(body: &str) -> String {
    loupan::core::company::with_check_character(body).unwrap()
}

/// A moment for the map to read every building (a search runs over those read).
fn loaded() {
    std::thread::sleep(std::time::Duration::from_millis(800));
}

fn add(d: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en", "company", "add"];
    all.extend_from_slice(args);
    loupan(d, &all)
}

/// Two buildings, a company in each: 海风贸易 (501,502 of tower, with a credit code) and 甲科技
/// (601 of tower).
fn station() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (t, d) = data_dir();
    new_building(&d, "tower", 10, 6);
    new_building(&d, "plaza", 4, 4);
    let code = credit_code("91110108MA01ABCDE");
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "501,502",
            "海风贸易有限公司",
            "--credit-code",
            &code,
        ],
    );
    ok(&d, &["company", "add", "tower", "601", "甲科技"]);
    (t, d, code)
}

#[test]
fn a_credit_code_already_filed_is_refused_with_where_it_is() {
    let (_t, d, code) = station();
    // in another building, typed in lower case with an input method's digits
    let typed = format!("９{}", code[1..].to_lowercase());
    let o = add(&d, &["plaza", "101", "海风分公司", "--credit-code", &typed]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let why = stderr(&o);
    assert!(
        why.contains("already filed") && why.contains("tower 501,502, 海风贸易有限公司 (c1)"),
        "{why}"
    );
    assert_eq!(ok(&d, &["company", "list", "plaza"]).trim(), "");
    // nor given to another company by a filing update
    ok(&d, &["company", "add", "plaza", "102", "乙公司"]);
    let o = loupan(
        &d,
        &[
            "--lang",
            "zh",
            "company",
            "set",
            "plaza",
            "乙公司",
            "--credit-code",
            &code,
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("已经登记过"), "{}", stderr(&o));
    // the company's own code is no double: its filing goes through
    ok(
        &d,
        &[
            "company",
            "set",
            "tower",
            "c1",
            "--credit-code",
            &code,
            "--headcount",
            "30",
        ],
    );
}

#[test]
fn a_credit_code_is_filed_once_in_the_street() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    let lp = |args: &[&str]| -> Output {
        Command::new(bin())
            .args(args)
            .current_dir(root)
            .env("LOUPAN_CONFIG", "/nonexistent")
            .env_remove("LOUPAN_DIR")
            .output()
            .unwrap()
    };
    let okay = |args: &[&str]| {
        let o = lp(args);
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
        "stations/a",
        "company",
        "add",
        "t",
        "101",
        "海风贸易",
        "--credit-code",
        &code,
    ]);
    let o = lp(&[
        "--lang",
        "en",
        "--dir",
        "stations/b",
        "company",
        "add",
        "t",
        "201",
        "海风贸易二部",
        "--credit-code",
        &code,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("a · t 101, 海风贸易 (c1)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_second_company_of_one_name_in_a_unit_needs_force_and_says_so() {
    let (_t, d, _) = station();
    let o = add(&d, &["tower", "601", "甲科技"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("601 already hosts a company named 甲科技 (c2)")
            && stderr(&o).contains("--force"),
        "{}",
        stderr(&o)
    );
    let o = add(&d, &["tower", "601", "甲科技", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "c3");
    assert!(
        stderr(&o).contains("--force: a second company named 甲科技 in 601 (besides c2)"),
        "{}",
        stderr(&o)
    );
    // the same name in another unit is another company: no question
    let o = add(&d, &["tower", "602", "甲科技"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn log_takes_a_part_of_a_company_name_or_lists_the_candidates() {
    let (t, d, _) = station();
    ok(&d, &["company", "add", "tower", "602", "甲科技二部"]);
    git_init(t.path());
    let log = ok(&d, &["--lang", "zh", "log", "tower", "海风"]);
    assert!(
        log.contains("海风贸易有限公司") && !log.contains("没有修改记录"),
        "{log}"
    );
    assert_eq!(ok(&d, &["--lang", "zh", "log", "tower", "c1"]), log);
    let o = loupan(&d, &["--lang", "en", "log", "tower", "甲科"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("甲科技 (c2)") && stderr(&o).contains("甲科技二部 (c3)"),
        "{}",
        stderr(&o)
    );
    assert!(!stdout(&o).contains("no recorded changes"));
}

/// The map's `/` finds a company by any part of its name, by its credit code, and by its
/// building and unit; the detail panel says which company matched and how.
#[test]
fn the_map_finds_a_company_by_name_part_and_credit_code() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 12, 4);
    new_building(&d, "plaza", 4, 4);
    let code = credit_code("91110108MA01XYW12");
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "1001",
            "新城周咨询有限公司",
            "--credit-code",
            &code,
        ],
    );
    ok(&d, &["company", "add", "tower", "801", "博远科技"]);
    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("plaza", 10.0), "{}", t.text());
    loaded();
    t.send("/周咨询\r");
    assert!(t.wait_for("/周咨询 1/1", 3.0), "{}", t.text());
    assert!(t.wait_for("◀ /周咨询: name", 3.0), "{}", t.text());
    assert!(t.text().contains(" 1001 "), "{}", t.text());
    // the tail of the credit code, as read off a licence
    t.send(&format!("/{}\r", &code[8..].to_lowercase()));
    assert!(
        t.wait_for(&format!("credit code {code}"), 3.0),
        "{}",
        t.text()
    );
    // a building and a company's id
    t.send("/tower c2\r");
    assert!(t.wait_for("◀ /tower c2: id c2", 3.0), "{}", t.text());
    assert!(wait(3.0, || t.text().contains(" 801 ")), "{}", t.text());
}

/// The map's filing form refuses a credit code another company has, saying where; a name
/// another company of the unit has is asked about first (Enter again files it).
#[test]
fn the_filing_form_refuses_a_known_code_and_asks_about_a_known_name() {
    let (_t, d, code) = station();
    ok(&d, &["company", "add", "tower", "601", "乙科技"]);
    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("plaza", 10.0), "{}", t.text());
    loaded();
    // 甲科技 (601) given 海风贸易's code
    t.send("/tower 601\r");
    assert!(t.wait_for("/tower 601 1/1", 3.0), "{}", t.text());
    t.send("b");
    assert!(t.wait_for("甲科技", 3.0), "{}", t.text());
    t.send("\t\t");
    t.send(&code);
    t.send("\r");
    assert!(t.wait_for("already filed", 3.0), "{}", t.text());
    let list = || ok(&d, &["company", "list", "--json"]);
    assert_eq!(list().matches(&code).count(), 1, "{}", list());
    t.send("\x1b");
    // renamed to its neighbour's name: asked first
    t.send("b");
    assert!(t.wait_for("甲科技", 3.0), "{}", t.text());
    t.send("乙科技\r");
    assert!(
        t.wait_for("Enter again to file it anyway", 3.0),
        "{}",
        t.text()
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(list().contains("甲科技"), "{}", list());
    t.send("\r");
    assert!(wait(3.0, || !list().contains("甲科技")), "{}", t.text());
}

/// The map's review and its commit message list company filings beside units: a filing that
/// changes no unit's colour is still there to commit.
#[test]
fn the_review_and_the_commit_message_list_company_filings() {
    let (t, d, _) = station();
    git_init(t.path());
    ok(&d, &["company", "set", "tower", "c1", "--headcount", "30"]);
    ok(&d, &["set", "tower", "101", "isolating"]);
    let tui = Tui::open(&d, &["--lang", "en"]);
    assert!(tui.wait_for("branch main", 10.0), "{}", tui.text());
    tui.send("r");
    assert!(
        tui.wait_for("tower 海风贸易有限公司 (c1): headcount", 3.0),
        "{}",
        tui.text()
    );
    tui.send("c");
    assert!(
        tui.wait_for("Update 1 unit(s): isolating 1; 1 company filing(s)", 3.0),
        "{}",
        tui.text()
    );
    tui.send("\r");
    assert!(
        wait(5.0, || git_ok(t.path(), &["log", "-1", "--format=%s"])
            .starts_with(
                "Update 1 unit(s): isolating 1; 1 company filing(s)"
            )),
        "{}",
        tui.text()
    );
    let body = git_ok(t.path(), &["log", "-1", "--format=%b"]);
    assert!(body.contains("海风贸易有限公司 (c1): headcount"), "{body}");
    assert!(git_ok(t.path(), &["status", "--porcelain"]).is_empty());
}

/// A unit's colour follows its companies by one rule everywhere: a unit line that says resumed
/// while it hosts a company not resumed is shown, counted, reported and printed as not resumed.
#[test]
fn a_units_colour_follows_its_companies_everywhere() {
    let (_t, d, _) = station();
    // 甲科技 (601) has not resumed; the unit's own line is set to resumed by hand
    let file = d.join("tower.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("601"))
        .unwrap()
        .to_string();
    assert!(line.contains("not-resumed"), "{line}");
    std::fs::write(
        &file,
        text.replace(&line, &line.replace("not-resumed", "resumed")),
    )
    .unwrap();
    assert_eq!(status_of(&d, "tower", "601"), "not-resumed");
    // asked for by hand, the unit says why it stays
    let o = loupan(&d, &["--lang", "en", "set", "tower", "601", "resumed"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("601: not-resumed"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("601 stays not-resumed: a unit's colour follows its companies"),
        "{}",
        stderr(&o)
    );
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&d, &["stats", "--format", "json"])).unwrap();
    assert_eq!(stats["total"]["resumed"], 0, "{stats}");
    let report: serde_json::Value =
        serde_json::from_str(&ok(&d, &["report", "--format", "json"])).unwrap();
    assert_eq!(report["total"]["resumed"], 0, "{report}");
    let print = ok(&d, &["--lang", "en", "render", "tower"]);
    assert!(print.contains("-601") && !print.contains("+601"), "{print}");
    // the map's status key says why it stays
    let tui = Tui::open(&d, &["--lang", "en"]);
    assert!(tui.wait_for("plaza", 10.0), "{}", tui.text());
    loaded();
    tui.send("/tower 601\r");
    assert!(tui.wait_for("/tower 601 1/1", 3.0), "{}", tui.text());
    tui.send("4");
    assert!(tui.wait_for("601 stays not-resumed", 3.0), "{}", tui.text());
    assert_eq!(status_of(&d, "tower", "601"), "not-resumed");
}
