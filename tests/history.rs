//! History you can see: `loupan trend` over real git history (days that carry, today from the
//! files, buildings added, removed, renamed or broken on a day, merges, a shallow clone, no
//! repository, no commit), git run a fixed number of times whatever the number of days, and the
//! map stepped through the days with `[` and `]`.

mod common;
use common::screen::Harness;
use common::*;
use loupan::core::i18n::Lang;
use loupan::tui::theme::ColorMode;
use serde_json::Value;
use std::path::Path;

fn trend(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let mut a = vec!["--lang", "en", "trend", "--format", "json"];
    a.extend_from_slice(args);
    let o = loupan(dir, &a);
    let rows = serde_json::from_slice::<Vec<Value>>(&o.stdout).unwrap_or_default();
    (o.status.code().unwrap_or(-1), rows, stderr(&o))
}

/// `field` of each row, oldest first (`None` where it is null or missing).
fn column(rows: &[Value], field: &str) -> Vec<Option<u64>> {
    rows.iter().map(|r| r[field].as_u64()).collect()
}

/// A repository (root) with the data directory `buildings/` inside, nothing committed yet.
fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, d) = data_dir();
    git_ok(t.path(), &["init", "-q", "-b", "main"]);
    (t, d)
}

#[test]
fn each_day_is_counted_at_its_end_and_buildings_come_and_go() {
    let (t, d) = repo();
    new_building(&d, "tower", 2, 2);
    commit_on(t.path(), ago(4), "start");
    // a day later: one isolating, and a second building
    ok(&d, &["set", "tower", "101", "isolating"]);
    new_building(&d, "annex", 1, 2);
    commit_on(t.path(), ago(3), "annex");
    // two days later the annex is gone; nothing on the day between
    std::fs::remove_file(d.join("annex.toml")).unwrap();
    commit_on(t.path(), ago(1), "annex pulled down");
    // today, not committed: the isolation ends
    ok(&d, &["set", "tower", "101", "healthy"]);
    let (code, rows, err) = trend(&d, &["--days", "5"]);
    assert_eq!(code, 0, "{err}");
    let dates: Vec<String> = rows
        .iter()
        .map(|r| r["date"].as_str().unwrap_or("").to_string())
        .collect();
    let want: Vec<String> = (0..5).rev().map(|n| ago(n).to_string()).collect();
    assert_eq!(dates, want, "one row a day, oldest first");
    assert_eq!(
        column(&rows, "units"),
        [Some(4), Some(6), Some(6), Some(4), Some(4)]
    );
    assert_eq!(
        column(&rows, "isolating"),
        [Some(0), Some(1), Some(1), Some(1), Some(0)]
    );
    assert_eq!(rows[4]["from"], "working-tree");
    assert_eq!(rows[2]["from"], "commit", "a day without a commit carries");
    assert_eq!(rows[2]["commit"], rows[1]["commit"]);
    // one building; the table and CSV say the same
    let (_, one, _) = trend(&d, &["tower", "--days", "5"]);
    assert_eq!(column(&one, "units"), [Some(4); 5]);
    let csv = ok(&d, &["trend", "--days", "2", "--format", "csv"]);
    assert!(csv.starts_with("date,units,healthy,isolating"), "{csv}");
    assert!(csv.contains(&format!("{},4,", ago(1))), "{csv}");
    let table = ok(&d, &["--lang", "zh", "trend", "--days", "2"]);
    assert!(
        table.contains("居家隔离") && table.contains(&ago(0).to_string()),
        "{table}"
    );
}

