//! Benchmarks (divan). Run: `cargo bench`; results and how to read them: BENCHMARKS.md.
//! Timing is never asserted; CI only builds these.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use loupan::core::codec;
use loupan::core::edit::{Change, Patch, UnitEdit};
use loupan::core::fields::{Field, Value};
use loupan::core::stats::Counts;
use loupan::core::status::Status;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// A synthetic data set written once per run into a temp directory.
fn data_set(name: &str, buildings: usize, floors: usize, units: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("loupan-bench-{name}-{}", std::process::id()));
    if !dir.exists() {
        std::fs::create_dir_all(&dir).expect("bench dir");
        for n in 1..=buildings {
            let (id, text) = loupan::synth::nth(2020, n, floors, units);
            std::fs::write(dir.join(format!("{id}.toml")), text).expect("write");
        }
    }
    dir
}

fn district() -> &'static Path {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| data_set("district", 33, 25, 8))
}

fn city() -> &'static Path {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| data_set("city", 2000, 40, 12))
}

fn station(dir: &Path) -> loupan::store::Station {
    loupan::store::Station::open(dir.to_path_buf(), Default::default())
}

fn ids(dir: &Path) -> Vec<loupan::core::ids::BuildingId> {
    station(dir).ids().expect("ids")
}

fn size(dir: &Path) -> usize {
    ids(dir)
        .iter()
        .map(|id| std::fs::metadata(dir.join(format!("{id}.toml"))).map_or(0, |m| m.len() as usize))
        .sum()
}

mod parse {
    use super::*;

    /// One 40 × 12 building (480 units), in memory: parse throughput per MB.
    #[divan::bench]
    fn building_480_units(b: Bencher) {
        let (_, text) = loupan::synth::nth(2020, 1, 40, 12);
        b.counter(BytesCount::new(text.len()))
            .bench(|| codec::parse("b", black_box(text.as_bytes())));
    }

    /// The same building counted by status as the trend counts a first version: the quick scan
    /// of its lines (the whole reading above is what it saves).
    #[divan::bench]
    fn building_480_units_counted_quickly(b: Bencher) {
        let (_, text) = loupan::synth::nth(2020, 1, 40, 12);
        assert!(codec::quick_counts("b", text.as_bytes()).is_some());
        b.counter(BytesCount::new(text.len()))
            .bench(|| codec::quick_counts("b", black_box(text.as_bytes())));
    }
}

mod stats {
    use super::*;

    fn count(dir: &Path) -> Counts {
        let ids = ids(dir);
        let per = station(dir).map_all(&ids, |l| {
            l.building.map(|b| Counts::of(&b)).unwrap_or_default()
        });
        let mut total = Counts::default();
        for c in &per {
            total.merge(c);
        }
        total
    }

    /// What `loupan stats` does on the district (33 × 25 × 8): read and parse on all cores, count.
    #[divan::bench]
    fn district(b: Bencher) {
        let d = super::district();
        b.counter(BytesCount::new(size(d))).bench(|| count(d));
    }

    /// The same on the city (2,000 × 40 × 12 ≈ 960k units).
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn city(b: Bencher) {
        let d = super::city();
        b.counter(BytesCount::new(size(d))).bench(|| count(d));
    }

    /// Baseline for the target: serde parse of the same city files into `toml::Table`, one thread.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn city_serde_single_thread_baseline(b: Bencher) {
        let d = super::city();
        let ids = ids(d);
        b.counter(BytesCount::new(size(d))).bench(|| {
            for id in &ids {
                let text = std::fs::read_to_string(d.join(format!("{id}.toml"))).expect("read");
                black_box(toml::from_str::<toml::Table>(&text).expect("parse"));
            }
        });
    }
}

mod frame {
    use super::*;
    use loupan::core::i18n::Lang;
    use loupan::tui::app::{App, Message};
    use loupan::tui::commands::Command;
    use loupan::tui::keymap::Input;
    use loupan::tui::theme::ColorMode;

