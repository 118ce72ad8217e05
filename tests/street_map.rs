//! The street's map (issue 23): a plain `loupan` at a street's root lists the stations — their
//! evening report, isolating households, verified share — above the chosen station's towers;
//! Enter opens that station's map and its `q` comes back. And `--station ID` from anywhere in
//! the street.

mod common;
use common::pty::Tui;
use common::screen::buffer_text;
use common::*;
use jiff::civil::date;
use loupan::core::i18n::Lang;
use loupan::core::street::{self, Street, Submission};
use loupan::tui::street::state::{Choice, StreetMap};
use loupan::tui::theme::ColorMode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Three stations, each with one 3×3 tower; s1 has an isolating household and submitted a
/// zero-free report today; s2 and s3 have not reported.
fn street_dir() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().to_path_buf();
    lp_ok(&root, &["street", "init", "Lugu"]);
    for (id, name) in [("s1", "North"), ("s2", "South"), ("s3", "East")] {
        lp_ok(&root, &["station", "add", id, name]);
        let tower = format!("{name} Tower");
        let args = [
            "new", "t", "--name", &tower, "--floors", "3", "--units", "3",
        ];
        lp_ok(&root, &[&["--station", id][..], &args[..]].concat());
    }
    lp_ok(&root, &["--station", "s1", "set", "t", "201", "isolating"]);
    lp_ok(&root, &["--station", "s1", "set", "t", "101", "healthy"]);
    // written and kept though there is no remote to sync it to yet
    lp(&root.join("stations/s1"), &["report", "--submit"]);
    assert!(street_file(&root).is_file());
    (t, root)
}

