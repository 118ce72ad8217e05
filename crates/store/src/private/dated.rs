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

/// A building's file versions, newest first: each commit's day, the building then, and the
/// versions that came just before it (its parents in the file's history: two after a merge).
pub(crate) struct History<'a> {
    data: &'a Path,
    id: &'a str,
    versions: Option<Vec<Version>>,
}

type Version = (Option<Date>, Option<Building>, Vec<usize>);

impl<'a> History<'a> {
    pub(crate) fn new(data: &'a Path, id: &'a str) -> Self {
        History {
            data,
            id,
            versions: None,
        }
    }

    fn versions(&mut self) -> &[Version] {
        let (data, id) = (self.data, self.id);
        self.versions.get_or_insert_with(|| {
            if !git::is_repo(data) || !git::has_head(data) {
                return Vec::new();
            }
            let file = format!("{id}.toml");
            let found = git::file_versions(data, &file).unwrap_or_default();
            let parents = git::file_parents(data, &file).unwrap_or_default();
            let at: std::collections::HashMap<&str, usize> = found
                .iter()
                .enumerate()
                .map(|(i, ((h, _, _), _))| (h.as_str(), i))
                .collect();
            found
                .iter()
                .map(|((h, when, _), bytes)| {
                    let day = when.get(..10).and_then(|d| d.parse().ok());
                    let b = bytes.as_ref().and_then(|b| codec::parse(id, b).ok());
                    let before = parents.get(h).into_iter().flatten();
                    let before = before.filter_map(|p| at.get(p.as_str()).copied()).collect();
                    (day, b, before)
                })
                .collect()
        })
    }

    /// The day of the commit that made `unit`'s ending, if the history tells.
    pub(crate) fn day(&mut self, unit: &str, ending: Ending) -> Option<Date> {
        let statuses: Vec<Step> = self
            .versions()
            .iter()
            .map(|(d, b, before)| {
                let s = b.as_ref().and_then(|b| status_in(b, unit));
                (*d, s, before.clone())
            })
            .collect();
        day_of(&statuses, ending)
    }
}

fn status_in(b: &Building, unit: &str) -> Option<Status> {
    b.find(unit).map(|i| b.units[i].record.status)
}

/// One version of a unit: its commit's day, its status then, and the versions just before it.
type Step = (Option<Date>, Option<Status>, Vec<usize>);

/// The ending in a unit's versions, newest first: followed back from the newest through every
/// version that already has it, to each version that made it (had it while a version just before
/// did not); the earliest of their days. An ending merged in from another laptop is so dated by
/// that laptop's commit, not by the merge. `None`: the newest version does not have it (the
/// ending is not committed), or an isolation's end with no isolating version before it.
fn day_of(steps: &[Step], ending: Ending) -> Option<Date> {
    let has = |s: Option<Status>| match ending {
        Ending::Isolation => s.is_some_and(|s| s != Status::Isolating),
        Ending::Vacancy => s == Some(Status::Vacant),
    };
    if !has(steps.first()?.1) {
        return None;
    }
    let mut seen = vec![false; steps.len()];
    let mut todo = vec![0];
    let mut made: Option<Date> = None;
    while let Some(i) = todo.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        let (day, _, before) = &steps[i];
        let (with, without): (Vec<usize>, Vec<usize>) = before
            .iter()
            .filter(|&&j| j < steps.len())
            .partition(|&&j| has(steps[j].1));
        todo.extend(with);
        let opened = without
            .iter()
            .any(|&j| steps[j].1 == Some(Status::Isolating));
        let here = match ending {
            Ending::Vacancy => !without.is_empty() || before.is_empty(),
            Ending::Isolation => opened,
        };
        if here && let Some(d) = day {
            made = Some(made.map_or(*d, |m| m.min(*d)));
        }
    }
    made
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
        let line = chain(&[
            (d("2026-12-03"), Some(Vacant)),
            (d("2026-11-20"), Some(Healthy)),
            (d("2026-11-02"), Some(Healthy)),
            (d("2026-10-01"), Some(Isolating)),
        ]);
        assert_eq!(day_of(&line, Ending::Isolation), d("2026-11-02"));
        assert_eq!(day_of(&line, Ending::Vacancy), d("2026-12-03"));
        // not committed yet: the newest version is still isolating
        assert_eq!(
            day_of(
                &chain(&[(d("2026-10-01"), Some(Isolating))]),
                Ending::Isolation
            ),
            None
        );
        // never isolating in the history: no day to give
        let healthy = chain(&[
            (d("2026-12-03"), Some(Vacant)),
            (d("2026-11-20"), Some(Healthy)),
        ]);
        assert_eq!(day_of(&healthy, Ending::Isolation), None);
        // vacant since the file began
        let vacant = chain(&[(d("2026-12-03"), Some(Vacant))]);
        assert_eq!(day_of(&vacant, Ending::Vacancy), d("2026-12-03"));
        assert_eq!(day_of(&[], Ending::Vacancy), None);
    }

    fn chain(line: &[(Option<Date>, Option<Status>)]) -> Vec<Step> {
        let n = line.len();
        line.iter()
            .enumerate()
            .map(|(i, (d, s))| (*d, *s, if i + 1 < n { vec![i + 1] } else { vec![] }))
            .collect()
    }

    #[test]
    fn an_ending_merged_in_is_dated_by_the_commit_that_made_it_not_the_merge() {
        use Status::*;
        // 0: the merge (today); 1: this laptop's own commit, still isolating; 2: the other
        // laptop's commit that ended it; 3: the isolation both began from
        let steps = vec![
            (d("2026-12-07"), Some(Healthy), vec![1, 2]),
            (d("2026-11-02"), Some(Isolating), vec![3]),
            (d("2026-10-28"), Some(Healthy), vec![3]),
            (d("2026-10-18"), Some(Isolating), vec![]),
        ];
        assert_eq!(day_of(&steps, Ending::Isolation), d("2026-10-28"));
        // a merge that resolved to the isolating side: still open
        let mut open = steps.clone();
        open[0].1 = Some(Isolating);
        assert_eq!(day_of(&open, Ending::Isolation), None);
    }
}
