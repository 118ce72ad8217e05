//! The event loop and everything it waits on: keys and mouse (input thread), buildings loading in
//! the background, outside changes (watcher or poll), git state, ticks, and SIGHUP/SIGTERM. All
//! arrive on one channel; effects from `App::update` are carried out here, through the store.

use super::app::{Action, App, Effect, GitState, SaveRequest};
use super::background::{spawn_git, spawn_input, spawn_loader, spawn_signals, spawn_ticks, watch};
use super::i18n::{Lang, Msg};
use super::theme::ColorMode;
use super::{geometry, keymap, ui};
use crate::cli::Args;
use crate::core::codec;
use crate::core::model::Building;
use crate::core::text::SmallStr;
use crate::store::config::Config;
use crate::store::{self, git, paths};
use anyhow::{Context, Result, bail};
use ratatui::crossterm::event::{
    self, Event as TermEvent, KeyEventKind, MouseButton, MouseEventKind,
};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

pub(super) enum Event {
    Term(TermEvent),
    Loaded(usize, Option<Stamp>, Result<Building, Vec<String>>),
    Scan,
    Git(GitState, Vec<(String, Vec<SmallStr>)>),
    Signal,
    Tick,
}

pub(super) type Stamp = (u64, u64, i64, i64);

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.ino(), m.len(), m.mtime(), m.mtime_nsec()))
}

/// Where buildings come from: the data directory, or a git revision of it (read-only).
#[derive(Clone)]
pub(super) enum Source {
    Dir,
    Rev(String),
}

pub(super) fn load(
    dir: &Path,
    source: &Source,
    id: &str,
) -> (Option<Stamp>, Result<Building, Vec<String>>) {
    match source {
        Source::Dir => {
            let path = paths::file_of(dir, id);
            let s = stamp(&path);
            let l = store::load_one(dir, id);
            let lines = l.problem_lines();
            (s, l.building.map_err(|_| lines))
        }
        Source::Rev(rev) => {
            let file = format!("{id}.toml");
            let bytes = git::show(dir, rev, &file).unwrap_or_default();
            let r = codec::parse(id, &bytes).map_err(|ps| {
                ps.iter()
                    .map(|p| format!("{file}@{rev}:{}:{}: {}", p.line, p.col, p.message))
                    .collect()
            });
            (None, r)
        }
    }
}

pub fn run(args: &Args, config: &Config, dir: &Path) -> Result<i32> {
    let started = std::time::Instant::now();
    let lang = Lang::pick(args.lang, config.lang.as_deref());
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        bail!(
            "this terminal (TERM=dumb) cannot draw the map; use `loupan render BUILDING`, `loupan stats` or \
             `loupan show`, or run loupan in a full terminal"
        );
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the map needs a terminal; for scripts use `loupan render`, `loupan stats` or `loupan show`"
        );
    }
    let source = match &args.at {
        Some(rev) => Source::Rev(git::resolve_rev(dir, rev)?),
        None => Source::Dir,
    };
    let ids = match &source {
        Source::Dir => paths::list_ids(dir)?,
        Source::Rev(rev) => git::ids_at(dir, rev)?,
    };
    let colors = ColorMode::detect(config.color.as_deref());
    let entries = ids
        .iter()
        .map(|id| (id.clone(), paths::file_of(dir, id)))
        .collect();
    let mut app = App::new(lang, colors, entries, store::today());
    if let (Some(rev), Source::Rev(commit)) = (&args.at, &source) {
        app.read_only = Some(format!(
            "{} @ {rev} ({})",
            Msg::ReadOnly.get(lang),
            &commit[..commit.len().min(8)]
        ));
    } else if args.read_only {
        app.read_only = Some(Msg::ReadOnly.get(lang).to_string());
    }

    let (tx, rx) = mpsc::channel();
    spawn_loader(dir, &source, ids.clone(), tx.clone());
    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    spawn_ticks(tx.clone());
    // the watcher starts once everything is loaded: the loader's own reads would flood it
    let watch_later = match source {
        Source::Dir => Some((args.poll || config.poll.unwrap_or(false), tx.clone())),
        Source::Rev(_) => None,
    };
    // whether this is a git work tree is asked in the background: `git` takes milliseconds to
    // start, and the first screen should not wait for it
    let git_tx = match source {
        Source::Dir => Some(spawn_git(dir.to_path_buf(), tx.clone())),
        Source::Rev(_) => None,
    };
    if let Some(g) = &git_tx {
        let _ = g.send(());
    }

    // ratatui's hook restores the screen on a panic; ours, called after it, also ends mouse capture
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::crossterm::execute!(std::io::stdout(), event::DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _ = ratatui::crossterm::execute!(std::io::stdout(), event::EnableMouseCapture);
    let ctx = Session {
        dir,
        source: &source,
        git_tx: git_tx.as_ref(),
        started,
        watch_later,
    };
    let result = event_loop(&mut terminal, &mut app, rx, ctx);
    let _ = ratatui::crossterm::execute!(std::io::stdout(), event::DisableMouseCapture);
    ratatui::restore();
    result.map(|_| 0)
}

