//! Stepping the whole map through the days: `[` a day back, `]` forward; past days are
//! read-only with the day's changes marked, and forward past today edits again.

use super::app::{App, DayView, Effect, Notice, Slot};
use super::pending::Work;
use jiff::civil::Date;

impl App {
    /// The day shown: a past day, or today.
    pub fn shown_day(&self) -> Date {
        self.past.as_ref().map_or(self.today, |p| p.day)
    }

    /// "read-only · 2026-11-28 (] for today)".
    pub fn past_label(&self) -> String {
        let day = self.shown_day();
        let nothing = self.past.as_ref().is_some_and(|p| p.commit.is_none());
        match (self.lang, nothing) {
            (loupan_core::i18n::Lang::En, false) => {
                format!("read-only · end of {day} · ] forward")
            }
            (loupan_core::i18n::Lang::En, true) => {
                format!("read-only · {day}: nothing committed yet · ] forward")
            }
            (loupan_core::i18n::Lang::Zh, false) => format!("只读 · {day} 日终 · ] 向后"),
            (loupan_core::i18n::Lang::Zh, true) => format!("只读 · {day}：尚无提交 · ] 向后"),
        }
    }

    /// `[` and `]`: the effect that shows the other day.
    pub fn step_day(&mut self, forward: bool) -> Vec<Effect> {
        if self.read_only.is_some() {
            self.notice = Some(Notice::Error(loupan_core::tr!(
                "opened with --at or --read-only: open the map without them to step through the days",
                "以 --at 或 --read-only 打开：不带这两个选项打开才能逐日查看"
            )));
            return Vec::new();
        }
        if !forward && self.past.as_ref().is_some_and(|p| p.commit.is_none()) {
            self.notice = Some(Notice::Info(loupan_core::tr!(
                "nothing was committed before this day",
                "这一天之前没有任何提交"
            )));
            return Vec::new();
        }
        // a step already asked for counts: `[` pressed three times goes three days back
        let day = self
            .pending
            .work
            .iter()
            .rev()
            .find_map(|w| match w {
                Work::Stepping(d) => Some(d.unwrap_or(self.today)),
                _ => None,
            })
            .unwrap_or_else(|| self.shown_day());
        let next = if forward {
            day.tomorrow().ok()
        } else {
            day.yesterday().ok()
        };
        match next {
            Some(d) if d < self.today => vec![Effect::ShowDay(Some(d))],
            _ if forward && day >= self.today => {
                self.notice = Some(Notice::Info(loupan_core::tr!(
                    "this is today",
                    "已经是今天"
                )));
                Vec::new()
            }
            _ if forward => vec![Effect::ShowDay(None)],
            _ => Vec::new(),
        }
    }

    /// Another day arrived: only the buildings that differ change; the cursor stays on its
    /// building and unit where they exist that day.
    pub(super) fn on_day_shown(&mut self, v: DayView) {
        // the building chosen before a day without it is chosen again, unless the user moved
        let here = self.current_id().cloned();
        let keep = match self.chosen.take() {
            Some((wanted, instead)) if instead == here => Some(wanted),
            _ => here,
        };
        for id in &v.gone {
            self.on_removed(id);
        }
        for (id, result) in v.load {
            let idx = match self.index_of(&id) {
                Some(i) => i,
                None => self.insert_entry(&id),
            };
            let e = &mut self.entries[idx];
            if matches!(e.slot, Slot::Pending) {
                self.loaded += 1;
            }
            e.fill(result);
        }
        for e in &mut self.entries {
            e.that_day = v
                .marks
                .get(&e.id)
                .map(|units| units.iter().map(|u| u.as_str().into()).collect())
                .unwrap_or_default();
        }
        if let Some(id) = keep {
            match self.index_of(&id) {
                Some(i) => self.current = i,
                None => self.chosen = Some((id, self.current_id().cloned())),
            }
        }
        self.notice = Some(Notice::Info(match &v.past {
            Some(p) if p.commit.is_none() => loupan_core::tr!(
                "nothing was committed by the end of this day",
                "这一天结束时还没有任何提交"
            ),
            Some(_) => {
                let n: usize = v.marks.values().map(Vec::len).sum();
                loupan_core::tr!("{n} units changed that day (+)", "当天 {n} 户有变化（+）")
            }
            None => loupan_core::tr!("today: editing again", "今天：恢复编辑"),
        }));
        self.past = v.past;
        self.refresh_today();
    }
}
