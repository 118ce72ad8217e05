//! End to end: the real binary in a pseudo-terminal, read back through a terminal emulator
//! (portable-pty + vt100), as a person at a keyboard would use it.

mod common;
use common::pty::{Tui, wait};
use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn open_find_set_undo_quit_restores_the_terminal() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new",
            "plaza",
            "--name",
            "Harbour Plaza",
            "--floors",
            "10",
            "--units",
            "8",
        ],
    );
    let mut t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("Harbour Plaza", 10.0), "{}", t.text());
    assert!(t.screen.lock().unwrap().screen().alternate_screen());
    t.send("/1002\r");
    t.send("2");
    assert!(
        wait(5.0, || status_of(&d, "plaza", "1002") == "isolating"),
        "{}",
        t.text()
    );
    assert!(t.wait_for("1002 → isolating saved", 3.0), "{}", t.text());
    t.send("u");
    assert!(wait(5.0, || status_of(&d, "plaza", "1002") == "unknown"));
    t.send("q");
    assert!(t.exited(5.0), "q quits");
    let s = t.screen.lock().unwrap();
    assert!(!s.screen().alternate_screen(), "left the alternate screen");
    assert!(!s.screen().hide_cursor(), "cursor shown again");
}

#[test]
fn sighup_after_an_edit_keeps_the_edit_and_ends_the_process() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "3", "--units", "3",
        ],
    );
    let mut t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("Tower", 10.0), "{}", t.text());
    t.send("5");
    assert!(t.wait_for("已保存", 3.0), "{}", t.text());
    assert_eq!(status_of(&d, "tower", "301"), "vacant");
    let pid = t.child.process_id().expect("pid") as i32;
    std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(t.exited(5.0), "SIGHUP ends loupan");
    assert_eq!(status_of(&d, "tower", "301"), "vacant");
    ok(&d, &["check"]);
    assert!(temp_files(&d).is_empty());
}

#[test]
fn an_edit_in_one_tui_shows_in_another_within_a_second() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new",
            "duo",
            "--name",
            "Duo Tower",
            "--floors",
            "3",
            "--units",
            "4",
        ],
    );
    let a = Tui::open(&d, &["--lang", "en"]);
    let b = Tui::open(&d, &["--lang", "en"]);
    assert!(a.wait_for("Duo Tower", 10.0) && b.wait_for("Duo Tower", 10.0));
    assert!(b.wait_for("isolating  0", 2.0), "{}", b.text());
    a.send("2");
    assert!(a.wait_for("saved", 3.0));
    let start = Instant::now();
    assert!(
        b.wait_for("isolating  1", 1.0),
        "not within 1 s: {}",
        b.text()
    );
    eprintln!("reload seen after {:?}", start.elapsed());
    // b edits its neighbour from its own view; a's edit stays
    b.send("l5");
    assert!(wait(3.0, || status_of(&d, "duo", "302") == "vacant"));
    assert_eq!(status_of(&d, "duo", "301"), "isolating");
    // a CLI edit shows too
    ok(&d, &["set", "duo", "101", "resumed"]);
    assert!(a.wait_for("resumed  1", 1.5), "{}", a.text());
    // a new building appears in the list; a removed one goes
    ok(
        &d,
        &[
            "new",
            "annex",
            "--name",
            "East Annex",
            "--floors",
            "2",
            "--units",
            "2",
        ],
    );
    assert!(a.wait_for("East Annex", 1.5), "{}", a.text());
    assert!(a.wait_for("2 buildings · 16 units", 1.0), "{}", a.text());
    std::fs::remove_file(d.join("annex.toml")).unwrap();
    assert!(a.wait_for("1 building · 12 units", 1.5), "{}", a.text());
}

#[test]
fn read_only_and_past_revisions_change_nothing() {
    let (t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "2", "--units", "2",
        ],
    );
    git_init(t.path());
    ok(&d, &["set", "tower", "201", "isolating"]);
    git_ok(t.path(), &["commit", "-qam", "201"]);
    let before = std::fs::read(d.join("tower.toml")).unwrap();
    let ro = Tui::open(&d, &["--lang", "en", "--read-only"]);
    assert!(ro.wait_for("Tower", 10.0));
    ro.send("1w0");
    assert!(ro.wait_for("read-only", 2.0));
    let at = Tui::open(&d, &["--lang", "en", "--at", "HEAD~1"]);
    assert!(at.wait_for("HEAD~1", 10.0), "{}", at.text());
    assert!(
        at.wait_for("isolating  0", 2.0),
        "the past: 201 not yet isolating: {}",
        at.text()
    );
    at.send("5");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(std::fs::read(d.join("tower.toml")).unwrap(), before);
}

