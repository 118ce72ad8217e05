//! The command line on temporary directories: every command, every bad input, and the file's bytes
//! after each failed edit.

mod common;
use common::*;

fn write(path: &std::path::Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

const HEAD: &str = "name = \"x\"\nfloors = 2\nunits-per-floor = 2\n[units]\n";

#[test]
fn new_set_show_stats_render() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 3, 4);
    ok(
        &d,
        &[
            "set",
            "tower",
            "203",
            "isolating",
            "--since",
            "2020-02-10",
            "--people",
            "3",
            "--note",
            "每日电话随访",
        ],
    );
    let u = unit_json(&d, "tower", "203");
    assert_eq!(u["status"], "isolating");
    assert_eq!(u["since"], "2020-02-10");
    assert_eq!(u["people"], 3);
    assert_eq!(u["floor"], "2");
    assert_eq!(u["note"], "每日电话随访");
    ok(&d, &["set", "tow", "101", "已复工", "--live-work"]);
    let s: serde_json::Value =
        serde_json::from_str(&ok(&d, &["stats", "--format", "json"])).unwrap();
    assert_eq!(s["total"]["units"], 12);
    assert_eq!(s["total"]["isolating"], 1);
    assert_eq!(s["total"]["resumed"], 1);
    assert_eq!(s["total"]["live-work"], 1);
    assert_eq!(s["total"]["unknown"], 10);
    assert_eq!(s["buildings"][0]["id"], "tower");
    let csv = ok(&d, &["stats", "--format", "csv"]);
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("tower,tower,12,0,1,0,1,0,10,1"),
        "{csv}"
    );
    let table = ok(&d, &["stats"]);
    assert!(table.contains("total") && table.contains("isolating"));
    let plain = ok(&d, &["render", "tower", "--color", "never"]);
    assert!(
        plain.contains("X203") && plain.contains("+101*") && !plain.contains('\x1b'),
        "{plain}"
    );
    let colour = ok(&d, &["render", "tower", "--color", "always"]);
    assert!(colour.contains("\x1b[1;42;30m+101*"), "{colour}");
    let all: serde_json::Value =
        serde_json::from_str(&ok(&d, &["show", "tower", "--json"])).unwrap();
    assert_eq!(all["units"].as_array().unwrap().len(), 12);
    assert_eq!(all["units"][0]["unit"], "301");
}

#[test]
fn clearing_a_field_and_checked_today() {
    let (_t, d) = data_dir();
    new_building(&d, "t", 1, 2);
    ok(
        &d,
        &[
            "set",
            "t",
            "101",
            "healthy",
            "--note",
            "x",
            "--checked",
            "today",
        ],
    );
    assert!(unit_json(&d, "t", "101")["checked"].is_string());
    ok(&d, &["set", "t", "101", "--note", ""]);
    assert!(unit_json(&d, "t", "101").get("note").is_none());
}

