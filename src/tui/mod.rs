//! The terminal interface.

use crate::cli::Args;
use crate::store::config::Config;
use std::path::Path;

pub fn run(_args: &Args, _config: &Config, _dir: &Path) -> anyhow::Result<i32> {
    anyhow::bail!("the TUI is not built yet")
}
