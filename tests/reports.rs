//! What goes up every evening and what comes in from outside: the daily report over real git
//! history (days without commits, no commit at all, branches), exports read back by a
//! spreadsheet reader, ledgers in every encoding and format, cross-checks, and the printable page.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn report(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--format", "json"];
    args.extend(extra);
    let (code, out, err) = cli(dir, &args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("json")
}

fn changes(v: &Value) -> (u64, u64, u64, u64) {
    let c = &v["changes"];
    let n = |k: &str| c[k].as_u64().unwrap_or(99);
    (
        n("isolating_new"),
        n("isolating_ended"),
        n("resumed"),
        n("verified"),
    )
}

fn repo_with_tower() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, d) = data_dir();
    new_building(&d, "tower", 3, 3);
    git_ok(t.path(), &["init", "-q", "-b", "main"]);
    (t, d)
}

#[test]
fn the_report_compares_the_end_of_each_day_from_git() {
    let (t, d) = repo_with_tower();
    let root = t.path();
    // nothing committed yet: today stands alone, every unit counts as new
    ok(&d, &["set", "tower", "301", "isolating"]);
    let first = report(&d, &[]);
    assert_eq!(first["compared"], false);
    assert_eq!(changes(&first), (1, 0, 0, 1));
    commit_on(root, ago(3), "day -3");
    ok(&d, &["set", "tower", "302", "not-resumed"]);
    commit_on(root, ago(2), "day -2");
    // day -1 has no commit: it is day -2's state, and nothing is new; 301 is isolating, so it
    // is a 零报告 only once 301 was reached that day (else it is to escalate: issue 33)
    let not_reached = report(&d, &["--date", &ago(1).to_string()]);
    assert_eq!(not_reached["zero"], false, "{not_reached}");
    let text = cli(
        &d,
        &["--lang", "zh", "report", "--date", &ago(1).to_string()],
    )
    .1;
    assert!(
        text.starts_with("【日报】") && text.contains("301"),
        "{text}"
    );
    let at = format!("{} 10:00", ago(1));
    ok(&d, &["follow-up", "tower", "301", "well", "--at", &at]);
    let quiet = report(&d, &["--date", &ago(1).to_string()]);
    assert_eq!(quiet["zero"], true, "{quiet}");
    assert_eq!(changes(&quiet), (0, 0, 0, 0));
    let text = cli(
        &d,
        &["--lang", "zh", "report", "--date", &ago(1).to_string()],
    )
    .1;
    assert!(text.starts_with("【零报告】"), "{text}");
    // day -2 against day -3
    let d2 = report(&d, &["--date", &ago(2).to_string()]);
    assert_eq!(
        changes(&d2),
        (0, 0, 0, 1),
        "302 verified as not resumed: {d2}"
    );
    // today: the working tree, uncommitted edits included
    ok(&d, &["set", "tower", "301", "healthy"]);
    ok(&d, &["set", "tower", "302", "resumed"]);
    ok(&d, &["set", "tower", "303", "isolating"]);
    let now = report(&d, &[]);
    assert_eq!(changes(&now), (1, 1, 1, 1), "{now}");
    assert_eq!(now["zero"], false);
    assert_eq!(now["total"]["isolating"], 1);
    assert_eq!(now["buildings"][0]["changes"]["resumed"], 1);
    // before anything was committed there is no report at all (issue 33): refused, with the
    // first day that has data, exit 1 — never a 零报告 of nothing
    for lang in ["zh", "en"] {
        let early = ago(4).to_string();
        let (code, out, err) = cli(&d, &["--lang", lang, "report", "--date", &early]);
        assert_eq!((code, out.as_str()), (1, ""), "{err}");
        assert!(
            err.contains(&ago(3).to_string()),
            "the first day with data: {err}"
        );
    }
    // the future is refused
    let (code, _, err) = cli(&d, &["report", "--date", "+1"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_side_branch_counts_on_the_day_it_joins_the_line() {
    let (t, d) = repo_with_tower();
    let root = t.path();
    commit_on(root, ago(3), "base");
    git_ok(root, &["checkout", "-q", "-b", "side"]);
    ok(&d, &["set", "tower", "101", "isolating"]);
    commit_on(root, ago(2), "side: 101 isolating");
    git_ok(root, &["checkout", "-q", "main"]);
    ok(&d, &["set", "tower", "102", "resumed"]);
    commit_on(root, ago(2), "main: 102 resumed");
    // on main, day -2 saw only main's own change
    assert_eq!(
        changes(&report(&d, &["--date", &ago(2).to_string()])),
        (0, 0, 1, 1)
    );
    git_on(
        root,
        ago(1),
        &["merge", "-q", "--no-ff", "-m", "merge side", "side"],
    );
    // the side branch's isolation reaches main's report the day it was merged
    assert_eq!(
        changes(&report(&d, &["--date", &ago(1).to_string()])),
        (1, 0, 0, 1)
    );
    // and from the side branch itself, it happened on day -2
    git_ok(root, &["checkout", "-q", "side"]);
    assert_eq!(
        changes(&report(&d, &["--date", &ago(2).to_string()])),
        (1, 0, 0, 1)
    );
}

#[test]
fn outside_git_only_today_is_reported() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    ok(&d, &["set", "tower", "201", "isolating"]);
    ok(&d, &["follow-up", "tower", "201", "well"]);
    let r = report(&d, &[]);
    assert_eq!(r["follow_ups"]["reached"], 1);
    assert_eq!(r["follow_ups"]["due"], 1);
    let (code, _, err) = cli(&d, &["report", "--date", "-1"]);
    assert_eq!(code, 1);
    assert!(err.contains("not in a git repository"), "{err}");
    // every format
    let (_, csv, _) = cli(&d, &["report", "--format", "csv"]);
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    assert!(
        csv.lines().count() == 3,
        "header, the building, the total: {csv}"
    );
    let x = d.parent().unwrap().join("r.xlsx");
    ok(
        &d,
        &[
            "report",
            "--format",
            "xlsx",
            "--out",
            &x.display().to_string(),
        ],
    );
    let t = loupan::store::table::read(&x).expect("xlsx reads back");
    assert!(
        t.headers.iter().any(|h| h == "isolating_new"),
        "the table under the text: {:?}",
        t.headers
    );
    assert_eq!(t.rows.len(), 2, "the building and the total");
    let (code, _, err) = cli(&d, &["report", "--format", "xlsx"]);
    assert_eq!(code, 1, "a spreadsheet needs --out: {err}");
}

/// Two buildings with a household (name, phone, note) and a company.
fn station() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    new_building(&d, "annex", 1, 2);
    ok(
        &d,
        &[
            "set",
            "tower",
            "201",
            "isolating",
            "--name",
            "杨家",
            "--people",
            "3",
            "--contact",
            "13832220210",
            "--note",
            "需代购生活物资",
        ],
    );
    ok(
        &d,
        &[
            "set",
            "tower",
            "202",
            "resumed",
            "--live-work",
            "--name",
            "启明设计工作室",
        ],
    );
    ok(&d, &["set", "annex", "101", "vacant"]);
    (t, d)
}

#[test]
fn an_exported_ledger_reads_back_and_imports_as_no_change() {
    let (t, d) = station();
    let csv = t.path().join("ledger.csv");
    ok(
        &d,
        &["export", "--out", &csv.display().to_string(), "--reveal"],
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let table = loupan::store::table::read(&csv).unwrap();
    assert_eq!(table.rows.len(), 6, "every unit a row");
    let (code, out, err) = cli(&d, &["import", &csv.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "nothing would change: {out}");
    assert!(err.contains("6 already agree"), "{err}");
    // the XLSX: a ledger sheet, a chart sheet per building, in a spreadsheet reader's eyes
    let x = t.path().join("ledger.xlsx");
    ok(
        &d,
        &[
            "export",
            "--format",
            "xlsx",
            "--out",
            &x.display().to_string(),
        ],
    );
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&x).expect("opens");
    let names = book.sheet_names();
    // the ledger, the companies filed, then a chart per building
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names[1].contains("企业"), "{names:?}");
    let companies = book.worksheet_range(&names[1]).unwrap();
    let rows: Vec<String> = companies.rows().skip(1).map(|r| r[3].to_string()).collect();
    assert_eq!(
        rows,
        ["启明设计工作室"],
        "the old-format company reads as one: {rows:?}"
    );
    let ledger = book.worksheet_range(&names[0]).unwrap();
    assert_eq!(ledger.height(), 7, "header and six rows");
    // numbers are numbers (SUM works), dates are dates, labels stay text
    let head: Vec<String> = ledger
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |names: &[&str]| {
        head.iter()
            .position(|h| names.contains(&h.as_str()))
            .unwrap()
    };
    let (floor, unit, since) = (
        col(&["floor", "楼层"]),
        col(&["unit", "房号"]),
        col(&["since", "隔离开始"]),
    );
    let row = ledger.rows().find(|r| r[unit] == "201").expect("201's row");
    assert!(
        matches!(row[floor], calamine::Data::Float(f) if f == 2.0),
        "{:?}",
        row[floor]
    );
    assert!(
        matches!(row[unit], calamine::Data::String(_)),
        "{:?}",
        row[unit]
    );
    assert!(
        matches!(row[since], calamine::Data::DateTime(_)),
        "{:?}",
        row[since]
    );
    let (code, out, err) = cli(&d, &["import", &x.display().to_string()]);
    assert_eq!(
        (code, out.as_str()),
        (0, ""),
        "typed cells read back as no change: {out}{err}"
    );
    let chart = book.worksheet_range(&names[3]).unwrap();
    let cells: Vec<String> = chart.rows().flatten().map(|c| c.to_string()).collect();
    assert!(
        cells.iter().any(|c| c.starts_with("202*")),
        "live-work marked: {cells:?}"
    );
    assert!(
        cells
            .iter()
            .any(|c| c.contains("isolating 1") || c.contains("居家隔离 1")),
        "a legend with counts: {cells:?}"
    );
    assert!(
        !cells.iter().any(|c| c.contains("杨家")),
        "masked: {cells:?}"
    );
    // the chart's colours are the station's
    let styles = unzip(&x, "xl/styles.xml");
    for colour in ["FFD32F2F", "FF2E9E44", "FF1E6FD9", "FFFFE066", "FFBDBDBD"] {
        assert!(styles.contains(colour), "{colour} in the styles");
    }
}

/// One file of an XLSX (a zip), as text.
fn unzip(xlsx: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut f = z.by_name(name).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut f, &mut s).unwrap();
    s
}

