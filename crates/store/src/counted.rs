//! Counts of building file versions already read, kept beside git's own data
//! (`.git/loupan/counts`): a file version (a blob, named by its content) is read and parsed once,
//! not at every `trend` or map start. The file names loupan's version, so figures from another
//! version of the reader are never trusted. Losing or deleting it costs only time.

use loupan_core::stats::Counts;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A version as counted: the building's name, and its counts (`None`: it did not parse).
pub type Counted = (Arc<str>, Option<Counts>);

const HEADER: &str = concat!("# loupan ", env!("CARGO_PKG_VERSION"), " counts by blob\n");
/// Past this many versions the cache starts again rather than grow without end.
const MOST: usize = 1_000_000;

#[derive(Default)]
pub struct Cache {
    path: Option<PathBuf>,
    map: HashMap<String, Counted>,
    added: usize,
    /// Lines in the file when it was opened.
    kept: usize,
}

impl Cache {
    /// The repository's cache, or an empty one that is never saved; of what the file holds only
    /// the versions `wanted` are kept in memory.
    pub(crate) fn open(dir: &Path, wanted: &HashSet<&str>) -> Cache {
        let Some(path) = super::git::common_dir(dir).map(|d| d.join("loupan").join("counts"))
        else {
            return Cache::default();
        };
        let mut map = HashMap::new();
        let mut kept = 0;
        for line in lines_of(&path) {
            kept += 1;
            let want = line
                .split_once(' ')
                .is_some_and(|(o, _)| wanted.contains(o));
            if let Some((oid, c)) = read_line(&line).filter(|_| want) {
                map.insert(oid, c);
            }
        }
        Cache {
            path: Some(path),
            map,
            added: 0,
            kept,
        }
    }

    pub fn get(&self, oid: &str) -> Option<&Counted> {
        self.map.get(oid)
    }

    pub fn put(&mut self, oid: &str, c: &Counted) {
        if self.map.insert(oid.to_string(), c.clone()).is_none() {
            self.added += 1;
        }
    }

    /// Adds what it learned to the file (written again whole and atomically: the lines it had
    /// and the new ones); best effort — a read-only clone just counts again next time.
    pub fn save(&self) {
        let Some(path) = &self.path else { return };
        if self.added == 0 {
            return;
        }
        let mut text = String::from(HEADER);
        for (oid, c) in &self.map {
            write_line(&mut text, oid, c);
        }
        if self.kept + self.added <= MOST {
            for line in lines_of(path) {
                if line
                    .split_once(' ')
                    .is_some_and(|(o, _)| !self.map.contains_key(o))
                {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
        }
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = super::write::atomic_write(path, text.as_bytes());
    }
}

/// The file's lines after its header, read as they come; none when the header is another
/// version's (or the file is missing).
fn lines_of(path: &Path) -> impl Iterator<Item = String> {
    use std::io::BufRead;
    let mut lines = std::fs::File::open(path)
        .ok()
        .map(|f| std::io::BufReader::new(f).lines().map_while(Result::ok));
    let current = lines
        .as_mut()
        .and_then(Iterator::next)
        .is_some_and(|h| format!("{h}\n") == HEADER);
    lines.into_iter().flatten().filter(move |_| current)
}

/// `OID UNITS HEALTHY … UNKNOWN LIVE-WORK "NAME"`, or `OID - "ID"` for a version that did not
/// parse; the name as a JSON string, so any text stays on its line.
fn write_line(out: &mut String, oid: &str, (name, counts): &Counted) {
    use std::fmt::Write;
    let name = serde_json::to_string(&**name).unwrap_or_else(|_| "\"\"".into());
    match counts {
        Some(c) => {
            let _ = write!(out, "{oid} {}", c.units);
            for n in c.by_status {
                let _ = write!(out, " {n}");
            }
            let _ = writeln!(out, " {} {name}", c.live_work);
        }
        None => {
            let _ = writeln!(out, "{oid} - {name}");
        }
    }
}

fn read_line(line: &str) -> Option<(String, Counted)> {
    let (oid, rest) = line.split_once(' ')?;
    if let Some(name) = rest.strip_prefix("- ") {
        let name: String = serde_json::from_str(name).ok()?;
        return Some((oid.to_string(), (Arc::from(name), None)));
    }
    let mut parts = rest.splitn(9, ' ');
    let mut n = [0usize; 8];
    for x in &mut n {
        *x = parts.next()?.parse().ok()?;
    }
    let name: String = serde_json::from_str(parts.next()?).ok()?;
    let mut by_status = [0; 6];
    by_status.copy_from_slice(&n[1..7]);
    let c = Counts {
        units: n[0],
        by_status,
        live_work: n[7],
    };
    Some((oid.to_string(), (Arc::from(name), Some(c))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_back_whatever_the_name() {
        let c = Counts {
            units: 9,
            by_status: [1, 2, 3, 0, 1, 2],
            live_work: 1,
        };
        for (name, counts) in [("测试 \"大厦\"\n\u{1b}[31m", Some(c)), ("b0001", None)] {
            let mut s = String::new();
            write_line(&mut s, "abc123", &(Arc::from(name), counts));
            assert_eq!(s.lines().count(), 1);
            let (oid, (n, back)) = read_line(s.trim_end()).unwrap();
            assert_eq!((oid.as_str(), &*n, back), ("abc123", name, counts));
        }
    }
}
