//! `loupan purge [--dry-run]`: personal values past retention removed for good (docs/spec.md §12). Says
//! what it removed as counts, never values, and leaves a line in the audit log.

use super::{Ctx, Res};
use loupan_core::i18n::Text;
use loupan_core::private::retention::Purged;
use loupan_core::tr;
use loupan_store::private::audit;

fn counts(p: &Purged) -> Text {
    let (n, c, o, j) = (p.names, p.contacts, p.notes, p.journal_notes);
    let (people, readings) = (p.people, p.readings);
    tr!(
        "{n} names, {c} contacts, {o} notes, {j} journal notes, {people} returnees with {readings} temperature readings",
        "姓名 {n} 个、联系方式 {c} 个、备注 {o} 条、随访备注 {j} 条、返京人员 {people} 人（体温记录 {readings} 条）"
    )
}

pub(crate) fn purge(ctx: &mut Ctx<'_>, dry: bool) -> Res {
    let ids = ctx.station.ids()?;
    let retention = ctx.station.config().retention();
    let dir = ctx.station.dir().to_path_buf();
    let out = loupan_store::private::purge::purge(&dir, &ids, retention, ctx.today, dry)?;
    // the counts in the language the sentence is said in
    let (what, b) = (counts(&out.purged).get(ctx.lang).to_string(), out.buildings);
    let (i, j) = (retention.isolation, retention.journal_note);
    let said = match (dry, out.purged.total()) {
        (true, 0) => tr!(
            "nothing is past retention (isolations {i} days after their end, journal notes {j} days)",
            "没有超过保存期限的个人信息（隔离结束后 {i} 天，随访备注 {j} 天）"
        ),
        (true, _) => tr!(
            "would remove {what} (in {b} buildings); run `loupan purge` to remove them",
            "将删除{what}（涉及 {b} 栋楼）；运行 `loupan purge` 执行删除"
        ),
        (false, _) => tr!(
            "removed {what} (in {b} buildings); the private store's older versions are gone with them",
            "已删除{what}（涉及 {b} 栋楼）；私密存储的旧版本也一并清除"
        ),
    };
    writeln!(ctx.out, "{}", said.get(ctx.lang))?;
    for id in &out.unmigrated {
        ctx.say(&tr!(
            "{id}: its building file still holds personal values; `loupan migrate` moves them to the private store, where purge can reach them",
            "{id}：楼栋文件里仍有个人信息；运行 `loupan migrate` 把它们移到私密存储，之后才能按期限删除"
        ));
    }
    for w in &out.warnings {
        ctx.say(w);
    }
    for id in &out.skipped {
        ctx.say(&tr!(
            "{id}: cannot be read, left as it is (`loupan check` says why)",
            "{id}：无法读取，未作处理（`loupan check` 可查看原因）"
        ));
    }
    if !dry {
        let line = audit::Line {
            at: loupan_store::journal::now(),
            by: ctx.station.who(),
            command: "purge".into(),
            records: out.purged.total(),
        };
        audit::append(&dir, &line)?;
    }
    Ok(i32::from(!out.skipped.is_empty()))
}
