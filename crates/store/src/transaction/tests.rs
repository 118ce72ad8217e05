//! The transaction on real files in a temporary directory.

use super::*;
use loupan_core::private::set_unit;
use std::cell::RefCell;

thread_local! {
    static WRITES: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
}

/// Called by `write` after each file it wrote (test builds only): the order of the writes.
pub(super) fn wrote(path: &Path) {
    WRITES.with(|w| w.borrow_mut().push(path.to_path_buf()));
}

fn writes() -> Vec<PathBuf> {
    WRITES.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

const TEXT: &str = "name = \"T\"\nfloors = \"1-2\"\nunits-per-floor = 2\n\n[units]\n101 = { status = \"unknown\" }\n";

fn building() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().expect("temp dir");
    let path = d.path().join("t.toml");
    std::fs::write(&path, TEXT).expect("write");
    (d, path)
}

/// The text with unit 101's status replaced.
fn with_status(text: &str, status: &str) -> String {
    text.replace("\"unknown\"", &format!("\"{status}\""))
}

/// `text` as loupan writes it with unit `label` given `status` (a neighbour's save).
fn neighbour(text: &str, label: &str, status: loupan_core::status::Status) -> String {
    let b = codec::parse("t", text.as_bytes()).expect("parses");
    let mut doc: toml_edit::DocumentMut = text.parse().expect("toml");
    let unit = b.units.iter().find(|u| u.label == label).expect("unit");
    let mut r = unit.record.clone();
    r.status = status;
    codec::set_unit(&mut doc, label, &r);
    doc.to_string()
}

/// An edit that sets unit 101 to `status` in whatever text it is given.
fn set_101(status: &'static str) -> impl FnMut(&Current<'_>) -> Result<((), Change), WriteError> {
    move |c| {
        let text = with_status(&c.text(), status);
        let change = Change {
            text: Some(text),
            private: None,
        };
        Ok(((), change))
    }
}

#[test]
fn a_write_replaces_the_file_and_takes_the_stamp_under_the_lock() {
    let (d, path) = building();
    let done = run(&path, "t", Mode::Write, set_101("healthy")).expect("saved");
    assert!(done.written);
    let now = std::fs::read_to_string(&path).expect("read");
    assert!(now.contains("\"healthy\""), "{now}");
    assert_eq!(done.stamp, crate::private::stamp(d.path(), "t"));
    assert!(
        d.path().join(".t.toml.lock").exists(),
        "the lock file is beside it"
    );
}

#[test]
fn a_plan_writes_nothing_and_takes_no_lock() {
    let (d, path) = building();
    let done = run(&path, "t", Mode::Plan, set_101("healthy")).expect("planned");
    assert!(!done.written);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), TEXT);
    assert!(!d.path().join(".t.toml.lock").exists());
}

#[test]
fn a_stale_temp_file_is_removed() {
    let (d, path) = building();
    let stale = d.path().join(".t.toml.a1B2c3");
    std::fs::write(&stale, "half a file").expect("write");
    let other = d.path().join(".t.toml.notatemp");
    std::fs::write(&other, "keep").expect("write");
    run(&path, "t", Mode::Write, set_101("healthy")).expect("saved");
    assert!(!stale.exists(), "a killed writer's temp is gone");
    assert!(other.exists(), "only six-character temp names are loupan's");
}

#[test]
fn a_file_that_does_not_parse_is_never_overwritten() {
    let (_d, path) = building();
    let broken = "name = \"T\"\nfloors = \n";
    std::fs::write(&path, broken).expect("write");
    let mut called = false;
    let r = run(&path, "t", Mode::Write, |_| {
        called = true;
        Ok((
            (),
            Change {
                text: Some(TEXT.into()),
                private: None,
            },
        ))
    });
    assert!(matches!(r, Err(WriteError::Broken(_))), "{r:?}");
    assert!(!called, "the edit never sees a broken file");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);
}

