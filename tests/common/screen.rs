//! A TUI harness without a terminal: buildings from a one-line spec, keys from a string, saves
//! through the real write path, and the screen rendered into ratatui's TestBackend.

use loupan::core::codec;
use loupan::core::i18n::Lang;
use loupan::core::ids::BuildingId;
use loupan::store::Station;
use loupan::tui::app::{App, Message};
use loupan::tui::effects::{Flow, Runner, Source, settle};
use loupan::tui::theme::ColorMode;
use loupan::tui::{keymap, ui};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

pub struct Harness {
    pub _t: tempfile::TempDir,
    pub dir: PathBuf,
    pub app: App,
    /// The same effect runner the binary's event loop uses.
    pub runner: Runner,
    pub quit: bool,
}

pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 29)
}

impl Harness {
    /// `"plaza:10x8 annex:5x4"`: buildings with that many floors × units, all unknown.
    pub fn new(spec: &str) -> Harness {
        Self::with(spec, Lang::En, ColorMode::Ansi16)
    }

    pub fn with(spec: &str, lang: Lang, colors: ColorMode) -> Harness {
        let t = tempfile::tempdir().expect("tempdir");
        let dir = t.path().join("buildings");
        std::fs::create_dir(&dir).expect("mkdir");
        let mut ids = Vec::new();
        for b in spec.split_whitespace() {
            let (id, size) = b.split_once(':').expect("id:FxU");
            let (f, u) = size.split_once('x').expect("FxU");
            let text = codec::new_building_text(id, f.parse().unwrap(), u.parse().unwrap());
            std::fs::write(dir.join(format!("{id}.toml")), text).unwrap();
            ids.push(id.to_string());
        }
        ids.sort();
        Self::open(t, dir, ids, lang, colors)
    }

    /// Opens the app on an existing directory, every building loaded through the runner.
    pub fn open(
        t: tempfile::TempDir,
        dir: PathBuf,
        ids: Vec<String>,
        lang: Lang,
        colors: ColorMode,
    ) -> Harness {
        let station = std::sync::Arc::new(Station::open(dir.clone(), Default::default()));
        let ids: Vec<BuildingId> = ids.iter().map(|i| BuildingId::parse(i).unwrap()).collect();
        let mut app = App::new(lang, colors, ids.clone(), today());
        let mut runner = Runner::new(station.clone(), Source::Dir, &ids);
        for id in &ids {
            let m = runner.loaded(station.load(id));
            settle(&mut app, &mut runner, m);
        }
        let m = runner.journal(station.journal());
        settle(&mut app, &mut runner, m);
        Harness {
            _t: t,
            dir,
            app,
            runner,
            quit: false,
        }
    }