    /// A keypress (move right or left) and the redrawn 200 × 50 frame, on a 60-floor × 30-unit building.
    #[divan::bench]
    fn keypress_and_frame_60x30_in_200x50(b: Bencher) {
        let text = codec::new_building_text("高楼", 60, 30);
        let mut building = codec::parse("tall", text.as_bytes()).expect("parse");
        for (i, u) in building.units.iter_mut().enumerate() {
            u.record.status = Status::ALL[i % 6];
            u.record.live_work = i % 11 == 0;
        }
        let mut app = App::new(
            Lang::Zh,
            ColorMode::Ansi16,
            vec![loupan::core::ids::BuildingId::parse("tall").expect("id")],
            jiff::civil::date(2026, 11, 29),
        );
        app.update(Message::Loaded {
            id: loupan::core::ids::BuildingId::parse("tall").expect("id"),
            result: Ok(building),
        });
        let mut term =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50)).expect("terminal");
        term.draw(|f| loupan::tui::ui::render(f, &app))
            .expect("draw");
        let mut right = true;
        b.bench_local(|| {
            let key = if right { Command::Right } else { Command::Left };
            app.update(Message::Input(Input::Command(key)));
            right = !right;
            term.draw(|f| loupan::tui::ui::render(f, &app))
                .expect("draw");
        });
    }
}

mod save {
    use super::*;

    fn building_480() -> (tempfile::TempDir, PathBuf) {
        let t = tempfile::tempdir().expect("tempdir");
        let p = t.path().join("b.toml");
        std::fs::write(&p, loupan::synth::nth(2020, 1, 40, 12).1).expect("write");
        (t, p)
    }

    fn edit(flip: bool) -> UnitEdit {
        UnitEdit {
            unit: "2006".into(),
            expect: None,
            change: Change::Patch(Patch::one(
                Field::Status,
                Value::Status(if flip {
                    Status::Vacant
                } else {
                    Status::Resumed
                }),
            )),
        }
    }

    /// One saved edit on a 480-unit building: lock, re-read, parse, compare, edit, re-parse,
    /// atomic write with fsync of file and directory, rename.
    #[divan::bench]
    fn edit_480_units_with_fsync(b: Bencher) {
        let (_t, p) = building_480();
        let (st, id) = (
            station(p.parent().expect("dir")),
            ids(p.parent().expect("dir")),
        );
        let mut flip = false;
        b.bench_local(|| {
            flip = !flip;
            st.apply_edits(&id[0], &[edit(flip)]).expect("save")
        });
    }

    /// The same edit without the write: lock, re-read, parse, compare, edit, re-parse.
    #[divan::bench]
    fn edit_480_units_without_write(b: Bencher) {
        let (_t, p) = building_480();
        let (st, id) = (
            station(p.parent().expect("dir")),
            ids(p.parent().expect("dir")),
        );
        let mut flip = false;
        b.bench_local(|| {
            flip = !flip;
            st.prepare_edits(&id[0], &[edit(flip)]).expect("prepare")
        });
    }

    /// The write alone: temp file, fsync, rename, fsync of the directory.
    #[divan::bench]
    fn atomic_write_with_fsync(b: Bencher) {
        let (_t, p) = building_480();
        let text = std::fs::read(&p).expect("read");
        b.bench_local(|| loupan::store::write::atomic_write(&p, &text).expect("write"));
    }
}

mod journal {
    use super::*;
    use jiff::civil::{Date, date};
    use loupan::core::journal::{Entry, Index, Outcome, Via};
    use loupan::synth::{Rng, journal_day};

    const DAY: Date = date(2026, 11, 29);

    /// A data directory whose journal holds `n` entries on the day appended to.
    fn with_entries(n: usize) -> tempfile::TempDir {
        let t = tempfile::tempdir().expect("tempdir");
        let dir = t.path().join("journal");
        std::fs::create_dir(&dir).expect("mkdir");
        let targets = vec![("b0001".to_string(), "2006".to_string())];
        let text = journal_day(&mut Rng(7), DAY, n, &targets);
        std::fs::write(dir.join(format!("{DAY}.toml")), text).expect("write");
        t
    }

    fn entry(n: u64) -> Entry {
        Entry {
            id: format!("{n:012x}").as_str().into(),
            at: DAY.at(9, 30, 0, 0),
            by: "张丽".into(),
            building: "b0001".into(),
            unit: "2006".into(),
            via: Via::Call,
            outcome: Outcome::Well,
            note: Some("体温正常".into()),
            withdraws: None,
        }
    }

