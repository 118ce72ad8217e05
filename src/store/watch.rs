//! Noticing outside changes: which building files changed since an open map last saw them, and
//! the watcher (inotify, or polling on network file systems) that says when to look. Answers in
//! the store's own types; the TUI wraps them into its messages.

use super::load::{Loaded, load_one};
use super::paths;
use super::stamp::Stamp;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a rescan found.
#[derive(Debug)]
pub enum Change {
    /// A building's file changed (or appeared): here it is, reloaded.
    Loaded(Loaded),
    /// A building's file is gone.
    Removed(String),
}

/// The stamp of every building file as an open map last saw it — by loading it, or by saving it
/// (the stamp the write path took under its lock).
pub struct Tracker {
    dir: PathBuf,
    seen: HashMap<String, Seen>,
}

enum Seen {
    /// Still being loaded for the first time: the loader reports it.
    Pending,
    /// Read or written with this stamp (`None`: the file was not there).
    At(Option<Stamp>),
}

impl Tracker {
    pub fn new(dir: &Path, pending: &[String]) -> Tracker {
        Tracker {
            dir: dir.to_path_buf(),
            seen: pending
                .iter()
                .map(|id| (id.clone(), Seen::Pending))
                .collect(),
        }
    }

    /// The loader read this version of a building.
    pub fn loaded(&mut self, id: &str, stamp: Option<Stamp>) {
        self.seen.insert(id.to_string(), Seen::At(stamp));
    }

    /// This map saved a building; `stamp` is what the write path took under its lock.
    pub fn saved(&mut self, id: &str, stamp: Option<Stamp>) {
        self.loaded(id, stamp);
    }

    /// Every building whose file differs from what was seen, reloaded; new files; removed ones.
    pub fn scan(&mut self) -> Vec<Change> {
        let Ok(ids) = paths::list_ids(&self.dir) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for id in &ids {
            let now = Stamp::of(&paths::file_of(&self.dir, id));
            match self.seen.get(id) {
                Some(Seen::Pending) => continue,
                Some(Seen::At(s)) if *s == now => continue,
                _ => {}
            }
            let l = load_one(&self.dir, id);
            self.loaded(id, l.stamp);
            out.push(Change::Loaded(l));
        }
        let present: std::collections::HashSet<&String> = ids.iter().collect();
        let gone: Vec<String> = self
            .seen
            .keys()
            .filter(|id| !present.contains(id))
            .cloned()
            .collect();
        for id in gone {
            self.seen.remove(&id);
            out.push(Change::Removed(id));
        }
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
pub fn watch(dir: &Path, poll: bool, changed: impl Fn() -> bool + Send + 'static) -> Watcher {
    if poll {
        std::thread::spawn(move || {
            while changed() {
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        return Watcher { _inner: None };
    }
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
            d.watch(dir, notify::RecursiveMode::NonRecursive).ok()?;
            Some(d)
        });
    Watcher { _inner: inner }
}
