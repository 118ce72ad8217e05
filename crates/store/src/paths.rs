//! Where the data lives and which file a building names. Refuses ids that could leave the data
//! directory. A building is named by its id, a unique prefix of the id, its name, or a unique part
//! of its name (staff know 海港大厦, not `haigang`).

use super::load::dir_error;
use loupan_core::display::inline;
use loupan_core::i18n::Text;
use loupan_core::ids::BuildingId;
use loupan_core::tr;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// `--dir`, else `$LOUPAN_DIR`, else the config's `data_dir`, else the station's folder a
/// command runs in (in a street), else `./buildings` (or `.` inside a folder named so).
/// `map`: the map is opening — only then is the sample of a source checkout copied to
/// `sample-today/` (`cargo run --release`); a command never writes beside the checkout's files.
pub fn data_dir(flag: Option<PathBuf>, config: &super::config::Config, map: bool) -> PathBuf {
    named_dir(flag, config)
        // inside a station's folder of a street, that station's buildings
        .or_else(|| {
            super::street::station_of(Path::new("."))
                .map(|(root, id)| root.join("stations").join(id))
        })
        .unwrap_or_else(|| default_dir(map))
}

/// `./buildings`; or, run where there is no `buildings` folder, the current folder when it holds
/// building files or is named `buildings` (staff who `cd` into their data folder mean it).
fn default_dir(map: bool) -> PathBuf {
    let named = std::env::current_dir()
        .ok()
        .is_some_and(|d| d.file_name().is_some_and(|n| n == "buildings"));
    let shipped = Path::new("buildings");
    if !shipped.exists() && (named || holds_buildings(Path::new("."))) {
        PathBuf::from(".")
    } else if map || Path::new(super::sample::COPY).is_dir() {
        // the sample of a source checkout: its copy dated today (`cargo run --release` makes
        // it; commands read it once it is there, and never make it)
        super::sample::current(shipped, super::today()).unwrap_or_else(|| shipped.to_path_buf())
    } else {
        shipped.to_path_buf()
    }
}

/// Whether `dir` holds a building file: a `.toml` whose header gives `floors` (a station's
/// `Cargo.toml` or a street's `street.toml` does not).
pub fn holds_buildings(dir: &Path) -> bool {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return false;
    };
    rd.filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.ends_with(".toml")))
        .take(64)
        .any(|e| is_building_file(&e.path()))
}

fn is_building_file(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    std::io::BufReader::new(f)
        .lines()
        .take(40)
        .map_while(Result::ok)
        .map(|l| l.trim_start().to_string())
        .take_while(|t| !t.starts_with('[') || t.starts_with("[units]"))
        .any(|t| {
            t.starts_with("[units]")
                || t.strip_prefix("floors")
                    .is_some_and(|r| r.trim_start().starts_with('='))
        })
}

/// The data folder nearest to `from` when `from` is none: a folder holding building files among
/// its subfolders (two levels down, by name), else at or above it, or such a folder's `buildings`.
pub fn nearest_data_dir(from: &Path) -> Option<PathBuf> {
    let first = subfolders(from);
    let second = first.iter().flat_map(|d| subfolders(d));
    first
        .iter()
        .cloned()
        .chain(second)
        .find(|d| holds_buildings(d))
        .or_else(|| {
            from.ancestors().skip(1).find_map(|a| {
                let b = a.join("buildings");
                [a.to_path_buf(), b]
                    .into_iter()
                    .find(|d| holds_buildings(d))
            })
        })
}

/// The folders in `dir` a person made (not hidden), sorted.
fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

/// The data directory when one is named: `--dir`, else `$LOUPAN_DIR`, else the config's.
pub fn named_dir(flag: Option<PathBuf>, config: &super::config::Config) -> Option<PathBuf> {
    flag.or_else(|| std::env::var_os("LOUPAN_DIR").map(PathBuf::from))
        .or_else(|| config.data_dir.clone())
}

/// An id is a file stem: no separators, no leading dot, nothing that walks out of the directory.
pub fn check_id(id: &str) -> Result<BuildingId, Text> {
    BuildingId::parse(id)
}

