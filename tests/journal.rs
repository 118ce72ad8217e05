//! The journal: append-only lines that merge in plain git (each line once), concurrent appends that lose nothing,
//! broken lines that are located and never rewritten, and a fast reader that agrees with TOML.

mod common;
use common::*;
use loupan::core::journal::{self, Entry, Outcome, Via};
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

fn follow_up(dir: &Path, unit: &str, outcome: &str, note: &str) {
    ok(dir, &["follow-up", "tower", unit, outcome, "--note", note]);
}

fn entries(dir: &Path) -> Vec<Entry> {
    let whole = station(dir).journal();
    assert!(whole.problems().is_empty(), "{:?}", whole.problems());
    whole
        .index
        .day(jiff::ZonedDateTime::now().date())
        .into_iter()
        .cloned()
        .collect()
}

#[test]
fn two_clones_logging_on_one_day_merge_in_plain_git_with_nothing_lost() {
    let t = tempfile::tempdir().unwrap();
    let origin = t.path().join("origin");
    let d = origin.join("buildings");
    new_building(&d, "tower", 3, 3);
    git_init(&origin);
    git_ok(
        &origin,
        &["config", "receive.denyCurrentBranch", "updateInstead"],
    );
    ok(&d, &["init"]);
    git_ok(&origin, &["add", "-A"]);
    git_ok(&origin, &["commit", "-qm", "init"]);
    let mut clones = Vec::new();
    for name in ["one", "two"] {
        let p = t.path().join(name);
        git_ok(
            t.path(),
            &["clone", "-q", origin.to_str().unwrap(), p.to_str().unwrap()],
        );
        git_ok(&p, &["config", "user.name", name]);
        git_ok(
            &p,
            &["config", "user.email", &format!("{name}@example.org")],
        );
        // every clone runs `loupan init` once (git does not copy the driver's config); then a
        // plain `git pull` merges the journal through loupan's driver, each line once
        ok(&p.join("buildings"), &["init"]);
        clones.push(p);
    }
    // both create today's file and add lines, the second clone twice
    follow_up(&clones[0].join("buildings"), "301", "well", "一号机");
    follow_up(&clones[1].join("buildings"), "302", "no-answer", "二号机");
    follow_up(
        &clones[1].join("buildings"),
        "303",
        "symptoms",
        "二号机又一条",
    );
    for c in &clones {
        git_ok(c, &["add", "-A"]);
        git_ok(c, &["commit", "-qm", "calls"]);
    }
    git_ok(&clones[0], &["push", "-q", "origin", "HEAD:main"]);
    let m = git(&clones[1], &["pull", "-q", "--no-rebase", "origin", "main"]);
    assert!(
        m.status.success(),
        "no conflict: {}{}",
        stdout(&m),
        stderr(&m)
    );
    let got = entries(&clones[1].join("buildings"));
    let mut units: Vec<&str> = got.iter().map(|e| &*e.unit).collect();
    units.sort();
    assert_eq!(units, ["301", "302", "303"], "every entry of both clones");
    ok(&clones[1].join("buildings"), &["check"]);
}

#[test]
fn processes_appending_at_once_lose_nothing() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    let per = 60;
    let children: Vec<_> = (0..4)
        .map(|w| {
            let d = d.clone();
            std::thread::spawn(move || {
                for i in 0..per {
                    let o = loupan(
                        &d,
                        &[
                            "follow-up",
                            "tower",
                            "101",
                            "well",
                            "--note",
                            &format!("w{w}-{i}"),
                        ],
                    );
                    assert!(o.status.success(), "{}", stderr(&o));
                }
            })
        })
        .collect();
    for c in children {
        c.join().unwrap();
    }
    let got = entries(&d);
    assert_eq!(got.len(), 4 * per, "every append kept");
    let mut notes: Vec<String> = got
        .iter()
        .filter_map(|e| e.note.as_deref().map(str::to_string))
        .collect();
    notes.sort();
    notes.dedup();
    assert_eq!(notes.len(), 4 * per, "each once");
    let text = std::fs::read_to_string(station(&d).journal_file(jiff::ZonedDateTime::now().date()))
        .unwrap();
    assert_eq!(text.lines().count(), 4 * per, "one line per entry");
}

