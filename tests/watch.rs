//! Noticing outside changes: what an open map has seen of each file, and what a rescan finds.

mod common;
use common::*;
use loupan::core::edit::UnitEdit;
use loupan::store::stamp::Stamp;
use loupan::store::watch::Change;

fn set(path: &std::path::Path, unit: &str, status: &str) -> loupan::store::Saved {
    station(path.parent().expect("dir"))
        .apply_edits(
            &bid("t"),
            &[UnitEdit {
                unit: unit.into(),
                expect: None,
                change: change(&[("status", status)]),
            }],
        )
        .expect("saved")
}

fn reloaded(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::Loaded(l) => Some(l.id.to_string()),
            Change::Removed(_) | Change::Day(_) => None,
        })
        .collect()
}

#[test]
fn a_neighbours_save_right_after_ours_is_never_taken_as_seen() {
    let (_t, d) = data_dir();
    let path = new_building(&d, "t", 2, 2);
    let mut tracker = station(&d).tracker(&[bid("t")]);
    tracker.loaded(&bid("t"), Stamp::of(&path));
    assert!(tracker.scan().is_empty(), "nothing changed yet");

    // the map saves; a neighbour's save lands before the map records anything
    let ours = set(&path, "101", "vacant");
    set(&path, "102", "healthy");

    // the map records the stamp its write path took under the lock: the neighbour's save shows
    tracker.saved(&bid("t"), ours.stamp);
    let changes = tracker.scan();
    assert_eq!(
        reloaded(&changes),
        ["t"],
        "the neighbour's save is picked up"
    );
    let Change::Loaded(l) = &changes[0] else {
        unreachable!()
    };
    let b = l.building.as_ref().expect("parses");
    assert_eq!(
        b.units[b.find("102").unwrap()].record.status.key(),
        "healthy"
    );

    // the gap this closes: a stamp taken after the lock was released is the neighbour's
    let mut late = station(&d).tracker(&[bid("t")]);
    set(&path, "101", "resumed");
    set(&path, "102", "vacant");
    late.saved(&bid("t"), Stamp::of(&path));
    assert!(
        late.scan().is_empty(),
        "stamping after the lock misses the neighbour's save"
    );
}

#[test]
fn new_and_removed_files_are_found_and_pending_ones_left_to_the_loader() {
    let (_t, d) = data_dir();
    let a = new_building(&d, "a", 1, 1);
    let mut tracker = station(&d).tracker(&[bid("a")]);
    assert!(
        tracker.scan().is_empty(),
        "a is still loading: the loader reports it"
    );
    tracker.loaded(&bid("a"), Stamp::of(&a));
    new_building(&d, "b", 1, 1);
    assert_eq!(reloaded(&tracker.scan()), ["b"]);
    std::fs::remove_file(&a).unwrap();
    let changes = tracker.scan();
    assert!(
        matches!(changes.as_slice(), [Change::Removed(id)] if id == "a"),
        "{changes:?}"
    );
}

#[test]
fn journal_days_are_news_only_after_the_journal_was_read() {
    let (_t, d) = data_dir();
    new_building(&d, "t", 2, 2);
    ok(&d, &["follow-up", "t", "101", "well"]);
    let mut tracker = station(&d).tracker(&[]);
    let days = |c: &[Change]| c.iter().filter(|c| matches!(c, Change::Day(_))).count();
    // the loader has not read the journal yet: its entries are not someone else's new ones
    assert_eq!(days(&tracker.scan()), 0);
    let whole = station(&d).journal();
    tracker.journal_read(&whole.stamps);
    assert_eq!(
        days(&tracker.scan()),
        0,
        "nothing changed since it was read"
    );
    ok(&d, &["follow-up", "t", "102", "well"]);
    assert_eq!(days(&tracker.scan()), 1, "another entry is news");
}
