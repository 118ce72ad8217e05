//! The daily report (日报): the day's totals per building, what changed since the end of the day
//! before (new isolations, isolations ended, companies resumed, units verified), the follow-ups,
//! and the zero report (零报告) when nothing is new. Pure: the two days' buildings and the
//! journal come in.

use super::escalate::Escalation;
use super::journal::{Index, Via};
use super::model::Building;
use super::stats::Counts;
use super::status::Status;
use crate::ids::BuildingId;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// What changed between the end of the day before and the end of the day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Changes {
    pub isolating_new: usize,
    pub isolating_ended: usize,
    pub resumed: usize,
    pub verified: usize,
}

impl Changes {
    pub fn is_zero(&self) -> bool {
        *self == Changes::default()
    }

    fn add(&mut self, o: &Changes) {
        self.isolating_new += o.isolating_new;
        self.isolating_ended += o.isolating_ended;
        self.resumed += o.resumed;
        self.verified += o.verified;
    }

    /// One building's changes; a building (or unit) the day before did not have counts as
    /// unknown then. `resumed` counts companies (a company the day before did not have counts as
    /// not resumed then).
    pub fn of(before: Option<&Building>, after: &Building) -> Changes {
        let mut c = Changes::default();
        for u in &after.units {
            let was = before
                .and_then(|b| b.find(&u.label).map(|i| b.units[i].record.status))
                .unwrap_or(Status::Unknown);
            let now = u.record.status;
            c.isolating_new += usize::from(now == Status::Isolating && was != Status::Isolating);
            c.isolating_ended += usize::from(was == Status::Isolating && now != Status::Isolating);
            c.verified += usize::from(was == Status::Unknown && now != Status::Unknown);
        }
        // companies resumed: counted from company records, as every company figure is
        let resumed_before: Vec<crate::company::Company> = before
            .map(crate::company::all)
            .unwrap_or_default()
            .into_iter()
            .filter(crate::company::Company::resumed)
            .collect();
        c.resumed = crate::company::all(after)
            .iter()
            .filter(|x| x.resumed() && !resumed_before.iter().any(|b| b.id == x.id))
            .count();
        c
    }
}

/// The day's follow-ups: isolating households and how many were reached that day, and the
/// day's calls and door-knocks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUps {
    pub due: usize,
    pub reached: usize,
    pub calls: usize,
    pub visits: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BuildingReport {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub changes: Changes,
}

/// A building the report could not read: named, never counted (docs/spec.md §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unread {
    pub id: String,
    pub name: String,
    /// Where and why, as the station reads it.
    pub problem: String,
}

/// The daily report; its JSON is `report --format json` (docs/spec.md §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub date: Date,
    pub total: Counts,
    pub changes: Changes,
    pub follow_ups: FollowUps,
    /// Buildings that could not be read: named at the top, counted nowhere.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<Unread>,
    /// Nothing new to report: the 零报告 (set once the changes are counted). Never with a
    /// building unread.
    pub zero: bool,
    /// Whether the day before had anything recorded to compare with.
    pub compared: bool,
    /// What must go up beyond the figures: by building and unit, never a personal value.
    pub escalations: Vec<Escalation>,
    pub buildings: Vec<BuildingReport>,
    /// The companies filed at the buildings read (docs/spec.md §11).
    pub companies: CompanyFigures,
    /// The day's questions answered (答疑), by topic: what companies keep asking.
    pub questions: Questions,
    /// Returnees and staff health (docs/spec.md §14): counts, never a person.
    pub returnees: crate::people::figures::Returnees,
    /// The day's inspections of companies with a class (网点摸排).
    pub inspection: crate::people::figures::Inspection,
}

pub use crate::company::report::{CompanyFigures, Questions};

/// The report for `day`: `after` is every building at its end, `before` those of the day before
/// that may differ (a building not in `before` is taken as unchanged, unless `compared` is false,
/// when there was nothing the day before).
pub fn report(
    day: Date,
    after: &[Building],
    before: &[Building],
    changed: Option<&[BuildingId]>,
    journal: &Index,
    unread: Vec<Unread>,
) -> Report {
    let mut r = Report {
        date: day,
        total: Counts::default(),
        changes: Changes::default(),
        follow_ups: FollowUps::default(),
        unread,
        zero: true,
        compared: changed.is_some(),
        escalations: Vec::new(),
        buildings: Vec::new(),
        companies: CompanyFigures::of(after, day),
        questions: Questions::of(journal, day),
        returnees: Default::default(),
        inspection: crate::people::figures::Inspection::of(after, day),
    };
    for b in after {
        let counts = Counts::of(b);
        let differs = changed.is_none_or(|ids| ids.iter().any(|i| *i == *b.id));
        let changes = if differs {
            Changes::of(before.iter().find(|x| x.id == b.id), b)
        } else {
            Changes::default()
        };
        r.total.merge(&counts);
        r.changes.add(&changes);
        r.buildings.push(BuildingReport {
            id: b.id.clone(),
            name: b.name.clone(),
            counts,
            changes,
        });
    }
    // units gone with a building: their isolations ended — unless the building is there but
    // could not be read, which ends nothing
    let unread: Vec<String> = r.unread.iter().map(|u| u.id.clone()).collect();
    for b in before
        .iter()
        .filter(|b| !after.iter().any(|a| a.id == b.id) && !unread.contains(&b.id))
    {
        let isolating = b
            .units
            .iter()
            .filter(|u| u.record.status == Status::Isolating);
        r.changes.isolating_ended += isolating.count();
    }
    let w = super::today::worklist(after, journal, day);
    r.follow_ups = FollowUps {
        due: w.isolating,
        reached: w.reached,
        calls: journal
            .day(day)
            .iter()
            .filter(|e| e.via != Via::Visit)
            .count(),
        visits: journal
            .day(day)
            .iter()
            .filter(|e| e.via == Via::Visit)
            .count(),
    };
    r.escalations = super::escalate::escalations(after, &w, journal, day);
    crate::people::figures::add_people(&mut r, after, &[], &Default::default());
    r
}