    /// One follow-up appended: lock, open for appending, one line, fsync. The same with ten
    /// entries in the day's file as with 100,000.
    #[divan::bench(args = [10, 100_000])]
    fn append_with_fsync(b: Bencher, n: usize) {
        let t = with_entries(n);
        let mut k = 1u64 << 40;
        let st = station(t.path());
        b.bench_local(|| {
            k += 1;
            st.append(&entry(k)).expect("append")
        });
    }

    /// The fsync alone, on the same kind of file: what `append` costs beyond loupan's own work.
    #[divan::bench]
    fn fsync_of_one_appended_line(b: Bencher) {
        use std::io::Write as _;
        let t = with_entries(10);
        let path = t.path().join("journal").join(format!("{DAY}.toml"));
        b.bench_local(|| {
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .expect("open");
            f.write_all(b"# x\n").expect("write");
            f.sync_data().expect("fsync")
        });
    }

    /// 365 days × 500 entries over the units of `targets`, written under `root/journal/`.
    fn year(root: &Path, targets: &[(String, String)]) {
        let dir = root.join("journal");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let mut rng = Rng(2020);
        for d in 0..365 {
            let day = DAY.checked_sub(jiff::Span::new().days(d)).expect("day");
            let text = journal_day(&mut rng, day, 500, targets);
            std::fs::write(dir.join(format!("{day}.toml")), text).expect("write");
        }
    }

    fn year_dir() -> &'static Path {
        static D: OnceLock<tempfile::TempDir> = OnceLock::new();
        D.get_or_init(|| {
            let t = tempfile::tempdir().expect("tempdir");
            let targets: Vec<(String, String)> = (1..=200)
                .map(|i| {
                    (
                        format!("b{:04}", i % 33 + 1),
                        format!("{}{:02}", i % 25 + 1, i % 8 + 1),
                    )
                })
                .collect();
            year(t.path(), &targets);
            t
        })
        .path()
    }

    /// A year of journal (182,500 entries, 24 MB) read as a map reads it at start: every day's
    /// file on all cores, parsed, indexed by unit.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn read_a_year(b: Bencher) {
        let dir = year_dir();
        b.counter(BytesCount::new(size_of_journal(dir)))
            .bench(|| station(dir).journal().index.len());
    }

    fn size_of_journal(dir: &Path) -> usize {
        std::fs::read_dir(dir.join("journal"))
            .expect("journal")
            .flatten()
            .map(|e| e.metadata().map_or(0, |m| m.len() as usize))
            .sum()
    }

    /// The city, loaded, with a year of journal over its isolating households, today half called.
    struct City {
        buildings: Vec<loupan::core::model::Building>,
        index: Index,
    }

    fn loaded_city() -> &'static City {
        static C: OnceLock<City> = OnceLock::new();
        C.get_or_init(|| {
            let dir = city();
            let buildings: Vec<_> = ids(dir)
                .iter()
                .map(|id| {
                    let bytes = std::fs::read(dir.join(format!("{id}.toml"))).expect("read");
                    codec::parse(id, &bytes).expect("parse")
                })
                .collect();
            let isolating: Vec<(String, String)> = buildings
                .iter()
                .flat_map(|b| {
                    b.units
                        .iter()
                        .filter(|u| u.record.status == Status::Isolating)
                        .map(|u| (b.id.clone(), u.label.to_string()))
                })
                .collect();
            let t = tempfile::tempdir().expect("tempdir");
            year(t.path(), &isolating);
            let mut index = station(t.path()).journal().index;
            let mut rng = Rng(9);
            let today = journal_day(&mut rng, DAY, isolating.len() / 2, &isolating);
            let (entries, _) = loupan::core::journal::parse_file(&today);
            for (_, e) in entries {
                index.add(e);
            }
            City { buildings, index }
        })
    }

    /// Today's worklist for the city (957,921 units, 2,000 buildings) once loaded.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn today_for_the_city(b: Bencher) {
        let c = loaded_city();
        b.bench(|| {
            loupan::core::today::worklist(&c.buildings, &c.index, DAY)
                .calls_due
                .len()
        });
    }
}

mod reports {
    use super::*;

    fn run(dir: &Path, args: &[&str]) -> i32 {
        let mut argv: Vec<std::ffi::OsString> = vec!["loupan".into(), "--dir".into(), dir.into()];
        argv.extend(args.iter().map(std::ffi::OsString::from));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        loupan::cli::run_with(argv, &Default::default(), &mut out, &mut err)
    }