#[test]
fn a_broken_line_is_located_and_never_rewritten() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    follow_up(&d, "101", "well", "first");
    let path = station(&d).journal_file(jiff::ZonedDateTime::now().date());
    // a hand edit breaks a line and leaves the file without a final line end
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("oops = { at = 2026-11-29T09:00:00, by = \"me\", building = \"tower\", unit = \"102\", via = \"call\", outcome = \"fine\" }\nhalf = { at = 2026-");
    std::fs::write(&path, &text).unwrap();
    let o = loupan(&d, &["--lang", "en", "check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains(":2:1: unknown outcome \"fine\""), "{out}");
    assert!(out.contains(":3:"), "the cut-off line is located: {out}");
    // appending still works, after the broken lines, which stay as they were
    follow_up(&d, "102", "no-answer", "second");
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.starts_with(&text),
        "nothing before the end was rewritten"
    );
    assert_eq!(after.lines().count(), 4, "the new entry on its own line");
    let o = loupan(&d, &["--lang", "en", "journal", "--json", "--reveal"]);
    assert_eq!(o.status.code(), Some(1), "a broken journal is said");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        2,
        "the good entries are still read"
    );
}

fn entry() -> impl Strategy<Value = Entry> {
    let text = prop_oneof![
        "[a-z王家 0-9]{0,8}",
        "[\\PC\\n\\t\\u{1b}\\u{202e}\"\\\\]{0,12}"
    ];
    (
        "[0-9a-f]{12}",
        (2020i16..2030, 1i8..13, 1i8..29, 0i8..24, 0i8..60, 0i8..60),
        text.clone(),
        text.clone(),
        text.clone(),
        0usize..3,
        0usize..6,
        proptest::option::of(text),
        proptest::option::of("[0-9a-f]{12}"),
    )
        .prop_map(
            |(id, (y, mo, d, h, mi, s), by, building, unit, via, outcome, note, withdraws)| Entry {
                id: id.as_str().into(),
                at: jiff::civil::date(y, mo, d).at(h, mi, s, 0),
                by: by.as_str().into(),
                building: building.as_str().into(),
                unit: unit.as_str().into(),
                via: Via::ALL[via],
                outcome: Outcome::ALL[outcome],
                note: note.map(|n| n.as_str().into()),
                withdraws: withdraws.map(|w| w.as_str().into()),
            },
        )
}

proptest! {
    #![proptest_config(common::seed::config(400))]

    /// The fast reader and TOML agree: on what loupan writes, and on every line a mutation makes.
    #[test]
    fn the_fast_reader_agrees_with_toml(e in entry(), cut in 0usize..400, byte in any::<u8>()) {
        let line = journal::encode(&e);
        prop_assert!(!line.contains('\n'));
        prop_assert_eq!(journal::parse_line(&line).unwrap(), Some(e.clone()));
        let toml_says = toml::from_str::<toml::Table>(&line).is_ok();
        prop_assert!(toml_says, "TOML reads what loupan writes: {}", line);
        // a changed byte: the fast reader may not accept what TOML rejects, nor read it differently
        let mut bytes = line.clone().into_bytes();
        let at = cut % bytes.len();
        bytes[at] = byte;
        if let Ok(changed) = String::from_utf8(bytes) {
            let ours = journal::parse_line(&changed);
            let toml_ok = toml::from_str::<toml::Table>(&changed).is_ok();
            if let Ok(Some(_)) = ours {
                prop_assert!(toml_ok, "read a line TOML rejects: {:?}", changed);
            }
        }
    }
}

#[test]
fn init_routes_the_journal_to_loupans_driver_and_tells() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 1, 1);
    git_init(t.path());
    // an older loupan's union line is replaced
    std::fs::write(
        d.join(".gitattributes"),
        "*.toml merge=loupan\njournal/*.toml merge=union\n",
    )
    .unwrap();
    let out = ok(&d, &["init"]);
    assert!(
        out.contains("the journal now merges through loupan's driver"),
        "{out}"
    );
    let attrs = std::fs::read_to_string(d.join(".gitattributes")).unwrap();
    assert!(!attrs.contains("merge=union"), "{attrs}");
    assert!(attrs.contains("journal/*.toml merge=loupan"), "{attrs}");
    let check = Command::new("git")
        .args([
            "check-attr",
            "merge",
            "--",
            "buildings/journal/2026-11-29.toml",
            "buildings/tower.toml",
        ])
        .current_dir(t.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        said.contains("journal/2026-11-29.toml: merge: loupan")
            && said.contains("tower.toml: merge: loupan"),
        "{said}"
    );
}

