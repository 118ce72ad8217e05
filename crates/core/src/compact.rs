//! How a unit's dates and rarely set fields are held in memory. A city holds a million units, so
//! every byte of `Unit` is a megabyte: dates take 4 bytes with "not set" folded in (jiff's
//! `Option<Date>` takes 6, and three of them push a unit past a word), and the two things few units
//! have — the ledger that last confirmed it and keys loupan does not know — share one pointer. Pure.

use super::fields::KeyText;
use super::text::SmallStr;
use jiff::civil::Date;
use std::fmt;

/// An optional date in 3 bytes, aligned to 1: year, month and day packed into 24 bits (year + 10,000
/// in 15, month in 4, day in 5), zero for "not set" (the day is never zero). Every date jiff can
/// hold fits (years −9999 to 9999). Three of them and a count fit where jiff's `Option<Date>`
/// would take 18 bytes and push a unit past a word.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct OptDate([u8; 3]);

impl OptDate {
    pub const NONE: OptDate = OptDate([0; 3]);

    pub fn get(self) -> Option<Date> {
        let [a, b, c] = self.0;
        let w = u32::from_le_bytes([a, b, c, 0]);
        if w == 0 {
            return None;
        }
        let year = (w >> 9) as i32 - 10_000;
        let (month, day) = ((w >> 5) & 0xf, w & 0x1f);
        // only ever packed from a valid date, so this always succeeds
        Date::new(year as i16, month as i8, day as i8).ok()
    }

    pub fn is_some(self) -> bool {
        self != OptDate::NONE
    }
}

impl From<Option<Date>> for OptDate {
    fn from(d: Option<Date>) -> OptDate {
        d.map_or(OptDate::NONE, |d| {
            let year = (i32::from(d.year()) + 10_000) as u32;
            let w = year << 9 | (d.month() as u32) << 5 | d.day() as u32;
            let [a, b, c, _] = w.to_le_bytes();
            OptDate([a, b, c])
        })
    }
}

impl From<Date> for OptDate {
    fn from(d: Date) -> OptDate {
        Some(d).into()
    }
}

/// An optional count in 5 bytes, aligned to 1 (`Option<u32>` takes 8, aligned to 4): every `u32`
/// and "not set". With three [`OptDate`]s it keeps a unit's record within six words.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct OptCount {
    n: [u8; 4],
    set: bool,
}

impl OptCount {
    pub const NONE: OptCount = OptCount {
        n: [0; 4],
        set: false,
    };

    pub fn get(self) -> Option<u32> {
        self.set.then(|| u32::from_le_bytes(self.n))
    }
}

impl From<Option<u32>> for OptCount {
    fn from(n: Option<u32>) -> OptCount {
        n.map_or(OptCount::NONE, |n| OptCount {
            n: n.to_le_bytes(),
            set: true,
        })
    }
}

impl From<u32> for OptCount {
    fn from(n: u32) -> OptCount {
        Some(n).into()
    }
}

impl PartialEq<Option<u32>> for OptCount {
    fn eq(&self, o: &Option<u32>) -> bool {
        self.get() == *o
    }
}

impl fmt::Debug for OptCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

impl fmt::Debug for OptDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

/// The ledger that last confirmed a unit (`source`) and the keys loupan does not know (as their
/// TOML source text, so they survive every save), behind one pointer: most units have neither.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rare(Option<Box<Parts>>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Parts {
    source: Option<SmallStr>,
    extra: Box<[KeyText]>,
}

impl Rare {
    pub fn source(&self) -> Option<&SmallStr> {
        self.0.as_ref()?.source.as_ref()
    }

    pub fn extra(&self) -> &[KeyText] {
        self.0.as_ref().map_or(&[], |p| &p.extra)
    }

    pub fn set_source(&mut self, source: Option<SmallStr>) {
        let extra = self.take_extra();
        *self = Rare::of(source, extra);
    }

    pub fn set_extra(&mut self, extra: Box<[KeyText]>) {
        let source = self.0.as_mut().and_then(|p| p.source.take());
        *self = Rare::of(source, extra);
    }

    fn take_extra(&mut self) -> Box<[KeyText]> {
        self.0
            .as_mut()
            .map(|p| std::mem::take(&mut p.extra))
            .unwrap_or_default()
    }

    fn of(source: Option<SmallStr>, extra: Box<[KeyText]>) -> Rare {
        Rare((source.is_some() || !extra.is_empty()).then(|| Box::new(Parts { source, extra })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_date_round_trips_in_three_bytes() {
        assert_eq!(std::mem::size_of::<OptDate>(), 3);
        assert_eq!(OptDate::default().get(), None);
        let mut d = Date::MIN;
        let mut seen = 0;
        // every 97th day from the first to the last date jiff knows, and both ends
        while d < Date::MAX {
            assert_eq!(OptDate::from(d).get(), Some(d));
            d = d
                .checked_add(jiff::Span::new().days(97))
                .unwrap_or(Date::MAX);
            seen += 1;
        }
        assert!(seen > 70_000);
        assert_eq!(OptDate::from(Date::MAX).get(), Some(Date::MAX));
        let leap = jiff::civil::date(2024, 2, 29);
        assert_eq!(OptDate::from(leap).get(), Some(leap));
    }

    #[test]
    fn every_count_round_trips_in_five_bytes() {
        assert_eq!(std::mem::size_of::<OptCount>(), 5);
        assert_eq!(std::mem::align_of::<OptCount>(), 1);
        assert_eq!(OptCount::default().get(), None);
        for n in [0, 1, 255, 256, 65_536, u32::MAX - 1, u32::MAX] {
            assert_eq!(OptCount::from(n).get(), Some(n));
            assert_eq!(OptCount::from(n), Some(n));
        }
        assert_ne!(
            OptCount::from(0),
            OptCount::NONE,
            "zero is a count, not \"not set\""
        );
    }

    #[test]
    fn source_and_extra_are_kept_apart() {
        let mut r = Rare::default();
        assert_eq!((r.source(), r.extra()), (None, &[][..]));
        r.set_extra(vec![("pets".into(), "2".into())].into());
        r.set_source(Some("物业底账".into()));
        assert_eq!(r.source().map(|s| &**s), Some("物业底账"));
        assert_eq!(r.extra().len(), 1);
        r.set_extra(Box::default());
        assert_eq!(r.source().map(|s| &**s), Some("物业底账"));
        r.set_source(None);
        assert_eq!(r, Rare::default(), "nothing left, nothing allocated");
    }
}
