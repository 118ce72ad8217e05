//! What a new user reaches for before any data of their own: `demo` writes a data set from the
//! binary alone, `completions` and `man` give the shell and the manual what they expect.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` (but `.git`), by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    files
}

#[test]
fn the_sample_demo_is_the_shipped_sample_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("样例");
    let (code, said, err) = cli(tmp.path(), &["demo", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(said.contains("8 buildings"), "{said}");
    let shipped = tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings"));
    assert_eq!(
        tree(&out).keys().collect::<Vec<_>>(),
        shipped.keys().collect::<Vec<_>>(),
        "the embedded sample must be the buildings/ folder: add new files to cli/demo.rs SAMPLE"
    );
    assert!(
        tree(&out) == shipped,
        "a sample file differs from buildings/"
    );
    assert_eq!(loupan(&out, &["check"]).status.code(), Some(0));
}

#[test]
fn the_district_demo_with_history_is_a_repository_of_daily_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("district");
    let o = loupan(
        tmp.path(),
        &[
            "demo",
            "--preset",
            "district",
            "--history",
            "3",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("33 buildings"), "{}", stdout(&o));
    let commits = git_ok(&out, &["rev-list", "--count", "HEAD"]);
    assert_eq!(commits.trim(), "3");
    assert!(git_ok(&out, &["status", "--porcelain"]).trim().is_empty());
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&out, &["stats", "--format", "json"])).unwrap();
    assert_eq!(
        stats["buildings"].as_array().map(Vec::len),
        Some(33),
        "{stats}"
    );
    // the days differ: history is there to be read by trend, diff and `[`
    let first = git_ok(&out, &["rev-list", "--max-parents=0", "HEAD"]);
    let d = ok(&out, &["diff", first.trim()]);
    assert!(
        !d.trim().is_empty(),
        "three days of history changed nothing"
    );
}

