//! What goes up (docs/sync.md, docs/exit-codes.md): on real git, with a bare remote and clones in
//! temporary folders, a sync stages loupan's files only, never commits or sends a file that does
//! not read, refuses an unfinished merge, and ends with the exit code that says what happened —
//! 3 a clash or a rewritten history, 4 unreachable, 5 refused, 6 unreadable — losing nothing.

mod common;
use common::*;
use std::path::{Path, PathBuf};

struct Street {
    _t: tempfile::TempDir,
    root: PathBuf,
    remote: PathBuf,
}

/// A bare remote holding one station's repository with a 2×2 tower `t`, pushed by `office`.
fn street() -> Street {
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
    let s = Street {
        _t: t,
        root,
        remote,
    };
    let office = s.laptop("office");
    new_building(&office, "t", 2, 2);
    lp_ok(&office, &["sync"]);
    s
}

impl Street {
    /// A clone of the remote, set up as a station worker's laptop (its buildings at the root).
    fn laptop(&self, who: &str) -> PathBuf {
        let c = self.root.join(who);
        git_ok(
            &self.root,
            &[
                "clone",
                "-q",
                self.remote.to_str().unwrap(),
                c.to_str().unwrap(),
            ],
        );
        git_ok(&c, &["config", "user.name", who]);
        git_ok(&c, &["config", "user.email", &format!("{who}@example.org")]);
        lp_ok(&c, &["--dir", ".", "init"]);
        c
    }

    /// The remote's tip.
    fn tip(&self) -> String {
        git_ok(&self.remote, &["rev-parse", "main"])
    }

    /// Every file the remote's history holds, at any commit.
    fn every_file(&self) -> String {
        git_ok(&self.remote, &["log", "--all", "--name-only", "--format="])
    }
}

fn sync(dir: &Path) -> std::process::Output {
    lp(dir, &["--dir", ".", "--lang", "en", "sync"])
}

fn set(dir: &Path, unit: &str, status: &str) {
    lp_ok(dir, &["--dir", ".", "set", "t", unit, status]);
}

#[test]
fn only_loupans_files_travel_and_the_rest_is_named() {
    let s = street();
    let a = s.laptop("a");
    set(&a, "101", "vacant");
    std::fs::write(a.join("物业底账.csv"), "姓名,电话\n吴敏,13812345678\n").unwrap();
    std::fs::write(a.join("台账.xlsx"), "PK junk").unwrap();
    std::fs::write(a.join("名单.txt"), "吴敏 13812345678\n").unwrap();
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("left out") && stderr(&o).contains("名单.txt"),
        "{}",
        stderr(&o)
    );
    let files = s.every_file();
    assert!(files.contains("t.toml"), "the edit went up: {files}");
    for f in ["物业底账.csv", "台账.xlsx", "名单.txt"] {
        assert!(!files.contains(f), "{f} travelled: {files}");
    }
    // and it stays out at every later sync, though still there
    set(&a, "102", "vacant");
    assert_eq!(sync(&a).status.code(), Some(0));
    assert!(!s.every_file().contains("名单.txt"));
    assert!(a.join("名单.txt").exists(), "left alone, not deleted");
}

/// A `.gitignore` that names loupan's files (pushed by hand: `*.toml`) never keeps a new building
/// or a new journal day behind while the sync says it went up.
#[test]
fn loupans_own_files_travel_whatever_a_gitignore_says() {
    let s = street();
    let a = s.laptop("a");
    std::fs::write(a.join(".gitignore"), "*.toml\n").unwrap();
    git_ok(&a, &["add", ".gitignore"]);
    git_ok(&a, &["commit", "-qm", "ignore"]);
    new_building(&a, "u", 2, 2);
    lp_ok(&a, &["--dir", ".", "follow-up", "t", "101", "well"]);
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files = s.every_file();
    assert!(
        files.contains("u.toml"),
        "the new building went up: {files}"
    );
    assert!(
        files.contains("journal/"),
        "the new journal day went up: {files}"
    );
}

