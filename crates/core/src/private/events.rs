//! The endings the private store dates, whichever way they happened. A save dates them as it
//! makes them ([`super::set_unit_from`]); an ending that arrived in the shared file from
//! elsewhere — a merge from another laptop, a file restored by hand — is found here by comparing
//! what the private store last saw with the shared file, and dated by the commit that made it
//! when the history tells, else the day it is first seen. Pure: the history is asked through
//! `dated`.

use super::{Isolation, Private};
use crate::model::Building;
use crate::status::Status;
use jiff::civil::Date;

/// An ending the history is asked to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The unit stopped being isolating.
    Isolation,
    /// The unit became vacant.
    Vacancy,
}

/// The private part with every ending the shared building shows dated: an isolation seen
/// isolating (or whose record still carries its dates) that no longer is, a vacancy without its
/// day. `dated(unit, ending)` is the day of the commit that made it, if the history tells.
pub fn date_endings(
    b: &Building,
    p: &Private,
    today: Date,
    mut dated: impl FnMut(&str, Ending) -> Option<Date>,
) -> Private {
    let mut out = p.clone();
    for u in &b.units {
        let Some(v) = out.units.get_mut(u.label.as_str()) else {
            continue;
        };
        let rec = &u.record;
        let had_dates = rec.since.get().is_some() || rec.until.get().is_some();
        v.isolation = match v.isolation {
            _ if rec.status == Status::Isolating => Isolation::Open,
            Isolation::Open => ended(&mut dated, u.label.as_str(), today),
            Isolation::None if had_dates => ended(&mut dated, u.label.as_str(), today),
            kept => kept,
        };
        v.vacant_since = match v.vacant_since {
            _ if rec.status != Status::Vacant => None,
            Some(d) => Some(d),
            None => Some(dated(u.label.as_str(), Ending::Vacancy).unwrap_or(today)),
        };
    }
    out
}

fn ended(
    dated: &mut impl FnMut(&str, Ending) -> Option<Date>,
    unit: &str,
    today: Date,
) -> Isolation {
    Isolation::Ended(dated(unit, Ending::Isolation).unwrap_or(today))
}
