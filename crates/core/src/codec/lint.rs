//! Findings that do not stop loupan reading a file but break a promise of the format. A unit
//! spread over several lines (a hand edit, another tool, a pasted line break) no longer shows in
//! `git diff` as one changed line, nor merges as one. Pure.

use super::read::Spans;
use super::{Problem, position};
use crate::model::Building;
use crate::tr;

/// Every unit whose value spans more than one line, located at its line.
pub fn lint(text: &str, b: &Building, spans: &Spans) -> Vec<Problem> {
    let mut out = Vec::new();
    for (u, span) in b.units.iter().zip(spans) {
        let Some(span) = span else { continue };
        let Some(value) = text.get(span.clone()) else {
            continue;
        };
        let lines = value.matches('\n').count() + 1;
        if lines > 1 {
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let (line, col) = position(text, line_start);
            let label = crate::display::inline(&u.label);
            out.push(Problem::error(
                line,
                col,
                tr!(
                    "unit {label} spans {lines} lines; keep each unit on one line so that git diffs and merges it as one (`loupan fmt` does it)",
                    "单元 {label} 占了 {lines} 行；每个单元只能占一行，git 才能逐行比较和合并（`loupan fmt` 可自动整理）"
                ),
            ));
        }
    }
    out
}