#[test]
fn a_file_that_does_not_read_is_never_committed_or_pushed() {
    let s = street();
    let a = s.laptop("a");
    let before = s.tip();
    let path = a.join("t.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    let broken = good.replacen(
        "[units]",
        "[units]\n<<<<<<< ours\n=======\n>>>>>>> theirs",
        1,
    );
    std::fs::write(&path, &broken).unwrap();
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("t.toml:"),
        "named with its line: {}",
        stderr(&o)
    );
    assert_eq!(s.tip(), before, "nothing pushed");
    assert_eq!(
        git_ok(&a, &["status", "--porcelain"]).lines().count(),
        1,
        "nothing committed"
    );
    // committed by hand (a merge finished with its markers): still never pushed
    git_ok(&a, &["commit", "-qam", "by hand"]);
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));
    assert_eq!(s.tip(), before, "nothing pushed");
    // binary junk likewise
    git_ok(&a, &["reset", "-q", "--hard", "HEAD~1"]);
    std::fs::write(&path, b"\x00\x01\x02 junk").unwrap();
    assert_eq!(sync(&a).status.code(), Some(6));
    assert_eq!(s.tip(), before);
}

#[test]
fn a_clash_names_its_files_and_an_unfinished_merge_is_refused() {
    let s = street();
    let (a, b) = (s.laptop("a"), s.laptop("b"));
    set(&a, "101", "vacant");
    assert_eq!(sync(&a).status.code(), Some(0));
    set(&b, "101", "isolating");
    let o = sync(&b);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("t.toml"), "{}", stderr(&o));
    // b's edit is committed and kept; nothing of a's merged in
    assert_eq!(
        git_ok(&b, &["rev-list", "--merges", "--count", "HEAD"]).trim(),
        "0"
    );
    assert!(
        git_ok(&b, &["show", "HEAD:t.toml"]).contains("isolating"),
        "nothing lost"
    );
    assert!(
        git_ok(&b, &["status", "--porcelain", "--untracked-files=no"]).is_empty(),
        "merge undone"
    );
    // the user merges by hand and stops halfway: refused, with how to finish
    let _ = git(&b, &["pull", "-q", "--no-rebase", "--no-edit"]);
    let o = sync(&b);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("merge is not finished"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("git merge --abort"), "{}", stderr(&o));
}

#[test]
fn an_unreachable_remote_exits_4_and_keeps_every_commit() {
    let s = street();
    let a = s.laptop("a");
    let away = s.root.join("away.git");
    std::fs::rename(&s.remote, &away).unwrap();
    set(&a, "101", "vacant");
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("nothing is lost") && !err.contains("\\r") && !err.contains("\\n"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "one clean line: {err}");
    std::fs::rename(&away, &s.remote).unwrap();
    assert_eq!(sync(&a).status.code(), Some(0));
    assert!(git_ok(&s.remote, &["show", "main:t.toml"]).contains("vacant"));
}

#[test]
fn a_remote_that_refuses_exits_5_at_once_without_retries() {
    use std::os::unix::fs::PermissionsExt;
    let s = street();
    let a = s.laptop("a");
    let hook = s.remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'not on this street' >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    set(&a, "101", "vacant");
    let started = std::time::Instant::now();
    let o = sync(&a);
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("refused"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("pushed first"), "{}", stderr(&o));
    // twenty retries pause for seconds; a refusal is told at once (a loose bound: git itself)
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
}

