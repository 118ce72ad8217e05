//! The street map's figures for the stations not on screen, from the per-version counts cache
//! (`.git/loupan/counts`): a building file whose contents are the index's is known by its blob
//! id and counted once, ever; only the files that changed since are read (and remembered).

use super::counted::{Cache, Counted};
use loupan_core::i18n::Text;
use loupan_core::stats::Counts;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What git knows of the street's building files, and the counts of their versions.
pub struct Known {
    root: PathBuf,
    /// Blob ids of the files whose contents are the index's, by path from the root.
    blobs: HashMap<String, String>,
    cache: Mutex<Cache>,
    /// When git was asked: a file written since (or just before) may not be the version git
    /// named, so its counts are not remembered under that name.
    asked: std::time::SystemTime,
}

/// How many files a station's figures took from the cache and how many it read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Taken {
    pub cached: usize,
    pub read: usize,
}

impl Known {
    /// The street at `root` as git's index says (two git processes); outside git, or when git
    /// fails, nothing is known and every file is read.
    pub fn open(root: &Path) -> Known {
        let asked = std::time::SystemTime::now();
        let blobs: HashMap<String, String> = super::git::clean_blobs(root, "stations")
            .unwrap_or_default()
            .into_iter()
            .collect();
        let wanted: HashSet<&str> = blobs.values().map(String::as_str).collect();
        let cache = Cache::open(root, &wanted);
        Known {
            root: root.to_path_buf(),
            blobs,
            cache: Mutex::new(cache),
            asked,
        }
    }

    /// One station's buildings' counts (`None`: the file does not read), in the order of its
    /// listing: known versions from the cache, the others read on every core.
    pub fn station(&self, id: &str) -> Result<(Vec<Option<Counts>>, Taken), Text> {
        let dir = self.root.join("stations").join(id);
        let ids = super::paths::list_ids(&dir)?;
        let found: Vec<(Option<&String>, Option<Counted>)> = ids
            .iter()
            .map(|b| {
                let oid = self
                    .blobs
                    .get(&format!("stations/{id}/{}.toml", b.as_str()));
                let hit = oid.and_then(|o| self.lock().get(o).cloned());
                (oid, hit)
            })
            .collect();
        let mut taken = Taken::default();
        let order: Vec<usize> = (0..ids.len()).collect();
        let counts = super::load::map_slice(&order, |&k| match &found[k] {
            (_, Some(c)) => c.1,
            (oid, None) => self.read(&dir, &ids[k], *oid),
        });
        taken.cached = found.iter().filter(|f| f.1.is_some()).count();
        taken.read = ids.len() - taken.cached;
        Ok((counts, taken))
    }

    /// A file not known: read and counted, and remembered when git knows its version.
    fn read(
        &self,
        dir: &Path,
        b: &loupan_core::ids::BuildingId,
        oid: Option<&String>,
    ) -> Option<Counts> {
        let file = super::paths::file_of(dir, b.as_str());
        let settled = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t + std::time::Duration::from_secs(2) < self.asked);
        let bytes = std::fs::read(&file).ok()?;
        let counted = super::history::count(b.as_str(), &bytes);
        if let Some(o) = oid.filter(|_| settled) {
            self.lock().put(o, &counted);
        }
        counted.1
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Writes what was learned to the cache (best effort).
    pub fn save(&self) {
        self.lock().save();
    }
}
