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

pub fn migrate(ctx: &mut Ctx<'_>, rewrite: bool) -> Res {
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
    let failed = personal(ctx, rewrite)?;
    if rewrite && failed == 0 {
        return rewrite_history(ctx);
    }
    Ok(failed)
}

/// The second step: personal values out of the shared files into the private store, in a commit
/// of its own; then what the older history still holds, and how to rewrite it once.
fn personal(ctx: &mut Ctx<'_>, rewrite: bool) -> Res {
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
    if st.in_repo() && !rewrite {
        ctx.say(&tr!(
            "the shared history's older commits still hold them. Before this history is first shared (pushed, or synced to the street), rewrite it once: `loupan migrate --rewrite-history` (clones made before must be made again afterwards)",
            "共享历史中较早的提交里仍有这些信息。在这份历史第一次共享（推送或同步到街道）之前，请改写一次历史：`loupan migrate --rewrite-history`（之前已有的克隆需在改写后重新克隆）"
        ));
    }
    Ok(failed)
}

/// `--rewrite-history`: the shared history rewritten so that no object holds a moved value, and
/// which clones must be made again.
fn rewrite_history(ctx: &mut Ctx<'_>) -> Res {
    use loupan_store::private::rewrite;
    let done = rewrite::rewrite_history(ctx.station.dir())
        .map_err(|e| super::Fail::Exit(e.exit(), e.text()))?;
    let Some(r) = done else {
        ctx.say(&tr!(
            "no commit of the shared history holds a personal value; nothing to rewrite",
            "共享历史的提交里没有个人信息；无需改写"
        ));
        return Ok(0);
    };
    let (versions, values) = (r.versions, r.values);
    ctx.say(&tr!(
        "the shared history is rewritten: {versions} stored versions of files no longer hold personal values, the reflogs are expired and the old objects pruned; every object of the repository was read back and none holds any of the {values} moved values",
        "共享历史已改写：{versions} 个文件历史版本不再含有个人信息，引用日志已清除，旧对象已删除；已逐个读取仓库中的全部对象，{values} 项已移出的个人信息均不在其中"
    ));
    let phones = r.in_messages;
    if phones > 0 {
        ctx.say(&tr!(
            "{phones} phone numbers in commits' and tags' messages are masked",
            "提交说明和标签说明中的 {phones} 个电话号码已遮盖"
        ));
    }
    if !r.dropped.is_empty() {
        let files = r
            .dropped
            .iter()
            .map(|p| loupan_core::display::inline(p).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        ctx.say(&tr!(
            "files that are not loupan's data are out of every commit now, and stay on disk, untracked: {files}",
            "以下不是 loupan 数据的文件已从每个提交中去掉，仍留在磁盘上（不再被跟踪）：{files}"
        ));
    }
    ctx.say(&tr!(
        "every clone of this repository made before now still holds the old history: make each again from this one (the private store .private/ is not touched)",
        "此前从本仓库克隆的每一份副本仍含有旧历史：请从本仓库重新克隆（私密存储 .private/ 未受影响）"
    ));
    for (name, url) in &r.remotes {
        let url = loupan_core::display::inline(url).into_owned();
        ctx.say(&tr!(
            "the remote {name} ({url}) still holds the old history, and so does every clone of it: replace it by a new, empty repository, connect it (`git remote add {name} URL`; the rewrite disconnected origin) and run `loupan sync`; then every laptop clones again",
            "远端 {name}（{url}）以及它的每一份克隆仍含有旧历史：请用一个新的空仓库替换它，重新连接（`git remote add {name} 地址`；改写时已断开 origin），再运行 `loupan sync`；之后各台电脑重新克隆"
        ));
    }
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
