//! The map never waits: the real binary in a pseudo-terminal while git or the disk is held busy
//! on purpose (a commit hook, or a failpoint in a save or a day step, that waits until the test
//! lets go). A key pressed meanwhile must be answered while the work is still held, which the old
//! loop — doing the work on its own thread — could not. How long the answer took is printed (and
//! BENCHMARKS.md keeps the figures); the tests assert the order of events, never a duration.

mod common;
use common::pty::{Tui, wait};
use common::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A file the held work waits on while it exists.
fn hold_file(root: &Path) -> PathBuf {
    let f = root.join("hold");
    std::fs::write(&f, "").unwrap();
    f
}

fn ready(hold: &Path) -> PathBuf {
    let mut r = hold.as_os_str().to_owned();
    r.push(".ready");
    PathBuf::from(r)
}

/// Sends a key and waits until `seen` is on screen; the time it took.
fn answered(t: &Tui, key: &str, seen: &str) -> Option<f64> {
    let start = Instant::now();
    t.send(key);
    t.wait_for(seen, 5.0)
        .then(|| start.elapsed().as_secs_f64() * 1000.0)
}

#[test]
fn a_key_is_answered_while_a_commit_hook_runs() {
    let (root, d) = data_dir();
    new_building(&d, "tower", 3, 3);
    git_init(root.path());
    let hold = hold_file(root.path());
    let hook = root.path().join(".git/hooks/pre-commit");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\n: > '{r}'\ni=0\nwhile [ -e '{h}' ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done\n",
            r = ready(&hold).display(),
            h = hold.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();

    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("branch main", 10.0), "{}", t.text());
    t.send("2");
    assert!(t.wait_for("1 uncommitted", 3.0), "{}", t.text());
    t.send("r");
    t.send("c");
    assert!(t.wait_for("Update 1 unit(s)", 3.0), "{}", t.text());
    t.send("\r");
    assert!(wait(5.0, || ready(&hold).exists()), "the hook runs");
    assert!(t.wait_for("committing…", 3.0), "{}", t.text());
    let ms = answered(&t, "l", "┌ 302 ");
    assert!(
        ms.is_some(),
        "the cursor moved while the hook held the commit: {}",
        t.text()
    );
    assert!(t.text().contains("committing…"), "{}", t.text());
    eprintln!(
        "key to frame during a held commit: {:.0} ms",
        ms.unwrap_or(0.0)
    );
    std::fs::remove_file(&hold).unwrap();
    assert!(
        wait(10.0, || git_ok(root.path(), &["log", "-1", "--format=%s"])
            .starts_with("Update 1 unit(s)")),
        "the held commit is made once let go"
    );
    assert!(t.wait_for(" committed ", 5.0), "{}", t.text());
}

#[test]
fn edits_pressed_while_a_save_is_held_all_land_in_order() {
    let (root, d) = data_dir();
    new_building(&d, "tower", 3, 3);
    let hold = hold_file(root.path());
    let point = format!("save:{}", hold.display());
    let t = Tui::open_with(&d, &["--lang", "en"], &[("LOUPAN_FAILPOINT", &point)]);
    assert!(t.wait_for("┌ 301 ", 10.0), "{}", t.text());
    // 301: isolating, then live-work on top of it (the second edit is made on the first's
    // result, which is not on disk yet); 302 vacant; 303 not-resumed
    t.send("2");
    assert!(
        wait(5.0, || ready(&hold).exists()),
        "the first save is held"
    );
    let ms = answered(&t, "w", "saving… +1");
    assert!(ms.is_some(), "{}", t.text());
    t.send("l5l3");
    assert!(t.wait_for("saving… +3", 3.0), "{}", t.text());
    assert!(
        t.wait_for("┌ 303 ", 3.0),
        "the cursor went on: {}",
        t.text()
    );
    assert_eq!(
        status_of(&d, "tower", "301"),
        "unknown",
        "nothing written yet"
    );
    eprintln!(
        "key to frame during a held save: {:.0} ms",
        ms.unwrap_or(0.0)
    );
    std::fs::remove_file(&hold).unwrap();
    assert!(
        wait(5.0, || status_of(&d, "tower", "303") == "not-resumed"),
        "{}",
        t.text()
    );
    assert!(wait(3.0, || !t.text().contains("saving…")), "{}", t.text());
    let u301 = unit_json(&d, "tower", "301");
    assert_eq!(u301["status"], "isolating", "{u301}");
    assert_eq!(u301["live-work"], true, "{u301}");
    assert_eq!(status_of(&d, "tower", "302"), "vacant");
    assert!(
        !t.text().contains("changed by someone else"),
        "{}",
        t.text()
    );
    ok(&d, &["check"]);
}

#[test]
fn a_key_is_answered_while_a_day_step_reads_git() {
    let (root, d) = data_dir();
    new_building(&d, "tower", 3, 3);
    git_ok(root.path(), &["init", "-q", "-b", "main"]);
    commit_on(root.path(), ago(3), "three days ago");
    let hold = hold_file(root.path());
    let point = format!("day-step:{}", hold.display());
    let t = Tui::open_with(&d, &["--lang", "en"], &[("LOUPAN_FAILPOINT", &point)]);
    assert!(t.wait_for("┌ 301 ", 10.0), "{}", t.text());
    t.send("[");
    assert!(wait(5.0, || ready(&hold).exists()), "the step is held");
    assert!(t.wait_for("reading ", 3.0), "{}", t.text());
    let ms = answered(&t, "l", "┌ 302 ");
    assert!(ms.is_some(), "{}", t.text());
    eprintln!(
        "key to frame during a held day step: {:.0} ms",
        ms.unwrap_or(0.0)
    );
    std::fs::remove_file(&hold).unwrap();
    assert!(t.wait_for("read-only", 5.0), "{}", t.text());
}