/// The journal's merge keeps every entry of both sides, each once: an entry both sides gained
/// (from a third laptop, by different roads) is not doubled, as git's union merge doubled it.
#[test]
fn the_journal_merge_never_doubles_an_entry() {
    let t = tempfile::tempdir().unwrap();
    let line = |id: &str, unit: &str| {
        format!(
            "{id} = {{ at = 2026-12-07T08:30:00, by = \"王芳\", building = \"t\", unit = \"{unit}\", via = \"call\", outcome = \"well\" }}\n"
        )
    };
    let (x, y, z) = (
        line("aaaaaaaaaaaa", "101"),
        line("bbbbbbbbbbbb", "102"),
        line("cccccccccccc", "103"),
    );
    let write = |name: &str, text: String| {
        let p = t.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let base = write("base", String::new());
    let ours = write("ours", format!("{x}{y}"));
    let theirs = write("theirs", format!("{y}{z}"));
    let o = std::process::Command::new(bin())
        .arg("merge-driver")
        .args([&base, &ours, &theirs])
        .arg("stations/s1/journal/2026-12-07.toml")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&ours).unwrap(),
        format!("{x}{y}{z}")
    );
}

/// A journal that cannot be read is a problem, never an empty day: `check` fails naming the path,
/// and `today`, `journal` and `report` say so and exit 1.
#[test]
fn a_journal_that_cannot_be_read_is_never_an_empty_day() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    // a file where the journal's folder should be
    std::fs::write(d.join("journal"), "not a folder").unwrap();
    let (code, out, _) = cli(&d, &["--lang", "en", "check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("journal:1:1:") && out.contains("folder"),
        "{out}"
    );
    for args in [&["today"][..], &["journal"], &["report"]] {
        let mut all = vec!["--lang", "en"];
        all.extend(args);
        let (code, _, err) = cli(&d, &all);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("journal") && err.contains("folder"),
            "{args:?}: {err}"
        );
    }
    // a day's file that cannot be read (here a folder in its place)
    std::fs::remove_file(d.join("journal")).unwrap();
    let day = real_today();
    std::fs::create_dir_all(d.join("journal").join(format!("{day}.toml"))).unwrap();
    let (code, out, _) = cli(&d, &["--lang", "en", "check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{day}.toml:1:1:")), "{out}");
    for args in [&["today"][..], &["journal"], &["report"]] {
        let mut all = vec!["--lang", "en"];
        all.extend(args);
        let (code, _, err) = cli(&d, &all);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("cannot be read"), "{args:?}: {err}");
    }
}

