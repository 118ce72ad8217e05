//! Who wrote a report and when it arrived (docs/street-trust.md), on real git: a keyed station's
//! report counts only when its key signed the commit that last changed it; the revision is the
//! history's and the time the file gives only a claim; the shared remote's guard refuses foreign
//! and unreadable files and records when each report arrived.

mod common;
use common::*;
use std::path::{Path, PathBuf};

struct Street {
    _t: tempfile::TempDir,
    root: PathBuf,
    remote: PathBuf,
}

impl Street {
    /// A bare remote (guarded when `guard`), and the office's clone that made it a street of two
    /// stations, `a` keyed with `ka.pub`, `b` without a key, each with a tower.
    fn new(guard: bool) -> Street {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().to_path_buf();
        let remote = root.join("street.git");
        git_ok(&root, &["init", "-q", "--bare", "-b", "main", "street.git"]);
        if guard {
            lp_ok(&root, &["remote-hook", "install", "street.git"]);
        }
        for k in ["ka", "kb"] {
            let o = std::process::Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", k, "-f"])
                .arg(root.join(k))
                .output()
                .expect("ssh-keygen (openssh-client) is needed for signing");
            assert!(o.status.success(), "{}", stderr(&o));
        }
        let s = Street {
            _t: t,
            root,
            remote,
        };
        let office = s.laptop("office");
        lp_ok(&office, &["street", "init", "Lugu"]);
        let ka = s.root.join("ka.pub");
        lp_ok(
            &office,
            &["station", "add", "a", "A", "--key", ka.to_str().unwrap()],
        );
        lp_ok(&office, &["station", "add", "b", "B"]);
        for st in ["a", "b"] {
            new_building(&office.join("stations").join(st), "t", 2, 2);
        }
        lp_ok(&office, &["sync"]);
        s
    }

    fn laptop(&self, who: &str) -> PathBuf {
        let c = self.root.join(who);
        let remote = self.remote.to_str().unwrap();
        git_ok(&self.root, &["clone", "-q", remote, c.to_str().unwrap()]);
        git_ok(&c, &["config", "user.name", who]);
        git_ok(&c, &["config", "user.email", &format!("{who}@example.org")]);
        c
    }

    fn key(&self, k: &str) -> String {
        self.root.join(k).to_str().unwrap().to_string()
    }
}

fn status(office: &Path) -> (Option<i32>, serde_json::Value) {
    lp_ok(office, &["sync"]);
    let o = lp(office, &["--lang", "en", "street", "status", "--json"]);
    let v = serde_json::from_str(&stdout(&o)).unwrap_or_else(|_| panic!("{}", stderr(&o)));
    (o.status.code(), v)
}

fn station<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["stations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap()
}

fn report_path(clone: &Path, id: &str) -> PathBuf {
    clone.join(format!("reports/{}/{id}.toml", street_today()))
}

#[test]
fn a_keyed_stations_report_counts_only_when_its_key_signed_it() {
    let s = Street::new(false);
    let office = s.root.join("office");
    let a = s.laptop("a");
    lp_ok(&a, &["station", "join", "a", "--signing-key", &s.key("ka")]);
    assert_eq!(git_ok(&a, &["config", "gpg.format"]).trim(), "ssh");
    lp_ok(&a.join("stations/a"), &["report", "--submit"]);
    let (_, v) = status(&office);
    let row = station(&v, "a");
    assert_eq!(
        (row["state"].as_str(), row["verified"].as_bool()),
        (Some("submitted"), Some(true)),
        "{v}"
    );
    assert!(station(&v, "b")["verified"].is_null() || station(&v, "b")["state"] == "missing");

    // laptop b signs with its own key, and writes a's report as a zero report with its figures
    let b = s.laptop("b");
    let o = lp(
        &b,
        &[
            "--lang",
            "en",
            "station",
            "join",
            "a",
            "--signing-key",
            &s.key("kb"),
        ],
    );
    assert_eq!(o.status.code(), Some(5), "not a's key: {}", stderr(&o));
    lp_ok(&b, &["station", "join", "b", "--signing-key", &s.key("kb")]);
    let mine = std::fs::read_to_string(report_path(&b, "a")).unwrap();
    let forged = mine
        .replace("zero = false", "zero = true")
        .replace("revision = 1", "revision = 99");
    std::fs::write(report_path(&b, "a"), format!("{forged}\n# b was here\n")).unwrap();
    lp_ok(&b.join("stations/b"), &["sync"]);
    let (code, v) = status(&office);
    let row = station(&v, "a");
    assert_eq!(row["state"], "unverified", "{v}");
    assert_eq!(row["verified"], false, "{v}");
    assert_eq!(
        row["revision"], 2,
        "the history's count, never the file's 99: {v}"
    );
    let o = lp(
        &office,
        &["--lang", "en", "street", "report", "--format", "json"],
    );
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["submitted"], 0, "{r}");
    assert_eq!(r["unverified"], serde_json::json!(["a"]), "{r}");
    let text = lp_ok(&office, &["--lang", "en", "street", "status"]);
    assert!(text.contains("not signed by the station's key"), "{text}");
    let csv = lp_ok(
        &office,
        &["--lang", "en", "street", "report", "--format", "csv"],
    );
    let row = csv
        .lines()
        .find(|l| l.starts_with("a,"))
        .unwrap()
        .trim_end();
    assert!(row.contains(",unverified,"), "{row}");
    assert!(
        row.split(',').skip(3).all(str::is_empty),
        "its figures blank: {row}"
    );
    assert!(code.is_some());

    // an unsigned commit (a plain `git commit` with signing off) is no better
    git_ok(&b, &["config", "commit.gpgsign", "false"]);
    std::fs::write(report_path(&b, "a"), &mine).unwrap();
    git_ok(&b, &["commit", "-qam", "unsigned"]);
    git_ok(&b, &["push", "-q", "origin", "HEAD:main"]);
    let (_, v) = status(&office);
    assert_eq!(station(&v, "a")["state"], "unverified", "{v}");

    // a submits again, signed: counted again, revision 4
    lp_ok(&a, &["sync"]);
    lp_ok(&a.join("stations/a"), &["report", "--submit"]);
    let (_, v) = status(&office);
    let row = station(&v, "a");
    assert_eq!(
        (row["verified"].as_bool(), row["revision"].as_u64()),
        (Some(true), Some(4)),
        "{v}"
    );
}