#[test]
fn check_names_file_line_and_column_for_each_problem() {
    let (_t, d) = data_dir();
    let cases: &[(&str, &str, &str)] = &[
        (
            "typo",
            "101 = { status = \"isolatng\" }\n",
            "5:18: unit 101: unknown status \"isolatng\"; did you mean \"isolating\"",
        ),
        ("syntax", "101 = { status = \n", "5:"),
        (
            "twice",
            "101 = { status = \"vacant\" }\n101 = { status = \"vacant\" }\n",
            "6:1: this key is already set above",
        ),
        (
            "outside",
            "901 = { status = \"vacant\" }\n",
            "5:1: unit 901 is not in this building's layout",
        ),
        (
            "date",
            "101 = { status = \"isolating\", since = 2020-02-30 }\n",
            "5:",
        ),
        (
            "negative",
            "101 = { status = \"healthy\", people = -1 }\n",
            "cannot be negative",
        ),
        (
            "conflict",
            "<<<<<<< ours\n101 = { status = \"resumed\" }\n=======\n101 = { status = \"vacant\" }\n>>>>>>> theirs\n",
            "5:1: unresolved git merge conflict",
        ),
    ];
    for (id, body, _) in cases {
        write(&d.join(format!("{id}.toml")), &format!("{HEAD}{body}"));
    }
    write(&d.join("empty.toml"), "");
    std::fs::write(d.join("binary.toml"), [0u8, 159, 146, 150]).unwrap();
    let o = loupan(&d, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for (id, _, want) in cases {
        let line = out
            .lines()
            .find(|l| l.contains(&format!("{id}.toml:")))
            .unwrap_or_else(|| panic!("no problem for {id}: {out}"));
        assert!(line.contains(want), "{id}: {line}");
    }
    assert!(out.contains("empty.toml:1:1: the file is empty"), "{out}");
    assert!(
        out.contains("binary.toml:1:1: this is not a text file"),
        "{out}"
    );
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn failed_edits_leave_every_byte() {
    let (_t, d) = data_dir();
    let good = new_building(&d, "good", 2, 2);
    let broken = d.join("broken.toml");
    write(
        &broken,
        "name = \"坏楼\"\nfloors = 3\n[units]\n\"101\" = { status = \n",
    );
    let before_good = std::fs::read(&good).unwrap();
    let before_broken = std::fs::read(&broken).unwrap();
    let attempts: &[&[&str]] = &[
        &["set", "broken", "101", "vacant"],
        &["set", "good", "101", "recovered"],
        &["set", "good", "999", "vacant"],
        &["set", "good", "101", "vacant", "--people", "-3"],
        &["set", "good", "101", "isolating", "--since", "2020-02-30"],
        &["set", "good", "101"],
        &["set", "../buildings/good", "101", "vacant"],
        &["set", "nosuch", "101", "vacant"],
    ];
    for a in attempts {
        let o = loupan(&d, a);
        assert!(!o.status.success(), "{a:?} should fail");
        let expected: &[i32] = if a[1] == "broken" { &[6] } else { &[1, 2] };
        assert!(
            o.status.code().is_some_and(|c| expected.contains(&c)),
            "{a:?}: {:?}",
            o.status
        );
        assert!(!stderr(&o).contains("panicked"), "{a:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{a:?} says nothing");
        assert_eq!(
            std::fs::read(&good).unwrap(),
            before_good,
            "{a:?} changed good.toml"
        );
        assert_eq!(
            std::fs::read(&broken).unwrap(),
            before_broken,
            "{a:?} changed broken.toml"
        );
    }
    let o = loupan(&d, &["set", "good", "101", "recovered"]);
    assert!(
        stderr(&o).contains("healthy"),
        "valid statuses listed: {}",
        stderr(&o)
    );
    // a broken file does not stop the others from being counted
    let o = loupan(&d, &["stats", "--format", "json"]);
    assert!(stderr(&o).contains("broken.toml:4:"), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(s["total"]["units"], 4);
}

/// docs/exit-codes.md, code by code where a data directory alone can show it (3, 4 and 5 are
/// sync's: tests/sync.rs), and the man page's table.
#[test]
fn every_exit_code_is_the_documented_one() {
    let (_t, d) = data_dir();
    new_building(&d, "good", 2, 2);
    assert_eq!(loupan(&d, &["stats"]).status.code(), Some(0));
    assert_eq!(loupan(&d, &["frobnicate"]).status.code(), Some(2));
    let o = loupan(&d, &["today", "--date", "2020-02-30"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a date that is not one: {}",
        stderr(&o)
    );
    write(
        &d.join("broken.toml"),
        "name = \"坏楼\"\nfloors = 3\n[units]\n\"101\" = { status = \n",
    );
    let o = loupan(&d, &["check"]);
    assert_eq!(o.status.code(), Some(1), "a problem found: {}", stderr(&o));
    let o = loupan(&d, &["set", "broken", "101", "vacant"]);
    assert_eq!(o.status.code(), Some(6), "unreadable: {}", stderr(&o));
    // a unit the building does not have: the command line reads, the data lacks it — 1, as the
    // table says, by every command that takes a unit
    for args in [
        &["set", "good", "909", "vacant"][..],
        &["show", "good", "909"],
        &["follow-up", "good", "909", "well"],
        &["company", "add", "good", "909", "甲公司"],
        &["follow-up", "good", "909", "inspected"],
    ] {
        let o = loupan(&d, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("909"), "{args:?}: {}", stderr(&o));
    }
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/exit-codes.md"),
    )
    .unwrap();
    let row = |code: &str| {
        doc.lines()
            .find(|l| l.starts_with(&format!("| {code} |")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        row("1").contains("a unit the building does not have"),
        "{doc}"
    );
    assert!(!row("2").contains("unit"), "{doc}");
    assert!(stderr(&o).contains("broken.toml"), "{}", stderr(&o));
    let man = stdout(&loupan(&d, &["--lang", "en", "man"]));
    let section = man
        .split(".SH \"EXIT STATUS\"")
        .nth(1)
        .expect("an EXIT STATUS section");
    for code in 0..=6 {
        assert!(
            section.contains(&format!("\\fB{code}\\fR")),
            "code {code}: {section}"
        );
    }
    assert!(section.contains("nothing is lost"), "{section}");
}

#[test]
fn ids_cannot_escape_and_usage_errors_exit_2() {
    let (t, d) = data_dir();
    let o = loupan(
        &d,
        &[
            "new", "../evil", "--name", "x", "--floors", "1", "--units", "1",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!t.path().join("evil.toml").exists());
    assert_eq!(loupan(&d, &["frobnicate"]).status.code(), Some(2));
    assert_eq!(loupan(&d, &["set"]).status.code(), Some(2));
    assert_eq!(
        loupan(&d, &["stats", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(loupan(&d, &["--help"]).status.code(), Some(0));
    for sub in [
        "check",
        "stats",
        "render",
        "show",
        "set",
        "new",
        "fmt",
        "init",
        "merge-driver",
        "diff",
        "log",
    ] {
        let o = loupan(&d, &[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub} --help");
        assert!(stdout(&o).contains("Usage"), "{sub}");
    }
}

#[test]
fn fmt_canonicalises_and_keeps_comments() {
    let (_t, d) = data_dir();
    let p = d.join("hand.toml");
    write(
        &p,
        "# 手写的楼\nname = \"手写\"\nfloors = \"B1, 1-2\"\nunits-per-floor = 2\n[floor]\nB1 = [\"P1\"]\n[units]\n# first floor\n101 = {status=\"healthy\" , name = \"王\"} # phoned\n202 = { status = \"vacant\" }\n",
    );
    let o = loupan(&d, &["fmt", "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("hand.toml"));
    ok(&d, &["fmt"]);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.starts_with("# 手写的楼\n"), "{text}");
    assert!(
        text.contains("# first floor\n101 = { status = \"healthy\", name = \"王\" } # phoned\n"),
        "{text}"
    );
    let order: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("status"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(order, ["201", "202", "101", "102", "P1"]);
    ok(&d, &["fmt", "--check"]);
    ok(&d, &["check"]);
}

#[test]
fn data_dir_from_env_and_default() {
    let (t, d) = data_dir();
    new_building(&d, "envtower", 1, 1);
    let o = std::process::Command::new(bin())
        .args(["stats", "--format", "json"])
        .env("LOUPAN_DIR", &d)
        .env("LOUPAN_CONFIG", "/nonexistent")
        .output()
        .unwrap();
    assert!(stdout(&o).contains("envtower"));
    let o = std::process::Command::new(bin())
        .args(["stats", "--format", "json"])
        .current_dir(t.path())
        .env_remove("LOUPAN_DIR")
        .env("LOUPAN_CONFIG", "/nonexistent")
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("envtower"),
        "./buildings is the default"
    );
    let cfg = t.path().join("config.toml");
    write(&cfg, &format!("data-dir = {:?}\n", d.display().to_string()));
    let o = std::process::Command::new(bin())
        .args(["stats", "--format", "json"])
        .current_dir("/")
        .env_remove("LOUPAN_DIR")
        .env("LOUPAN_CONFIG", &cfg)
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("envtower"),
        "config data-dir: {}",
        stderr(&o)
    );
}

#[test]
fn symlinked_file_stays_a_link_and_mode_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    let (t, d) = data_dir();
    let real = t.path().join("real.toml");
    std::fs::write(&real, codec_text()).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o664)).unwrap();
    std::os::unix::fs::symlink(&real, d.join("linked.toml")).unwrap();
    ok(&d, &["set", "linked", "101", "vacant"]);
    assert!(
        std::fs::symlink_metadata(d.join("linked.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().contains("vacant"));
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o664
    );
    assert!(temp_files(&d).is_empty() && temp_files(t.path()).is_empty());
    // the lock lives beside the real file, so every link to it shares one lock
    let ignore = std::fs::read_to_string(t.path().join(".gitignore")).unwrap();
    assert!(ignore.contains(".*.lock"));
}

fn codec_text() -> String {
    loupan::core::codec::new_building_text("link", 1, 2)
}

#[test]
fn a_unit_without_a_line_gets_one() {
    let (_t, d) = data_dir();
    let p = d.join("hand.toml");
    write(
        &p,
        "name = \"手写\"\nfloors = 1\nunits-per-floor = 3\n\n[units]\n101 = { status = \"healthy\" } # 王\n",
    );
    ok(&d, &["set", "hand", "103", "vacant"]);
    ok(
        &d,
        &["set", "hand", "101", "isolating", "--since", "2020-02-10"],
    );
    let text = std::fs::read_to_string(&p).unwrap();
    assert_eq!(
        text,
        "name = \"手写\"\nfloors = 1\nunits-per-floor = 3\n\n[units]\n101 = { status = \"isolating\", since = 2020-02-10 } # 王\n\n103 = { status = \"vacant\" }\n"
    );
    assert_eq!(status_of(&d, "hand", "102"), "unknown");
    ok(&d, &["fmt"]);
    let order: Vec<String> = std::fs::read_to_string(&p)
        .unwrap()
        .lines()
        .filter(|l| l.contains("status"))
        .map(|l| l[..3].to_string())
        .collect();
    assert_eq!(order, ["101", "102", "103"]);
}

#[test]
fn mistakes_are_told_in_plain_words_and_change_nothing() {
    let (_t, d) = data_dir();
    let p = new_building(&d, "tower", 2, 2);
    let before = std::fs::read(&p).unwrap();
    for (args, want) in [
        (
            &[
                "set",
                "tower",
                "201",
                "--since",
                "2026-11-20",
                "--until",
                "2026-11-01",
            ][..],
            "unit 201: the end date 2026-11-01 is before the start date 2026-11-20",
        ),
        (
            &["set", "tower", "201", "--since", "2026-12-32"],
            "not a real date: month 12 of 2026 has 31 days",
        ),
        (
            &["set", "tower", "201", "--people", "x"],
            "people must be a whole number, e.g. 3",
        ),
        (
            &["set", "tower", "201", "--since", "next week"],
            "write 2026-12-13, today, tomorrow, +14 or -3",
        ),
    ] {
        let o = loupan(&d, args);
        assert_eq!(
            o.status.code(),
            Some(2),
            "a value that is not one: {args:?}"
        );
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("internal"), "{}", stderr(&o));
        assert_eq!(
            std::fs::read(&p).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
    // dates as people say them
    ok(
        &d,
        &[
            "set",
            "tower",
            "201",
            "isolating",
            "--since",
            "今天",
            "--until",
            "+14",
        ],
    );
    let u = unit_json(&d, "tower", "201");
    let today = jiff::ZonedDateTime::now().date();
    assert_eq!(u["since"], today.to_string());
    // docs/spec.md §6: +14 counts 14 days from the start, its first day being day 1
    assert_eq!(
        u["until"],
        today
            .checked_add(jiff::Span::new().days(13))
            .unwrap()
            .to_string()
    );
}

#[test]
fn a_building_is_named_by_its_name_or_a_unique_part_of_it() {
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new",
            "haigang",
            "--name",
            "海港大厦",
            "--floors",
            "2",
            "--units",
            "2",
        ],
    );
    ok(
        &d,
        &[
            "new",
            "heping1",
            "--name",
            "和平国际1号",
            "--floors",
            "1",
            "--units",
            "1",
        ],
    );
    ok(
        &d,
        &[
            "new",
            "heping2",
            "--name",
            "和平国际2号",
            "--floors",
            "1",
            "--units",
            "1",
        ],
    );
    assert!(ok(&d, &["render", "海港大厦", "--color", "never"]).starts_with("海港大厦 (haigang)"));
    assert!(ok(&d, &["render", "海港", "--color", "never"]).starts_with("海港大厦 (haigang)"));
    ok(&d, &["set", "和平国际2号", "101", "vacant"]);
    assert_eq!(status_of(&d, "heping2", "101"), "vacant");
    let o = loupan(&d, &["render", "和平"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("heping1 (和平国际1号)")
            && stderr(&o).contains("heping2 (和平国际2号)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    let (_t, d) = data_dir();
    ok(
        &d,
        &[
            "new", "big", "--name", "大楼", "--floors", "99", "--units", "99",
        ],
    );
    let mut child = std::process::Command::new(bin())
        .args(["--dir"])
        .arg(&d)
        .args(["show", "big", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // like `| head`
    let out = child.wait_with_output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn setting_vacant_says_what_the_household_left_behind() {
    let (_t, d) = data_dir();
    new_building(&d, "t", 1, 1);
    ok(
        &d,
        &[
            "set", "t", "101", "healthy", "--name", "王家", "--people", "3",
        ],
    );
    let o = loupan(&d, &["set", "t", "101", "vacant"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("still lists its name, people"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        unit_json(&d, "t", "101")["name"],
        "王家",
        "nothing is cleared unasked"
    );
    let o = loupan(&d, &["--lang", "zh", "set", "t", "101", "空置"]);
    assert!(stderr(&o).is_empty(), "already vacant: no news");
}

#[test]
fn a_missing_git_identity_is_explained_with_what_to_do() {
    let (t, d) = data_dir();
    new_building(&d, "t", 1, 1);
    git_ok(t.path(), &["init", "-q", "-b", "main"]);
    // no usable name for this repository, whatever the machine's global config says
    git_ok(t.path(), &["config", "user.name", ""]);
    git_ok(t.path(), &["config", "user.useConfigOnly", "true"]);
    for lang in [loupan::core::i18n::Lang::En, loupan::core::i18n::Lang::Zh] {
        let e = station(&d).commit("start").unwrap_err();
        let said = e.get(lang);
        assert!(said.contains("git config --global user.name"), "{said}");
        assert!(
            !said.contains("Ple") || said.contains("Please"),
            "never cut off: {said}"
        );
    }
}

#[test]
fn a_chinese_locale_is_enough() {
    let (_t, d) = data_dir();
    new_building(&d, "t", 1, 1);
    let o = std::process::Command::new(bin())
        .arg("--dir")
        .arg(&d)
        .args(["set", "t", "101", "--people", "x"])
        .env("LOUPAN_CONFIG", "/nonexistent")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(stderr(&o).contains("人数请填写整数"), "{}", stderr(&o));
}

/// `--until +14` counts from the start (given, or the unit's own), as the status key's 14 days.
#[test]
fn until_plus_n_counts_from_the_start() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    ok(
        &d,
        &[
            "set",
            "tower",
            "101",
            "isolating",
            "--since",
            "2026-12-01",
            "--until",
            "+14",
        ],
    );
    let u = unit_json(&d, "tower", "101");
    assert_eq!(
        (u["since"].as_str(), u["until"].as_str()),
        (Some("2026-12-01"), Some("2026-12-14"))
    );
    ok(&d, &["set", "tower", "101", "--until", "+7"]);
    assert_eq!(unit_json(&d, "tower", "101")["until"], "2026-12-07");
}

#[test]
fn inside_the_buildings_folder_it_is_the_data_directory() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("buildings");
    std::fs::create_dir(&d).unwrap();
    new_building(&d, "tower", 2, 2);
    let out = lp_ok(&d, &["stats", "--format", "json"]);
    assert!(out.contains("tower"), "{out}");
    // a folder of that name holding its own `buildings` keeps the usual meaning
    let nested = d.join("buildings");
    std::fs::create_dir(&nested).unwrap();
    let out = lp_ok(&d, &["stats", "--format", "json"]);
    assert!(!out.contains("tower"), "{out}");
}
