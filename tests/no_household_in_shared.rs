//! A household's values never move into a shared file (issue 31): a household's unit
//! given a company status never takes the household's name as the company's. Every status a
//! household can hold × both company statuses × every writer (`set`, the map, import): the
//! shared building file's bytes hold no personal value afterwards, nor does the `source` an import
//! records (never the ledger's file name).

mod common;
use common::screen::Harness;
use common::*;
use loupan::tui::modes::Mode;
use std::path::Path;

const NAME: &str = "吴建国";
const CONTACT: &str = "13812345678";
const NOTE: &str = "独居老人";
const FROM: [&str; 4] = ["healthy", "isolating", "vacant", "unknown"];
const TO: [(&str, &str); 2] = [("not-resumed", "3"), ("resumed", "4")];

/// A one-unit building whose household holds a name, a contact and a note.
fn household(d: &Path, from: &str) {
    new_building(d, "t", 1, 1);
    fill(d, from);
}

/// The household's values and status in unit 101.
fn fill(d: &Path, from: &str) {
    let mut args = vec!["set", "t", "101", "--name", NAME, "--contact", CONTACT];
    args.extend(["--note", NOTE]);
    if from != "unknown" {
        args.insert(3, from);
    }
    ok(d, &args);
}

fn assert_clean(d: &Path, case: &str) {
    let shared = std::fs::read_to_string(d.join("t.toml")).unwrap();
    for v in [NAME, CONTACT, NOTE] {
        assert!(
            !shared.contains(v),
            "{case}: {v} in the shared file:\n{shared}"
        );
    }
}

#[test]
fn set_asks_for_the_company_and_never_takes_the_household_s_name() {
    for from in FROM {
        for (to, _) in TO {
            let (_t, d) = data_dir();
            household(&d, from);
            let case = format!("set {from} → {to}");
            let o = loupan(&d, &["--lang", "en", "set", "t", "101", to]);
            assert_eq!(
                o.status.code(),
                Some(2),
                "{case}: refused, the name to give"
            );
            assert!(
                stderr(&o).contains("--name"),
                "{case}: says how: {}",
                stderr(&o)
            );
            assert!(!stderr(&o).contains(NAME), "{case}: never quotes the name");
            assert_clean(&d, &case);
            assert_eq!(status_of(&d, "t", "101"), from, "{case}: unchanged");
            ok(&d, &["set", "t", "101", to, "--name", "星河科技"]);
            assert_clean(&d, &case);
            let shared = std::fs::read_to_string(d.join("t.toml")).unwrap();
            assert!(
                shared.contains("星河科技"),
                "{case}: the company's name is shared"
            );
            // none at all is as good
            let (_t, d) = data_dir();
            household(&d, from);
            ok(&d, &["set", "t", "101", to, "--name", ""]);
            assert_clean(&d, &format!("{case} --name \"\""));
        }
    }
}

#[test]
fn the_map_asks_for_the_company_and_never_takes_the_household_s_name() {
    for from in FROM {
        for (to, key) in TO {
            let case = format!("map {from} → {key}");
            let mut h = Harness::new("t:1x1");
            fill(&h.dir, from);
            h.rescan();
            h.keys(key);
            // the status is set, the household's name is not carried over, and the notice asks
            // for the company's name (Enter opens the form)
            assert!(
                !matches!(h.app.mode, Mode::Form(_)),
                "{case}: one key sets it"
            );
            assert_eq!(h.status("t", "101"), to, "{case}");
            assert_eq!(
                h.unit("t", "101").name,
                None,
                "{case}: no name carried over"
            );
            assert_clean(&h.dir, &case);
            h.keys("<Enter>");
            h.keys("星河科技<Enter>");
            assert_eq!(h.status("t", "101"), to, "{case}: saved");
            assert_eq!(h.unit("t", "101").name.as_deref(), Some("星河科技"));
            assert_clean(&h.dir, &case);
        }
    }
    // a selection holding a household: the status is set, no household's name is carried over,
    // and the notice asks for each company's name
    let mut h = Harness::new("t:1x2");
    fill(&h.dir, "healthy");
    h.rescan();
    h.keys("vl3");
    assert_eq!(h.status("t", "101"), "not-resumed");
    assert_eq!(h.unit("t", "101").name, None);
    assert_clean(&h.dir, "a selection");
}

