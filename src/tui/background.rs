//! The threads the event loop listens to: the loader (first building alone, then the rest on all
//! cores), terminal input, signals, ticks, the file watcher, and git state. Each sends `Event`s
//! down one channel.

use super::app::GitState;
use super::run::{Event, Source, load};
use crate::core::codec;
use crate::core::diff;
use crate::core::text::SmallStr;
use crate::store::{self, git, paths};
use anyhow::Result;
use ratatui::crossterm::event;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

pub(super) fn spawn_loader(dir: &Path, source: &Source, ids: Vec<String>, tx: Sender<Event>) {
    let dir = dir.to_path_buf();
    let source = source.clone();
    std::thread::spawn(move || {
        if ids.is_empty() {
            return;
        }
        // The first building first, alone: it is the first screen.
        let (s, r) = load(&dir, &source, &ids[0]);
        let _ = tx.send(Event::Loaded(0, s, r));
        store::load::each_parallel(1..ids.len(), |i| {
            let (s, r) = load(&dir, &source, &ids[i]);
            tx.send(Event::Loaded(i, s, r)).is_ok()
        });
    });
}

pub(super) fn spawn_input(tx: Sender<Event>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Event::Term(ev)).is_err() {
                break;
            }
        }
    });
}

/// SIGHUP (ssh dropped), SIGTERM, SIGINT, SIGQUIT: leave the loop between edits, restore, exit.
pub(super) fn spawn_signals(tx: Sender<Event>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Event::Signal);
        }
    });
    Ok(())
}

pub(super) fn spawn_ticks(tx: Sender<Event>) {
    std::thread::spawn(move || {
        while tx.send(Event::Tick).is_ok() {
            std::thread::sleep(Duration::from_millis(250));
        }
    });
}

/// Change events (or, with `poll`, a timer) trigger a rescan of file stamps.
pub(super) fn watch(dir: &Path, poll: bool, tx: Sender<Event>) -> Option<Box<dyn std::any::Any>> {
    if poll {
        std::thread::spawn(move || {
            while tx.send(Event::Scan).is_ok() {
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        return None;
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
            let _ = tx.send(Event::Scan);
        }
    };
    let mut d =
        notify_debouncer_full::new_debouncer(Duration::from_millis(120), None, handler).ok()?;
    d.watch(dir, notify::RecursiveMode::NonRecursive).ok()?;
    Some(Box::new(d))
}

/// Git state in the background: branch, ahead/behind, and which units differ from HEAD.
pub(super) fn spawn_git(dir: PathBuf, tx: Sender<Event>) -> Sender<()> {
    let (req_tx, req_rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        if !git::is_repo(&dir) {
            return;
        }
        while req_rx.recv().is_ok() {
            while req_rx.try_recv().is_ok() {}
            let (state, changed) = git_state(&dir);
            if tx.send(Event::Git(state, changed)).is_err() {
                break;
            }
        }
    });
    req_tx
}

type Uncommitted = Vec<(String, Vec<SmallStr>)>;

pub fn git_state(dir: &Path) -> (GitState, Uncommitted) {
    let b = git::branch_state(dir).unwrap_or_default();
    let head = git::has_head(dir);
    let mut review = Vec::new();
    let mut changed = Vec::new();
    let mut by_status: HashMap<&'static str, usize> = HashMap::new();
    let ids = if head {
        git::changed_ids(dir, "HEAD").unwrap_or_default()
    } else {
        paths::list_ids(dir).unwrap_or_default()
    };
    for id in ids {
        let file = format!("{id}.toml");
        let old = if head {
            git::show(dir, "HEAD", &file).and_then(|b| codec::parse(&id, &b).ok())
        } else {
            None
        };
        let new = std::fs::read(paths::file_of(dir, &id))
            .ok()
            .and_then(|b| codec::parse(&id, &b).ok());
        let changes = diff::unit_changes(old.as_ref(), new.as_ref());
        let name = new
            .as_ref()
            .or(old.as_ref())
            .map_or(id.clone(), |b| b.name.clone());
        for c in &changes {
            review.push(format!("{name} {}: {}", c.unit, diff::describe(c)));
            if let Some(a) = &c.after {
                *by_status.entry(a.status.key()).or_default() += 1;
            }
        }
        changed.push((
            id,
            changes
                .iter()
                .map(|c| SmallStr::from(c.unit.as_str()))
                .collect(),
        ));
    }
    let mut parts: Vec<String> = by_status.iter().map(|(s, n)| format!("{s} {n}")).collect();
    parts.sort();
    let summary = if review.is_empty() {
        String::new()
    } else {
        format!("Update {} unit(s): {}", review.len(), parts.join(", "))
    };
    (
        GitState {
            branch: b.branch,
            ahead: b.ahead,
            behind: b.behind,
            review,
            summary,
        },
        changed,
    )
}
