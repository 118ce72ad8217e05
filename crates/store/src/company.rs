//! Saving a company: its line in `[companies]` and the colour of every unit it occupies (before
//! and after), in one atomic, locked write, refused when the company changed since it was read.

use super::errors::io_text;
use super::lock::Lock;
use super::stamp::Stamp;
use super::station::Station;
use super::write::{WriteError, atomic_write};
use loupan_core::codec;
use loupan_core::company::{Company, check, unit_status};
use loupan_core::fields::Record;
use loupan_core::i18n::Text;
use loupan_core::ids::BuildingId;
use loupan_core::model::Building;
use loupan_core::private;
use loupan_core::tr;
use std::path::Path;

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

    /// Saves several companies of one building as one atomic write: all of them, or (the first
    /// refusal said) none. The building as written, and each company's id.
    pub fn save_companies(
        &self,
        id: &BuildingId,
        edits: Vec<CompanyEdit<'_>>,
    ) -> Result<(Building, Vec<String>), WriteError> {
        let path = self.file_of(id);
        let target = std::fs::canonicalize(&path).map_err(|e| {
            let (p, why) = (path.display(), io_text(&e));
            WriteError::Io(tr!("cannot open {p}: {why}", "无法打开 {p}：{why}"))
        })?;
        let _lock = Lock::take(&target).map_err(WriteError::Io)?;
        let before = Stamp::of(&target);
        let bytes = std::fs::read(&target).map_err(|e| WriteError::Io(io_text(&e)))?;
        let mut current = codec::parse(id, &bytes).map_err(WriteError::Broken)?;
        let was = super::write::private_of(self.dir(), id)?;
        let mut personal = was.clone();
        private::join(&mut current, &personal);
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        let mut ids = Vec::new();
        let today = crate::today();
        for edit in edits {
            let a = apply(&text, &current, &personal, edit)?;
            for (label, r) in &a.units {
                let before = current
                    .find(label)
                    .map_or(r.status, |i| current.units[i].record.status);
                private::set_unit_from(&mut personal, label, before, r, today);
            }
            for c in &a.companies {
                private::set_company(&mut personal, &c.id, &c.record);
            }
            current = codec::parse(id, a.text.as_bytes()).map_err(WriteError::Broken)?;
            private::join(&mut current, &personal);
            text = a.text;
            ids.push(a.id);
        }
        if Stamp::of(&target) != before {
            return Err(WriteError::Io(tr!(
                "the file changed while saving (git or an editor?); nothing was written, try again",
                "保存时文件被改动了（git 或编辑器？）；没有写入，请重试"
            )));
        }
        // the personal part first, as every save does (see `write::apply_edits`)
        if personal != was {
            super::private::write(self.dir(), id, &personal).map_err(WriteError::Io)?;
        }
        atomic_write(&target, text.as_bytes()).map_err(WriteError::Io)?;
        Ok((current, ids))
    }
}

/// What one company edit makes: the shared file's text, the company's id, and the units and
/// companies it wrote (whole, personal values included, for the private part).
struct Applied {
    text: String,
    id: String,
    units: Vec<(String, Record)>,
    companies: Vec<Company>,
}

/// A company as the shared file keeps it.
fn shared(c: &Company) -> Company {
    Company {
        record: private::shared_company(&c.record),
        ..c.clone()
    }
}

/// One company edit on the file's text: the new text and the company's id. `kept` is the
/// building's private part: a household's name held there never becomes a unit's shared name.
fn apply(
    text: &str,
    current: &Building,
    kept: &private::Private,
    edit: CompanyEdit<'_>,
) -> Result<Applied, WriteError> {
    let (company, old_units) = planned(current, edit)?;
    let problems = check(&company.record);
    if let Some((_, why)) = problems.first() {
        return Err(WriteError::Io(why.clone()));
    }
    let mut companies = current.companies.clone();
    match companies.iter_mut().find(|c| c.id == company.id) {
        Some(c) => *c = company.clone(),
        None => companies.push(company.clone()),
    }
    // a company the old format implied in a unit it now shares becomes a record of its own
    // first: it must not vanish behind the new one
    let mut implied: Vec<Company> = Vec::new();
    for c in loupan_core::company::all(current) {
        if loupan_core::company::implied(&c)
            && c.units.iter().any(|u| company.in_unit(u))
            && !c.units.iter().any(|u| old_units.contains(u))
        {
            let mut c = c;
            c.id = loupan_core::company::next_id(&companies);
            companies.push(c.clone());
            implied.push(c);
        }
    }
    // every unit it occupies, or occupied, takes its colour from its companies
    let mut units: Vec<(String, Record)> = Vec::new();
    for label in company.units.iter().chain(&old_units) {
        let Some(i) = current.find(label) else {
            return Err(WriteError::NoSuchUnit(label.to_string()));
        };
        let mut r = current.units[i].record.clone();
        // a unit a company left, with none left in it, is to be checked again
        let hosted = companies.iter().any(|c| c.in_unit(label));
        r.status = match hosted {
            true => unit_status(r.status, label, &companies),
            false => loupan_core::status::Status::Unknown,
        };
        // a household's unit that takes a company's colour keeps no name: the household's
        // stays private, the company's is its record's
        let was = &current.units[i].record;
        if private::carried_name(kept.units.get(label.as_str()), was, &r).is_some() {
            r.name = None;
        }
        if r != current.units[i].record && !units.iter().any(|(l, _)| **l == **label) {
            units.push((label.to_string(), r));
        }
    }
    let out = codec::keeping_form(text, |t| {
        let mut doc: toml_edit::DocumentMut = t.parse().ok()?;
        for (label, r) in &units {
            codec::set_unit(&mut doc, label, &private::shared_record(r));
        }
        for c in &implied {
            codec::set_company(&mut doc, &c.id, Some(&shared(c)));
        }
        codec::set_company(&mut doc, &company.id, Some(&shared(&company)));
        Some(doc.to_string())
    })
    .ok_or_else(|| WriteError::Io(tr!("cannot edit the file", "无法编辑文件")))?;
    implied.push(company.clone());
    Ok(Applied {
        text: out,
        id: company.id.to_string(),
        units,
        companies: implied,
    })
}

/// The company to write and the units it occupied before; a set on a company that changed since
/// it was read is refused, naming what it holds now.
fn planned(
    current: &Building,
    edit: CompanyEdit<'_>,
) -> Result<(Company, Vec<loupan_core::text::SmallStr>), WriteError> {
    match edit {
        CompanyEdit::Add(mut c) => {
            c.id = loupan_core::company::next_id(&current.companies);
            Ok((c, Vec::new()))
        }
        CompanyEdit::Set { mut company, seen } => {
            let on_disk = current.companies.iter().find(|c| c.id == company.id);
            match (seen, on_disk) {
                (Some(s), Some(d)) if s != d => Err(changed(d)),
                (Some(_), None) => Err(WriteError::Io(tr!(
                    "the company is no longer in the file (removed meanwhile?); nothing was written",
                    "文件里已没有这家企业（刚被删除？）；没有写入"
                ))),
                (None, _) => {
                    // a company the old format implied: it becomes a record of its own
                    let old = company.units.clone();
                    company.id = loupan_core::company::next_id(&current.companies);
                    Ok((company, old))
                }
                (Some(s), Some(_)) => {
                    let old = s.units.clone();
                    Ok((company, old))
                }
            }
        }
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