#[test]
fn no_terminal_or_dumb_terminal_explains_itself() {
    let (_t, d) = data_dir();
    let o = std::process::Command::new(bin())
        .arg("--dir")
        .arg(&d)
        .env("TERM", "dumb")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("TERM=dumb") && stderr(&o).contains("loupan render"),
        "{}",
        stderr(&o)
    );
    let o = std::process::Command::new(bin())
        .arg("--dir")
        .arg(&d)
        .env("TERM", "xterm")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
}

#[test]
fn review_and_commit_from_the_map() {
    let (t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "3", "--units", "3",
        ],
    );
    git_init(t.path());
    let tui = Tui::open(&d, &["--lang", "en"]);
    assert!(tui.wait_for("branch main", 10.0), "{}", tui.text());
    tui.send("2");
    assert!(tui.wait_for("1 uncommitted", 3.0), "{}", tui.text());
    tui.send("r");
    assert!(
        tui.wait_for("Tower 301: unknown → isolating", 3.0),
        "{}",
        tui.text()
    );
    tui.send("c");
    assert!(
        tui.wait_for("Update 1 unit(s): isolating 1", 3.0),
        "{}",
        tui.text()
    );
    tui.send(" (phoned)\r");
    // not `wait_for("committed")`: the status line's "1 uncommitted" holds that word already
    assert!(
        wait(5.0, || tui.text().contains(" committed ")),
        "{}",
        tui.text()
    );
    let subject = git_ok(t.path(), &["log", "-1", "--format=%s%n%b"]);
    assert!(
        subject.starts_with("Update 1 unit(s): isolating 1 (phoned)"),
        "{subject}"
    );
    assert!(
        subject.contains("Tower 301: unknown → isolating"),
        "{subject}"
    );
    assert!(
        git_ok(
            t.path(),
            &["status", "--porcelain", "--", "buildings/tower.toml"]
        )
        .is_empty()
    );
    assert!(
        wait(3.0, || !tui.text().contains("uncommitted")),
        "the count clears: {}",
        tui.text()
    );
}

/// Every cell's (foreground, background) on the screen.
fn colours(t: &Tui) -> Vec<(vt100::Color, vt100::Color)> {
    let p = t.screen.lock().unwrap();
    let s = p.screen();
    let (rows, cols) = s.size();
    let mut out = Vec::new();
    for r in 0..rows.get() {
        for c in 0..cols.get() {
            if let Some(cell) = s.cell(r, c) {
                out.push((cell.fgcolor(), cell.bgcolor()));
            }
        }
    }
    out
}

#[test]
fn colour_modes_in_a_real_terminal() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "2", "--units", "2",
        ],
    );
    ok(&d, &["set", "tower", "201", "isolating"]);
    ok(&d, &["set", "tower", "202", "resumed"]);
    use vt100::Color::{Default, Idx, Rgb};
    // 16 colours by default (ssh does not forward COLORTERM)
    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("Tower", 10.0));
    let c = colours(&t);
    assert!(c.iter().any(|(_, bg)| *bg == Idx(1)), "isolating on red");
    assert!(
        c.iter()
            .all(|(fg, bg)| !matches!(fg, Rgb(..)) && !matches!(bg, Rgb(..))),
        "16 colours only"
    );
    assert!(
        c.iter()
            .all(|(fg, bg)| !matches!(fg, Idx(16..)) && !matches!(bg, Idx(16..)))
    );
    drop(t);
    // NO_COLOR: no colour at all, the glyphs still tell statuses apart
    let t = Tui::open_with(&d, &["--lang", "en"], &[("NO_COLOR", "1")]);
    assert!(
        t.wait_for("X201", 10.0) && t.wait_for("+202", 1.0),
        "{}",
        t.text()
    );
    assert!(
        colours(&t)
            .iter()
            .all(|(fg, bg)| (*fg, *bg) == (Default, Default)),
        "no colour codes"
    );
    drop(t);
    // true colour when COLORTERM says so
    let t = Tui::open_with(&d, &["--lang", "en"], &[("COLORTERM", "truecolor")]);
    assert!(t.wait_for("Tower", 10.0));
    assert!(
        colours(&t).iter().any(|(_, bg)| *bg == Rgb(213, 94, 0)),
        "the colour-blind-safe red"
    );
}

