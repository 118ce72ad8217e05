//! Saving a company: its line in `[companies]` and the colour of every unit it occupies (before
//! and after), in one atomic, locked write, refused when the company changed since it was read
//! or when it files a credit code another company has (`codes.rs`).

use super::station::Station;
use super::transaction::{self, Change, Current, Done, Mode};
use super::write::{Saved, WriteError};
use loupan_core::codec;
use loupan_core::company::{Company, check, company_status, unit_status};
use loupan_core::i18n::Text;
use loupan_core::ids::BuildingId;
use loupan_core::model::Building;
use loupan_core::private::{self, Private};
use loupan_core::text::SmallStr;
use loupan_core::tr;
use std::collections::HashMap;
use std::path::Path;

mod codes;

/// What a company save does.
pub enum CompanyEdit<'a> {
    /// A new company (its id given by [`loupan_core::company::next_id`] under the lock).
    Add(Company),
    /// `company` replaces the one with its id; `seen` is that company as the caller read it
    /// (`None`: a company the old file format implied, not yet in `[companies]`).
    Set {
        company: Company,
        seen: Option<&'a Company>,
    },
}

impl Station {
    /// Saves a company: the building as written, and the company's id.
    pub fn save_company(
        &self,
        id: &BuildingId,
        edit: CompanyEdit<'_>,
    ) -> Result<(Building, String), WriteError> {
        let (b, mut ids) = self.save_companies(id, vec![edit])?;
        Ok((b, ids.pop().unwrap_or_default()))
    }

    /// Saves several companies of one building as one transaction: all of them, or (the first
    /// refusal said) none. The building as written, and each company's id.
    pub fn save_companies(
        &self,
        id: &BuildingId,
        edits: Vec<CompanyEdit<'_>>,
    ) -> Result<(Building, Vec<String>), WriteError> {
        self.companies_in(id, &edits, Mode::Write).map(|d| d.value)
    }

    /// Everything [`Station::save_companies`] does but the write: a preview refuses exactly what
    /// the save would refuse. The building as it would be, and each company's id.
    pub fn plan_companies(
        &self,
        id: &BuildingId,
        edits: &[CompanyEdit<'_>],
    ) -> Result<(Building, Vec<String>), WriteError> {
        self.companies_in(id, edits, Mode::Plan).map(|d| d.value)
    }

    /// A company filed from the map: as [`Station::save_company`], with the building's stamp as
    /// the save left it, so the map never takes its own filing for someone else's.
    pub fn file_company(
        &self,
        id: &BuildingId,
        edit: CompanyEdit<'_>,
    ) -> Result<(Saved, String), WriteError> {
        let done = self.companies_in(id, &[edit], Mode::Write);
        let Done {
            value,
            written,
            stamp,
        } = done?;
        let (building, mut ids) = value;
        let saved = Saved {
            building,
            written,
            stamp,
        };
        Ok((saved, ids.pop().unwrap_or_default()))
    }

    /// The one transaction of company saves: under the lock of the station's (the street's)
    /// companies, then the building's, a credit code filed anew checked over them all.
    fn companies_in(
        &self,
        id: &BuildingId,
        edits: &[CompanyEdit<'_>],
        mode: Mode,
    ) -> Result<Done<(Building, Vec<String>)>, WriteError> {
        let path = self.file_of(id);
        let mut codes = codes::Codes::new(self, id.as_str());
        let _lock = match mode {
            Mode::Write => Some(codes.lock()?),
            Mode::Plan => None,
        };
        transaction::run(&path, id, mode, |c| {
            let mut f = Filing::new(c);
            let mut ids = Vec::with_capacity(edits.len());
            for edit in edits {
                ids.push(f.apply(edit.clone())?);
            }
            codes.check(c.shared, &f.current, &f.companies)?;
            let (b, change) = f.finish(c)?;
            Ok(((b, ids), change))
        })
    }
}

impl Clone for CompanyEdit<'_> {
    fn clone(&self) -> Self {
        match self {
            CompanyEdit::Add(c) => CompanyEdit::Add(c.clone()),
            CompanyEdit::Set { company, seen } => CompanyEdit::Set {
                company: company.clone(),
                seen: *seen,
            },
        }
    }
}

/// A batch of company edits applied to the building in memory, the file's text made once at the
/// end: a ledger of 10,000 companies is one parse, one edit of the document and one re-parse.
struct Filing {
    /// The building, shared and personal parts joined, as the edits so far leave it.
    current: Building,
    personal: Private,
    by_id: HashMap<SmallStr, usize>,
    /// Each unit's index by its label.
    labels: HashMap<SmallStr, usize>,
    /// Which companies occupy each unit (indices into `current.companies`).
    occupants: HashMap<SmallStr, Vec<usize>>,
    /// The highest `cN` in use.
    top: u32,
    /// Units and companies to write, in the order first touched.
    units: Vec<usize>,
    companies: Vec<usize>,
    today: jiff::civil::Date,
}

fn number(id: &str) -> Option<u32> {
    id.strip_prefix('c')?.parse().ok()
}

impl Filing {
    fn new(c: &Current<'_>) -> Filing {
        let mut current = c.shared.clone();
        private::join(&mut current, c.private);
        let mut f = Filing {
            current,
            personal: c.private.clone(),
            by_id: HashMap::new(),
            labels: HashMap::new(),
            occupants: HashMap::new(),
            top: 0,
            units: Vec::new(),
            companies: Vec::new(),
            today: crate::today(),
        };
        for i in 0..f.current.companies.len() {
            f.index(i);
        }
        for (i, u) in f.current.units.iter().enumerate() {
            f.labels.entry(u.label.clone()).or_insert(i);
        }
        f
    }

