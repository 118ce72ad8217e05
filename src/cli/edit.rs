//! Commands that write: set, new, fmt. All go through `store::write`.

use crate::core::codec;
use crate::core::edit::{Change, Patch, UnitEdit};
use crate::core::status::Status;
use crate::store::{self, WriteError, paths, write};
use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct SetArgs {
    pub building: String,
    pub unit: String,
    /// healthy, isolating, not-resumed, resumed, vacant, unknown (or 健康住户, 居家隔离, 未复工, 已复工, 空置, 待核实)
    pub status: Option<String>,
    /// Mark as live-work (company and home in one unit)
    #[arg(long, conflicts_with = "no_live_work")]
    pub live_work: bool,
    #[arg(long)]
    pub no_live_work: bool,
    /// Household or company name
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub people: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Isolation start, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Isolation end, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Last verification or follow-up, YYYY-MM-DD or "today"
    #[arg(long, value_name = "DATE")]
    pub checked: Option<String>,
}

fn text(v: &Option<String>) -> Option<Option<crate::core::text::SmallStr>> {
    v.as_ref().map(|s| {
        let t = s.trim();
        (!t.is_empty()).then(|| t.into())
    })
}

pub fn parse_date(flag: &str, v: &str) -> Result<Option<Date>> {
    let t = v.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t == "today" {
        return Ok(Some(crate::store::today()));
    }
    t.parse::<Date>()
        .map(Some)
        .map_err(|_| anyhow!("--{flag} {v}: not a date; write it as 2020-02-10"))
}

fn patch_of(a: &SetArgs) -> Result<Patch> {
    let mut p = Patch::default();
    if let Some(s) = &a.status {
        p.status = Some(Status::parse(s).ok_or_else(|| {
            anyhow!(
                "unknown status \"{s}\"; did you mean \"{}\"? valid: {}",
                Status::nearest(s).key(),
                Status::all_keys()
            )
        })?);
    }
    if a.live_work {
        p.live_work = Some(true);
    }
    if a.no_live_work {
        p.live_work = Some(false);
    }
    p.name = text(&a.name);
    p.contact = text(&a.contact);
    p.note = text(&a.note);
    if let Some(n) = &a.people {
        let t = n.trim();
        p.people = Some(if t.is_empty() {
            None
        } else {
            match t.parse::<u32>() {
                Ok(n) => Some(n),
                _ => bail!("--people {n}: must be a whole number, 0 or more"),
            }
        });
    }
    for (flag, v, slot) in [
        ("since", &a.since, &mut p.since),
        ("until", &a.until, &mut p.until),
        ("checked", &a.checked, &mut p.checked),
    ] {
        if let Some(v) = v {
            *slot = Some(parse_date(flag, v)?);
        }
    }
    if p.is_empty() {
        bail!(
            "nothing to set: give a status or a field, e.g. `loupan set {} {} isolating --since 2020-02-10`",
            a.building,
            a.unit
        );
    }
    Ok(p)
}

pub fn set(dir: &Path, a: &SetArgs, out: &mut impl Write) -> Result<i32> {
    let patch = patch_of(a)?;
    let id = paths::resolve(dir, &a.building)?;
    let path = paths::file_of(dir, &id);
    let edit = UnitEdit {
        unit: a.unit.clone(),
        expect: None,
        change: Change::Patch(patch),
    };
    match store::apply_edits(&path, &id, std::slice::from_ref(&edit)) {
        Ok(saved) => {
            let i = saved.building.find(&a.unit).unwrap_or(0);
            let r = &saved.building.units[i].record;
            let verb = if saved.written { "saved" } else { "unchanged" };
            writeln!(
                out,
                "{id} {}: {}{} ({verb})",
                a.unit,
                r.status.key(),
                if r.live_work { ", live-work" } else { "" }
            )?;
            Ok(0)
        }
        Err(WriteError::Broken(ps)) => {
            for p in ps {
                eprintln!("{}:{}:{}: {}", path.display(), p.line, p.col, p.message);
            }
            bail!(
                "{} has problems and was not changed; fix them (see `loupan check`) and try again",
                path.display()
            )
        }
        Err(WriteError::NoSuchUnit(u)) => {
            bail!("there is no unit {u} in {id}; `loupan render {id}` shows its units")
        }
        Err(e) => bail!("{e}"),
    }
}

pub fn new(
    dir: &Path,
    given: &str,
    name: &str,
    floors: usize,
    units: usize,
    out: &mut impl Write,
) -> Result<i32> {
    paths::check_id(given)?;
    if !(1..=999).contains(&floors) || !(1..=99).contains(&units) {
        bail!("--floors must be 1..999 and --units 1..99 (labels are <floor><two digits>)");
    }
    if name.trim().is_empty() {
        bail!("--name must not be empty");
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow!("cannot create {}: {e}", dir.display()))?;
    let path = paths::file_of(dir, given);
    if path.exists() {
        bail!(
            "{} already exists; edit it, or choose another id",
            path.display()
        );
    }
    let text = codec::new_building_text(name.trim(), floors, units);
    write::write_whole(&path, text.as_bytes(), true).map_err(|e| anyhow!("{e}"))?;
    write::ensure_gitignore(dir);
    writeln!(
        out,
        "created {} ({}): {floors} floors × {units} units",
        path.display(),
        name.trim()
    )?;
    Ok(0)
}

pub fn fmt(dir: &Path, check_only: bool, out: &mut impl Write) -> Result<i32> {
    let ids = paths::list_ids(dir)?;
    let mut code = 0;
    for l in store::load_all(dir, &ids) {
        let b = match &l.building {
            Ok(b) => b,
            Err(_) => {
                for line in l.problem_lines() {
                    eprintln!("{line}");
                }
                code = 1;
                continue;
            }
        };
        let text = std::fs::read_to_string(&l.path)?;
        let canon =
            codec::canonical_text(&text, b).map_err(|e| anyhow!("{}: {e}", l.path.display()))?;
        if canon == text {
            continue;
        }
        if check_only {
            writeln!(
                out,
                "{}: not in canonical form (run `loupan fmt`)",
                l.path.display()
            )?;
            code = 1;
        } else {
            write::rewrite(&l.path, &l.id, |t, b| codec::canonical_text(t, b).ok())
                .map_err(|e| anyhow!("{}: {e}", l.path.display()))?;
            writeln!(out, "formatted {}", l.path.display())?;
        }
    }
    Ok(code)
}