    /// The district in a git repository: committed yesterday, one unit changed today.
    fn district_repo() -> &'static Path {
        static D: OnceLock<tempfile::TempDir> = OnceLock::new();
        D.get_or_init(|| {
            let t = tempfile::tempdir().expect("tempdir");
            let dir = t.path().join("b");
            std::fs::create_dir(&dir).expect("mkdir");
            for n in 1..=33 {
                let (id, text) = loupan::synth::nth(2020, n, 25, 8);
                std::fs::write(dir.join(format!("{id}.toml")), text).expect("write");
            }
            let git = |args: &[&str]| {
                std::process::Command::new("git")
                    .arg("-C")
                    .arg(t.path())
                    .args(args)
                    .env("GIT_AUTHOR_NAME", "s")
                    .env("GIT_AUTHOR_EMAIL", "s@e")
                    .env("GIT_COMMITTER_NAME", "s")
                    .env("GIT_COMMITTER_EMAIL", "s@e")
                    .env("GIT_COMMITTER_DATE", "2020-01-01T18:00:00")
                    .output()
                    .expect("git")
            };
            git(&["init", "-q", "-b", "main"]);
            git(&["add", "-A"]);
            git(&["commit", "-q", "-m", "base"]);
            run(&dir, &["set", "b0001", "2501", "isolating"]);
            t
        })
        .path()
    }

    /// The daily report for the district, git included (rev-list, ls-tree, cat-file, diff).
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn report_district_with_git() -> i32 {
        run(&district_repo().join("b"), &["report", "--format", "json"])
    }

    /// Every unit as a ledger and every building as a chart sheet.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn xlsx_export_district() -> i32 {
        let out = district_repo().join("x.xlsx");
        run(
            district(),
            &[
                "export",
                "--format",
                "xlsx",
                "--out",
                &out.display().to_string(),
            ],
        )
    }

    /// The printable page of all 33 towers.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn html_district() -> i32 {
        let out = district_repo().join("x.html");
        run(
            district(),
            &[
                "render",
                "--format",
                "html",
                "--out",
                &out.display().to_string(),
            ],
        )
    }

    /// A 10,000-row XLSX ledger (40 towers × 25 floors × 10 units, as exported) read, placed and
    /// compared: the plan `import` shows before `--apply`.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn import_10000_row_xlsx(b: Bencher) {
        let dir = data_set("ledger", 40, 25, 10);
        let x = dir.with_extension("xlsx");
        run(
            &dir,
            &[
                "export",
                "--format",
                "xlsx",
                "--reveal",
                "--out",
                &x.display().to_string(),
            ],
        );
        b.bench(|| run(&dir, &["import", &x.display().to_string()]));
    }
}

/// The district with its companies (the seed's numbers: 1,409 companies, 950 households), beside
/// the district without (issue 21's budget: full load within 1.2×, `report` ≤ 200 ms).
mod companies {
    use super::*;

    fn seeded() -> &'static Path {
        static D: OnceLock<PathBuf> = OnceLock::new();
        D.get_or_init(|| {
            let dir =
                std::env::temp_dir().join(format!("loupan-bench-seeded-{}", std::process::id()));
            if !dir.exists() {
                std::fs::create_dir_all(&dir).expect("bench dir");
                let mut files = loupan::store::demo::synthetic(2020, (33, 25, 8));
                loupan::core::synth_seed::seed_district(&mut files, 2020);
                for (name, text) in files {
                    std::fs::write(dir.join(name), text).expect("write");
                }
            }
            dir
        })
    }

    fn load(dir: &Path) -> usize {
        let st = station(dir);
        let ids = st.ids().expect("ids");
        st.map_all(&ids, |l| {
            l.building
                .as_ref()
                .map_or(0, |b| b.units.len() + b.companies.len())
        })
        .into_iter()
        .sum()
    }

    /// Every building read and parsed, companies included.
    #[divan::bench(sample_count = 30)]
    fn load_district_with_companies() -> usize {
        load(seeded())
    }

    /// The same district without companies, for the ratio.
    #[divan::bench(sample_count = 30)]
    fn load_district_without() -> usize {
        load(district())
    }

    /// `report --format json` as a whole command, companies counted (no git: today only).
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn report_district_with_companies() -> i32 {
        reports_run(seeded(), &["report", "--format", "json"])
    }

    /// `company list --json`: all 1,409 companies.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn company_list_district() -> i32 {
        reports_run(seeded(), &["company", "list", "--json"])
    }

    fn reports_run(dir: &Path, args: &[&str]) -> i32 {
        let mut argv: Vec<std::ffi::OsString> = vec!["loupan".into(), "--dir".into(), dir.into()];
        argv.extend(args.iter().map(std::ffi::OsString::from));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        loupan::cli::run_with(argv, &Default::default(), &mut out, &mut err)
    }
}

