//! The street's map (a plain `loupan` at a street's root): every station's evening and figures
//! above the towers of the one chosen; Enter opens that station's own map, whose `q` comes back.
//! The station lines come at once from `street.toml` and the reports; the figures fill in as a
//! loader reads each station's buildings, the chosen station first.

pub mod draw;
pub mod state;

use crate::run::{Timing, terminal_ok};
use crate::theme::ColorMode;
use crate::threads::{spawn_input, spawn_signals};
use loupan_core::i18n::{Lang, Text};
use loupan_core::ids::BuildingId;
use loupan_core::tr;
use loupan_store::config::Config;
use loupan_store::{self as store, Loaded, Station};
use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind};
use state::{Choice, StreetMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// How the command line opens the street's map.
pub struct StreetOptions {
    pub root: PathBuf,
    pub lang: Lang,
    /// The config's colour mode: none, 16 or true.
    pub color: Option<String>,
    pub config: Config,
    /// Poll for changes every half second instead of waiting for the file system's events.
    pub poll: bool,
}

enum Ev {
    Term(TermEvent),
    /// A loader's news, with the loader's number (a reload starts another).
    Listed(u32, usize, Result<Vec<BuildingId>, Text>),
    Loaded(u32, usize, Loaded),
    /// A station's figures from the counts cache, its towers not read.
    Counted(
        u32,
        usize,
        Result<Vec<Option<loupan_core::stats::Counts>>, Text>,
    ),
    /// `S` found this many files uncommitted and did not sync.
    Ask(usize),
    /// What a sync said, or why it failed.
    Synced(Result<Vec<Text>, Text>),
    /// Tonight's reports read again: a report file or `street.toml` changed, or time passed.
    Evening(Result<store::street::Evening, Text>),
    Signal,
}

/// The street's map as read now: its stations' lines, no figures yet.
pub fn gather(o: &StreetOptions) -> Result<StreetMap, Text> {
    let e = store::street::evening(&o.root, None)?;
    let colors = ColorMode::detect(o.color.as_deref());
    // the street's day, in its own time zone
    let mut m = StreetMap::new(o.lang, colors, e.date, e.rows);
    m.street(&e.street);
    m.problems = e.problems;
    m.overdue = e.overdue;
    m.choose_first();
    Ok(m)
}

/// Reads the chosen station's buildings on all cores, then counts every other station's from
/// the counts cache (reading only the files that changed), until `stop` (the map quit, or reads
/// again). A station chosen later has its towers read then (`load_towers`).
fn spawn_loader(o: &StreetOptions, m: &StreetMap, n: u32, tx: Sender<Ev>) -> Arc<AtomicBool> {
    let ids: Vec<String> = m.stations.iter().map(|s| s.row.id.clone()).collect();
    let first = m.selected;
    let (root, config) = (o.root.clone(), o.config.clone());
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    std::thread::spawn(move || {
        let go = || !stopped.load(Ordering::Relaxed);
        if let Some(id) = ids.get(first)
            && !load_towers(&root, &config, (id, first, n), &tx, &go)
        {
            return;
        }
        let known = store::street_counts::Known::open(&root);
        for (i, id) in ids.iter().enumerate().filter(|(i, _)| *i != first) {
            let counts = known.station(id).map(|(c, _)| c);
            if !go() || tx.send(Ev::Counted(n, i, counts)).is_err() {
                break;
            }
        }
        known.save();
    });
    stop
}

/// One station's towers read whole, on all cores: `false` once stopped.
fn load_towers(
    root: &std::path::Path,
    config: &Config,
    (id, i, n): (&str, usize, u32),
    tx: &Sender<Ev>,
    go: &(dyn Fn() -> bool + Sync),
) -> bool {
    let station = Station::open(root.join("stations").join(id), config.clone());
    let listed = station.ids();
    let buildings = listed.clone().unwrap_or_default();
    if !go() || tx.send(Ev::Listed(n, i, listed)).is_err() {
        return false;
    }
    store::load::each_parallel(0..buildings.len(), |k| {
        go() && tx
            .send(Ev::Loaded(n, i, station.load(&buildings[k])))
            .is_ok()
    });
    go()
}

/// Keeps tonight's lines true while the map is open: read again when a report arrives (a
/// station submitting on this machine, or a sync from outside the map), when `street.toml`
/// changes, and every half minute (the deadline passes with no file changing). Read on the
/// watcher's own thread, in order; dropping what this returns stops it.
fn watch_evening(o: &StreetOptions, tx: Sender<Ev>) -> EveningWatch {
    let root = o.root.clone();
    let read = move || {
        tx.send(Ev::Evening(
            store::street::evening(&root, None).map_err(Text::from),
        ))
        .is_ok()
    };
    let read = Arc::new(read);
    let stop = Arc::new(AtomicBool::new(false));
    let (again, stopped) = (read.clone(), stop.clone());
    std::thread::spawn(move || {
        while !stopped.load(Ordering::Relaxed) {
            std::thread::sleep(EVENING_AGAIN);
            if stopped.load(Ordering::Relaxed) || !again() {
                return;
            }
        }
    });
    let watcher = store::watch::watch_street(&o.root, o.poll, move || read());
    EveningWatch {
        _watcher: watcher,
        stop,
    }
}

/// The evening's watcher and its half-minute reader, both stopped when dropped.
struct EveningWatch {
    _watcher: store::watch::Watcher,
    stop: Arc<AtomicBool>,
}

impl Drop for EveningWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// How often tonight's lines are read again with nothing changed (for the deadline).
const EVENING_AGAIN: Duration = Duration::from_secs(30);

/// Shows the street's map until a station is chosen (`Open`) or the user quits; `chosen` is the
/// station to start on (the one whose map was just closed). `Err` with the exit code when a
/// signal ended it.
pub fn run(o: &StreetOptions, chosen: Option<&str>) -> Result<Choice, Text> {
    let started = Instant::now();
    terminal_ok()?;
    let mut map = gather(o)?;
    if let Some(id) = chosen {
        map.choose(id);
    }
    let (tx, rx) = mpsc::channel();
    let input = spawn_input(tx.clone(), Ev::Term);
    let signals = spawn_signals(tx.clone(), Ev::Signal).map_err(|e| Text::same(e.to_string()))?;
    // the buildings are read while the terminal is set up
    let mut lp = Loop {
        o,
        map,
        tx,
        loader: (0, Arc::new(AtomicBool::new(false))),
        timing: Timing::from_env(started),
    };
    lp.load();
    let _watch = watch_evening(o, lp.tx.clone());
    crate::run::restore_on_panic();
    let mut terminal = ratatui::try_init().map_err(|e| {
        let e = e.to_string();
        tr!("cannot set up the terminal: {e}", "无法设置终端：{e}")
    })?;
    // the alternate screen may still hold the station's map just closed
    // (not `terminal.clear()`: it asks the terminal where its cursor is, a round trip);
    // a paste arrives marked as one, never as keys
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All),
        ratatui::crossterm::event::EnableBracketedPaste
    );
    let size = terminal.size().unwrap_or_default();
    lp.map.resize(size.width, size.height);
    let result = lp.run(&mut terminal, &rx);
    lp.loader.1.store(true, Ordering::Relaxed);
    drop((input, signals));
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste
    );
    ratatui::restore();
    result.map_err(|e| Text::same(e.to_string()))
}

