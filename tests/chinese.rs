//! Every command and every screen in Chinese: no English word left in output that is not data.
//! What counts as data: building ids and unit labels of the test's own buildings, paths, flags,
//! commands in backticks, and the names of programs and formats (git, TOML, CSV…).

mod common;
use common::screen::Harness;
use common::*;
use loupan::core::i18n::Lang;
use loupan::tui::theme::ColorMode;
use std::path::Path;

/// Words that are names, not English: programs, formats, keys on the keyboard.
const NAMES: &[&str] = &[
    "loupan", "git", "TOML", "JSON", "CSV", "XLSX", "HTML", "UTF", "GBK", "HEAD", "Tab", "Enter",
    "Esc", "PgUp", "PgDn", "Home", "End", "hjkl", "zh", "en", "healthy", "table", "json", "csv",
    "auto", "always", "never", "merge", "driver", "withdraw", "OURS", "REV", "main",
    // command names and proper nouns
    "person", "temp", "hook", "SSH",
];

/// ASCII words of three letters or more that are neither data nor names.
fn english(text: &str, data: &[&str]) -> Vec<String> {
    // code spans and placeholders are quoted commands and syntax, not sentences
    let mut plain = String::new();
    let mut skip = false;
    for c in text.chars() {
        match c {
            '`' => skip = !skip,
            _ if skip => {}
            _ => plain.push(c),
        }
    }
    let mut out = Vec::new();
    for token in plain
        .split(|c: char| c.is_whitespace() || "，。：；（）、“”「」？！,;()[]<>{}=\"'|".contains(c))
    {
        // paths, flags, files, config keys, dates and hashes
        if token.contains(['/', '\\', '$', '_', '.', '@', '*']) || token.starts_with('-') {
            continue;
        }
        // a commit id (`5bef1234`)
        if token.len() >= 7 && token.chars().all(|c| c.is_ascii_hexdigit()) {
            continue;
        }
        let mut word = String::new();
        for c in token.chars().chain([' ']) {
            if c.is_ascii_alphabetic() {
                word.push(c);
                continue;
            }
            // a run of status glyphs (`oXoo` in the overview) is the chart itself
            let glyphs = word.chars().all(|c| c == 'o' || c == 'X');
            if word.len() >= 3
                && !glyphs
                && !NAMES.contains(&word.as_str())
                && !data.contains(&word.as_str())
            {
                out.push(word.clone());
            }
            word.clear();
        }
    }
    out
}

fn zh(dir: &Path, args: &[&str]) -> String {
    let mut a = vec!["--lang", "zh"];
    a.extend_from_slice(args);
    let o = loupan(dir, &a);
    format!("{}{}", stdout(&o), stderr(&o))
}

#[test]
fn the_scanner_sees_english_and_passes_data() {
    assert_eq!(
        english("单元 tower 101：未知状态 `status`", &["tower"]),
        Vec::<String>::new()
    );
    assert_eq!(english("saved 已保存", &[]), vec!["saved".to_string()]);
    assert!(english("buildings/tower.toml:5:3: 错误 --since", &[]).is_empty());
    assert!(english("2026-11-29 19:50  Station  5bef12a4  待核实", &["Station"]).is_empty());
}

#[test]
fn every_command_speaks_chinese() {
    let (t, d) = data_dir();
    // the buildings, what the user typed wrong, the git author, and command names (typed as is)
    let data = [
        "tower",
        "annex",
        // the id of the broken building, which stats names (in Chinese words) at the top
        "broken",
        "sick",
        "nosuch",
        "frobnicate",
        "xml",
        "Station",
        "check",
        "stats",
        "render",
        "show",
        "set",
        "new",
        "fmt",
        "init",
        "diff",
        "log",
        "follow",
        "up",
        "journal",
        "today",
        "gone",
        "fishing",
        "report",
        "export",
        "import",
        "crosscheck",
        "trend",
        "demo",
        "company",
        "migrate",
        "purge",
        "audit",
        "street",
        "station",
        "sync",
        "private",
        "remote",
        "completions",
        "man",
        "text",
        "html",
        "xlsx",
        "ledger",
        "cards",
        "nowhere",
    ];
    let root = t.path().to_path_buf();
    let ledger = root.join("ledger.csv").display().to_string();
    std::fs::write(
        &ledger,
        "楼宇,房号,状态,名称\ntower,301,居家隔离,王家\ntower,999,健康住户,\nnowhere,101,空置,\n",
    )
    .unwrap();
    let cards = root.join("cards.csv").display().to_string();
    std::fs::write(&cards, "序号,房间\n1,101\n").unwrap();
    let html = root.join("chart.html").display().to_string();
    let mut out = String::new();
    out += &zh(
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
    out += &zh(
        &d,
        &[
            "new", "annex", "--name", "附楼", "--floors", "2", "--units", "2",
        ],
    );
    git_init(t.path());
    for args in [
        &[
            "set",
            "tower",
            "301",
            "居家隔离",
            "--since",
            "2026-11-20",
            "--name",
            "王家",
        ][..],
        &["set", "tower", "302", "空置"],
        &[
            "set",
            "tower",
            "301",
            "--since",
            "2026-11-20",
            "--until",
            "2026-11-01",
        ],
        &["set", "tower", "301", "--since", "2026-12-32"],
        &["set", "tower", "301", "--people", "x"],
        &["set", "tower", "301", "sick"],
        &["set", "tower", "999", "空置"],
        &["set", "nosuch", "101", "空置"],
        &["set", "tower", "101"],
        &["set", "tower", "301", "空置"],
        &["check"],
        &["stats"],
        &["render", "测试大厦", "--color", "never"],
        &["show", "tower"],
        &["show", "tower", "301"],
        &["show", "tower", "999"],
        &["fmt", "--check"],
        &["fmt"],
        &["diff"],
        &["log", "tower", "301"],
        &["log", "tower", "999"],
        &["init"],
        &["follow-up", "tower", "301", "正常", "--note", "体温正常"],
        &["follow-up", "tower", "101", "无人应答", "--via", "上门"],
        &["follow-up", "tower", "101", "gone-fishing"],
        &["follow-up", "tower", "999", "正常"],
        &["journal"],
        &["journal", "--date", "-1"],
        &["today"],
        &["report"],
        &["report", "--date", "-1"],
        &["export"],
        &["export", "--format", "xlsx"],
        &["render", "tower", "--format", "html", "--out", &html],
        &["import", &ledger],
        &["import", &ledger, "--apply"],
        &["import", &cards],
        &["crosscheck", &cards],
        &["frobnicate"],
        &["stats", "--format", "xml"],
        &["set"],
        &["--help"],
    ] {
        out += &zh(&d, args);
    }
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
        "follow-up",
        "journal",
        "today",
        "report",
        "export",
        "import",
        "crosscheck",
        "trend",
    ] {
        out += &zh(&d, &[sub, "--help"]);
    }
    // a broken file and a merge conflict, explained
    std::fs::write(d.join("broken.toml"), "name = \"坏\"\nfloors = 2\nunits-per-floor = 1\n[units]\n201 = { status = \"isolatng\" }\n102 = { status = \n").unwrap();
    out += &zh(&d, &["check"]);
    out += &zh(&d, &["stats"]);
    let words = english(&out, &data);
    assert!(
        words.is_empty(),
        "English words in Chinese output: {words:?}\n\n{out}"
    );
}