    /// Sample data from the repository's `buildings/`, copied so tests never change it.
    pub fn sample(lang: Lang, colors: ColorMode) -> Harness {
        let t = tempfile::tempdir().expect("tempdir");
        let dir = t.path().join("buildings");
        std::fs::create_dir(&dir).unwrap();
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("buildings");
        let mut ids = Vec::new();
        for e in std::fs::read_dir(src).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".toml") {
                std::fs::copy(e.path(), dir.join(&name)).unwrap();
                ids.push(id.to_string());
            }
        }
        ids.sort();
        Self::open(t, dir, ids, lang, colors)
    }

    /// A message through the one road, its effects carried out by the runner.
    pub fn send(&mut self, m: Message) -> &mut Self {
        if settle(&mut self.app, &mut self.runner, m) == Flow::Quit {
            self.quit = true;
        }
        self
    }

    /// Keys in a vim-like notation: `jj2`, `<Tab>`, `<Esc>`, `<Enter>`, `<C-r>`, `<BS>`, `<Up>`,
    /// typed in a row and followed by a pause (a status digit typed last is set by it).
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        self.typed(keys);
        self.pause()
    }

    /// Keys typed in a row with no pause after them: a status digit typed last is still held.
    pub fn typed(&mut self, keys: &str) -> &mut Self {
        for k in parse_keys(keys) {
            if let Some(input) = keymap::input(self.app.mode.kind(), k) {
                self.send(Message::Input(input));
            }
        }
        self
    }

    /// A pause in the typing: the ticks that set a held status digit (none when nothing is held).
    pub fn pause(&mut self) -> &mut Self {
        while self.app.held.is_some() {
            self.send(Message::Tick);
        }
        self
    }

    /// Keys whose effects are held, as the worker holds them while it is busy: the app goes on
    /// with what it asked for still on its way. Carry them out with [`Harness::release`].
    pub fn held_keys(&mut self, keys: &str) -> Vec<loupan::tui::app::Effect> {
        let mut held = Vec::new();
        for k in parse_keys(keys) {
            if let Some(input) = keymap::input(self.app.mode.kind(), k) {
                held.extend(self.app.update(Message::Input(input)));
            }
        }
        while self.app.held.is_some() {
            held.extend(self.app.update(Message::Tick));
        }
        held
    }

    /// Held effects carried out in the order asked, as the worker does.
    pub fn release(&mut self, held: Vec<loupan::tui::app::Effect>) {
        for e in held {
            for m in self.runner.perform(e) {
                self.send(m);
            }
        }
    }

    /// Someone else edits a unit on disk (through the real write path); this screen has not
    /// reloaded yet.
    pub fn outside(&self, building: &str, unit: &str, change: loupan::core::edit::Change) {
        super::station(&self.dir)
            .apply_edits(
                &super::bid(building),
                &[loupan::core::edit::UnitEdit {
                    unit: unit.into(),
                    expect: None,
                    change,
                }],
            )
            .expect("outside edit");
    }

    /// The screen notices what changed on disk, as the watcher would make it.
    pub fn rescan(&mut self) {
        for m in self.runner.rescan() {
            self.send(m);
        }
    }

    /// The unit as on disk, both parts (the shared file and the private store) read back.
    pub fn unit(&self, building: &str, unit: &str) -> loupan::core::model::Record {
        let b = super::station(&self.dir)
            .load(&super::bid(building))
            .building
            .expect("the building reads");
        b.units[b.find(unit).expect("unit")].record.clone()
    }

    pub fn status(&self, building: &str, unit: &str) -> &'static str {
        self.unit(building, unit).status.key()
    }

    pub fn cursor_label(&self) -> String {
        let b = self.app.building().expect("building");
        b.units[self.app.cursor()].label.to_string()
    }

    pub fn buffer(&self, w: u16, h: u16) -> Buffer {
        let mut term = ratatui::Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| ui::render(f, &self.app)).unwrap();
        term.backend().buffer().clone()
    }

    pub fn screen(&self, w: u16, h: u16) -> String {
        buffer_text(&self.buffer(w, h))
    }
}

/// The buffer's text, one line per row, wide characters once.
pub fn buffer_text(b: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..b.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = b[(x, y)].symbol();
            line.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn parse_keys(s: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            let mut name = String::new();
            for n in chars.by_ref() {
                if n == '>' {
                    break;
                }
                name.push(n);
            }
            let (code, mods) = match name.as_str() {
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "S-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "BS" => (KeyCode::Backspace, KeyModifiers::NONE),
                "Up" => (KeyCode::Up, KeyModifiers::NONE),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Left" => (KeyCode::Left, KeyModifiers::NONE),
                "Right" => (KeyCode::Right, KeyModifiers::NONE),
                "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                "lt" => (KeyCode::Char('<'), KeyModifiers::NONE),
                other => match other.strip_prefix("C-") {
                    Some(k) => (
                        KeyCode::Char(k.chars().next().unwrap()),
                        KeyModifiers::CONTROL,
                    ),
                    None => panic!("unknown key <{other}>"),
                },
            };
            out.push(KeyEvent::new(code, mods));
        } else {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }
    out
}
