//! A credit code is filed once: in the station, or, when the station is one of a street's, in the
//! whole street. Checked in the company write path itself, so the CLI, a ledger and the map refuse
//! a code alike, over every building (the map's loaded ones or not), and under one lock that every
//! company save of the station (the street) takes first: two saves at once cannot both file it.

use super::super::lock::Lock;
use super::super::station::Station;
use super::super::write::WriteError;
use loupan_core::company::doubles::{Filed, code_key, code_taken, same_code};
use loupan_core::company::{Company, CompanyField};
use loupan_core::model::Building;
use std::path::{Path, PathBuf};

/// A company of another building, where it is filed.
struct Elsewhere {
    station: Option<String>,
    building: String,
    company: Company,
}

/// The check of one company save: the station (the street) it looks over, and the companies of
/// every other building, read once when a code filed anew needs them.
pub(super) struct Codes<'a> {
    station: &'a Station,
    building: &'a str,
    /// This station's id when it is one of a street's.
    here: Option<String>,
    /// (station id in a street, folder) of every station looked over.
    scope: Vec<(Option<String>, PathBuf)>,
    /// Where the lock is: the street's root, else the station's folder.
    root: PathBuf,
    others: Option<Vec<Elsewhere>>,
}

impl<'a> Codes<'a> {
    pub fn new(station: &'a Station, building: &'a str) -> Codes<'a> {
        let dir = station.dir();
        let mut c = Codes {
            station,
            building,
            here: None,
            scope: Vec::new(),
            root: dir.to_path_buf(),
            others: None,
        };
        if let Ok((root, street)) = crate::street::open(dir)
            && !street.stations.is_empty()
        {
            for (id, _) in &street.stations {
                let folder = root.join("stations").join(id);
                if same_dir(&folder, dir) {
                    c.here = Some(id.clone());
                }
                c.scope.push((Some(id.clone()), folder));
            }
            c.root = root;
        }
        if c.here.is_none() && !c.scope.iter().any(|(_, f)| same_dir(f, dir)) {
            c.scope.push((None, dir.to_path_buf()));
        }
        c
    }

    /// The lock every company save of the station (the street) holds while it checks and writes.
    pub fn lock(&self) -> Result<Lock, WriteError> {
        Lock::take(&self.root.join("companies")).map_err(WriteError::Io)
    }

    /// Refuses a credit code that a company of the edits files anew (a new company, or a code
    /// changed) when another company has it: in this building as the edits leave it, or in any
    /// other building of the station (the street). A company keeping its own code is no double.
    pub fn check(
        &mut self,
        before: &Building,
        after: &Building,
        touched: &[usize],
    ) -> Result<(), WriteError> {
        for &i in touched {
            let c = &after.companies[i];
            let Some(code) = c.record.credit_code.as_deref() else {
                continue;
            };
            let old = (before.companies.iter())
                .find(|o| o.id == c.id)
                .and_then(|o| o.record.credit_code.as_deref())
                .map(code_key);
            if old == Some(code_key(code)) {
                continue;
            }
            let here = after.companies.iter().map(|company| Filed {
                station: self.here.as_deref(),
                building: self.building,
                company,
            });
            let this = Some((self.building, &*c.id));
            let at = match same_code(code, here, this) {
                Some(at) => Some(at),
                None => same_code(code, self.others().iter().map(Elsewhere::filed), None),
            };
            if let Some(at) = at {
                let why = code_taken(code, &at);
                return Err(WriteError::Company(CompanyField::CreditCode, why));
            }
        }
        Ok(())
    }

    /// Every company of every other building looked over, read on first need.
    fn others(&mut self) -> &[Elsewhere] {
        if self.others.is_none() {
            self.others = Some(self.read_others());
        }
        self.others.as_deref().unwrap_or_default()
    }

    fn read_others(&self) -> Vec<Elsewhere> {
        let mut out = Vec::new();
        for (sid, folder) in &self.scope {
            let st = Station::open(folder.clone(), self.station.config().clone());
            let mine = same_dir(folder, self.station.dir());
            let ids = st.ids().unwrap_or_default();
            let ids: Vec<_> = (ids.into_iter())
                .filter(|id| !(mine && id.as_str() == self.building))
                .collect();
            let all = st.map_all(&ids, |l| l.building.map(|b| (b.id, b.companies)));
            for (building, companies) in all.into_iter().flatten() {
                out.extend(companies.into_iter().map(|company| Elsewhere {
                    station: sid.clone(),
                    building: building.clone(),
                    company,
                }));
            }
        }
        out
    }
}

impl Elsewhere {
    fn filed(&self) -> Filed<'_> {
        Filed {
            station: self.station.as_deref(),
            building: &self.building,
            company: &self.company,
        }
    }
}

/// Whether two paths are one folder.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
