//! The six unit statuses and their names in files, in English and in Chinese. Pure.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    Healthy,
    Isolating,
    NotResumed,
    Resumed,
    Vacant,
    #[default]
    Unknown,
}

impl Status {
    /// In legend order; also the order of the number keys 1..5 then 0.
    pub const ALL: [Status; 6] = [
        Status::Healthy,
        Status::Isolating,
        Status::NotResumed,
        Status::Resumed,
        Status::Vacant,
        Status::Unknown,
    ];

    /// The key used in building files and on the English interface.
    pub fn key(self) -> &'static str {
        match self {
            Status::Healthy => "healthy",
            Status::Isolating => "isolating",
            Status::NotResumed => "not-resumed",
            Status::Resumed => "resumed",
            Status::Vacant => "vacant",
            Status::Unknown => "unknown",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Status::Healthy => "健康住户",
            Status::Isolating => "居家隔离",
            Status::NotResumed => "未复工",
            Status::Resumed => "已复工",
            Status::Vacant => "空置",
            Status::Unknown => "待核实",
        }
    }

    /// One ASCII character per status, so the map reads without colour. ASCII on purpose:
    /// ambiguous-width symbols are drawn two columns wide by many Chinese-locale terminals.
    pub fn glyph(self) -> char {
        match self {
            Status::Healthy => 'o',
            Status::Isolating => 'X',
            Status::NotResumed => '-',
            Status::Resumed => '+',
            Status::Vacant => '_',
            Status::Unknown => '?',
        }
    }

    /// Households and companies are counted apart in the legend.
    pub fn is_household(self) -> bool {
        matches!(self, Status::Healthy | Status::Isolating)
    }

    pub fn is_company(self) -> bool {
        matches!(self, Status::NotResumed | Status::Resumed)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Accepts the file key, the Chinese name, or an unambiguous English spelling variant.
    pub fn parse(text: &str) -> Option<Status> {
        // the common case, a file key, without allocating
        if let Some(s) = Status::ALL.into_iter().find(|s| s.key() == text) {
            return Some(s);
        }
        let t = text.trim();
        Status::ALL.into_iter().find(|s| {
            s.key().eq_ignore_ascii_case(t)
                || s.zh() == t
                || s.key().replace('-', "_").eq_ignore_ascii_case(t)
                || s.key().replace('-', "").eq_ignore_ascii_case(t)
        })
    }

    /// The valid status closest to a misspelling, for "did you mean" hints.
    pub fn nearest(text: &str) -> Status {
        let t = text.to_lowercase();
        Status::ALL
            .into_iter()
            .min_by_key(|s| edit_distance(&t, s.key()).min(edit_distance(&t, s.zh())))
            .unwrap_or(Status::Unknown)
    }

    /// "healthy, isolating, …" for error messages.
    pub fn all_keys() -> String {
        Status::ALL
            .iter()
            .map(|s| format!("{} ({})", s.key(), s.zh()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Levenshtein distance over chars; inputs are a few characters long.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_chinese_names() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()), Some(s));
            assert_eq!(Status::parse(s.zh()), Some(s));
        }
        assert_eq!(Status::parse("not_resumed"), Some(Status::NotResumed));
        assert_eq!(Status::parse("recovered"), None);
    }

    #[test]
    fn suggests_the_nearest() {
        assert_eq!(Status::nearest("isolatng"), Status::Isolating);
        assert_eq!(Status::nearest("vacnt"), Status::Vacant);
        assert_eq!(Status::nearest("resume"), Status::Resumed);
    }

    #[test]
    fn glyphs_are_distinct_ascii() {
        let mut g: Vec<char> = Status::ALL.iter().map(|s| s.glyph()).collect();
        assert!(g.iter().all(|c| c.is_ascii()));
        g.sort();
        g.dedup();
        assert_eq!(g.len(), 6);
    }
}
