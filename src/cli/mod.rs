//! The command line: clap definitions and dispatch. Each command writes to `impl Write` and returns
//! an exit code: 0 success, 1 a problem with data or arguments (explained on stderr), 2 usage.

mod edit;
mod git;
mod json;
mod read;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "loupan",
    version,
    about = "Building charts: every unit of every tower, coloured by status (楼盘)"
)]
pub struct Args {
    /// Data directory holding <id>.toml files [default: $LOUPAN_DIR, config data_dir, ./buildings]
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Interface language [default: config, else $LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Open the TUI without editing
    #[arg(long)]
    pub read_only: bool,
    /// Open the TUI on a past git revision (or a date like 2020-02-14), read-only
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    /// Poll the data directory for outside changes instead of waiting for change events
    /// (network file systems)
    #[arg(long)]
    pub poll: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate every building file; problems as PATH:LINE:COL: MESSAGE
    Check,
    /// Counts per status, per building and in total
    Stats {
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Print a building's grid with a legend
    Render {
        building: String,
        #[arg(long, value_enum, default_value = "auto")]
        color: ColorWhen,
    },
    /// Print a building's or a unit's record
    Show {
        building: String,
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Edit one unit (the same write path as the TUI). Empty text clears a field.
    Set(edit::SetArgs),
    /// Create a building: floors 1..N with N units each, labelled <floor><two digits>
    New {
        building: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        floors: usize,
        #[arg(long)]
        units: usize,
    },
    /// Rewrite files in canonical form (or, with --check, list those that would change)
    Fmt {
        #[arg(long)]
        check: bool,
    },
    /// Prepare the git repository: .gitattributes and this clone's merge-driver config (idempotent)
    Init,
    /// Git's merge driver: three-way merge unit by unit and field by field into OURS
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        path: Option<String>,
    },
    /// Unit changes between REV (default HEAD) and the working tree
    Diff {
        #[arg(default_value = "HEAD")]
        rev: String,
        #[arg(long)]
        json: bool,
    },
    /// A unit's history from git: date, author, old → new (newest first)
    Log { building: String, unit: String },
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
        }
    };
    let config = crate::store::config::load();
    let dir = crate::store::paths::data_dir(args.dir.clone(), &config);
    let out = std::io::stdout();
    let mut out = out.lock();
    let result = match args.command {
        None => crate::tui::run(&args, &config, &dir),
        Some(Command::Check) => read::check(&dir, &mut out),
        Some(Command::Stats { format }) => read::stats(&dir, format, &mut out),
        Some(Command::Render {
            ref building,
            color,
        }) => read::render(&dir, building, color, &mut out),
        Some(Command::Show {
            ref building,
            ref unit,
            json,
        }) => read::show(&dir, building, unit.as_deref(), json, &mut out),
        Some(Command::Set(ref s)) => edit::set(&dir, s, &mut out),
        Some(Command::New {
            ref building,
            ref name,
            floors,
            units,
        }) => edit::new(&dir, building, name, floors, units, &mut out),
        Some(Command::Fmt { check }) => edit::fmt(&dir, check, &mut out),
        Some(Command::Init) => git::init(&dir, &mut out),
        Some(Command::MergeDriver {
            ref base,
            ref ours,
            ref theirs,
            ref path,
        }) => git::merge_driver(base, ours, theirs, path.as_deref()),
        Some(Command::Diff { ref rev, json }) => git::diff(&dir, rev, json, &mut out),
        Some(Command::Log {
            ref building,
            ref unit,
        }) => git::log(&dir, building, unit, &mut out),
    };
    let _ = out.flush();
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("loupan: {e:#}");
            1
        }
    }
}
