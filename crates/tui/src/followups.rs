//! Follow-ups from the map: what the journal says as it changes (here or elsewhere), and what
//! this map logged, and withdrew by undoing it. No I/O: entries leave as `Effect::Log` and come
//! back as `Message::Logged`.

use super::app::{App, Notice};
use super::modes::Mode;
use jiff::civil::Date;
use loupan_core::display::inline;
use loupan_core::history::Step;
use loupan_core::i18n::{Lang, Text};
use loupan_core::journal::Entry;
use loupan_core::tr;

impl App {
    /// A journal day changed on disk: someone else's entries are named on the status line.
    pub fn on_day(&mut self, day: Date, entries: Vec<Entry>) {
        let known: std::collections::HashSet<&str> =
            self.journal.day(day).iter().map(|e| &*e.id).collect();
        let new: Vec<&Entry> = entries.iter().filter(|e| !known.contains(&*e.id)).collect();
        if let Some(e) = new.last() {
            let (by, unit) = (inline(&e.by), inline(&e.unit));
            let (oe, oz) = (
                e.outcome.said(e.via, Lang::En),
                e.outcome.said(e.via, Lang::Zh),
            );
            let name = self
                .index_of(&e.building)
                .map_or(e.building.to_string(), |i| {
                    self.entries[i].name().to_string()
                });
            let name = inline(&name);
            self.notice = Some(Notice::Info(match e.withdraws {
                Some(_) => tr!(
                    "{by} withdrew {name} {unit}: {oe}",
                    "{by} 撤回了 {name} {unit}：{oz}"
                ),
                None => tr!(
                    "{by} logged {name} {unit}: {oe}",
                    "{by} 记录了 {name} {unit}：{oz}"
                ),
            }));
        }
        self.journal.replace_day(day, entries);
        self.refresh_today();
    }

    pub fn on_logged(&mut self, result: Result<Vec<Entry>, Text>, tell: bool) {
        match result {
            Ok(entries) => {
                if let Some(t) = said(&entries, ("logged", "已记录")).filter(|_| tell) {
                    self.notice = Some(Notice::Info(t));
                }
                // undoable: a release's with the step its save made, a follow-up's on its own
                if let Some(b) = entries
                    .first()
                    .and_then(|e| self.index_of(&e.building))
                    .map(|i| self.entries[i].id.clone())
                {
                    self.history.logged(b, entries.clone(), !tell);
                }
                for e in entries {
                    self.journal.add(e);
                }
            }
            Err(why) => {
                self.notice = Some(Notice::Error(
                    tr!("not logged", "未记录").join((": ", "："), &why),
                ));
            }
        }
        self.refresh_today();
    }

    /// Follow-ups withdrawn by an undo (the journal gets the withdrawals), or why not: an undo
    /// of follow-ups alone is then undoable again.
    pub fn on_withdrawn(&mut self, result: Result<Vec<Entry>, Text>, put_back: Option<Box<Step>>) {
        match result {
            Ok(withdrawals) => {
                let gone = ("follow-up withdrawn", "随访已撤回");
                if let (Some(t), Some(_)) = (said(&withdrawals, gone), &put_back) {
                    self.notice = Some(Notice::Info(t));
                }
                for w in withdrawals {
                    self.journal.add(w);
                }
            }
            Err(why) => {
                self.notice = Some(Notice::Error(
                    tr!("not withdrawn", "未撤回").join((": ", "："), &why),
                ));
                if let Some(step) = put_back {
                    self.history.put_back(step.reversed());
                }
            }
        }
        self.refresh_today();
    }

    /// The Today window's list, made again from the buildings and the journal.
    pub fn refresh_today(&mut self) {
        match std::mem::take(&mut self.mode) {
            Mode::Today(mut t) => {
                t.rebuild(self);
                self.mode = Mode::Today(t);
            }
            other => self.mode = other,
        }
    }
}

/// What a journal step did, for the status line: "1203 → 正常 (电话) 已记录", or "3 户 → …" for
/// several entries at once; `None` for none.
fn said(entries: &[Entry], done: (&str, &str)) -> Option<Text> {
    let e = entries.first()?;
    let n = entries.len();
    Some(Text::by(|lang| {
        let what = if n == 1 {
            inline(&e.unit).into_owned()
        } else {
            format!("{n} {}", lang.pick("units", "户"))
        };
        let (o, v) = (e.outcome.said(e.via, lang), e.via.name(lang));
        let done = lang.pick(done.0, done.1);
        format!("{what} → {o} ({v}) {done}")
    }))
}
