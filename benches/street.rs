//! The street's map (issue 23), in process: its first screen (the street read, the chosen
//! station's 33 towers read, one 200 × 50 frame) and a key with every station's towers loaded.
//! Run: `cargo bench --bench street`; results in BENCHMARKS.md. Timing is never asserted.

use divan::Bencher;
use loupan::core::i18n::Lang;
use loupan::tui::street::state::StreetMap;
use loupan::tui::street::{StreetOptions, draw, gather};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// The generator's street preset (20 stations × 33 towers, 17 reported), written once per run.
fn street() -> &'static Path {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("loupan-bench-street-{}", std::process::id()));
        if !dir.exists() {
            loupan::store::demo_street::street(
                &dir,
                2020,
                20,
                17,
                loupan::store::today(),
                loupan::core::i18n::Lang::En,
            )
            .expect("street");
        }
        dir
    })
}

fn options() -> StreetOptions {
    StreetOptions {
        root: street().to_path_buf(),
        lang: Lang::Zh,
        color: Some("16".into()),
        config: Default::default(),
        poll: false,
    }
}

/// Reads station `i`'s buildings into the map, as the loader does.
fn load(m: &mut StreetMap, i: usize) {
    let id = m.stations[i].row.id.clone();
    let station =
        loupan::store::Station::open(street().join("stations").join(id), Default::default());
    let ids = station.ids().expect("ids");
    m.listed(i, Ok(ids.clone()));
    for b in &ids {
        let (id, result) = station.load(b).into_parts();
        m.loaded(i, id, result);
    }
}

/// What the first screen costs in process, one core: the street and tonight's reports read,
/// the chosen station's towers read, the frame drawn (the terminal's own set-up is not in it).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn first_screen_one_core(b: Bencher) {
    let o = options();
    street();
    b.bench_local(|| {
        let mut m = gather(&o).expect("street");
        m.resize(200, 50);
        load(&mut m, 0);
        let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
        term.draw(|f| draw::render(f, &m)).expect("draw");
        m
    });
}

/// A key (the next station) and the redrawn frame, every station's towers loaded.
#[divan::bench]
fn key_and_frame_all_loaded(b: Bencher) {
    let mut m = gather(&options()).expect("street");
    m.resize(200, 50);
    for i in 0..m.stations.len() {
        load(&mut m, i);
    }
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let (down, up) = (
        KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Up, KeyModifiers::NONE),
    );
    let mut forward = true;
    b.bench_local(|| {
        m.key(if forward { down } else { up });
        forward = !forward;
        term.draw(|f| draw::render(f, &m)).expect("draw");
    });
}
