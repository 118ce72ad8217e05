//! The event loop: terminal set-up and restore, and one channel that brings keys, loaded
//! buildings, outside changes, git state, ticks and signals. Each event becomes a message for
//! `App::update`; the runner carries out what the app asks and answers with more messages.

use super::Options;
use super::app::{App, Effect, Message};
use super::effects::{Flow, Runner, Source};
use super::keymap;
use super::theme::ColorMode;
use super::threads::{spawn_git, spawn_input, spawn_loader, spawn_signals, spawn_ticks};
use super::ui;
use super::worker::{Job, Worker};
use loupan_core::i18n::Text;
use loupan_core::tr;
use loupan_store::Station;
use loupan_store::repo::Review;
use loupan_store::watch::Watcher;
use loupan_store::{self as store, Loaded};
use ratatui::crossterm::event::{
    self, Event as TermEvent, KeyEventKind, MouseButton, MouseEventKind,
};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

pub enum Event {
    Term(TermEvent),
    /// What the worker answered to a job.
    Done(Vec<Message>),
    Loaded(Loaded),
    Journal(loupan_store::journal::Whole),
    Scan,
    Git(Review),
    /// Each building's counts on the days before today.
    Trend(Vec<loupan_core::trend::Day>),
    Signal,
    Tick,
}

/// The exit code of a map ended by SIGHUP, SIGTERM, SIGINT or SIGQUIT.
pub const SIGNALLED: i32 = 130;

/// Opens the map; returns the exit code.
pub fn run(o: Options) -> Result<i32, Text> {
    let started = Instant::now();
    terminal_ok()?;
    let station = Arc::new(o.station);
    let source = match &o.at {
        Some(rev) => Source::Rev(station.resolve_rev(rev)?),
        None => Source::Dir,
    };
    let ids = match &source {
        Source::Rev(rev) => station.ids_at(rev)?,
        _ => station.ids()?,
    };
    let mut app = App::new(
        o.lang,
        ColorMode::detect(o.color.as_deref()),
        ids.clone(),
        store::today(),
    );
    app.read_only = read_only_reason(o.read_only, o.at.as_deref(), &source);
    let mut runner = Runner::new(station.clone(), source.clone(), &ids);

    let (tx, rx) = mpsc::channel();
    spawn_loader(station.clone(), &source, ids, tx.clone());
    let input = spawn_input(tx.clone(), Event::Term);
    let signals =
        spawn_signals(tx.clone(), Event::Signal).map_err(|e| Text::same(e.to_string()))?;
    spawn_ticks(tx.clone());
    if matches!(source, Source::Dir) {
        runner.set_git(spawn_git(station.clone(), tx.clone()));
    }
    restore_on_panic();
    let mut terminal = ratatui::try_init().map_err(|e| {
        let e = e.to_string();
        tr!("cannot set up the terminal: {e}", "无法设置终端：{e}")
    })?;
    // a paste arrives marked as one (never as keys: its digits would set statuses)
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        event::EnableMouseCapture,
        event::EnableBracketedPaste
    );
    // the alternate screen may still hold the street's map this map was opened from
    // (not `terminal.clear()`: it asks the terminal where its cursor is, a round trip)
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    );
    let watch_later = matches!(source, Source::Dir).then(|| (o.poll, tx.clone(), station));
    let answers = tx.clone();
    let worker = Worker::spawn(runner, move |m| {
        let _ = answers.send(Event::Done(m));
    });
    let mut lp = Loop {
        app: &mut app,
        worker: &worker,
        timing: Timing::from_env(started),
        watch_later,
        _watcher: None,
        signalled: false,
    };
    let result = lp.run(&mut terminal, rx);
    let signalled = lp.signalled;
    drop((input, signals));
    if !app.pending.work.is_empty() {
        // what was asked still happens: say so while the worker finishes (a slow git hook)
        app.notice = Some(super::app::Notice::Info(tr!("finishing…", "正在完成…")));
        let _ = terminal.draw(|f| ui::render(f, &app));
    }
    worker.finish();
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        event::DisableMouseCapture,
        event::DisableBracketedPaste
    );
    ratatui::restore();
    // ended by a signal: the caller stops too (no street's map on a terminal that is gone)
    result
        .map(|_| if signalled { SIGNALLED } else { 0 })
        .map_err(|e| Text::same(e.to_string()))
}

