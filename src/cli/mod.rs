//! The command line: clap definitions and dispatch. Each command writes to the `Ctx`'s output
//! and returns an exit code (docs/exit-codes.md: 0 done, 1 needs attention, 2 usage, 3 conflict,
//! 4 unreachable, 5 refused, 6 unreadable); a failure's words are written in one place. `run`
//! takes its arguments and streams as values, so tests call it in-process.

mod across;
mod audit;
mod company;
mod company_doubles;
mod company_ledger;
mod crosscheck;
mod day;
mod demo;
mod demo_ledgers;
mod edit;
mod fail;
mod flags;
mod git;
pub mod help;
mod help_about;
mod help_args;
mod inspect;
mod journal;
mod json;
mod ledger;
mod map;
mod migrate;
mod out;
mod person;
mod person_today;
mod purge;
mod read;
mod staff_ledger;
mod street;
mod street_table;
mod trend;
mod trust;
mod zh;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
pub(crate) use fail::{Fail, Res};
use loupan_core::exit::Exit;
use loupan_core::i18n::{Lang, Text};
use loupan_store::Station;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "loupan",
    version,
    about = "Building charts: every unit of every tower, coloured by status (楼盘)"
)]
pub struct Args {
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[arg(long, global = true, value_name = "ID", conflicts_with = "dir")]
    pub station: Option<String>,
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[arg(long)]
    pub read_only: bool,
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    #[arg(long)]
    pub poll: bool,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
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
pub enum Cmd {
    Check,
    Stats {
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    Render(out::RenderArgs),
    Show {
        building: String,
        unit: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, requires = "json")]
        reveal: bool,
    },
    Set(edit::SetArgs),
    New {
        building: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        floors: usize,
        #[arg(long)]
        units: usize,
    },
    Fmt {
        #[arg(long)]
        check: bool,
    },
    Init,
    Purge {
        #[arg(long)]
        dry_run: bool,
    },
    Audit {
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=3660))]
        days: Option<u32>,
    },
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        path: Option<String>,
    },
    Diff {
        #[arg(default_value = "HEAD")]
        rev: String,
        #[arg(long)]
        json: bool,
    },
    Log {
        building: String,
        unit: String,
    },
    FollowUp {
        building: String,
        unit: String,
        outcome: String,
        #[arg(long)]
        via: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        topic: Option<String>,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        found: Option<String>,
    },
    Journal(journal::JournalArgs),
    Report(out::ReportArgs),
    Export(out::ExportArgs),
    Import(ledger::ImportArgs),
    Crosscheck(crosscheck::CrosscheckArgs),
    Trend(trend::TrendArgs),
    Today {
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        reveal: bool,
    },
    Company(company::CompanyArgs),
    Person(person::PersonArgs),
    Temp(person::TempArgs),
    Street(street::StreetArgs),
    Station(street::StationArgs),
    Sync,
    PrivateRemote {
        url: String,
    },
    RemoteHook(trust::RemoteHookArgs),
    Migrate {
        #[arg(long)]
        rewrite_history: bool,
    },
    Demo(demo::DemoArgs),
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    Man {
        command: Option<String>,
    },
}

/// What every command works with: where the data is, the language, today, and the two streams.
pub(crate) struct Ctx<'a> {
    pub station: Station,
    pub lang: Lang,
    pub today: jiff::civil::Date,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Whether long work may show its progress on stderr (a terminal is watching).
    pub progress: bool,
    /// Records whose personal values this command showed, when it was asked to `--reveal`:
    /// the audit log's line (docs/spec.md §12).
    pub revealed: Option<usize>,
}

impl Ctx<'_> {
    /// A line on stderr in the interface language; a failed stderr is not worth failing over.
    pub fn say(&mut self, t: &Text) {
        progress_done(self);
        let _ = writeln!(self.err, "{}", t.get(self.lang));
    }
}

/// "saving 12/33" on one line of stderr, redrawn in place, when a terminal is watching.
pub(crate) fn progress(ctx: &mut Ctx<'_>, what: &Text, done: usize, total: usize) {
    if ctx.progress && total > 1 {
        let _ = write!(ctx.err, "\r{} {done}/{total}\x1b[K", what.get(ctx.lang));
        let _ = ctx.err.flush();
    }
}

/// Clears the progress line.
pub(crate) fn progress_done(ctx: &mut Ctx<'_>) {
    if ctx.progress {
        let _ = write!(ctx.err, "\r\x1b[K");
    }
}

