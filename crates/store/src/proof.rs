//! What a street's history says of its reports, over what their files claim: the revision (how
//! many commits changed the file), who signed the commit that last changed it (a keyed station's
//! report counts only when its key did, `git verify-commit` against an allowed-signers file made
//! from `street.toml` outside the work tree), and when it arrived — the shared remote's receipt
//! (a note its guard writes, `refs/notes/loupan-receipts`) when there is one, else the time this
//! clone first fetched it (`.git/loupan/fetched`), else only the time the file claims.

use crate::git::runner;
use jiff::civil::{Date, DateTime};
use loupan_core::street::{Receipt, Street, Submission};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The notes the remote's guard writes, one per commit that carried a report: `received UNIX`.
pub const RECEIPTS: &str = "refs/notes/loupan-receipts";

/// What the history holds of one report file.
#[derive(Debug, Default)]
struct Seen {
    /// The commit that last changed it.
    commit: String,
    /// How many commits changed it.
    revisions: u32,
    /// The remote's receipt of that commit (seconds since the epoch).
    receipt: Option<i64>,
}

/// The day's reports, each with what the history proves of it.
pub(crate) fn prove(
    root: &Path,
    st: &Street,
    date: Date,
    subs: BTreeMap<String, Submission>,
) -> BTreeMap<String, Submission> {
    let dir = format!("reports/{date}/");
    let seen = history(root, &dir);
    let dirty = dirty(root, &dir);
    let fetched = fetched(root);
    let zone = jiff::tz::TimeZone::get(&st.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let local = |secs: i64| -> Option<DateTime> {
        let t = jiff::Timestamp::from_second(secs).ok()?;
        Some(t.to_zoned_datetime(zone.clone()).datetime())
    };
    subs.into_iter()
        .map(|(id, s)| {
            let path = format!("{dir}{id}.toml");
            let changed = dirty.contains(&path);
            let h = seen.get(&path);
            let revision = h.map_or(0, |h| h.revisions) + u32::from(changed || h.is_none());
            // what is on disk is what the history holds only when the file is unchanged
            let h = h.filter(|_| !changed);
            let received = h.and_then(|h| {
                let remote = h.receipt.and_then(local).map(|t| (t, Receipt::Remote));
                remote.or_else(|| {
                    let at = fetched.get(&h.commit).copied().and_then(local)?;
                    Some((at, Receipt::Fetched))
                })
            });
            let verified = st
                .keys
                .get(&id)
                .map(|key| h.is_some_and(|h| verify(root, &id, key, &h.commit)));
            let mut s = s.proven(revision.max(1), received);
            s.proof.verified = verified;
            (id, s)
        })
        .collect()
}

/// Every report file under `dir` (`reports/DATE/`): its last commit, how many changed it, and
/// the remote's receipt, from one `git log`.
fn history(root: &Path, dir: &str) -> BTreeMap<String, Seen> {
    let mut c = runner::in_dir(root);
    c.args([
        "log",
        "--format=C%x09%H%x09%N",
        &format!("--notes={RECEIPTS}"),
        "--name-only",
        "--relative",
        "--no-renames",
        "--",
        dir,
    ]);
    let out = runner::must(c).unwrap_or_default();
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    let (mut commit, mut receipt) = (String::new(), None);
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("C\t") {
            let mut p = rest.splitn(2, '\t');
            commit = p.next().unwrap_or_default().to_string();
            receipt = p.next().and_then(receipt_of);
        } else if line.starts_with(dir) {
            let e = seen.entry(line.to_string()).or_insert_with(|| Seen {
                commit: commit.clone(),
                receipt,
                ..Seen::default()
            });
            e.revisions = e.revisions.saturating_add(1);
        }
    }
    seen
}

/// A receipt note's time: `received UNIX` (the first, when a note holds several).
fn receipt_of(note: &str) -> Option<i64> {
    note.split_whitespace()
        .skip_while(|w| *w != "received")
        .nth(1)?
        .parse()
        .ok()
}

/// Report files under `dir` that differ from the last commit (or are not in it).
fn dirty(root: &Path, dir: &str) -> BTreeSet<String> {
    let mut c = runner::in_dir(root);
    // reading never takes the index's lock from a sync committing at the same moment
    c.env("GIT_OPTIONAL_LOCKS", "0");
    c.args([
        "status",
        "--porcelain=v1",
        "-z",
        "--no-renames",
        "--untracked-files=all",
        "--",
        dir,
    ]);
    runner::must(c)
        .unwrap_or_default()
        .split('\0')
        .filter_map(|e| e.get(3..))
        .map(str::to_string)
        .collect()
}

/// Whether `commit` is signed by `key`: `git verify-commit` with an allowed-signers file that
/// holds that key alone (as the station's id), made outside the work tree and removed after.
fn verify(root: &Path, id: &str, key: &str, commit: &str) -> bool {
    let Some(file) = Signers::write(id, key) else {
        return false;
    };
    let mut c = runner::in_dir(root);
    c.arg("-c")
        .arg(format!("gpg.ssh.allowedSignersFile={}", file.0.display()))
        .args(["verify-commit", commit]);
    runner::output(c).is_ok_and(|o| o.status.success())
}

/// An allowed-signers file in the system's temporary folder, removed when dropped.
struct Signers(PathBuf);

