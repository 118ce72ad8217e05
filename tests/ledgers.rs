//! A company ledger's rows find their own companies (issue 32, point 6): by credit code, else by
//! name *and* unit, never by the name alone across units; a row that could be several companies
//! is refused with the candidates; the preview refuses exactly what `--apply` refuses; figures
//! are bounded; a 复工日期 means resumed.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn companies(d: &Path) -> Vec<Value> {
    let out = ok(d, &["company", "list", "--json", "--reveal"]);
    serde_json::from_str::<Vec<Value>>(&out).unwrap()
}

/// The companies of that name, by their first unit.
fn by_unit<'a>(all: &'a [Value], name: &str, unit: &str) -> Vec<&'a Value> {
    all.iter()
        .filter(|c| c["name"] == name && c["units"][0] == unit)
        .collect()
}

fn ledger(t: &Path, name: &str, text: &str) -> PathBuf {
    let f = t.join(name);
    std::fs::write(&f, text).unwrap();
    f
}

/// The sample's 创业园A座: three companies named 博远教育科技, in units 1001, 901 and 801.
fn chuangye() -> (tempfile::TempDir, PathBuf) {
    let (t, d) = data_dir();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings/chuangye.toml");
    std::fs::copy(sample, d.join("chuangye.toml")).unwrap();
    (t, d)
}

#[test]
fn rows_for_one_name_in_two_units_update_the_two_companies_there() {
    let (t, d) = chuangye();
    let before = companies(&d);
    assert_eq!(
        before
            .iter()
            .filter(|c| c["name"] == "博远教育科技")
            .count(),
        3
    );
    let f = ledger(
        t.path(),
        "企业台账.csv",
        "企业名称,楼宇,房号,员工总数\n博远教育科技,创业园A座,801,39\n博远教育科技,创业园A座,901,10\n",
    );
    let plan = ok(&d, &["--lang", "en", "import", f.to_str().unwrap()]);
    assert!(plan.contains(" 801 "), "{plan}");
    assert!(plan.contains(" 901 "), "{plan}");
    ok(&d, &["import", f.to_str().unwrap(), "--apply"]);
    let after = companies(&d);
    assert_eq!(after.len(), before.len(), "no company merged: {after:?}");
    let one = |u: &str| {
        let hits = by_unit(&after, "博远教育科技", u);
        assert_eq!(hits.len(), 1, "{u}: {after:?}");
        hits[0]["headcount"].clone()
    };
    assert_eq!(one("801"), 39);
    assert_eq!(one("901"), 10);
    assert_eq!(one("1001"), 40, "the company in 1001 is untouched");
}

#[test]
fn a_row_that_could_be_two_companies_is_refused_with_both() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 10, 6);
    for unit in ["601", "602"] {
        ok(
            &d,
            &[
                "company",
                "add",
                "tower",
                unit,
                "甲科技",
                "--headcount",
                "5",
            ],
        );
    }
    let before = std::fs::read(d.join("tower.toml")).unwrap();
    let f = ledger(
        t.path(),
        "台账.csv",
        "企业名称,楼宇,房号,员工总数\n甲科技,tower,\"601,602\",8\n",
    );
    for apply in [false, true] {
        let mut args = vec!["--lang", "en", "import", f.to_str().unwrap()];
        if apply {
            args.push("--apply");
        }
        let o = loupan(&d, &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("台账.csv:2: "), "FILE:ROW: {err}");
        assert!(
            err.contains("c1") && err.contains("c2"),
            "the candidates: {err}"
        );
        assert!(err.contains("credit code"), "how to say which: {err}");
    }
    assert_eq!(std::fs::read(d.join("tower.toml")).unwrap(), before);
}

#[test]
fn the_preview_refuses_what_apply_refuses_and_figures_are_bounded() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 10, 6);
    let f = ledger(
        t.path(),
        "台账.csv",
        "企业名称,楼宇,房号,员工总数,到岗人数\n大公司,tower,101,1000000000,10\n小公司,tower,102,5,9\n好公司,tower,103,5,5\n",
    );
    let before = std::fs::read(d.join("tower.toml")).unwrap();
    let plan = loupan(&d, &["--lang", "en", "import", f.to_str().unwrap()]);
    let apply = loupan(
        &d,
        &["--lang", "en", "import", f.to_str().unwrap(), "--apply"],
    );
    let (pe, ae) = (stderr(&plan), stderr(&apply));
    assert_eq!(plan.status.code(), Some(1), "{pe}");
    assert_eq!(apply.status.code(), Some(1), "{ae}");
    assert!(pe.contains("台账.csv:2: ") && pe.contains("100000"), "{pe}");
    assert!(
        pe.contains("台账.csv:3: ") && pe.contains("more than the headcount"),
        "{pe}"
    );
    assert!(!pe.contains("would change"), "{pe}");
    let refusals = |e: &str| -> Vec<String> {
        e.lines()
            .filter(|l| l.contains("台账.csv:"))
            .map(String::from)
            .collect()
    };
    assert_eq!(refusals(&pe), refusals(&ae), "one plan for both");
    assert_eq!(
        std::fs::read(d.join("tower.toml")).unwrap(),
        before,
        "nothing saved"
    );
    let (_, _, zh) = cli(&d, &["--lang", "zh", "import", f.to_str().unwrap()]);
    assert!(zh.contains("员工总数 1000000000 超过"), "{zh}");
}

#[test]
fn a_resumed_on_date_means_resumed() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 10, 6);
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "201",
            "旧公司",
            "--headcount",
            "5",
        ],
    );
    let day = ago(3).to_string();
    let f = ledger(
        t.path(),
        "台账.csv",
        &format!(
            "企业名称,楼宇,房号,员工总数,复工日期\n新公司,tower,101,5,{day}\n旧公司,tower,201,5,{day}\n"
        ),
    );
    ok(&d, &["import", f.to_str().unwrap(), "--apply"]);
    let all = companies(&d);
    for name in ["新公司", "旧公司"] {
        let c = all.iter().find(|c| c["name"] == name).unwrap();
        assert_eq!(c["status"], "resumed", "{c}");
    }
    assert_eq!(status_of(&d, "tower", "101"), "resumed");
}

#[test]
fn two_rows_for_one_company_are_refused() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 10, 6);
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "601",
            "甲科技",
            "--headcount",
            "5",
        ],
    );
    let f = ledger(
        t.path(),
        "台账.csv",
        "企业名称,楼宇,房号,员工总数\n甲科技,tower,601,8\n甲科技,tower,601,9\n",
    );
    let o = loupan(
        &d,
        &["--lang", "en", "import", f.to_str().unwrap(), "--apply"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("台账.csv:3: row 2"), "{err}");
    let all = companies(&d);
    assert_eq!(all[0]["headcount"], 5, "nothing saved: {all:?}");
}

#[test]
fn a_name_in_another_unit_is_another_company() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 10, 6);
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "601",
            "甲科技",
            "--headcount",
            "5",
        ],
    );
    let f = ledger(
        t.path(),
        "台账.csv",
        "企业名称,楼宇,房号,员工总数\n甲科技,tower,301,8\n",
    );
    ok(&d, &["import", f.to_str().unwrap(), "--apply"]);
    let all = companies(&d);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(by_unit(&all, "甲科技", "601")[0]["headcount"], 5);
    assert_eq!(by_unit(&all, "甲科技", "301")[0]["headcount"], 8);
}
