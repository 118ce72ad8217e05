//! Issue 21: companies filed at the building — their own record, one line each in the building's
//! `[companies]`, checked as they are filed, counted in what goes up.

mod common;
use common::*;
use serde_json::Value;

/// A credit code with its check character (GB 32100-2015).
fn credit_code(body: &str) -> String {
    loupan::core::company::with_check_character(body).unwrap()
}

fn companies(d: &std::path::Path) -> Vec<Value> {
    let out = ok(d, &["company", "list", "--json", "--reveal"]);
    serde_json::from_str::<Vec<Value>>(&out).unwrap()
}

fn named<'a>(all: &'a [Value], name: &str) -> &'a Value {
    all.iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {all:?}"))
}

fn tower() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (t, d) = data_dir();
    new_building(&d, "tower", 10, 6);
    let code = credit_code("91110108MA01ABCDE");
    let id = ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "501,502",
            "海风贸易有限公司",
            "--credit-code",
            &code,
            "--headcount",
            "30",
            "--on-site",
            "12",
            "--status",
            "resumed",
            "--contact",
            "李经理 13912345678",
        ],
    );
    assert_eq!(id.trim(), "c1");
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "601",
            "甲科技",
            "--status",
            "resumed",
            "--headcount",
            "5",
        ],
    );
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "601",
            "乙咨询",
            "--headcount",
            "3",
        ],
    );
    (t, d, code)
}

