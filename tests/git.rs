//! Many people, one history: the merge driver on real repositories, diff and log on a scripted
//! history, init.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// origin with a tower, and two clones; `driver` says which clones ran `loupan init`.
struct Repos {
    _t: tempfile::TempDir,
    one: PathBuf,
    two: PathBuf,
}

fn repos(driver: bool) -> Repos {
    let t = tempfile::tempdir().unwrap();
    let origin = t.path().join("origin");
    std::fs::create_dir_all(origin.join("buildings")).unwrap();
    new_building(&origin.join("buildings"), "tower", 4, 4);
    git_init(&origin);
    git_ok(
        &origin,
        &["config", "receive.denyCurrentBranch", "updateInstead"],
    );
    if driver {
        ok(&origin.join("buildings"), &["init"]);
        git_ok(&origin, &["add", "-A"]);
        git_ok(&origin, &["commit", "-qm", "init"]);
    }
    let mut clones = Vec::new();
    for name in ["one", "two"] {
        let p = t.path().join(name);
        git_ok(
            t.path(),
            &["clone", "-q", origin.to_str().unwrap(), p.to_str().unwrap()],
        );
        git_ok(
            &p,
            &["config", "user.email", &format!("{name}@example.org")],
        );
        git_ok(&p, &["config", "user.name", name]);
        if driver {
            ok(&p.join("buildings"), &["init"]);
        }
        clones.push(p);
    }
    let two = clones.pop().unwrap();
    let one = clones.pop().unwrap();
    Repos { _t: t, one, two }
}

fn edit(clone: &Path, args: &[&str]) {
    let mut a = vec!["set", "tower"];
    a.extend_from_slice(args);
    ok(&clone.join("buildings"), &a);
    git_ok(clone, &["commit", "-qam", &args.join(" ")]);
    git_ok(clone, &["push", "-q", "origin", "HEAD:main"]);
}

fn edit_local(clone: &Path, args: &[&str]) {
    let mut a = vec!["set", "tower"];
    a.extend_from_slice(args);
    ok(&clone.join("buildings"), &a);
    git_ok(clone, &["commit", "-qam", &args.join(" ")]);
}

fn pull(clone: &Path) -> std::process::Output {
    git(clone, &["pull", "-q", "--no-rebase", "origin", "main"])
}

fn unit(clone: &Path, u: &str) -> serde_json::Value {
    unit_json(&clone.join("buildings"), "tower", u)
}

#[test]
fn neighbours_merge_with_and_without_the_driver() {
    for driver in [true, false] {
        let r = repos(driver);
        edit(&r.one, &["101", "healthy"]);
        edit_local(&r.two, &["102", "vacant"]);
        let p = pull(&r.two);
        assert!(p.status.success(), "driver={driver}: {}", stderr(&p));
        assert_eq!(unit(&r.two, "101")["status"], "healthy");
        assert_eq!(unit(&r.two, "102")["status"], "vacant");
    }
}

#[test]
fn one_unit_different_fields_are_both_kept() {
    let r = repos(true);
    edit(&r.one, &["201", "isolating", "--since", "2020-02-10"]);
    // (personal fields such as notes travel in the private store, not in this history)
    edit_local(&r.two, &["201", "--people", "3"]);
    let p = pull(&r.two);
    assert!(p.status.success(), "{}", stderr(&p));
    let u = unit(&r.two, "201");
    assert_eq!(u["status"], "isolating");
    assert_eq!(u["since"], "2020-02-10");
    assert_eq!(u["people"], 3);
    // and the merged file is still canonical, one line per unit
    ok(&r.two.join("buildings"), &["fmt", "--check"]);
}

#[test]
fn the_same_change_on_both_sides_is_clean() {
    let r = repos(true);
    edit(&r.one, &["301", "--since", "2020-02-10"]);
    edit_local(&r.two, &["301", "--since", "2020-02-10", "--people", "2"]);
    let p = pull(&r.two);
    assert!(p.status.success(), "{}", stderr(&p));
    assert_eq!(unit(&r.two, "301")["since"], "2020-02-10");
    assert_eq!(unit(&r.two, "301")["people"], 2);
}