#[test]
fn a_day_whose_file_did_not_parse_says_so() {
    let (t, d) = repo();
    new_building(&d, "tower", 2, 2);
    new_building(&d, "annex", 1, 2);
    commit_on(t.path(), ago(3), "start");
    let good = std::fs::read_to_string(d.join("tower.toml")).unwrap();
    std::fs::write(d.join("tower.toml"), good.replace("[units]", "[units\n")).unwrap();
    commit_on(t.path(), ago(2), "broken by hand");
    std::fs::write(d.join("tower.toml"), &good).unwrap();
    commit_on(t.path(), ago(1), "mended");
    let (code, rows, err) = trend(&d, &["--days", "4"]);
    assert_eq!(code, 1, "a broken day is not a clean answer");
    // where it is wrong, in that day's version: FILE@COMMIT:LINE:COL
    assert!(err.contains("tower.toml@") && err.contains(":6:"), "{err}");
    assert_eq!(rows[1]["unreadable"], serde_json::json!(["tower"]));
    assert_eq!(
        column(&rows, "units"),
        [Some(6), Some(2), Some(6), Some(6)],
        "left out, not guessed"
    );
    let (_, one, _) = trend(&d, &["tower", "--days", "4"]);
    assert_eq!(
        column(&one, "units")[1],
        None,
        "the building's own row has no figures that day"
    );
    let table =
        String::from_utf8_lossy(&loupan(&d, &["--lang", "en", "trend", "--days", "4"]).stdout)
            .into_owned();
    assert!(table.contains("did not parse: tower"), "{table}");
}

#[test]
fn merges_count_on_the_day_they_join_and_renames_are_followed() {
    let (t, d) = repo();
    let root = t.path();
    new_building(&d, "tower", 2, 2);
    commit_on(root, ago(4), "start");
    git_ok(root, &["checkout", "-q", "-b", "side"]);
    ok(&d, &["set", "tower", "201", "isolating"]);
    commit_on(root, ago(3), "on a side branch");
    git_ok(root, &["checkout", "-q", "main"]);
    ok(&d, &["set", "tower", "102", "vacant"]);
    commit_on(root, ago(3), "on main");
    git_on(
        root,
        ago(2),
        &["merge", "-q", "--no-ff", "-m", "merge side", "side"],
    );
    git_ok(
        root,
        &["mv", "buildings/tower.toml", "buildings/tower-a.toml"],
    );
    commit_on(root, ago(1), "renamed");
    let (_, rows, _) = trend(&d, &["--days", "5"]);
    assert_eq!(
        column(&rows, "isolating"),
        [Some(0), Some(0), Some(1), Some(1), Some(1)]
    );
    assert_eq!(
        column(&rows, "vacant"),
        [Some(0), Some(1), Some(1), Some(1), Some(1)]
    );
    // the renamed file is found on the days before by the building's name
    let (_, one, _) = trend(&d, &["tower-a", "--days", "5"]);
    assert_eq!(column(&one, "units"), [Some(4); 5]);
    assert!(one.iter().all(|r| r.get("absent").is_none()), "{one:?}");
}

