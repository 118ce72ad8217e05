//! A company is filed once (`company add` / `company set`): a credit code already filed in the
//! station — in a street, in any of its stations — is refused with where it is; a second company
//! of the same name in one unit needs `--force`, and says it was added anyway.

use super::Ctx;
use loupan_core::company::doubles::{Filed, code_taken, same_code, same_name};
use loupan_core::company::{self, Company};
use loupan_core::display::inline;
use loupan_core::i18n::Text;
use loupan_core::model::Building;
use loupan_core::tr;
use loupan_store::Station;

/// Every company filed: (station when in a street, building id, company).
fn everywhere(ctx: &Ctx<'_>) -> Vec<(Option<String>, String, Company)> {
    let here = ctx.station.dir();
    let stations: Vec<(Option<String>, Station)> = match loupan_store::street::open(here) {
        Ok((root, street)) if !street.stations.is_empty() => street
            .stations
            .iter()
            .map(|(id, _)| {
                let dir = root.join("stations").join(id);
                (
                    Some(id.clone()),
                    Station::open(dir, ctx.station.config().clone()),
                )
            })
            .collect(),
        _ => vec![(
            None,
            Station::open(here.into(), ctx.station.config().clone()),
        )],
    };
    let mut out = Vec::new();
    for (sid, st) in &stations {
        let ids = st.ids().unwrap_or_default();
        for b in st
            .load_all(&ids)
            .into_iter()
            .filter_map(|l| l.building.ok())
        {
            for c in company::all(&b) {
                out.push((sid.clone(), b.id.clone(), c));
            }
        }
    }
    out
}

/// Refuses a credit code filed already (other than by this company: `b`'s `c.id`, when it is
/// being changed); with the same name in one of its units, refuses unless `names` is
/// `Some(true)` (`--force`), which is said on stderr (`None`: the name is not looked at).
pub fn refuse_doubles(
    ctx: &mut Ctx<'_>,
    b: &Building,
    c: &Company,
    changing: bool,
    names: Option<bool>,
) -> Result<(), Text> {
    let this = changing.then_some((b.id.as_str(), &*c.id));
    if let Some(code) = c.record.credit_code.as_deref() {
        let all = everywhere(ctx);
        let filed = all.iter().map(|(s, bid, c)| Filed {
            station: s.as_deref(),
            building: bid,
            company: c,
        });
        if let Some(at) = same_code(code, filed, this) {
            return Err(code_taken(code, &at));
        }
    }
    let Some(force) = names else {
        return Ok(());
    };
    let companies = company::all(b);
    let name = c.record.name.as_deref().unwrap_or_default();
    let same = same_name(name, &c.units, &companies, this.map(|t| t.1));
    let Some(other) = same.first() else {
        return Ok(());
    };
    let (n, id) = (inline(name).into_owned(), inline(&other.id).into_owned());
    let units: Vec<&str> = other.units.iter().map(|u| &**u).collect();
    let units = inline(&units.join(",")).into_owned();
    if !force {
        return Err(tr!(
            "{units} already hosts a company named {n} ({id}); to update it use `loupan company set {id}`; if this is really a second company of that name, add --force",
            "{units} 已有同名企业 {n}（{id}）；要更新它请用 `loupan company set {id}`；若确是另一家同名企业，请加 --force"
        ));
    }
    ctx.say(&tr!(
        "--force: a second company named {n} in {units} (besides {id})",
        "--force：在 {units} 再登记一家同名企业 {n}（已有 {id}）"
    ));
    Ok(())
}