fn street_file(root: &Path) -> PathBuf {
    let today = street_today().to_string();
    root.join("reports").join(today).join("s1.toml")
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn the_map_at_a_streets_root_lists_the_stations_and_opens_each() {
    let (_t, root) = street_dir();
    let mut t = Tui::open_in(&root, &["--lang", "en"], 30, 110);
    assert!(t.wait_for("reported 1/3", 10.0), "{}", t.text());
    // the figures fill in: s1's isolating household and its verified share (2 of 9 units known)
    assert!(t.wait_for("22%", 10.0), "{}", t.text());
    let screen = t.text();
    let s1 = screen.lines().find(|l| l.contains("North")).unwrap();
    assert!(s1.contains("submitted"), "{s1}");
    assert!(s1.contains(" 1 "), "one isolating household: {s1}");
    let s2 = screen.lines().find(|l| l.contains("South")).unwrap();
    assert!(s2.contains("missing"), "{s2}");
    assert!(
        screen.contains("North Tower"),
        "the chosen station's towers: {screen}"
    );
    // Enter opens the next station's own map; q comes back to the street
    t.send("j");
    t.send("\r");
    assert!(t.wait_for("South Tower (t)", 10.0), "{}", t.text());
    assert!(!t.text().contains("reported 1/3"));
    t.send("q");
    assert!(t.wait_for("reported 1/3", 10.0), "{}", t.text());
    let back = t.text();
    let chosen = back.lines().find(|l| l.contains('▶')).unwrap();
    assert!(
        chosen.contains("South"),
        "the station just closed stays chosen: {chosen}"
    );
    t.send("q");
    assert!(t.exited(5.0), "q quits the street's map");
    assert!(!t.screen.lock().unwrap().screen().alternate_screen());
}

/// A station submitting in the same working copy (staff in ssh sessions on one server) shows in
/// the office's open map without a key: by the file system's events, and with `--poll`.
#[test]
fn a_report_submitted_while_the_map_is_open_shows_at_once() {
    for poll in [false, true] {
        let (_t, root) = street_dir();
        let args: &[&str] = if poll {
            &["--lang", "en", "--poll"]
        } else {
            &["--lang", "en"]
        };
        let t = Tui::open_in(&root, args, 30, 110);
        assert!(t.wait_for("reported 1/3", 10.0), "{}", t.text());
        assert!(t.wait_for("22%", 10.0), "{}", t.text());
        lp(&root.join("stations/s2"), &["report", "--submit"]);
        assert!(
            t.wait_for("reported 2/3", 10.0),
            "poll {poll}: {}",
            t.text()
        );
        let s2 = t.text();
        let s2 = s2.lines().find(|l| l.contains("South")).unwrap();
        assert!(s2.contains("submitted"), "{s2}");
        // the figures already read are kept, not read again from nothing
        assert!(t.text().contains("22%"), "{}", t.text());
    }
}

#[test]
fn a_station_folder_opens_its_own_map_not_the_streets() {
    let (_t, root) = street_dir();
    let t = Tui::open_in(&root.join("stations/s2"), &["--lang", "en"], 30, 110);
    assert!(t.wait_for("South Tower (t)", 10.0), "{}", t.text());
    assert!(!t.text().contains("reported 1/3"));
}

/// A street map read by hand, on a fixed day: s1 submitted a zero report, s2 late, s3 missing;
/// s1's towers read, s2's one tower broken, s3's not yet.
fn fixture(lang: Lang, colors: ColorMode) -> StreetMap {
    let (_t, root) = street_dir();
    let day = date(2020, 2, 14);
    let st = Street {
        name: "Lugu".into(),
        deadline: street::DEADLINE,
        timezone: street::TIMEZONE.into(),
        keys: BTreeMap::new(),
        stations: vec![
            ("s1".into(), "North".into()),
            ("s2".into(), "South".into()),
            ("s3".into(), "East".into()),
        ],
    };
    let sub = |id: &str, at: &str, zero: bool| Submission {
        station: id.into(),
        date: day,
        at: at.into(),
        revision: 2,
        zero,
        unread: 0,
        escalations: 0,
        figures: Default::default(),
        proof: Default::default(),
        escalated: Vec::new(),
        ignored: Vec::new(),
    };
    let subs = BTreeMap::from([
        ("s1".to_string(), sub("s1", "17:05", true)),
        ("s2".to_string(), sub("s2", "19:40", false)),
    ]);
    let (rows, overdue) = street::status(&st, &subs, day, day.at(20, 0, 0, 0));
    assert!(overdue);
    let mut m = StreetMap::new(lang, colors, day, rows);
    m.overdue = overdue;
    assert!(
        m.street(&st),
        "a new map takes the street's name and deadline"
    );
    assert_eq!((m.name.as_str(), m.deadline.as_str()), ("Lugu", "18:00"));
    m.resize(100, 24);
    for (i, id) in ["s1", "s2"].into_iter().enumerate() {
        let s = station(&root.join("stations").join(id));
        m.listed(i, s.ids());
        for b in s.ids().unwrap() {
            let (bid, result) = s.load(&b).into_parts();
            let result = if id == "s2" { Err(vec![]) } else { result };
            m.loaded(i, bid, result);
        }
    }
    m
}

fn draw(m: &StreetMap) -> ratatui::buffer::Buffer {
    let mut term = Terminal::new(TestBackend::new(m.size.0, m.size.1)).unwrap();
    term.draw(|f| loupan::tui::street::draw::render(f, m))
        .unwrap();
    term.backend().buffer().clone()
}

#[test]
fn the_street_map_draws_every_state_in_words_and_colours() {
    let m = fixture(Lang::En, ColorMode::Ansi16);
    let buf = draw(&m);
    insta::assert_snapshot!("street_map_en", buffer_text(&buf));
    let text = buffer_text(&buf);
    let line = |w: &str| text.lines().position(|l| l.contains(w)).unwrap() as u16;
    let colour_of = |y: u16, word: &str| {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        let x = row.find(word).unwrap();
        // the column of the byte offset: every symbol before it is one ASCII column here
        buf[(row[..x].chars().count() as u16, y)].fg
    };
    assert_eq!(colour_of(line("North"), "submitted"), Color::Green);
    assert_eq!(colour_of(line("South"), "late"), Color::Yellow);
    assert_eq!(colour_of(line("East"), "missing"), Color::Red);
    // before the deadline a station not yet reported is no fault yet
    let mut before = fixture(Lang::En, ColorMode::Ansi16);
    before.overdue = false;
    let buf = draw(&before);
    let text = buffer_text(&buf);
    let y = text.lines().position(|l| l.contains("East")).unwrap() as u16;
    let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    let x = row[..row.find("missing").unwrap()].chars().count() as u16;
    assert_eq!(buf[(x, y)].fg, Color::Reset, "{text}");
    assert!(
        text.lines().next().unwrap().contains("missing 1 ·"),
        "{text}"
    );
    let m = fixture(Lang::Zh, ColorMode::None);
    insta::assert_snapshot!("street_map_zh_no_colour", buffer_text(&draw(&m)));
}

#[test]
fn figures_wait_for_every_building_and_a_broken_one_is_named() {
    let m = fixture(Lang::En, ColorMode::None);
    let text = buffer_text(&draw(&m));
    let north = text.lines().find(|l| l.contains("North")).unwrap();
    assert!(north.contains("zero") && north.contains("22%"), "{north}");
    // s2's one tower does not parse: counted as broken, its share not made up
    let south = text.lines().find(|l| l.contains("South")).unwrap();
    assert!(south.contains("1 !1"), "{south}");
    assert!(
        south.contains("≥0") && south.contains('—') && !south.contains('%'),
        "{south}"
    );
    assert!(text.contains("!N towers that do not read"), "{text}");
    // s3 is not listed yet: nothing is shown as a figure
    let east = text.lines().find(|l| l.contains("East")).unwrap();
    assert!(east.contains('…') && !east.contains('%'), "{east}");
    assert!(text.contains("reading 2/3"), "{text}");
}

#[test]
fn a_narrow_window_keeps_what_matters_whole() {
    let mut m = fixture(Lang::En, ColorMode::None);
    m.resize(44, 12);
    let text = buffer_text(&draw(&m));
    let first = text.lines().next().unwrap();
    // the date and deadline go first, then the towers' column; words are never cut mid-part
    assert_eq!(
        first.trim_end(),
        " Lugu · reported 2/3 · missing 1",
        "{text}"
    );
    let north = text.lines().find(|l| l.contains("s1")).unwrap();
    assert!(
        north.contains("submitted") && north.contains(" 1 "),
        "{north}"
    );
    let header = text
        .lines()
        .find(|l| l.contains("tonight's report"))
        .unwrap();
    assert!(
        !header.contains("towers") && header.contains(" X "),
        "{text}"
    );
}

/// A deadline moved in `street.toml` while the map is open shows in its heading; the same
/// street read again changes nothing.
#[test]
fn the_heading_follows_street_toml() {
    let mut m = fixture(Lang::En, ColorMode::None);
    let mut st = Street {
        name: "Lugu".into(),
        deadline: street::DEADLINE,
        timezone: street::TIMEZONE.into(),
        keys: BTreeMap::new(),
        stations: Vec::new(),
    };
    assert!(!m.street(&st));
    st.deadline = jiff::civil::time(19, 30, 0, 0);
    assert!(m.street(&st));
    let text = buffer_text(&draw(&m));
    assert!(text.contains("deadline 19:30"), "{text}");
}

#[test]
fn a_street_without_stations_says_how_to_add_one() {
    let day = date(2020, 2, 14);
    let mut m = StreetMap::new(Lang::Zh, ColorMode::None, day, Vec::new());
    m.name = "空街道".into();
    m.deadline = "18:00".into();
    m.resize(100, 12);
    let text = buffer_text(&draw(&m));
    assert!(
        text.contains("还没有工作站：在这里用 `loupan station add"),
        "{text}"
    );
    // nothing is being read, so the heading does not say it is
    assert!(!text.contains("读取中"), "{text}");
    assert!(text.lines().next().unwrap().contains("已报 0/0"), "{text}");
}

#[test]
fn keys_move_open_reload_help_and_quit() {
    let mut m = fixture(Lang::En, ColorMode::None);
    // the keys move in the order shown: by name with `n` (East, North, South)
    m.key(key(KeyCode::Char('n')));
    m.key(key(KeyCode::Char('g')));
    assert_eq!(m.selected, 2);
    assert_eq!(m.key(key(KeyCode::Char('j'))), None);
    assert_eq!(m.key(key(KeyCode::Down)), None);
    assert_eq!(m.selected, 1);
    assert_eq!(m.key(key(KeyCode::Down)), None, "stays on the last");
    assert_eq!(m.selected, 1);
    m.key(key(KeyCode::Char('g')));
    assert_eq!(m.selected, 2);
    m.key(key(KeyCode::End));
    assert_eq!(m.selected, 1);
    m.key(key(KeyCode::Up));
    assert_eq!(m.key(key(KeyCode::Enter)), Some(Choice::Open("s1".into())));
    assert_eq!(
        m.key(key(KeyCode::Char('l'))),
        Some(Choice::Open("s1".into()))
    );
    assert_eq!(m.key(key(KeyCode::Char('r'))), Some(Choice::Reload));
    assert_eq!(m.key(key(KeyCode::Char('S'))), Some(Choice::Sync(false)));
    // after the question, S agrees; once a sync is under way, S starts no second one
    m.sync_asked = true;
    assert_eq!(m.key(key(KeyCode::Char('S'))), Some(Choice::Sync(true)));
    m.syncing = true;
    assert_eq!(m.key(key(KeyCode::Char('S'))), None);
    m.syncing = false;
    // help shows the keys; the next key only closes it
    m.key(key(KeyCode::Char('?')));
    assert!(buffer_text(&draw(&m)).contains("In a station's map, q comes back here."));
    assert_eq!(m.key(key(KeyCode::Char('q'))), None);
    assert!(!m.help);
    assert_eq!(m.key(key(KeyCode::Char('q'))), Some(Choice::Quit));
    assert_eq!(m.key(key(KeyCode::Esc)), Some(Choice::Quit));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(m.key(ctrl_c), Some(Choice::Quit));
}

#[test]
fn station_names_a_station_from_anywhere_in_the_street() {
    let (_t, root) = street_dir();
    let out = lp_ok(&root, &["--station", "s2", "stats", "--format", "json"]);
    assert!(out.contains("South Tower"), "{out}");
    let o = lp(&root, &["--lang", "en", "--station", "s9", "stats"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("no station s9") && err.contains("s1, s2, s3"),
        "{err}"
    );
    // from inside s1's folder another station is theirs to edit
    let o = lp(
        &root.join("stations/s1"),
        &[
            "--lang",
            "en",
            "--station",
            "s2",
            "set",
            "t",
            "101",
            "healthy",
        ],
    );
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(stderr(&o).contains("theirs to edit"), "{}", stderr(&o));
    // at the root without one, a reading command goes across every station
    // (tests/street_root.rs)
    // outside a street there is no station to name
    let (_o, d) = data_dir();
    let o = lp(&d, &["--lang", "en", "--station", "s1", "stats"]);
    assert!(stderr(&o).contains("not a street"), "{}", stderr(&o));
}

fn git_in(cwd: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

/// The street office's clone and a station's clone of one bare remote.
fn street_with_remote() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let remote = t.path().join("street.git");
    git_in(
        t.path(),
        &["init", "-q", "--bare", "-b", "main", "street.git"],
    );
    let clone = |name: &str| {
        let dir = t.path().join(name);
        git_in(t.path(), &["clone", "-q", remote.to_str().unwrap(), name]);
        git_in(&dir, &["config", "user.name", name]);
        git_in(
            &dir,
            &["config", "user.email", &format!("{name}@example.org")],
        );
        dir
    };
    let office = clone("office");
    lp_ok(&office, &["street", "init", "Lugu"]);
    lp_ok(&office, &["station", "add", "s1", "North"]);
    lp_ok(&office, &["station", "add", "s2", "South"]);
    lp_ok(&office, &["sync"]);
    let station = clone("north");
    lp_ok(&station, &["init"]);
    (t, office, station)
}

#[test]
fn s_syncs_the_street_from_its_map_asking_first_over_uncommitted_changes() {
    let (_t, office, north) = street_with_remote();
    // a station submits after the office opened its map
    let mut t = Tui::open_in(&office, &["--lang", "en"], 30, 110);
    assert!(t.wait_for("reported 0/2", 10.0), "{}", t.text());
    lp_ok(&north.join("stations/s1"), &["report", "--submit"]);
    // a building the office added, not yet committed; and a file that is not loupan's
    lp_ok(
        &office,
        &[
            "--dir",
            "stations/s2",
            "new",
            "t9",
            "--name",
            "T9",
            "--floors",
            "1",
            "--units",
            "1",
        ],
    );
    std::fs::write(office.join("notes.txt"), "the office's own file\n").unwrap();
    t.send("S");
    assert!(t.wait_for(
        "1 changed files at the street's root are not committed",
        10.0
    ));
    // any other key declines: nothing is committed
    t.send("j");
    assert!(!t.text().contains("not committed"), "{}", t.text());
    t.send("S");
    assert!(t.wait_for("not committed", 10.0));
    t.send("S");
    assert!(t.wait_for("synced:", 20.0), "{}", t.text());
    assert!(
        t.wait_for("reported 1/2", 10.0),
        "the report that came in shows: {}",
        t.text()
    );
    let log = |file: &str| {
        let o = Command::new("git")
            .args(["log", "--oneline", "origin/main", "--", file])
            .current_dir(&office)
            .output()
            .unwrap();
        stdout(&o).trim().to_string()
    };
    assert!(
        !log("stations/s2/t9.toml").is_empty(),
        "the office's building went up"
    );
    assert!(
        log("notes.txt").is_empty(),
        "a file that is not loupan's never travels"
    );
    t.send("q");
    assert!(t.exited(5.0));
}

#[test]
fn a_failed_sync_is_said_and_the_map_goes_on() {
    let (_t, office, _north) = street_with_remote();
    git_in(
        &office,
        &["remote", "set-url", "origin", "/nonexistent/street.git"],
    );
    let mut t = Tui::open_in(&office, &["--lang", "en"], 30, 110);
    assert!(t.wait_for("reported 0/2", 10.0), "{}", t.text());
    t.send("S");
    assert!(t.wait_for("/nonexistent/street.git", 20.0), "{}", t.text());
    t.send("j");
    assert!(t.wait_for("▶  s2", 5.0), "{}", t.text());
    t.send("q");
    assert!(t.exited(5.0));
}

/// Issue 35: twenty stations at 80×24, the ones that need attention first whatever the size;
/// `n` puts them by name, and the key hints and help say so.
#[test]
fn what_needs_attention_comes_first_at_any_size_and_n_sorts_by_name() {
    let (_t, root) = street_dir();
    let day = date(2020, 2, 14);
    let stations: Vec<(String, String)> = (1..=20)
        .map(|k| (format!("s{k:02}"), format!("Station {k:02}")))
        .collect();
    let st = Street {
        name: "Lugu".into(),
        deadline: street::DEADLINE,
        timezone: street::TIMEZONE.into(),
        stations,
        keys: BTreeMap::new(),
    };
    let sub = |id: &str, at: &str, escalations: u32| Submission {
        station: id.into(),
        date: day,
        at: at.into(),
        revision: 1,
        zero: false,
        unread: 0,
        escalations,
        figures: Default::default(),
        proof: Default::default(),
        escalated: Vec::new(),
        ignored: Vec::new(),
    };
    // s01–s14 in on time, s05 with an escalation; s15 late; s16–s20 missing
    let mut subs = BTreeMap::new();
    for k in 1..=14 {
        let id = format!("s{k:02}");
        subs.insert(id.clone(), sub(&id, "17:00", u32::from(k == 5)));
    }
    subs.insert("s15".into(), sub("s15", "19:00", 0));
    let (rows, overdue) = street::status(&st, &subs, day, day.at(20, 0, 0, 0));
    let mut m = StreetMap::new(Lang::En, ColorMode::None, day, rows);
    m.overdue = overdue;
    m.street(&st);
    m.choose_first();
    let _ = root;
    // missing past the deadline, then late, then with an escalation, then the rest as listed
    let mut wanted = vec!["s16", "s17", "s18", "s19", "s20", "s15", "s05"];
    wanted.extend(["s01", "s02", "s03", "s04"]);
    for (w, h) in [(80, 24), (60, 16), (100, 40)] {
        m.resize(w, h);
        let text = buffer_text(&draw(&m));
        let shown: Vec<&str> = text
            .lines()
            .filter_map(|l| {
                l.split_whitespace()
                    .find(|t| t.len() == 3 && t.starts_with('s') && t[1..].parse::<u8>().is_ok())
            })
            .collect();
        assert!(shown.len() >= 4, "{w}x{h}\n{text}");
        let n = shown.len().min(wanted.len());
        assert_eq!(shown[..n], wanted[..n], "{w}x{h}\n{text}");
    }
    assert_eq!(m.chosen().map(|s| s.row.id.as_str()), Some("s16"));
    // by name: Station 01 first; again, attention first
    m.resize(80, 24);
    m.key(key(KeyCode::Char('n')));
    assert_eq!(
        m.chosen().map(|s| s.row.id.as_str()),
        Some("s16"),
        "the same chosen"
    );
    m.key(key(KeyCode::Char('g')));
    let text = buffer_text(&draw(&m));
    let first = text.lines().position(|l| l.contains("Station 01"));
    assert!(
        first.is_some() && first < text.lines().position(|l| l.contains("Station 02")),
        "{text}"
    );
    assert!(text.contains(" n by name"), "the key hint: {text}");
    m.key(key(KeyCode::Char('n')));
    m.key(key(KeyCode::Char('?')));
    let help = buffer_text(&draw(&m));
    assert!(
        help.contains("n             by name") || help.contains(" n "),
        "{help}"
    );
    assert!(
        help.contains("Needing attention first: missing, late, to escalate."),
        "{help}"
    );
}

/// Issue 30.9: a station whose folder is not in this clone is shown as such, and Enter on it
/// says why on the notice line instead of opening (or quitting) anything.
#[test]
fn a_station_without_its_folder_is_shown_and_enter_never_quits_over_it() {
    let mut m = fixture(Lang::En, ColorMode::None);
    let why = loupan::core::i18n::Text::same("stations/s3: no such folder".to_string());
    m.listed(2, Err(why));
    m.choose("s3");
    assert_eq!(m.key(KeyEvent::from(KeyCode::Enter)), None);
    let (said, _) = m.notice.clone().expect("a notice");
    assert!(said.en.starts_with("s3: stations/s3"), "{}", said.en);
    let text = buffer_text(&draw(&m));
    let east = text.lines().find(|l| l.contains("East")).unwrap();
    assert!(east.contains("folder missing"), "{east}");
    // another station still opens
    m.choose("s1");
    assert_eq!(
        m.key(KeyEvent::from(KeyCode::Enter)),
        Some(Choice::Open("s1".into()))
    );
}
