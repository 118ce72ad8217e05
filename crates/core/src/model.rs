//! Buildings, floors and units as loupan holds them in memory: compact, no parsed documents. Pure.

pub use super::fields::Record;
use super::text::SmallStr;

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
    /// Columns of the widest unit label and of the widest floor label, as shown: the grid sizes
    /// its cells by them on every frame, so they are measured once, when the layout is read.
    pub label_width: u16,
    pub floor_width: u16,
    /// The companies filed at the building (`[companies]`), in file order.
    pub companies: Vec<crate::company::Company>,
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
            std::mem::size_of::<Unit>() <= 56,
            "{}",
            std::mem::size_of::<Unit>()
        );
    }

    #[test]
    fn locate_and_find() {
        let text = crate::codec::new_building_text("t", 3, 2);
        let b = crate::codec::parse("t", text.as_bytes()).unwrap();
        assert_eq!(b.find("201"), Some(2));
        assert_eq!(b.locate(2), (1, 0));
        assert_eq!(b.locate(5), (2, 1));
        assert_eq!(b.floor_label_of(5), "1");
        assert_eq!(b.find("999"), None);
    }
}
