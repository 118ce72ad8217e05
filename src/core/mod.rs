//! The pure core: model, statuses, layout, the file codec, edits, stats. No I/O, no terminal.

pub mod codec;
pub mod diff;
pub mod edit;
pub mod layout;
pub mod merge;
pub mod model;
pub mod stats;
pub mod status;
pub mod text;
