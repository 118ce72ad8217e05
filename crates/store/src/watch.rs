//! Noticing outside changes: which building files changed since an open map last saw them, and
//! the watcher (inotify, or polling on network file systems) that says when to look. Answers in
//! the store's own types; the TUI wraps them into its messages.

use super::load::{Loaded, load_one};
use super::paths;
use super::private;
use super::stamp::Stamp;
use loupan_core::ids::BuildingId;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a rescan found.
#[derive(Debug)]
pub enum Change {
    /// A building's file changed (or appeared): here it is, reloaded.
    Loaded(Loaded),
    /// A building's file is gone.
    Removed(BuildingId),
    /// A day of the journal changed (an entry appended here or elsewhere): its entries now.
    Day(super::journal::Day),
}

/// The stamp of every building file as an open map last saw it — by loading it, or by saving it
/// (the stamp the write path took under its lock).
pub struct Tracker {
    dir: PathBuf,
    seen: HashMap<BuildingId, Seen>,
    /// The journal's day files as last read; `None` until the loader has read the journal (until
    /// then every existing entry would look new).
    days: Option<HashMap<jiff::civil::Date, Option<Stamp>>>,
}

enum Seen {
    /// Still being loaded for the first time: the loader reports it.
    Pending,
    /// Read or written with this stamp (`None`: the file was not there).
    At(Option<Stamp>),
}

impl Tracker {
    pub(crate) fn new(dir: &Path, pending: &[BuildingId]) -> Tracker {
        Tracker {
            dir: dir.to_path_buf(),
            seen: pending
                .iter()
                .map(|id| (id.clone(), Seen::Pending))
                .collect(),
            days: None,
        }
    }

    /// The loader read this version of a building.
    pub fn loaded(&mut self, id: &BuildingId, stamp: Option<Stamp>) {
        self.seen.insert(id.clone(), Seen::At(stamp));
    }

    /// This map saved a building; `stamp` is what the write path took under its lock.
    pub fn saved(&mut self, id: &BuildingId, stamp: Option<Stamp>) {
        self.loaded(id, stamp);
    }

    /// The journal as the map read it at start: every day's stamp.
    pub fn journal_read(&mut self, days: &[(jiff::civil::Date, Option<Stamp>)]) {
        self.days = Some(days.iter().copied().collect());
    }

    /// This map appended to a day; `stamp` is what the append took under its lock.
    pub fn appended(&mut self, day: jiff::civil::Date, stamp: Option<Stamp>) {
        if let Some(days) = &mut self.days {
            days.insert(day, stamp);
        }
    }

    /// The journal days whose files differ from what was seen, read again.
    fn scan_days(&mut self) -> Vec<Change> {
        let mut out = Vec::new();
        let Some(seen) = &mut self.days else {
            return out;
        };
        for day in super::journal::days(&self.dir).unwrap_or_default() {
            let now = super::journal::stamp_of(&self.dir, day);
            if seen.get(&day) == Some(&now) {
                continue;
            }
            let d = super::journal::read_day(&self.dir, day);
            seen.insert(day, d.stamp);
            out.push(Change::Day(d));
        }
        out
    }

    /// Every building whose file differs from what was seen, reloaded; new files; removed ones;
    /// and the journal days that changed.
    pub fn scan(&mut self) -> Vec<Change> {
        let Ok(ids) = paths::list_ids(&self.dir) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for id in &ids {
            let now = super::private::stamp(&self.dir, id);
            match self.seen.get(id) {
                Some(Seen::Pending) => continue,
                Some(Seen::At(s)) if *s == now => continue,
                _ => {}
            }
            let l = load_one(&self.dir, id);
            self.loaded(id, l.stamp);
            out.push(Change::Loaded(l));
        }
        let present: std::collections::HashSet<&BuildingId> = ids.iter().collect();
        let gone: Vec<BuildingId> = self
            .seen
            .keys()
            .filter(|id| !present.contains(id))
            .cloned()
            .collect();
        for id in gone {
            self.seen.remove(&id);
            out.push(Change::Removed(id));
        }
        out.extend(self.scan_days());
        out
    }
}

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watcher {
    _inner: Option<
        notify_debouncer_full::Debouncer<
            notify::RecommendedWatcher,
            notify_debouncer_full::RecommendedCache,
        >,
    >,
}

/// Calls `changed` soon after files in `dir` change: from change events, or, with `poll` (network
/// file systems, whose events never arrive), every half second.
pub(crate) fn watch(
    dir: &Path,
    poll: bool,
    changed: impl Fn() -> bool + Send + 'static,
) -> Watcher {
    if poll {
        std::thread::spawn(move || {
            while changed() {
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        return Watcher { _inner: None };
    }
    // the journal's directory is watched too; made here if it is not there yet, so that the
    // first entry anyone logs is seen (in a read-only directory it cannot be, and nothing is lost)
    let journal = super::journal::dir_of(dir);
    let _ = std::fs::create_dir_all(&journal);
    // (empty folders: git sees nothing until the private store's first value, which names the
    // folder in `.gitignore` before it writes)
    let _ = std::fs::create_dir_all(super::private::notes::dir_of(dir));
    use notify::RecursiveMode::NonRecursive;
    debounced(
        &[
            (dir.to_path_buf(), NonRecursive),
            (journal, NonRecursive),
            // names and notes typed elsewhere change only the private store
            (private::dir_of(dir), NonRecursive),
            (private::notes::dir_of(dir), NonRecursive),
        ],
        changed,
    )
}

/// The street's evening as files: `street.toml` at `root`, and every report under `reports/`
/// (made here if it is not there yet, so that the first station to submit is seen).
pub fn watch_street(
    root: &Path,
    poll: bool,
    changed: impl Fn() -> bool + Send + 'static,
) -> Watcher {
    if poll {
        return watch(root, poll, changed);
    }
    let reports = root.join("reports");
    let _ = std::fs::create_dir_all(&reports);
    use notify::RecursiveMode::{NonRecursive, Recursive};
    debounced(
        &[(root.to_path_buf(), NonRecursive), (reports, Recursive)],
        changed,
    )
}

/// A debounced watch of `paths` (the first must be watchable; the others are watched when they
/// can be) calling `changed` when a TOML file or a folder is written, made or removed.
fn debounced(
    paths: &[(PathBuf, notify::RecursiveMode)],
    changed: impl Fn() -> bool + Send + 'static,
) -> Watcher {
    let handler = move |res: notify_debouncer_full::DebounceEventResult| {
        // reads (ours included) raise access events: only writes, creations and removals count
        if res.is_ok_and(|evs| {
            evs.iter().any(|e| {
                !matches!(e.kind, notify::EventKind::Access(_))
                    && e.paths
                        .iter()
                        .any(|p| p.extension().is_some_and(|x| x == "toml") || p.is_dir())
            })
        }) {
            changed();
        }
    };
    let inner = notify_debouncer_full::new_debouncer(Duration::from_millis(120), None, handler)
        .ok()
        .and_then(|mut d| {
            let (first, rest) = paths.split_first()?;
            d.watch(&first.0, first.1).ok()?;
            for (p, mode) in rest {
                let _ = d.watch(p, *mode);
            }
            Some(d)
        });
    Watcher { _inner: inner }
}
