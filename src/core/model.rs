//! Buildings, floors and units as loupan holds them in memory: compact, no parsed documents. Pure.

use super::status::Status;
use super::text::SmallStr;
use jiff::civil::Date;

/// Everything the file says about one unit. `extra` keeps keys loupan does not know, as their TOML
/// source text, so they survive every save.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Record {
    pub status: Status,
    pub live_work: bool,
    pub name: Option<SmallStr>,
    pub people: Option<u32>,
    pub contact: Option<SmallStr>,
    pub note: Option<SmallStr>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub checked: Option<Date>,
    pub extra: Box<[(Box<str>, Box<str>)]>,
}

impl Record {
    pub fn with_status(status: Status) -> Record {
        Record {
            status,
            ..Record::default()
        }
    }

    /// Fields that differ, by their file names, for review lists and merge messages.
    pub fn changed_fields(&self, other: &Record) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.status != other.status {
            out.push("status");
        }
        if self.live_work != other.live_work {
            out.push("live-work");
        }
        if self.name != other.name {
            out.push("name");
        }
        if self.people != other.people {
            out.push("people");
        }
        if self.contact != other.contact {
            out.push("contact");
        }
        if self.note != other.note {
            out.push("note");
        }
        if self.since != other.since {
            out.push("since");
        }
        if self.until != other.until {
            out.push("until");
        }
        if self.checked != other.checked {
            out.push("checked");
        }
        if self.extra != other.extra {
            out.push("other fields");
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub label: SmallStr,
    pub record: Record,
}

/// One floor: its label and the range of its units in `Building::units`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Floor {
    pub label: Box<str>,
    pub start: usize,
    pub len: usize,
}

/// A building in layout order: floors top first, units of a floor left to right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Building {
    pub id: String,
    pub name: String,
    pub floors: Vec<Floor>,
    pub units: Vec<Unit>,
}

impl Building {
    pub fn floor_units(&self, floor: usize) -> &[Unit] {
        let f = &self.floors[floor];
        &self.units[f.start..f.start + f.len]
    }

    /// Position of a unit by label; a linear scan, since a building holds at most a few thousand.
    pub fn find(&self, label: &str) -> Option<usize> {
        self.units.iter().position(|u| &*u.label == label)
    }

    /// (floor index, index within the floor) of a unit index.
    pub fn locate(&self, unit: usize) -> (usize, usize) {
        let f = self
            .floors
            .partition_point(|f| f.start + f.len <= unit)
            .min(self.floors.len().saturating_sub(1));
        (f, unit - self.floors[f].start)
    }

    pub fn floor_label_of(&self, unit: usize) -> &str {
        &self.floors[self.locate(unit).0].label
    }

    pub fn widest_floor(&self) -> usize {
        self.floors.iter().map(|f| f.len).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A city holds a million units: their size is the memory budget (BENCHMARKS.md).
    #[test]
    fn a_unit_stays_compact() {
        assert!(
            std::mem::size_of::<Unit>() <= 112,
            "{}",
            std::mem::size_of::<Unit>()
        );
    }

    #[test]
    fn locate_and_find() {
        let text = crate::core::codec::new_building_text("t", 3, 2);
        let b = crate::core::codec::parse("t", text.as_bytes()).unwrap();
        assert_eq!(b.find("201"), Some(2));
        assert_eq!(b.locate(2), (1, 0));
        assert_eq!(b.locate(5), (2, 1));
        assert_eq!(b.floor_label_of(5), "1");
        assert_eq!(b.find("999"), None);
    }
}