#[test]
fn an_edit_that_would_not_parse_is_not_written() {
    let (_d, path) = building();
    let r = run(&path, "t", Mode::Write, |_| {
        Ok((
            (),
            Change {
                text: Some("floors = [".into()),
                private: None,
            },
        ))
    });
    assert!(matches!(r, Err(WriteError::Io(_))), "{r:?}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), TEXT);
}

#[test]
fn a_neighbours_save_after_the_plan_merges_without_planning_again() {
    let (_d, path) = building();
    let mut runs = 0;
    let done = run(&path, "t", Mode::Write, |c| {
        runs += 1;
        if runs == 1 {
            // a neighbour saves between this plan and the lock: another unit's line appears
            let moved = neighbour(TEXT, "102", loupan_core::status::Status::Vacant);
            std::fs::write(&path, moved).expect("write");
        }
        set_101("healthy")(c)
    })
    .expect("saved");
    assert_eq!(runs, 1, "merged under the lock, not planned again");
    assert!(done.written);
    let now = std::fs::read_to_string(&path).expect("read");
    assert!(
        now.contains("102 = { status = \"vacant\" }"),
        "the neighbour's save is kept: {now}"
    );
    assert!(now.contains("101 = { status = \"healthy\" }"), "{now}");
}

#[test]
fn a_file_changed_under_the_lock_is_not_clobbered() {
    let (_d, path) = building();
    let mut runs = 0;
    let r = run(&path, "t", Mode::Write, |c| {
        runs += 1;
        // git or an editor ignores the lock: the file moves on every plan, the last one too
        let moved = format!("{}# touched {}\n", c.text(), "x".repeat(runs));
        std::fs::write(&path, &moved).expect("write");
        set_101("healthy")(c)
    });
    assert!(matches!(r, Err(WriteError::Io(_))), "{r:?}");
    let now = std::fs::read_to_string(&path).expect("read");
    assert!(
        now.ends_with("# touched xxxx\n"),
        "the outside change stays: {now}"
    );
    assert!(!now.contains("healthy"));
}

#[test]
fn the_private_store_is_written_before_the_shared_file() {
    let (d, path) = building();
    let _ = writes();
    run(&path, "t", Mode::Write, |c| {
        let mut p = c.private.clone();
        let mut r = c.shared.units[0].record.clone();
        r.name = Some("张家".into());
        set_unit(&mut p, "101", &r, crate::today());
        let text = with_status(&c.text(), "healthy");
        Ok((
            (),
            Change {
                text: Some(text),
                private: Some(p),
            },
        ))
    })
    .expect("saved");
    let private = crate::private::file_of(d.path(), "t");
    assert_eq!(
        writes(),
        vec![private.clone(), path.canonicalize().expect("canonical")]
    );
    let kept = std::fs::read_to_string(&private).expect("private file");
    assert!(kept.contains("张家"), "{kept}");
    let shared = std::fs::read_to_string(&path).expect("read");
    assert!(!shared.contains("张家"), "{shared}");
}

#[test]
fn an_unreadable_private_file_stops_the_save() {
    let (d, path) = building();
    let private = crate::private::file_of(d.path(), "t");
    std::fs::create_dir_all(private.parent().expect("dir")).expect("mkdir");
    std::fs::write(&private, "[units\n").expect("write");
    let r = run(&path, "t", Mode::Write, set_101("healthy"));
    assert!(matches!(r, Err(WriteError::Io(_))), "{r:?}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), TEXT);
}

#[test]
fn a_symlinked_building_is_written_through_its_link() {
    let d = tempfile::tempdir().expect("temp dir");
    let real = d.path().join("real");
    std::fs::create_dir(&real).expect("mkdir");
    std::fs::write(real.join("t.toml"), TEXT).expect("write");
    let data = d.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    let link = data.join("t.toml");
    std::os::unix::fs::symlink(real.join("t.toml"), &link).expect("symlink");
    run(&link, "t", Mode::Write, set_101("healthy")).expect("saved");
    assert!(
        link.symlink_metadata()
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    let now = std::fs::read_to_string(real.join("t.toml")).expect("read");
    assert!(now.contains("healthy"), "{now}");
    assert!(
        real.join(".t.toml.lock").exists(),
        "the lock is the real file's"
    );
    assert!(!data.join(".t.toml.lock").exists());
}

#[test]
fn nothing_to_change_writes_nothing() {
    let (_d, path) = building();
    let before = Stamp::of(&path);
    let done = run(&path, "t", Mode::Write, |c| {
        Ok((
            (),
            Change {
                text: Some(c.text().into_owned()),
                private: Some(c.private.clone()),
            },
        ))
    })
    .expect("ran");
    assert!(!done.written, "the same text and values are no change");
    assert_eq!(Stamp::of(&path), before);
}

#[test]
fn a_neighbour_who_set_the_same_field_makes_the_plan_run_again() {
    let (_d, path) = building();
    let mut runs = 0;
    let done = run(&path, "t", Mode::Write, |c| {
        runs += 1;
        if runs == 1 {
            // the neighbour set 101 too: no merge decides between the two, the edit runs again
            std::fs::write(&path, with_status(TEXT, "vacant")).expect("write");
        }
        let text = c.text().replace("\"vacant\"", "\"unknown\"");
        set_101("healthy")(&Current {
            bytes: text.as_bytes(),
            ..*c
        })
    })
    .expect("saved");
    assert_eq!(runs, 2, "planned again once the same field moved");
    assert!(done.written);
    let now = std::fs::read_to_string(&path).expect("read");
    assert!(now.contains("101 = { status = \"healthy\" }"), "{now}");
}

#[test]
fn a_neighbours_personal_save_is_never_merged_over() {
    let (d, path) = building();
    let mut runs = 0;
    run(&path, "t", Mode::Write, |c| {
        runs += 1;
        if runs == 1 {
            // a neighbour saved a name (private part) and a status between our plan and the lock
            let mut p = c.private.clone();
            let mut r = c.shared.units[1].record.clone();
            r.name = Some("王芳".into());
            set_unit(&mut p, "102", &r, crate::today());
            crate::private::write(d.path(), "t", &p).expect("write private");
            let moved = neighbour(TEXT, "102", loupan_core::status::Status::Healthy);
            std::fs::write(&path, moved).expect("write");
        }
        set_101("healthy")(c)
    })
    .expect("saved");
    assert_eq!(
        runs, 2,
        "the personal part moved: planned again, not merged"
    );
}

#[test]
fn a_neighbour_who_saved_the_same_unit_is_never_merged_into_our_plan() {
    // even to the same value: what our edit checked (the unit as the user saw it) has moved
    let (_d, path) = building();
    let mut runs = 0;
    run(&path, "t", Mode::Write, |c| {
        runs += 1;
        if runs == 1 {
            let moved = neighbour(TEXT, "101", loupan_core::status::Status::Healthy);
            std::fs::write(&path, moved).expect("write");
        }
        set_101("healthy")(c)
    })
    .expect("saved");
    assert_eq!(runs, 2, "planned again: the unit it planned on moved");
}