/// The binary's entry: real arguments and streams; returns the process exit code.
pub fn main() -> i32 {
    let (out, err) = (std::io::stdout(), std::io::stderr());
    let (mut out, mut err) = (out.lock(), err.lock());
    run(std::env::args_os(), &mut out, &mut err)
}

/// The time zone of the street the command runs in (from `--dir`'s folder, else `$LOUPAN_DIR`,
/// else the current one), for the binary to set as `TZ` before anything else happens.
pub fn street_zone(args: impl IntoIterator<Item = OsString>) -> Option<String> {
    let args: Vec<OsString> = args.into_iter().collect();
    let dir = args.iter().enumerate().find_map(|(i, a)| {
        let a = a.to_str()?;
        a.strip_prefix("--dir=").map(PathBuf::from).or_else(|| {
            (a == "--dir")
                .then(|| args.get(i + 1).map(PathBuf::from))
                .flatten()
        })
    });
    let dir = dir.or_else(|| std::env::var_os("LOUPAN_DIR").map(PathBuf::from));
    loupan_store::street::zone_at(dir.as_deref().unwrap_or(std::path::Path::new(".")))
}

/// `--lang` as typed, read before clap parses, so that clap's own help and errors can be in it.
fn lang_flag(args: &[OsString]) -> Option<Lang> {
    let words: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let value = words.iter().enumerate().find_map(|(i, w)| {
        w.strip_prefix("--lang=").or_else(|| {
            (*w == "--lang")
                .then(|| words.get(i + 1).copied())
                .flatten()
        })
    })?;
    match value {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The arguments as clap parses them, with clap's help and errors in the interface language.
fn parse(
    args: &[OsString],
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Args, i32> {
    let mut cmd = help::apply(Args::command(), lang);
    if lang == Lang::Zh {
        cmd = zh::localize(cmd);
    }
    cmd.build();
    let e = match cmd
        .clone()
        .try_get_matches_from(args)
        .and_then(|m| Args::from_arg_matches(&m))
    {
        Ok(a) => return Ok(a),
        Err(e) => e,
    };
    match e.kind() {
        clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
            let text = e.render().to_string();
            let _ = write!(out, "{}", zh::headings(&text, lang));
            Err(0)
        }
        _ if lang == Lang::Zh => {
            // the deepest command named (`street report`, not `street`) shows its usage
            let mut sub = cmd.clone();
            for a in args.iter().skip(1).filter_map(|a| a.to_str()) {
                if let Some(s) = sub.find_subcommand(a) {
                    sub = s.clone();
                }
            }
            let _ = write!(err, "{}", zh::error(&e, &mut sub));
            Err(2)
        }
        _ => {
            let _ = write!(err, "{}", e.render());
            Err(2)
        }
    }
}

/// Parses the arguments and runs the command, writing to `out` and `err`.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    use std::io::IsTerminal;
    let progress = std::io::stderr().is_terminal();
    run_inner(args, &loupan_store::config::load(), out, err, progress)
}

/// `run` with a given config instead of the user's file: for tests, which must not depend on the
/// machine they run on.
pub fn run_with(
    args: impl IntoIterator<Item = OsString>,
    config: &loupan_store::config::Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    run_inner(args, config, out, err, false)
}

fn run_inner(
    args: impl IntoIterator<Item = OsString>,
    config: &loupan_store::config::Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: bool,
) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    let lang = loupan_store::config::pick_lang(lang_flag(&args), config);
    let words = audit::command_words(&args);
    let args = match parse(&args, lang, out, err) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let mut ctx = Ctx {
        station: Station::open(
            loupan_store::paths::data_dir(args.dir.clone(), config, args.command.is_none()),
            config.clone(),
        ),
        lang,
        today: loupan_store::today(),
        out,
        err,
        progress,
        revealed: None,
    };
    let result = dispatch(&args, config, &mut ctx);
    let _ = ctx.out.flush();
    let result = match (result, ctx.revealed) {
        (Ok(code), Some(n)) => audit::revealed(&mut ctx, &words, n).map(|_| code),
        (r, _) => r,
    };
    match result {
        Ok(code) => code,
        // a closed pipe (`loupan stats | head`) ends output quietly
        Err(Fail::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(Fail::Io(e)) => {
            let t = loupan_store::errors::io_text(&e);
            let _ = writeln!(
                ctx.err,
                "{}{}",
                lang.pick("loupan: ", "loupan："),
                t.get(lang)
            );
            1
        }
        Err(Fail::Said(t)) => fail::said(&mut ctx, &t, Exit::Attention),
        Err(Fail::Exit(code, t)) => fail::said(&mut ctx, &t, code),
    }
}

fn dispatch(args: &Args, config: &loupan_store::config::Config, ctx: &mut Ctx<'_>) -> Res {
    map::station_flag(ctx, args, config)?;
    if let (Some(root), Some(c)) = (across::street_root(args, config), &args.command) {
        return across::run(ctx, config, &root, c);
    }
    let foreign = street::not_yours(ctx, args.command.as_ref());
    match (&foreign, &args.command) {
        (Some(why), Some(_)) => Err(why.clone().into()),
        (_, None) => map::open(ctx, args, config, foreign.is_some()),
        (_, Some(c)) => command(ctx, c),
    }
}

/// Flat table: one arm per command, no wildcard, so the compiler holds that every command has
/// its handler (tests/architecture.rs lets a flat table pass the function-length rule).
fn command(ctx: &mut Ctx<'_>, c: &Cmd) -> Res {
    match c {
        Cmd::Check => read::check(ctx),
        Cmd::Stats { format } => read::stats(ctx, *format),
        Cmd::Render(a) => out::render(ctx, a),
        Cmd::Report(a) => out::report(ctx, a),
        Cmd::Export(a) => out::export(ctx, a),
        Cmd::Trend(a) => trend::trend(ctx, a),
        Cmd::Show {
            building,
            unit,
            json,
            reveal,
        } => read::show(ctx, building, unit.as_deref(), *json, *reveal),
        Cmd::Set(s) => edit::set(ctx, s),
        Cmd::New {
            building,
            name,
            floors,
            units,
        } => edit::new(ctx, building, name, *floors, *units),
        Cmd::MergeDriver {
            base,
            ours,
            theirs,
            path,
        } => git::merge_driver(ctx, base, ours, theirs, path.as_deref()),
        Cmd::FollowUp {
            building,
            unit,
            outcome,
            via,
            note,
            topic,
            at,
            company,
            found,
        } if matches!(outcome.trim(), "inspected" | "摸排") => {
            inspect::inspected(ctx, building, unit, (company.as_deref(), found.as_deref()))
        }
        Cmd::FollowUp {
            building,
            unit,
            outcome,
            via,
            note,
            topic,
            at,
            ..
        } => day::follow_up(
            ctx,
            building,
            unit,
            (outcome, topic.as_deref()),
            (via.as_deref(), at.as_deref()),
            note.as_deref(),
        ),
        Cmd::Journal(a) => journal::journal(ctx, a),
        Cmd::Import(a) => ledger::import(ctx, a),
        Cmd::Crosscheck(a) => crosscheck::crosscheck(ctx, a),
        Cmd::Today {
            date,
            json,
            reveal: r,
        } => {
            let r = ctx.reveal(*r);
            day::today(ctx, date.as_deref(), *json, r)
        }
        Cmd::Company(a) => company::company(ctx, a),
        Cmd::Person(a) => person::person(ctx, a),
        Cmd::Temp(a) => person::temp(ctx, a),
        Cmd::Init => git::init(ctx),
        Cmd::Diff { rev, json } => git::diff(ctx, rev, *json),
        Cmd::Log { building, unit } => git::log(ctx, building, unit),
        Cmd::Fmt { check } => edit::fmt(ctx, *check),
        Cmd::Street(a) => street::street(ctx, a),
        Cmd::Station(a) => street::station(ctx, a),
        Cmd::Sync => street::sync(ctx),
        Cmd::PrivateRemote { url } => trust::private_remote(ctx, url),
        Cmd::RemoteHook(a) => trust::remote_hook(ctx, a),
        Cmd::Migrate { rewrite_history } => migrate::migrate(ctx, *rewrite_history),
        Cmd::Purge { dry_run } => purge::purge(ctx, *dry_run),
        Cmd::Audit { days } => audit::show(ctx, *days),
        Cmd::Demo(a) => demo::demo(ctx, a),
        Cmd::Completions { shell } => demo::completions(ctx, *shell),
        Cmd::Man { command } => demo::man(ctx, command.as_deref()),
    }
}
