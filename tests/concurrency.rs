//! Many writers on one building file, as real processes: nothing lost, the file always valid.
//! Also SIGKILL at random moments: the file is always a complete state.

mod common;
use common::*;
use loupan::core::codec;
use loupan::core::edit::{Change, UnitEdit};
use loupan::core::status::Status;
use std::collections::HashMap;
use std::process::Command;
use std::time::Duration;

/// A tiny deterministic generator, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const STATUSES: [&str; 5] = ["healthy", "isolating", "not-resumed", "resumed", "vacant"];

#[test]
fn four_processes_times_500_sets_lose_nothing() {
    let (_t, d) = data_dir();
    new_building(&d, "hive", 8, 8);
    let units: Vec<String> = (1..=8)
        .flat_map(|f| (1..=8).map(move |u| format!("{f}{u:02}")))
        .collect();
    let handles: Vec<_> = (0..4)
        .map(|w| {
            let d = d.clone();
            let mine: Vec<String> = units[w * 16..(w + 1) * 16].to_vec();
            std::thread::spawn(move || {
                let mut rng = Lcg(w as u64 + 1);
                let mut last = HashMap::new();
                for _ in 0..500 {
                    let u = &mine[rng.below(16) as usize];
                    let s = STATUSES[rng.below(5) as usize];
                    let o = loupan(&d, &["set", "hive", u, s]);
                    assert!(o.status.success(), "{}", stderr(&o));
                    last.insert(u.clone(), s.to_string());
                }
                last
            })
        })
        .collect();
    let mut expected = HashMap::new();
    for h in handles {
        expected.extend(h.join().expect("writer thread"));
    }
    let b = read_building(&d, "hive");
    let lost: Vec<&String> = expected
        .iter()
        .filter(|(u, s)| b.units[b.find(u).unwrap()].record.status.key() != s.as_str())
        .map(|(u, _)| u)
        .collect();
    assert!(lost.is_empty(), "lost updates: {lost:?}");
    assert!(temp_files(&d).is_empty());
}

/// Worker mode: this test binary, started by the test below, runs compare-and-set increments
/// through the write path and prints what it wrote.
#[test]
#[ignore = "a worker process started by the 8-writer test, not a test of its own"]
fn cas_worker() {
    let Ok(spec) = std::env::var("LOUPAN_TEST_WORKER") else {
        return;
    };
    let mut parts = spec.split(',');
    let path = std::path::PathBuf::from(parts.next().unwrap());
    let seed: u64 = parts.next().unwrap().parse().unwrap();
    let count: usize = parts.next().unwrap().parse().unwrap();
    let units: Vec<String> = parts.map(str::to_string).collect();
    let dir = path.parent().unwrap();
    let mut rng = Lcg(seed);
    let mut log = Vec::new();
    for i in 0..count {
        let u = &units[rng.below(units.len() as u64) as usize];
        loop {
            let b = station(dir).load(&bid("hive")).building.expect("parses");
            let seen = b.units[b.find(u).unwrap()].record.clone();
            let mut next = seen.clone();
            next.people = Some(seen.people.get().unwrap_or(0) + 1).into();
            next.note = Some(format!("w{seed}-{i}").into());
            next.status = Status::ALL[(rng.below(5)) as usize];
            let edit = UnitEdit {
                unit: u.clone(),
                expect: Some(loupan::core::edit::Expect::Record(seen)),
                change: Change::Set(next.clone()),
            };
            match station(path.parent().expect("dir")).apply_edits(&bid("hive"), &[edit]) {
                Ok(_) => {
                    log.push(format!(
                        "{u} {} {}",
                        next.people.get().unwrap(),
                        next.note.unwrap()
                    ));
                    break;
                }
                Err(loupan::store::WriteError::Conflict { .. }) => continue,
                Err(e) => panic!("write failed at {i}: {e}"),
            }
        }
    }
    println!("LOG {}", log.join(";"));
}

/// The soak's size: `LOUPAN_SOAK=full` for the long run (RELIABILITY.md), else what CI runs.
fn soak(ci: usize, full: usize) -> usize {
    if std::env::var("LOUPAN_SOAK").is_ok_and(|v| v == "full") {
        full
    } else {
        ci
    }
}