pub use crate::report_text::text;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec;
    use crate::i18n::Lang;

    fn tower(statuses: &[(&str, Status)]) -> Building {
        let mut b = codec::parse("t", codec::new_building_text("t", 2, 2).as_bytes()).unwrap();
        for (label, s) in statuses {
            let i = b.find(label).unwrap();
            b.units[i].record.status = *s;
        }
        b
    }

    /// One typo in a building file must not report its households as released (issue 19).
    #[test]
    fn a_building_that_cannot_be_read_is_named_never_counted_never_zero() {
        use Status::*;
        let before = tower(&[("201", Isolating), ("202", Isolating)]);
        let day = jiff::civil::date(2026, 11, 29);
        let ids = vec![crate::ids::BuildingId::parse("t").unwrap()];
        let unread = vec![Unread {
            id: "t".into(),
            name: "塔楼".into(),
            problem: "t.toml:5:12: unknown status".into(),
        }];
        let r = report(
            day,
            &[],
            std::slice::from_ref(&before),
            Some(&ids),
            &Index::default(),
            unread,
        );
        assert_eq!(
            r.changes.isolating_ended, 0,
            "an unread building ends nothing"
        );
        assert!(!r.zero, "never a zero report with a building unread");
        let zh = text(&r, Lang::Zh);
        assert!(zh.starts_with("⚠ 未计入：塔楼（t）"), "{zh}");
        assert!(!zh.contains("零报告"), "{zh}");
        // the same day without the building unread would have been told as two releases
        let r = report(
            day,
            &[],
            std::slice::from_ref(&before),
            Some(&ids),
            &Index::default(),
            Vec::new(),
        );
        assert_eq!(r.changes.isolating_ended, 2);
    }

    #[test]
    fn changes_since_the_day_before_and_the_zero_report() {
        use Status::*;
        let before = tower(&[("201", Isolating), ("202", Healthy), ("101", NotResumed)]);
        let after = tower(&[
            ("201", Healthy),
            ("202", Isolating),
            ("101", Resumed),
            ("102", Vacant),
        ]);
        let ix = Index::default();
        let day = jiff::civil::date(2026, 11, 29);
        let ids = vec![crate::ids::BuildingId::parse("t").unwrap()];
        let r = report(
            day,
            std::slice::from_ref(&after),
            std::slice::from_ref(&before),
            Some(&ids),
            &ix,
            Vec::new(),
        );
        assert_eq!(
            r.changes,
            Changes {
                isolating_new: 1,
                isolating_ended: 1,
                resumed: 1,
                verified: 1
            }
        );
        assert!(!r.zero);
        assert!(
            text(&r, Lang::Zh).starts_with("【日报】2026年11月29日\n"),
            "{}",
            text(&r, Lang::Zh)
        );
        // a building that did not change is not compared at all
        let same = report(
            day,
            std::slice::from_ref(&after),
            &[],
            Some(&[]),
            &ix,
            Vec::new(),
        );
        // nothing new, but 202 is isolating and was not reached today: something to escalate,
        // so a daily report that lists it, never a 零报告 (issue 33)
        assert!(!same.zero);
        let zh = text(&same, Lang::Zh);
        assert!(zh.starts_with("【日报】") && zh.contains("t 202"), "{zh}");
        let calm = tower(&[("202", Healthy)]);
        let calm = report(day, &[calm], &[], Some(&[]), &ix, Vec::new());
        assert!(calm.zero && calm.escalations.is_empty());
        assert!(text(&calm, Lang::Zh).starts_with("【零报告】"));
        // nothing before: every isolation is new, every known unit newly verified
        let first = report(
            day,
            std::slice::from_ref(&after),
            &[],
            None,
            &ix,
            Vec::new(),
        );
        assert_eq!(
            (first.changes.isolating_new, first.changes.verified),
            (1, 4)
        );
        assert!(text(&first, Lang::En).contains("nothing recorded before"));
    }
}
