//! The isolation rule (docs/spec.md §6), in one place: an isolation lasts 14 days counting its first —
//! `since` is day 1, `until` the last day (day 14 of 14) — and one set without a start starts
//! today. The status key, the detail form, `set` and the ledger import set isolations through
//! here; Today, the detail panel and `check` read their days from here. Pure.

use super::edit::Patch;
use super::fields::{Field, Record, Value};
use super::i18n::Text;
use super::input;
use super::status::Status;
use jiff::civil::Date;

/// Days an isolation lasts when nothing else is recorded, its first day counted.
pub const DAYS: i64 = 14;

/// The last day of an isolation that starts on `since`: day 14 of 14.
pub fn default_end(since: Date) -> Option<Date> {
    since.checked_add(jiff::Span::new().days(DAYS - 1)).ok()
}

/// The day an isolation ends: its `until`, else the default end counted from its start.
pub fn end(r: &Record) -> Option<Date> {
    r.until.get().or_else(|| default_end(r.since.get()?))
}

/// How long the isolation lasts, first to last day (14 unless `until` says otherwise).
pub fn length(r: &Record) -> Option<i32> {
    let (since, end) = (r.since.get()?, end(r)?);
    Some((end - since).get_days() + 1)
}

/// The day of an isolation on `today`, 1 on its first day.
pub fn day(r: &Record, today: Date) -> Option<i32> {
    r.since.get().map(|s| (today - s).get_days() + 1)
}

/// `until` as typed: `+N` counts N days from `since`, its first day being day 1 (since 12-01,
/// `+14` → 12-14, as the status key's 14 days); without a start, and for anything else (`-3`,
/// 今天, a date), the date as `input::parse_date` reads it, relative to today.
pub fn parse_until(text: &str, since: Option<Date>, today: Date) -> Result<Value, Text> {
    let t = input::halfwidth(text.trim());
    if let (Some(since), Some(n)) = (
        since,
        t.strip_prefix('+').and_then(|n| n.parse::<i64>().ok()),
    ) && (1..=3660).contains(&n)
    {
        let end = since.checked_add(jiff::Span::new().days(n - 1)).ok();
        return Ok(Value::Date(end));
    }
    Field::Until.parse(text, today)
}

/// Whether a typed date is relative (`+14`, `-3`, 今天, tomorrow…) rather than written out, so
/// the form shows the date it resolves to beside it.
pub fn is_relative(text: &str) -> bool {
    let t = input::halfwidth(text.trim());
    !t.is_empty() && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Whether setting `to` on a unit that was `from` starts an isolation.
pub fn starts(from: Option<Status>, to: Status) -> bool {
    to == Status::Isolating && from != Some(Status::Isolating)
}

/// Adds to a patch that sets a status what the rule adds: an isolation that starts here starts
/// `today` unless the patch or the record already gives a start.
pub fn start_in(patch: &mut Patch, before: Option<&Record>, today: Date) {
    let Some(Value::Status(to)) = patch.get(Field::Status).cloned() else {
        return;
    };
    if starts(before.map(|r| r.status), to) && patch.get(Field::Since).is_none() {
        patch.default_to(Field::Since, Value::Date(Some(today)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn fourteen_days_counting_the_first() {
        assert_eq!(default_end(d("2026-12-01")), Some(d("2026-12-14")));
        let r = Record {
            since: Some(d("2026-12-01")).into(),
            ..Record::with_status(Status::Isolating)
        };
        assert_eq!(end(&r), Some(d("2026-12-14")));
        assert_eq!(length(&r), Some(14));
        assert_eq!(day(&r, d("2026-12-01")), Some(1));
        assert_eq!(day(&r, d("2026-12-14")), Some(14));
        let longer = Record {
            until: Some(d("2026-12-20")).into(),
            ..r
        };
        assert_eq!(length(&longer), Some(20));
    }

    #[test]
    fn plus_n_for_the_end_counts_from_the_start() {
        let today = d("2026-12-05");
        let end = |t: &str, since| parse_until(t, since, today).unwrap();
        // +14 from a start is the status key's 14 days: day 14 of 14
        assert_eq!(
            end("+14", Some(d("2026-12-01"))),
            Value::Date(Some(d("2026-12-14")))
        );
        assert_eq!(
            end("＋14", Some(d("2026-12-01"))),
            Value::Date(Some(d("2026-12-14")))
        );
        // no start: relative to today, as any date typed
        assert_eq!(end("+14", None), Value::Date(Some(d("2026-12-19"))));
        assert_eq!(
            end("-1", Some(d("2026-12-01"))),
            Value::Date(Some(d("2026-12-04")))
        );
        assert_eq!(
            end("2026-12-20", Some(d("2026-12-01"))),
            Value::Date(Some(d("2026-12-20")))
        );
        let r = Record {
            since: Some(today).into(),
            until: match end("+14", Some(today)) {
                Value::Date(x) => x.into(),
                _ => unreachable!(),
            },
            ..Record::with_status(Status::Isolating)
        };
        assert_eq!(length(&r), Some(14), "day 1 of 14, not of 15");
        assert!(is_relative("+14") && is_relative("今天") && !is_relative("2026-12-14"));
    }

    #[test]
    fn an_isolation_set_without_a_start_starts_today() {
        let today = d("2026-12-05");
        let set = |before: Option<&Record>| {
            let mut p = Patch::one(Field::Status, Value::Status(Status::Isolating));
            start_in(&mut p, before, today);
            p.apply(before.unwrap_or(&Record::default()))
        };
        assert_eq!(set(None).since.get(), Some(today));
        let healthy = Record::with_status(Status::Healthy);
        assert_eq!(set(Some(&healthy)).since.get(), Some(today));
        // already isolating: the start it has stays
        let isolating = Record {
            since: Some(d("2026-11-30")).into(),
            ..Record::with_status(Status::Isolating)
        };
        assert_eq!(set(Some(&isolating)).since.get(), Some(d("2026-11-30")));
        // a start that is given wins
        let mut p = Patch::one(Field::Status, Value::Status(Status::Isolating))
            .with(Field::Since, Value::Date(Some(d("2026-12-01"))));
        start_in(&mut p, Some(&healthy), today);
        assert_eq!(p.apply(&healthy).since.get(), Some(d("2026-12-01")));
        // another status starts nothing
        let mut p = Patch::one(Field::Status, Value::Status(Status::Vacant));
        start_in(&mut p, None, today);
        assert_eq!(p.apply(&healthy).since.get(), None);
    }
}