#[test]
fn eight_processes_overlapping_edits_with_a_map_open_lose_nothing() {
    let (_t, d) = data_dir();
    let path = new_building(&d, "hive", 2, 5);
    let edits = soak(1_000, 5_000);
    let units: Vec<String> = [
        "101", "102", "103", "104", "105", "201", "202", "203", "204", "205",
    ]
    .map(String::from)
    .to_vec();
    // a map is open on the building throughout
    let map = common::pty::Tui::open(&d, &["--lang", "en"]);
    assert!(map.wait_for("hive", 10.0), "{}", map.text());
    let me = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..8)
        .map(|w| {
            // overlapping: each worker edits 5 of the 10 units on both floors
            let mine: Vec<String> = (0..5).map(|k| units[(w + k * 2) % 10].clone()).collect();
            Command::new(&me)
                .args([
                    "--exact",
                    "cas_worker",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(
                    "LOUPAN_TEST_WORKER",
                    format!("{},{},{edits},{}", path.display(), w + 1, mine.join(",")),
                )
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn worker")
        })
        .collect();
    // unit → people value → note logged with it
    let mut writes: HashMap<String, HashMap<i64, String>> = HashMap::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        // libtest may print "test cas_worker ... " on the same line first
        let line = text
            .split("LOG ")
            .nth(1)
            .and_then(|t| t.lines().next())
            .expect("worker log");
        for entry in line.split(';') {
            let mut p = entry.split(' ');
            let (u, n, note) = (
                p.next().unwrap(),
                p.next().unwrap().parse::<i64>().unwrap(),
                p.next().unwrap(),
            );
            let prev = writes
                .entry(u.to_string())
                .or_default()
                .insert(n, note.to_string());
            assert!(
                prev.is_none(),
                "two writers both saw {u} at {} (a lost update)",
                n - 1
            );
        }
    }
    let last_write = std::time::Instant::now();
    let b = read_building(&d, "hive");
    let total: usize = writes.values().map(HashMap::len).sum();
    assert_eq!(total, 8 * edits);
    for (u, w) in &writes {
        let r = &b.units[b.find(u).unwrap()].record;
        let last = w.len() as i64;
        assert!(
            (1..=last).all(|n| w.contains_key(&n)),
            "{u}: a gap in its history"
        );
        assert_eq!(r.people, Some(last as u32), "{u}");
        assert_eq!(
            r.note.as_deref(),
            Some(w[&last].as_str()),
            "{u} is not its last logged write"
        );
    }
    assert!(temp_files(&d).is_empty());
    // the open map shows every unit's final state within a second of the last write
    let cells: Vec<String> = b
        .units
        .iter()
        .map(|u| format!("{}{}", u.record.status.glyph(), u.label))
        .collect();
    let shown = common::pty::wait(1.0, || {
        let screen = map.text();
        cells.iter().all(|c| screen.contains(c.as_str()))
    });
    let screen = map.text();
    let missing: Vec<&String> = cells
        .iter()
        .filter(|c| !screen.contains(c.as_str()))
        .collect();
    assert!(
        shown,
        "after {:?} the map still lacks {missing:?}:\n{screen}",
        last_write.elapsed()
    );
    eprintln!(
        "soak: 8 × {edits} compare-and-set edits, {total} logged, none lost; the open map showed the final state {:?} after the last write",
        last_write.elapsed()
    );
}

#[test]
fn sigkill_at_random_moments_leaves_a_complete_state() {
    let (_t, d) = data_dir();
    let path = new_building(&d, "crash", 4, 6);
    let mut rng = Lcg(2020);
    let mut outcomes = [0usize; 2];
    // the kill window follows how long a whole `set` takes here (a busy machine takes longer):
    // kills land before, during and after the save alike, so both outcomes happen
    let mut whole: Vec<u64> = (0..5)
        .map(|_| {
            let started = std::time::Instant::now();
            ok(&d, &["set", "crash", "101", "vacant"]);
            started.elapsed().as_micros() as u64
        })
        .collect();
    whole.sort_unstable();
    let window = (whole[2] * 3 / 2).max(6000);
    eprintln!(
        "a whole set takes {} µs here; kills within {window} µs",
        whole[2]
    );
    for round in 0..soak(1_000, 5_000) {
        let before = read_building(&d, "crash");
        let i = rng.below(before.units.len() as u64) as usize;
        let label = before.units[i].label.to_string();
        let status = STATUSES[rng.below(5) as usize];
        let mut child = Command::new(bin())
            .args(["--dir"])
            .arg(&d)
            .args([
                "set",
                "crash",
                &label,
                status,
                "--note",
                &format!("round {round}"),
                "--since",
                "2020-02-10",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        let _ = child.kill(); // SIGKILL
        let finished = child.wait().is_ok_and(|s| s.success());
        // a save that finished removed every temporary file an earlier, killed one left
        assert!(
            !finished || temp_files(&d).is_empty(),
            "round {round}: {:?}",
            temp_files(&d)
        );
        let bytes = std::fs::read(&path).unwrap();
        codec::parse("crash", &bytes)
            .unwrap_or_else(|e| panic!("round {round}: file broken: {e:?}"));
        let after = read_building(&d, "crash");
        let mut edited = before.clone();
        edited.units[i].record.status = Status::parse(status).unwrap();
        edited.units[i].record.note = Some(format!("round {round}").into());
        edited.units[i].record.since = jiff::civil::Date::new(2020, 2, 10).ok().into();
        // the note (personal) is saved before the shared line: a kill between the two leaves the
        // note typed and the status as it was — never the new status without its note
        let mut note_only = before.clone();
        note_only.units[i].record.note = edited.units[i].record.note.clone();
        if after == before || after == note_only {
            outcomes[0] += 1;
        } else {
            assert_eq!(
                after, edited,
                "round {round}: neither the old nor the new state"
            );
            outcomes[1] += 1;
        }
    }
    eprintln!(
        "kills: {} rounds left the old state, {} the new one",
        outcomes[0], outcomes[1]
    );
    // Both outcomes happened, or the test did not test anything.
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
    // A kill between link and rename can leave a named temp file; the next writer removes it.
    ok(&d, &["set", "crash", "101", "vacant"]);
    assert!(temp_files(&d).is_empty(), "{:?}", temp_files(&d));
}