pub(crate) fn file_of(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.toml"))
}

/// Every building id in the directory, sorted.
pub(crate) fn list_ids(dir: &Path) -> Result<Vec<BuildingId>, Text> {
    let rd = std::fs::read_dir(dir).map_err(|e| dir_error(dir, &e))?;
    let mut ids: Vec<BuildingId> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let id = name.strip_suffix(".toml")?;
            check_id(id).ok()
        })
        .collect();
    ids.sort();
    Ok(ids)
}

/// The `name` a building file gives itself, read from its header only (it stands above
/// `[units]`), so that naming a building by name costs little even among thousands.
pub(crate) fn name_of(dir: &Path, id: &str) -> Option<String> {
    let f = std::fs::File::open(file_of(dir, id)).ok()?;
    for line in std::io::BufReader::new(f).lines() {
        let line = line.ok()?;
        let t = line.trim_start();
        if t.starts_with('[') {
            return None;
        }
        if t.starts_with("name") {
            let table: toml::Table = toml::from_str(t).ok()?;
            return table.get("name")?.as_str().map(str::to_string);
        }
    }
    None
}

/// Every building's (id, name), read from the files' headers on all cores.
pub(crate) fn names(dir: &Path) -> Result<Vec<(BuildingId, String)>, Text> {
    let ids = list_ids(dir)?;
    let names = super::load::map_ids(&ids, |id| name_of(dir, id).unwrap_or_default());
    Ok(ids.into_iter().zip(names).collect())
}

/// A building by id, unique id prefix, name, or unique part of a name.
pub(crate) fn resolve(dir: &Path, given: &str) -> Result<BuildingId, Text> {
    if let Ok(id) = check_id(given)
        && file_of(dir, given).is_file()
    {
        return Ok(id);
    }
    let ids = list_ids(dir)?;
    let by_prefix: Vec<&BuildingId> = ids.iter().filter(|i| i.starts_with(given)).collect();
    if let [one] = by_prefix.as_slice() {
        return Ok((*one).clone());
    }
    let names: Vec<(BuildingId, String)> = ids
        .iter()
        .map(|id| (id.clone(), name_of(dir, id).unwrap_or_default()))
        .collect();
    if let Some((id, _)) = names.iter().find(|(_, n)| n == given) {
        return Ok(id.clone());
    }
    let by_name: Vec<&(BuildingId, String)> = names
        .iter()
        .filter(|(_, n)| !given.is_empty() && n.contains(given))
        .collect();
    let shown = inline(given);
    match (by_prefix.as_slice(), by_name.as_slice()) {
        (_, [one]) if by_prefix.is_empty() => Ok(one.0.clone()),
        ([], []) => {
            let d = dir.display();
            let known = if names.is_empty() {
                "-".to_string()
            } else {
                listing(names.iter().take(12))
            };
            Err(tr!(
                "no building `{shown}` in {d}; known: {known}",
                "{d} 里没有楼栋“{shown}”；已有：{known}"
            ))
        }
        _ => {
            let mut all: Vec<&(BuildingId, String)> = names
                .iter()
                .filter(|(id, _)| by_prefix.contains(&id))
                .collect();
            all.extend(
                by_name
                    .iter()
                    .filter(|x| !all.contains(x))
                    .collect::<Vec<_>>(),
            );
            let many = listing(all.into_iter().take(12));
            Err(tr!(
                "`{shown}` could be {many}; type more of it",
                "“{shown}”可能是 {many}；请多输入几个字"
            ))
        }
    }
}

fn listing<'a>(items: impl Iterator<Item = &'a (BuildingId, String)>) -> String {
    items
        .map(|(id, n)| {
            if n.is_empty() || n == id.as_str() {
                id.to_string()
            } else {
                format!("{id} ({})", inline(n))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_escape() {
        for bad in ["", "../x", "a/b", ".hidden", "..", "a\\b", "x\0"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        for good in ["tower", "海港大厦", "b0001", "east-annex_2"] {
            assert!(check_id(good).is_ok(), "{good}");
        }
    }
}
