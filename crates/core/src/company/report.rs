//! The company figures and the day's questions, as reports and stats give them. Pure.

use crate::journal::Index;
use crate::model::Building;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The company figures as reports and stats give them (rates as fractions 0–1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct CompanyFigures {
    pub total: usize,
    pub resumed: usize,
    pub resumption_rate: f64,
    pub employees: u64,
    pub on_site: u64,
    pub on_site_rate: f64,
    pub observing: u64,
    pub observation_ending: usize,
}

// the rates are ratios of counts, never NaN
impl Eq for CompanyFigures {}

impl CompanyFigures {
    /// Every company of the buildings, as on `day`.
    pub fn of(buildings: &[Building], day: Date) -> CompanyFigures {
        let mut f = super::Figures::default();
        for b in buildings {
            for c in super::all(b) {
                f.add(&c, day);
            }
        }
        f.into()
    }
}

impl From<super::Figures> for CompanyFigures {
    fn from(f: super::Figures) -> CompanyFigures {
        CompanyFigures {
            total: f.total,
            resumed: f.resumed,
            resumption_rate: f.resumption_rate(),
            employees: f.employees,
            on_site: f.on_site,
            on_site_rate: f.on_site_rate(),
            observing: f.observing,
            observation_ending: f.observation_ending,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Questions {
    pub resumption: usize,
    pub policy: usize,
    pub supplies: usize,
    pub other: usize,
}

impl Questions {
    pub fn of(journal: &Index, day: Date) -> Questions {
        use crate::journal::{Outcome, Topic};
        let mut q = Questions::default();
        for e in journal.day(day) {
            match e.outcome {
                Outcome::Consulted(Topic::Resumption) => q.resumption += 1,
                Outcome::Consulted(Topic::Policy) => q.policy += 1,
                Outcome::Consulted(Topic::Supplies) => q.supplies += 1,
                Outcome::Consulted(Topic::Other) => q.other += 1,
                _ => {}
            }
        }
        q
    }

    pub fn total(&self) -> usize {
        self.resumption + self.policy + self.supplies + self.other
    }
}
