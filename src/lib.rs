//! loupan: building charts of units coloured by status, kept as TOML under git.
//!
//! This package is the command line and the binary. The layers are crates of their own, so the
//! compiler keeps them apart: `loupan-core` (pure) ← `loupan-store` (files, git) ← `loupan-tui`
//! (terminal), `loupan-output` (XLSX, HTML, CSV) ← this. The re-exports below let tests, benches
//! and examples name everything through one path.

pub mod cli;

pub use loupan_core as core;
pub use loupan_core::{render, synth};
pub use loupan_output as output;
pub use loupan_store as store;
pub use loupan_tui as tui;
