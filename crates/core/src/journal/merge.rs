//! Two sides of a day's journal made one: every entry line of both, each once. Git's union merge
//! kept both copies of a line that both sides had gained from a third clone (five clones syncing
//! through a remote that came and went made 129 lines of 125 entries); here a line is kept once
//! whatever way it came. The journal is only appended to, so nothing else can differ. Pure.

use std::collections::HashSet;

/// `ours`, then what `theirs` gained since `base` and `ours` does not hold, in their order; a
/// base line one side took out (a duplicate mended by hand) stays out.
pub fn merge_lines(base: &str, ours: &str, theirs: &str) -> String {
    let lines = |t: &str| -> Vec<String> {
        t.split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let (base, ours, theirs) = (lines(base), lines(ours), lines(theirs));
    let in_base: HashSet<&String> = base.iter().collect();
    let mut seen: HashSet<&String> = HashSet::new();
    let mut out: Vec<&String> = Vec::new();
    for l in &ours {
        if seen.insert(l) {
            out.push(l);
        }
    }
    for l in &theirs {
        if !in_base.contains(l) && seen.insert(l) {
            out.push(l);
        }
    }
    let mut text: String = out.iter().map(|l| format!("{l}\n")).collect();
    if text.is_empty() {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_both_sides_gained_is_kept_once() {
        let base = "a\n";
        let ours = "a\nx\ny\n";
        let theirs = "a\ny\nz\n";
        assert_eq!(merge_lines(base, ours, theirs), "a\nx\ny\nz\n");
    }

    #[test]
    fn a_duplicate_already_there_is_dropped_and_a_mended_one_stays_mended() {
        assert_eq!(merge_lines("", "a\na\n", "a\nb\n"), "a\nb\n");
        // ours took out the second copy of `a` that base had
        assert_eq!(
            merge_lines("a\na\nb\n", "a\nb\n", "a\na\nb\nc\n"),
            "a\nb\nc\n"
        );
    }

    #[test]
    fn merging_is_the_same_whichever_side_is_ours_up_to_order() {
        let (base, ours, theirs) = ("a\n", "a\nb\nc\n", "a\nc\nd\n");
        let mut one: Vec<String> = merge_lines(base, ours, theirs)
            .lines()
            .map(String::from)
            .collect();
        let mut two: Vec<String> = merge_lines(base, theirs, ours)
            .lines()
            .map(String::from)
            .collect();
        one.sort();
        two.sort();
        assert_eq!(one, two);
    }
}
