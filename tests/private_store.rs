//! Personal data apart from the shared history (docs/spec.md §12, issue 22), on real files and real git
//! repositories: the shared history never holds a personal value, purge leaves no object holding
//! a purged one, a kill during a purge loses nothing still kept, migration and the history
//! rewrite it prints, and the audit log.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn day(n: i64) -> String {
    let d = jiff::ZonedDateTime::now().date();
    d.checked_add(jiff::Span::new().days(n))
        .unwrap()
        .to_string()
}

/// Every byte under `root`: its files, and every object of every git repository, decompressed.
fn every_byte(root: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for e in walk(root) {
        if e.ends_with(".git") && e.is_dir() {
            out.extend(objects(&e));
        } else if e.is_file() {
            out.extend(std::fs::read(&e).unwrap_or_default());
        }
        out.push(b'\n');
    }
    out
}

/// Every object of one git repository, decompressed.
fn objects(git_dir: &Path) -> Vec<u8> {
    Command::new("git")
        .arg("--git-dir")
        .arg(git_dir)
        .args(["cat-file", "--batch-all-objects", "--batch"])
        .output()
        .unwrap()
        .stdout
}

fn walk(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root).unwrap().flatten() {
        let p = e.path();
        out.push(p.clone());
        if p.is_dir() {
            out.extend(walk(&p));
        }
    }
    out
}

fn holds(bytes: &[u8], v: &str) -> bool {
    bytes.windows(v.len()).any(|w| w == v.as_bytes())
}

/// A realistic day: an isolation with a name, phone numbers written three ways, notes, journal
/// notes and a company's responsible person; committed as staff commit (`git add -A`).
fn a_day(root: &Path, d: &Path) {
    new_building(d, "tower", 3, 4);
    git_init(root);
    ok(
        d,
        &[
            "set",
            "tower",
            "301",
            "isolating",
            "--since",
            &day(-3),
            "--name",
            "杨家",
            "--contact",
            "138 5555 0210",
            "--note",
            "发烧三天",
        ],
    );
    ok(
        d,
        &[
            "set",
            "tower",
            "302",
            "healthy",
            "--name",
            "李家",
            "--contact",
            "+86-139-6666-0303",
        ],
    );
    ok(
        d,
        &[
            "set",
            "tower",
            "303",
            "healthy",
            "--name",
            "Wang family",
            "--contact",
            "(010) 8888-7777",
        ],
    );
    ok(
        d,
        &["follow-up", "tower", "301", "well", "--note", "咳嗽好转"],
    );
    ok(
        d,
        &[
            "company",
            "add",
            "tower",
            "101",
            "海风商贸",
            "--status",
            "resumed",
            "--headcount",
            "12",
            "--contact",
            "张经理 13700001111",
        ],
    );
    git_ok(root, &["add", "-A"]);
    git_ok(root, &["commit", "-qm", "the day"]);
}

const PERSONAL: [&str; 11] = [
    "杨家",
    "5555 0210",
    "发烧",
    "李家",
    "6666-0303",
    "Wang family",
    "8888-7777",
    "咳嗽",
    "张经理",
    "13700001111",
    "13855550210",
];

