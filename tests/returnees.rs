//! Issue 36: returnees and staff health — people of a company or a household in the private store
//! only, their 14-day observation, daily temperatures, fever as an escalation, the counts a
//! station reports; shops by class and the day's inspections; returnees purged after retention.

mod common;
use common::*;
use serde_json::Value;

const NAME: &str = "欧阳明远";
const PHONE: &str = "13700001111";
const ROUTE: &str = "武汉-北京 G512次";

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

/// A tower with a company in 501 and a household in 601.
fn tower() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, d) = data_dir();
    new_building(&d, "tower", 8, 4);
    let (code, _, err) = cli(
        &d,
        &[
            "company",
            "add",
            "tower",
            "501",
            "测试科技",
            "--headcount",
            "10",
            "--status",
            "resumed",
        ],
    );
    assert_eq!(code, 0, "{err}");
    (t, d)
}

fn add(d: &std::path::Path, place: &str, name: &str, phone: &str, returned: &str) -> String {
    let args = [
        "person",
        "add",
        "tower",
        place,
        name,
        "--phone",
        phone,
        "--left",
        "yes",
        "--returned",
        returned,
        "--route",
        ROUTE,
        "--from",
        "湖北",
    ];
    let (code, out, err) = cli(d, &args);
    assert_eq!(code, 0, "{err}");
    out.trim().to_string()
}