/// ratatui's hook restores the screen on a panic; ours, called after it (so set before the
/// terminal is), also ends mouse capture and bracketed paste. Set once for every map opened.
pub(crate) fn restore_on_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = ratatui::crossterm::execute!(
                std::io::stdout(),
                event::DisableMouseCapture,
                event::DisableBracketedPaste
            );
            previous(info);
        }));
    });
}

/// Whether this terminal can draw a map at all, or what to use instead.
pub(crate) fn terminal_ok() -> Result<(), Text> {
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return Err(tr!(
            "this terminal (TERM=dumb) cannot draw the map; use `loupan render BUILDING`, `loupan stats` or `loupan show`, or run loupan in a full terminal",
            "这个终端（TERM=dumb）画不出楼盘图；请用 `loupan render 楼栋`、`loupan stats` 或 `loupan show`，或换一个完整的终端"
        ));
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(tr!(
            "the map needs a terminal; for scripts use `loupan render`, `loupan stats` or `loupan show`",
            "楼盘图需要在终端里打开；脚本请用 `loupan render`、`loupan stats` 或 `loupan show`"
        ));
    }
    Ok(())
}

fn read_only_reason(read_only: bool, at: Option<&str>, source: &Source) -> Option<Text> {
    match (at, source) {
        (Some(rev), Source::Rev(commit)) => {
            let (rev, short) = (loupan_core::display::inline(rev), commit.short());
            Some(tr!(
                "read-only @ {rev} ({short})",
                "只读 @ {rev}（{short}）"
            ))
        }
        _ if read_only => Some(tr!("read-only", "只读")),
        _ => None,
    }
}

struct Loop<'a> {
    app: &'a mut App,
    worker: &'a Worker,
    timing: Timing,
    /// (poll, sender, dir) for the watcher that starts when loading is done: the loader's own
    /// reads would flood it.
    watch_later: Option<(bool, Sender<Event>, Arc<Station>)>,
    _watcher: Option<Watcher>,
    signalled: bool,
}

