//! The street map's figures for the stations not on screen (issue 34): from the per-version
//! counts cache (`.git/loupan/counts`) for building files whose contents git's index holds,
//! reading only the files that changed.

mod common;
use common::*;
use jiff::civil::date;
use loupan::core::i18n::Lang;
use loupan::core::status::Status;
use loupan::store::street_counts::{Known, Taken};
use loupan::tui::street::state::StreetMap;
use loupan::tui::theme::ColorMode;
use std::path::{Path, PathBuf};
use std::process::Command;

fn git_in(cwd: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

/// Two stations of one 3×3 tower each, committed.
fn street() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().to_path_buf();
    git_in(&root, &["init", "-q", "-b", "main"]);
    git_in(&root, &["config", "user.name", "t"]);
    git_in(&root, &["config", "user.email", "t@example.org"]);
    lp_ok(&root, &["street", "init", "Lugu"]);
    for (id, name) in [("s1", "North"), ("s2", "South")] {
        lp_ok(&root, &["station", "add", id, name]);
        let args = ["new", "t", "--name", name, "--floors", "3", "--units", "3"];
        lp_ok(&root, &[&["--station", id][..], &args[..]].concat());
    }
    lp_ok(&root, &["--station", "s2", "set", "t", "201", "isolating"]);
    git_in(&root, &["add", "-A"]);
    git_in(&root, &["commit", "-qm", "street"]);
    (t, root)
}

/// Every building file written an hour ago: settled, as git saw it.
fn age(root: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for s in ["s1", "s2"] {
        let f = std::fs::File::options()
            .append(true)
            .open(root.join("stations").join(s).join("t.toml"))
            .unwrap();
        f.set_modified(past).unwrap();
    }
}

fn counts_file(root: &Path) -> PathBuf {
    root.join(".git/loupan/counts")
}

#[test]
fn a_stations_figures_are_read_once_then_taken_from_the_cache() {
    let (_t, root) = street();
    // a file written in the last seconds may not be the version git named: read, not remembered
    let known = Known::open(&root);
    let (first, taken) = known.station("s2").unwrap();
    assert_eq!(taken, Taken { cached: 0, read: 1 });
    assert_eq!(first[0].unwrap().get(Status::Isolating), 1);
    known.save();
    let (_, taken) = Known::open(&root).station("s2").unwrap();
    assert_eq!(taken, Taken { cached: 0, read: 1 });
    age(&root);
    let known = Known::open(&root);
    known.station("s2").unwrap();
    known.save();
    let (again, taken) = Known::open(&root).station("s2").unwrap();
    assert_eq!(taken, Taken { cached: 1, read: 0 });
    assert_eq!(again, first);
    // the cache's word is taken, not the file's: a count planted in it shows
    let text = std::fs::read_to_string(counts_file(&root)).unwrap();
    let planted: String = text
        .lines()
        .map(|l| match l.split_once(' ') {
            Some((oid, rest)) if !l.starts_with('#') => {
                let rest = rest.split_once(' ').unwrap().1;
                format!("{oid} 999 {rest}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    std::fs::write(counts_file(&root), planted).unwrap();
    let (planted, _) = Known::open(&root).station("s2").unwrap();
    assert_eq!(planted[0].unwrap().units, 999);
}

#[test]
fn a_file_changed_since_the_index_is_read_not_taken_from_the_cache() {
    let (_t, root) = street();
    age(&root);
    let known = Known::open(&root);
    known.station("s2").unwrap();
    known.save();
    lp_ok(&root, &["--station", "s2", "set", "t", "101", "isolating"]);
    let (now, taken) = Known::open(&root).station("s2").unwrap();
    assert_eq!(taken, Taken { cached: 0, read: 1 });
    assert_eq!(now[0].unwrap().get(Status::Isolating), 2);
    // a file that does not read counts as broken; outside git everything is read
    std::fs::write(root.join("stations/s1/t.toml"), "not [ a building").unwrap();
    let (broken, taken) = Known::open(&root).station("s1").unwrap();
    assert_eq!((broken, taken), (vec![None], Taken { cached: 0, read: 1 }));
    std::fs::remove_dir_all(root.join(".git")).unwrap();
    let (outside, taken) = Known::open(&root).station("s2").unwrap();
    assert_eq!((outside, taken.read), (now, 1));
}

#[test]
fn counted_figures_make_a_station_whole_without_its_towers() {
    let (_t, root) = street();
    let e = loupan::store::street::evening(&root, Some(date(2020, 2, 14))).unwrap();
    let mut m = StreetMap::new(Lang::En, ColorMode::None, date(2020, 2, 14), e.rows);
    let (counts, _) = Known::open(&root).station("s2").unwrap();
    assert!(!m.stations[1].complete());
    m.counted(1, Ok(counts));
    let s2 = &m.stations[1];
    assert!(
        s2.complete() && !s2.towers_asked(),
        "whole, its towers still to read"
    );
    let f = s2.figures();
    assert_eq!(
        (f.towers, f.read, f.broken, f.isolating()),
        (1, 1, 0, "1".into())
    );
    m.counted(0, Ok(vec![None]));
    assert_eq!(m.stations[0].figures().broken, 1);
    // drawn as whole: the towers' count, not a wait
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).unwrap();
    term.draw(|f| loupan::tui::street::draw::render(f, &m))
        .unwrap();
    let text = common::screen::buffer_text(term.backend().buffer());
    let south = text.lines().find(|l| l.contains("South")).unwrap();
    let cells: Vec<&str> = south.split(['│', ' ']).filter(|c| !c.is_empty()).collect();
    assert!(
        !south.contains('…') && cells.last() == Some(&"1"),
        "{south}"
    );
}
