//! How a unit's dates and rarely set fields are held in memory. A city holds a million units, so
//! every byte of `Unit` is a megabyte: dates take 4 bytes with "not set" folded in (jiff's
//! `Option<Date>` takes 6, and three of them push a unit past a word), and the two things few units
//! have — the ledger that last confirmed it and keys loupan does not know — share one pointer. Pure.

use super::fields::KeyText;
use super::text::SmallStr;
use jiff::civil::Date;
use std::fmt;
use std::num::NonZeroU32;

/// An optional date in 4 bytes: year, month and day packed into a non-zero word (the day is never
/// zero), so that "not set" costs nothing. Every date jiff can hold fits (years −9999 to 9999).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct OptDate(Option<NonZeroU32>);

impl OptDate {
    pub const NONE: OptDate = OptDate(None);

    pub fn get(self) -> Option<Date> {
        let w = self.0?.get();
        let year = (w >> 9) as i32 - 10_000;
        let (month, day) = ((w >> 5) & 0xf, w & 0x1f);
        // only ever packed from a valid date, so this always succeeds
        Date::new(year as i16, month as i8, day as i8).ok()
    }

    pub fn is_some(self) -> bool {
        self.0.is_some()
    }
}

impl From<Option<Date>> for OptDate {
    fn from(d: Option<Date>) -> OptDate {
        OptDate(d.and_then(|d| {
            let year = (i32::from(d.year()) + 10_000) as u32;
            NonZeroU32::new(year << 9 | (d.month() as u32) << 5 | d.day() as u32)
        }))
    }
}

impl From<Date> for OptDate {
    fn from(d: Date) -> OptDate {
        Some(d).into()
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
    fn every_date_round_trips_in_four_bytes() {
        assert_eq!(std::mem::size_of::<OptDate>(), 4);
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