/// Issue 32: a follow-up logged by mistake is withdrawn by a new entry; the day's file is only
/// appended to, and Today, the counts and the report read the day without it.
#[test]
fn a_withdrawn_follow_up_is_appended_and_the_day_reads_without_it() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 3, 3);
    ok(&d, &["set", "tower", "201", "isolating"]);
    ok(&d, &["follow-up", "tower", "201", "well"]);
    let today = |d: &Path| -> serde_json::Value {
        serde_json::from_str(&ok(d, &["today", "--json"])).unwrap()
    };
    assert_eq!(today(&d)["calls"]["reached"], 1);
    let listed: serde_json::Value = serde_json::from_str(&ok(&d, &["journal", "--json"])).unwrap();
    let id = listed[0]["id"]
        .as_str()
        .expect("ids in journal --json")
        .to_string();
    let file = std::fs::read_dir(d.join("journal"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .unwrap();
    let before = std::fs::read_to_string(&file).unwrap();
    let said = ok(&d, &["--lang", "en", "journal", "withdraw", &id]);
    assert!(said.starts_with("withdrawn: "), "{said}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.starts_with(&before), "only appended to");
    assert!(
        after[before.len()..].contains(&format!("withdraws = \"{id}\"")),
        "{after}"
    );
    // Today, the counts and the report: the call no longer counts
    let t = today(&d);
    assert_eq!(
        (t["calls"]["reached"].clone(), t["calls"]["total"].clone()),
        (0.into(), 1.into())
    );
    assert_eq!(t["calls"]["due"][0]["unit"], "201", "{t}");
    let report = ok(&d, &["--lang", "en", "report"]);
    assert!(
        report.contains("Follow-ups: 0 of 1 isolating households reached; 0 calls"),
        "{report}"
    );
    // the listing says which is which
    let listed: serde_json::Value = serde_json::from_str(&ok(&d, &["journal", "--json"])).unwrap();
    let rows = listed.as_array().unwrap();
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(row(&id)["withdrawn"], true, "{listed}");
    let other = rows.iter().find(|r| r["id"] != id.as_str()).unwrap();
    assert_eq!(other["withdraws"], id.as_str(), "{listed}");
    let text = ok(&d, &["--lang", "en", "journal"]);
    assert!(
        text.contains("[withdrawn]") && text.contains(&format!("[withdraws {id}]")),
        "{text}"
    );
    // twice, or an id that is not there: refused, saying why
    let again = loupan(&d, &["--lang", "en", "journal", "withdraw", &id]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already withdrawn"),
        "{}",
        stderr(&again)
    );
    let none = loupan(&d, &["--lang", "zh", "journal", "withdraw", "nosuchid"]);
    assert!(!none.status.success());
    assert!(
        stderr(&none).contains("没有编号为 nosuchid 的随访记录"),
        "{}",
        stderr(&none)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 2);
}

/// An entry on disk twice, the very same line (a merge of old brought it): read once, a warning,
/// and no command calls the day broken for it; one id with two different lines is an error.
#[test]
fn an_exact_duplicate_is_read_once_and_breaks_nothing() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    ok(&d, &["set", "tower", "101", "isolating"]);
    follow_up(&d, "101", "well", "体温正常");
    let file = std::fs::read_dir(d.join("journal"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().last().unwrap().to_string();
    std::fs::write(&file, format!("{text}{line}\n")).unwrap();
    for args in [&["check"][..], &["journal"], &["report"], &["today"]] {
        let mut all = vec!["--lang", "en"];
        all.extend(args);
        let (code, out, err) = cli(&d, &all);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    }
    let (_, out, _) = cli(&d, &["--lang", "en", "check"]);
    assert!(
        out.contains("warning: entry") && out.contains("read once"),
        "{out}"
    );
    assert_eq!(entries(&d).len(), 1, "read once");
    // the same id with other values is an error
    let other = line.replace("\"well\"", "\"no-answer\"");
    std::fs::write(&file, format!("{text}{other}\n")).unwrap();
    let (code, out, _) = cli(&d, &["--lang", "en", "check"]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn an_entry_is_by_whom_git_would_name_the_author() {
    // a shared server account: each person sets GIT_AUTHOR_NAME in their session, as git honours it
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("buildings");
    new_building(&d, "tower", 3, 3);
    git_init(t.path());
    git_ok(t.path(), &["config", "user.name", "站点账号"]);
    let run = |author: Option<&str>, unit: &str| {
        let mut c = Command::new(bin());
        c.arg("--dir")
            .arg(&d)
            .args(["follow-up", "tower", unit, "well"]);
        c.env_remove("LOUPAN_DIR")
            .env("LOUPAN_CONFIG", "/nonexistent/loupan-test-config.toml");
        match author {
            Some(a) => c.env("GIT_AUTHOR_NAME", a),
            None => c.env_remove("GIT_AUTHOR_NAME"),
        };
        assert!(c.status().unwrap().success());
    };
    run(Some("王芳"), "301");
    run(None, "302");
    let by: Vec<(String, String)> = entries(&d)
        .iter()
        .map(|e| (e.unit.to_string(), e.by.to_string()))
        .collect();
    assert!(by.contains(&("301".into(), "王芳".into())), "{by:?}");
    assert!(by.contains(&("302".into(), "站点账号".into())), "{by:?}");
}
