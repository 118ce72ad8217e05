//! The terminal interface: state → `render(frame, &state)`; key → action → `update` → effects,
//! which `run` carries out through the store. Nothing here writes a file itself.

pub mod app;
mod background;
pub mod detail;
mod edits;
pub mod form;
pub mod geometry;
pub mod grid;
pub mod i18n;
pub mod keymap;
pub mod list;
pub mod overview;
pub mod popup;
mod run;
mod search;
pub mod statusline;
pub mod theme;
pub mod ui;

pub use run::{load_entry, perform_save, run};
