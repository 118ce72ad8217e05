//! Personal data on every way out (docs/spec.md §9): a household's name, phone number and note reach no
//! output unmasked unless `--reveal` asks — and with `--reveal` they do, so the check can fail.

mod common;
use common::*;
use std::path::Path;

const NAME: &str = "杨家";
const PHONE: &str = "13832220210";
const NOTE: &str = "需代购生活物资";

/// Everything an output holds as text: a file's bytes, or an XLSX's sheets and strings.
fn contents(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if !bytes.starts_with(b"PK") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.ends_with(".xml")) {
            std::io::Read::read_to_string(&mut f, &mut all).unwrap();
        }
    }
    all
}

/// Every way out, each as (what, everything it wrote).
fn every_output(d: &Path, reveal: bool) -> Vec<(String, String)> {
    let root = d.parent().unwrap();
    let list = root.join("list.csv");
    std::fs::write(&list, format!("楼宇,房号,姓名\ntower,202,{NAME}\n")).unwrap();
    let list = list.display().to_string();
    let runs: Vec<Vec<&str>> = vec![
        vec!["export"],
        vec!["export", "--format", "xlsx", "--out", "FILE.xlsx"],
        vec!["report"],
        vec!["report", "--format", "json"],
        vec!["report", "--format", "csv"],
        vec!["report", "--format", "xlsx", "--out", "FILE.xlsx"],
        vec!["render", "--format", "html"],
        vec!["render", "tower", "--format", "html", "--out", "FILE.html"],
        vec!["crosscheck", &list],
        vec!["crosscheck", &list, "--json"],
        vec!["today"],
        vec!["today", "--json"],
        vec!["journal"],
        vec!["journal", "--json"],
        vec!["diff"],
        vec!["diff", "--json"],
    ];
    let mut out = Vec::new();
    for (k, run) in runs.into_iter().enumerate() {
        let file = root.join(format!("out{k}"));
        let mut args: Vec<String> = run
            .iter()
            .map(|a| a.replace("FILE", &file.display().to_string()))
            .collect();
        // `diff` and `report` never carry personal values, revealed or not
        if reveal && !matches!(run[0], "report" | "diff") {
            args.push("--reveal".into());
        }
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, stdout, stderr) = cli(d, &a);
        let mut all = stdout + &stderr;
        for f in std::fs::read_dir(root).unwrap().flatten() {
            if f.file_name()
                .to_string_lossy()
                .starts_with(&format!("out{k}"))
            {
                all.push_str(&contents(&f.path()));
            }
        }
        out.push((args.join(" "), all));
    }
    out
}

#[test]
fn no_way_out_shows_a_household_unless_asked() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    git_init(t.path());
    ok(
        &d,
        &[
            "set",
            "tower",
            "201",
            "isolating",
            "--name",
            NAME,
            "--contact",
            PHONE,
            "--note",
            NOTE,
        ],
    );
    ok(&d, &["set", "tower", "202", "vacant"]);
    ok(
        &d,
        &["follow-up", "tower", "201", "no-answer", "--note", NOTE],
    );
    for (what, text) in every_output(&d, false) {
        for secret in [NAME, PHONE, NOTE] {
            assert!(
                !text.contains(secret),
                "`loupan {what}` shows {secret}:\n{text}"
            );
        }
    }
    let revealed = every_output(&d, true);
    let shows = |what: &str, secret: &str| {
        revealed
            .iter()
            .filter(|(w, _)| w.starts_with(what))
            .any(|(_, t)| t.contains(secret))
    };
    assert!(shows("export", NAME) && shows("export", PHONE) && shows("export", NOTE));
    assert!(shows("render", NAME), "the page with --reveal");
    assert!(shows("crosscheck", NAME), "the list's names with --reveal");
    assert!(shows("today", PHONE) && shows("journal", NOTE));
    // `show --json` is the station's own record for its scripts, whole, and always an audit line
    assert!(ok(&d, &["show", "tower", "--json"]).contains(NOTE));
    assert!(ok(&d, &["show", "tower", "201", "--json"]).contains(PHONE));
    // each reveal is one audit line: who, when, what, how many; never a value
    let log = ok(&d, &["--lang", "en", "audit"]);
    assert!(log.contains("loupan show --json  1 records"), "{log}");
    assert_eq!(
        log.lines().filter(|l| l.contains("loupan show")).count(),
        2,
        "{log}"
    );
    assert!(!log.contains(NAME) && !log.contains(PHONE), "{log}");
    // `show` on the screen is the staff's own view, whole; `--reveal` belongs to `--json`
    assert!(ok(&d, &["show", "tower", "201"]).contains(PHONE));

    // the masked forms are there instead
    let masked = every_output(&d, false);
    assert!(
        masked.iter().any(|(w, t)| w.starts_with("export")
            && t.contains("138****0210")
            && t.contains("杨*"))
    );
}

/// However a number or a name is written, no way out shows it (issue 19): dashes, spaces,
/// brackets, `+86`, digits typed full-width with an input method (stored as ASCII), and a
/// one-character household name.
#[test]
fn masking_holds_however_it_is_written() {
    // (as typed, what must never be seen: the digits masking hides)
    let writings = [
        ("138-4321-5678", "4321"),
        ("+86 139 8642 0000", "8642"),
        ("(136) 9753-8901", "9753"),
        ("１３７９５１３５７９１", "9513"),
        ("电话 186 2468 1357", "2468"),
    ];
    for (contact, hidden) in writings {
        let (t, d) = data_dir();
        new_building(&d, "tower", 2, 2);
        git_init(t.path());
        ok(
            &d,
            &[
                "set",
                "tower",
                "201",
                "isolating",
                "--name",
                "鑫",
                "--contact",
                contact,
            ],
        );
        ok(&d, &["set", "tower", "202", "vacant"]);
        let stored = unit_json(&d, "tower", "201");
        assert!(
            stored["contact"].as_str().unwrap().is_ascii() || !contact.contains('１'),
            "full-width digits are stored as ASCII: {stored}"
        );
        for (what, text) in every_output(&d, false) {
            for secret in [contact, hidden, "鑫"] {
                assert!(
                    !text.contains(secret),
                    "`loupan {what}` shows {secret} of {contact}:\n{text}"
                );
            }
        }
    }
}

/// A merge conflict names the fields that clash, never a personal value (docs/spec.md §9).
#[test]
fn a_conflict_names_fields_not_values() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    git_init(t.path());
    let root = t.path();
    // files from before the private store still hold contacts in the shared history
    let with_contact = |c: &str| {
        let f = d.join("tower.toml");
        let text = std::fs::read_to_string(&f).unwrap();
        let line = "201 = { status = \"unknown\" }";
        assert!(text.contains(line), "{text}");
        let new = format!("201 = {{ status = \"unknown\", contact = \"{c}\" }}");
        std::fs::write(&f, text.replace(line, &new)).unwrap();
    };
    git_ok(root, &["checkout", "-q", "-b", "other"]);
    with_contact("13911112222");
    git_ok(root, &["commit", "-qam", "theirs"]);
    git_ok(root, &["checkout", "-q", "main"]);
    with_contact("13833334444");
    git_ok(root, &["commit", "-qam", "ours"]);
    // plain git (no merge driver): conflict markers that `check` explains
    let _ = git(root, &["merge", "-q", "other"]);
    let (code, out, err) = cli(&d, &["--lang", "en", "check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("contact"), "{out}");
    for v in ["13911112222", "13833334444", "2222", "4444"] {
        assert!(!out.contains(v) && !err.contains(v), "{v} in {out}{err}");
    }
}
