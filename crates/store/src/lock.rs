//! The lock that serialises writers of one file. Saving replaces the file by rename, so a lock on
//! the file itself would stay on the old inode: the lock is a hidden file beside it
//! (`.haigang.toml.lock`), never renamed, git-ignored.

use super::errors::io_text;
use loupan_core::i18n::Text;
use loupan_core::tr;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Holds a file's lock until dropped.
pub struct Lock(File);

fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.lock"))
}

impl Lock {
    /// Blocks until this process holds the lock of `target`.
    pub fn take(target: &Path) -> Result<Lock, Text> {
        let path = lock_path(target);
        let fresh = !path.exists();
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                let (p, why) = (path.display(), io_text(&e));
                let read_only = matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                );
                if read_only {
                    tr!(
                        "cannot save: the data directory is read-only for you ({why}: {p}); ask for write access (see docs/guide/config.md, \"A shared server\"), or open the map with --read-only",
                        "无法保存：数据目录对你是只读的（{why}：{p}）；请申请写权限（见 docs/guide/config.md“共享服务器”一节），或用 --read-only 只读打开"
                    )
                } else {
                    tr!("cannot create the lock file {p}: {why}", "无法创建锁文件 {p}：{why}")
                }
            })?;
        if fresh && let Some(dir) = target.parent() {
            ensure_gitignore(dir);
        }
        f.lock().map_err(|e| {
            let (p, why) = (path.display(), io_text(&e));
            tr!("cannot lock {p}: {why}", "无法锁定 {p}：{why}")
        })?;
        Ok(Lock(f))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// The `.gitignore` loupan writes in a data directory (and at a street's root): its lock and
/// temporary files, the private store, and the files people make beside the data — ledgers,
/// exports, printouts — which hold personal values and never travel (docs/sync.md).
pub(crate) const IGNORE: &str = "# loupan's lock and temporary files\n.*.lock\n.*.toml.??????\n# personal values: loupan's private store, never in the shared history\n/.private/\n# ledgers, exports and printouts hold personal values: they never travel\n*.csv\n*.xlsx\n*.html\n*.pdf\n";

/// Lock files are hidden; this keeps them (and any temp file a crash left), the private store and
/// exports out of `git status`. A `.gitignore` from an older loupan gains the lines it lacks.
pub(crate) fn ensure_gitignore(dir: &Path) {
    let p = dir.join(".gitignore");
    let Ok(mut text) = std::fs::read_to_string(&p) else {
        let _ = std::fs::write(&p, IGNORE);
        return;
    };
    let before = text.len();
    for line in IGNORE.lines().filter(|l| !l.starts_with('#')) {
        if !text.lines().any(|x| x.trim() == line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    if text.len() != before {
        let _ = std::fs::write(&p, text);
    }
}