#[test]
fn an_import_without_the_company_s_name_is_refused() {
    for from in FROM {
        for (to, _) in TO {
            let case = format!("import {from} → {to}");
            let (t, d) = data_dir();
            household(&d, from);
            // a file named after the household: its name never becomes the unit's `source`
            let csv = t.path().join(format!("{NAME}家.csv"));
            std::fs::write(&csv, format!("房号,状态\n101,{to}\n")).unwrap();
            let csv = csv.to_str().unwrap();
            let o = loupan(
                &d,
                &[
                    "import",
                    csv,
                    "--building",
                    "t",
                    "--prefer-ledger",
                    "--apply",
                ],
            );
            assert_ne!(o.status.code(), Some(0), "{case}: refused");
            assert_clean(&d, &case);
            std::fs::write(
                t.path().join(format!("{NAME}家.csv")),
                format!("房号,状态,名称\n101,{to},星河科技\n"),
            )
            .unwrap();
            ok(
                &d,
                &[
                    "import",
                    csv,
                    "--building",
                    "t",
                    "--prefer-ledger",
                    "--apply",
                ],
            );
            assert_eq!(status_of(&d, "t", "101"), to, "{case}");
            assert_clean(&d, &case);
        }
    }
}

/// Another laptop made the household's unit a company and the merge brought only the status:
/// the name this station keeps is still the household's, and no later save shares it.
#[test]
fn a_company_status_merged_in_never_shares_the_name_kept_here() {
    for (to, _) in TO {
        let case = format!("merged → {to}");
        let (_t, d) = data_dir();
        household(&d, "healthy");
        let file = d.join("t.toml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace("status = \"healthy\"", &format!("status = \"{to}\"")),
        )
        .unwrap();
        let o = loupan(&d, &["--lang", "en", "set", "t", "101", "--people", "5"]);
        assert_eq!(o.status.code(), Some(2), "{case}: {}", stderr(&o));
        assert!(stderr(&o).contains("--name"), "{case}: {}", stderr(&o));
        assert_clean(&d, &case);
        ok(
            &d,
            &["set", "t", "101", "--people", "5", "--name", "星河科技"],
        );
        assert_clean(&d, &case);
    }
}

/// The company commands write units too (a unit takes its colour from its companies): a company
/// filed in a household's unit, moved into it, or moved out and back, never carries the household's
/// values into the shared file. Every status a household can hold × every company writer, then
/// the company's own status transitions: the shared file's bytes hold no personal value, and
/// the household's contact and note are still the station's.
#[test]
fn company_commands_never_move_a_household_s_values_into_the_shared_file() {
    type Writer = (&'static str, &'static [&'static [&'static str]]);
    const WRITERS: [Writer; 4] = [
        ("company add", &[&["company", "add", "t", "101", "新公司"]]),
        (
            "company add, resumed",
            &[&[
                "company",
                "add",
                "t",
                "101",
                "新公司",
                "--status",
                "resumed",
            ]],
        ),
        (
            "company add over two units",
            &[&["company", "add", "t", "101,102", "新公司"]],
        ),
        (
            "company set --units into the unit",
            &[
                &["company", "add", "t", "102", "新公司"],
                &["company", "set", "t", "c1", "--units", "101,102"],
            ],
        ),
    ];
    const THEN: [&[&str]; 4] = [
        &["company", "set", "t", "c1", "--status", "resumed"],
        &["company", "set", "t", "c1", "--status", "not-resumed"],
        &["company", "set", "t", "c1", "--units", "102"],
        &["company", "set", "t", "c1", "--units", "101,102"],
    ];
    for from in FROM {
        for (writer, steps) in WRITERS {
            let (_t, d) = data_dir();
            new_building(&d, "t", 1, 2);
            fill(&d, from);
            let case = format!("{from} → {writer}");
            for step in steps.iter().chain(THEN.iter()) {
                ok(&d, step);
                assert_clean(&d, &format!("{case}, {step:?}"));
            }
            let u = unit_json(&d, "t", "101");
            assert_eq!(u["contact"], CONTACT, "{case}: the contact is kept: {u}");
            assert_eq!(u["note"], NOTE, "{case}: the note is kept: {u}");
        }
    }
}
