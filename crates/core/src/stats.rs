//! Counts per status and live-work, per building and in total. Pure.

use super::model::Building;
use super::status::Status;
use serde::Serialize;

/// `stats --format json`: the total and one row per building.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Buildings that could not be read: named, counted nowhere (docs/spec.md §7).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<super::report::Unread>,
    pub total: Counts,
    pub buildings: Vec<BuildingCounts>,
    /// The companies filed at the buildings read (docs/spec.md §11).
    pub companies: super::report::CompanyFigures,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BuildingCounts {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub counts: Counts,
}

impl Summary {
    /// The rows, and their total.
    pub fn of(buildings: Vec<BuildingCounts>) -> Summary {
        let mut total = Counts::default();
        for b in &buildings {
            total.merge(&b.counts);
        }
        Summary {
            unread: Vec::new(),
            total,
            buildings,
            companies: Default::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub units: usize,
    pub by_status: [usize; 6],
    pub live_work: usize,
}

impl Counts {
    pub fn of(b: &Building) -> Counts {
        let mut c = Counts::default();
        for u in &b.units {
            c.add(&u.record);
        }
        c
    }

    pub fn add(&mut self, r: &super::model::Record) {
        self.add_one(r.status, r.live_work);
    }

    pub fn add_one(&mut self, status: Status, live_work: bool) {
        self.units += 1;
        self.by_status[status.index()] += 1;
        self.live_work += usize::from(live_work);
    }

    /// Takes a unit's record out (its building changed it): the reverse of `add`.
    pub fn remove(&mut self, r: &super::model::Record) {
        self.units = self.units.saturating_sub(1);
        let i = r.status.index();
        self.by_status[i] = self.by_status[i].saturating_sub(1);
        self.live_work = self.live_work.saturating_sub(usize::from(r.live_work));
    }

    pub fn get(&self, s: Status) -> usize {
        self.by_status[s.index()]
    }

    pub fn merge(&mut self, o: &Counts) {
        self.units += o.units;
        for i in 0..6 {
            self.by_status[i] += o.by_status[i];
        }
        self.live_work += o.live_work;
    }

    /// Share of units no longer unknown, 0..=100.
    pub fn verified_percent(&self) -> usize {
        if self.units == 0 {
            return 100;
        }
        (self.units - self.get(Status::Unknown)) * 100 / self.units
    }
}
