//! The street on real git (docs/spec.md §13, issue 23): a bare remote and several clones in temporary
//! directories, real processes syncing at once round after round, a station offline for rounds,
//! a broken remote, one unit's fields changed on two laptops, and reports submitted and rolled up.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn clone(remote: &Path, to: &Path, who: &str) {
    git_ok(
        to.parent().unwrap(),
        &[
            "clone",
            "-q",
            remote.to_str().unwrap(),
            to.to_str().unwrap(),
        ],
    );
    git_ok(to, &["config", "user.name", who]);
    git_ok(to, &["config", "user.email", &format!("{who}@example.org")]);
    lp(to, &["init"]);
}

struct World {
    _t: tempfile::TempDir,
    root: PathBuf,
    remote: PathBuf,
}

/// A street of `n` stations `s0…`, each with one 4×4 tower `t<k>`, pushed to a bare remote.
fn world(n: usize) -> World {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().to_path_buf();
    let remote = root.join("street.git");
    git_ok(
        &root,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            remote.to_str().unwrap(),
        ],
    );
    let office = root.join("office");
    clone(&remote, &office, "office");
    lp_ok(&office, &["street", "init", "鲁谷街道"]);
    for k in 0..n {
        lp_ok(
            &office,
            &["station", "add", &format!("s{k}"), &format!("第{k}工作站")],
        );
        let dir = format!("stations/s{k}");
        lp_ok(
            &office,
            &[
                "--dir",
                &dir,
                "new",
                &format!("t{k}"),
                "--name",
                &format!("{k}号楼"),
                "--floors",
                "4",
                "--units",
                "4",
            ],
        );
    }
    lp_ok(&office, &["sync"]);
    World {
        _t: t,
        root,
        remote,
    }
}

impl World {
    /// A laptop of station `k`: its clone and the station's folder in it.
    fn laptop(&self, name: &str, k: usize) -> PathBuf {
        let c = self.root.join(name);
        clone(&self.remote, &c, name);
        c.join("stations").join(format!("s{k}"))
    }
}

fn status(dir: &Path, b: &str, u: &str) -> String {
    let v: serde_json::Value =
        serde_json::from_str(&lp_ok(dir, &["show", b, u, "--json"])).unwrap();
    v["status"].as_str().unwrap_or("").to_string()
}

#[test]
fn many_clones_syncing_at_once_round_after_round_lose_nothing_and_converge() {
    let w = world(4);
    let laptops: Vec<PathBuf> = (0..4).map(|k| w.laptop(&format!("l{k}"), k)).collect();
    let statuses = ["isolating", "healthy", "vacant", "resumed"];
    let labels = ["101", "102", "201", "202", "301"];
    let mut retries = 0;
    for round in 0..labels.len() {
        // every laptop edits its own tower, then all sync at the same moment (real processes)
        for (k, l) in laptops.iter().enumerate() {
            let s = statuses[(round + k) % statuses.len()];
            let mut args = vec!["set", &*format!("t{k}"), labels[round], s]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>();
            if s == "isolating" {
                args.extend(["--since".into(), "2020-02-10".into()]);
            }
            let a: Vec<&str> = args.iter().map(String::as_str).collect();
            lp_ok(l, &a);
        }
        let children: Vec<_> = laptops
            .iter()
            .map(|l| {
                Command::new(bin())
                    .args(["--lang", "en", "sync"])
                    .current_dir(l)
                    .env("LOUPAN_CONFIG", "/nonexistent")
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
            })
            .collect();
        for (k, c) in children.into_iter().enumerate() {
            let o = c.and_then(|c| c.wait_with_output()).unwrap();
            assert!(
                o.status.success(),
                "round {round}, laptop {k}: {}",
                stderr(&o)
            );
            retries += usize::from(stderr(&o).contains("someone else pushed first"));
        }
    }
    for l in &laptops {
        lp_ok(l, &["sync"]);
    }
    // every laptop has every station's every edit
    for l in &laptops {
        let root = l.parent().unwrap().parent().unwrap();
        for k in 0..4 {
            let dir = root.join("stations").join(format!("s{k}"));
            for (round, u) in labels.iter().enumerate() {
                assert_eq!(
                    status(&dir, &format!("t{k}"), u),
                    statuses[(round + k) % statuses.len()],
                    "laptop {}, t{k} {u}",
                    l.display()
                );
            }
        }
    }
    let heads: Vec<String> = laptops
        .iter()
        .map(|l| git_ok(l, &["rev-parse", "HEAD"]))
        .collect();
    assert!(
        heads.windows(2).all(|h| h[0] == h[1]),
        "all clones converge: {heads:?}"
    );
    eprintln!("syncs that found someone first and merged again: {retries}");
}

