//! Where the map's bytes go: loads a data directory as the map does (every building on all
//! cores, the journal, the trends' days from git) under a counting allocator, and prints the heap
//! each part holds and the heap's peak. Bytes are the allocator's chunks (`malloc_usable_size`
//! plus its 8-byte header), so small allocations are counted at what they really cost.
//!
//! cargo build --release --example mem
//! target/release/examples/mem DIR            # e.g. a `loupan demo --preset city --history 30`

use loupan::core::model::Building;
use loupan::store::station::Station;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn chunk(p: *mut u8) -> isize {
    // SAFETY: `p` came from the system allocator (glibc's malloc) and is still live
    unsafe { libc::malloc_usable_size(p.cast()) as isize + 8 }
}

fn grew(n: isize) {
    let now = LIVE.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            grew(chunk(p));
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(chunk(p), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        let before = chunk(p);
        let q = unsafe { System.realloc(p, l, n) };
        if !q.is_null() {
            grew(chunk(q) - before);
        }
        q
    }
}

#[global_allocator]
static A: Counting = Counting;

fn live() -> isize {
    LIVE.load(Relaxed)
}

fn mb(n: isize) -> String {
    format!("{:>7.1} MB", n as f64 / 1e6)
}

/// The units' own array, the companies' records and what both point to, of one building.
fn parts(b: &Building) -> [usize; 3] {
    let units = b.units.capacity() * std::mem::size_of::<loupan::core::model::Unit>();
    let companies = b.companies.capacity() * std::mem::size_of::<loupan::core::company::Company>();
    let floors = b.floors.capacity() * std::mem::size_of::<loupan::core::model::Floor>();
    [units, companies, floors]
}

fn main() {
    let dir = std::env::args().nth(1).expect("a data directory");
    let station = Station::open(dir.into(), Default::default());
    let ids = station.ids().expect("ids");
    let start = live();
    let buildings: Vec<Building> = station
        .map_all(&ids, |l| l.building.ok())
        .into_iter()
        .flatten()
        .collect();
    let after_buildings = live();
    let peak_load = PEAK.load(Relaxed);
    let n_units: usize = buildings.iter().map(|b| b.units.len()).sum();
    let n_companies: usize = buildings.iter().map(|b| b.companies.len()).sum();
    let mut sums = [0usize; 3];
    for b in &buildings {
        for (s, p) in sums.iter_mut().zip(parts(b)) {
            *s += p;
        }
    }
    let journal = station.journal();
    let after_journal = live();
    let today = loupan::store::today();
    let mut days = loupan::core::trend::window(today, 14);
    days.pop();
    let trend = station.trend(&days, today).map(|(d, _)| d).ok();
    let after_trend = live();
    let held = after_trend - start;
    println!(
        "buildings {}, units {n_units}, companies {n_companies}; Unit {} B, Company {} B",
        buildings.len(),
        std::mem::size_of::<loupan::core::model::Unit>(),
        std::mem::size_of::<loupan::core::company::Company>()
    );
    println!("{} buildings, all told", mb(after_buildings - start));
    println!("{}   units' arrays", mb(sums[0] as isize));
    println!("{}   companies' arrays", mb(sums[1] as isize));
    println!("{}   floors' arrays", mb(sums[2] as isize));
    let rest = after_buildings - start - (sums.iter().sum::<usize>() as isize);
    println!(
        "{}   text and the rest (names, labels, companies' units)",
        mb(rest)
    );
    println!("{} journal index", mb(after_journal - after_buildings));
    println!("{} trend (13 days)", mb(after_trend - after_journal));
    println!("{} held in all", mb(held));
    println!("{} heap's peak while loading", mb(peak_load - start));
    println!("{} heap's peak overall", mb(PEAK.load(Relaxed) - start));
    drop((buildings, journal, trend));
}
