//! The day the shared history says an ending happened: the commit that made a unit stop being
//! isolating, or made it vacant, found in its building file's versions (read once per building,
//! and only when an ending needs a date). No history, or an ending not committed yet: no day,
//! and the caller takes the day it first sees it.

use super::super::git;
use jiff::civil::Date;
use loupan_core::codec;
use loupan_core::model::Building;
use loupan_core::private::events::Ending;
use loupan_core::status::Status;
use std::path::Path;

/// A building's file versions, newest first: each commit's day and the building then.
pub(crate) struct History<'a> {
    data: &'a Path,
    id: &'a str,
    versions: Option<Vec<(Option<Date>, Option<Building>)>>,
}

impl<'a> History<'a> {
    pub(crate) fn new(data: &'a Path, id: &'a str) -> Self {
        History {
            data,
            id,
            versions: None,
        }
    }

    fn versions(&mut self) -> &[(Option<Date>, Option<Building>)] {
        let (data, id) = (self.data, self.id);
        self.versions.get_or_insert_with(|| {
            if !git::is_repo(data) || !git::has_head(data) {
                return Vec::new();
            }
            let found = git::file_versions(data, &format!("{id}.toml")).unwrap_or_default();
            found
                .into_iter()
                .map(|((_, when, _), bytes)| {
                    let day = when.get(..10).and_then(|d| d.parse().ok());
                    (day, bytes.and_then(|b| codec::parse(id, &b).ok()))
                })
                .collect()
        })
    }

    /// The day of the commit that made `unit`'s ending, if the history tells.
    pub(crate) fn day(&mut self, unit: &str, ending: Ending) -> Option<Date> {
        let statuses: Vec<(Option<Date>, Option<Status>)> = self
            .versions()
            .iter()
            .map(|(d, b)| (*d, b.as_ref().and_then(|b| status_in(b, unit))))
            .collect();
        day_of(&statuses, ending)
    }
}

fn status_in(b: &Building, unit: &str) -> Option<Status> {
    b.find(unit).map(|i| b.units[i].record.status)
}

/// The ending in a unit's statuses through its versions, newest first: the day of the newest
/// version that has it while the one before did not (`None`: the newest version does not have
/// it — the ending is not committed — or no version tells).
fn day_of(statuses: &[(Option<Date>, Option<Status>)], ending: Ending) -> Option<Date> {
    let has = |s: Option<Status>| match ending {
        Ending::Isolation => s.is_some_and(|s| s != Status::Isolating),
        Ending::Vacancy => s == Some(Status::Vacant),
    };
    if !has(statuses.first()?.1) {
        return None;
    }
    for (i, (day, _)) in statuses.iter().enumerate() {
        match statuses.get(i + 1).map(|(_, s)| *s) {
            Some(before) if has(before) => continue,
            _ if ending == Ending::Vacancy => return *day,
            Some(Some(Status::Isolating)) => return *day,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    #[test]
    fn an_ending_is_dated_by_the_newest_commit_that_made_it() {
        use Status::*;
        let line = [
            (d("2026-12-03"), Some(Vacant)),
            (d("2026-11-20"), Some(Healthy)),
            (d("2026-11-02"), Some(Healthy)),
            (d("2026-10-01"), Some(Isolating)),
        ];
        assert_eq!(day_of(&line, Ending::Isolation), d("2026-11-02"));
        assert_eq!(day_of(&line, Ending::Vacancy), d("2026-12-03"));
        // not committed yet: the newest version is still isolating
        assert_eq!(day_of(&line[3..], Ending::Isolation), None);
        // never isolating in the history: no day to give
        assert_eq!(day_of(&line[..3], Ending::Isolation), None);
        // vacant since the file began
        assert_eq!(day_of(&line[..1], Ending::Vacancy), d("2026-12-03"));
        assert_eq!(day_of(&[], Ending::Vacancy), None);
    }
}