mod history {
    use super::*;

    /// The district with 90 daily commits of 150 unit changes, made by `gen --history` (the same
    /// generator as the city figures in BENCHMARKS.md), ending yesterday.
    fn district_history() -> &'static Path {
        static D: OnceLock<PathBuf> = OnceLock::new();
        D.get_or_init(|| {
            let dir = std::env::temp_dir().join(format!(
                "loupan-bench-district-history-{}",
                std::process::id()
            ));
            let demo = loupan::store::demo::Demo {
                files: loupan::store::demo::synthetic(2020, (33, 25, 8)),
                seed: 2020,
                history: Some(90),
                changes: 150,
                end: {
                    let t = loupan::store::today();
                    t.yesterday().unwrap_or(t)
                },
                private: true,
                lang: loupan::core::i18n::Lang::En,
            };
            if let Err(e) = loupan::store::demo::write(&dir, &demo) {
                panic!("cannot write the district with history: {e}");
            }
            dir
        })
    }

    /// The district with 90 days of history whose private store has 90 days of its own: each
    /// day twenty households' names typed and the private store committed.
    pub(super) fn district_with_private_history() -> &'static Path {
        static D: OnceLock<PathBuf> = OnceLock::new();
        D.get_or_init(|| {
            let dir = std::env::temp_dir().join(format!(
                "loupan-bench-district-private-history-{}",
                std::process::id()
            ));
            let ok = std::process::Command::new("cp")
                .arg("-a")
                .arg(district_history())
                .arg(&dir)
                .status();
            assert!(ok.is_ok_and(|s| s.success()));
            let st = station(&dir);
            let ids = ids(&dir);
            for day in 0..90 {
                for k in 0..20usize {
                    let id = &ids[(day * 20 + k) % ids.len()];
                    let b = st.load(id).building.expect("reads");
                    let u = &b.units[(day * 7 + k * 13) % b.units.len()];
                    let e = UnitEdit {
                        unit: u.label.to_string(),
                        expect: None,
                        change: Change::Patch(Patch::one(
                            Field::Note,
                            Value::Text(Some(format!("第{day}天随访").into())),
                        )),
                    };
                    st.apply_edits(id, &[e]).expect("save");
                }
                loupan::store::private::git::commit(&dir, &format!("day {day}")).expect("commit");
            }
            dir
        })
    }

    fn forget(dir: &Path) {
        let _ = std::fs::remove_dir_all(dir.join(".git/loupan"));
    }

    /// Counts of 90 days, nothing counted before: every version read (whole once per building,
    /// then by its changed lines).
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn trend_90_days_district_cold(b: Bencher) {
        let dir = district_history();
        let today = loupan::store::today();
        let days = loupan::core::trend::window(today, 90);
        b.with_inputs(|| forget(dir))
            .bench_values(|()| station(dir).trend(&days, today).map(|d| d.0.len()));
    }

    /// The same, with every version remembered from the run before.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn trend_90_days_district_warm(b: Bencher) {
        let dir = district_history();
        let today = loupan::store::today();
        let days = loupan::core::trend::window(today, 90);
        let _ = station(dir).trend(&days, today);
        b.bench(|| station(dir).trend(&days, today).map(|d| d.0.len()));
    }

    /// The map stepped from today to yesterday: what differs is read, the day's changes marked.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn step_a_day_back_district() -> usize {
        let dir = district_history();
        let day = loupan::store::today().yesterday().expect("a day");
        let ids = ids(dir);
        let shown = loupan::store::past::Shown::WorkTree(&ids);
        station(dir).past(day, shown).map_or(0, |p| p.marks.len())
    }
}

/// Personal values apart (issue 22): the same data sets with their personal values moved to the
/// private store, beside the figures above; a saved edit of a personal field beside one of a
/// status; a purge of the district with 90 days of history.
mod private {
    use super::*;

