//! Counts through the days: what each day's row stands on, one building's or the district's
//! counts per day, and the sparkline the map draws. Pure: the store reads git and fills `Day`s.

use super::stats::Counts;
use jiff::civil::Date;
use std::sync::Arc;

/// What a day's row stands on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The last commit of the day.
    Commit(String),
    /// Today: the files as they are now.
    WorkTree,
    /// Before the first commit: nothing was recorded yet.
    Nothing,
    /// Before what a shallow clone can see.
    Unseen,
}

impl Basis {
    pub fn key(&self) -> &'static str {
        match self {
            Basis::Commit(_) => "commit",
            Basis::WorkTree => "working-tree",
            Basis::Nothing => "nothing-recorded",
            Basis::Unseen => "beyond-shallow-clone",
        }
    }
}

/// One building on one day: its name and counts, or `None` when its file did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub id: String,
    pub name: Arc<str>,
    pub counts: Option<Counts>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    pub basis: Basis,
    /// In id order.
    pub buildings: Vec<Seen>,
}

/// A row of the trend: the counts (`None` when they cannot be told), and the buildings whose
/// files did not parse that day (left out of the counts, never guessed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub date: Date,
    pub counts: Option<Counts>,
    pub unreadable: Vec<String>,
    /// The building was not in the chart that day (one building's trend only).
    pub absent: bool,
}

/// The days before `today`, `n` of them ending with it, oldest first.
pub fn window(today: Date, n: usize) -> Vec<Date> {
    (0..n)
        .rev()
        .filter_map(|k| today.checked_sub(jiff::Span::new().days(k as i64)).ok())
        .collect()
}

/// A building's row, found by id (a day's buildings are in id order: the map asks this for every
/// row it draws), or by its name when the file was renamed since.
pub fn building_row(day: &Day, id: &str, name: &str) -> Row {
    let found = day
        .buildings
        .binary_search_by(|s| s.id.as_str().cmp(id))
        .ok()
        .map(|i| &day.buildings[i])
        .or_else(|| day.buildings.iter().find(|s| &*s.name == name));
    let unseen = matches!(day.basis, Basis::Unseen);
    match found {
        Some(s) => Row {
            date: day.date,
            counts: s.counts,
            unreadable: if s.counts.is_none() {
                vec![s.id.clone()]
            } else {
                Vec::new()
            },
            absent: false,
        },
        None => Row {
            date: day.date,
            counts: (!unseen).then(Counts::default),
            unreadable: Vec::new(),
            absent: !unseen,
        },
    }
}

/// The district's row: every building that parsed, and the ones that did not named.
pub fn total_row(day: &Day) -> Row {
    let mut c = Counts::default();
    let mut unreadable = Vec::new();
    for s in &day.buildings {
        match &s.counts {
            Some(k) => c.merge(k),
            None => unreadable.push(s.id.clone()),
        }
    }
    Row {
        date: day.date,
        counts: (!matches!(day.basis, Basis::Unseen)).then_some(c),
        unreadable,
        absent: false,
    }
}

/// A sparkline of one figure per day: eight heights from the smallest figure to the largest, so
/// that a change of a few in thousands still shows; a blank where the figure cannot be told. A
/// figure that never changes draws the lowest bar, so "no change" reads as a flat line.
pub fn spark(values: &[Option<usize>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let known = values.iter().flatten().copied();
    let (min, max) = (known.clone().min().unwrap_or(0), known.max().unwrap_or(0));
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if max == min => BARS[0],
            Some(v) => BARS[((v - min) * 7).div_ceil(max - min).min(7)],
        })
        .collect()
}

/// The counts of a new version of a building file from the old version's, when the two differ
/// only in unit lines (same number of lines, each differing line one unit with the same label,
/// under `[units]`): each such line's old record is taken out and its new one put in. `None` when
/// anything else differs; the caller then reads the whole file. The same answer as reading it,
/// at the cost of the changed lines.
pub fn delta(old: &[u8], new: &[u8], counts: &Counts) -> Option<Counts> {
    let mut c = *counts;
    for (_, before, after) in super::codec::changed_records(old, new)? {
        c.remove(&before);
        c.add(&after);
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::Status;

    fn seen(id: &str, name: &str, isolating: Option<usize>) -> Seen {
        Seen {
            id: id.into(),
            name: Arc::from(name),
            counts: isolating.map(|n| {
                let mut c = Counts {
                    units: 10,
                    ..Counts::default()
                };
                c.by_status[Status::Isolating.index()] = n;
                c
            }),
        }
    }

    fn day(d: &str, b: Vec<Seen>) -> Day {
        Day {
            date: d.parse().unwrap(),
            basis: Basis::Commit("x".into()),
            buildings: b,
        }
    }

    #[test]
    fn totals_leave_out_and_name_what_did_not_parse() {
        let r = total_row(&day(
            "2026-11-20",
            vec![seen("a", "A", Some(2)), seen("b", "B", None)],
        ));
        assert_eq!(r.counts.map(|c| c.units), Some(10));
        assert_eq!(r.unreadable, vec!["b".to_string()]);
    }

    #[test]
    fn a_renamed_file_is_followed_by_its_name_and_a_missing_one_is_absent() {
        let d = day("2026-11-20", vec![seen("old", "大厦", Some(3))]);
        let r = building_row(&d, "new", "大厦");
        assert_eq!(r.counts.map(|c| c.get(Status::Isolating)), Some(3));
        let r = building_row(&d, "other", "别处");
        assert!(r.absent && r.counts == Some(Counts::default()));
    }

    #[test]
    fn the_window_ends_today_oldest_first() {
        let w = window("2026-03-01".parse().unwrap(), 3);
        let s: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert_eq!(s, ["2026-02-27", "2026-02-28", "2026-03-01"]);
    }

    #[test]
    fn sparks_span_smallest_to_largest_and_leave_gaps_blank() {
        assert_eq!(spark(&[Some(0), Some(4), Some(8), None]), "▁▅█ ");
        assert_eq!(spark(&[Some(3100), Some(3104), Some(3108)]), "▁▅█");
        assert_eq!(spark(&[Some(7), Some(7)]), "▁▁");
    }
}