#[test]
fn a_rewritten_remote_history_exits_3_and_keeps_ours_on_a_branch() {
    let s = street();
    let (a, office) = (s.laptop("a"), s.root.join("office"));
    // someone rewrites the shared history and force-pushes it
    git_ok(&office, &["commit", "-q", "--amend", "-m", "rewritten"]);
    git_ok(&office, &["push", "-q", "-f", "origin", "main"]);
    set(&a, "101", "vacant");
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("rewritten") && stderr(&o).contains("loupan-kept-"),
        "{}",
        stderr(&o)
    );
    let kept = git_ok(&a, &["branch", "--list", "loupan-kept-*"]);
    let name = kept.trim().trim_start_matches("* ").to_string();
    assert!(
        git_ok(&a, &["show", &format!("{name}:t.toml")]).contains("vacant"),
        "ours kept"
    );
    assert!(
        !git_ok(&s.remote, &["show", "main:t.toml"]).contains("vacant"),
        "nothing sent"
    );
}

#[test]
fn without_a_git_identity_it_says_how_to_set_one() {
    let s = street();
    let a = s.laptop("a");
    git_ok(&a, &["config", "--unset", "user.name"]);
    git_ok(&a, &["config", "--unset", "user.email"]);
    git_ok(&a, &["config", "user.useConfigOnly", "true"]);
    set(&a, "101", "vacant");
    let home = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(bin())
        .args(["--dir", ".", "--lang", "en", "sync"])
        .current_dir(&a)
        .env("HOME", home.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LOUPAN_CONFIG", "/nonexistent/loupan-test-config.toml")
        .env_remove("LOUPAN_DIR")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("git config --global user.name"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn nothing_to_do_is_four_git_processes() {
    let s = street();
    let a = s.laptop("a");
    assert_eq!(sync(&a).status.code(), Some(0));
    let trace = s.root.join("trace");
    let o = std::process::Command::new(bin())
        .args(["--dir", ".", "sync"])
        .current_dir(&a)
        .env("GIT_TRACE", &trace)
        .env("LOUPAN_CONFIG", "/nonexistent/loupan-test-config.toml")
        .env_remove("LOUPAN_DIR")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&trace).unwrap();
    // each git process traces its command line as `trace: built-in: git …`; the ones git starts
    // itself (fetch's upload-pack, its connectivity check, auto maintenance) follow git's own
    // `start_command` line, and are git's, not loupan's
    let lines: Vec<&str> = text.lines().collect();
    let ours: Vec<&str> = (0..lines.len())
        .filter(|&i| lines[i].contains("trace: built-in: git"))
        .filter(|&i| i == 0 || !lines[i - 1].contains("start_command"))
        .map(|i| lines[i])
        .collect();
    assert!(
        ours.len() <= 4,
        "{} git processes:\n{}",
        ours.len(),
        ours.join("\n")
    );
    assert!(ours.len() >= 3, "the trace is read: {text}");
}

/// `report --submit` is the one sync too: the station's private store goes to its own remote
/// (never the street's) in the same step as the report.
#[test]
fn a_submitted_report_syncs_the_private_store_too() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    let (shared, private) = (root.join("street.git"), root.join("private.git"));
    for r in [&shared, &private] {
        git_ok(
            root,
            &["init", "-q", "--bare", "-b", "main", r.to_str().unwrap()],
        );
    }
    let clone = |who: &str| {
        let c = root.join(who);
        git_ok(
            root,
            &["clone", "-q", shared.to_str().unwrap(), c.to_str().unwrap()],
        );
        git_ok(&c, &["config", "user.name", who]);
        git_ok(&c, &["config", "user.email", &format!("{who}@example.org")]);
        lp(&c, &["init"]);
        c
    };
    let office = clone("office");
    lp_ok(&office, &["street", "init", "鲁谷街道"]);
    lp_ok(&office, &["station", "add", "s1", "第一工作站"]);
    lp_ok(
        &office,
        &[
            "--dir",
            "stations/s1",
            "new",
            "t",
            "--name",
            "1号楼",
            "--floors",
            "2",
            "--units",
            "2",
        ],
    );
    lp_ok(&office, &["sync"]);
    let a = clone("a").join("stations/s1");
    lp_ok(&a, &["private-remote", private.to_str().unwrap()]);
    lp_ok(
        &a,
        &[
            "set",
            "t",
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
    let private_history = git_ok(&private, &["log", "--all", "-p"]);
    assert!(
        private_history.contains("13855550210"),
        "the private store went to its remote"
    );
    let shared_history = git_ok(&shared, &["log", "--all", "-p"]);
    assert!(shared_history.contains("reports/"), "the report went up");
    assert!(!shared_history.contains("13855550210") && !shared_history.contains("杨家"));
    // on a shared server the office syncs at the street's root: every station's private store goes too
    lp_ok(
        &a,
        &[
            "set",
            "t",
            "102",
            "healthy",
            "--name",
            "王家",
            "--contact",
            "13900001111",
        ],
    );
    let root_of_a = a.join("../..");
    lp_ok(&root_of_a, &["sync"]);
    assert!(
        git_ok(&private, &["log", "--all", "-p"]).contains("13900001111"),
        "a sync at the street's root carries the stations' private stores"
    );
}

/// The street's time zone decides its day (docs/spec.md §13), not the machine's: a zone chosen so
/// that its date differs from UTC's right now (UTC+14 after 10:00 UTC, UTC−11 before).
#[test]
fn the_streets_time_zone_decides_the_day() {
    let utc = jiff::Timestamp::now().in_tz("UTC").unwrap();
    let zone = if utc.hour() >= 10 {
        "Pacific/Kiritimati"
    } else {
        "Pacific/Pago_Pago"
    };
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("street");
    std::fs::create_dir(&root).unwrap();
    git_init_empty(&root);
    lp_ok(&root, &["street", "init", "Lugu"]);
    let file = root.join("street.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("timezone = \"{zone}\"\n{text}")).unwrap();
    lp_ok(&root, &["station", "add", "s1", "North"]);
    lp_ok(
        &root,
        &[
            "--dir",
            "stations/s1",
            "new",
            "t",
            "--name",
            "T",
            "--floors",
            "1",
            "--units",
            "1",
        ],
    );
    let _ = lp(&root.join("stations/s1"), &["report", "--submit"]);
    // the day in the street's zone (the one chosen above), not the machine's
    let day = jiff::Timestamp::now().in_tz(zone).unwrap().date();
    let file = root.join(format!("reports/{day}/s1.toml"));
    assert!(
        file.is_file(),
        "{}: {:?}",
        file.display(),
        std::fs::read_dir(root.join("reports"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect::<Vec<_>>()
    );
    let v: serde_json::Value =
        serde_json::from_str(&lp_ok(&root, &["street", "status", "--json"])).unwrap();
    assert_eq!(v["date"], day.to_string(), "{v}");
}

fn git_init_empty(dir: &Path) {
    git_ok(dir, &["init", "-q", "-b", "main"]);
    git_ok(dir, &["config", "user.name", "office"]);
    git_ok(dir, &["config", "user.email", "office@example.org"]);
}

/// The street trusts no report file by its word (docs/spec.md §13): another station's name, a
/// link, a giant, impossible figures — each refused with why, never counted; and a station
/// submits its own report only.
#[test]
fn a_forged_report_is_refused_and_never_counted() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("street");
    std::fs::create_dir(&root).unwrap();
    git_init_empty(&root);
    lp_ok(&root, &["street", "init", "Lugu"]);
    for s in ["a", "b", "c", "d", "e"] {
        lp_ok(&root, &["station", "add", s, s]);
        lp_ok(
            &root,
            &[
                "--dir",
                &format!("stations/{s}"),
                "new",
                "t",
                "--name",
                "T",
                "--floors",
                "2",
                "--units",
                "2",
            ],
        );
    }
    let o = lp(
        &root.join("stations/b"),
        &["--station", "a", "report", "--submit"],
    );
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let _ = lp(&root.join("stations/a"), &["report", "--submit"]);
    let day = street_today();
    let dir = root.join(format!("reports/{day}"));
    // a hand-edited revision at the top of its range: the next submission never panics
    let mine = std::fs::read_to_string(dir.join("a.toml")).unwrap();
    std::fs::write(
        dir.join("a.toml"),
        mine.replace("revision = 1", "revision = 4294967295"),
    )
    .unwrap();
    let o = lp(&root.join("stations/a"), &["report", "--submit"]);
    assert_ne!(o.status.code(), Some(101), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    let real = std::fs::read_to_string(dir.join("a.toml")).unwrap();
    // b's file claims to be another station's, zero, with a count past any building
    let forged = real
        .replace("station = \"a\"", "station = \"zzz\"")
        .replace("isolating = 0", "isolating = 9223372036854775807");
    std::fs::write(dir.join("b.toml"), forged).unwrap();
    // c's is a link to a's; d's is 400 KiB; e's has more resumed companies than companies
    std::os::unix::fs::symlink(dir.join("a.toml"), dir.join("c.toml")).unwrap();
    std::fs::write(
        dir.join("d.toml"),
        format!("{real}\n#{}\n", "x".repeat(400 * 1024)),
    )
    .unwrap();
    let mut e: toml_edit::DocumentMut = real.parse().unwrap();
    e["station"] = toml_edit::value("e");
    e["companies"]["resumed"] = toml_edit::value(5000);
    let e = e.to_string();
    std::fs::write(dir.join("e.toml"), e).unwrap();
    let o = lp(&root, &["--lang", "en", "street", "status", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let states: Vec<&str> = v["stations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states[1..], ["missing"; 4], "{v}");
    assert_ne!(states[0], "missing", "a's own report counts: {v}");
    let err = stderr(&o);
    for why in ["says station zzz", "a link", "KiB", "companies.resumed"] {
        assert!(err.contains(why), "{why}: {err}");
    }
}

/// A history rewritten on the remote that keeps an older common ancestor (a purge of the last
/// commits) is told apart by the forced update of the branch we follow: never merged back, never
/// pushed back.
#[test]
fn a_remote_rewritten_past_a_common_ancestor_is_never_merged_back() {
    let s = street();
    let office = s.root.join("office");
    set(&office, "102", "vacant");
    lp_ok(&office, &["--dir", ".", "sync"]);
    let a = s.laptop("a");
    // the office takes its last commit back and pushes the shorter history
    git_ok(&office, &["reset", "-q", "--hard", "HEAD~1"]);
    git_ok(&office, &["commit", "-q", "--allow-empty", "-m", "purged"]);
    git_ok(&office, &["push", "-q", "-f", "origin", "main"]);
    let purged = s.tip();
    set(&a, "101", "vacant");
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("loupan-kept-"), "{}", stderr(&o));
    assert_eq!(s.tip(), purged, "nothing pushed back");
    // nor at the next sync, nor the one after: never merged back while the clone is the old one
    for _ in 0..2 {
        let o = sync(&a);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert_eq!(s.tip(), purged, "nothing pushed back");
    }
}

/// A detached HEAD is refused before anything is committed: the edit stays in the work tree.
#[test]
fn a_detached_head_is_refused_before_anything_is_committed() {
    let s = street();
    let a = s.laptop("a");
    git_ok(&a, &["checkout", "-q", "--detach"]);
    set(&a, "101", "vacant");
    let head = git_ok(&a, &["rev-parse", "HEAD"]);
    let o = sync(&a);
    assert_ne!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("detached"), "{}", stderr(&o));
    assert_eq!(
        git_ok(&a, &["rev-parse", "HEAD"]),
        head,
        "nothing committed"
    );
    assert!(
        !git_ok(&a, &["status", "--porcelain"]).is_empty(),
        "the edit is still there"
    );
}

#[test]
fn a_personal_value_written_into_a_shared_file_never_leaves_the_station() {
    let s = street();
    let a = s.laptop("a");
    let before = s.tip();
    let path = a.join("t.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    // typed into the shared file by hand (loupan's own writers put it in the private store)
    let leaked = good.replacen(
        "101 = { status = \"unknown\" }",
        "101 = { status = \"healthy\", name = \"吴敏\", contact = \"13812345678\" }",
        1,
    );
    assert_ne!(leaked, good, "the fixture's line: {good}");
    std::fs::write(&path, &leaked).unwrap();
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("t.toml:") && stderr(&o).contains("loupan migrate"),
        "named with its line and the way out: {}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("13812345678"), "{}", stderr(&o));
    assert_eq!(s.tip(), before, "nothing pushed");
    // committed by hand and taken out again in the next commit: the first commit still holds it
    git_ok(&a, &["commit", "-qam", "by hand"]);
    std::fs::write(&path, &good).unwrap();
    git_ok(&a, &["commit", "-qam", "taken out"]);
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("--rewrite-history"), "{}", stderr(&o));
    assert_eq!(s.tip(), before, "nothing pushed");
    let objects = std::process::Command::new("git")
        .args(["cat-file", "--batch-all-objects", "--batch"])
        .current_dir(&s.remote)
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&objects.stdout).contains("13812345678"),
        "no object of the remote holds the number"
    );
}

#[test]
fn a_revealed_output_is_refused_inside_a_repository_unless_git_ignores_it() {
    let s = street();
    let a = s.laptop("a");
    lp_ok(
        &a,
        &[
            "--dir",
            ".",
            "set",
            "t",
            "101",
            "healthy",
            "--name",
            "吴敏",
            "--contact",
            "13812345678",
        ],
    );
    let out = s.root.join("a-out");
    std::fs::create_dir_all(&out).unwrap();
    git_ok(&out, &["init", "-q"]);
    // a text file git would add: written, and git there told to ignore it, so nothing sends it
    let o = lp(
        &a,
        &[
            "--dir",
            ".",
            "--lang",
            "en",
            "render",
            "--format",
            "html",
            "--reveal",
            "--out",
            out.join("chart.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ignores it now") || stdout(&o).contains("ignores it now"),
        "{}",
        stderr(&o)
    );
    assert!(
        !git_ok(&out, &["status", "--porcelain"]).contains("chart.txt"),
        "git does not offer it"
    );
    // one git already tracks: refused, left as it was
    std::fs::write(out.join("tracked.txt"), "x").unwrap();
    git_ok(&out, &["add", "tracked.txt"]);
    let o = lp(
        &a,
        &[
            "--dir",
            ".",
            "--lang",
            "en",
            "export",
            "--reveal",
            "--out",
            out.join("tracked.txt").to_str().unwrap(),
        ],
    );
    assert_ne!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(out.join("tracked.txt")).unwrap(),
        "x"
    );
    // the same masked: allowed
    let o = lp(
        &a,
        &[
            "--dir",
            ".",
            "render",
            "--format",
            "html",
            "--out",
            out.join("chart.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // a path git ignores: allowed, revealed
    std::fs::write(out.join(".gitignore"), "*.csv\n").unwrap();
    let o = lp(
        &a,
        &[
            "--dir",
            ".",
            "export",
            "--reveal",
            "--out",
            out.join("台账.csv").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(out.join("台账.csv"))
            .unwrap()
            .contains("13812345678")
    );
    // outside any repository: allowed
    let free = tempfile::tempdir().unwrap();
    let o = lp(
        &a,
        &[
            "--dir",
            ".",
            "export",
            "--reveal",
            "--out",
            free.path().join("x.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_file_committed_by_hand_that_is_not_loupans_never_travels() {
    let s = street();
    let a = s.laptop("a");
    let before = s.tip();
    std::fs::write(a.join("物业底账.csv"), "姓名,电话\n吴敏,13812345678\n").unwrap();
    git_ok(&a, &["add", "-f", "物业底账.csv"]);
    git_ok(&a, &["commit", "-qm", "by hand"]);
    let o = sync(&a);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("物业底账.csv"), "{}", stderr(&o));
    assert_eq!(s.tip(), before, "nothing pushed");
}