#[test]
fn one_field_two_ways_is_a_conflict_that_check_explains() {
    let r = repos(true);
    edit(&r.one, &["301", "resumed", "--people", "77"]);
    edit_local(&r.two, &["301", "not-resumed"]);
    edit_local(&r.two, &["302", "vacant"]);
    let p = pull(&r.two);
    assert!(!p.status.success());
    let d = r.two.join("buildings");
    let c = loupan(&d, &["check"]);
    assert_eq!(c.status.code(), Some(1));
    let out = stdout(&c);
    assert!(
        out.contains("tower.toml:") && out.contains("unresolved git merge conflict"),
        "{out}"
    );
    assert!(
        out.contains("unit 301: status is not-resumed on our side, resumed on theirs"),
        "{out}"
    );
    // the other fields and units were merged: both sides of the conflict carry the count
    let text = std::fs::read_to_string(d.join("tower.toml")).unwrap();
    assert_eq!(text.matches("people = 77").count(), 2, "{text}");
    assert!(text.contains("302 = { status = \"vacant\" }"));
    // an edit refuses the conflicted file and leaves it alone
    let o = loupan(&d, &["set", "tower", "101", "vacant"]);
    assert_eq!(o.status.code(), Some(6), "data unreadable");
    assert_eq!(std::fs::read_to_string(d.join("tower.toml")).unwrap(), text);
}