#[test]
fn the_remotes_guard_refuses_foreign_and_unreadable_files_and_records_receipts() {
    let s = Street::new(true);
    let office = s.root.join("office");
    let lap = s.laptop("lap");
    let tip = git_ok(&s.remote, &["rev-parse", "main"]);

    // a ledger committed by hand: refused by the remote, kept here, exit 5 at once
    std::fs::write(lap.join("stations/b/物业底账.csv"), "王芳,13812345678\n").unwrap();
    git_ok(&lap, &["add", "-f", "stations/b/物业底账.csv"]);
    git_ok(&lap, &["commit", "-qm", "ledger"]);
    let o = lp(&lap, &["--lang", "en", "sync"]);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("not loupan's data"), "{}", stderr(&o));
    assert_eq!(
        git_ok(&s.remote, &["rev-parse", "main"]),
        tip,
        "nothing went in"
    );
    assert!(!git_ok(&s.remote, &["log", "--all", "--name-only"]).contains("底账"));
    git_ok(&lap, &["reset", "-q", "--hard", "HEAD~1"]);

    // conflict markers pushed past loupan with plain git: refused with the file's line
    let t = lap.join("stations/b/t.toml");
    let text = std::fs::read_to_string(&t).unwrap();
    std::fs::write(&t, format!("<<<<<<< ours\n{text}")).unwrap();
    git_ok(&lap, &["commit", "-qam", "markers"]);
    let o = git(&lap, &["push", "origin", "HEAD:main"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("stations/b/t.toml:1:"),
        "{}",
        stderr(&o)
    );
    git_ok(&lap, &["reset", "-q", "--hard", "HEAD~1"]);

    // the receipts are the guard's alone; a branch is never deleted
    git_ok(
        &lap,
        &[
            "notes",
            "--ref",
            "loupan-receipts",
            "add",
            "-m",
            "received 1",
            "HEAD",
        ],
    );
    let o = git(&lap, &["push", "origin", "refs/notes/loupan-receipts"]);
    assert!(
        !o.status.success() && stderr(&o).contains("only branches"),
        "{}",
        stderr(&o)
    );
    let o = git(&lap, &["push", "origin", ":main"]);
    assert!(!o.status.success(), "{}", stderr(&o));

    // a report that goes up is received by the remote's clock
    lp_ok(&lap.join("stations/b"), &["report", "--submit"]);
    let (_, v) = status(&office);
    let row = station(&v, "b");
    assert_eq!(row["received"], "remote", "{v}");
    assert!(row["verified"].is_null(), "b has no key: {v}");
}

#[test]
fn without_a_receipt_the_offices_first_fetch_counts_and_the_files_time_is_a_claim() {
    let s = Street::new(false);
    let office = s.root.join("office");
    let lap = s.laptop("lap");
    lp_ok(&lap.join("stations/b"), &["report", "--submit"]);
    let p = report_path(&lap, "b");
    let text = std::fs::read_to_string(&p).unwrap();
    let at = text.lines().find(|l| l.starts_with("at = ")).unwrap();
    std::fs::write(&p, text.replace(at, "at = \"03:07\"")).unwrap();
    lp_ok(&lap, &["sync"]);
    let (_, v) = status(&office);
    let row = station(&v, "b");
    assert_eq!(row["received"], "fetched", "{v}");
    assert_eq!(row["claimed"], "03:07", "{v}");
    assert_eq!(row["revision"], 2, "{v}");
    let now = jiff::Timestamp::now()
        .in_tz(loupan::core::street::TIMEZONE)
        .unwrap();
    let at = row["at"].as_str().unwrap();
    let (h, m): (i64, i64) = (at[..2].parse().unwrap(), at[3..].parse().unwrap());
    let minutes = |h: i64, m: i64| h * 60 + m;
    let diff = (minutes(now.hour().into(), now.minute().into()) - minutes(h, m)).rem_euclid(1440);
    assert!(
        diff <= 2,
        "received about now ({now}), not the claimed 03:07: {v}"
    );
    let text = lp_ok(&office, &["--lang", "en", "street", "status"]);
    assert!(text.contains("(the file claims 03:07)"), "{text}");
}
