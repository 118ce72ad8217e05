//! The threads the event loop listens to: the loader (first building alone, then the rest on all
//! cores), terminal input, signals, ticks, and git state. Each sends `Event`s down one channel.

use super::effects::Source;
use super::run::Event;
use loupan_core::ids::BuildingId;
use loupan_store::{self as store, Station};
use ratatui::crossterm::event;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::sync::{Mutex, Once};
use std::time::Duration;

/// Days a building's trend covers in the map, today included.
pub const TREND_DAYS: usize = 14;

pub fn spawn_loader(
    station: Arc<Station>,
    source: &Source,
    ids: Vec<BuildingId>,
    tx: Sender<Event>,
) {
    let source = source.clone();
    std::thread::spawn(move || {
        let load = |id: &BuildingId| match &source {
            Source::Rev(rev) => station.load_at(rev, id),
            _ => station.load(id),
        };
        if let Some(first) = ids.first() {
            // The first building first, alone: it is the first screen.
            let _ = tx.send(Event::Loaded(load(first)));
            match &source {
                // a past revision: every file through git, parsed as it streams
                Source::Rev(rev) => {
                    let _ =
                        station.stream_at(rev, Some(first), |l| tx.send(Event::Loaded(l)).is_ok());
                }
                _ => store::load::each_parallel(1..ids.len(), |i| {
                    tx.send(Event::Loaded(load(&ids[i]))).is_ok()
                }),
            }
        }
        // then the journal: the strip, the marks and Today need it, the first screen does not
        let _ = tx.send(Event::Journal(station.journal()));
        // last the trends, from git: the days before today (today's figures are the map's own)
        if matches!(source, Source::Dir) && station.in_repo() {
            let today = store::today();
            let mut days = loupan_core::trend::window(today, TREND_DAYS);
            days.pop();
            if let Ok((days, _)) = station.trend(&days, today) {
                let _ = tx.send(Event::Trend(days));
            }
        }
    });
}

/// Where the terminal's events go: the screen that has the terminal now, and what came while
/// none had it (between the street's map and a station's), kept for the next.
struct Inbox {
    forward: Option<Box<dyn Fn(event::Event) -> bool + Send>>,
    queued: Vec<event::Event>,
}

static INBOX: Mutex<Inbox> = Mutex::new(Inbox {
    forward: None,
    queued: Vec::new(),
});

/// Events kept while no screen listens; beyond this the oldest go.
const MOST_QUEUED: usize = 64;

/// The terminal's events go to this screen until the guard is dropped. One reader thread serves
/// every screen of the process in turn: a reader per screen would leave one behind, blocked in
/// its read, to eat the next screen's first key.
pub struct Input;

impl Drop for Input {
    fn drop(&mut self) {
        if let Ok(mut inbox) = INBOX.lock() {
            inbox.forward = None;
        }
    }
}

pub fn spawn_input<E: Send + 'static>(tx: Sender<E>, wrap: fn(event::Event) -> E) -> Input {
    static READER: Once = Once::new();
    if let Ok(mut inbox) = INBOX.lock() {
        let queued = std::mem::take(&mut inbox.queued);
        for ev in queued {
            let _ = tx.send(wrap(ev));
        }
        inbox.forward = Some(Box::new(move |ev| tx.send(wrap(ev)).is_ok()));
    }
    READER.call_once(|| {
        std::thread::spawn(|| {
            while let Ok(ev) = event::read() {
                let Ok(mut inbox) = INBOX.lock() else { break };
                let delivered = inbox.forward.as_ref().is_some_and(|f| f(ev.clone()));
                if !delivered {
                    inbox.forward = None;
                    if inbox.queued.len() == MOST_QUEUED {
                        inbox.queued.remove(0);
                    }
                    inbox.queued.push(ev);
                }
            }
        });
    });
    Input
}

/// SIGHUP (ssh dropped), SIGTERM, SIGINT, SIGQUIT: leave the loop between edits, restore, exit.
/// Listens until the guard is dropped.
pub struct Signals(signal_hook::iterator::Handle);

impl Drop for Signals {
    fn drop(&mut self) {
        self.0.close();
    }
}

pub fn spawn_signals<E: Send + 'static>(tx: Sender<E>, signal: E) -> std::io::Result<Signals> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(signal);
        }
    });
    Ok(Signals(handle))
}

pub fn spawn_ticks(tx: Sender<Event>) {
    std::thread::spawn(move || {
        while tx.send(Event::Tick).is_ok() {
            std::thread::sleep(Duration::from_millis(250));
        }
    });
}

/// Git state in the background, on request: whether this is a repository is asked here too,
/// because `git` takes milliseconds to start and the first screen should not wait for it.
pub fn spawn_git(station: Arc<Station>, tx: Sender<Event>) -> Sender<()> {
    let (req_tx, req_rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        if !station.in_repo() {
            return;
        }
        while req_rx.recv().is_ok() {
            while req_rx.try_recv().is_ok() {}
            if tx.send(Event::Git(station.review())).is_err() {
                break;
            }
        }
    });
    req_tx
}