#[test]
fn driver_on_broken_input_fails_clearly_and_loses_nothing() {
    let t = tempfile::tempdir().unwrap();
    let base = t.path().join("base.toml");
    let ours = t.path().join("ours.toml");
    let theirs = t.path().join("theirs.toml");
    let good = loupan::core::codec::new_building_text("t", 1, 2);
    std::fs::write(&base, &good).unwrap();
    std::fs::write(
        &ours,
        good.replace(
            "101 = { status = \"unknown\" }",
            "101 = { status = \"vacant\" }",
        ),
    )
    .unwrap();
    std::fs::write(
        &theirs,
        good.replace("102 = { status = \"unknown\" }", "102 = { status = "),
    )
    .unwrap();
    let o = std::process::Command::new(bin())
        .arg("merge-driver")
        .args([&base, &ours, &theirs])
        .arg("buildings/t.toml")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("buildings/t.toml") && stderr(&o).contains("has problems"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("buildings/t.toml:9:"),
        "the problem is located: {}",
        stderr(&o)
    );
    let merged = std::fs::read_to_string(&ours).unwrap();
    assert!(
        merged.contains("101 = { status = \"vacant\" }"),
        "ours kept: {merged}"
    );
    assert!(
        merged.contains("102 = { status = "),
        "theirs kept: {merged}"
    );
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn init_is_idempotent_and_explains() {
    let r = repos(true);
    let d = r.one.join("buildings");
    let out = ok(&d, &["init"]);
    assert!(out.contains("ok:"), "{out}");
    assert!(git(&r.one, &["status", "--porcelain"]).stdout.is_empty());
    let drv = git_ok(&r.one, &["config", "--get", "merge.loupan.driver"]);
    assert!(drv.contains("merge-driver %O %A %B %P"), "{drv}");
    let t = tempfile::tempdir().unwrap();
    let o = loupan(t.path(), &["init"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("git"), "{}", stderr(&o));
}

#[test]
fn diff_and_log_on_a_scripted_history() {
    let r = repos(false);
    let d = r.one.join("buildings");
    edit_local(&r.one, &["404", "isolating", "--since", "2020-02-10"]);
    edit_local(&r.one, &["404", "healthy"]);
    edit_local(&r.one, &["101", "--people", "4"]);
    ok(&d, &["set", "tower", "402", "vacant", "--live-work"]);
    let out = String::from_utf8(
        std::process::Command::new(bin())
            .args(["--dir"])
            .arg(&d)
            .arg("diff")
            .current_dir(&r.one)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        out.trim(),
        "tower 402: unknown → vacant+live-work (status, live-work)"
    );
    let j: serde_json::Value =
        serde_json::from_str(&ok(&d, &["diff", "HEAD~3", "--json"])).unwrap();
    let rows = j.as_array().unwrap();
    let units: Vec<&str> = rows.iter().map(|r| r["unit"].as_str().unwrap()).collect();
    assert_eq!(units, ["402", "404", "101"]);
    assert_eq!(rows[1]["before"]["status"], "unknown");
    assert_eq!(rows[1]["after"]["status"], "healthy");
    assert_eq!(rows[1]["after"]["since"], "2020-02-10");
    // a date stands for the last commit of that day
    let today = jiff::ZonedDateTime::now().date().to_string();
    let by_date = ok(&d, &["diff", &today]);
    assert_eq!(
        by_date.trim(),
        "tower 402: unknown → vacant+live-work (status, live-work)"
    );
    let log = ok(&d, &["log", "tower", "404"]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "newest first, creation last: {log}");
    assert!(
        lines[0].contains("isolating → healthy") && lines[0].contains("Station"),
        "{log}"
    );
    assert!(
        lines[1].contains("unknown → isolating (status, since)"),
        "{log}"
    );
    assert!(lines[2].contains("(none) → unknown"), "{log}");
    // nothing changed: said so, on stderr, with nothing on stdout
    git_ok(&r.one, &["commit", "-qam", "402"]);
    let (code, out, err) = cli(&d, &["--lang", "en", "diff"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(err.trim(), "no unit changed since HEAD");
    let (_, _, err) = cli(&d, &["--lang", "zh", "diff"]);
    assert_eq!(err.trim(), "自 HEAD 以来没有单元变化");
    let (_, out, err) = cli(&d, &["diff", "--json"]);
    assert_eq!((out.trim(), err.as_str()), ("[]", ""), "JSON stays quiet");
    let none = ok(&d, &["log", "tower", "203"]);
    assert_eq!(none.lines().count(), 1, "only its creation: {none}");
    let missing = loupan(&d, &["log", "tower", "999"]);
    assert!(stdout(&missing).contains("no recorded changes"));
}

/// Issue 20: what commands print names buildings as people do — `海港大厦 1904` — with the id
/// only where two buildings share a name; JSON keeps ids.
#[test]
fn diff_log_import_and_follow_up_print_names_not_ids() {
    let (t, d) = data_dir();
    for (id, name) in [("hg", "海港大厦"), ("xh1", "星河大厦"), ("xh2", "星河大厦")] {
        ok(
            &d,
            &["new", id, "--name", name, "--floors", "2", "--units", "2"],
        );
    }
    git_init(t.path());
    for id in ["hg", "xh1", "xh2"] {
        ok(&d, &["set", id, "201", "isolating"]);
    }
    let out = ok(&d, &["--lang", "zh", "diff"]);
    let buildings: Vec<&str> = out
        .lines()
        .map(|l| l.split(" 201").next().unwrap())
        .collect();
    assert_eq!(
        buildings,
        ["海港大厦", "星河大厦 (xh1)", "星河大厦 (xh2)"],
        "{out}"
    );
    let j: serde_json::Value = serde_json::from_str(&ok(&d, &["diff", "--json"])).unwrap();
    assert_eq!(j[0]["building"], "hg", "JSON keeps ids");
    let none = ok(&d, &["--lang", "zh", "log", "hg", "999"]);
    assert!(none.contains("海港大厦 999"), "{none}");
    let logged = ok(&d, &["--lang", "zh", "follow-up", "xh2", "201", "well"]);
    assert!(logged.contains("星河大厦 (xh2) 201"), "{logged}");
    let ledger = t.path().join("台账.csv");
    std::fs::write(&ledger, "楼宇,房号,状态\nhg,101,空置\n").unwrap();
    let plan = ok(&d, &["--lang", "zh", "import", ledger.to_str().unwrap()]);
    assert!(plan.contains("海港大厦 101"), "{plan}");
    // a company's filing shows in the diff, by name, masked
    ok(
        &d,
        &[
            "company",
            "add",
            "hg",
            "101",
            "甲科技",
            "--headcount",
            "10",
            "--contact",
            "张 13900001111",
        ],
    );
    let out = ok(&d, &["--lang", "en", "diff"]);
    assert!(out.contains("海港大厦 甲科技 (c1): new company"), "{out}");
    git_ok(t.path(), &["commit", "-qam", "c1"]);
    ok(
        &d,
        &[
            "company",
            "set",
            "hg",
            "甲科技",
            "--headcount",
            "12",
            "--contact",
            "李 13900002222",
        ],
    );
    let out = ok(&d, &["--lang", "en", "diff"]);
    assert!(out.contains("headcount 10 → 12"), "{out}");
    assert!(!out.contains("13900002222"), "masked: {out}");
    let j: serde_json::Value = serde_json::from_str(&ok(&d, &["diff", "--json"])).unwrap();
    let row = j
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["company"] == "c1")
        .expect("the company's row");
    assert_eq!(
        (
            row["before"]["headcount"].as_u64(),
            row["after"]["headcount"].as_u64()
        ),
        (Some(10), Some(12))
    );
    assert!(!j.to_string().contains("13900002222"), "masked in JSON too");
    let journal = ok(&d, &["--lang", "zh", "journal"]);
    assert!(journal.contains("星河大厦 (xh2)"), "{journal}");
}

/// Issue 21: two people filing two companies of one building both keep them, and one company's
/// two fields changed on two laptops merge field by field — through git, with loupan's driver.
#[test]
fn companies_filed_on_two_laptops_merge() {
    let r = repos(true);
    let company = |clone: &Path, args: &[&str]| {
        ok(&clone.join("buildings"), args);
        git_ok(clone, &["commit", "-qam", &args.join(" ")]);
    };
    company(
        &r.one,
        &[
            "company",
            "add",
            "tower",
            "401",
            "甲科技",
            "--headcount",
            "10",
            "--on-site",
            "2",
        ],
    );
    git_ok(&r.one, &["push", "-q", "origin", "HEAD:main"]);
    let o = pull(&r.two);
    assert!(o.status.success(), "{}", stderr(&o));
    // both add a company (each calls it c2), and both file 甲科技 — different fields
    company(
        &r.one,
        &[
            "company",
            "add",
            "tower",
            "402",
            "乙咨询",
            "--headcount",
            "3",
        ],
    );
    company(
        &r.one,
        &["company", "set", "tower", "甲科技", "--headcount", "12"],
    );
    git_ok(&r.one, &["push", "-q", "origin", "HEAD:main"]);
    company(
        &r.two,
        &[
            "company",
            "add",
            "tower",
            "402",
            "丙设计",
            "--status",
            "resumed",
            "--headcount",
            "4",
        ],
    );
    company(
        &r.two,
        &["company", "set", "tower", "甲科技", "--on-site", "7"],
    );
    let o = pull(&r.two);
    assert!(o.status.success(), "a clean merge: {}", stderr(&o));
    let listed = ok(&r.two.join("buildings"), &["company", "list", "--json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap();
    let mut names: Vec<&str> = all.iter().map(|c| c["name"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["丙设计", "乙咨询", "甲科技"], "{listed}");
    let jia = all.iter().find(|c| c["name"] == "甲科技").unwrap();
    assert_eq!(
        (jia["headcount"].as_u64(), jia["on-site"].as_u64()),
        (Some(12), Some(7)),
        "{jia}"
    );
    // 402 hosts a company not back at work: not green, whichever side wrote what
    assert_eq!(unit(&r.two, "402")["status"], "not-resumed");
    assert_eq!(ok(&r.two.join("buildings"), &["check"]).trim(), "");
}
