//! The merge driver under fire: two laptops make random sequences of edits from one base; git
//! merges them, with loupan's driver and without it. The result must be what a unit-by-unit
//! (with the driver: field-by-field) merge gives, and the file must parse — or the merge must
//! stop with a conflict that `loupan check` names.

mod common;
use common::*;
use loupan::core::codec;
use loupan::core::edit::UnitEdit;
use loupan::core::fields::Field;
use loupan::core::model::Record;
use proptest::prelude::*;

/// One edit: a unit index and the fields it sets.
fn edit() -> impl Strategy<Value = (usize, Vec<(&'static str, &'static str)>)> {
    let field = prop_oneof![
        Just(("status", "healthy")),
        Just(("status", "isolating")),
        Just(("status", "vacant")),
        Just(("note", "电话随访")),
        Just(("note", "送菜")),
        Just(("people", "2")),
        Just(("people", "5")),
        Just(("live-work", "yes")),
        Just(("name", "王家")),
    ];
    (0usize..9, proptest::collection::vec(field, 1..3))
}

fn apply(path: &std::path::Path, edits: &[(usize, Vec<(&str, &str)>)], labels: &[String]) {
    for (u, fields) in edits {
        station(path.parent().expect("dir"))
            .apply_edits(
                &bid("t"),
                &[UnitEdit {
                    unit: labels[*u].clone(),
                    expect: None,
                    change: change(fields),
                }],
            )
            .expect("edit");
    }
}

/// The field-by-field rule, written here apart from the code under test: a field changed on one
/// side takes that side; changed both ways, the unit is a conflict.
fn by_field(base: &Record, ours: &Record, theirs: &Record) -> Option<Record> {
    let mut r = ours.clone();
    for &f in Field::ALL {
        let (b, o, t) = (f.get(base), f.get(ours), f.get(theirs));
        if o == t || t == b {
            continue;
        }
        if o != b {
            return None;
        }
        f.set(&mut r, t);
    }
    Some(r)
}

fn records(path: &std::path::Path) -> Vec<Record> {
    codec::parse("t", &std::fs::read(path).unwrap())
        .unwrap()
        .units
        .into_iter()
        .map(|u| u.record)
        .collect()
}

proptest! {
    #![proptest_config(common::seed::config(64))]

    #[test]
    fn random_edit_sequences_merge_as_the_model_says(
        ours in proptest::collection::vec(edit(), 1..6),
        theirs in proptest::collection::vec(edit(), 1..6),
        driver in any::<bool>(),
    ) {
        let t = tempfile::tempdir().unwrap();
        let repo = t.path();
        let d = repo.join("buildings");
        let path = new_building(&d, "t", 3, 3);
        let labels: Vec<String> = codec::parse("t", &std::fs::read(&path).unwrap()).unwrap().units.iter().map(|u| u.label.to_string()).collect();
        git_init(repo);
        if driver {
            ok(&d, &["init"]);
            git_ok(repo, &["add", "-A"]);
            git_ok(repo, &["commit", "-qm", "driver"]);
        }
        let base = records(&path);
        git_ok(repo, &["checkout", "-qb", "theirs"]);
        apply(&path, &theirs, &labels);
        git_ok(repo, &["commit", "-qam", "theirs", "--allow-empty"]);
        let t_recs = records(&path);
        git_ok(repo, &["checkout", "-q", "main"]);
        apply(&path, &ours, &labels);
        git_ok(repo, &["commit", "-qam", "ours", "--allow-empty"]);
        let o_recs = records(&path);
        let m = git(repo, &["merge", "-q", "--no-edit", "theirs"]);

        // the model: with the driver, field by field; without it, unit by unit (one line each)
        let mut expect = Vec::new();
        let mut clash = Vec::new();
        for i in 0..labels.len() {
            let (b, o, th) = (&base[i], &o_recs[i], &t_recs[i]);
            let merged = if driver {
                by_field(b, o, th)
            } else if o == th || th == b {
                Some(o.clone())
            } else if o == b {
                Some(th.clone())
            } else {
                None
            };
            match merged {
                Some(r) => expect.push(r),
                None => {
                    clash.push(labels[i].clone());
                    expect.push(o.clone());
                }
            }
        }
        if clash.is_empty() {
            prop_assert!(m.status.success(), "a clean merge expected: {}{}", stdout(&m), stderr(&m));
            prop_assert_eq!(records(&path), expect, "the merged units");
            ok(&d, &["check"]);
        } else {
            prop_assert!(!m.status.success(), "a conflict expected on {:?}", clash);
            let c = loupan(&d, &["check"]);
            prop_assert_eq!(c.status.code(), Some(1));
            let out = stdout(&c);
            prop_assert!(out.contains("conflict"), "{}", out);
            for u in &clash {
                prop_assert!(out.contains(u.as_str()), "check names {}: {}", u, out);
            }
            // every unit that merged cleanly is already in place on our side of the markers
            if driver {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, l) in labels.iter().enumerate() {
                    if !clash.contains(l) {
                        let line = format!("{} = {}", l, codec::record_value(&expect[i]).to_string().trim());
                        prop_assert!(text.contains(&line), "{} merged: {}", l, line);
                    }
                }
            }
        }
    }
}
