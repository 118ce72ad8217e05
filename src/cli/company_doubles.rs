//! A company is filed once (`company add` / `company set`): a second company of the same name in
//! one unit needs `--force`, and says it was added anyway. A credit code already filed in the
//! station — in a street, in any of its stations — is refused with where it is by the store's
//! write path, under its lock.

use super::Ctx;
use loupan_core::company::doubles::same_name;
use loupan_core::company::{self, Company};
use loupan_core::display::inline;
use loupan_core::i18n::Text;
use loupan_core::model::Building;
use loupan_core::tr;

/// With the same name as another company in one of its units (other than itself, when it is
/// being changed), refuses unless `names` is `Some(true)` (`--force`), which is said on stderr
/// (`None`: the name is not looked at). A credit code filed already is refused by the write path
/// itself (`loupan_store::company`), for the map and ledgers alike.
pub fn refuse_doubles(
    ctx: &mut Ctx<'_>,
    b: &Building,
    c: &Company,
    changing: bool,
    names: Option<bool>,
) -> Result<(), Text> {
    let this = changing.then_some(&*c.id);
    let Some(force) = names else {
        return Ok(());
    };
    let companies = company::all(b);
    let name = c.record.name.as_deref().unwrap_or_default();
    let same = same_name(name, &c.units, &companies, this);
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
