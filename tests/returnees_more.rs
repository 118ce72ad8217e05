//! Issue 36's remaining gaps on the command line: the staff ledger as XLSX, its cells guarded
//! against formulas and control characters, names bounded, a staff ledger's impossible rows
//! refused with FILE:ROW, and a company's observation counted as of the day (never the counts its
//! line was written with).

mod common;
use common::*;
use serde_json::Value;

const NAME: &str = "欧阳明远";
const PHONE: &str = "13700001111";

fn day(n: i64) -> String {
    real_today()
        .checked_add(jiff::Span::new().days(n))
        .expect("a day")
        .to_string()
}

fn json(d: &std::path::Path, args: &[&str]) -> Value {
    let (code, out, err) = cli(d, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// A tower with a company in 501.
fn tower() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, d) = data_dir();
    new_building(&d, "tower", 8, 4);
    let args = [
        "company",
        "add",
        "tower",
        "501",
        "测试科技",
        "--headcount",
        "10",
        "--status",
        "resumed",
    ];
    let (code, _, err) = cli(&d, &args);
    assert_eq!(code, 0, "{err}");
    (t, d)
}

fn add(d: &std::path::Path, name: &str, returned: &str, more: &[&str]) {
    let mut args = vec![
        "person",
        "add",
        "tower",
        "测试科技",
        name,
        "--phone",
        PHONE,
        "--returned",
        returned,
    ];
    args.extend(more);
    let (code, _, err) = cli(d, &args);
    assert_eq!(code, 0, "{err}");
}

fn sheet(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).expect("opens");
    assert_eq!(book.sheet_names(), vec!["人员".to_string()]);
    let range = book.worksheet_range_at(0).expect("a sheet").expect("reads");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    (rows[0].clone(), rows[1..].to_vec())
}