impl Loop<'_> {
    fn run(
        &mut self,
        terminal: &mut ratatui::DefaultTerminal,
        rx: Receiver<Event>,
    ) -> std::io::Result<()> {
        // an empty directory has nothing to load: watch at once (for the first `loupan new`)
        self.start_watching();
        // Input redraws at once; background news (loading, ticks, reloads) at most every FRAME, so
        // that thousands of "building loaded" events do not steal the loaders' CPU for redraws.
        const FRAME: Duration = Duration::from_millis(40);
        let (mut dirty, mut urgent) = (true, true);
        let mut last_draw = Instant::now();
        let size = terminal.size()?;
        self.app.size = (size.width, size.height);
        loop {
            if dirty && (urgent || last_draw.elapsed() >= FRAME) {
                terminal.draw(|f| ui::render(f, self.app))?;
                last_draw = Instant::now();
                self.timing
                    .drawn(self.app.building().is_some(), self.app.all_loaded());
                (dirty, urgent) = (false, false);
            }
            let first = if dirty {
                match rx.recv_timeout(FRAME.saturating_sub(last_draw.elapsed())) {
                    Ok(ev) => ev,
                    Err(mpsc::RecvTimeoutError::Timeout) => continue,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
                }
            } else {
                match rx.recv() {
                    Ok(ev) => ev,
                    Err(_) => return Ok(()),
                }
            };
            let mut next = Some(first);
            // handle everything already queued before drawing again
            while let Some(ev) = next.take() {
                dirty = true;
                urgent |= self.urgent(&ev);
                if self.handle(ev) == Flow::Quit {
                    return Ok(());
                }
                next = rx.try_recv().ok();
            }
        }
    }

    /// Whether an event is drawn at once: keys, the worker's answers but for buildings loaded in
    /// the background (the one on screen and the last one are drawn at once).
    fn urgent(&self, ev: &Event) -> bool {
        match ev {
            Event::Term(_) => true,
            Event::Done(ms) => ms.iter().any(|m| match m {
                Message::Loaded { id, .. } => {
                    self.app.current_id() == Some(id)
                        || self.app.loaded + 1 == self.app.entries.len()
                }
                _ => true,
            }),
            _ => false,
        }
    }

    fn handle(&mut self, ev: Event) -> Flow {
        let messages = match ev {
            Event::Signal => {
                self.signalled = true;
                return Flow::Quit;
            }
            Event::Tick => vec![Message::Tick],
            Event::Done(ms) => ms,
            Event::Loaded(l) => return self.ask(Job::Loaded(l)),
            Event::Journal(j) => return self.ask(Job::Journal(j)),
            Event::Scan => return self.ask(Job::Scan),
            Event::Git(review) => vec![Message::Git(review)],
            Event::Trend(days) => vec![Message::Trend(days)],
            Event::Term(t) => term_message(self.app, t).into_iter().collect(),
        };
        for m in messages {
            for effect in self.app.update(m) {
                if effect == Effect::Quit {
                    return Flow::Quit;
                }
                self.worker.send(Job::Do(effect));
            }
        }
        if let Some(text) = self.app.clipboard.take() {
            // between two draws the terminal is ours: the sequence goes straight to it
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
        if self.app.all_loaded() {
            self.start_watching();
        }
        Flow::Go
    }

    fn ask(&mut self, job: Job) -> Flow {
        self.worker.send(job);
        Flow::Go
    }

    fn start_watching(&mut self) {
        if !self.app.all_loaded() {
            return;
        }
        let Some((poll, tx, station)) = self.watch_later.take() else {
            return;
        };
        let t = tx.clone();
        self._watcher = Some(station.watch(poll, move || t.send(Event::Scan).is_ok()));
        // anything that changed while loading shows up as a changed stamp
        let _ = tx.send(Event::Scan);
    }
}

/// A terminal event as a message: keys through the mode's binding table, clicks, resizes,
/// pastes.
fn term_message(app: &App, t: TermEvent) -> Option<Message> {
    match t {
        TermEvent::Key(k) if k.kind == KeyEventKind::Press => {
            keymap::input(app.mode.kind(), k).map(Message::Input)
        }
        TermEvent::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
            Some(Message::Click {
                x: m.column,
                y: m.row,
            })
        }
        TermEvent::Resize(w, h) => Some(Message::Resize(w, h)),
        TermEvent::Paste(text) => Some(Message::Paste(text)),
        _ => None,
    }
}

/// With `LOUPAN_TIMING=FILE`, writes when the first building was on screen and when every
/// building was loaded (milliseconds since start); bench/first-screen.sh reads it.
pub(crate) struct Timing {
    file: Option<PathBuf>,
    start: Instant,
    first: bool,
    all: bool,
}

impl Timing {
    pub(crate) fn from_env(start: Instant) -> Timing {
        Timing {
            file: std::env::var_os("LOUPAN_TIMING").map(PathBuf::from),
            start,
            first: false,
            all: false,
        }
    }

    /// A frame was drawn: with the first screen's content (`first`), with everything (`all`).
    pub(crate) fn drawn(&mut self, first: bool, all: bool) {
        let Some(file) = &self.file else { return };
        let mut line = String::new();
        if !self.first && first {
            self.first = true;
            line.push_str(&format!(
                "first_screen_ms {}\n",
                self.start.elapsed().as_millis()
            ));
        }
        if !self.all && all {
            self.all = true;
            line.push_str(&format!(
                "all_loaded_ms {}\n",
                self.start.elapsed().as_millis()
            ));
        }
        if !line.is_empty() {
            loupan_store::write::append_line(file, &line);
        }
    }
}
