//! A file's stamp — inode, size, modification time — to notice that it changed without reading
//! it. The one definition: the write path, the loader and the watcher all compare these.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    ino: u64,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
}

impl Stamp {
    /// The file's stamp now; `None` if it is not there.
    pub fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(Stamp {
            ino: m.ino(),
            len: m.len(),
            mtime: m.mtime(),
            mtime_nsec: m.mtime_nsec(),
        })
    }

    /// This stamp, changed whenever `other` changes too: one stamp for a record kept in two
    /// files (a building's shared and private parts).
    pub fn with(self, other: Option<Stamp>) -> Stamp {
        let Some(o) = other else { return self };
        Stamp {
            ino: self.ino ^ o.ino.rotate_left(29),
            len: self.len ^ o.len.rotate_left(37),
            mtime: self.mtime ^ o.mtime.rotate_left(17),
            mtime_nsec: self.mtime_nsec ^ o.mtime_nsec.rotate_left(43),
        }
    }
}