#[test]
fn a_company_is_one_line_and_a_shared_office_is_never_green_while_one_is_not_back() {
    let (_t, d, code) = tower();
    let text = std::fs::read_to_string(d.join("tower.toml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("c1 = "))
        .expect("c1's line");
    assert!(
        line.contains("units = [\"501\", \"502\"]") && line.contains(&code),
        "{line}"
    );
    let all = companies(&d);
    let c = named(&all, "海风贸易有限公司");
    assert_eq!(
        (c["headcount"].as_u64(), c["on-site"].as_u64()),
        (Some(30), Some(12))
    );
    let u = unit_json(&d, "tower", "601");
    assert_eq!(u["status"], "not-resumed", "{u}");
    assert_eq!(u["companies"].as_array().map(Vec::len), Some(2), "{u}");
    assert_eq!(unit_json(&d, "tower", "501")["status"], "resumed");
    // masked on the way out unless revealed; the company's name is not personal
    let listed = ok(&d, &["company", "list", "--json"]);
    assert!(
        listed.contains("海风贸易有限公司") && !listed.contains("13912345678"),
        "{listed}"
    );
    let csv = ok(&d, &["--lang", "zh", "company", "list", "--csv"]);
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    let head = csv.lines().next().unwrap();
    assert!(
        head.contains("统一社会信用代码") && head.contains("员工总数"),
        "{head}"
    );
    assert_eq!(
        csv.lines().count(),
        4,
        "a header and three companies: {csv}"
    );
    assert!(!csv.contains("13912345678"), "masked");
}

#[test]
fn filings_are_checked_and_a_refusal_writes_nothing() {
    let (_t, d, code) = tower();
    let before = std::fs::read(d.join("tower.toml")).unwrap();
    let bad = format!(
        "{}{}",
        &code[..17],
        if code.ends_with('0') { '1' } else { '0' }
    );
    let (c, _, err) = cli(
        &d,
        &[
            "--lang",
            "zh",
            "company",
            "add",
            "tower",
            "701",
            "错码公司",
            "--credit-code",
            &bad,
        ],
    );
    assert_eq!(c, 1);
    assert!(
        err.contains("统一社会信用代码") && err.contains("营业执照"),
        "{err}"
    );
    let (c, _, err) = cli(
        &d,
        &[
            "--lang",
            "en",
            "company",
            "set",
            "tower",
            "海风",
            "--on-site",
            "31",
        ],
    );
    assert_eq!(c, 1);
    assert!(err.contains("more than the headcount"), "{err}");
    assert_eq!(
        std::fs::read(d.join("tower.toml")).unwrap(),
        before,
        "nothing written"
    );
    // a filing update by a part of the name stamps the day
    ok(
        &d,
        &[
            "company",
            "set",
            "tower",
            "海风",
            "--returned",
            "4",
            "--observing",
            "2",
            "--observe-until",
            "today",
        ],
    );
    let c = named(&companies(&d), "海风贸易有限公司").clone();
    assert_eq!(c["filed"], real_today().to_string());
    // a unit the company leaves, empty now, is to be checked again
    ok(&d, &["company", "set", "tower", "c1", "--units", "501"]);
    assert_eq!(unit_json(&d, "tower", "502")["status"], "unknown");
    let today: Value = serde_json::from_str(&ok(&d, &["today", "--json"])).unwrap();
    let ending: Vec<&Value> = today["observation_ending"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(ending.len(), 1, "{today}");
    let text = ok(&d, &["--lang", "zh", "today"]);
    assert!(
        text.contains("今日观察期满 (1)") && text.contains("海风贸易有限公司"),
        "{text}"
    );
}

#[test]
fn what_goes_up_counts_companies_and_employees_and_questions() {
    let (_t, d, _) = tower();
    let s: Value = serde_json::from_str(&ok(&d, &["stats", "--format", "json"])).unwrap();
    let co = &s["companies"];
    assert_eq!(
        (
            co["total"].as_u64(),
            co["employees"].as_u64(),
            co["resumed"].as_u64()
        ),
        (Some(3), Some(38), Some(2)),
        "{co}"
    );
    ok(
        &d,
        &[
            "follow-up",
            "tower",
            "601",
            "consulted",
            "--topic",
            "policy",
        ],
    );
    let r: Value = serde_json::from_str(&ok(&d, &["report", "--format", "json"])).unwrap();
    assert!((r["companies"]["resumption_rate"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(r["questions"]["policy"], 1);
    let text = ok(&d, &["--lang", "zh", "report"]);
    let first = text.lines().nth(1).unwrap_or_default();
    assert!(
        first.starts_with(
            "楼宇 1 座，企业 3 家（已复工 2，复工率 66.7%），员工 38人（到岗 12，到岗率 31.6%）"
        ),
        "the seed's sentence: {text}"
    );
    assert!(text.contains("企业答疑 1 次"), "{text}");
}

#[test]
fn a_company_ledger_updates_by_credit_code_and_adds_the_rest() {
    let (t, d, code) = tower();
    let ledger = t.path().join("企业台账.csv");
    std::fs::write(
        &ledger,
        format!("\u{feff}企业名称,统一社会信用代码,楼宇,房号,员工总数,到岗人数\n海风贸易,{code},tower,501,32,15\n新来公司,,tower,801,7,7\n"),
    )
    .unwrap();
    // a row breaking a rule refuses the building's whole import: nothing half-filed
    let bad = t.path().join("坏台账.csv");
    std::fs::write(
        &bad,
        format!("企业名称,统一社会信用代码,楼宇,房号,员工总数,到岗人数\n新公司,,tower,802,5,5\n海风贸易,{code},tower,501,30,99\n"),
    )
    .unwrap();
    let before = std::fs::read(d.join("tower.toml")).unwrap();
    let (c, _, err) = cli(
        &d,
        &["--lang", "en", "import", bad.to_str().unwrap(), "--apply"],
    );
    assert_eq!(c, 1, "{err}");
    assert!(err.contains("more than the headcount"), "{err}");
    assert_eq!(
        std::fs::read(d.join("tower.toml")).unwrap(),
        before,
        "all or nothing"
    );
    let plan = ok(&d, &["--lang", "zh", "import", ledger.to_str().unwrap()]);
    assert!(plan.contains("员工总数 30 → 32"), "{plan}");
    assert_eq!(
        named(&companies(&d), "海风贸易有限公司")["headcount"],
        30,
        "a plan changes nothing"
    );
    ok(&d, &["import", ledger.to_str().unwrap(), "--apply"]);
    let all = companies(&d);
    // matched by code: the ledger's short name does not make a second company
    assert_eq!(named(&all, "海风贸易")["headcount"], 32);
    assert_eq!(named(&all, "新来公司")["units"], serde_json::json!(["801"]));
    assert_eq!(all.len(), 4, "{all:?}");
}

#[test]
fn an_old_file_keeps_its_meaning_and_filing_it_makes_a_record() {
    let (_t, d) = data_dir();
    new_building(&d, "old", 2, 2);
    ok(
        &d,
        &[
            "set",
            "old",
            "201",
            "not-resumed",
            "--name",
            "晨光印务",
            "--people",
            "19",
        ],
    );
    let all = companies(&d);
    let c = named(&all, "晨光印务");
    assert_eq!(
        (c["headcount"].as_u64(), c["status"].as_str()),
        (Some(19), Some("not-resumed"))
    );
    ok(
        &d,
        &[
            "company",
            "set",
            "old",
            "晨光",
            "--status",
            "resumed",
            "--on-site",
            "10",
        ],
    );
    let all = companies(&d);
    assert_eq!(
        all.len(),
        1,
        "one company, not the old one beside a new one: {all:?}"
    );
    assert_eq!(all[0]["id"], "c1");
    assert_eq!(unit_json(&d, "old", "201")["status"], "resumed");
    // a second company moving into a unit the old format gave a company keeps both
    ok(
        &d,
        &[
            "set",
            "old",
            "202",
            "resumed",
            "--name",
            "青木建筑设计",
            "--people",
            "33",
        ],
    );
    ok(
        &d,
        &["company", "add", "old", "202", "乙咨询", "--headcount", "3"],
    );
    let names: Vec<String> = companies(&d)
        .iter()
        .filter(|c| c["units"] == serde_json::json!(["202"]))
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(
        names,
        ["乙咨询", "青木建筑设计"],
        "the old company does not vanish"
    );
    assert_eq!(unit_json(&d, "old", "202")["status"], "not-resumed");
}

/// Issue 21: `loupan migrate` rewrites the old form into company records in one commit, and no
/// count changes.
#[test]
fn migrate_is_one_commit_and_changes_no_count() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("buildings");
    std::fs::create_dir(&d).unwrap();
    for f in std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings"))
        .unwrap()
        .flatten()
    {
        if f.path().extension().is_some_and(|e| e == "toml") {
            std::fs::copy(f.path(), d.join(f.file_name())).unwrap();
        }
    }
    git_init(t.path());
    let stats = || ok(&d, &["stats", "--format", "json"]);
    let before = stats();
    let listed = companies(&d);
    assert!(
        listed
            .iter()
            .all(|c| c["id"].as_str().unwrap().starts_with('u')),
        "all implied before"
    );
    let commits = git_ok(t.path(), &["rev-list", "--count", "HEAD"]);
    let (code, _, err) = cli(&d, &["migrate"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stats(), before, "every count as before");
    let after = companies(&d);
    assert_eq!(after.len(), listed.len());
    assert!(
        after
            .iter()
            .all(|c| c["id"].as_str().unwrap().starts_with('c')),
        "records of their own"
    );
    let n: u32 = git_ok(t.path(), &["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap();
    // one commit for the companies, one for the personal values moved to the private store
    assert_eq!(
        n,
        commits.trim().parse::<u32>().unwrap() + 2,
        "one commit each"
    );
    let subjects = git_ok(t.path(), &["log", "-2", "--format=%s"]);
    assert!(
        subjects.contains("into [companies]") && subjects.contains("private store"),
        "{subjects}"
    );
    assert!(
        git_ok(t.path(), &["status", "--porcelain"])
            .trim()
            .is_empty()
    );
    let (_, _, err) = cli(&d, &["--lang", "en", "migrate"]);
    assert!(
        err.contains("0 companies"),
        "a second run has nothing to do: {err}"
    );
}

/// Text is hostile: a company's name or note with line breaks and escape sequences is stored on
/// one line and shown safely on every way out.
#[test]
fn a_hostile_company_name_stays_on_one_line_and_is_shown_safely() {
    let (_t, d) = data_dir();
    new_building(&d, "t", 2, 2);
    ok(
        &d,
        &[
            "company",
            "add",
            "t",
            "101",
            "坏\n名字\u{1b}[2J",
            "--note",
            "x\ny",
        ],
    );
    let text = std::fs::read_to_string(d.join("t.toml")).unwrap();
    let line = text.lines().find(|l| l.starts_with("c1 = ")).unwrap();
    assert!(line.contains("\\n") && !line.contains('\u{1b}'), "{line}");
    for args in [
        &["company", "list"][..],
        &["company", "show", "t", "c1"],
        &["--lang", "zh", "today"],
    ] {
        let out = ok(&d, args);
        assert!(raw_hazards(&out).is_empty(), "{args:?}: {out:?}");
    }
    assert_eq!(loupan(&d, &["check"]).status.code(), Some(0));
}

/// `loupan log BUILDING COMPANY`: each filing that changed the company, newest first, who and
/// when; personal fields are not in the shared history.
#[test]
fn a_company_s_history_is_its_filings() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    git_init(t.path());
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "101",
            "海风商贸",
            "--headcount",
            "30",
            "--contact",
            "张经理 13800001111",
        ],
    );
    git_ok(t.path(), &["add", "-A"]);
    git_ok(t.path(), &["commit", "-qm", "filed"]);
    ok(
        &d,
        &[
            "company",
            "set",
            "tower",
            "海风商贸",
            "--status",
            "resumed",
            "--on-site",
            "12",
        ],
    );
    git_ok(t.path(), &["commit", "-qam", "resumed"]);
    let log = ok(&d, &["--lang", "en", "log", "tower", "海风商贸"]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines[0].contains("海风商贸: status not-resumed → resumed") && lines[0].contains("on-site"),
        "{log}"
    );
    assert!(
        lines[1].contains("new company") && lines[1].contains("Station"),
        "{log}"
    );
    assert!(!log.contains("13800001111"));
    // by id too; a unit label is still a unit's history
    assert_eq!(ok(&d, &["--lang", "en", "log", "tower", "c1"]), log);
    assert!(ok(&d, &["--lang", "en", "log", "tower", "101"]).contains("unknown → not-resumed"));
}

/// The company list loupan exports reads back as no change at all, even where two companies of
/// one building share a name (the export's id column finds each): export → import is the
/// identity on the seed's district.
#[test]
fn the_exported_company_list_imports_as_no_change() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("district");
    ok(
        t.path(),
        &["demo", "--preset", "district", "--out", d.to_str().unwrap()],
    );
    let csv = ok(&d, &["company", "list", "--csv", "--reveal"]);
    assert_eq!(csv.lines().count(), 1_410);
    let f = t.path().join("企业台账.csv");
    std::fs::write(&f, csv).unwrap();
    let plan = loupan(&d, &["--lang", "en", "import", f.to_str().unwrap()]);
    assert!(plan.status.success(), "{}", stderr(&plan));
    assert!(
        stderr(&plan).contains("0 companies would change"),
        "{}{}",
        stdout(&plan),
        stderr(&plan)
    );
}
