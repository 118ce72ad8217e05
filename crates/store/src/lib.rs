//! The store: the only code that touches files or runs git. Loading with located problems, the
//! one write path and its lock, the data directory and config, noticing outside changes, and the
//! repository (merge driver, diffs, logs, commits).

pub mod changed;
pub mod company;
pub mod config;
pub mod counted;
pub mod demo;
pub mod demo_street;
pub mod errors;
pub mod failpoint;
pub mod git;
pub mod history;
pub mod journal;
pub mod load;
pub mod lock;
pub mod out;
pub mod past;
pub mod paths;
pub mod private;
pub mod proof;
pub mod remote_hook;
pub mod repo;
pub mod report;
pub mod sample;
pub mod snapshot;
pub mod stamp;
pub mod station;
pub mod street;
pub mod street_counts;
pub mod sync;
pub mod table;
pub mod tmux;
mod transaction;
pub mod unit_diff;
pub mod watch;
pub mod write;

pub use load::Loaded;
pub use station::Station;
pub use write::{Saved, WriteError};

/// Today's local date: the clock is I/O, so the core receives it as a value.
pub fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}
