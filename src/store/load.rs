//! Loading building files: one at a time, or a whole directory in parallel. A broken file is a
//! value (its problems), never an error that stops the others.

use super::paths;
use crate::core::codec::{self, Problem};
use crate::core::model::Building;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Loaded {
    pub id: String,
    pub path: PathBuf,
    pub building: Result<Building, Vec<Problem>>,
}

impl Loaded {
    /// `PATH:LINE:COL: MESSAGE` lines for a broken file.
    pub fn problem_lines(&self) -> Vec<String> {
        match &self.building {
            Ok(_) => Vec::new(),
            Err(ps) => ps
                .iter()
                .map(|p| {
                    format!(
                        "{}:{}:{}: {}",
                        self.path.display(),
                        p.line,
                        p.col,
                        p.message
                    )
                })
                .collect(),
        }
    }
}

pub fn load_one(dir: &Path, id: &str) -> Loaded {
    let path = paths::file_of(dir, id);
    let building = match std::fs::read(&path) {
        Ok(bytes) => codec::parse(id, &bytes),
        Err(e) => Err(vec![Problem {
            line: 1,
            col: 1,
            message: format!("cannot read the file: {e}"),
        }]),
    };
    Loaded {
        id: id.to_string(),
        path,
        building,
    }
}

/// Loads every building on all cores, in id order.
pub fn load_all(dir: &Path, ids: &[String]) -> Vec<Loaded> {
    map_all(dir, ids, |l| l)
}

/// Loads every building on all cores and keeps only what `f` makes of each, in id order: a
/// command that needs counts never holds the whole data set.
pub fn map_all<T: Send>(dir: &Path, ids: &[String], f: impl Fn(Loaded) -> T + Sync) -> Vec<T> {
    let mut out: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
    let slots: Vec<std::sync::Mutex<&mut Option<T>>> =
        out.iter_mut().map(std::sync::Mutex::new).collect();
    each_parallel(0..ids.len(), |i| {
        let t = f(load_one(dir, &ids[i]));
        if let Ok(mut slot) = slots[i].lock() {
            **slot = Some(t);
        }
        true
    });
    drop(slots);
    out.into_iter().flatten().collect()
}

/// Calls `f` for every index of `range` on all cores, each index once, roughly in order;
/// stops early when `f` returns false.
pub fn each_parallel(range: std::ops::Range<usize>, f: impl Fn(usize) -> bool + Sync) {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(range.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(range.start);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= range.end {
                        break;
                    }
                    if !f(i) {
                        stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
}
