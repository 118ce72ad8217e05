//! The pure core: model, the field schema, statuses, layout, the file codec, edits, merge, stats,
//! language and safe display. No I/O, no terminal, no clock: "today" is always passed in.

pub mod cells;
pub mod codec;
pub mod compact;
pub mod company;
pub mod diff;
pub mod display;
pub mod edit;
pub mod escalate;
pub mod fields;
pub mod find;
pub mod history;
pub mod i18n;
pub mod ids;
pub mod input;
pub mod isolation;
pub mod journal;
pub mod layout;
pub mod ledger;
pub mod merge;
pub mod model;
pub mod palette;
pub mod privacy;
pub mod private;
pub mod render;
pub mod report;
pub mod report_text;
pub mod serial;
pub mod stats;
pub mod status;
pub mod street;
pub mod synth;
pub mod synth_seed;
pub mod text;
pub mod today;
pub mod trend;