#[test]
fn a_demo_never_writes_into_a_folder_that_holds_something() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("mine.toml"), "mine").unwrap();
    let (code, _, err) = cli(
        tmp.path(),
        &[
            "--lang",
            "zh",
            "demo",
            "--out",
            tmp.path().to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("已有文件") && err.contains("--out"), "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("mine.toml")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    let tmp = tempfile::tempdir().unwrap();
    for (shell, mark) in [
        ("bash", "complete -F _loupan"),
        ("zsh", "#compdef loupan"),
        ("fish", "complete -c loupan"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, script, err) = cli(tmp.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(script.contains(mark), "{shell}: no {mark:?}");
        for sub in ["follow-up", "today", "demo"] {
            assert!(script.contains(sub), "{shell} does not complete {sub}");
        }
    }
    let (code, _, _) = cli(tmp.path(), &["completions", "tcsh"]);
    assert_eq!(code, 2, "an unknown shell is a usage error");
}

#[test]
fn the_manual_page_is_roff_listing_the_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, page, err) = cli(tmp.path(), &["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        page.contains(".TH loupan 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for sub in ["import", "follow\\-up", "today", "completions"] {
        assert!(page.contains(sub), "the manual does not list {sub}");
    }
    let (code, today, _) = cli(tmp.path(), &["man", "today"]);
    assert_eq!(code, 0);
    assert!(today.contains(".TH loupan-today 1"), "{today}");
    assert!(
        today.contains("\\-\\-json"),
        "the command's page lists its options"
    );
    let (code, _, err) = cli(tmp.path(), &["man", "nosuch"]);
    assert_eq!((code, err.contains("today")), (1, true), "{err}");
    let (_, zh, _) = cli(tmp.path(), &["--lang", "zh", "man"]);
    assert!(
        zh.contains("今日工作"),
        "the Chinese manual is not in Chinese"
    );
}

/// Issue 21: the district preset is the seed's district in numbers.
#[test]
fn the_district_demo_is_the_seeds_district_in_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("district");
    let o = loupan(
        tmp.path(),
        &[
            "demo",
            "--preset",
            "district",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s: serde_json::Value =
        serde_json::from_str(&ok(&out, &["stats", "--format", "json"])).unwrap();
    let (c, t) = (&s["companies"], &s["total"]);
    assert_eq!(s["buildings"].as_array().map(Vec::len), Some(33));
    assert_eq!(c["total"], 1409, "{c}");
    let staff = c["employees"].as_u64().unwrap();
    assert!((15_000..=15_999).contains(&staff), "{staff}");
    let homes = t["healthy"].as_u64().unwrap() + t["isolating"].as_u64().unwrap();
    assert!((900..=999).contains(&homes), "{homes}");
    let report = ok(&out, &["--lang", "zh", "report"]);
    assert!(
        report.contains("楼宇 33 座，企业 1409 家（已复工 "),
        "{report}"
    );
    assert_eq!(loupan(&out, &["check"]).status.code(), Some(0));
}

/// Every figure of a report's text as (label, value): a run of Chinese characters (or `/`)
/// directly before a number. Lines of one building or one kind (`· …`) are left out: their
/// figures are that building's or that kind's.
fn figures(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('·')) {
        let (mut label, mut chars) = (String::new(), line.chars().peekable());
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() && !label.is_empty() {
                let mut n = c.to_string();
                while let Some(d) = chars.next_if(|d| d.is_ascii_digit() || *d == '.') {
                    n.push(d);
                }
                out.push((std::mem::take(&mut label), n));
            } else if c == ' ' {
            } else if c == '/' || (c > '\u{4e00}' && c < '\u{9fff}') {
                label.push(c);
            } else {
                label.clear();
            }
        }
    }
    out
}

/// Issue 33: the district's report agrees with itself — each label with one value, companies
/// counted from company records, 户 only for households — and its busiest day fits the chat group:
/// at most 60 lines, each household once, escalations by kind with at most five units named.
#[test]
fn the_district_report_agrees_with_itself_and_fits_the_chat_group() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("district");
    let args = ["demo", "--preset", "district", "--history", "3", "--out"];
    let o = loupan(tmp.path(), &[&args[..], &[out.to_str().unwrap()]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut busiest = (0, String::new(), serde_json::Value::Null);
    for n in 0..4 {
        let day = ago(n).to_string();
        let text = ok(&out, &["--lang", "zh", "report", "--date", &day]);
        let json = ok(&out, &["report", "--date", &day, "--format", "json"]);
        let j: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut seen: std::collections::BTreeMap<String, String> = Default::default();
        for (label, value) in figures(&text) {
            let was = seen.entry(label.clone()).or_insert_with(|| value.clone());
            assert_eq!(*was, value, "{label} with two values on {day}:\n{text}");
        }
        let (c, t) = (&j["companies"], &j["total"]);
        let num = |v: &serde_json::Value| v.as_u64().unwrap().to_string();
        assert_eq!(seen.get("企业"), Some(&num(&c["total"])), "{text}");
        assert_eq!(seen.get("已复工"), Some(&num(&c["resumed"])), "{text}");
        let not = c["total"].as_u64().unwrap() - c["resumed"].as_u64().unwrap();
        assert_eq!(seen.get("企业未复工"), Some(&not.to_string()), "{text}");
        assert_eq!(seen.get("单元"), Some(&num(&t["units"])), "{text}");
        let homes = t["healthy"].as_u64().unwrap() + t["isolating"].as_u64().unwrap();
        assert_eq!(seen.get("住户"), Some(&homes.to_string()), "{text}");
        assert!(
            !text.contains(&format!("{} 户", t["units"])),
            "units are 单元: {text}"
        );
        let escalated = j["escalations"].as_array().map_or(0, Vec::len);
        if escalated >= busiest.0 {
            busiest = (escalated, text, j);
        }
    }
    let (n, text, j) = busiest;
    assert!(n > 5, "the demo's busiest day has something to escalate");
    assert!(
        text.lines().count() <= 60,
        "{} lines:\n{text}",
        text.lines().count()
    );
    assert!(
        text.starts_with("【日报】"),
        "escalations are never a 零报告: {text}"
    );
    // each kind once, at most five units named, the rest counted; each unit once in the text
    let kinds: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("· ") && (l.contains("户：") || l.contains("个单元：")))
        .collect();
    assert!(!kinds.is_empty(), "{text}");
    for line in &kinds {
        assert!(line.matches('、').count() <= 4, "{line}");
    }
    let mut units: Vec<(String, String)> = j["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["building"].to_string(), e["unit"].to_string()))
        .collect();
    units.sort();
    units.dedup();
    let told: usize = kinds
        .iter()
        .filter_map(|l| l.split(' ').nth(2)?.parse::<usize>().ok())
        .sum();
    assert_eq!(told, units.len(), "each unit once, in one kind: {text}");
    for line in &kinds {
        let k = line.split(' ').nth(2).unwrap();
        if k.parse::<usize>().unwrap() > 5 {
            let what = if line.contains("个单元：") {
                "个单元"
            } else {
                "户"
            };
            assert!(line.ends_with(&format!("等 {k} {what}")), "{line}");
        }
    }
}
