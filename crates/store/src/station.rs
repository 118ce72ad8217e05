//! A station: its data directory (building files and journal), the git repository that holds it,
//! who it is, and the config it was opened with. Every store operation on a station's data is a
//! method here, so nothing outside the store passes a bare directory around; the street (many
//! stations) is a collection of these.

use super::config::Config;
use super::git;
use super::history::{self, Reach};
use super::journal::{self, Day, Whole};
use super::load::{self, Loaded};
use super::past::{self, Past, Shown};
use super::paths;
use super::repo::{self, LogEntry, Review};
use super::snapshot::{self, At};
use super::stamp::Stamp;
use super::watch::{self, Tracker, Watcher};
use super::write::{self, Saved, WriteError};
use jiff::civil::Date;
use loupan_core::codec::{Located, Problem};
use loupan_core::edit::UnitEdit;
use loupan_core::i18n::Text;
use loupan_core::ids::{BuildingId, CommitId, StationId};
use loupan_core::journal::Entry;
use loupan_core::model::Building;
use loupan_core::trend;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[derive(Clone)]
pub struct Station {
    dir: PathBuf,
    id: StationId,
    config: Config,
    /// Whether the data is in a git work tree: asked once, when first needed (git takes
    /// milliseconds to start, and the map's first screen does not wait for it).
    in_repo: OnceLock<bool>,
}

