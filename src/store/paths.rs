//! Where the data lives and which file an id names. Refuses ids that could leave the data directory.

use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// `--dir`, else `$LOUPAN_DIR`, else the config's `data_dir`, else `./buildings`.
pub fn data_dir(flag: Option<PathBuf>, config: &super::config::Config) -> PathBuf {
    flag.or_else(|| std::env::var_os("LOUPAN_DIR").map(PathBuf::from))
        .or_else(|| config.data_dir.clone())
        .unwrap_or_else(|| PathBuf::from("buildings"))
}

/// An id is a file stem: no separators, no leading dot, nothing that walks out of the directory.
pub fn check_id(id: &str) -> Result<()> {
    if id.is_empty()
        || id.starts_with('.')
        || id.contains(['/', '\\', '\0', ':'])
        || id.chars().any(char::is_control)
        || id.len() > 200
    {
        bail!(
            "`{id}` is not a building id: use letters, digits, `-` or `_` (the file is <id>.toml in the data \
             directory), without `/` or a leading `.`"
        );
    }
    Ok(())
}

pub fn file_of(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.toml"))
}

/// Every building id in the directory, sorted.
pub fn list_ids(dir: &Path) -> Result<Vec<String>> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => bail!(
            "cannot read the data directory {}: {e}; choose one with --dir, $LOUPAN_DIR or the config file",
            dir.display()
        ),
    };
    let mut ids: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let id = name.strip_suffix(".toml")?;
            (!id.starts_with('.') && check_id(id).is_ok()).then(|| id.to_string())
        })
        .collect();
    ids.sort();
    Ok(ids)
}

/// An exact id, or a unique prefix of one.
pub fn resolve(dir: &Path, given: &str) -> Result<String> {
    check_id(given)?;
    if file_of(dir, given).exists() {
        return Ok(given.to_string());
    }
    let ids = list_ids(dir)?;
    let matches: Vec<&String> = ids.iter().filter(|i| i.starts_with(given)).collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => bail!(
            "no building `{given}` in {}; known: {}",
            dir.display(),
            if ids.is_empty() {
                "(none)".to_string()
            } else {
                ids.join(", ")
            }
        ),
        many => bail!(
            "`{given}` could be {}; type more of the id",
            many.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
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