#[test]
fn sigterm_restores_and_exits() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "1", "--units", "1",
        ],
    );
    let mut t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("Tower", 10.0));
    let pid = t.child.process_id().expect("pid");
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(t.exited(5.0), "SIGTERM ends loupan");
    let p = t.screen.lock().unwrap();
    assert!(!p.screen().alternate_screen(), "terminal restored");
}

fn field(d: &Path, unit: &str, key: &str) -> String {
    unit_json(d, "tower", unit)[key]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_form_checks_as_you_type_and_saves_in_chinese() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new",
            "tower",
            "--name",
            "测试大厦",
            "--floors",
            "3",
            "--units",
            "3",
        ],
    );
    let t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("测试大厦", 10.0), "{}", t.text());
    // the form opens on the name; then people, contact, note, since, until
    t.send("\r");
    assert!(t.wait_for("隔离开始", 3.0), "{}", t.text());
    t.send("王家\t3\t\t\t2026-11-20\t2026-11-01");
    assert!(
        t.wait_for("早于开始日期", 3.0),
        "the mistake shows beside the field: {}",
        t.text()
    );
    t.send("\r");
    assert!(
        t.wait_for("王家", 1.0) && t.text().contains("早于开始日期"),
        "Enter keeps the form open"
    );
    assert_eq!(field(&d, "301", "name"), "", "nothing saved yet");
    t.send(&"\x7f".repeat(10));
    t.send("+14\r");
    assert!(
        wait(3.0, || field(&d, "301", "name") == "王家"),
        "{}",
        t.text()
    );
    // docs/spec.md §6: +14 counts 14 days from the start typed (11-20 is day 1, 12-03 day 14)
    assert_eq!(
        field(&d, "301", "until"),
        "2026-12-03",
        "+14 counts from the start"
    );
}

#[test]
fn the_conflict_window_keeps_the_colleagues_note() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new",
            "tower",
            "--name",
            "测试大厦",
            "--floors",
            "2",
            "--units",
            "2",
        ],
    );
    ok(&d, &["set", "tower", "201", "healthy", "--name", "吴家"]);
    let t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("吴家", 10.0), "{}", t.text());
    t.send("\r\t\t\t已送菜");
    assert!(t.wait_for("已送菜", 3.0));
    ok(
        &d,
        &["set", "tower", "201", "isolating", "--note", "社区医生上门"],
    );
    t.send("\r");
    assert!(t.wait_for("对方 社区医生上门", 3.0), "{}", t.text());
    assert!(t.text().contains("我的 已送菜"), "{}", t.text());
    t.send("y");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(field(&d, "201", "note"), "社区医生上门");
    assert_eq!(field(&d, "201", "status"), "isolating");
}

#[test]
fn floors_out_of_sight_are_marked_in_a_small_window() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "高楼", "--floors", "26", "--units", "4",
        ],
    );
    let t = Tui::open_sized(&d, &["--lang", "zh"], &[], 24, 80);
    assert!(t.wait_for("高楼", 10.0), "{}", t.text());
    assert!(t.wait_for("26 层中的", 3.0), "{}", t.text());
    assert!(t.text().contains("v│"), "more below: {}", t.text());
    t.send("G");
    assert!(
        t.wait_for("[?101", 3.0) && t.text().contains("^│"),
        "{}",
        t.text()
    );
}

#[test]
fn full_width_keys_from_an_input_method_work() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new",
            "tower",
            "--name",
            "测试大厦",
            "--floors",
            "2",
            "--units",
            "2",
        ],
    );
    let t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("测试大厦", 10.0), "{}", t.text());
    t.send("２");
    assert!(
        wait(3.0, || field(&d, "201", "status") == "isolating"),
        "{}",
        t.text()
    );
    t.send("、102\r５");
    assert!(
        wait(3.0, || field(&d, "102", "status") == "vacant"),
        "{}",
        t.text()
    );
    t.send("？");
    assert!(t.wait_for("本帮助", 3.0), "{}", t.text());
}