impl Station {
    /// The station whose data is in `dir`. Its id is its folder's name in a street
    /// (`stations/ID`, the data directory itself), else the name of the folder that holds the
    /// data directory (`luguxi/buildings` is `luguxi`).
    pub fn open(dir: PathBuf, config: Config) -> Station {
        let abs = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
        let in_street = abs.parent().is_some_and(|p| {
            p.file_name().is_some_and(|n| n == "stations")
                && p.parent()
                    .is_some_and(|r| r.join(super::street::FILE).is_file())
        });
        let named = if in_street {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        let id = named.and_then(Path::file_name).map_or_else(
            || "station".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Station {
            dir,
            id: StationId::new(id),
            config,
            in_repo: OnceLock::new(),
        }
    }

    /// The data directory as given (relative paths stay relative, as users typed them).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn id(&self) -> &StationId {
        &self.id
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    // ---- buildings ----

    /// Every building id in the directory, sorted.
    pub fn ids(&self) -> Result<Vec<BuildingId>, Text> {
        paths::list_ids(&self.dir)
    }

    /// Every building's (id, name), read from the files' headers.
    pub fn names(&self) -> Result<Vec<(BuildingId, String)>, Text> {
        paths::names(&self.dir)
    }

    /// Buildings as people name them, for what commands print (`海港大厦`; the id only where a
    /// name is shared). A folder that cannot be listed gives ids as they are.
    pub fn shown_names(&self) -> loupan_core::display::Names {
        let all = self.names().unwrap_or_default();
        let pairs: Vec<(&str, &str)> = all.iter().map(|(i, n)| (i.as_str(), n.as_str())).collect();
        loupan_core::display::Names::new(&pairs)
    }

    pub fn name_of(&self, id: &BuildingId) -> Option<String> {
        paths::name_of(&self.dir, id)
    }

    /// A building by id, unique id prefix, name, or unique part of a name.
    pub fn resolve(&self, given: &str) -> Result<BuildingId, Text> {
        paths::resolve(&self.dir, given)
    }

    pub fn file_of(&self, id: &BuildingId) -> PathBuf {
        paths::file_of(&self.dir, id)
    }

    pub fn load(&self, id: &BuildingId) -> Loaded {
        load::load_one(&self.dir, id)
    }

    /// `load`, plus what `check` adds: units spread over lines, isolations past their end.
    pub fn load_checked(&self, id: &BuildingId, today: Date) -> (Loaded, Vec<Problem>) {
        load::load_checked(&self.dir, id, today)
    }

    /// Every building of `ids` on all cores, in order.
    pub fn load_all(&self, ids: &[BuildingId]) -> Vec<Loaded> {
        load::map_all(&self.dir, ids, |l| l)
    }

    /// Loads every building of `ids` on all cores and keeps only what `f` makes of each.
    pub fn map_all<T: Send>(&self, ids: &[BuildingId], f: impl Fn(Loaded) -> T + Sync) -> Vec<T> {
        load::map_all(&self.dir, ids, f)
    }

    /// The one write path: edits to one building as one atomic, locked save.
    pub fn apply_edits(&self, id: &BuildingId, edits: &[UnitEdit]) -> Result<Saved, WriteError> {
        write::apply_edits(&paths::file_of(&self.dir, id), id, edits)
    }

    /// Everything a save does but the write itself (for benchmarks).
    pub fn prepare_edits(
        &self,
        id: &BuildingId,
        edits: &[UnitEdit],
    ) -> Result<Option<String>, WriteError> {
        write::prepare_edits(&paths::file_of(&self.dir, id), id, edits)
    }

    /// A new building file (and the data directory, if need be); refused if one is there.
    pub fn create(&self, id: &BuildingId, text: &str) -> Result<(), Text> {
        write::create_new(&paths::file_of(&self.dir, id), text.as_bytes())?;
        super::lock::ensure_gitignore(&self.dir);
        Ok(())
    }

    /// Rewrites a building file in one transaction with what `f` makes of its text (`fmt`;
    /// `f` runs again if the file moved meanwhile); whether it changed.
    pub fn rewrite(
        &self,
        id: &BuildingId,
        f: impl FnMut(&str, &Building) -> Option<String>,
    ) -> Result<bool, WriteError> {
        write::rewrite(&paths::file_of(&self.dir, id), id, f)
    }

    // ---- the journal ----

    pub fn journal_file(&self, day: Date) -> PathBuf {
        journal::file_of(&self.dir, day)
    }

    /// Who logs follow-ups here: git's user name for the data, else the login.
    pub fn who(&self) -> String {
        journal::who(&self.dir)
    }

    /// Appends one entry to its day's file.
    pub fn append(&self, e: &Entry) -> Result<Option<Stamp>, Text> {
        journal::append(&self.dir, e)
    }

    pub fn journal_day(&self, day: Date) -> Day {
        journal::read_day(&self.dir, day)
    }

    /// The days that have a journal file, oldest first; the folder as a problem when it cannot
    /// be listed (never an empty journal).
    pub fn journal_days(&self) -> Result<Vec<Date>, Located> {
        journal::days(&self.dir)
    }

    /// The whole journal with the stamps of the files read; the days whose files have problems,
    /// and an unreadable folder, come back apart.
    pub fn journal(&self) -> Whole {
        journal::read_stamped(&self.dir)
    }

    // ---- git ----

    /// Whether the data is in a git work tree (asked once).
    pub fn in_repo(&self) -> bool {
        *self.in_repo.get_or_init(|| git::is_repo(&self.dir))
    }

    /// A clear refusal unless the data is in git.
    pub fn require_repo(&self) -> Result<(), Text> {
        repo::require_repo(&self.dir)
    }

    /// Prepares the repository: `.gitattributes`, the merge driver's config. Says what it did.
    pub fn init_repo(&self) -> Result<Vec<Text>, Text> {
        repo::init(&self.dir)
    }

    pub fn resolve_rev(&self, rev: &str) -> Result<CommitId, Text> {
        git::resolve_rev(&self.dir, rev)
    }

    /// Commits the data directory's changes, and the private store's in its own history; the
    /// new commit of the shared history.
    pub fn commit(&self, message: &str) -> Result<CommitId, Text> {
        super::private::git::commit(&self.dir, message)?;
        git::commit(&self.dir, message)
    }

    /// `loupan sync` (the map's `S` too): the shared repository with its remote, then the
    /// private store with its own, when it has one.
    /// The one sync: `loupan sync`, `report --submit`, the map's `S` and the street map's `S`.
    /// Its own commit is worded in the station's language.
    pub fn sync(&self, today: Date) -> Result<super::sync::Synced, super::sync::SyncError> {
        let lang = super::config::pick_lang(None, &self.config);
        let dir = if self.dir.is_dir() {
            self.dir.clone()
        } else {
            PathBuf::from(".")
        };
        let mut s = super::sync::sync(&dir, &|| self.who(), lang)?;
        for d in self.private_stores(&dir) {
            let r = self.config.retention();
            let p = super::private::sync::sync(&d, r, today)?;
            let all = s.private.get_or_insert_with(Default::default);
            all.received |= p.received;
            all.purged_elsewhere |= p.purged_elsewhere;
            all.clashes += p.clashes;
        }
        Ok(s)
    }

    /// The private stores a sync here carries with its own remotes: this data directory's, or at a
    /// street's root every station's (a shared server's office syncs them all).
    fn private_stores(&self, synced: &Path) -> Vec<PathBuf> {
        let has = |d: &PathBuf| super::private::sync::has_remote(d);
        if !synced.join(super::street::FILE).is_file() {
            return std::iter::once(self.dir.clone()).filter(has).collect();
        }
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(synced.join("stations"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(has)
            .collect();
        dirs.sort();
        dirs
    }

    /// Building ids at a commit.
    pub fn ids_at(&self, rev: &CommitId) -> Result<Vec<BuildingId>, Text> {
        git::ids_at(&self.dir, rev.as_str())
    }

    /// Buildings whose file differs between a commit and the working tree.
    pub fn changed_ids(&self, rev: &CommitId) -> Result<Vec<BuildingId>, Text> {
        git::changed_ids(&self.dir, rev.as_str())
    }

    /// A building as it was at a commit.
    pub fn load_at(&self, rev: &CommitId, id: &BuildingId) -> Loaded {
        repo::load_at(&self.dir, rev, id)
    }

    /// Every building of a commit (but `skip`), parsed as it streams from git.
    pub fn stream_at(
        &self,
        rev: &CommitId,
        skip: Option<&BuildingId>,
        send: impl Fn(Loaded) -> bool + Sync,
    ) -> Result<(), Text> {
        snapshot::stream_at(&self.dir, rev, skip, send)
    }

    /// Unit and company changes between a revision and the working tree, as the history holds
    /// them (personal values only where both sides are known).
    pub fn unit_diff(&self, rev: &str) -> Result<super::unit_diff::Diffed, Text> {
        super::unit_diff::diff(&self.dir, rev)
    }

    /// One unit's history.
    pub fn unit_log(&self, id: &BuildingId, unit: &str) -> Result<Vec<LogEntry>, Text> {
        repo::unit_log(&self.dir, id, unit)
    }

    /// A company's history (by its id in `[companies]`), newest first.
    pub fn company_log(
        &self,
        id: &BuildingId,
        company: &str,
    ) -> Result<Vec<super::company::CompanyLogEntry>, Text> {
        super::company::company_log(&self.dir, id, company)
    }

    /// When each field of these units last changed: today if uncommitted, else the day of the
    /// commit that changed it (an import keeps what is newer than its ledger).
    pub fn last_changes(
        &self,
        id: &BuildingId,
        units: &[String],
        today: Date,
    ) -> super::changed::LastChanges {
        super::changed::last_changes(&self.dir, id, units, today)
    }

    /// Branch, ahead/behind, and the uncommitted unit changes.
    pub fn review(&self) -> Review {
        repo::review(&self.dir)
    }

    // ---- history ----

    /// Where the end of a day is: the working tree, a commit, or nothing yet.
    pub fn end_of(&self, day: Date, today: Date) -> Result<At, Text> {
        snapshot::end_of(&self.dir, day, today)
    }

    /// The buildings at a point (only `ids`, when given), and the problem lines of the rest.
    pub fn buildings_at(
        &self,
        at: &At,
        ids: Option<&[BuildingId]>,
    ) -> Result<(Vec<Building>, Vec<snapshot::Unreadable>), Text> {
        snapshot::buildings(&self.dir, at, ids)
    }

    /// The buildings whose files differ between two points (`None`: all may).
    pub fn changed_between(&self, from: &At, to: &At) -> Result<Option<Vec<BuildingId>>, Text> {
        snapshot::changed(&self.dir, from, to)
    }

    /// Counts at the end of each of `days` (ascending), from git; today from the files.
    pub fn trend(&self, days: &[Date], today: Date) -> Result<(Vec<trend::Day>, Reach), Text> {
        history::days(&self.dir, days, today)
    }

    /// The map at the end of a past day, as far as it differs from what is shown.
    pub fn past(&self, day: Date, shown: Shown<'_>) -> Result<Past, Text> {
        past::past(&self.dir, day, shown)
    }

    // ---- noticing changes ----

    /// Remembers which version of each file the screen holds, to tell what changed since.
    pub fn tracker(&self, ids: &[BuildingId]) -> Tracker {
        Tracker::new(&self.dir, ids)
    }

    /// Calls `changed` when something in the data directory may have changed.
    pub fn watch(&self, poll: bool, changed: impl Fn() -> bool + Send + 'static) -> Watcher {
        watch::watch(&self.dir, poll, changed)
    }
}
