//! `loupan migrate`: files from before companies rewritten into company records — each unit
//! `resumed`/`not-resumed` becomes a line of `[companies]` (its name, `people` as headcount, its
//! contact and note), the unit keeping its colour — in one commit, with no count changed.

use super::{Ctx, Res};
use loupan_core::company::{self, Figures};
use loupan_core::edit::{Change, Patch, UnitEdit};
use loupan_core::fields::{Field, Value};
use loupan_core::stats::Counts;
use loupan_core::tr;
use loupan_store::company::CompanyEdit;

pub fn migrate(ctx: &mut Ctx<'_>) -> Res {
    let st = ctx.station.clone();
    if st.in_repo()
        && !st
            .unit_diff("HEAD")
            .map(|(rows, _)| rows.is_empty())
            .unwrap_or(true)
    {
        return Err(tr!(
            "there are uncommitted changes; commit them first (`loupan diff` shows them), so the migration is a commit of its own",
            "有未提交的修改；请先提交（`loupan diff` 可查看），让迁移单独成为一次提交"
        )
        .into());
    }
    let before = figures(ctx)?;
    let mut moved = 0usize;
    for id in st.ids()? {
        let Ok(b) = st.load(&id).building else {
            let t = tr!(
                "{id}: the file has problems (`loupan check`); left as it is",
                "{id}：文件有错误（见 `loupan check`）；未作修改"
            );
            ctx.say(&t);
            continue;
        };
        for c in company::all(&b).into_iter().filter(company::implied) {
            let units = c.units.clone();
            st.save_company(
                &id,
                CompanyEdit::Set {
                    company: c,
                    seen: None,
                },
            )?;
            // the name, headcount, contact and note now live with the company
            let mut clear = Patch::new();
            clear.set(Field::Name, Value::Text(None));
            clear.set(Field::People, Value::Count(None));
            clear.set(Field::Contact, Value::Text(None));
            clear.set(Field::Note, Value::Text(None));
            let edits: Vec<UnitEdit> = units
                .iter()
                .map(|u| UnitEdit {
                    unit: u.to_string(),
                    expect: None,
                    change: Change::Patch(clear.clone()),
                })
                .collect();
            st.apply_edits(&id, &edits)?;
            moved += 1;
        }
    }
    let after = figures(ctx)?;
    if before != after {
        return Err(tr!(
            "internal error: the counts changed in the migration; the files are as written, `git diff` shows them (please report this)",
            "内部错误：迁移后数目变了；文件已写入，`git diff` 可查看（请报告此问题）"
        )
        .into());
    }
    if moved > 0 && st.in_repo() {
        st.commit(&format!(
            "loupan migrate: {moved} companies into [companies]"
        ))?;
    }
    ctx.say(&tr!(
        "{moved} companies rewritten into company records; every count as before",
        "已将 {moved} 家企业改写为企业记录；各项数目与之前相同"
    ));
    Ok(0)
}

/// The district's unit counts and company figures, to hold the migration to "no count changed".
fn figures(ctx: &Ctx<'_>) -> Result<(Counts, Figures), super::Fail> {
    let mut counts = Counts::default();
    let mut f = Figures::default();
    for id in ctx.station.ids()? {
        if let Ok(b) = ctx.station.load(&id).building {
            counts.merge(&Counts::of(&b));
            f.merge(&Figures::of(&company::all(&b), ctx.today));
        }
    }
    Ok((counts, f))
}
