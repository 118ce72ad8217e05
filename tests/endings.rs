//! Every ending counts (issue 31): retention runs from the day an isolation ended or a
//! unit became vacant, whichever way that happened — Today's `e`, `set`, an import, a merge from
//! another laptop — and a purge afterwards leaves the values in no file and no git object.

mod common;
use common::screen::Harness;
use common::*;
use loupan::tui::modes::Mode;
use std::path::Path;
use std::process::Command;

fn day(n: i64) -> String {
    real_today()
        .checked_add(jiff::Span::new().days(n))
        .unwrap()
        .to_string()
}

/// Every byte under `root`: its files, and every object of every git repository.
fn every_byte(root: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(p) = todo.pop() {
        if p.ends_with(".git") && p.is_dir() {
            let o = Command::new("git")
                .arg("--git-dir")
                .arg(&p)
                .args(["cat-file", "--batch-all-objects", "--batch"])
                .output()
                .unwrap();
            out.extend(o.stdout);
        } else if p.is_dir() {
            todo.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
        } else {
            out.extend(std::fs::read(&p).unwrap_or_default());
        }
    }
    out
}

fn holds(bytes: &[u8], v: &str) -> bool {
    bytes.windows(v.len()).any(|w| w == v.as_bytes())
}

/// A household's values, unique to its unit.
fn values(unit: &str) -> [String; 3] {
    [
        format!("户主{unit}"),
        format!("1380000{unit}"),
        format!("备注{unit}独居"),
    ]
}

fn isolate(d: &Path, unit: &str, extra: &[&str]) {
    let [name, contact, note] = values(unit);
    let mut args = vec![
        "set",
        "tower",
        unit,
        "isolating",
        "--since",
        "-10",
        "--name",
        &name,
        "--contact",
        &contact,
        "--note",
        &note,
    ];
    args.extend_from_slice(extra);
    ok(d, &args);
}

fn import(d: &Path, unit: &str, status: &str) {
    let csv = d.parent().unwrap().join(format!("{unit}.csv"));
    std::fs::write(&csv, format!("房号,状态\n{unit},{status}\n")).unwrap();
    let csv = csv.to_str().unwrap();
    ok(
        d,
        &[
            "import",
            csv,
            "--building",
            "tower",
            "--prefer-ledger",
            "--apply",
        ],
    );
}

/// Today's `e` on the one unit the day lists.
fn today_e(h: &mut Harness, unit: &str) {
    h.rescan();
    h.keys("t");
    for _ in 0..8 {
        match &h.app.mode {
            Mode::Today(t) if t.item().is_some_and(|i| i.unit.as_str() == unit) => break,
            _ => h.keys("j"),
        };
    }
    // `e` says what the release will do; `e` again does it
    h.keys("e");
    h.keys("e");
    assert_eq!(h.status("tower", unit), "healthy");
}

#[test]
fn every_local_path_to_an_ending_is_dated_and_purged_from_every_object() {
    let mut h = Harness::new("tower:3x4");
    h.app.today = real_today();
    let d = h.dir.clone();
    let root = d.parent().unwrap().to_path_buf();
    git_init(&root);
    // (unit, how it ends); 101 stays isolating and 102 is a household never isolated
    isolate(&d, "301", &["--until", &day(0)]);
    today_e(&mut h, "301");
    let table: [(&str, &str); 6] = [
        ("301", "Today's e"),
        ("302", "set healthy, no end date"),
        ("303", "set healthy before its end date"),
        ("304", "import healthy"),
        ("201", "set vacant"),
        ("202", "import vacant"),
    ];
    isolate(&d, "302", &[]);
    isolate(&d, "303", &["--until", &day(5)]);
    isolate(&d, "304", &[]);
    isolate(&d, "201", &[]);
    isolate(&d, "202", &[]);
    isolate(&d, "101", &[]);
    ok(
        &d,
        &[
            "set",
            "tower",
            "102",
            "healthy",
            "--name",
            "户主102",
            "--contact",
            "1380000102",
        ],
    );
    station(&d).commit("day").unwrap();
    ok(&d, &["set", "tower", "302", "healthy"]);
    ok(&d, &["set", "tower", "303", "healthy"]);
    import(&d, "304", "健康住户");
    ok(&d, &["set", "tower", "201", "vacant"]);
    import(&d, "202", "空置");
    station(&d).commit("the endings").unwrap();
    // each ending recorded on its day in the private store
    let file = d.join(".private/tower.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    for (unit, how) in table {
        let line = text.lines().find(|l| l.starts_with(unit)).unwrap();
        let key = if unit.starts_with('2') {
            "vacant-since"
        } else {
            "isolation-ended"
        };
        assert!(
            line.contains(&format!("{key} = {}", day(0))),
            "{how}: {line}"
        );
    }
    assert!(
        text.contains("101 = {") && text.contains("isolating = true"),
        "{text}"
    );
    // kept through the 30th day …
    assert!(ok(&d, &["purge", "--dry-run"]).contains("nothing is past retention"));
    // … and 31 days on, the purge takes them
    std::fs::write(&file, text.replace(&day(0), &day(-31))).unwrap();
    ok(&d, &["purge"]);
    let all = every_byte(&root);
    for (unit, how) in table {
        let [name, contact, note] = values(unit);
        assert!(!holds(&all, &contact), "{how}: the contact is still stored");
        assert!(!holds(&all, &note), "{how}: the note is still stored");
        // a household that moved out loses its name too; one that stays keeps it
        assert_eq!(holds(&all, &name), unit.starts_with('3'), "{how}: its name");
    }
    for kept in values("101")
        .iter()
        .chain(&["户主102".into(), "1380000102".into()])
    {
        assert!(holds(&all, kept), "{kept} was lost");
    }
}

