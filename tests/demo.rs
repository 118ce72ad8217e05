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
fn the_sample_demo_is_the_shipped_sample_moved_to_today() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("样例");
    let (code, said, err) = cli(tmp.path(), &["demo", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(said.contains("8 buildings"), "{said}");
    // the shipped sample, its dates moved so that the day it was written is yesterday
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings");
    let written: jiff::civil::Date = std::fs::read_to_string(src.join(".sample"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let yesterday = loupan::store::today().yesterday().unwrap();
    let shift = |s: &str| loupan::core::redate::shift(s, written, yesterday);
    let shipped: BTreeMap<String, Vec<u8>> = tree(&src)
        .into_iter()
        .filter(|(n, _)| n != ".sample")
        .map(|(n, t)| {
            (
                shift(&n),
                shift(&String::from_utf8(t).unwrap()).into_bytes(),
            )
        })
        .collect();
    assert_eq!(
        tree(&out)
            .keys()
            // what migrating adds beside the sample's files: the private store, its locks and ignores
            .filter(|n| {
                !n.starts_with(".private/")
                    && !n.starts_with("ledgers/")
                    && !n.ends_with(".lock")
                    && *n != "journal/.gitignore"
            })
            .collect::<Vec<_>>(),
        shipped.keys().collect::<Vec<_>>(),
        "the embedded sample must be the buildings/ folder: add new files to cli/demo.rs SAMPLE"
    );
    // and its personal values moved into the private store, as `loupan migrate` moves them, so a
    // sync of the demo sends none
    let expected = tmp.path().join("expected");
    for (n, t) in &shipped {
        let p = expected.join(n);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, t).unwrap();
    }
    let today = loupan::store::today();
    for n in shipped
        .keys()
        .filter(|n| !n.contains('/') && n.ends_with(".toml"))
    {
        loupan::store::private::migrate::building(&expected, n.trim_end_matches(".toml"), today)
            .unwrap();
    }
    loupan::store::private::migrate::journal(&expected).unwrap();
    let mut got = tree(&out);
    got.retain(|n, _| !n.starts_with("ledgers/"));
    let want = tree(&expected);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (n, t) in &want {
        assert!(got[n] == *t, "{n} differs from buildings/ migrated");
    }
    assert!(
        !String::from_utf8_lossy(&got["haigang.toml"]).contains("13847374369"),
        "no phone number in a shared file"
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

/// loupan run in `cwd` with no `--dir` (and no `$LOUPAN_DIR` or config naming one), in Chinese.
fn here(cwd: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(bin())
        .current_dir(cwd)
        .args(["--lang", "zh"])
        .args(args)
        .env_remove("LOUPAN_DIR")
        .env("LOUPAN_CONFIG", "/nonexistent/loupan-test-config.toml")
        .output()
        .expect("run loupan")
}

#[test]
fn inside_any_folder_of_building_files_no_dir_is_needed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("我的楼");
    ok(tmp.path(), &["demo", "--out", data.to_str().unwrap()]);
    let o = here(&data, &["stats", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(stats["buildings"].as_array().map(Vec::len), Some(8));
    // a folder holding other TOML (a Rust project's Cargo.toml) is not taken for data
    let other = tmp.path().join("project");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    assert_ne!(here(&other, &["stats"]).status.code(), Some(0));
}

#[test]
fn outside_a_data_folder_the_message_names_the_nearest_and_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("站点").join("data");
    ok(tmp.path(), &["demo", "--out", data.to_str().unwrap()]);
    // above it: the folder below is named
    let o = here(tmp.path(), &["stats"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("站点/data") && err.contains("--dir"),
        "the nearest data folder and the flag: {err}"
    );
    // below it (its journal folder): the folder above is named
    let o = here(&data.join("journal"), &["stats"]);
    let err = stderr(&o);
    assert!(err.contains("`loupan --dir ..`"), "{err}");
    // nothing near: how to get data
    let empty = tempfile::tempdir().unwrap();
    let err = stderr(&here(empty.path(), &["stats"]));
    assert!(err.contains("--dir") && err.contains("demo"), "{err}");
    assert!(!err.contains("not found"), "{err}");
}

/// Every date written in the files under `dir` (outside quoted text), with the key it is the
/// value of.
fn dates_in(dir: &Path) -> Vec<(String, jiff::civil::Date)> {
    let found = std::cell::RefCell::new(Vec::new());
    for (name, bytes) in tree(dir) {
        if name.ends_with(".toml") {
            let text = String::from_utf8(bytes).unwrap();
            loupan::core::redate::redate(&text, &|d, key| {
                found.borrow_mut().push((key.to_string(), d));
                d
            });
        }
    }
    found.into_inner()
}

#[test]
fn every_demo_is_dated_as_of_today_and_counts_as_stats_does() {
    let today = real_today();
    for (preset, history) in [
        ("sample", None),
        ("district", None),
        ("district", Some("3")),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("demo");
        let mut args = vec!["demo", "--preset", preset, "--out", out.to_str().unwrap()];
        args.extend(history.iter().flat_map(|h| ["--history", *h]));
        let said = ok(tmp.path(), &args);
        let dates = dates_in(&out);
        assert!(dates.len() > 50, "{preset}: {} dates", dates.len());
        // an isolation's planned last day may be ahead; nothing else is
        for (key, d) in dates.iter().filter(|(k, _)| k != "until") {
            assert!(*d <= today && *d >= ago(40), "{preset}: {key} = {d}");
        }
        // an isolation under way, a few past their 14 days, none by years
        let since: Vec<_> = dates.iter().filter(|(k, _)| k == "since").collect();
        assert!(!since.is_empty(), "{preset}");
        let recent = since.iter().filter(|(_, d)| *d > ago(14)).count();
        assert!(
            recent * 2 > since.len(),
            "{preset}: {recent} of {}",
            since.len()
        );
        let stats: serde_json::Value =
            serde_json::from_str(&ok(&out, &["stats", "--format", "json"])).unwrap();
        let units = stats["total"]["units"].as_u64().unwrap();
        assert!(
            said.contains(&format!(" {units} units")),
            "{preset}: demo said {said:?}, stats counts {units}"
        );
    }
}

#[test]
fn the_sample_journal_ends_yesterday() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("demo");
    ok(tmp.path(), &["demo", "--out", out.to_str().unwrap()]);
    let mut days: Vec<String> = std::fs::read_dir(out.join("journal"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    days.sort();
    assert_eq!(
        days.last().unwrap(),
        &format!("{}.toml", ago(1)),
        "{days:?}"
    );
}

#[test]
fn the_street_demo_reported_before_now() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("street");
    ok(
        tmp.path(),
        &["demo", "--preset", "street", "--out", out.to_str().unwrap()],
    );
    let now = jiff::Timestamp::now()
        .in_tz(loupan::core::street::TIMEZONE)
        .unwrap()
        .datetime();
    let reports = out.join("reports").join(street_today().to_string());
    let mut n = 0;
    for e in std::fs::read_dir(&reports).unwrap().flatten() {
        let s =
            loupan::core::street::Submission::parse(&std::fs::read_to_string(e.path()).unwrap())
                .unwrap();
        let (h, m) = s.at.split_once(':').unwrap();
        let at = street_today().at(h.parse().unwrap(), m.parse().unwrap(), 0, 0);
        assert!(
            at <= now,
            "{} reported at {} while it is {now}",
            s.station,
            s.at
        );
        n += 1;
    }
    assert_eq!(n, 17);
}

#[test]
fn the_checked_in_sample_opens_as_a_copy_dated_today() {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings");
    let shipped = tmp.path().join("buildings");
    for sub in ["", "journal"] {
        std::fs::create_dir_all(shipped.join(sub)).unwrap();
        for e in std::fs::read_dir(src.join(sub)).unwrap().flatten() {
            if e.path().is_file() {
                std::fs::copy(e.path(), shipped.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    let before = tree(&shipped);
    // a command alone never makes the copy (tests and scripts write nothing beside a checkout)
    let o = here(tmp.path(), &["stats", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!tmp.path().join("sample-today").exists());
    // the map makes it (`cargo run --release`); then commands read it
    loupan::store::sample::current(&shipped, loupan::store::today()).unwrap();
    let o = here(tmp.path(), &["stats", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        tree(&shipped),
        before,
        "the checked-in sample is never rewritten"
    );
    let copy = tmp.path().join("sample-today");
    assert!(
        copy.join("journal")
            .join(format!("{}.toml", ago(1)))
            .is_file()
    );
    for (key, d) in dates_in(&copy).into_iter().filter(|(k, _)| k != "until") {
        assert!(d <= real_today() && d >= ago(40), "{key} = {d}");
    }
    // what was practised on the copy stays (it is moved, not made again)
    ok(&copy, &["set", "haigang", "1106", "vacant"]);
    let o = here(tmp.path(), &["show", "haigang", "1106"]);
    assert!(stdout(&o).contains("空置"), "{}", stdout(&o));
}

/// Every preset with companies and households writes `ledgers/` beside its buildings — a property
/// ledger, a company ledger and a card list whose rows find its units — and writes every building
/// in the form `fmt` keeps: `fmt --check` passes, `fmt` changes nothing, and after `fmt` of a file
/// put out of form, `fmt --check` passes again.
#[test]
fn every_demo_has_its_ledgers_and_is_in_canonical_form() {
    // the city is the district's code at 2,000 towers (too slow for a debug test)
    for preset in ["sample", "district"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("demo");
        let said = ok(
            tmp.path(),
            &["demo", "--preset", preset, "--out", out.to_str().unwrap()],
        );
        assert!(said.contains("ledgers"), "{preset}: {said}");
        for (ledger, args) in [
            ("物业底账.xlsx", &["import"][..]),
            ("企业台账.csv", &["import"]),
            ("门禁卡.csv", &["crosscheck"]),
        ] {
            let path = out.join("ledgers").join(ledger);
            assert!(path.is_file(), "{preset}: {}", path.display());
            let path = path.to_str().unwrap();
            let mut args = args.to_vec();
            args.push(path);
            let o = loupan(&out, &args);
            assert!(
                matches!(o.status.code(), Some(0 | 1)) && !stdout(&o).trim().is_empty(),
                "{preset}: {args:?} exited {:?}\n{}\n{}",
                o.status.code(),
                stdout(&o),
                stderr(&o)
            );
            assert!(
                !stderr(&o).contains("refused") && !stdout(&o).contains("not found"),
                "{preset}: {args:?}\n{}{}",
                stdout(&o),
                stderr(&o)
            );
        }
        let xlsx = out.join("ledgers/物业底账.xlsx");
        let o = loupan(&out, &["import", xlsx.to_str().unwrap(), "--apply"]);
        assert_eq!(o.status.code(), Some(0), "{preset}: {}", stderr(&o));
        let o = loupan(&out, &["fmt", "--check"]);
        assert_eq!(o.status.code(), Some(0), "{preset}: {}", stdout(&o));
        assert_eq!(ok(&out, &["fmt"]), "", "{preset}: fmt changes nothing");
        // put one file out of form; fmt and fmt --check agree about it
        let ids = loupan::store::Station::open(out.clone(), Default::default())
            .ids()
            .unwrap();
        let p = out.join(format!("{}.toml", ids[0]));
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(
            &p,
            text.replacen(" = { ", " = {", 3)
                .replacen("\n[units]\n", "\n[units]\n\n", 1),
        )
        .unwrap();
        assert_eq!(
            loupan(&out, &["fmt", "--check"]).status.code(),
            Some(1),
            "{preset}"
        );
        assert!(ok(&out, &["fmt"]).contains(&*ids[0]), "{preset}");
        let o = loupan(&out, &["fmt", "--check"]);
        assert_eq!(o.status.code(), Some(0), "{preset}: {}", stdout(&o));
    }
}

/// The street's stations are written in the form `fmt` keeps, too.
#[test]
fn the_street_demo_is_in_canonical_form() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("street");
    ok(
        tmp.path(),
        &["demo", "--preset", "street", "--out", out.to_str().unwrap()],
    );
    let stations: Vec<_> = std::fs::read_dir(out.join("stations"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(!stations.is_empty());
    for s in stations.iter().take(3) {
        let o = loupan(s, &["fmt", "--check"]);
        assert_eq!(o.status.code(), Some(0), "{}: {}", s.display(), stdout(&o));
    }
}