    /// A copy of a data set with its personal values in the private store (`loupan migrate`'s
    /// store step), made once per run.
    fn migrated(name: &str, from: &Path) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("loupan-bench-{name}-{}", std::process::id()));
        if !dir.exists() {
            std::fs::create_dir_all(&dir).expect("dir");
            for id in ids(from) {
                std::fs::copy(
                    from.join(format!("{id}.toml")),
                    dir.join(format!("{id}.toml")),
                )
                .expect("copy");
                loupan::store::private::migrate::building(&dir, &id, loupan::store::today())
                    .expect("migrate");
            }
        }
        dir
    }

    fn district_private() -> &'static Path {
        static D: OnceLock<PathBuf> = OnceLock::new();
        D.get_or_init(|| migrated("district-private", super::district()))
    }

    fn city_private() -> &'static Path {
        static D: OnceLock<PathBuf> = OnceLock::new();
        D.get_or_init(|| migrated("city-private", super::city()))
    }

    fn load(dir: &Path) -> usize {
        let ids = ids(dir);
        station(dir)
            .map_all(&ids, |l| l.building.map(|b| b.units.len()).unwrap_or(0))
            .iter()
            .sum()
    }

    /// Every building read with its private file joined: the district (compare `stats::district`).
    #[divan::bench]
    fn district_full_load_joined(b: Bencher) {
        let d = district_private();
        assert!(d.join(".private").is_dir());
        b.bench(|| load(d));
    }

    /// The same district, personal values still in the shared files (before the private store).
    #[divan::bench]
    fn district_full_load_shared_only(b: Bencher) {
        let d = super::district();
        b.bench(|| load(d));
    }

    /// The city, joined (target: within 1.15× of the city read without a private store).
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn city_full_load_joined(b: Bencher) {
        let d = city_private();
        b.bench(|| load(d));
    }

    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn city_full_load_shared_only(b: Bencher) {
        let d = super::city();
        b.bench(|| load(d));
    }

    fn building_480() -> (tempfile::TempDir, PathBuf) {
        let t = tempfile::tempdir().expect("tempdir");
        let p = t.path().join("b.toml");
        std::fs::write(&p, loupan::synth::nth(2020, 1, 40, 12).1).expect("write");
        loupan::store::private::migrate::building(t.path(), "b", loupan::store::today())
            .expect("migrate");
        (t, p)
    }

    fn save(b: Bencher, field: Field, values: [Value; 2]) {
        let (_t, p) = building_480();
        let dir = p.parent().expect("dir");
        let (st, id) = (station(dir), ids(dir));
        let mut flip = false;
        b.bench_local(|| {
            flip = !flip;
            let v = values[usize::from(flip)].clone();
            let e = UnitEdit {
                unit: "2006".into(),
                expect: None,
                change: Change::Patch(Patch::one(field, v)),
            };
            st.apply_edits(&id[0], &[e]).expect("save")
        });
    }

    /// A household's name typed (only the private file is written), with fsync.
    #[divan::bench]
    fn save_personal_field_480_units(b: Bencher) {
        let names = [
            Value::Text(Some("杨家".into())),
            Value::Text(Some("李家".into())),
        ];
        save(b, Field::Name, names);
    }

    /// A status changed in the same building and private store (the shared file is written).
    #[divan::bench]
    fn save_status_480_units(b: Bencher) {
        save(
            b,
            Field::Status,
            [
                Value::Status(Status::Vacant),
                Value::Status(Status::Resumed),
            ],
        );
    }

    /// `loupan purge` on the district with 90 days of history: the shared history (90 daily
    /// commits) and a private store with 90 days of its own commits, copied fresh for each run.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn purge_district_90_days(b: Bencher) {
        let src = super::history::district_with_private_history();
        let today = loupan::store::today();
        b.with_inputs(|| {
            let t = tempfile::tempdir().expect("tempdir");
            let ok = std::process::Command::new("cp")
                .arg("-a")
                .arg(src)
                .arg(t.path().join("d"))
                .status();
            assert!(ok.is_ok_and(|s| s.success()));
            t
        })
        .bench_local_values(|t| {
            let d = t.path().join("d");
            let ids = ids(&d);
            loupan::store::private::purge::purge(&d, &ids, Default::default(), today, false)
                .expect("purge")
        });
    }
}