#[test]
fn a_person_is_masked_kept_private_and_counted_by_the_company() {
    let (_t, d) = tower();
    let id = add(&d, "测试科技", NAME, PHONE, &day(-3));
    assert_eq!(id, "p1");
    let listed = json(&d, &["person", "list", "--json"]);
    let text = listed.to_string();
    assert!(
        !text.contains(NAME) && !text.contains(PHONE) && !text.contains(ROUTE),
        "{text}"
    );
    assert_eq!(listed[0]["name"], "欧***");
    assert_eq!(listed[0]["phone"], "137****1111");
    assert_eq!(listed[0]["observe-until"], day(10));
    let shown = json(&d, &["person", "list", "--json", "--reveal"]);
    assert_eq!(
        (shown[0]["name"].as_str(), shown[0]["phone"].as_str()),
        (Some(NAME), Some(PHONE))
    );
    let c = json(&d, &["company", "show", "tower", "测试科技", "--json"]);
    assert_eq!(
        (c["returned"].as_u64(), c["observing"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(c["observe-until"], day(10));
    // nothing personal in the shared file
    let shared = std::fs::read_to_string(d.join("tower.toml")).unwrap();
    assert!(!shared.contains(NAME) && !shared.contains(PHONE) && !shared.contains(ROUTE));
    // the company's counts follow its people: typed ones are refused
    let (code, _, err) = cli(
        &d,
        &["company", "set", "tower", "测试科技", "--returned", "5"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("person list"), "{err}");
}

#[test]
fn fever_missing_readings_and_the_report() {
    let (_t, d) = tower();
    let a = add(&d, "测试科技", NAME, PHONE, &day(-3));
    add(&d, "测试科技", "诸葛青云", "13700002222", &day(0));
    let c = add(&d, "601", "上官婉清", "13700003333", &day(-13));
    let shared = std::fs::read(d.join("tower.toml")).unwrap();
    for (person, t) in [(&a, "37.6"), (&c, "36.5")] {
        let (code, _, err) = cli(&d, &["temp", "tower", person, t]);
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(
        std::fs::read(d.join("tower.toml")).unwrap(),
        shared,
        "readings stay private"
    );
    let t = json(&d, &["today", "--json"]);
    assert_eq!(
        t["fever"].as_array().map(Vec::len),
        Some(1),
        "{}",
        t["fever"]
    );
    assert_eq!(t["fever"][0]["id"], "p1");
    assert_eq!(t["readings_missing"][0]["id"], "p2");
    assert!(!t.to_string().contains(NAME));
    let r = json(&d, &["report", "--format", "json"]);
    let x = &r["returnees"];
    let got: Vec<u64> = [
        "returned_today",
        "observing",
        "observation_ending",
        "readings_due",
        "readings_missing",
        "fever",
    ]
    .iter()
    .map(|k| x[*k].as_u64().unwrap_or(99))
    .collect();
    assert_eq!(got, [1, 3, 1, 3, 1, 1], "{x}");
    let esc = r["escalations"].as_array().unwrap();
    assert!(
        esc.iter()
            .any(|e| e["reason"] == "fever" && e["unit"] == "501"),
        "{esc:?}"
    );
    let (_, text, _) = cli(&d, &["report", "--lang", "zh"]);
    assert!(
        text.contains("返京 3 人") && text.contains("发热"),
        "{text}"
    );
    assert!(!text.contains(NAME) && !text.contains(PHONE));
}

#[test]
fn an_impossible_reading_is_refused_and_nothing_is_written() {
    let (_t, d) = tower();
    add(&d, "测试科技", NAME, PHONE, &day(0));
    for bad in ["45", "34.9", "hot"] {
        let (code, _, err) = cli(&d, &["temp", "tower", "p1", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
    }
    assert!(
        !d.join(".private/readings").exists()
            || std::fs::read_dir(d.join(".private/readings"))
                .unwrap()
                .count()
                == 0
    );
    for edge in ["35.0", "42"] {
        let (code, _, err) = cli(&d, &["temp", "tower", "p1", edge]);
        assert_eq!(code, 0, "{edge}: {err}");
    }
}

#[test]
fn shops_by_class_and_the_days_inspection() {
    let (_t, d) = tower();
    let (code, _, _) = cli(
        &d,
        &[
            "company",
            "add",
            "tower",
            "502",
            "网吧",
            "--status",
            "not-resumed",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        cli(
            &d,
            &["company", "set", "tower", "测试科技", "--class", "民生保障"]
        )
        .0,
        0
    );
    assert_eq!(
        cli(
            &d,
            &["company", "set", "tower", "网吧", "--class", "suspended"]
        )
        .0,
        0
    );
    let (code, _, err) = cli(&d, &["company", "set", "tower", "网吧", "--class", "bogus"]);
    assert_eq!(code, 1, "{err}");
    let all = json(&d, &["company", "list", "--json"]);
    assert_eq!(all[0]["class"], "livelihood");
    assert_eq!(all[1]["class"], "suspended");
    let r = json(&d, &["report", "--format", "json"]);
    assert_eq!(
        r["inspection"],
        serde_json::json!({"due": 2, "done": 0, "rate": 0.0})
    );
    let (code, _, err) = cli(
        &d,
        &["follow-up", "tower", "502", "inspected", "--found", "open"],
    );
    assert_eq!(code, 0, "{err}");
    let r = json(&d, &["report", "--format", "json"]);
    assert_eq!(r["inspection"]["done"], 1);
    let esc = r["escalations"].as_array().unwrap();
    assert!(
        esc.iter()
            .any(|e| e["reason"] == "suspended-open" && e["unit"] == "502"),
        "{esc:?}"
    );
}

#[test]
fn a_returnee_is_purged_after_retention() {
    let (t, d) = tower();
    add(&d, "测试科技", NAME, PHONE, &day(-40));
    add(&d, "测试科技", "东方既白", "13700006666", &day(-2));
    assert_eq!(cli(&d, &["temp", "tower", "p1", "36.6"]).0, 0);
    let config = loupan::store::config::Config {
        retention: loupan::store::config::RetentionDays {
            returnee: Some(0),
            ..Default::default()
        },
        ..Default::default()
    };
    let run = |args: &[&str]| {
        let mut argv: Vec<std::ffi::OsString> =
            vec!["loupan".into(), "--dir".into(), d.clone().into()];
        argv.extend(args.iter().map(std::ffi::OsString::from));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = loupan::cli::run_with(argv, &config, &mut out, &mut err);
        (code, String::from_utf8_lossy(&out).into_owned())
    };
    let (code, said) = run(&["purge"]);
    assert_eq!(code, 0);
    assert!(
        said.contains("1 returnees") && !said.contains(NAME),
        "{said}"
    );
    let people = json(&d, &["person", "list", "--json", "--reveal"]).to_string();
    assert!(
        !people.contains(PHONE) && people.contains("13700006666"),
        "{people}"
    );
    let mut all = String::new();
    for e in walkdir(t.path()) {
        all.push_str(&String::from_utf8_lossy(
            &std::fs::read(e).unwrap_or_default(),
        ));
    }
    assert!(!all.contains(PHONE) && !all.contains(NAME));
}

fn walkdir(p: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(p).into_iter().flatten().flatten() {
        let path = e.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_staff_ledger_imports_with_located_errors_and_never_undoes_a_newer_reading() {
    let (_t, d) = tower();
    add(&d, "测试科技", NAME, PHONE, &day(-2));
    assert_eq!(cli(&d, &["temp", "tower", "p1", "36.9"]).0, 0);
    let today = day(0);
    let ledger = d.parent().unwrap().join("staff.csv");
    let rows = [
        "楼宇,企业/商铺,房号,姓名,联系电话,籍贯,是否离京,回京时间,返京行程,体温,日期,是否社区报到"
            .to_string(),
        format!(
            "tower,测试科技,501,诸葛青云,13700002222,四川,是,{today},成都-北京,37.5,{today},是"
        ),
        format!("tower,,601,上官婉清,13700003333,河南,是,{today},自驾,36.4,,否"),
        format!(
            "tower,测试科技,501,{NAME},{PHONE},湖北,是,{},,35.2,{today},是",
            day(-2)
        ),
        format!("tower,没有这家,501,某人,13700004444,河南,是,{today},自驾,36.4,,否"),
    ];
    std::fs::write(&ledger, rows.join("\n")).unwrap();
    let file = ledger.to_str().unwrap();
    let (code, out, err) = cli(&d, &["import", file, "--apply"]);
    assert_eq!(code, 1, "{out} {err}");
    assert!(
        err.contains("staff.csv:5:") && err.contains("没有这家"),
        "{err}"
    );
    assert!(
        !out.contains("诸葛青云") && out.contains("诸***"),
        "masked: {out}"
    );
    assert_eq!(
        json(&d, &["person", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(1),
        "nothing saved"
    );
    std::fs::write(&ledger, rows[..4].join("\n")).unwrap();
    let (code, _, err) = cli(&d, &["import", file, "--apply"]);
    assert_eq!(code, 0, "{err}");
    let all = json(&d, &["person", "list", "--json", "--reveal"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 3, "{all:?}");
    let p1 = all.iter().find(|p| p["id"] == "p1").unwrap();
    assert_eq!(p1["today"], 36.9, "the reading logged today stays: {p1}");
    let t = json(&d, &["today", "--json"]);
    assert_eq!(t["fever"][0]["id"], "p2");
    // the export reads back as the same ledger
    let (code, csv, _) = cli(&d, &["person", "list", "--csv", "--lang", "zh"]);
    assert_eq!(code, 0);
    assert!(
        csv.starts_with('\u{feff}') && csv.contains("姓名") && csv.contains("诸***"),
        "{csv}"
    );
    assert!(!csv.contains("诸葛青云"));
}

#[test]
fn the_district_demo_reports_its_returnees() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("district");
    let (code, _, err) = cli(
        t.path(),
        &["demo", "--preset", "district", "--out", d.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let listed = json(&d, &["person", "list", "--json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(2000));
    let r = json(&d, &["report", "--format", "json"]);
    assert!(
        r["returnees"]["readings_due"].as_u64().unwrap_or(0) > 100,
        "{}",
        r["returnees"]
    );
    let shared = std::fs::read_to_string(d.join("b0001.toml")).unwrap();
    let first = &listed[0];
    assert!(first["name"].as_str().is_some_and(|n| n.contains('*')));
    assert!(!shared.contains(".private"), "people stay private");
}

#[test]
fn a_fever_is_one_escalation_per_person_by_id_never_by_name() {
    let (_t, d) = tower();
    add(&d, "测试科技", NAME, PHONE, &day(-1));
    add(&d, "测试科技", "诸葛青云", "13700002222", &day(-1));
    for p in ["p1", "p2"] {
        assert_eq!(cli(&d, &["temp", "tower", p, "38.1"]).0, 0);
    }
    let r = json(&d, &["report", "--format", "json"]);
    let fevers: Vec<&Value> = r["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["reason"] == "fever")
        .collect();
    assert_eq!(fevers.len(), 2, "{fevers:?}");
    assert_eq!(
        (fevers[0]["person"].as_str(), fevers[1]["person"].as_str()),
        (Some("p1"), Some("p2"))
    );
    assert!(!r.to_string().contains(NAME));
}