/// Draws at most every FRAME for loaded buildings; at once for keys and for the chosen
/// station's figures made whole.
const FRAME: Duration = Duration::from_millis(40);

struct Loop<'a> {
    o: &'a StreetOptions,
    map: StreetMap,
    tx: Sender<Ev>,
    /// The loader's number and its stop.
    loader: (u32, Arc<AtomicBool>),
    timing: Timing,
}

impl Loop<'_> {
    fn load(&mut self) {
        self.loader.1.store(true, Ordering::Relaxed);
        let n = self.loader.0 + 1;
        self.loader = (n, spawn_loader(self.o, &self.map, n, self.tx.clone()));
        if let Some(s) = self.map.stations.get_mut(self.map.selected) {
            s.asked = true;
        }
    }

    /// The chosen station's towers, read when it is first chosen (its figures came from the
    /// counts cache), by the current loader's number and stop.
    fn towers_for_chosen(&mut self) {
        let i = self.map.selected;
        let Some(s) = self.map.stations.get_mut(i).filter(|s| !s.towers_asked()) else {
            return;
        };
        s.asked = true;
        let (id, n, stop) = (s.row.id.clone(), self.loader.0, self.loader.1.clone());
        let (root, config, tx) = (self.o.root.clone(), self.o.config.clone(), self.tx.clone());
        std::thread::spawn(move || {
            let go = || !stop.load(Ordering::Relaxed);
            load_towers(&root, &config, (&id, i, n), &tx, &go);
        });
    }

    fn run(
        &mut self,
        terminal: &mut ratatui::DefaultTerminal,
        rx: &Receiver<Ev>,
    ) -> std::io::Result<Choice> {
        let (mut dirty, mut urgent) = (true, true);
        let mut last_draw = Instant::now();
        loop {
            if dirty && (urgent || last_draw.elapsed() >= FRAME) {
                terminal.draw(|f| draw::render(f, &self.map))?;
                last_draw = Instant::now();
                let m = &self.map;
                let first = m.chosen().is_none_or(|s| s.complete());
                self.timing.drawn(first, m.complete() == m.stations.len());
                (dirty, urgent) = (false, false);
            }
            let ev = if dirty {
                match rx.recv_timeout(FRAME.saturating_sub(last_draw.elapsed())) {
                    Ok(ev) => ev,
                    Err(_) => continue,
                }
            } else {
                match rx.recv() {
                    Ok(ev) => ev,
                    Err(_) => return Ok(Choice::Quit),
                }
            };
            let mut next = Some(ev);
            // what is already queued before drawing again, unless something is to show at once
            // (the loader never rests, so the queue may never empty)
            while let Some(ev) = next.take() {
                let was_dirty = dirty;
                dirty = true;
                match self.handle(ev) {
                    Handled::Now => urgent = true,
                    Handled::Later => {}
                    Handled::Nothing => dirty = was_dirty,
                    Handled::Done(c) => return Ok(c),
                }
                next = if urgent { None } else { rx.try_recv().ok() };
            }
        }
    }

    fn handle(&mut self, ev: Ev) -> Handled {
        let map = &mut self.map;
        let now = self.loader.0;
        match ev {
            Ev::Signal => return Handled::Done(Choice::Quit),
            Ev::Listed(n, i, ids) if n == now => map.listed(i, ids),
            Ev::Counted(n, i, c) if n == now => map.counted(i, c),
            Ev::Loaded(n, i, l) if n == now => {
                let (id, result) = l.into_parts();
                map.loaded(i, id, result);
                if i == map.selected && map.stations[i].complete() {
                    return Handled::Now;
                }
            }
            Ev::Ask(n) => {
                map.syncing = false;
                map.sync_asked = true;
                map.notice = Some((ask(n), false));
                return Handled::Now;
            }
            Ev::Evening(Ok(e)) => {
                let renamed = map.street(&e.street);
                // another day, or other stations: everything read again
                let kept = (e.date == map.date)
                    .then(|| map.evening(e.rows, e.overdue, e.problems))
                    .flatten();
                return match kept {
                    None => {
                        self.reload();
                        Handled::Now
                    }
                    Some(changed) if changed || renamed => Handled::Now,
                    Some(_) => Handled::Nothing,
                };
            }
            // a street.toml being written may not read for a moment; the lines stay as they were
            Ev::Evening(Err(_)) => return Handled::Nothing,
            Ev::Synced(result) => {
                map.syncing = false;
                // what came in shows at once: the reports and buildings read again
                self.reload();
                self.map.notice = Some(match result {
                    Ok(lines) => (lines.into_iter().last().unwrap_or_default(), false),
                    Err(t) => (t, true),
                });
                return Handled::Now;
            }
            Ev::Term(TermEvent::Key(k)) if k.kind == KeyEventKind::Press => {
                match map.key(k) {
                    Some(Choice::Sync(agreed)) => self.sync(agreed),
                    Some(Choice::Reload) => self.reload(),
                    Some(c) => return Handled::Done(c),
                    None => self.towers_for_chosen(),
                }
                return Handled::Now;
            }
            Ev::Term(TermEvent::Paste(_)) => {
                map.notice = Some((
                    tr!(
                        "paste ignored: the street's map has no text field",
                        "已忽略粘贴的内容：街道总览没有输入框"
                    ),
                    false,
                ));
                return Handled::Now;
            }
            Ev::Term(TermEvent::Resize(w, h)) => {
                map.resize(w, h);
                return Handled::Now;
            }
            _ => {}
        }
        Handled::Later
    }

    /// `S`: the street's repository synced on a thread of its own, the map answering keys
    /// meanwhile; over uncommitted changes it asks first, unless the user just agreed.
    fn sync(&mut self, agreed: bool) {
        self.map.syncing = true;
        let (root, tx) = (self.o.root.clone(), self.tx.clone());
        let station = Station::open(root.clone(), self.o.config.clone());
        std::thread::spawn(move || {
            let dirty = if agreed {
                Ok(0)
            } else {
                store::sync::uncommitted(&root)
            };
            let ev = match dirty {
                Ok(n) if n > 0 => Ev::Ask(n),
                Ok(_) => Ev::Synced(
                    station
                        .sync(store::today())
                        .map(|s| store::sync::said(&s))
                        .map_err(|e| e.text()),
                ),
                Err(t) => Ev::Synced(Err(t)),
            };
            let _ = tx.send(ev);
        });
    }

    /// `r`: the reports and the buildings read again, the same station chosen.
    fn reload(&mut self) {
        let keep = self.map.chosen().map(|s| s.row.id.clone());
        let (size, help, syncing) = (self.map.size, self.map.help, self.map.syncing);
        let by_name = self.map.by_name;
        match gather(self.o) {
            Ok(fresh) => self.map = fresh,
            Err(t) => self.map.notice = Some((t, true)),
        }
        self.map.resize(size.0, size.1);
        (self.map.help, self.map.syncing, self.map.by_name) = (help, syncing, by_name);
        if let Some(id) = keep {
            self.map.choose(&id);
        }
        self.load();
    }
}

/// The question over uncommitted changes.
fn ask(n: usize) -> Text {
    tr!(
        "{n} changed files at the street's root are not committed: S again commits them and syncs, any other key does not",
        "街道仓库根目录有 {n} 个文件的修改未提交：再按 S 提交并同步，按其他键取消"
    )
}

enum Handled {
    /// Draw at once.
    Now,
    /// Draw with the next frame.
    Later,
    /// Nothing shows differently.
    Nothing,
    Done(Choice),
}