impl Signers {
    fn write(id: &str, key: &str) -> Option<Signers> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let name = format!("loupan-signers-{}-{n}", std::process::id());
        let path = std::env::temp_dir().join(name);
        // the key is one line (street.toml's reader holds it to one public key's shape)
        let line = format!("{id} namespaces=\"git\" {key}\n");
        std::fs::write(&path, line).ok()?;
        Some(Signers(path))
    }
}

impl Drop for Signers {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Where this clone notes when it first fetched a commit that carried a report.
fn fetched_file(root: &Path) -> Option<PathBuf> {
    Some(crate::git::common_dir(root)?.join("loupan").join("fetched"))
}

/// The commits this clone fetched that carried reports, and when (seconds since the epoch).
fn fetched(root: &Path) -> BTreeMap<String, i64> {
    let text = fetched_file(root)
        .and_then(|f| std::fs::read_to_string(f).ok())
        .unwrap_or_default();
    let mut out = BTreeMap::new();
    for l in text.lines() {
        if let Some((h, t)) = l.split_once(' ')
            && let Ok(t) = t.trim().parse()
        {
            // the first fetch is the one that counts
            out.entry(h.to_string()).or_insert(t);
        }
    }
    out
}

/// Notes the commits in `range` (`HEAD..origin/main`, what a fetch brought) that carry reports,
/// as fetched now. Called by sync before it merges.
pub(crate) fn note_fetched(root: &Path, range: &str) {
    let mut c = runner::in_dir(root);
    c.args(["rev-list", range, "--", "reports/"]);
    let Ok(out) = runner::must(c) else {
        return;
    };
    let now = jiff::Timestamp::now().as_second();
    let lines: String = out
        .lines()
        .filter(|h| !h.is_empty())
        .map(|h| format!("{h} {now}\n"))
        .collect();
    if let (false, Some(f)) = (lines.is_empty(), fetched_file(root)) {
        use std::io::Write;
        let _ = std::fs::create_dir_all(f.parent().unwrap_or(Path::new(".")));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(f);
        if let Ok(mut file) = file {
            let _ = file.write_all(lines.as_bytes());
        }
    }
}

/// How many commits changed `path` (relative to the repository `root`): the revision a new
/// report follows.
pub fn revisions(root: &Path, path: &Path) -> Option<u32> {
    let mut c = runner::in_dir(root);
    c.args(["rev-list", "--count", "HEAD", "--"]).arg(path);
    runner::must(c).ok()?.trim().parse().ok()
}

/// A public key as given on the command line: the key's line, or the path of a `.pub` file
/// holding it.
pub fn key_text(given: &str) -> Result<String, loupan_core::i18n::Text> {
    let p = Path::new(given);
    let literal = ["ssh-", "ecdsa-", "sk-"]
        .iter()
        .any(|k| given.starts_with(k));
    match std::fs::metadata(p) {
        Ok(meta) if !literal && meta.is_file() && meta.len() <= 16 * 1024 => {
            let text = std::fs::read_to_string(p).map_err(|e| crate::errors::io_text(&e))?;
            Ok(text.lines().next().unwrap_or("").trim().to_string())
        }
        _ => Ok(given.trim().to_string()),
    }
}

/// A path made whole (`..` resolved through the file system when it is there).
pub fn full_path(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// The public key's line of a signing key: the file itself when it is a `.pub`, else the `.pub`
/// beside it (as `ssh-keygen` writes them).
pub fn public_key_of(key: &Path) -> Result<String, loupan_core::i18n::Text> {
    let k = loupan_core::display::inline(&key.display().to_string()).into_owned();
    if !key.is_file() {
        return Err(loupan_core::tr!(
            "{k}: no such key file (make one with: ssh-keygen -t ed25519)",
            "{k}：没有这个密钥文件（可用 ssh-keygen -t ed25519 生成）"
        ));
    }
    let public = if key.extension().is_some_and(|e| e == "pub") {
        key.to_path_buf()
    } else {
        let mut p = key.as_os_str().to_owned();
        p.push(".pub");
        PathBuf::from(p)
    };
    let line = std::fs::read_to_string(&public)
        .ok()
        .and_then(|t| t.lines().next().map(|l| l.trim().to_string()))
        .filter(|l| loupan_core::street::plausible_key(l));
    line.ok_or_else(|| {
        loupan_core::tr!(
            "{k}: its public key (the .pub file beside it) is missing or not a public SSH key",
            "{k}：找不到它的公钥（同目录下的 .pub 文件），或那不是 SSH 公钥"
        )
    })
}

/// Makes the clone at `root` sign every commit with `key` (git's SSH signing).
pub fn sign_with(root: &Path, key: &Path) -> Result<(), loupan_core::i18n::Text> {
    let key = key.display().to_string();
    for (k, v) in [
        ("gpg.format", "ssh"),
        ("user.signingkey", key.as_str()),
        ("commit.gpgsign", "true"),
    ] {
        crate::git::config_set(root, k, v)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_note_reads_its_first_time() {
        assert_eq!(receipt_of("received 1700000000"), Some(1_700_000_000));
        assert_eq!(
            receipt_of("received 1700000000 received 1800000000"),
            Some(1_700_000_000)
        );
        assert_eq!(receipt_of("nonsense"), None);
        assert_eq!(receipt_of(""), None);
    }
}
