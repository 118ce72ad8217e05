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
    /// One allocation per building, shared by every day that saw it.
    pub id: Arc<str>,
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
        .binary_search_by(|s| (*s.id).cmp(id))
        .ok()
        .map(|i| &day.buildings[i])
        .or_else(|| day.buildings.iter().find(|s| &*s.name == name));
    // before the first commit, or before a shallow clone's history, there are no figures: a day
    // with nothing recorded is not a day of zeros
    let unseen = matches!(day.basis, Basis::Unseen | Basis::Nothing);
    match found {
        Some(s) => Row {
            date: day.date,
            counts: s.counts,
            unreadable: if s.counts.is_none() {
                vec![s.id.to_string()]
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
            None => unreadable.push(s.id.to_string()),
        }
    }
    Row {
        date: day.date,
        counts: (!matches!(day.basis, Basis::Unseen | Basis::Nothing)).then_some(c),
        unreadable,
        absent: false,
    }
}

/// A sparkline of one figure per day, from 0 at the bottom to the largest figure at the top (the
/// scale the screen states), so 29 → 28 reads as the small step it is, not full → empty; zero is
/// the lowest bar, any figure above zero at least the second; a blank where the figure cannot be
/// told.
pub fn spark(values: &[Option<usize>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().flatten().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(0) => BARS[0],
            Some(v) => BARS[1 + (v * 6 / max).min(6)],
        })
        .collect()
}

/// The counts of a new version of a building file from the old version's, when the two differ
/// only in unit lines (same number of lines, each differing line one unit with the same label,
/// under `[units]`): each such line's old record is taken out and its new one put in. `None` when
/// anything else differs; the caller then reads the whole file. The same answer as reading it,
/// at the cost of the changed lines.
pub fn delta(old: &[u8], new: &[u8], counts: &Counts) -> Option<Counts> {
    // the same bytes: the same counts (an edit that set what was there writes nothing)
    if old == new {
        return Some(*counts);
    }
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
    fn sparks_start_at_zero_and_leave_gaps_blank() {
        assert_eq!(spark(&[Some(0), Some(4), Some(8), None]), "▁▅█ ");
        // 29 → 28 is a small step near the top, not full → empty
        assert_eq!(spark(&[Some(29), Some(28)]), "█▇");
        assert_eq!(spark(&[Some(30), Some(15), Some(1)]), "█▅▂");
        assert_eq!(spark(&[Some(7), Some(7)]), "██");
        assert_eq!(spark(&[Some(0), Some(0)]), "▁▁");
    }

    #[test]
    fn a_day_before_the_first_commit_has_no_figures_not_zeros() {
        let d = Day {
            date: "2026-11-01".parse().unwrap(),
            basis: Basis::Nothing,
            buildings: Vec::new(),
        };
        assert_eq!(total_row(&d).counts, None);
        let r = building_row(&d, "a", "A");
        assert_eq!((r.counts, r.absent), (None, false));
    }
}