/// What the event loop works with besides the app and the terminal.
struct Session<'a> {
    dir: &'a Path,
    source: &'a Source,
    git_tx: Option<&'a Sender<()>>,
    started: std::time::Instant,
    /// (poll, sender) for the watcher that starts when loading is done.
    watch_later: Option<(bool, Sender<Event>)>,
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: Receiver<Event>,
    mut ctx: Session<'_>,
) -> Result<()> {
    let (dir, source, git_tx) = (ctx.dir, ctx.source, ctx.git_tx);
    let mut stamps: HashMap<String, Option<Stamp>> = HashMap::new();
    // an empty directory has nothing to load: watch at once (for the first `loupan new`)
    let mut _watcher = if app.all_loaded() {
        start_watching(&mut ctx)
    } else {
        None
    };
    // Input redraws at once; background news (loading, ticks, reloads) at most every FRAME, so
    // that thousands of "building loaded" events do not steal the loaders' CPU for redraws.
    const FRAME: Duration = Duration::from_millis(40);
    let mut dirty = true;
    let mut urgent = true;
    let mut timing = Timing::from_env(ctx.started);
    let mut last_draw = std::time::Instant::now();
    loop {
        if dirty && (urgent || last_draw.elapsed() >= FRAME) {
            terminal.draw(|f| ui::render(f, app))?;
            last_draw = std::time::Instant::now();
            timing.drawn(app);
            dirty = false;
            urgent = false;
        }
        let first = if dirty {
            match rx.recv_timeout(FRAME.saturating_sub(last_draw.elapsed())) {
                Ok(ev) => ev,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(e) => return Err(e.into()),
            }
        } else {
            rx.recv()?
        };
        let mut next = Some(first);
        // handle everything already queued before drawing again
        while let Some(ev) = next.take() {
            dirty = true;
            if matches!(ev, Event::Term(_)) {
                urgent = true;
            }
            match ev {
                Event::Signal => return Ok(()),
                Event::Tick => {
                    app.update(Action::Tick);
                }
                Event::Loaded(i, s, r) => {
                    if let Some(e) = app.entries.get(i) {
                        stamps.insert(e.id.clone(), s);
                    }
                    // the building on screen, or the last one: worth a frame at once
                    urgent |= i == app.current || app.loaded + 1 == app.entries.len();
                    app.set_loaded(i, r);
                    if app.all_loaded() {
                        _watcher = start_watching(&mut ctx);
                    }
                }
                Event::Scan => {
                    if rescan(app, dir, source, &mut stamps)
                        && let Some(g) = git_tx
                    {
                        let _ = g.send(());
                    }
                }
                Event::Git(state, mut changed) => {
                    for e in &mut app.entries {
                        e.uncommitted = changed
                            .iter_mut()
                            .find(|(id, _)| *id == e.id)
                            .map(|(_, l)| std::mem::take(l).into_iter().collect())
                            .unwrap_or_default();
                    }
                    app.git = Some(state);
                }
                Event::Term(t) => {
                    let action = match t {
                        TermEvent::Key(k) if k.kind == KeyEventKind::Press => {
                            keymap::action(&app.mode, k)
                        }
                        TermEvent::Mouse(m)
                            if m.kind == MouseEventKind::Down(MouseButton::Left) =>
                        {
                            let size = terminal.size()?;
                            click(
                                app,
                                ratatui::layout::Rect::new(0, 0, size.width, size.height),
                                m.column,
                                m.row,
                            )
                        }
                        _ => None,
                    };
                    if let Some(a) = action {
                        for effect in app.update(a) {
                            match effect {
                                Effect::Quit => return Ok(()),
                                Effect::Save(req) => {
                                    save(app, dir, req, &mut stamps);
                                    if let Some(g) = git_tx {
                                        let _ = g.send(());
                                    }
                                }
                                Effect::Commit(message) => {
                                    commit(app, dir, &message);
                                    if let Some(g) = git_tx {
                                        let _ = g.send(());
                                    }
                                }
                                Effect::RefreshGit => {
                                    if let Some(g) = git_tx {
                                        let _ = g.send(());
                                    }
                                }
                            }
                        }
                    }
                }
            }
            next = rx.try_recv().ok();
        }
    }
}

/// With `LOUPAN_TIMING=FILE`, writes when the first building was on screen and when every
/// building was loaded (milliseconds since start); bench/first-screen.sh reads it.
struct Timing {
    file: Option<PathBuf>,
    start: std::time::Instant,
    first: bool,
    all: bool,
}

impl Timing {
    fn from_env(start: std::time::Instant) -> Timing {
        Timing {
            file: std::env::var_os("LOUPAN_TIMING").map(PathBuf::from),
            start,
            first: false,
            all: false,
        }
    }

    fn drawn(&mut self, app: &App) {
        let Some(file) = &self.file else { return };
        let mut line = String::new();
        if !self.first && app.building().is_some() {
            self.first = true;
            line.push_str(&format!(
                "first_screen_ms {}\n",
                self.start.elapsed().as_millis()
            ));
        }
        if !self.all && app.all_loaded() {
            self.all = true;
            line.push_str(&format!(
                "all_loaded_ms {}\n",
                self.start.elapsed().as_millis()
            ));
        }
        if !line.is_empty() {
            use std::io::Write as _;
            if let Ok(mut f) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(file)
            {
                let _ = f.write_all(line.as_bytes());
            }
        }
    }
}

