//! loupan: building charts of units coloured by status, kept as TOML under git.
//!
//! Dependencies point one way: `core` (pure) ← `store` (files, git) ← `cli`, `tui`.

pub mod cli;
pub mod core;
pub mod output;
pub mod render;
pub mod store;
pub mod synth;
pub mod tui;
