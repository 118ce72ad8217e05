//! Writes a deterministic synthetic data set in loupan's own format, for benchmarks and trials.
//!
//! cargo run --release --example gen -- --preset district          (writes district/)
//! cargo run --release --example gen -- --buildings 2000 --floors 40 --units 12 --seed 7 --out /tmp/city
//!
//! Same arguments → byte-identical output.

use clap::Parser;
use loupan::core::codec;
use loupan::synth;
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
}

fn main() {
    let a = Args::parse();
    let (b, f, u) = match a.preset.as_deref() {
        Some("district") => (33, 25, 8),
        Some("city") => (2000, 40, 12),
        Some(other) => {
            eprintln!("unknown preset {other}: use district or city");
            std::process::exit(2);
        }
        None => (10, 20, 6),
    };
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(a.preset.as_deref().unwrap_or("synthetic")));
    let (b, f, u) = (
        a.buildings.unwrap_or(b),
        a.floors.unwrap_or(f),
        a.units.unwrap_or(u),
    );
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        std::process::exit(1);
    }
    let mut units = 0;
    let mut bytes = 0;
    for n in 1..=b {
        let (id, text) = synth::nth(a.seed, n, f, u);
        if n == 1 || n == b {
            match codec::parse(&id, text.as_bytes()) {
                Ok(_) => {}
                Err(p) => {
                    eprintln!("generated an invalid file: {:?}", p.first());
                    std::process::exit(1);
                }
            }
        }
        units += text.matches("status = ").count();
        bytes += text.len();
        if let Err(e) = std::fs::write(out.join(format!("{id}.toml")), text) {
            eprintln!("cannot write: {e}");
            std::process::exit(1);
        }
    }
    println!(
        "{b} buildings, {units} units, {:.1} MB in {}; open it with `cargo run --release -- --dir {}`",
        bytes as f64 / 1e6,
        out.display(),
        out.display()
    );
}