fn click(app: &App, area: ratatui::layout::Rect, x: u16, y: u16) -> Option<Action> {
    let r = geometry::regions(area)?;
    let inside =
        |a: ratatui::layout::Rect| x >= a.x && x < a.x + a.width && y >= a.y && y < a.y + a.height;
    if let Some(l) = r.list
        && inside(l)
    {
        return geometry::list_row_at(l, app.entries.len(), app.current, y)
            .map(Action::ClickBuilding);
    }
    if inside(r.grid) {
        let b = app.building()?;
        let view = geometry::GridView::new(r.grid, b, app.cursor());
        return view
            .unit_at(b, x, y)
            .map(|u| Action::ClickUnit(app.current, u));
    }
    None
}

fn save(app: &mut App, dir: &Path, req: SaveRequest, stamps: &mut HashMap<String, Option<Stamp>>) {
    if let Some(id) = perform_save(app, dir, req) {
        stamps.insert(id.clone(), stamp(&paths::file_of(dir, &id)));
    }
}

/// The one write path, then the answer back to the app: the screen only says "saved" after the
/// atomic rename returned. After a refusal the building is reloaded, so the current value shows.
/// Returns the id of the building whose file was read or written.
pub fn perform_save(app: &mut App, dir: &Path, req: SaveRequest) -> Option<String> {
    let e = app.entries.get(req.building)?;
    let (id, path) = (e.id.clone(), e.path.clone());
    let result = store::apply_edits(&path, &id, &req.edits);
    if matches!(
        result,
        Err(store::WriteError::Conflict { .. }) | Err(store::WriteError::Broken(_))
    ) {
        let (_, r) = load(dir, &Source::Dir, &id);
        app.set_loaded(req.building, r);
    }
    app.saved(req, result.map(|s| s.building));
    Some(id)
}

/// Loads a building from the data directory as the TUI shows it (problems as located lines).
pub fn load_entry(dir: &Path, id: &str) -> Result<Building, Vec<String>> {
    load(dir, &Source::Dir, id).1
}

fn commit(app: &mut App, dir: &Path, message: &str) {
    let body: Vec<String> = app
        .git
        .as_ref()
        .map(|g| g.review.clone())
        .unwrap_or_default();
    let full = format!("{message}\n\n{}", body.join("\n"));
    app.notice = Some(match git::commit(dir, &full) {
        Ok(hash) => super::app::Notice::Info(format!("{} {hash}", app.t(Msg::Committed))),
        Err(e) => super::app::Notice::Error(format!("{e:#}")),
    });
}

/// Compares file stamps with what was loaded; reloads what changed. True if anything did.
fn rescan(
    app: &mut App,
    dir: &Path,
    source: &Source,
    stamps: &mut HashMap<String, Option<Stamp>>,
) -> bool {
    let Ok(ids) = paths::list_ids(dir) else {
        return false;
    };
    let mut any = false;
    let index_of = |app: &App| -> HashMap<String, usize> {
        app.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect()
    };
    let mut index = index_of(app);
    for id in &ids {
        let s = stamp(&paths::file_of(dir, id));
        match index.get(id).copied() {
            Some(i) => {
                // not loaded yet: the loader will report it
                if matches!(app.entries[i].slot, super::app::Slot::Pending)
                    || stamps.get(id) == Some(&s)
                {
                    continue;
                }
                let (s, r) = load(dir, source, id);
                stamps.insert(id.clone(), s);
                app.set_loaded(i, r);
                any = true;
            }
            None => {
                // a new building: keep the list sorted by id
                let at = app
                    .entries
                    .iter()
                    .position(|e| e.id > *id)
                    .unwrap_or(app.entries.len());
                app.entries.insert(
                    at,
                    super::app::Entry::new(id.clone(), paths::file_of(dir, id)),
                );
                if app.current >= at && app.entries.len() > 1 {
                    app.current += 1;
                }
                for s in app.undo.iter_mut().chain(app.redo.iter_mut()) {
                    if s.building >= at {
                        s.building += 1;
                    }
                }
                let (s, r) = load(dir, source, id);
                stamps.insert(id.clone(), s);
                app.set_loaded(at, r);
                index = index_of(app);
                any = true;
            }
        }
    }
    let present: std::collections::HashSet<&String> = ids.iter().collect();
    let gone: Vec<usize> = app
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !present.contains(&e.id))
        .map(|(i, _)| i)
        .collect();
    for i in gone.into_iter().rev() {
        stamps.remove(&app.entries[i].id);
        app.remove_entry(i);
        any = true;
    }
    any
}

fn start_watching(ctx: &mut Session<'_>) -> Option<Box<dyn std::any::Any>> {
    let (poll, tx) = ctx.watch_later.take()?;
    let w = watch(ctx.dir, poll, tx.clone());
    // anything that changed while loading shows up as a changed stamp
    let _ = tx.send(Event::Scan);
    w
}