#[test]
fn the_shared_history_holds_no_personal_value_and_the_station_sees_them_all() {
    let (t, d) = data_dir();
    a_day(t.path(), &d);
    let log = git_ok(t.path(), &["log", "-p", "--all"]);
    for v in PERSONAL {
        assert!(!log.contains(v), "{v} in the shared history:\n{log}");
    }
    // a status change is still a one-line diff of the shared file
    ok(
        &d,
        &["set", "tower", "302", "isolating", "--since", &day(0)],
    );
    let diff = git_ok(t.path(), &["diff", "-U0", "--", "buildings/tower.toml"]);
    assert_eq!(
        diff.lines()
            .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
            .count(),
        1,
        "{diff}"
    );
    // a name typed changes no line of the shared file at all
    git_ok(t.path(), &["commit", "-qam", "302"]);
    ok(&d, &["set", "tower", "302", "--name", "李氏"]);
    assert_eq!(
        git_ok(t.path(), &["status", "--porcelain"]),
        "",
        "nothing shared changed"
    );
    // and every way of reading still has every value
    assert_eq!(unit_json(&d, "tower", "301")["contact"], "138 5555 0210");
    assert_eq!(unit_json(&d, "tower", "302")["name"], "李氏");
    let j = ok(&d, &["journal", "--json", "--reveal"]);
    assert!(j.contains("咳嗽好转"), "{j}");
    let c = ok(
        &d,
        &["company", "show", "tower", "海风商贸", "--json", "--reveal"],
    );
    assert!(c.contains("13700001111"), "{c}");
    let csv = ok(&d, &["export", "--reveal"]);
    assert!(csv.contains("杨家") && csv.contains("发烧三天"), "{csv}");
    // masked on the way out, as before
    assert!(!ok(&d, &["export"]).contains("杨家"));
}

#[test]
fn purge_removes_values_past_retention_from_every_object_and_keeps_the_rest() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 3, 4);
    git_init(t.path());
    ok(
        &d,
        &[
            "set",
            "tower",
            "201",
            "isolating",
            "--since",
            &day(-60),
            "--until",
            &day(-31),
            "--name",
            "杨家",
            "--contact",
            "13855550210",
            "--note",
            "发烧三天",
        ],
    );
    ok(&d, &["set", "tower", "201", "healthy"]);
    ok(
        &d,
        &[
            "set",
            "tower",
            "202",
            "isolating",
            "--since",
            &day(-60),
            "--until",
            &day(-30),
            "--name",
            "李家",
            "--contact",
            "13966660303",
            "--note",
            "still kept",
        ],
    );
    ok(
        &d,
        &[
            "follow-up",
            "tower",
            "201",
            "well",
            "--note",
            "old call",
            "--at",
            &format!("{} 09:00", day(-31)),
        ],
    );
    ok(
        &d,
        &[
            "follow-up",
            "tower",
            "202",
            "well",
            "--note",
            "recent call",
            "--at",
            &format!("{} 09:00", day(-30)),
        ],
    );
    // the private store's own history holds the values too, until the purge
    git_ok(t.path(), &["add", "-A"]);
    ok(&d, &["set", "tower", "203", "vacant"]);
    let station = common::station(&d);
    station.commit("day").unwrap();
    assert!(holds(&every_byte(t.path()), "13855550210"));
    let commits = git_ok(t.path(), &["rev-list", "--all"]);
    let dry = ok(&d, &["purge", "--dry-run"]);
    assert!(
        dry.contains("1 contacts, 1 notes, 1 journal notes"),
        "{dry}"
    );
    assert!(
        holds(&every_byte(t.path()), "13855550210"),
        "a dry run removes nothing"
    );
    let out = ok(&d, &["purge"]);
    assert!(
        !out.contains("13855550210") && !out.contains("发烧"),
        "{out}"
    );
    let all = every_byte(t.path());
    for gone in ["13855550210", "发烧三天", "old call"] {
        assert!(!holds(&all, gone), "{gone} is still stored somewhere");
    }
    // a day within retention is kept: the isolation that ended 30 days ago, its call
    for kept in ["13966660303", "still kept", "recent call", "杨家", "李家"] {
        assert!(holds(&all, kept), "{kept} was lost");
    }
    assert_eq!(
        git_ok(t.path(), &["rev-list", "--all"]),
        commits,
        "shared commits unchanged"
    );
    let u = unit_json(&d, "tower", "201");
    assert_eq!(
        (u["name"].as_str(), u.get("contact")),
        (Some("杨家"), None),
        "{u}"
    );
    // the journal's entry stays, without its note
    let j = ok(&d, &["journal", "--date", &day(-31), "--json", "--reveal"]);
    assert!(j.contains("\"well\"") && !j.contains("old call"), "{j}");
    // a second purge finds nothing
    assert!(ok(&d, &["purge", "--dry-run"]).contains("nothing is past retention"));
}

