//! The audit log from the command line (docs/spec.md §12): the line a `--reveal` leaves, and `loupan
//! audit` to read them. The log names the command and its flags, never a value given to them.

use super::{Ctx, Res};
use loupan_core::i18n::Lang;
use loupan_core::tr;
use loupan_store::private::audit::{self, Line};
use std::ffi::OsString;

impl Ctx<'_> {
    /// `--reveal` as the command's masking choice; asked for, it is accounted for in the audit log.
    pub fn reveal(&mut self, on: bool) -> loupan_core::privacy::Reveal {
        if on {
            self.revealed.get_or_insert(0);
            loupan_core::privacy::Reveal::Shown
        } else {
            loupan_core::privacy::Reveal::Masked
        }
    }

    /// `n` records shown with their personal values (counted only when revealing).
    pub fn shown(&mut self, n: usize) {
        if let Some(k) = &mut self.revealed {
            *k += n;
        }
    }
}

/// The command as the audit log names it: the command's words and the flags given, without any
/// value (a `--note` could hold a name).
pub(crate) fn command_words(args: &[OsString]) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut expect_value = false;
    for a in args.iter().skip(1) {
        let a = a.to_string_lossy();
        if let Some(flag) = a.strip_prefix("--") {
            let name = flag.split('=').next().unwrap_or_default();
            if matches!(name, "dir" | "lang") {
                expect_value = !flag.contains('=');
                continue;
            }
            words.push(format!("--{name}"));
            expect_value = false;
        } else if !expect_value && words.len() < 2 && words.iter().all(|w| !w.starts_with('-')) {
            // the command and, for `company list`, its second word; never a building or a value
            if words.is_empty() || words[0] == "company" {
                words.push(loupan_core::display::inline(&a).into_owned());
            }
        } else {
            expect_value = false;
        }
    }
    words.join(" ")
}

/// Appends the line of a command that revealed `n` records. Without it the reveal cannot be
/// accounted for, so the command fails (its output was already made: the failure is said).
pub(crate) fn revealed(ctx: &mut Ctx<'_>, words: &str, n: usize) -> Res {
    let line = Line {
        at: loupan_store::journal::now(),
        by: ctx.station.who(),
        command: words.to_string(),
        records: n,
    };
    audit::append(ctx.station.dir(), &line).map_err(|t| {
        tr!(
            "the reveal could not be written to the audit log: {t}",
            "无法把这次显示个人信息记入审计日志：{t}"
        )
    })?;
    Ok(0)
}

/// `loupan audit [--days N]`: the log's lines, oldest first.
pub(crate) fn show(ctx: &mut Ctx<'_>, days: Option<u32>) -> Res {
    let from = days.and_then(|d| {
        ctx.today
            .checked_sub(jiff::Span::new().days(i64::from(d.saturating_sub(1))))
            .ok()
    });
    let lines = audit::read(ctx.station.dir(), from);
    if lines.is_empty() {
        ctx.say(&tr!(
            "the audit log has no line for that time",
            "这段时间审计日志里没有记录"
        ));
        return Ok(0);
    }
    for l in lines {
        let at = l.at.strftime("%Y-%m-%d %H:%M");
        let (by, cmd, n) = (
            loupan_core::display::inline(&l.by).into_owned(),
            loupan_core::display::inline(&l.command).into_owned(),
            l.records,
        );
        let text = match ctx.lang {
            Lang::En => format!("{at}  {by}  loupan {cmd}  {n} records"),
            Lang::Zh => format!("{at}  {by}  loupan {cmd}  {n} 条记录"),
        };
        writeln!(ctx.out, "{text}")?;
    }
    Ok(0)
}