/// A second laptop ends an isolation and empties a unit; the first learns it by a merge. The
/// commit that made each ending dates it, so a purge weeks later takes the values at once.
#[test]
fn an_ending_merged_from_another_laptop_is_dated_by_its_commit() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    let shared = root.join("shared.git");
    git_ok(
        root,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            shared.to_str().unwrap(),
        ],
    );
    let a = root.join("a");
    let da = a.join("buildings");
    std::fs::create_dir_all(&da).unwrap();
    new_building(&da, "tower", 3, 4);
    git_init(&a);
    git_ok(&a, &["remote", "add", "origin", shared.to_str().unwrap()]);
    for u in ["301", "302", "303"] {
        isolate(&da, u, &[]);
    }
    commit_on(&a, ago(50), "isolations");
    loupan::store::private::git::commit(&da, "values").unwrap();
    git_ok(&a, &["push", "-q", "origin", "main"]);
    let b = root.join("b");
    git_ok(
        root,
        &["clone", "-q", shared.to_str().unwrap(), b.to_str().unwrap()],
    );
    let db = b.join("buildings");
    ok(&db, &["set", "tower", "301", "healthy"]);
    ok(&db, &["set", "tower", "302", "vacant"]);
    commit_on(&b, ago(40), "ended on laptop B");
    git_ok(&b, &["push", "-q", "origin", "main"]);
    git_ok(&a, &["pull", "-q", "--no-rebase", "origin", "main"]);
    assert_eq!(status_of(&da, "tower", "302"), "vacant");
    let out = ok(&da, &["--lang", "en", "purge"]);
    assert!(out.contains("1 names, 2 contacts, 2 notes"), "{out}");
    let text = std::fs::read_to_string(da.join(".private/tower.toml")).unwrap();
    assert!(
        text.contains(&format!("isolation-ended = {}", ago(40))),
        "{text}"
    );
    let all = every_byte(&a);
    for gone in [values("301")[1].clone(), values("301")[2].clone()]
        .into_iter()
        .chain(values("302"))
    {
        assert!(!holds(&all, &gone), "{gone} is still stored");
    }
    for kept in values("303").into_iter().chain([values("301")[0].clone()]) {
        assert!(holds(&all, &kept), "{kept} was lost");
    }
}

/// The laptop that holds a household's values learns by `loupan sync` that another laptop ended
/// its isolation weeks ago, while it had commits of its own to the same building meanwhile: the
/// ending is dated by the other laptop's commit, not by the merge, so a purge takes the contact
/// and note at once (they were past retention when they arrived).
#[test]
fn an_ending_that_arrives_by_sync_beside_own_commits_is_dated_by_the_commit_that_made_it() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    let shared = root.join("shared.git");
    git_ok(
        root,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            shared.to_str().unwrap(),
        ],
    );
    // laptop B registers the isolation: it alone holds the household's values
    let b = root.join("b");
    let db = b.join("buildings");
    std::fs::create_dir_all(&db).unwrap();
    new_building(&db, "tower", 3, 4);
    git_init(&b);
    git_ok(&b, &["remote", "add", "origin", shared.to_str().unwrap()]);
    isolate(&db, "301", &[]);
    isolate(&db, "303", &[]);
    commit_on(&b, ago(50), "isolations");
    git_ok(&b, &["push", "-q", "origin", "main"]);
    // laptop A ends 301's isolation 40 days ago, without an `until`
    let a = root.join("a");
    git_ok(
        root,
        &["clone", "-q", shared.to_str().unwrap(), a.to_str().unwrap()],
    );
    let da = a.join("buildings");
    ok(&da, &["set", "tower", "301", "healthy"]);
    commit_on(&a, ago(40), "ended on laptop A");
    git_ok(&a, &["push", "-q", "origin", "main"]);
    // meanwhile B goes on with its own work on the same building, then syncs
    ok(&db, &["set", "tower", "302", "vacant"]);
    commit_on(&b, ago(35), "B's own day");
    let o = loupan(&db, &["--lang", "en", "sync"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(status_of(&db, "tower", "301"), "healthy");
    let out = ok(&db, &["--lang", "en", "purge"]);
    assert!(out.contains("0 names, 1 contacts, 1 notes"), "{out}");
    let text = std::fs::read_to_string(db.join(".private/tower.toml")).unwrap();
    assert!(
        text.contains(&format!("isolation-ended = {}", ago(40))),
        "{text}"
    );
    let all = every_byte(&b);
    for gone in [values("301")[1].clone(), values("301")[2].clone()] {
        assert!(!holds(&all, &gone), "{gone} is still stored");
    }
    for kept in values("303").into_iter().chain([values("301")[0].clone()]) {
        assert!(holds(&all, &kept), "{kept} was lost");
    }
}
