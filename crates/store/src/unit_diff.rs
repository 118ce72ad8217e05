//! `loupan diff`: what changed between a revision and the working tree, as the history holds it.
//! The shared history holds no personal value, so both sides are compared on their shared fields
//! only; a personal value's change is shown only where both of its sides are known — against
//! HEAD, from the private store's own last commit and its files now. The revision's versions come
//! through one `git cat-file --batch`; a file whose versions differ only in unit lines is compared
//! by those lines (`codec::changed_units`), others are read whole — from the files alone, never
//! joined with the private store unless its side is known.

use super::git;
use super::load::{self, Loaded};
use super::paths;
use super::private;
use loupan_core::codec;
use loupan_core::company::{self, Company};
use loupan_core::diff::{self, UnitChange};
use loupan_core::i18n::Text;
use loupan_core::ids::BuildingId;
use loupan_core::model::Building;
use loupan_core::private::{Private, shared_record};
use loupan_core::text::SmallStr;
use std::collections::HashMap;
use std::path::Path;

/// A company changed: (building id, company id, before, after).
pub type CompanyChange = (BuildingId, SmallStr, Option<Company>, Option<Company>);

/// Unit and company changes by building id, and the buildings that could not be compared.
#[derive(Default)]
pub struct Diffed {
    pub units: Vec<(BuildingId, UnitChange)>,
    pub companies: Vec<CompanyChange>,
    pub broken: Vec<Loaded>,
}

/// One building's changes.
struct Compared {
    units: Vec<UnitChange>,
    companies: Vec<(SmallStr, Option<Company>, Option<Company>)>,
}

/// Changes between a revision and the working tree (see the module's note).
pub(crate) fn diff(dir: &Path, rev: &str) -> Result<Diffed, Text> {
    super::repo::require_repo(dir)?;
    let commit = git::resolve_rev(dir, rev)?;
    let at_head = git::resolve_rev(dir, "HEAD").is_ok_and(|h| h == commit);
    let personal = if at_head {
        personal_changes(dir)
    } else {
        HashMap::new()
    };
    let mut ids = git::changed_ids(dir, commit.as_str())?;
    ids.extend(personal.keys().cloned());
    ids.sort();
    ids.dedup();
    let tree = git::trees(dir, &[commit.to_string()])?
        .pop()
        .flatten()
        .unwrap_or_default();
    let asks: Vec<String> = ids
        .iter()
        .map(|id| {
            tree.binary_search_by(|(f, _)| f.cmp(id))
                .map_or_else(|_| "0".repeat(40), |i| tree[i].1.clone())
        })
        .collect();
    let mut old: Vec<Option<Vec<u8>>> = vec![None; ids.len()];
    git::batch(dir, &asks, |i, body| old[i] = body.map(<[u8]>::to_vec))?;
    let pairs: Vec<(&BuildingId, Option<Vec<u8>>)> = ids.iter().zip(old).collect();
    let compared = load::map_slice(&pairs, |(id, old)| {
        compare(dir, id, old.as_deref(), personal.get(*id))
    });
    let mut out = Diffed::default();
    for ((id, _), c) in pairs.iter().zip(compared) {
        match c {
            Ok(c) => {
                let id = *id;
                out.units
                    .extend(c.units.into_iter().map(|u| (id.clone(), u)));
                out.companies.extend(
                    c.companies
                        .into_iter()
                        .map(|(cid, b, a)| (id.clone(), cid, b, a)),
                );
            }
            Err(l) => out.broken.push(*l),
        }
    }
    Ok(out)
}

/// One building's changes from an old version to the file now, on the shared fields (and the
/// personal values where both sides are known: `personal`, then and now); the file's problems if
/// it does not parse.
fn compare(
    dir: &Path,
    id: &BuildingId,
    old: Option<&[u8]>,
    personal: Option<&(Private, Private)>,
) -> Result<Compared, Box<Loaded>> {
    let new = match std::fs::read(paths::file_of(dir, id)) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(_) => return Err(Box::new(load::load_one(dir, id))),
    };
    if personal.is_none()
        && let (Some(old), Some(new)) = (old, new.as_deref())
        && let Some(lines) = codec::changed_units(id, old, new)
    {
        let units = lines
            .into_iter()
            .filter_map(|l| {
                let (before, after) = (shared_record(&l.before), shared_record(&l.after));
                (before != after).then(|| UnitChange {
                    unit: l.label,
                    floor: l.floor,
                    before: Some(before),
                    after: Some(after),
                })
            })
            .collect();
        return Ok(Compared {
            units,
            companies: Vec::new(),
        });
    }
    let mut before = old.and_then(|b| codec::parse(id, b).ok());
    let mut after = match new.as_deref().map(|b| codec::parse(id, b)) {
        None => None,
        Some(Ok(b)) => Some(b),
        Some(Err(_)) => return Err(Box::new(load::load_one(dir, id))),
    };
    side(&mut before, personal.map(|p| &p.0));
    side(&mut after, personal.map(|p| &p.1));
    let companies = |b: &Option<Building>| b.as_ref().map_or(Vec::new(), |b| b.companies.clone());
    Ok(Compared {
        units: diff::unit_changes(before.as_ref(), after.as_ref()),
        companies: company::changes(&companies(&before), &companies(&after)),
    })
}

/// A side as compared: its shared fields, and its personal values when they are known.
fn side(b: &mut Option<Building>, personal: Option<&Private>) {
    if let Some(b) = b {
        diff::shared_only(b);
        if let Some(p) = personal {
            loupan_core::private::join(b, p);
        }
    }
}

/// The buildings whose personal values differ between the private store's last commit and its
/// files now: (then, now) by building. Nothing when the private store has no commit (then is not
/// known).
fn personal_changes(dir: &Path) -> HashMap<BuildingId, (Private, Private)> {
    let mut out = HashMap::new();
    if !private::dir_of(dir).join(".git").is_dir()
        || private::git::args(dir, &["rev-parse", "--verify", "-q", "HEAD"]).is_err()
    {
        return out;
    }
    let Ok(status) = private::git::args(
        dir,
        &[
            "status",
            "--porcelain",
            "-z",
            "--untracked-files=all",
            "--",
            ".",
        ],
    ) else {
        return out;
    };
    for entry in status.split(|b| *b == 0) {
        let path = String::from_utf8_lossy(entry.get(3..).unwrap_or_default()).into_owned();
        let Some(stem) = path.strip_suffix(".toml").filter(|s| !s.contains('/')) else {
            continue;
        };
        let Ok(id) = BuildingId::parse(stem) else {
            continue;
        };
        let then = private::git::args(dir, &["show", &format!("HEAD:{path}")])
            .ok()
            .and_then(|b| loupan_core::private::parse(&String::from_utf8_lossy(&b)).ok())
            .unwrap_or_default();
        let Ok(now) = private::read(dir, &id) else {
            continue;
        };
        if then != now {
            out.insert(id, (then, now));
        }
    }
    out
}
