//! The day's report as the station sends it up: gathered from the files, git and the journal,
//! for the command line and the map alike.

use super::snapshot::At;
use super::station::Station;
use jiff::civil::Date;
use loupan_core::codec::Located;
use loupan_core::i18n::{Lang, Text};
use loupan_core::report::{self, Report};
use loupan_core::tr;

impl Station {
    /// The day's report: the end of the day and of the day before, the buildings that differ,
    /// and the day's journal; with the problems of every file it could not read (named in the
    /// report, counted nowhere).
    pub fn day_report(
        &self,
        day: Date,
        today: Date,
        lang: Lang,
    ) -> Result<(Report, Vec<Located>), Text> {
        let st = self;
        let end = st.end_of(day, today)?;
        if end == At::Nothing {
            return Err(no_data(day, super::snapshot::first_day(st.dir())));
        }
        let day_before = day
            .yesterday()
            .map_err(|_| tr!("no day before {day}", "{day} 之前没有日期"))?;
        // outside git, today is all there is: nothing to compare with
        let before_at = match end {
            At::WorkTree if !st.in_repo() => At::Nothing,
            _ => st.end_of(day_before, today)?,
        };
        let changed = st.changed_between(&before_at, &end)?;
        let (after, unread_end) = st.buildings_at(&end, None)?;
        let (before, unread_before) = match &changed {
            Some(ids) if !ids.is_empty() => st.buildings_at(&before_at, Some(ids))?,
            _ => (Vec::new(), Vec::new()),
        };
        // a building unread the day before is counted today but compared with nothing (it is
        // dropped from the buildings that may differ); one unread today is named and counted nowhere
        let changed = changed.map(|ids| {
            ids.into_iter()
                .filter(|i| !unread_before.iter().any(|u| u.id == *i))
                .collect::<Vec<_>>()
        });
        let unread = unread_end
            .iter()
            .map(|u| report::Unread {
                id: u.id.to_string(),
                name: st.name_of(&u.id).unwrap_or_else(|| u.id.to_string()),
                problem: u
                    .problems
                    .first()
                    .map(|p| p.render(lang))
                    .unwrap_or_default(),
            })
            .collect();
        let mut broken: Vec<Located> = unread_end
            .into_iter()
            .chain(unread_before)
            .flat_map(|u| u.problems)
            .collect();
        // the day's follow-ups: an unreadable journal is told (and the command fails), never taken
        // as a day without follow-ups
        if let Err(folder) = st.journal_days() {
            broken.push(folder);
        }
        let d = st.journal_day(day);
        // a warning (an entry on disk twice, read once) leaves the day whole
        let errors: Vec<_> = d
            .problems
            .iter()
            .filter(|p| p.severity == loupan_core::codec::Severity::Error)
            .cloned()
            .collect();
        broken.extend(super::load::located(&d.path, &errors));
        // the whole journal: door-knocks add up over the days (knocked three times → escalated);
        // entries after the day are left out, so a past day reads as it was
        let whole = st.journal();
        let index = loupan_core::journal::Index::from_entries(
            whole.index.all().filter(|e| e.date() <= day).cloned(),
        );
        let mut r = report::report(day, &after, &before, changed.as_deref(), &index, unread);
        // returnees from the private store: counted, never named (docs/spec.md §14)
        let ids: Vec<&str> = after.iter().map(|b| b.id.as_str()).collect();
        let (people, _) = st.people_of(&ids);
        let readings = super::private::people::read_day(st.dir(), day).unwrap_or_default();
        loupan_core::people::figures::add_people(&mut r, &after, &people, &readings);
        Ok((r, broken))
    }
}

/// A day before anything was recorded has no report (never a zero report of nothing): said with
/// the first day that has data.
fn no_data(day: Date, first: Option<Date>) -> Text {
    match first {
        Some(first) => tr!(
            "nothing was recorded by the end of {day}: the history starts on {first}; report {first} or a later day",
            "{day} 结束时还没有任何记录：历史从 {first} 开始；请报告 {first} 或之后的日期"
        ),
        None => tr!(
            "nothing was recorded by the end of {day}: nothing is committed yet, so only today can be reported",
            "{day} 结束时还没有任何记录：尚无提交，只能报告今天"
        ),
    }
}
