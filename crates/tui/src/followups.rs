//! Follow-ups from the map: what the journal says as it changes (here or elsewhere), and what
//! this map logged. No I/O: entries leave as `Effect::Log` and come back as `Message::Logged`.

use super::app::{App, Notice};
use super::modes::Mode;
use jiff::civil::Date;
use loupan_core::display::inline;
use loupan_core::i18n::{Lang, Text};
use loupan_core::journal::Entry;

impl App {
    /// A journal day changed on disk: someone else's entries are named on the status line.
    pub fn on_day(&mut self, day: Date, entries: Vec<Entry>) {
        let known: std::collections::HashSet<&str> =
            self.journal.day(day).iter().map(|e| &*e.id).collect();
        let new: Vec<&Entry> = entries.iter().filter(|e| !known.contains(&*e.id)).collect();
        if let Some(e) = new.last() {
            let (by, unit, o) = (inline(&e.by), inline(&e.unit), e.outcome.name(self.lang));
            let name = self
                .index_of(&e.building)
                .map_or(e.building.to_string(), |i| {
                    self.entries[i].name().to_string()
                });
            let name = inline(&name);
            self.notice = Some(Notice::Info(match self.lang {
                Lang::En => format!("{by} logged {name} {unit}: {o}"),
                Lang::Zh => format!("{by} 记录了 {name} {unit}：{o}"),
            }));
        }
        self.journal.replace_day(day, entries);
        self.refresh_today();
    }

    pub fn on_logged(&mut self, result: Result<Vec<Entry>, Text>) {
        match result {
            Ok(entries) => {
                if let Some(e) = entries.first() {
                    let what = if entries.len() == 1 {
                        inline(&e.unit).into_owned()
                    } else {
                        format!("{} {}", entries.len(), self.t("units", "户"))
                    };
                    let (o, v) = (e.outcome.name(self.lang), e.via.name(self.lang));
                    let logged = self.t("logged", "已记录");
                    self.notice = Some(Notice::Info(format!("{what} → {o} ({v}) {logged}")));
                }
                for e in entries {
                    self.journal.add(e);
                }
            }
            Err(why) => {
                let head = self.t("not logged", "未记录");
                self.notice = Some(Notice::Error(format!("{head}: {}", why.get(self.lang))));
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
