//! A station's figures: the counts of its daily report, one typed value from the report to the
//! file that goes up to the street (`reports/DATE/STATION.toml`) and into the street's totals. A
//! count is a field, never looked up by a key: a field renamed is a compile error everywhere it
//! is read, added up or bounded. Rates are not figures: each reader works them out from these.
//! Pure.

use crate::people::figures::Returnees;
use crate::report::{Changes, FollowUps, Questions, Report};
use crate::stats::Counts;
use crate::status::Status;
use serde::{Deserialize, Serialize};

/// Every count a station's report gives, in the report's parts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Units by status (the day's end).
    pub total: Counts,
    /// What changed since the day before.
    pub changes: Changes,
    pub follow_ups: FollowUps,
    pub companies: CompanyCounts,
    /// The day's questions answered, by topic.
    pub questions: Questions,
    pub returnees: Returnees,
    pub inspection: InspectionCounts,
}

/// The companies filed, counted (their rates are worked out from these).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyCounts {
    pub total: usize,
    pub resumed: usize,
    pub employees: u64,
    pub on_site: u64,
    pub observing: u64,
    pub observation_ending: usize,
}

impl CompanyCounts {
    /// Resumed of all companies, 0–1 (0 of none).
    pub fn resumption_rate(&self) -> f64 {
        ratio(self.resumed as u64, self.total as u64)
    }

    /// On site of all employees, 0–1 (0 of none).
    pub fn on_site_rate(&self) -> f64 {
        ratio(self.on_site, self.employees)
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part.min(whole) as f64 / whole as f64
    }
}

/// The day's inspections of companies with a class, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InspectionCounts {
    pub due: usize,
    pub done: usize,
}

impl Report {
    /// The report's figures, as they go up.
    pub fn figures(&self) -> Figures {
        let c = &self.companies;
        Figures {
            total: self.total,
            changes: self.changes,
            follow_ups: self.follow_ups,
            companies: CompanyCounts {
                total: c.total,
                resumed: c.resumed,
                employees: c.employees,
                on_site: c.on_site,
                observing: c.observing,
                observation_ending: c.observation_ending,
            },
            questions: self.questions,
            returnees: self.returnees,
            inspection: InspectionCounts {
                due: self.inspection.due,
                done: self.inspection.done,
            },
        }
    }
}

/// A part of the figures: added up without ever wrapping, and each count named as its file names
/// it (for a bound's message).
pub trait Tally {
    fn add_up(&mut self, o: &Self);
    fn named(&self) -> Vec<(&'static str, u64)>;
}

/// A count as `u64`, whatever its width.
fn wide<T: TryInto<u64>>(n: T) -> u64 {
    n.try_into().unwrap_or(u64::MAX)
}

/// `Tally` for a struct of counts: its fields, listed once (a field renamed or gone does not
/// compile).
macro_rules! tally {
    ($t:ty { $($f:ident),* $(,)? }) => {
        impl Tally for $t {
            fn add_up(&mut self, o: &Self) {
                $( self.$f = self.$f.saturating_add(o.$f); )*
            }
            fn named(&self) -> Vec<(&'static str, u64)> {
                vec![$( (stringify!($f), wide(self.$f)) ),*]
            }
        }
    };
}

tally!(Changes {
    isolating_new,
    isolating_ended,
    resumed,
    verified
});
tally!(FollowUps {
    due,
    reached,
    calls,
    visits
});
tally!(CompanyCounts {
    total,
    resumed,
    employees,
    on_site,
    observing,
    observation_ending
});
tally!(Questions {
    resumption,
    policy,
    supplies,
    other
});
tally!(Returnees {
    returned,
    returned_today,
    observing,
    observation_ending,
    readings_due,
    readings_missing,
    fever,
    over_cap
});
tally!(InspectionCounts { due, done });

impl Tally for Counts {
    fn add_up(&mut self, o: &Self) {
        self.units = self.units.saturating_add(o.units);
        for (a, b) in self.by_status.iter_mut().zip(o.by_status) {
            *a = a.saturating_add(b);
        }
        self.live_work = self.live_work.saturating_add(o.live_work);
    }

    fn named(&self) -> Vec<(&'static str, u64)> {
        let mut out = vec![("units", self.units as u64)];
        out.extend(Status::ALL.map(|s| (s.key(), self.get(s) as u64)));
        out.push(("live-work", self.live_work as u64));
        out
    }
}

impl Figures {
    /// Adds another station's figures; a sum never wraps.
    pub fn add(&mut self, o: &Figures) {
        self.total.add_up(&o.total);
        self.changes.add_up(&o.changes);
        self.follow_ups.add_up(&o.follow_ups);
        self.companies.add_up(&o.companies);
        self.questions.add_up(&o.questions);
        self.returnees.add_up(&o.returnees);
        self.inspection.add_up(&o.inspection);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_add_up_field_by_field_and_never_wrap() {
        let mut a = Figures::default();
        a.changes.isolating_new = 2;
        a.companies.employees = u64::MAX - 1;
        a.total.units = 5;
        a.total.by_status[Status::Isolating.index()] = 1;
        let b = a;
        a.add(&b);
        assert_eq!(a.changes.isolating_new, 4);
        assert_eq!(a.companies.employees, u64::MAX, "saturates, never wraps");
        assert_eq!((a.total.units, a.total.get(Status::Isolating)), (10, 2));
        let names: Vec<&str> = a.changes.named().into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            names,
            ["isolating_new", "isolating_ended", "resumed", "verified"]
        );
        assert!(a.total.named().contains(&("live-work", 0)));
    }

    #[test]
    fn rates_are_worked_out_from_the_counts() {
        let c = CompanyCounts {
            total: 4,
            resumed: 1,
            employees: 0,
            ..Default::default()
        };
        assert_eq!((c.resumption_rate(), c.on_site_rate()), (0.25, 0.0));
    }
}