#[test]
fn without_commits_or_outside_git_only_today_is_known() {
    let (t, d) = repo();
    new_building(&d, "tower", 2, 2);
    let (code, rows, err) = trend(&d, &["--days", "3"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(rows[0]["from"], "nothing-recorded");
    // days before the first commit have no figures — "no record", not zeros (issue 20)
    assert_eq!(column(&rows, "units"), [None, None, Some(4)]);
    let table = ok(&d, &["--lang", "zh", "trend", "--days", "3"]);
    let first = table.lines().nth(1).unwrap_or_default();
    assert!(
        first.contains("尚无记录") && !first.contains(" 0 "),
        "{table}"
    );
    std::fs::remove_dir_all(t.path().join(".git")).unwrap();
    let (code, rows, _) = trend(&d, &["--days", "1"]);
    assert_eq!((code, column(&rows, "units")), (0, vec![Some(4)]));
    let o = loupan(&d, &["--lang", "en", "trend", "--days", "3"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not in a git repository"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_shallow_clone_says_how_far_back_it_sees() {
    let (t, d) = repo();
    new_building(&d, "tower", 2, 2);
    for n in (1..=4).rev() {
        ok(
            &d,
            &[
                "set",
                "tower",
                "101",
                if n % 2 == 0 { "vacant" } else { "healthy" },
            ],
        );
        commit_on(t.path(), ago(n), "day");
    }
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", t.path().display());
    let o = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "2", &url])
        .arg(clone.path().join("c"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let cd = clone.path().join("c").join("buildings");
    let (code, rows, err) = trend(&cd, &["--days", "5"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(rows[0]["from"], "beyond-shallow-clone");
    assert_eq!(rows[0]["units"], Value::Null, "unknown, not zero");
    assert_eq!(column(&rows, "units")[2..], [Some(4), Some(4), Some(4)]);
    assert!(
        err.contains(&format!("history starts on {}", ago(2))),
        "{err}"
    );
}

/// Git is started a fixed number of times, whatever the number of days or files: every day's
/// tree and every distinct file version comes through one `cat-file --batch` each.
#[test]
fn git_runs_a_fixed_number_of_times_whatever_the_days() {
    let (t, d) = repo();
    for b in ["a", "b", "c", "d"] {
        new_building(&d, b, 2, 2);
    }
    for n in (1..=8usize).rev() {
        ok(&d, &["set", ["a", "b", "c", "d"][n % 4], "101", "vacant"]);
        ok(
            &d,
            &["set", ["a", "b", "c", "d"][(n + 1) % 4], "101", "healthy"],
        );
        commit_on(t.path(), ago(n as i64), "day");
    }
    let count = |days: &str| {
        // nothing remembered from the run before
        let _ = std::fs::remove_dir_all(t.path().join(".git/loupan"));
        let trace = t.path().join(format!("trace-{days}"));
        let o = std::process::Command::new(bin())
            .args(["--dir"])
            .arg(&d)
            .args(["trend", "--days", days])
            .env("GIT_TRACE", &trace)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read_to_string(&trace)
            .unwrap()
            .lines()
            .filter(|l| l.contains("trace: built-in: git"))
            .count()
    };
    let (few, many) = (count("2"), count("9"));
    assert_eq!(few, many, "more days, more git processes");
    // is-inside-work-tree, HEAD, log, is-shallow, trees, the cache's place, blobs; today: diff
    // and untracked
    assert!(many <= 9, "{many} git processes");
}

/// The map stepped back a day and forward again: the past is read-only and its changes are
/// marked; forward past today edits again; a building added today is not in the past.
#[test]
fn the_map_steps_through_the_days() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("buildings");
    std::fs::create_dir(&dir).unwrap();
    new_building(&dir, "tower", 3, 3);
    git_ok(t.path(), &["init", "-q", "-b", "main"]);
    commit_on(t.path(), "2026-11-27".parse().unwrap(), "start");
    ok(&dir, &["set", "tower", "201", "isolating"]);
    commit_on(t.path(), "2026-11-28".parse().unwrap(), "one isolating");
    ok(&dir, &["set", "tower", "202", "vacant"]);
    new_building(&dir, "annex", 1, 2);
    let ids = vec!["annex".to_string(), "tower".to_string()];
    let mut h = Harness::open(t, dir, ids, Lang::En, ColorMode::Ansi16);
    h.keys("<Tab>j");
    assert_eq!(
        (
            h.app.current_id().map(|i| i.as_str()),
            h.cursor_label().as_str()
        ),
        (Some("tower"), "201")
    );
    h.keys("[");
    let screen = h.screen(120, 30);
    assert!(screen.contains("end of 2026-11-28"), "{screen}");
    assert_eq!(h.app.entries.len(), 1, "the annex was not there yet");
    assert_eq!(
        h.app.current_id().map(|i| i.as_str()),
        Some("tower"),
        "the same building stays chosen"
    );
    assert_eq!(h.cursor_label(), "201");
    let b = h.app.building().unwrap();
    let status = |label: &str| b.units[b.find(label).unwrap()].record.status.key();
    assert_eq!((status("201"), status("202")), ("isolating", "unknown"));
    h.keys("l");
    assert!(
        h.screen(120, 30).contains("+X201"),
        "changed that day, marked"
    );
    let before = std::fs::read(h.dir.join("tower.toml")).unwrap();
    h.keys("5w");
    assert_eq!(
        std::fs::read(h.dir.join("tower.toml")).unwrap(),
        before,
        "read-only"
    );
    assert!(
        h.screen(120, 30)
            .contains("a past day is read-only: ] steps forward")
    );
    h.keys("[");
    let b = h.app.building().unwrap();
    assert_eq!(
        b.units[b.find("201").unwrap()].record.status.key(),
        "unknown"
    );
    h.keys("]]");
    assert!(h.app.past.is_none());
    assert_eq!(h.app.entries.len(), 2, "the annex is back");
    let b = h.app.building().unwrap();
    assert_eq!(
        b.units[b.find("202").unwrap()].record.status.key(),
        "vacant",
        "today's files"
    );
    h.keys("]");
    assert!(h.app.past.is_none(), "no further than today");
    h.keys("1");
    assert_eq!(h.status("tower", "202"), "healthy", "editing again");
}

/// A file version counted once is not read again: the second `trend` asks git for no file at
/// all, and gives the same answer; figures left by another version of loupan are not trusted.
#[test]
fn counted_versions_are_remembered_and_only_this_version_is_trusted() {
    let (t, d) = repo();
    new_building(&d, "tower", 2, 2);
    for n in (1..=3).rev() {
        ok(
            &d,
            &[
                "set",
                "tower",
                "101",
                ["vacant", "isolating", "healthy"][n as usize - 1],
            ],
        );
        commit_on(t.path(), ago(n), "day");
    }
    let run = |name: &str| {
        let trace = t.path().join(name);
        let o = std::process::Command::new(bin())
            .arg("--dir")
            .arg(&d)
            .args(["trend", "--days", "4", "--format", "json"])
            .env("GIT_TRACE", &trace)
            .output()
            .unwrap();
        let batches = std::fs::read_to_string(&trace)
            .unwrap()
            .lines()
            .filter(|l| l.contains("built-in: git cat-file --batch"))
            .count();
        (stdout(&o), batches)
    };
    let (first, b1) = run("t1");
    let (second, b2) = run("t2");
    assert_eq!(first, second);
    assert_eq!(
        (b1, b2),
        (2, 1),
        "trees, then blobs; the second time trees only"
    );
    let cache = t.path().join(".git/loupan/counts");
    let text = std::fs::read_to_string(&cache).unwrap();
    // another version's figures, all wrong: ignored, and counted again
    let forged: String = text
        .lines()
        .map(|l| {
            if l.starts_with('#') {
                "# loupan 0.0.0 counts by blob".to_string()
            } else {
                l.replace(" 4 ", " 40 ")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&cache, forged).unwrap();
    let (third, b3) = run("t3");
    assert_eq!((third, b3), (first, 2));
}

/// The map at a past date reads a file from the working tree where git says it is the same as
/// then, and from git where it is not: committed since, or edited and not committed.
#[test]
fn a_past_date_reads_unchanged_files_from_the_tree_and_the_rest_from_git() {
    let (t, d) = repo();
    for id in ["same", "later", "edited"] {
        new_building(&d, id, 1, 2);
    }
    commit_on(t.path(), ago(3), "start");
    let rev = git_ok(t.path(), &["rev-parse", "HEAD"]).trim().to_string();
    ok(&d, &["set", "later", "101", "isolating"]);
    commit_on(t.path(), ago(1), "later");
    ok(&d, &["set", "edited", "102", "vacant"]);
    // git is trusted as git trusts itself: a file it is told not to look at is taken as it is,
    // which shows which way each file was read
    git_ok(
        t.path(),
        &["update-index", "--assume-unchanged", "buildings/same.toml"],
    );
    let same = std::fs::read_to_string(d.join("same.toml")).unwrap();
    std::fs::write(
        d.join("same.toml"),
        same.replace("name = \"same\"", "name = \"as on disk\""),
    )
    .unwrap();
    // files written just now are read from git whatever it says; these were written an hour ago
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for id in ["same", "later", "edited"] {
        let f = std::fs::File::options()
            .write(true)
            .open(d.join(format!("{id}.toml")))
            .unwrap();
        f.set_modified(hour_ago).unwrap();
    }
    let got = std::sync::Mutex::new(Vec::new());
    let rev = loupan::core::ids::CommitId::parse(&rev).expect("a commit");
    station(&d)
        .stream_at(&rev, None, |l| {
            let b = l.building.expect("parses");
            let counts = loupan::core::stats::Counts::of(&b);
            got.lock().unwrap().push((
                b.id.clone(),
                b.name.clone(),
                counts.units - counts.get(loupan::core::status::Status::Unknown),
            ));
            true
        })
        .unwrap();
    let mut got = got.into_inner().unwrap();
    got.sort();
    assert_eq!(
        got,
        [
            ("edited".to_string(), "edited".to_string(), 0),
            ("later".to_string(), "later".to_string(), 0),
            ("same".to_string(), "as on disk".to_string(), 0),
        ],
        "`later` and `edited` as they were at {rev}; `same` from the working tree"
    );
    // a file changed within the last seconds is not taken from the tree, whatever git says
    std::fs::write(
        d.join("same.toml"),
        same.replace("name = \"same\"", "name = \"just now\""),
    )
    .unwrap();
    let names = std::sync::Mutex::new(Vec::new());
    station(&d)
        .stream_at(&rev, None, |l| {
            names
                .lock()
                .unwrap()
                .push(l.building.map(|b| b.name).unwrap_or_default());
            true
        })
        .unwrap();
    assert!(names.into_inner().unwrap().contains(&"same".to_string()));
}

/// Commits the private store's files in its own history (as a sync or a commit by loupan does).
fn commit_private(d: &Path) {
    let p = d.join(".private");
    let g = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .arg("--git-dir")
            .arg(p.join(".git"))
            .arg("--work-tree")
            .arg(&p)
            .args(["-c", "user.name=Station", "-c", "user.email=s@example.org"])
            .args(args)
            .output()
            .expect("git");
        assert!(o.status.success(), "{}", stderr(&o));
    };
    if !p.join(".git").is_dir() {
        let o = std::process::Command::new("git")
            .args(["init", "-q", "-b", "main"])
            .arg(&p)
            .output()
            .expect("git");
        assert!(o.status.success());
    }
    g(&["add", "-A"]);
    g(&["commit", "-q", "-m", "values"]);
}

/// Issue 33: the shared history holds no personal value, so `diff` and `log` compare shared
/// fields only — one `set` is one changed line, never "健康住户 → 健康住户 (名称)" for every named
/// household — and a personal value's change shows (masked) only where both sides are known.
#[test]
fn history_invents_no_change_to_personal_values() {
    let (t, d) = repo();
    new_building(&d, "tower", 3, 4);
    for (unit, name) in [
        ("101", "张三"),
        ("102", "李四"),
        ("103", "王五"),
        ("201", "赵六"),
    ] {
        ok(
            &d,
            &[
                "set",
                "tower",
                unit,
                "healthy",
                "--name",
                name,
                "--contact",
                "13800001111",
            ],
        );
    }
    ok(
        &d,
        &[
            "company",
            "add",
            "tower",
            "301",
            "甲科技",
            "--contact",
            "钱 13900001111",
        ],
    );
    git_ok(t.path(), &["config", "user.email", "s@example.org"]);
    git_ok(t.path(), &["config", "user.name", "Station"]);
    commit_on(t.path(), ago(1), "start");
    ok(
        &d,
        &[
            "set",
            "tower",
            "202",
            "isolating",
            "--since",
            &ago(0).to_string(),
        ],
    );
    let out = ok(&d, &["--lang", "zh", "diff"]);
    assert_eq!(out.lines().count(), 1, "one set, one line: {out}");
    assert!(out.starts_with("tower 202: 待核实 → 居家隔离"), "{out}");
    let j: serde_json::Value = serde_json::from_str(&ok(&d, &["diff", "--json"])).unwrap();
    assert_eq!(j.as_array().map(Vec::len), Some(1), "{j}");
    // against a revision the private store cannot speak for: shared fields only
    commit_on(t.path(), ago(0), "202");
    ok(&d, &["set", "tower", "101", "--name", "张三丰"]);
    let (_, out, _) = cli(&d, &["--lang", "zh", "diff", "HEAD~1"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("202"), "{out}");
    // a unit's log: its name moving out of the shared file is no change
    let log = ok(&d, &["--lang", "zh", "log", "tower", "102"]);
    assert!(!log.contains("健康住户 → 健康住户"), "{log}");
    // both sides known (the private store's last commit, its files now): shown, masked
    commit_private(&d);
    ok(&d, &["set", "tower", "103", "--name", "王小五"]);
    let out = ok(&d, &["--lang", "zh", "diff"]);
    assert_eq!(out.trim(), "tower 103: 健康住户 → 健康住户 (名称)", "{out}");
    assert!(!out.contains("王"), "masked: {out}");
}