    fn find(&self, label: &str) -> Result<usize, WriteError> {
        self.labels
            .get(label)
            .copied()
            .ok_or_else(|| WriteError::NoSuchUnit(label.to_string()))
    }

    fn index(&mut self, i: usize) {
        let c = &self.current.companies[i];
        self.top = self.top.max(number(&c.id).unwrap_or(0));
        self.by_id.insert(c.id.clone(), i);
        for u in &c.units {
            let list = self.occupants.entry(u.clone()).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }

    fn next_id(&mut self) -> SmallStr {
        self.top += 1;
        SmallStr::from(format!("c{}", self.top).as_str())
    }

    /// Puts a company in (new, or in place of the one with its id); its index.
    fn put(&mut self, company: Company) -> usize {
        let i = match self.by_id.get(&company.id) {
            Some(&i) => {
                for u in &self.current.companies[i].units {
                    if let Some(list) = self.occupants.get_mut(u) {
                        list.retain(|&j| j != i);
                    }
                }
                self.current.companies[i] = company;
                i
            }
            None => {
                self.current.companies.push(company);
                self.current.companies.len() - 1
            }
        };
        self.index(i);
        if !self.companies.contains(&i) {
            self.companies.push(i);
        }
        let c = &self.current.companies[i];
        private::set_company(&mut self.personal, &c.id, &c.record);
        i
    }

    fn hosted(&self, label: &str) -> bool {
        self.occupants.get(label).is_some_and(|l| !l.is_empty())
    }

    /// One company edit: its id.
    fn apply(&mut self, edit: CompanyEdit<'_>) -> Result<String, WriteError> {
        let (company, old_units) = self.planned(edit)?;
        if let Some((field, why)) = check(&company.record).first() {
            return Err(WriteError::Company(*field, why.clone()));
        }
        // a company the old format implied in a unit it now shares becomes a record of its own
        // first: it must not vanish behind the new one
        for label in &company.units {
            let i = self.find(label)?;
            let u = &self.current.units[i];
            let implied = company_status(u.record.status) && !self.hosted(label);
            if implied && !old_units.contains(label) {
                let mut c = loupan_core::company::implied_by(u);
                c.id = self.next_id();
                self.put(c);
            }
        }
        let id = company.id.to_string();
        let labels: Vec<SmallStr> = company.units.iter().chain(&old_units).cloned().collect();
        self.put(company);
        for label in &labels {
            self.colour(label)?;
        }
        Ok(id)
    }

    /// A unit takes its colour from its companies; one a company left, with none left in it, is
    /// to be checked again.
    fn colour(&mut self, label: &str) -> Result<(), WriteError> {
        let i = self.find(label)?;
        let before = self.current.units[i].record.clone();
        let mut r = before.clone();
        r.status = match self.occupants.get(label).filter(|l| !l.is_empty()) {
            Some(list) => {
                let cs = &self.current.companies;
                unit_status(r.status, label, list.iter().map(|&j| &cs[j]))
            }
            None => loupan_core::status::Status::Unknown,
        };
        // a household's unit that takes a company's colour keeps no name: the household's stays
        // private, the company's is its record's
        if private::carried_name(self.personal.units.get(label), &before, &r).is_some() {
            r.name = None;
        }
        if r != before {
            private::set_unit_from(&mut self.personal, label, before.status, &r, self.today);
            self.current.units[i].record = r;
            if !self.units.contains(&i) {
                self.units.push(i);
            }
        }
        Ok(())
    }

    /// The company to write and the units it occupied before; a set on a company that changed
    /// since it was read is refused, naming what it holds now.
    fn planned(&mut self, edit: CompanyEdit<'_>) -> Result<(Company, Vec<SmallStr>), WriteError> {
        match edit {
            CompanyEdit::Add(mut c) => {
                c.id = self.next_id();
                Ok((c, Vec::new()))
            }
            CompanyEdit::Set { mut company, seen } => {
                let on_disk = self
                    .by_id
                    .get(&company.id)
                    .map(|&i| &self.current.companies[i]);
                match (seen, on_disk) {
                    (Some(s), Some(d)) if s != d => Err(changed(d)),
                    (Some(_), None) => Err(WriteError::Io(tr!(
                        "the company is no longer in the file (removed meanwhile?); nothing was written",
                        "文件里已没有这家企业（刚被删除？）；没有写入"
                    ))),
                    (None, _) => {
                        // a company the old format implied: it becomes a record of its own
                        let old = company.units.clone();
                        company.id = self.next_id();
                        Ok((company, old))
                    }
                    (Some(s), Some(_)) => Ok((company, s.units.clone())),
                }
            }
        }
    }

    /// The file's new text, made once; the building as it reads back, and the change.
    fn finish(self, c: &Current<'_>) -> Result<(Building, Change), WriteError> {
        let (b, personal) = (&self.current, &self.personal);
        let text = codec::keeping_form(&c.text(), |t| {
            let mut doc: toml_edit::DocumentMut = t.parse().ok()?;
            for &i in &self.units {
                let u = &b.units[i];
                codec::set_unit(&mut doc, &u.label, &private::shared_record(&u.record));
            }
            for &i in &self.companies {
                let co = &b.companies[i];
                codec::set_company(&mut doc, &co.id, Some(&shared(co)));
            }
            Some(doc.to_string())
        })
        .ok_or_else(|| WriteError::Io(tr!("cannot edit the file", "无法编辑文件")))?;
        let mut after = codec::parse(c.id, text.as_bytes()).map_err(WriteError::Broken)?;
        private::join(&mut after, personal);
        let change = Change {
            text: Some(text),
            private: Some(self.personal),
        };
        Ok((after, change))
    }
}

/// A company as the shared file keeps it.
fn shared(c: &Company) -> Company {
    Company {
        record: private::shared_company(&c.record),
        ..c.clone()
    }
}

fn changed(now: &Company) -> WriteError {
    let name = loupan_core::display::inline(now.name()).into_owned();
    WriteError::Io(Text::new(
        format!(
            "{name} was changed by someone else since you read it; nothing was written — look again and retry"
        ),
        format!("{name} 在你读取后已被他人修改；没有写入——请重新查看后再试"),
    ))
}

/// One change of a company in git: the commit, and the company before and after (`None`: not
/// there). Only what the shared history holds: personal fields are the private store's.
pub struct CompanyLogEntry {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub before: Option<loupan_core::company::Company>,
    pub after: Option<loupan_core::company::Company>,
}

/// A company's history from git, newest first: each version of its building read whole (a
/// company's line is found by its id) and compared with the one before.
pub(crate) fn company_log(
    dir: &Path,
    id: &str,
    company: &str,
) -> Result<Vec<CompanyLogEntry>, Text> {
    let file = format!("{id}.toml");
    let found = super::git::file_versions(dir, &file)
        .map_err(|e| super::repo::require_repo(dir).err().unwrap_or(e))?;
    let (commits, versions): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    let at = |v: Option<&Vec<u8>>| {
        let b = codec::parse(id, v?).ok()?;
        loupan_core::company::all(&b)
            .into_iter()
            .find(|c| *c.id == *company)
    };
    let mut out = Vec::new();
    for (i, (hash, date, author)) in commits.iter().enumerate() {
        let (now, before) = (
            at(versions[i].as_ref()),
            at(versions.get(i + 1).and_then(|v| v.as_ref())),
        );
        if now != before {
            out.push(CompanyLogEntry {
                commit: hash.clone(),
                date: date.clone(),
                author: author.clone(),
                before,
                after: now,
            });
        }
    }
    Ok(out)
}
