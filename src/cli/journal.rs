//! `loupan journal`: a day's entries (in `day.rs`), and `journal withdraw ID`, which takes back
//! an entry logged by mistake by appending another.

use super::{Ctx, Res};
use loupan_core::display::inline;
use loupan_core::i18n::Lang;
use loupan_core::journal::Entry;
use loupan_core::tr;
use loupan_store as store;

#[derive(clap::Args, Debug)]
pub struct JournalArgs {
    #[command(subcommand)]
    action: Option<JournalCmd>,
    #[arg(long, allow_hyphen_values = true)]
    date: Option<String>,
    #[arg(long)]
    building: Option<String>,
    #[arg(long)]
    json: bool,
    #[arg(long)]
    reveal: bool,
}

pub fn journal(ctx: &mut Ctx<'_>, a: &JournalArgs) -> Res {
    match &a.action {
        Some(JournalCmd::Withdraw { id }) => withdraw(ctx, id),
        None => {
            let r = ctx.reveal(a.reveal);
            let (date, building) = (a.date.as_deref(), a.building.as_deref());
            super::day::journal(ctx, date, building, a.json, r)
        }
    }
}

/// `journal`'s own commands.
#[derive(clap::Subcommand, Debug)]
pub enum JournalCmd {
    Withdraw { id: String },
}

/// `loupan journal withdraw ID`: an entry logged by mistake is cancelled by a new entry (the
/// journal is only ever appended to); Today, the counts and the report then read the day
/// without it.
pub fn withdraw(ctx: &mut Ctx<'_>, id: &str) -> Res {
    let whole = ctx.station.journal();
    let id = id.trim();
    let shown = inline(id);
    let Some(e) = whole.index.find(id) else {
        let why = match whole.index.struck().find(|e| *e.id == *id) {
            Some(e) if e.withdraws.is_some() => tr!(
                "entry {shown} is itself a withdrawal; log the follow-up again instead",
                "记录 {shown} 本身就是一条撤回记录；如需恢复，请重新记录这次随访"
            ),
            Some(_) => tr!(
                "entry {shown} is already withdrawn",
                "记录 {shown} 已经撤回过了"
            ),
            None => tr!(
                "there is no journal entry {shown}; `loupan journal --json --date DAY` lists the ids",
                "没有编号为 {shown} 的随访记录；`loupan journal --json --date 日期` 可列出编号"
            ),
        };
        return Err(why.into());
    };
    let by = ctx.station.who();
    let w = e.withdrawal(
        store::journal::new_id(),
        store::journal::now(),
        by.as_str().into(),
    );
    ctx.station.append(&w)?;
    let (lang, names) = (ctx.lang, ctx.station.shown_names());
    let (name, u) = (names.of(&e.building), inline(&e.unit));
    let (o, v, at) = (e.outcome.said(e.via, lang), e.via.name(lang), e.at);
    let line = match lang {
        Lang::En => {
            format!("withdrawn: {name} {u} — {o} ({v}) of {at}; the day is read without it")
        }
        Lang::Zh => format!("已撤回：{name} {u} {o}（{v}，{at}）；当天统计不再计入"),
    };
    writeln!(ctx.out, "{line}")?;
    Ok(0)
}

/// "  [withdrawn]" after an entry withdrawn, "  [withdraws ID]" after a withdrawal.
pub fn struck_mark(
    e: &Entry,
    withdrawn: &std::collections::HashSet<loupan_core::text::SmallStr>,
    lang: Lang,
) -> String {
    match &e.withdraws {
        Some(w) => format!("  [{} {}]", lang.pick("withdraws", "撤回"), inline(w)),
        None if withdrawn.contains(&e.id) => format!("  [{}]", lang.pick("withdrawn", "已撤回")),
        None => String::new(),
    }
}