#[test]
fn a_follow_up_logged_elsewhere_shows_in_every_open_map_within_a_second() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new",
            "duo",
            "--name",
            "Duo Tower",
            "--floors",
            "2",
            "--units",
            "2",
        ],
    );
    ok(&d, &["set", "duo", "201", "isolating"]);
    // no journal yet: the first entry of the day makes the directory and the file
    assert!(
        !d.join("journal")
            .join(format!("{}.toml", jiff::ZonedDateTime::now().date()))
            .exists()
    );
    let a = Tui::open(&d, &["--lang", "en"]);
    let b = Tui::open(&d, &["--lang", "en"]);
    assert!(a.wait_for("Duo Tower", 10.0) && b.wait_for("Duo Tower", 10.0));
    a.send("c1");
    assert!(a.wait_for("201 → well (call) logged", 3.0), "{}", a.text());
    let start = Instant::now();
    assert!(
        b.wait_for("logged Duo Tower 201: well", 1.0),
        "not within 1 s: {}",
        b.text()
    );
    eprintln!("follow-up seen after {:?}", start.elapsed());
    // the command line's entries reach both, and Today counts them
    ok(
        &d,
        &["follow-up", "duo", "202", "not-home", "--via", "visit"],
    );
    assert!(
        a.wait_for("logged Duo Tower 202: no answer / not home", 1.5),
        "{}",
        a.text()
    );
    b.send("t");
    assert!(b.wait_for("Calls 1 / 1", 2.0), "{}", b.text());
    assert!(b.wait_for("knocked 1×", 1.0), "{}", b.text());
}

#[test]
fn y_copies_the_days_report_to_the_terminals_clipboard() {
    let (_t, d) = data_dir();
    new_building(&d, "plaza", 2, 2);
    ok(&d, &["set", "plaza", "201", "isolating", "--name", "王家"]);
    let mut t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("plaza", 10.0), "{}", t.text());
    t.send("Y");
    assert!(t.wait_for("日报已复制", 3.0), "{}", t.text());
    // the same text `loupan report` prints, as OSC 52 for the clipboard (`c`)
    let text = ok(&d, &["--lang", "zh", "report"]);
    assert!(text.contains("居家隔离"), "{text}");
    let wanted = loupan::tui::clipboard::osc52(&text);
    let raw = String::from_utf8_lossy(&t.raw.lock().unwrap()).into_owned();
    assert!(
        raw.contains(&wanted),
        "no OSC 52 with the report in the output"
    );
    t.send("q");
    assert!(t.exited(5.0));
}

/// Issue 32: a paste arrives marked (bracketed paste): outside a field it is ignored with a
/// notice, into a field it goes whole (a line break a space), and its digits never act as keys.
#[test]
fn a_paste_goes_whole_into_the_note_and_never_acts_as_keys() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new",
            "tower",
            "--name",
            "测试大厦",
            "--floors",
            "2",
            "--units",
            "2",
        ],
    );
    ok(&d, &["set", "tower", "201", "healthy"]);
    let mut t = Tui::open(&d, &["--lang", "zh"]);
    assert!(t.wait_for("测试大厦", 10.0), "{}", t.text());
    let raw = |t: &Tui| String::from_utf8_lossy(&t.raw.lock().unwrap()).into_owned();
    assert!(raw(&t).contains("\x1b[?2004h"), "bracketed paste is on");
    t.send("\x1b[200~联系人：张小明 13600001111\x1b[201~");
    assert!(t.wait_for("已忽略粘贴", 3.0), "{}", t.text());
    // the form opens on the name; the note is three fields down
    t.send("\r\t\t\t");
    t.send(
        "\x1b[200~【社区通知】张家老人行动不便，\r需每日送菜；联系人：张小明 13600001111\x1b[201~",
    );
    assert!(t.wait_for("需每日送菜", 3.0), "{}", t.text());
    t.send("\r");
    assert!(
        wait(3.0, || field(&d, "201", "note")
            == "【社区通知】张家老人行动不便， 需每日送菜；联系人：张小明 13600001111"),
        "{}",
        t.text()
    );
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(field(&d, "201", "status"), "healthy");
    for u in ["202", "101", "102"] {
        assert_eq!(field(&d, u, "status"), "unknown", "{u}");
    }
    t.send("q");
    assert!(t.exited(5.0), "q quits");
    assert!(
        raw(&t).contains("\x1b[?2004l"),
        "bracketed paste is off again"
    );
}

/// Issue 32: typing a unit number on the map goes to that unit and changes no status; one
/// digit alone still sets a status.
#[test]
fn typing_a_unit_number_goes_there_and_sets_no_status() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "12", "--units", "8",
        ],
    );
    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("Tower", 10.0), "{}", t.text());
    t.send("1204");
    assert!(t.wait_for("/1204_ (1)", 3.0), "{}", t.text());
    t.send("\r");
    assert!(t.wait_for("/1204 1/1", 3.0), "{}", t.text());
    std::thread::sleep(Duration::from_millis(600));
    for u in ["1201", "1204", "1208"] {
        assert_eq!(field(&d, u, "status"), "unknown", "{u}: {}", t.text());
    }
    t.send("2");
    assert!(
        wait(3.0, || field(&d, "1204", "status") == "isolating"),
        "{}",
        t.text()
    );
}