#[test]
fn ledgers_in_every_form_are_placed_or_refused_by_row() {
    let (t, d) = station();
    let root = t.path();
    // an XLSX as a property company sends it: numbers as numbers, dates as dates, a title row
    let x = root.join("物业底账.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write(0, 0, "海港街道物业底账").unwrap();
    for (c, h) in ["楼栋名称", "房间号", "状态", "住户", "联系电话", "隔离开始"]
        .iter()
        .enumerate()
    {
        s.write(2, c as u16, *h).unwrap();
    }
    s.write(3, 0, "annex").unwrap();
    s.write(3, 1, 102.0).unwrap();
    s.write(3, 2, "居家隔离").unwrap();
    s.write(3, 3, "王家").unwrap();
    s.write(3, 4, 13700000000.0).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 20).unwrap();
    s.write_with_format(
        3,
        5,
        &date,
        &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
    )
    .unwrap();
    book.save(&x).unwrap();
    let (code, out, err) = cli(&d, &["import", &x.display().to_string(), "--apply"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("楼栋名称 → building") || err.contains("楼栋名称 → 楼栋"),
        "columns told: {err}"
    );
    let u = unit_json(&d, "annex", "102");
    assert_eq!(
        (
            u["status"].as_str(),
            u["name"].as_str(),
            u["contact"].as_str(),
            u["since"].as_str()
        ),
        (
            Some("isolating"),
            Some("王家"),
            Some("13700000000"),
            Some("2026-11-20")
        )
    );
    assert_eq!(u["source"], "物业底账", "where the status came from");
    let shown = ok(&d, &["--lang", "en", "show", "annex", "102"]);
    assert!(
        shown.contains(&format!("confirmed by  物业底账 {}", real_today())),
        "{shown}"
    );
    // a GBK CSV with a bad row: the plan names the row, the building is left whole
    let gbk = root.join("台账.csv");
    let text =
        "楼宇,房号,状态\ntower,101,healthy\ntower,102,sick\nnowhere,101,vacant\ntower,101,vacant\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&gbk, &bytes).unwrap();
    let before = std::fs::read(d.join("tower.toml")).unwrap();
    let (code, out, err) = cli(
        &d,
        &[
            "--lang",
            "en",
            "import",
            &gbk.display().to_string(),
            "--apply",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("tower 101: unknown → healthy"),
        "the plan: {out}"
    );
    for (row, why) in [
        (3, "did you mean"),
        (4, "no building \"nowhere\""),
        (5, "also on row 2"),
    ] {
        assert!(
            err.contains(&format!("台账.csv:{row}: ")) && err.contains(why),
            "row {row}: {err}"
        );
    }
    assert!(err.contains("not imported"), "{err}");
    assert_eq!(
        std::fs::read(d.join("tower.toml")).unwrap(),
        before,
        "all or nothing"
    );
    // a file neither UTF-8 nor GBK is refused, not read as mojibake
    let bad = root.join("bad.csv");
    std::fs::write(&bad, b"\xff\xfe\x00b\x00u\x00\x81\x30").unwrap();
    let (code, _, err) = cli(&d, &["import", &bad.display().to_string()]);
    assert_eq!(code, 1, "{err}");
    // a ledger without a building column names it with --building; --column overrides a header
    let one = root.join("one.csv");
    std::fs::write(&one, "房间,情况\n101,空置\n").unwrap();
    let (code, _, err) = cli(&d, &["import", &one.display().to_string()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--column"), "{err}");
    let path = one.display().to_string();
    ok(
        &d,
        &[
            "import",
            &path,
            "--building",
            "tower",
            "--column",
            "房间=unit",
            "--column",
            "情况=status",
            "--apply",
        ],
    );
    assert_eq!(status_of(&d, "tower", "101"), "vacant");
}

/// Someone changes a unit while an import is between reading the chart and saving it: that
/// building is refused whole (their edit stays), the other building is imported.
#[test]
fn an_import_refuses_a_building_changed_under_it() {
    let (t, d) = station();
    let ledger = t.path().join("ledger.csv");
    std::fs::write(
        &ledger,
        "楼宇,房号,状态\ntower,101,healthy\ntower,102,healthy\nannex,102,healthy\n",
    )
    .unwrap();
    let hold = t.path().join("hold");
    std::fs::write(&hold, "").unwrap();
    let child = std::process::Command::new(bin())
        .args(["--lang", "en", "--dir"])
        .arg(&d)
        .arg("import")
        .arg(&ledger)
        .arg("--apply")
        .env(
            "LOUPAN_FAILPOINT",
            format!("import-before-save:{}", hold.display()),
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let ready = t.path().join("hold.ready");
    let start = std::time::Instant::now();
    while !ready.exists() {
        assert!(
            start.elapsed().as_secs() < 20,
            "the import never reached its save"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // between the import's read and its save, someone marks tower 102 vacant
    ok(&d, &["set", "tower", "102", "vacant"]);
    std::fs::remove_file(&hold).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("not imported"), "{err}");
    assert_eq!(status_of(&d, "tower", "102"), "vacant", "their edit stays");
    assert_eq!(status_of(&d, "tower", "101"), "unknown", "all or nothing");
    assert_eq!(
        status_of(&d, "annex", "102"),
        "healthy",
        "the other building"
    );
}

#[test]
fn a_crosscheck_lists_what_to_verify() {
    let (t, d) = station();
    let cards = t.path().join("门禁卡.csv");
    std::fs::write(
        &cards,
        "楼宇,房号,姓名,开卡日期\ntower,201,杨家,2026-11-28\nannex,101,刘小明,2026-11-28\ntower,101,,\ntower,909,,\nannex,101,,\n",
    )
    .unwrap();
    let (code, out, _) = cli(&d, &["crosscheck", &cards.display().to_string(), "--json"]);
    assert_eq!(code, 0);
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    let got: Vec<(u64, &str, &str)> = v
        .iter()
        .map(|f| {
            (
                f["row"].as_u64().unwrap(),
                f["unit"].as_str().unwrap(),
                f["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (3, "101", "vacant"),
            (4, "101", "unknown"),
            (5, "909", "not-on-chart"),
            (6, "101", "listed-twice")
        ],
        "the isolating household agrees with the list"
    );
    assert_eq!(v[0]["name"], "刘**", "names from the list are masked");
    assert_eq!(v[0]["date"], "2026-11-28");
    let (_, text, _) = cli(
        &d,
        &["--lang", "en", "crosscheck", &cards.display().to_string()],
    );
    assert!(text.contains("annex 101  vacant on the chart"), "{text}");
}

#[test]
fn the_printable_page_is_whole_safe_and_local() {
    let (t, d) = station();
    ok(
        &d,
        &[
            "set",
            "tower",
            "101",
            "healthy",
            "--name",
            "<script>alert(1)</script>\u{1b}[2J",
        ],
    );
    let page = t.path().join("chart.html");
    ok(
        &d,
        &[
            "render",
            "--format",
            "html",
            "--out",
            &page.display().to_string(),
        ],
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(html.matches("<section>").count(), 2, "a page per building");
    assert!(html.contains("size: A4 landscape"));
    assert!(!html.contains("<script"), "text is escaped");
    assert!(!html.contains('\u{1b}'), "escapes are shown, not sent");
    assert!(
        !html.contains("杨家") && !html.contains("13832220210"),
        "masked"
    );
    assert!(
        html.contains("启明设计工作室"),
        "a company's name is not personal"
    );
    for bad in ["http:", "https:", "//fonts", "@import", "<link", "src="] {
        assert!(!html.contains(bad), "nothing from the network: {bad}");
    }
    // grey-scale copies read: every cell carries its status glyph, live-work its star
    for cell in [
        "<b class=\"g\">X</b> 201",
        "<b class=\"g\">+</b> 202*",
        "<b class=\"g\">_</b> 101",
        "<b class=\"g\">?</b> 102",
    ] {
        assert!(html.contains(cell), "{cell} in {html}");
    }
    // a small tower (2 floors) is scaled to its page, not drawn at a tall tower's row height
    let rows: Vec<f64> = html
        .match_indices("<tr style=\"height: ")
        .filter_map(|(i, m)| html[i + m.len()..].split("mm").next()?.parse().ok())
        .collect();
    assert!(
        rows.iter().all(|h| *h >= 25.0),
        "rows of a two-floor tower: {rows:?}"
    );
}

/// Chromium prints the page to PDF; the PDF has a page per building with its name and date.
/// Without a browser the test says so and passes, unless LOUPAN_REQUIRE_BROWSER is set (CI).
#[test]
fn the_page_prints_a_building_per_page_in_a_real_browser() {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(browser) = browser else {
        assert!(
            std::env::var_os("LOUPAN_REQUIRE_BROWSER").is_none(),
            "LOUPAN_REQUIRE_BROWSER is set but no chromium is installed (apt-get install chromium fonts-noto-cjk poppler-utils)"
        );
        eprintln!("no chromium: the printed page was not checked");
        return;
    };
    let (t, d) = data_dir();
    // the sample, and one tower taller than any page has room for at the usual row height
    for f in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings"))
        .unwrap()
        .flatten()
    {
        if f.path().extension().is_some_and(|e| e == "toml") {
            std::fs::copy(f.path(), d.join(f.file_name())).unwrap();
        }
    }
    ok(
        &d,
        &[
            "new", "needle", "--name", "针塔", "--floors", "60", "--units", "12",
        ],
    );
    // the README's commands as typed, in the folder the files go to: relative Chinese names
    let o = Command::new(bin())
        .current_dir(t.path())
        .env("LOUPAN_CONFIG", "/nonexistent")
        .args(["--dir", &d.display().to_string(), "--lang", "zh"])
        .args(["render", "--format", "html", "--out", "楼盘图.html"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = t.path().join("楼盘图.pdf");
    let o = Command::new(browser)
        .current_dir(t.path())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--print-to-pdf=楼盘图.pdf",
            "楼盘图.html",
        ])
        .output()
        .expect("chromium");
    assert!(pdf.exists(), "chromium printed nothing: {}", stderr(&o));
    let info = String::from_utf8_lossy(
        &Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .expect("pdfinfo (poppler-utils)")
            .stdout,
    )
    .into_owned();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert_eq!(pages, 9, "one page per building, none split: {info}");
    assert!(info.contains("A4"), "{info}");
    let text = String::from_utf8_lossy(
        &Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext")
            .stdout,
    )
    .into_owned();
    // "X 1904": the glyph prints beside the label, for a black-and-white printer
    for name in [
        "海港大厦",
        "针塔",
        "健康住户",
        "X 1904",
        &real_today().to_string(),
    ] {
        assert!(
            text.contains(name),
            "{name} printed (fonts that show Chinese): {}",
            &text[..text.len().min(500)]
        );
    }
}

/// The smaller ways bad input used to get through (issue 19): each is refused, saying what is
/// wrong and how to fix it, and nothing is written.
#[test]
fn small_slips_are_refused_with_a_reason() {
    let (_t, d) = station();
    // the report's CSV names each column once
    let (code, out, _) = cli(&d, &["--lang", "en", "report", "--format", "csv"]);
    assert!(code == 0 || code == 1, "{out}");
    let head: Vec<&str> = out
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .split(',')
        .collect();
    let mut seen = std::collections::HashSet::new();
    assert!(head.iter().all(|h| seen.insert(*h)), "{head:?}");
    // `new` takes only the ids its message allows
    for bad in ["x.toml", " sp", "a b"] {
        let (code, _, err) = cli(
            &d,
            &[
                "--lang", "en", "new", bad, "--name", "X", "--floors", "1", "--units", "1",
            ],
        );
        assert_eq!(code, 1, "{bad:?}: {err}");
        assert!(err.contains("letters, digits"), "{err}");
    }
    assert!(!d.join("x.toml.toml").exists() && !d.join(" sp.toml").exists());
    // a date no one meant
    let before = std::fs::read_to_string(d.join("tower.toml")).unwrap();
    let (code, _, err) = cli(
        &d,
        &[
            "--lang",
            "en",
            "set",
            "tower",
            "101",
            "--since",
            "9999-12-31",
        ],
    );
    assert_eq!(code, 2, "a date no one meant is the command line's: {err}");
    assert!(
        err.contains("9999-12-31") && err.contains("2099-12-31"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("tower.toml")).unwrap(),
        before
    );
    // two columns for one field: which one is the user's call
    let two = d.parent().unwrap().join("two.csv");
    std::fs::write(
        &two,
        "楼栋,房号,电话,手机\ntower,101,138 0000 0001,139 0000 0002\n",
    )
    .unwrap();
    let (code, _, err) = cli(&d, &["--lang", "en", "import", &two.display().to_string()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("电话") && err.contains("手机") && err.contains("--column"),
        "{err}"
    );
    let skip = [
        "--lang",
        "en",
        "import",
        &two.display().to_string(),
        "--column",
        "手机=-",
    ];
    let (code, _, err) = cli(&d, &skip);
    assert_eq!(code, 0, "{err}");
    // broken quoting is refused, with the row
    for (text, row) in [
        ("楼栋,房号,备注\ntower,101,a\"b\n", 2),
        ("楼栋,房号,备注\ntower,101,\"ab\"c\n", 2),
        (
            "楼栋,房号,备注\ntower,101,ok\ntower,102,\"never closed\ntower,201,x\n",
            3,
        ),
    ] {
        let f = d.parent().unwrap().join("quote.csv");
        std::fs::write(&f, text).unwrap();
        let (code, _, err) = cli(&d, &["--lang", "en", "import", &f.display().to_string()]);
        assert_eq!(code, 1, "{text:?}: {err}");
        assert!(
            err.contains(&format!("quote.csv:{row}:")),
            "{text:?}: {err}"
        );
    }
}

/// One typo in a building file: the evening report names the building at the top, counts none of
/// its households (never "released"), is never a zero report, and exits 1 after its output
/// (issue 19; docs/spec.md §7).
#[test]
fn a_report_never_hides_a_building_it_could_not_read() {
    let (t, d) = repo_with_tower();
    new_building(&d, "annex", 1, 2);
    for u in ["301", "302", "303"] {
        ok(
            &d,
            &[
                "set",
                "tower",
                u,
                "isolating",
                "--since",
                &ago(2).to_string(),
            ],
        );
    }
    commit_on(t.path(), ago(1), "yesterday");
    let path = d.join("tower.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("\"isolating\"", "\"isolatng\"", 1)).unwrap();
    let (code, out, err) = cli(&d, &["--lang", "en", "report", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["unread"][0]["id"], "tower", "{v}");
    assert_eq!(v["unread"][0]["name"], "tower");
    assert!(
        v["unread"][0]["problem"]
            .as_str()
            .unwrap()
            .contains("tower.toml"),
        "{v}"
    );
    assert_eq!(changes(&v).1, 0, "no household is released by a typo: {v}");
    assert_eq!(v["zero"], false);
    assert_eq!(v["total"]["isolating"], 0, "nothing of it counted");
    assert!(err.contains("tower.toml:"), "{err}");
    let (code, out, _) = cli(&d, &["--lang", "zh", "report"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("⚠ 未计入：tower（tower）"), "{out}");
    assert!(!out.contains("零报告"), "{out}");
}

/// Every way out names a building it could not read and exits 1 after its output: today (its
/// units on no list), stats, export and crosscheck (docs/spec.md §7).
#[test]
fn every_way_out_names_what_it_could_not_read() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    new_building(&d, "annex", 1, 2);
    ok(&d, &["set", "tower", "201", "isolating"]);
    let path = d.join("tower.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("\"isolating\"", "\"isolatng\"", 1)).unwrap();
    let (code, out, err) = cli(&d, &["--lang", "en", "today", "--json"]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unread"][0]["id"], "tower", "{v}");
    let (code, out, _) = cli(&d, &["--lang", "en", "today"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("⚠ Not on the lists: tower (tower)"),
        "{out}"
    );
    let (code, out, _) = cli(&d, &["--lang", "en", "stats", "--format", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unread"][0]["id"], "tower", "{v}");
    assert_eq!(v["total"]["units"], 2, "only the annex is counted: {v}");
    let (code, out, _) = cli(&d, &["--lang", "zh", "stats"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("⚠ 未计入：tower（tower）"), "{out}");
    let (code, _, err) = cli(&d, &["--lang", "en", "export"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tower.toml:"), "{err}");
    let list = d.parent().unwrap().join("cards.csv");
    std::fs::write(&list, "楼栋,房号\ntower,201\nannex,101\n").unwrap();
    let (code, _, err) = cli(
        &d,
        &["--lang", "en", "crosscheck", &list.display().to_string()],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tower.toml:"), "{err}");
}

/// The evening report carries up what must go up (docs/spec.md §7): symptoms and needs-help logged that
/// day, isolating households not reached, isolations past their end, unknown units knocked three
/// times without an answer — by building and unit, never a personal value.
#[test]
fn the_report_escalates_what_must_go_up_without_personal_values() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 3, 3);
    let since = ago(3).to_string();
    let past = ago(20).to_string();
    let ended = ago(7).to_string();
    ok(
        &d,
        &[
            "set",
            "tower",
            "301",
            "isolating",
            "--since",
            &since,
            "--name",
            "杨家",
            "--contact",
            "13855550210",
        ],
    );
    ok(
        &d,
        &[
            "set",
            "tower",
            "302",
            "isolating",
            "--since",
            &past,
            "--until",
            &ended,
        ],
    );
    ok(&d, &["set", "tower", "201", "healthy", "--name", "李家"]);
    ok(
        &d,
        &[
            "follow-up",
            "tower",
            "201",
            "symptoms",
            "--note",
            "发烧 138-1234-5678",
        ],
    );
    ok(&d, &["follow-up", "tower", "202", "needs-help"]);
    for _ in 0..3 {
        ok(
            &d,
            &["follow-up", "tower", "101", "not-home", "--via", "visit"],
        );
    }
    ok(
        &d,
        &["follow-up", "tower", "102", "not-home", "--via", "visit"],
    );
    let (code, out, err) = cli(&d, &["--lang", "en", "report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let got: Vec<(String, String)> = v["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["unit"].as_str().unwrap().into(),
                e["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("101", "knocked-3"),
        ("201", "symptoms"),
        ("202", "needs-help"),
        ("301", "not-reached"),
        ("302", "not-reached"),
        ("302", "overdue"),
    ]
    .iter()
    .map(|(u, r)| (u.to_string(), r.to_string()))
    .collect();
    assert_eq!(got, want, "{v}");
    assert_eq!(v["escalations"][0]["building"], "tower");
    // the text names each unit once, by kind (302, overdue and not reached, as overdue)
    for (lang, head) in [
        ("zh", "需上报 5 个单元："),
        ("en", "To escalate (5 units):"),
    ] {
        let (_, text, _) = cli(&d, &["--lang", lang, "report"]);
        assert!(text.contains(head), "{text}");
        assert!(text.contains("tower 301"), "{text}");
        assert_eq!(text.matches("tower 302").count(), 1, "{text}");
        for private in ["杨家", "李家", "13855550210", "138", "发烧"] {
            assert!(!text.contains(private), "{private} in {text}");
            assert!(!out.contains(private), "{private} in {out}");
        }
    }
}

/// `--out` writes where it is pointed without replacing what is there (docs/spec.md §7): a FIFO and a
/// device are written through, a symlink stays a symlink (its file keeps its mode), `-` is
/// standard output; a read-only file and a file in the data directory are refused, unchanged.
#[test]
fn out_writes_through_what_is_there_and_refuses_what_it_must_not_touch() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let (t, d) = data_dir();
    new_building(&d, "tower", 1, 2);
    let root = t.path();
    // a FIFO: someone reads it while loupan writes
    let fifo = root.join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = cli(&d, &["export", "--out", &fifo.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        reader.join().unwrap().contains("tower"),
        "the reader got the export"
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // a character device
    let (code, _, err) = cli(&d, &["export", "--out", "/dev/null"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // a symlink: followed, and still a symlink; its file keeps its mode
    let real = root.join("real.csv");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = root.join("link.csv");
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    let (code, _, err) = cli(&d, &["export", "--out", &link.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().contains("tower"));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // standard output
    let (code, out, _) = cli(&d, &["report", "--format", "csv", "--out", "-"]);
    assert_eq!(code, 0);
    assert!(out.contains("tower"), "{out}");
    // refused, unchanged: a read-only file, a file in the data directory
    let ro = root.join("ro.csv");
    std::fs::write(&ro, "keep").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let data_file = d.join("tower.toml");
    let before = std::fs::read_to_string(&data_file).unwrap();
    for (target, why) in [(&ro, "read-only"), (&data_file, "data directory")] {
        let (code, _, err) = cli(
            &d,
            &[
                "--lang",
                "en",
                "export",
                "--out",
                &target.display().to_string(),
            ],
        );
        assert_eq!(code, 1, "{target:?}: {err}");
        assert!(err.contains(why), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
    assert_eq!(std::fs::read_to_string(&data_file).unwrap(), before);
    let (code, _, err) = cli(
        &d,
        &[
            "--lang",
            "en",
            "render",
            "--format",
            "html",
            "--out",
            &data_file.display().to_string(),
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read_to_string(&data_file).unwrap(), before);
}

/// Export then import is the identity for any text (docs/spec.md §7): line breaks, tabs, escape
/// sequences, a leading `=`, `+`, `-`, `@` or `'`, backslashes and spaces at the ends come back
/// as they went, through CSV and through XLSX.
#[test]
fn export_then_import_gives_back_every_text() {
    use loupan::core::edit::{Change, UnitEdit};
    let texts = [
        "line one\nline two",
        "=1+1",
        "+86 say",
        "-minus",
        "@home",
        "'quoted",
        "tab\there",
        "esc\u{1b}[2J!",
        "rtl\u{202e}abc",
        "back\\slash \\n not a break",
        " padded ",
    ];
    for format in ["csv", "xlsx"] {
        let (_t, d) = data_dir();
        new_building(&d, "tower", 4, 3);
        let st = common::station(&d);
        let b = st.load(&bid("tower")).building.unwrap();
        for (i, text) in texts.iter().enumerate() {
            let mut r = b.units[i].record.clone();
            r.name = Some((*text).into());
            r.note = Some(format!("{text}|note").as_str().into());
            st.apply_edits(
                &bid("tower"),
                &[UnitEdit {
                    unit: b.units[i].label.to_string(),
                    expect: None,
                    change: Change::Set(r),
                }],
            )
            .unwrap();
        }
        let out = d.parent().unwrap().join(format!("ledger.{format}"));
        // Chinese headers: the building's id and its name are two columns, both readable
        ok(
            &d,
            &[
                "--lang",
                "zh",
                "export",
                "--reveal",
                "--format",
                format,
                "--out",
                &out.display().to_string(),
            ],
        );
        let before = st.load(&bid("tower")).building.unwrap();
        // a fresh chart with the same layout, then the ledger imported into it
        std::fs::remove_file(d.join("tower.toml")).unwrap();
        new_building(&d, "tower", 4, 3);
        let (code, _, err) = cli(&d, &["import", &out.display().to_string(), "--apply"]);
        assert_eq!(code, 0, "{format}: {err}");
        let after = st.load(&bid("tower")).building.unwrap();
        for (i, text) in texts.iter().enumerate() {
            let (a, b) = (&after.units[i].record, &before.units[i].record);
            assert_eq!(a.name.as_deref(), Some(*text), "{format}: name {text:?}");
            assert_eq!(a.note, b.note, "{format}: note of {text:?}");
        }
    }
}

/// An import never undoes newer work (docs/spec.md §7): the sample ledger, dated before the day's edits,
/// keeps a change committed after it and one not committed yet, says so in its plan, and takes
/// the ledger's values only with --prefer-ledger.
#[test]
fn an_import_never_undoes_newer_work() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("buildings");
    std::fs::create_dir(&d).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(src.join("buildings")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "toml") {
            std::fs::copy(e.path(), d.join(e.file_name())).unwrap();
        }
    }
    let ledger = t.path().join("物业底账.xlsx");
    std::fs::copy(src.join("ledgers/物业底账.xlsx"), &ledger).unwrap();
    git_ok(t.path(), &["init", "-q", "-b", "main"]);
    commit_on(t.path(), ago(10), "the chart before the ledger");
    // after the ledger's day: 1903 isolating, committed; 1701 released, not committed yet
    ok(&d, &["set", "haigang", "1903", "isolating"]);
    commit_on(t.path(), ago(1), "1903 isolating");
    ok(&d, &["set", "binjiang", "1701", "healthy"]);
    let day = ago(5).to_string();
    let file = ledger.display().to_string();
    let (code, out, err) = cli(
        &d,
        &["--lang", "en", "import", &file, "--date", &day, "--apply"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("ledger of {day}")), "{err}");
    assert_eq!(status_of(&d, "haigang", "1903"), "isolating", "{out}");
    assert_eq!(status_of(&d, "binjiang", "1701"), "healthy", "{out}");
    assert!(
        out.contains("海港大厦 1903: kept status"),
        "names, not ids: {out}"
    );
    assert!(out.contains("滨江花园3栋 1701: kept status"), "{out}");
    assert!(
        !unit_json(&d, "haigang", "1903")
            .to_string()
            .contains("物业底账"),
        "a kept unit is not stamped as confirmed by the ledger"
    );
    // the ledger's values only when asked
    let (code, _, err) = cli(
        &d,
        &[
            "--lang",
            "en",
            "import",
            &file,
            "--date",
            &day,
            "--apply",
            "--prefer-ledger",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_ne!(status_of(&d, "haigang", "1903"), "isolating");
}