#[test]
fn one_unit_s_two_fields_changed_on_two_laptops_are_both_kept() {
    let w = world(1);
    let (a, b) = (w.laptop("a", 0), w.laptop("b", 0));
    lp_ok(
        &a,
        &["set", "t0", "101", "isolating", "--since", "2020-02-10"],
    );
    lp_ok(&b, &["set", "t0", "101", "--people", "3"]);
    lp_ok(&a, &["sync"]);
    lp_ok(&b, &["sync"]);
    lp_ok(&a, &["sync"]);
    for d in [&a, &b] {
        let v: serde_json::Value =
            serde_json::from_str(&lp_ok(d, &["show", "t0", "101", "--json"])).unwrap();
        assert_eq!(
            (v["status"].as_str(), v["people"].as_u64()),
            (Some("isolating"), Some(3)),
            "{v}"
        );
    }
}

#[test]
fn offline_for_rounds_keeps_every_commit_and_a_broken_remote_is_told() {
    let w = world(1);
    let a = w.laptop("a", 0);
    let away = w.root.join("away.git");
    std::fs::rename(&w.remote, &away).unwrap();
    for (k, u) in ["101", "102", "103"].iter().enumerate() {
        lp_ok(&a, &["set", "t0", u, "vacant"]);
        let o = lp(&a, &["--lang", "en", "sync"]);
        assert_eq!(o.status.code(), Some(4), "round {k}: unreachable");
        assert!(stderr(&o).contains("nothing is lost"), "{}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
    }
    // a remote that is there but broken: said, and nothing local lost
    std::fs::create_dir_all(&w.remote).unwrap();
    std::fs::write(w.remote.join("HEAD"), "garbage").unwrap();
    let o = lp(&a, &["--lang", "en", "sync"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing is lost"), "{}", stderr(&o));
    std::fs::remove_dir_all(&w.remote).unwrap();
    std::fs::rename(&away, &w.remote).unwrap();
    lp_ok(&a, &["sync"]);
    let office = w.root.join("office");
    lp_ok(&office, &["sync"]);
    for u in ["101", "102", "103"] {
        assert_eq!(status(&office.join("stations/s0"), "t0", u), "vacant");
    }
}

#[test]
fn reports_are_submitted_as_data_and_the_street_adds_them_up() {
    let w = world(3);
    let (a, b) = (w.laptop("a", 0), w.laptop("b", 1));
    lp_ok(
        &a,
        &[
            "set",
            "t0",
            "101",
            "isolating",
            "--since",
            "today",
            "--name",
            "杨家",
            "--contact",
            "13855550210",
        ],
    );
    lp_ok(&a, &["report", "--submit"]);
    lp_ok(&b, &["report", "--submit"]);
    // a second submission is the next revision; both stay in history
    lp_ok(&b, &["report", "--submit"]);
    let office = w.root.join("office");
    lp_ok(&office, &["sync"]);
    let v: serde_json::Value =
        serde_json::from_str(&lp_ok(&office, &["street", "report", "--format", "json"])).unwrap();
    assert_eq!(v["submitted"], 2);
    assert_eq!(v["missing"], serde_json::json!(["s2"]));
    assert_eq!(v["total"]["isolating"], 1, "{v}");
    assert_eq!(
        v["total"]["units"], 32,
        "the missing station's 16 units are not counted"
    );
    let today = street_today().to_string();
    let file = format!("reports/{today}/s1.toml");
    let revs = git_ok(&office, &["log", "--format=%H", "--", &file]);
    assert_eq!(revs.lines().count(), 2, "both revisions in history");
    assert!(
        std::fs::read_to_string(office.join(&file))
            .unwrap()
            .contains("revision = 2")
    );
    // nothing personal went up
    let all = git_ok(&office, &["log", "-p", "--all"]);
    assert!(!all.contains("杨家") && !all.contains("13855550210"));
    let st: serde_json::Value =
        serde_json::from_str(&stdout(&lp(&office, &["street", "status", "--json"]))).unwrap();
    let states: Vec<&str> = st["stations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states[2], "missing");
    assert_eq!(st["stations"][1]["revision"], 2);
    let csv = lp_ok(&office, &["street", "report", "--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("s2,第2工作站,missing,,,")),
        "{csv}"
    );
    let zh = lp_ok(&office, &["--lang", "zh", "street", "report"]);
    assert!(
        zh.contains("应报 3 个，已报 2 个") && zh.contains("第2工作站：未报（未计入合计）"),
        "{zh}"
    );
    // the spreadsheet: the text on top, a row per station, the missing one's figures empty
    let x = w.root.join("街道汇总.xlsx");
    lp_ok(
        &office,
        &[
            "street",
            "report",
            "--format",
            "xlsx",
            "--out",
            x.to_str().unwrap(),
        ],
    );
    {
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&x).expect("opens");
        let sheet = book.worksheet_range_at(0).expect("a sheet").expect("reads");
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let s2 = rows.iter().find(|r| r[0] == "s2").unwrap();
        assert_eq!(
            (s2[0].as_str(), s2[2].as_str(), s2[5].as_str()),
            ("s2", "missing", ""),
            "{rows:?}"
        );
        assert!(rows[0][0].contains("2 of 3 stations reported"), "{rows:?}");
        let s0 = rows.iter().find(|r| r[0] == "s0").unwrap();
        assert_eq!(s0[5], "16", "a number: {s0:?}");
    }
    // a command outside a station's folder cannot submit: a usage error naming --station
    let o = lp(&office, &["--lang", "en", "report", "--submit"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--station"), "{}", stderr(&o));
}

#[test]
fn the_generated_street_has_twenty_stations_and_seventeen_reports() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("street");
    lp_ok(
        t.path(),
        &["demo", "--preset", "street", "--out", out.to_str().unwrap()],
    );
    let st: serde_json::Value =
        serde_json::from_str(&stdout(&lp(&out, &["street", "status", "--json"]))).unwrap();
    let states: Vec<&str> = st["stations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states.len(), 20);
    assert_eq!(states.iter().filter(|s| **s == "missing").count(), 3);
    let s5 = out.join("stations/s05");
    let c: serde_json::Value =
        serde_json::from_str(&lp_ok(&s5, &["stats", "--format", "json"])).unwrap();
    assert_eq!(
        c["companies"]["total"], 1409,
        "each station is the seed's district"
    );
    assert_eq!(
        git_ok(&out, &["status", "--porcelain"]),
        "",
        "all committed"
    );
    let log = git_ok(&out, &["log", "-p"]);
    let private = std::fs::read_to_string(s5.join(".private/b0001.toml")).unwrap_or_default();
    let name = private
        .split("name = \"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("");
    assert!(!name.is_empty(), "{private}");
    assert!(!log.contains(name), "{name} in the street's history");
}

/// The map syncs with one key, on the worker: its own edit goes up, a colleague's comes down and
/// shows, the status line says what happened.
#[test]
fn the_map_syncs_with_one_key() {
    let mut h = common::screen::Harness::new("t:2x2");
    let repo = h.dir.parent().unwrap().to_path_buf();
    git_init(&repo);
    let remote = repo.parent().unwrap().join(format!(
        "{}-remote.git",
        repo.file_name().unwrap().to_string_lossy()
    ));
    git_ok(
        &repo,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            remote.to_str().unwrap(),
        ],
    );
    git_ok(
        &repo,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    git_ok(&repo, &["push", "-q", "-u", "origin", "main"]);
    let other = repo.parent().unwrap().join(format!(
        "{}-other",
        repo.file_name().unwrap().to_string_lossy()
    ));
    clone(&remote, &other, "colleague");
    lp_ok(
        &other,
        &["--dir", "buildings", "set", "t", "101", "resumed"],
    );
    lp_ok(&other, &["--dir", "buildings", "sync"]);
    h.keys("5");
    let mine = h.cursor_label();
    // what git says is uncommitted, as the map's git thread tells it
    let review = common::station(&h.dir).review();
    h.send(loupan::tui::app::Message::Git(review));
    // an uncommitted change: the map asks first, and another key says no
    h.keys("S");
    assert!(h.screen(100, 24).contains("S again commits them and syncs"));
    h.keys("l");
    assert_eq!(h.status("t", "101"), "unknown", "not synced");
    h.keys("hSS");
    assert_eq!(h.status("t", "101"), "resumed", "their edit came down");
    assert_eq!(
        h.app
            .building()
            .unwrap()
            .units
            .iter()
            .find(|u| u.label == "101")
            .unwrap()
            .record
            .status
            .key(),
        "resumed",
        "and shows"
    );
    let screen = h.screen(100, 24);
    assert!(screen.contains("synced: 1 commits received"), "{screen}");
    lp_ok(&other, &["--dir", "buildings", "sync"]);
    let v: serde_json::Value = serde_json::from_str(&lp_ok(
        &other,
        &["--dir", "buildings", "show", "t", &mine, "--json"],
    ))
    .unwrap();
    assert_eq!(v["status"], "vacant", "mine went up");
    let _ = std::fs::remove_dir_all(&other);
    let _ = std::fs::remove_dir_all(&remote);
}

#[test]
fn a_station_edits_its_own_buildings_and_reads_the_others() {
    let w = world(2);
    let a = w.laptop("a", 0);
    let o = lp(
        &a,
        &[
            "--lang", "en", "--dir", "../s1", "set", "t1", "101", "vacant",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("station s1's buildings are theirs to edit"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        status(&a.parent().unwrap().join("s1"), "t1", "101"),
        "unknown",
        "read as you like"
    );
    lp_ok(&a, &["set", "t0", "101", "vacant"]);
    // at the street's root (no station of one's own) the office may edit any
    lp_ok(
        a.parent().unwrap().parent().unwrap(),
        &["--dir", "stations/s1", "set", "t1", "102", "vacant"],
    );
}

/// A station's handle knows which station it is: its folder's name in a street, else the
/// folder that holds its data directory. A new street with none says how to add one.
#[test]
fn a_station_is_named_by_its_folder_and_a_street_without_any_says_so() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    lp_ok(root, &["street", "init", "鲁谷街道"]);
    // a street without stations says how to add one (and is no fault: nobody is missing)
    let o = lp(root, &["--lang", "en", "street", "status"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("no stations yet: add one with `loupan station add"),
        "{}",
        stderr(&o)
    );
    lp_ok(root, &["station", "add", "lu", "鲁谷西"]);
    assert_eq!(station(&root.join("stations/lu")).id().as_str(), "lu");
    let lone = root.join("office/buildings");
    std::fs::create_dir_all(&lone).unwrap();
    assert_eq!(station(&lone).id().as_str(), "office");
    // a folder called stations that is not a street's is not taken for one
    let look_alike = root.join("office/stations/x");
    std::fs::create_dir_all(&look_alike).unwrap();
    assert_eq!(station(&look_alike).id().as_str(), "stations");
}

/// Issue 33: `street status` says when the deadline has passed and who is missing or late, by
/// name, and exits 1 then; the demo's commit is in the station's language.
#[test]
fn street_status_says_the_deadline_has_passed_and_who_is_missing_or_late() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("street");
    let dir = out.to_str().unwrap();
    lp_ok(
        t.path(),
        &["--lang", "zh", "demo", "--preset", "street", "--out", dir],
    );
    assert_eq!(
        git_ok(&out, &["log", "--format=%s"]).trim(),
        "街道的晚间上报"
    );
    // the reports' day, with a deadline every report came after
    let day = std::fs::read_dir(out.join("reports"))
        .unwrap()
        .flatten()
        .next()
        .unwrap();
    let day = day.file_name().to_string_lossy().into_owned();
    let toml = std::fs::read_to_string(out.join("street.toml")).unwrap();
    let early = toml.replace("deadline = \"18:00\"", "deadline = \"00:00\"");
    assert_ne!(toml, early, "{toml}");
    std::fs::write(out.join("street.toml"), early).unwrap();
    let o = lp(&out, &["--lang", "zh", "street", "status", "--date", &day]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    let last = text.lines().last().unwrap_or("");
    assert!(
        last.starts_with("截止时间 00:00 已过：未报 3 个（第18楼宇工作站、"),
        "{last}"
    );
    assert!(last.contains("迟报 17 个（第01楼宇工作站、"), "{last}");
    let o = lp(&out, &["--lang", "en", "street", "status", "--date", &day]);
    assert!(
        stdout(&o).contains("the deadline 00:00 has passed: 3 missing"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_merge_that_leaves_street_toml_unreadable_is_taken_back_and_never_sent() {
    let w = world(1);
    let x = w.laptop("x", 0);
    let y = w.laptop("y", 0);
    let (xr, yr) = (x.join("../.."), y.join("../.."));
    // two offices add station `b` in two places: git's text merge is clean, the file has `b` twice
    let text = std::fs::read_to_string(xr.join("street.toml")).unwrap();
    std::fs::write(xr.join("street.toml"), format!("{text}b = \"北站\"\n")).unwrap();
    git_ok(&xr, &["commit", "-qam", "x adds b"]);
    assert_eq!(lp(&x, &["sync"]).status.code(), Some(0));
    let theirs = text.replacen("[stations]\n", "[stations]\nb = \"白站\"\n", 1);
    assert_ne!(theirs, text, "{text}");
    std::fs::write(yr.join("street.toml"), theirs).unwrap();
    git_ok(&yr, &["commit", "-qam", "y adds b"]);
    let mine = git_ok(&yr, &["rev-parse", "HEAD"]);
    let tip = git_ok(&w.remote, &["rev-parse", "main"]);
    let o = lp(&y, &["--lang", "en", "sync"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("street.toml"), "{}", stderr(&o));
    assert_eq!(
        git_ok(&yr, &["rev-parse", "HEAD"]),
        mine,
        "the merge is taken back"
    );
    assert_eq!(
        git_ok(&w.remote, &["rev-parse", "main"]),
        tip,
        "nothing sent"
    );
    assert!(
        git_ok(&yr, &["status", "--porcelain"]).is_empty(),
        "nothing left half-done"
    );
}

#[test]
fn deleting_street_toml_is_never_sent() {
    let w = world(1);
    let x = w.laptop("x", 0);
    let root = x.join("../..");
    std::fs::remove_file(root.join("street.toml")).unwrap();
    let tip = git_ok(&w.remote, &["rev-parse", "main"]);
    let o = lp(&root, &["--lang", "en", "sync"]);
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("git checkout -- street.toml"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        git_ok(&w.remote, &["rev-parse", "main"]),
        tip,
        "nothing sent"
    );
}

/// The street sees what its stations escalate, by kind: station, building, unit (masked), kind —
/// in the text, JSON, CSV and the spreadsheet; never a personal value, never the whole door.
#[test]
fn the_street_sees_each_escalation_by_kind_with_the_unit_masked() {
    let w = world(2);
    let a = w.laptop("a", 0);
    let ago = |n: i64| {
        street_today()
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let (since, until) = (ago(20), ago(3));
    lp_ok(
        &a,
        &[
            "set",
            "t0",
            "302",
            "isolating",
            "--since",
            &since,
            "--until",
            &until,
            "--name",
            "杨家",
            "--contact",
            "13855550210",
        ],
    );
    lp_ok(&a, &["report", "--submit"]);
    let office = w.root.join("office");
    lp_ok(&office, &["sync"]);
    let v: serde_json::Value =
        serde_json::from_str(&lp_ok(&office, &["street", "report", "--format", "json"])).unwrap();
    let overdue: Vec<&serde_json::Value> = v["escalated"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "overdue")
        .collect();
    assert_eq!(overdue.len(), 1, "{v}");
    assert_eq!(
        (
            overdue[0]["station"].as_str(),
            overdue[0]["building"].as_str(),
            overdue[0]["building_name"].as_str(),
            overdue[0]["unit"].as_str(),
        ),
        (Some("s0"), Some("t0"), Some("0号楼"), Some("3**")),
        "{v}"
    );
    let zh = lp_ok(&office, &["--lang", "zh", "street", "report"]);
    assert!(
        zh.contains("· 隔离已超期 1 户：第0工作站 0号楼 3**"),
        "{zh}"
    );
    let csv = lp_ok(
        &office,
        &["--lang", "en", "street", "report", "--format", "csv"],
    );
    assert!(
        csv.contains("station,station name,building,building name,unit,kind\n")
            && csv.contains("s0,第0工作站,t0,0号楼,3**,isolation past its end\n"),
        "{csv}"
    );
    assert!(
        csv.lines().any(|l| l.starts_with("s1,第1工作站,missing")),
        "{csv}"
    );
    let x = w.root.join("街道汇总.xlsx");
    let out = x.to_str().unwrap();
    lp_ok(
        &office,
        &["street", "report", "--format", "xlsx", "--out", out],
    );
    {
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&x).expect("opens");
        let sheet = book.worksheet_range_at(0).expect("a sheet").expect("reads");
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert!(
            rows.iter()
                .any(|r| r.len() > 5 && r[0] == "s0" && r[4] == "3**"),
            "{rows:?}"
        );
    }
    // nothing personal, and never the whole door, went up
    let all = git_ok(&office, &["log", "-p", "--all"]);
    assert!(!all.contains("杨家") && !all.contains("13855550210"));
    assert!(!all.contains("\"302\""), "the unit went up whole");
}

/// The roll-up's table (CSV, and the XLSX's rows) carries each station's returnees and the day's
/// inspections as its JSON does; a station that did not report has them blank, never zero.
#[test]
fn the_street_table_carries_returnees_and_inspections() {
    let w = world(2);
    let a = w.laptop("a", 0);
    let shop = "便民超市";
    lp_ok(
        &a,
        &[
            "company",
            "add",
            "t0",
            "101",
            shop,
            "--status",
            "resumed",
            "--class",
            "livelihood",
        ],
    );
    lp_ok(
        &a,
        &[
            "person",
            "add",
            "t0",
            shop,
            "欧阳明远",
            "--returned",
            "today",
        ],
    );
    lp_ok(
        &a,
        &["follow-up", "t0", "101", "inspected", "--company", shop],
    );
    lp_ok(&a, &["report", "--submit"]);
    let office = w.root.join("office");
    lp_ok(&office, &["sync"]);
    let en = ["--lang", "en", "street", "report", "--format"];
    let csv = lp_ok(&office, &[&en[..], &["csv"]].concat());
    let lines: Vec<&str> = csv.lines().collect();
    let head: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(',').collect();
    let col = |k: &str| {
        head.iter()
            .position(|h| *h == k)
            .unwrap_or_else(|| panic!("no {k}: {csv}"))
    };
    let row = |s: &str| -> Vec<String> {
        let l = lines.iter().find(|l| l.starts_with(s)).expect(s);
        l.split(',').map(String::from).collect()
    };
    let (s0, s1) = (row("s0,"), row("s1,"));
    for (k, v) in [
        ("returned", "1"),
        ("returned_today", "1"),
        ("observing", "1"),
        ("readings_due", "1"),
        ("readings_missing", "1"),
        ("fever", "0"),
        ("inspection_due", "1"),
        ("inspection_done", "1"),
    ] {
        assert_eq!((k, s0[col(k)].as_str()), (k, v), "{csv}");
        assert_eq!((k, s1[col(k)].as_str()), (k, ""), "{csv}");
    }
    let x = w.root.join("街道汇总.xlsx");
    let out = x.to_str().unwrap();
    lp_ok(&office, &[&en[..], &["xlsx", "--out", out]].concat());
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&x).expect("opens");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("reads");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let head = rows.iter().find(|r| r[0] == "station").expect("the table");
    let at = |k: &str| head.iter().position(|h| h == k).expect(k);
    let s0 = rows.iter().find(|r| r[0] == "s0").unwrap();
    assert_eq!(s0[at("readings_missing")], "1", "{s0:?}");
    assert_eq!(s0[at("inspection_done")], "1", "{s0:?}");
}