/// Issue 32: a release from Today says what it will do first; `u` then takes back the unit
/// and its journal entry together.
#[test]
fn a_release_from_today_asks_first_and_u_takes_it_back() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "2", "--units", "2",
        ],
    );
    ok(
        &d,
        &["set", "tower", "201", "isolating", "--until", "today"],
    );
    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("Tower", 10.0), "{}", t.text());
    t.send("t");
    assert!(
        t.wait_for("Isolations ending today (1)", 3.0),
        "{}",
        t.text()
    );
    t.send("\t");
    t.send("e");
    assert!(t.wait_for("e again to release", 3.0), "{}", t.text());
    assert_eq!(field(&d, "201", "status"), "isolating");
    t.send("e");
    assert!(
        wait(3.0, || field(&d, "201", "status") == "healthy"),
        "{}",
        t.text()
    );
    let reached = |d: &Path| {
        let v: serde_json::Value = serde_json::from_str(&ok(d, &["today", "--json"])).unwrap();
        v["calls"]["reached"].clone()
    };
    assert!(wait(3.0, || ok(&d, &["journal"]).contains("201")));
    t.send("u");
    assert!(
        wait(3.0, || field(&d, "201", "status") == "isolating"),
        "{}",
        t.text()
    );
    assert!(
        wait(3.0, || ok(&d, &["--lang", "en", "journal"])
            .contains("[withdrawn]")),
        "{}",
        ok(&d, &["journal"])
    );
    assert_eq!(reached(&d), 0);
}

/// Issue 32: in Today, a number typed by habit logs nothing (digits in a row, as on the map);
/// one digit alone still logs its outcome.
#[test]
fn typing_a_number_in_today_logs_nothing() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "tower", "--name", "Tower", "--floors", "2", "--units", "2",
        ],
    );
    ok(&d, &["set", "tower", "201", "isolating"]);
    let t = Tui::open(&d, &["--lang", "en"]);
    assert!(t.wait_for("Tower", 10.0), "{}", t.text());
    t.send("t");
    assert!(t.wait_for("Calls", 3.0), "{}", t.text());
    t.send("1204");
    assert!(t.wait_for("nothing logged", 3.0), "{}", t.text());
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !ok(&d, &["journal"]).contains("201"),
        "{}",
        ok(&d, &["journal"])
    );
    t.send("1");
    assert!(
        wait(5.0, || ok(&d, &["journal"]).contains("201")),
        "{}",
        t.text()
    );
}

/// A `tmux` on PATH that answers `show-options -gv NAME` as a tmux set up so would.
fn fake_tmux(dir: &Path, set_clipboard: &str, passthrough: &str) -> String {
    let script = dir.join("tmux");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncase \"$3\" in\n  set-clipboard) echo {set_clipboard} ;;\n  allow-passthrough) echo {passthrough} ;;\nesac\n"
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn y_inside_tmux_reaches_the_clipboard_or_says_what_to_set() {
    let (t, d) = data_dir();
    new_building(&d, "plaza", 2, 2);
    ok(&d, &["set", "plaza", "201", "isolating", "--name", "王家"]);
    let text = ok(&d, &["--lang", "zh", "report"]);
    let bin = t.path().join("bin");
    let tmp = t.path().join("tmp");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    let plain = loupan::tui::clipboard::osc52(&text);
    let wrapped = loupan::store::tmux::passthrough(&plain);
    for (clip, pass, wanted, said) in [
        ("on", "off", plain.clone(), "日报已复制"),
        ("external", "on", wrapped.clone(), "日报已复制"),
        ("external", "off", plain.clone(), "set -g set-clipboard on"),
    ] {
        let path = fake_tmux(&bin, clip, pass);
        let env = [
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("PATH", path.as_str()),
            ("TMPDIR", tmp.to_str().unwrap()),
        ];
        let mut tui = Tui::open_sized(&d, &["--lang", "zh"], &env, 30, 160);
        assert!(tui.wait_for("plaza", 10.0), "{}", tui.text());
        tui.send("Y");
        assert!(tui.wait_for(said, 3.0), "{clip}/{pass}: {}", tui.text());
        let raw = String::from_utf8_lossy(&tui.raw.lock().unwrap()).into_owned();
        assert!(
            raw.contains(&wanted),
            "{clip}/{pass}: not the sequence tmux passes"
        );
        tui.send("q");
        assert!(tui.exited(5.0));
    }
    // where tmux drops it, the report is in the file the status line names
    let kept = tmp.join(format!("loupan-report-{}.txt", real_today()));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), text);
}
