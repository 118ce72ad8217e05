//! The store: the only code that touches building files. Loading with located problems, the one
//! write path, the data directory and config, watching, git.

pub mod config;
pub mod git;
pub mod load;
pub mod paths;
pub mod write;

pub use load::{Loaded, load_all, load_one};
pub use write::{WriteError, apply_edits};

/// Today's local date: the clock is I/O, so the core receives it as a value.
pub fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}