#[test]
fn every_screen_speaks_chinese() {
    let data = [
        "haigang", "binjiang", "chuangye", "dongfang", "huamao", "jinxiu", "lianfeng", "xinghe",
        "main",
    ];
    let mut h = Harness::sample(Lang::Zh, ColorMode::Ansi16);
    h.app.git = Some(loupan::tui::app::GitView {
        branch: "main".into(),
        ..Default::default()
    });
    let mut out = String::new();
    for keys in [
        "",
        "?",
        "<Esc>v",
        "<Esc>/1",
        "<Esc><Esc><Enter>",
        "<Esc>o",
        "<Esc>f",
        "F2",
        "u",
        "r",
        "<Esc>5",
    ] {
        h.keys(keys);
        for (w, hgt) in [(80, 24), (120, 40)] {
            out += &h.screen(w, hgt);
        }
    }
    let words = english(&out, &data);
    assert!(
        words.is_empty(),
        "English words on Chinese screens: {words:?}\n\n{out}"
    );
}

/// The commit messages of the shared history, newest first.
fn subjects(root: &Path) -> String {
    git_ok(root, &["log", "--format=%s"])
}

/// Issue 33: `company show` and `purge` say everything in Chinese, and the commits loupan writes
/// under `--lang zh` (migrate, demo) are Chinese too.
#[test]
fn company_show_purge_and_commit_messages_speak_chinese() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 3, 4);
    git_init(t.path());
    let add = [
        "company",
        "add",
        "tower",
        "301,302",
        "甲科技",
        "--headcount",
        "10",
    ];
    ok(&d, &add);
    let shown = zh(&d, &["company", "show", "tower", "甲科技"]);
    assert!(
        shown.contains("未复工") && shown.contains("301、302"),
        "{shown}"
    );
    assert_eq!(english(&shown, &["tower"]), Vec::<String>::new(), "{shown}");
    // a household's contact and note, past retention: the dry run counts them in Chinese
    let (since, until) = (ago(60).to_string(), ago(31).to_string());
    let set = [
        "set",
        "tower",
        "201",
        "isolating",
        "--since",
        &since,
        "--until",
        &until,
    ];
    ok(
        &d,
        &[&set[..], &["--contact", "13855550210", "--note", "发烧"]].concat(),
    );
    ok(&d, &["set", "tower", "201", "healthy"]);
    let dry = zh(&d, &["purge", "--dry-run"]);
    assert!(
        dry.contains("将删除") && dry.contains("联系方式 1 个"),
        "{dry}"
    );
    assert_eq!(english(&dry, &["tower"]), Vec::<String>::new(), "{dry}");
    // migrate: the sample as written before companies and the private store
    let m = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings");
    let md = m.path().join("buildings");
    std::fs::create_dir(&md).unwrap();
    for f in std::fs::read_dir(&sample).unwrap().flatten() {
        if f.path().extension().is_some_and(|e| e == "toml") {
            std::fs::copy(f.path(), md.join(f.file_name())).unwrap();
        }
    }
    git_init(m.path());
    let o = loupan(&md, &["--lang", "zh", "migrate"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let log = subjects(m.path());
    assert!(log.lines().count() >= 2, "the migration's commits: {log}");
    assert_eq!(
        english(&log, &["migrate", "start"]),
        Vec::<String>::new(),
        "{log}"
    );
    // demo: its days' commits
    let out = t.path().join("demo");
    let o = loupan(
        t.path(),
        &[
            "--lang",
            "zh",
            "demo",
            "--preset",
            "district",
            "--history",
            "2",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let log = subjects(&out);
    assert!(log.contains("全部楼宇"), "{log}");
    assert_eq!(english(&log, &[]), Vec::<String>::new(), "{log}");
}
