//! Writes a deterministic synthetic data set in loupan's own format, for benchmarks and trials.
//! The same code as `loupan demo` (store::demo); this example keeps the explicit sizes.
//!
//! cargo run --release --example gen -- --preset district          (writes district/)
//! cargo run --release --example gen -- --buildings 2000 --floors 40 --units 12 --seed 7 --out /tmp/city
//!
//! cargo run --release --example gen -- --preset city --history 365 --out /tmp/city-year
//! cargo run --release --example gen -- --preset street --out /tmp/street
//!
//! Same arguments → byte-identical output. With `--history DAYS`, the directory is a git
//! repository of DAYS daily commits ending on `--end` (default: yesterday): the first holds every
//! building, each later one `--changes` unit changes (default 150) spread over random buildings;
//! the same arguments and `--end` give the same commits, ids included.

use clap::Parser;
use loupan::store::demo;
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// district = 33 × 25 × 8, city = 2000 × 40 × 12 (explicit numbers override)
    #[arg(long)]
    preset: Option<String>,
    #[arg(long)]
    buildings: Option<usize>,
    #[arg(long)]
    floors: Option<usize>,
    #[arg(long)]
    units: Option<usize>,
    #[arg(long, default_value_t = 2020)]
    seed: u64,
    /// Where to write [default: the preset's name, e.g. `district/`, else `synthetic/`]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Make the directory a git repository with this many daily commits
    #[arg(long)]
    history: Option<usize>,
    /// Unit changes per day of history
    #[arg(long, default_value_t = 150)]
    changes: usize,
    /// The day of the last commit [default: yesterday]
    #[arg(long)]
    end: Option<jiff::civil::Date>,
}

fn main() {
    let a = Args::parse();
    if a.preset.as_deref() == Some("street") {
        // a street's repository: 20 stations of the seed's district, 17 of them reported today
        let out = a.out.clone().unwrap_or_else(|| PathBuf::from("street"));
        if let Err(e) = loupan::store::demo_street::street(
            &out,
            a.seed,
            20,
            17,
            loupan::store::today(),
            loupan::core::i18n::Lang::En,
        ) {
            eprintln!("cannot write the street: {e}");
            std::process::exit(1);
        }
        println!(
            "a street of 20 stations × 33 towers in {}, 17 reported",
            out.display()
        );
        return;
    }
    let (b, f, u) = match a.preset.as_deref() {
        Some("district") => (33, 25, 8),
        Some("city") => (2000, 40, 12),
        Some(other) => {
            eprintln!("unknown preset {other}: use district, city or street");
            std::process::exit(2);
        }
        None => (10, 20, 6),
    };
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(a.preset.as_deref().unwrap_or("synthetic")));
    let size = (
        a.buildings.unwrap_or(b),
        a.floors.unwrap_or(f),
        a.units.unwrap_or(u),
    );
    let end = a.end.unwrap_or_else(|| {
        let today = loupan::store::today();
        today.yesterday().unwrap_or(today)
    });
    let mut files = demo::synthetic(a.seed, size);
    // the district preset is the seed's district in numbers (docs/spec.md §11); explicit sizes are not
    if a.preset.as_deref() == Some("district") && a.buildings.is_none() {
        loupan::core::synth_seed::seed_district(&mut files, a.seed);
    }
    if a.preset.as_deref() == Some("city") && a.buildings.is_none() {
        loupan::core::synth_seed::seed_city(&mut files, a.seed);
    }
    let d = demo::Demo {
        files,
        seed: a.seed,
        history: a.history,
        changes: a.changes,
        end,
        private: true,
        lang: loupan::core::i18n::Lang::En,
    };
    match demo::write(&out, &d) {
        Ok(w) => println!(
            "{} buildings, {} units, {:.1} MB, {} commits, in {}; open it with `cargo run --release -- --dir {}`",
            w.buildings,
            w.units,
            w.bytes as f64 / 1e6,
            w.commits,
            out.display(),
            out.display()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