#[test]
fn the_staff_ledger_exports_as_xlsx_masked_unless_revealed_and_imports_back() {
    let (t, d) = tower();
    add(&d, NAME, &day(-2), &["--route", "武汉-北京 G512次"]);
    assert_eq!(cli(&d, &["temp", "tower", "p1", "36.9"]).0, 0);
    let masked = t.path().join("人员台账.xlsx");
    let (code, _, err) = cli(
        &d,
        &[
            "--lang",
            "zh",
            "person",
            "list",
            "--xlsx",
            masked.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (head, rows) = sheet(&masked);
    let col = |k: &str| head.iter().position(|h| h == k).expect(k);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][col("姓名")], "欧***");
    assert_eq!(rows[0][col("联系电话")], "137****1111");
    assert_eq!(rows[0][col("体温")], "36.9");
    // a date cell: Excel's serial day number (days since 1899-12-30)
    let serial = |d: &str| {
        let d: jiff::civil::Date = d.parse().expect("a date");
        (d - jiff::civil::date(1899, 12, 30)).get_days().to_string()
    };
    assert_eq!(
        rows[0][col("日期")],
        serial(&day(0)),
        "a date cell: {rows:?}"
    );
    // revealed: every value, the reveal in the audit log, and the file reads back as a ledger
    let shown = t.path().join("人员台账-全.xlsx");
    let args = [
        "--lang",
        "zh",
        "person",
        "list",
        "--xlsx",
        shown.to_str().unwrap(),
        "--reveal",
    ];
    let (code, _, err) = cli(&d, &args);
    assert_eq!(code, 0, "{err}");
    let (_, rows) = sheet(&shown);
    assert_eq!(
        (
            rows[0][col("姓名")].as_str(),
            rows[0][col("联系电话")].as_str()
        ),
        (NAME, PHONE)
    );
    let (code, audit, err) = cli(&d, &["audit"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        audit.contains("person") && audit.contains("--xlsx") && audit.contains("--reveal"),
        "{audit}"
    );
    assert!(!audit.contains(NAME), "{audit}");
    let (code, out, err) = cli(&d, &["--lang", "en", "import", shown.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("updated") && !out.contains("new"), "{out}");
    // json or csv with it makes no sense
    let (code, _, _) = cli(
        &d,
        &[
            "person",
            "list",
            "--json",
            "--xlsx",
            masked.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
}

#[test]
fn staff_ledger_cells_are_guarded_against_formulas_and_control_characters() {
    let (_t, d) = tower();
    let evil = "=HYPERLINK(\"http://x\",\"点\")";
    add(
        &d,
        evil,
        &day(-2),
        &["--from", "+湖北\u{1b}[31m", "--route", "@武汉\n北京"],
    );
    let (code, csv, err) = cli(&d, &["person", "list", "--csv", "--reveal"]);
    assert_eq!(code, 0, "{err}");
    let body = csv.trim_start_matches('\u{feff}');
    let row = body.lines().nth(1).expect("a row");
    assert!(row.contains("\"'=HYPERLINK("), "a guarded formula: {row}");
    assert!(row.contains(",'+湖北\\u{1b}[31m,"), "{row}");
    assert!(row.contains(",'@武汉\\n北京,"), "{row}");
    assert!(
        !csv.contains('\u{1b}') && body.lines().count() == 2,
        "no raw control character, one line a row: {csv:?}"
    );
    // masked, the name's first character is no formula either
    let (_, masked, _) = cli(&d, &["person", "list", "--csv"]);
    assert!(masked.contains(",\"'=H"), "{masked}");
}

#[test]
fn a_name_longer_than_64_characters_is_refused() {
    let (_t, d) = tower();
    let long = "长".repeat(65);
    let args = ["person", "add", "tower", "测试科技", long.as_str()];
    let (code, _, err) = cli(&d, &[&["--lang", "en"][..], &args[..]].concat());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("at most 64 characters"), "{err}");
    let (code, _, err) = cli(&d, &[&["--lang", "zh"][..], &args[..]].concat());
    assert!(code == 2 && err.contains("最多 64 个字符"), "{err}");
    assert_eq!(
        json(&d, &["person", "list", "--json"]),
        Value::Array(vec![])
    );
    let ok = "长".repeat(64);
    add(&d, &ok, &day(-1), &[]);
}

#[test]
fn a_staff_ledger_refuses_a_future_reading_and_an_observation_ending_before_the_return() {
    let (t, d) = tower();
    let file = t.path().join("staff.csv");
    let text = format!(
        "楼宇,企业/商铺,姓名,联系电话,回京时间,观察结束,体温,日期\n\
         tower,测试科技,{NAME},{PHONE},{},,36.5,{}\n\
         tower,测试科技,诸葛青云,13700002222,{},{},,\n\
         tower,测试科技,上官婉清,13700003333,{},,36.6,{}\n",
        day(-2),
        day(1),
        day(-2),
        day(-3),
        day(-1),
        day(0),
    );
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let (code, _, err) = cli(&d, &["--lang", "en", "import", f, "--apply"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{f}:2: ")) && err.contains("in the future"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{f}:3: ")) && err.contains("before the return date"),
        "{err}"
    );
    assert!(!err.contains(&format!("{f}:4:")), "row 4 is fine: {err}");
    assert_eq!(
        json(&d, &["person", "list", "--json"]),
        Value::Array(vec![])
    );
    // the same two by hand: the observation's end is refused there too
    let (code, _, err) = cli(
        &d,
        &[
            "--lang",
            "en",
            "person",
            "add",
            "tower",
            "测试科技",
            NAME,
            "--returned",
            &day(-2),
            "--observe-until",
            &day(-3),
        ],
    );
    assert!(code == 2 && err.contains("before the return date"), "{err}");
}

/// Yesterday the company's line said one employee observing until yesterday; today, with nothing
/// saved since, report and stats count none (the line is never trusted past its end).
#[test]
fn a_company_observation_is_counted_as_of_the_day_in_report_and_stats() {
    let (t, d) = tower();
    git_ok(t.path(), &["init", "-q", "-b", "main"]);
    // day 14 of 14 was yesterday
    add(&d, NAME, &day(-14), &[]);
    let file = d.join("tower.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    // the line as it was saved yesterday, while the person was still observing
    let stale = text.replace(
        "observing = 0",
        &format!("observing = 1, observe-until = {}", day(-1)),
    );
    assert_ne!(stale, text, "{text}");
    std::fs::write(&file, stale).unwrap();
    commit_on(t.path(), ago(1), "yesterday");
    let yesterday = json(&d, &["report", "--format", "json", "--date", &day(-1)]);
    assert_eq!(yesterday["companies"]["observing"], 1, "{yesterday}");
    assert_eq!(yesterday["companies"]["observation_ending"], 1);
    assert_eq!(yesterday["returnees"]["observing"], 1);
    let today = json(&d, &["report", "--format", "json"]);
    assert_eq!(today["companies"]["observing"], 0, "{}", today["companies"]);
    assert_eq!(today["companies"]["observation_ending"], 0);
    assert_eq!(today["returnees"]["observing"], 0);
    let stats = json(&d, &["stats", "--format", "json"]);
    assert_eq!(stats["companies"]["observing"], 0, "{}", stats["companies"]);
}
