//! `loupan migrate`: files from before companies rewritten into company records — each unit
//! `resumed`/`not-resumed` becomes a line of `[companies]` (its name, `people` as headcount, its
//! contact and note), the unit keeping its colour — in one commit, with no count changed; then
//! files from before the private store: their personal values moved there, in a second commit.

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
            .map(|d| d.units.is_empty() && d.companies.is_empty())
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
        let t = tr!(
            "loupan migrate: {moved} companies into [companies]",
            "loupan migrate：{moved} 家企业改写为企业记录"
        );
        st.commit(t.get(ctx.lang))?;
    }
    ctx.say(&tr!(
        "{moved} companies rewritten into company records; every count as before",
        "已将 {moved} 家企业改写为企业记录；各项数目与之前相同"
    ));
    personal(ctx)
}

/// The second step: personal values out of the shared files into the private store, in a commit
/// of its own; then what the older history still holds, and how to rewrite it once.
fn personal(ctx: &mut Ctx<'_>) -> Res {
    let st = ctx.station.clone();
    let dir = st.dir().to_path_buf();
    let mut records = 0usize;
    let mut failed = 0;
    for id in st.ids()? {
        match loupan_store::private::migrate::building(&dir, &id, ctx.today) {
            Ok(n) => records += n,
            Err(e) => {
                failed = 1;
                let t = e.text();
                ctx.say(&tr!("{id}: left as it is: {t}", "{id}：未作修改：{t}"));
            }
        }
    }
    let notes = loupan_store::private::migrate::journal(&dir)?;
    if records + notes == 0 {
        ctx.say(&tr!(
            "no personal value is left in the shared files",
            "共享文件里已没有个人信息"
        ));
        return Ok(failed);
    }
    let message = tr!(
        "loupan migrate: personal values of {records} records and {notes} journal notes moved to the private store",
        "loupan migrate：{records} 条记录的个人信息和 {notes} 条随访备注移到私密存储"
    )
    .get(ctx.lang)
    .to_string();
    loupan_store::private::git::commit(&dir, &message)?;
    if st.in_repo() {
        st.commit(&message)?;
    }
    ctx.say(&tr!(
        "personal values of {records} records and {notes} journal notes moved to the private store (.private/, outside the shared history)",
        "已将 {records} 条记录的个人信息和 {notes} 条随访备注移到私密存储（.private/，不在共享历史中）"
    ));
    if st.in_repo() {
        let cmd = rewrite_command(&dir);
        ctx.say(&tr!(
            "the shared history's older commits still hold them. Before this history is first shared (pushed, or synced to the street), rewrite it once, from the repository's root:\n{cmd}\n(clones made before must be made again afterwards)",
            "共享历史中较早的提交里仍有这些信息。在这份历史第一次共享（推送或同步到街道）之前，请在仓库根目录运行一次以下命令改写历史：\n{cmd}\n（之前已有的克隆需在改写后重新克隆）"
        ));
    }
    Ok(failed)
}

/// git's own history rewrite, with loupan as the tree filter, then git forgetting the old objects.
fn rewrite_command(dir: &std::path::Path) -> String {
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "loupan".into());
    let prefix = loupan_store::git::prefix_in_repo(dir).unwrap_or_else(|| ".".into());
    // inside the filter's single quotes, each part in double quotes (a path with a quote or a
    // `$` falls back to `loupan` on the PATH)
    let plain = |s: &str| !s.contains(['\'', '"', '$', '`', '\\']);
    let exe = if plain(&exe) { exe } else { "loupan".into() };
    let prefix = if plain(&prefix) { prefix } else { ".".into() };
    format!(
        "  FILTER_BRANCH_SQUELCH_WARNING=1 git filter-branch -f --tree-filter '\"{exe}\" --dir \"{prefix}\" migrate --scrub-only' -- --all\n  git for-each-ref --format='%(refname)' refs/original | xargs -r -n1 git update-ref -d\n  git reflog expire --expire=now --all && git gc -q --prune=now"
    )
}

/// `migrate --scrub-only`: the tree filter of the history rewrite `migrate` prints. Drops the
/// personal values of the files in place, keeping them nowhere, so it runs only inside git's
/// rewrite (which sets `GIT_COMMIT`), on a checkout of an old commit — never on live data.
pub fn scrub_only(ctx: &mut Ctx<'_>) -> Res {
    if std::env::var_os("GIT_COMMIT").is_none() {
        return Err(tr!(
            "--scrub-only drops personal values for good; it is the tree filter of the history rewrite `loupan migrate` prints, not for a data directory",
            "--scrub-only 会直接丢弃个人信息；它只用于 `loupan migrate` 给出的历史改写命令，不能用于数据目录"
        )
        .into());
    }
    let ids = ctx.station.ids().unwrap_or_default();
    loupan_store::private::migrate::scrub_files(ctx.station.dir(), &ids)?;
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