#[test]
fn a_retention_of_the_config_is_followed() {
    let (t, d) = data_dir();
    new_building(&d, "tower", 1, 2);
    ok(
        &d,
        &[
            "set",
            "tower",
            "101",
            "vacant",
            "--name",
            "搬走的住户",
            "--contact",
            "13812345678",
        ],
    );
    let config = t.path().join("config.toml");
    std::fs::write(&config, "[retention]\nmoved-out = 0\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(bin())
            .arg("--dir")
            .arg(&d)
            .args(args)
            .env("LOUPAN_CONFIG", &config)
            .output()
            .unwrap()
    };
    // vacant since today: kept through today even at 0 days
    assert!(stdout(&run(&["purge", "--dry-run"])).contains("nothing is past retention"));
    // a day later, as the private file says
    let f = d.join(".private/tower.toml");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, text.replace(&day(0), &day(-1))).unwrap();
    let o = run(&["purge"]);
    assert!(
        stdout(&o).contains("1 names, 1 contacts"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    assert!(
        !d.join(".private/tower.toml").exists(),
        "nothing personal left in the building"
    );
}

#[test]
fn a_kill_during_a_purge_never_loses_a_kept_value() {
    let (t, d) = data_dir();
    for b in ["a", "b", "c", "d"] {
        new_building(&d, b, 4, 4);
        ok(
            &d,
            &[
                "set",
                b,
                "101",
                "isolating",
                "--since",
                &day(-90),
                "--until",
                &day(-60),
                "--contact",
                &format!("old-{b}"),
                "--note",
                "old",
            ],
        );
        ok(&d, &["set", b, "101", "healthy"]);
        ok(
            &d,
            &[
                "set",
                b,
                "102",
                "healthy",
                "--name",
                &format!("kept-{b}"),
                "--contact",
                &format!("keep-{b}"),
            ],
        );
    }
    git_init(t.path());
    loupan::store::private::git::commit(&d, "day").unwrap();
    let mut rng = 7u64;
    for round in 0..12 {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut child = Command::new(bin())
            .arg("--dir")
            .arg(&d)
            .arg("purge")
            .env("LOUPAN_CONFIG", "/nonexistent")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros((rng >> 33) % 40_000));
        let _ = child.kill();
        let _ = child.wait();
        for b in ["a", "b", "c", "d"] {
            let u = unit_json(&d, b, "102");
            assert_eq!(u["contact"], format!("keep-{b}"), "round {round}: {u}");
            assert_eq!(u["name"], format!("kept-{b}"), "round {round}");
        }
    }
    // the purge run to its end afterwards leaves nothing expired anywhere
    ok(&d, &["purge"]);
    let all = every_byte(t.path());
    for b in ["a", "b", "c", "d"] {
        assert!(!holds(&all, &format!("old-{b}")), "old-{b} still stored");
        assert!(holds(&all, &format!("keep-{b}")));
    }
    assert!(temp_files(&d).is_empty(), "{:?}", temp_files(&d));
}

