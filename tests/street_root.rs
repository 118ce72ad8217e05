//! At a street's root (issue 30.9): `check`, `stats`, `report` and `today` act across every
//! station with a station column (text, CSV) or a `station` key (JSON); a station whose folder
//! is missing is named, never skipped and never a crash. A street.toml that does not read
//! exits 6 with its line and column (docs/exit-codes.md).

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

/// A street of three stations, `a` and `b` each with a 2×2 tower (one household isolating in
/// `a`'s), and `c` whose folder is not in this clone.
fn street() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    lp_ok(root, &["street", "init", "鲁谷街道"]);
    for (id, name) in [("a", "甲站"), ("b", "乙站"), ("c", "丙站")] {
        lp_ok(root, &["station", "add", id, name]);
    }
    for (id, tower) in [("a", "ta"), ("b", "tb")] {
        let dir = format!("stations/{id}");
        lp_ok(
            root,
            &[
                "--dir", &dir, "new", tower, "--name", tower, "--floors", "2", "--units", "2",
            ],
        );
    }
    lp_ok(root, &["--station", "a", "set", "ta", "101", "isolating"]);
    std::fs::remove_dir_all(root.join("stations/c")).unwrap();
    t
}

fn json_rows(root: &Path, args: &[&str]) -> (i32, Vec<Value>) {
    let o = lp(root, args);
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}{}", stdout(&o), stderr(&o)));
    (o.status.code().unwrap_or(-1), v.as_array().unwrap().clone())
}

#[test]
fn at_a_streets_root_the_reading_commands_go_across_every_station() {
    let t = street();
    let root = t.path();
    // text: every line under its station's id; the missing folder named; exit 1 for it
    let o = lp(root, &["--lang", "en", "stats"]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(out.lines().any(|l| l.starts_with("a  ")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("b  ")), "{out}");
    assert!(
        out.lines()
            .all(|l| l.starts_with('a') || l.starts_with('b')),
        "{out}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("c  ") && l.contains("stations/c")),
        "{err}"
    );
    assert!(!err.contains("name one with --station"), "{err}");
    // JSON: one value per station, its id beside its own figures
    let (code, rows) = json_rows(root, &["stats", "--format", "json"]);
    assert_eq!(code, 1);
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["station"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(rows[0]["station_name"], "甲站");
    assert_eq!(rows[0]["total"]["isolating"], 1);
    assert_eq!(rows[1]["total"]["isolating"], 0);
    assert_eq!(rows[2]["exit"], 1);
    assert!(rows[2]["said"].as_str().unwrap().contains("stations/c"));
    let (_, rows) = json_rows(root, &["report", "--format", "json"]);
    assert_eq!(rows[0]["total"]["isolating"], 1, "{:?}", rows[0]);
    assert_eq!(rows[0]["station"], "a");
    let (_, rows) = json_rows(root, &["today", "--json"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["station"], "b");
    // the text report and check, under the station column too
    let out = stdout(&lp(root, &["--lang", "en", "report"]));
    assert!(out.lines().any(|l| l.starts_with("a  ")), "{out}");
    let o = lp(root, &["--lang", "en", "check"]);
    assert!(
        !stderr(&o).contains("name one with --station"),
        "{}",
        stderr(&o)
    );
    // CSV: one header, the station first
    let out = stdout(&lp(root, &["--lang", "en", "stats", "--format", "csv"]));
    let out = out.trim_start_matches('\u{feff}');
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("station,"), "{out}");
    assert!(
        lines.all(|l| l.starts_with("a,") || l.starts_with("b,")),
        "{out}"
    );
    // with every folder here, nothing to attend to
    std::fs::create_dir_all(root.join("stations/c/buildings")).unwrap();
    assert_eq!(lp(root, &["stats"]).status.code(), Some(0));
    // one station named: that station alone, no column
    let out = lp_ok(root, &["--lang", "en", "--station", "b", "stats"]);
    assert!(!out.lines().any(|l| l.starts_with("a  ")), "{out}");
}

#[test]
fn what_is_one_stations_alone_is_refused_at_the_root_with_how() {
    let t = street();
    let root = t.path();
    for args in [
        &["today", "--reveal"][..],
        &["report", "--format", "xlsx", "--out", "x.xlsx"][..],
        &["report", "--out", "x.txt"][..],
    ] {
        let o = lp(root, &[&["--lang", "en"][..], args].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("--station ID"), "{}", stderr(&o));
    }
    assert!(!root.join("x.xlsx").exists() && !root.join("x.txt").exists());
}

#[test]
fn a_street_toml_that_does_not_read_exits_6_with_its_line_and_column() {
    let t = street();
    let root = t.path();
    std::fs::write(
        root.join("street.toml"),
        "name = \"鲁谷街道\"\ndeadline = 25\n[stations]\na = \"甲站\"\n",
    )
    .unwrap();
    for args in [
        &["street", "status"][..],
        &["street", "report"][..],
        &["stats"][..],
        &["--station", "a", "stats"][..],
        &[][..],
    ] {
        let o = lp(root, &[&["--lang", "en"][..], args].concat());
        assert_eq!(o.status.code(), Some(6), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("street.toml:2:12: "),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // not TOML at all: the same, where it breaks
    std::fs::write(root.join("street.toml"), "name = \"x\n").unwrap();
    let o = lp(root, &["street", "status"]);
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));
    assert!(stderr(&o).contains("street.toml:1:"), "{}", stderr(&o));
}
