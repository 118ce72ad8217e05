//! The terminal interface: state → `render(frame, &state)`; key → command → `App::update` →
//! effects, which the runner carries out through the store. Nothing here writes a file itself.

pub mod app;
pub mod clipboard;
pub mod commands;
mod days;
pub mod detail;
pub mod digits;
pub mod edits;
pub mod effects;
mod filing_window;
mod followups;
pub mod geometry;
pub mod grid;
pub mod keymap;
pub mod list;
pub mod message;
pub mod modes;
pub mod overview;
mod paste;
pub mod pending;
pub mod people;
pub mod popup;
mod run;
pub mod statusline;
pub mod street;
pub mod theme;
mod threads;
pub mod today;
pub mod trend;
pub mod ui;
mod worker;

use loupan_core::i18n::Lang;
use loupan_store::Station;

/// How the command line opens the map.
pub struct Options {
    pub station: Station,
    pub lang: Lang,
    pub read_only: bool,
    /// A git revision (or a date) to show, read-only.
    pub at: Option<String>,
    /// Rescan on a timer instead of waiting for change events (network file systems).
    pub poll: bool,
    /// The config's colour mode: none, 16 or true.
    pub color: Option<String>,
}

pub use run::{SIGNALLED, run};