#[test]
fn migrate_moves_values_out_and_rewrite_history_clears_every_object() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("buildings");
    // the sample, as written before the private store: names and notes in the shared files
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings");
    copy_dir(&sample, &d);
    std::fs::remove_dir_all(d.join(".private")).ok();
    git_init(t.path());
    let before = ok(&d, &["stats", "--format", "json"]);
    let o = loupan(&d, &["--lang", "en", "migrate"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("older commits still hold them"), "{said}");
    assert_eq!(
        ok(&d, &["stats", "--format", "json"]),
        before,
        "no count changed"
    );
    assert_eq!(
        git_ok(t.path(), &["status", "--porcelain"]),
        "",
        "all committed"
    );
    let tip = std::fs::read_to_string(d.join("haigang.toml")).unwrap();
    assert!(
        !tip.contains("contact =") && !tip.contains("note ="),
        "{tip}"
    );
    // the names are still the station's
    let csv = ok(&d, &["export", "--reveal"]);
    let phone = csv
        .split(',')
        .find(|f| f.len() == 11 && f.starts_with("13"))
        .expect("a phone in the sample")
        .to_string();
    assert!(
        holds(&objects(&t.path().join(".git")), &phone),
        "the old history holds it"
    );
    // a household's name, as the private store now keeps it (and the old history holds it)
    let name = std::fs::read_dir(d.join(".private"))
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .flat_map(|t| {
            t.split("name = \"")
                .skip(1)
                .filter_map(|r| r.split('"').next().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .find(|n| n.chars().count() >= 2)
        .expect("a household's name in the sample");
    assert!(holds(&objects(&t.path().join(".git")), &name));
    // a shared remote that already has the old history, fetched here
    let elsewhere = tempfile::tempdir().unwrap();
    let remote = elsewhere.path().join("street.git");
    git_ok(
        t.path(),
        &["clone", "-q", "--bare", ".", remote.to_str().unwrap()],
    );
    git_ok(
        t.path(),
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    git_ok(t.path(), &["fetch", "-q", "origin"]);
    // loupan rewrites it: git-filter-repo, reflogs expired, pruned, every object read back
    let count = git_ok(t.path(), &["rev-list", "--count", "HEAD"]);
    let o = loupan(&d, &["--lang", "en", "migrate", "--rewrite-history"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("none holds any of the"), "{said}");
    assert!(said.contains("make each again"), "{said}");
    assert!(
        said.contains("the remote origin (") && said.contains("street.git"),
        "{said}"
    );
    let shared = objects(&t.path().join(".git"));
    assert!(
        !holds(&shared, &phone),
        "the rewritten history still holds {phone}"
    );
    assert!(!holds(&shared, &format!("\"{name}\"")), "{name} still held");
    assert_eq!(
        git_ok(t.path(), &["rev-list", "--count", "HEAD"]),
        count,
        "every commit kept"
    );
    // the working tree as committed, but for the one file that is not loupan's data (the
    // sample's marker): taken out of every unsent commit and left on disk, untracked
    assert_eq!(
        git_ok(t.path(), &["status", "--porcelain"]),
        "?? buildings/.sample\n",
        "the working tree as committed"
    );
    assert_eq!(ok(&d, &["stats", "--format", "json"]), before);
    assert!(
        ok(&d, &["export", "--reveal"]).contains(&phone),
        "the station keeps it"
    );
    // a second run finds nothing to rewrite
    let o = loupan(&d, &["--lang", "en", "migrate", "--rewrite-history"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing to rewrite"), "{}", stderr(&o));
}

#[test]
fn rewriting_the_history_without_git_filter_repo_names_the_package() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("buildings");
    new_building(&d, "tower", 2, 2);
    git_init(t.path());
    // a PATH with git and nothing else: git-filter-repo is not there
    let bin_dir = t.path().join("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let git = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    std::os::unix::fs::symlink(git.trim(), bin_dir.join("git")).unwrap();
    let o = Command::new(bin())
        .arg("--dir")
        .arg(&d)
        .args(["--lang", "en", "migrate", "--rewrite-history"])
        .env("LOUPAN_CONFIG", "/nonexistent")
        .env("PATH", &bin_dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("apt-get install git-filter-repo"),
        "{}",
        stderr(&o)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn every_reveal_and_purge_is_in_the_audit_log_without_values() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    ok(
        &d,
        &[
            "set",
            "tower",
            "201",
            "healthy",
            "--name",
            "杨家",
            "--contact",
            "13855550210",
        ],
    );
    ok(&d, &["set", "tower", "202", "healthy", "--name", "李家"]);
    ok(&d, &["export"]);
    ok(
        &d,
        &[
            "export",
            "--reveal",
            "--out",
            d.parent().unwrap().join("x.csv").to_str().unwrap(),
        ],
    );
    ok(&d, &["journal", "--reveal"]);
    ok(&d, &["purge"]);
    let log = ok(&d, &["--lang", "en", "audit"]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "a masked export is not a reveal: {log}");
    assert!(
        lines[0].contains("loupan export --reveal --out  2 records"),
        "{log}"
    );
    assert!(
        lines[1].contains("loupan journal --reveal  0 records"),
        "{log}"
    );
    assert!(lines[2].contains("loupan purge"), "{log}");
    assert!(
        !log.contains("13855550210") && !log.contains("杨家") && !log.contains("x.csv"),
        "{log}"
    );
    assert!(ok(&d, &["--lang", "zh", "audit", "--days", "1"]).contains("条记录"));
}

#[test]
fn a_follow_up_logged_later_keeps_its_time_and_the_future_is_refused() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    let at = format!("{} 18:30", day(-1));
    ok(&d, &["follow-up", "tower", "201", "no-answer", "--at", &at]);
    let j = ok(&d, &["journal", "--date", &day(-1), "--json"]);
    assert!(
        j.contains(&day(-1)) && j.contains("\"time\": \"18:30:00\""),
        "{j}"
    );
    let o = loupan(
        &d,
        &[
            "--lang",
            "en",
            "follow-up",
            "tower",
            "201",
            "well",
            "--at",
            &format!("{} 08:00", day(1)),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "a time that cannot be given");
    assert!(stderr(&o).contains("in the future"), "{}", stderr(&o));
    let o = loupan(&d, &["follow-up", "tower", "201", "well", "--at", "25:99"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_broken_private_file_is_named_and_never_written_over() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    ok(&d, &["set", "tower", "201", "healthy", "--name", "杨家"]);
    let f = d.join(".private/tower.toml");
    std::fs::write(&f, "[units]\n201 = { name = \"杨家\"\n").unwrap();
    let o = loupan(&d, &["--lang", "en", "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(".private/tower.toml:2:1"),
        "{}",
        stdout(&o)
    );
    let o = loupan(&d, &["set", "tower", "202", "vacant", "--name", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "[units]\n201 = { name = \"杨家\"\n"
    );
}

/// Two laptops of one station, a shared remote and the station's private remote (issue 22,
/// item 3): values merge by unit and field; a purge on one laptop is dropped on the other at its
/// next sync and never sent back, while that laptop's own new edits still arrive.
#[test]
fn purged_on_one_laptop_means_purged_on_every_laptop() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    let (shared, private) = (root.join("shared.git"), root.join("private.git"));
    for r in [&shared, &private] {
        git_ok(
            root,
            &["init", "-q", "--bare", "-b", "main", r.to_str().unwrap()],
        );
    }
    let a = root.join("a");
    std::fs::create_dir_all(a.join("buildings")).unwrap();
    let da = a.join("buildings");
    new_building(&da, "tower", 3, 4);
    git_init(&a);
    git_ok(&a, &["remote", "add", "origin", shared.to_str().unwrap()]);
    ok(&da, &["init"]);
    ok(&da, &["private-remote", private.to_str().unwrap()]);
    // the private remote must not be the shared one
    let o = loupan(&da, &["private-remote", shared.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    ok(
        &da,
        &[
            "set",
            "tower",
            "301",
            "isolating",
            "--since",
            &day(-70),
            "--until",
            &day(-40),
            "--name",
            "杨家",
            "--contact",
            "13855550210",
            "--note",
            "old isolation",
        ],
    );
    ok(&da, &["set", "tower", "301", "healthy"]);
    ok(&da, &["set", "tower", "302", "healthy", "--name", "李家"]);
    ok(&da, &["sync"]);
    // the second laptop
    let b = root.join("b");
    git_ok(
        root,
        &["clone", "-q", shared.to_str().unwrap(), b.to_str().unwrap()],
    );
    git_ok(&b, &["config", "user.name", "Li"]);
    git_ok(&b, &["config", "user.email", "li@example.org"]);
    let db = b.join("buildings");
    ok(&db, &["init"]);
    ok(&db, &["private-remote", private.to_str().unwrap()]);
    ok(&db, &["sync"]);
    assert_eq!(
        unit_json(&db, "tower", "301")["contact"],
        "13855550210",
        "the values came over"
    );
    // different fields of one unit on two laptops: both kept
    ok(&da, &["set", "tower", "302", "--contact", "13966660303"]);
    ok(&db, &["set", "tower", "302", "--name", "李氏"]);
    ok(&da, &["sync"]);
    ok(&db, &["sync"]);
    ok(&da, &["sync"]);
    for d in [&da, &db] {
        let u = unit_json(d, "tower", "302");
        assert_eq!(
            (u["name"].as_str(), u["contact"].as_str()),
            (Some("李氏"), Some("13966660303")),
            "{u}"
        );
    }
    // laptop A purges; laptop B, not yet told, types a new name meanwhile
    ok(&da, &["purge"]);
    ok(&db, &["set", "tower", "303", "healthy", "--name", "王家"]);
    assert!(
        !holds(&objects(&private), "13855550210"),
        "the private remote dropped it"
    );
    let o = loupan(&db, &["--lang", "en", "sync"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("purged on another laptop"),
        "{}",
        stderr(&o)
    );
    let u = unit_json(&db, "tower", "301");
    assert_eq!(
        (u["name"].as_str(), u.get("contact")),
        (Some("杨家"), None),
        "{u}"
    );
    ok(&da, &["sync"]);
    assert_eq!(
        unit_json(&da, "tower", "303")["name"],
        "王家",
        "B's own edit arrived"
    );
    for place in [every_byte(&a), every_byte(&b), objects(&private)] {
        assert!(
            !holds(&place, "13855550210") && !holds(&place, "old isolation"),
            "a purged value survived"
        );
        assert!(holds(&place, "13966660303"));
    }
    assert!(
        !holds(&objects(&shared), "李氏"),
        "nothing personal in the shared remote"
    );
}

/// `loupan log` tells a personal value's change from the private store's own history, masked, and
/// only where both sides are known: the first version of the store is compared with nothing.
#[test]
fn log_tells_a_personal_values_change_masked_from_the_private_history() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("buildings");
    new_building(&d, "tower", 2, 2);
    git_init(t.path());
    let set = |args: &[&str]| {
        let mut all = vec!["set", "tower", "201"];
        all.extend_from_slice(args);
        ok(&d, &all);
    };
    set(&["healthy", "--name", "杨家", "--contact", "13855550210"]);
    git_ok(t.path(), &["add", "-A"]);
    git_ok(t.path(), &["commit", "-qm", "day one"]);
    loupan::store::private::git::commit(&d, "day one").unwrap();
    set(&["--name", "李家", "--note", "独居老人"]);
    loupan::store::private::git::commit(&d, "day two").unwrap();
    let log = ok(&d, &["--lang", "zh", "log", "tower", "201"]);
    let personal: Vec<&str> = log.lines().filter(|l| l.contains("个人信息")).collect();
    assert_eq!(
        personal.len(),
        1,
        "the first version is compared with nothing: {log}"
    );
    assert!(personal[0].contains("杨* → 李*"), "{log}");
    assert!(personal[0].contains("（无） → ***"), "{log}");
    for v in ["杨家", "李家", "13855550210", "独居老人"] {
        assert!(!log.contains(v), "{v} in the log: {log}");
    }
    assert!(
        log.contains("→ 健康"),
        "the shared change is there too: {log}"
    );
}
