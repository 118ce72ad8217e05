//! Git's conflict markers in a building file, explained unit by unit. Pure.

use super::Problem;
use std::collections::HashMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Git leaves `<<<<<<<`, `=======`, `>>>>>>>` lines when a merge stopped; say which units differ.
pub(super) fn conflict_problems(text: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if !line.starts_with("<<<<<<<") {
            if line.starts_with(">>>>>>>") || line.trim_end() == "=======" {
                out.push(Problem {
                    line: n + 1,
                    col: 1,
                    message: "stray git merge conflict marker; remove it".into(),
                });
            }
            continue;
        }
        let (mut ours, mut theirs, mut in_theirs) = (Vec::new(), Vec::new(), false);
        for (_, l) in lines.by_ref() {
            if l.starts_with(">>>>>>>") {
                break;
            } else if l.starts_with("=======") {
                in_theirs = true;
            } else if l.starts_with("|||||||") {
                // diff3 base section: skip until =======
                in_theirs = false;
                ours.push("\u{0}".to_string());
            } else if in_theirs {
                theirs.push(l.to_string());
            } else if ours.last().is_none_or(|x| x != "\u{0}") {
                ours.push(l.to_string());
            }
        }
        ours.retain(|x| x != "\u{0}");
        let mut message = format!(
            "unresolved git merge conflict at line {}: keep one version of each unit, delete the marker lines, \
             then run `loupan check`",
            n + 1
        );
        for d in describe_conflict(&ours, &theirs) {
            message.push_str("\n    ");
            message.push_str(&d);
        }
        out.push(Problem {
            line: n + 1,
            col: 1,
            message,
        });
    }
    out
}

/// "unit 301: status is resumed here, not-resumed in the other branch" per differing field.
fn describe_conflict(ours: &[String], theirs: &[String]) -> Vec<String> {
    let parse_side = |lines: &[String]| -> Vec<(String, HashMap<String, String>)> {
        lines
            .iter()
            .filter_map(|l| {
                let t = DeTable::parse(l).ok()?;
                let (k, v) = t.get_ref().iter().next()?;
                let fields = match v.get_ref() {
                    DeValue::Table(t) => t
                        .iter()
                        .map(|(k, v)| (k.get_ref().to_string(), show_value(l, v)))
                        .collect(),
                    _ => HashMap::new(),
                };
                Some((k.get_ref().to_string(), fields))
            })
            .collect()
    };
    let (a, b) = (parse_side(ours), parse_side(theirs));
    let mut out = Vec::new();
    for (unit, fa) in &a {
        let Some((_, fb)) = b.iter().find(|(u, _)| u == unit) else {
            continue;
        };
        let mut keys: Vec<&String> = fa.keys().chain(fb.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let (x, y) = (fa.get(k), fb.get(k));
            if x != y {
                let none = "(not set)".to_string();
                out.push(format!(
                    "unit {unit}: {k} is {} on our side, {} on theirs",
                    x.unwrap_or(&none),
                    y.unwrap_or(&none)
                ));
            }
        }
    }
    out
}

fn show_value(src: &str, v: &Spanned<DeValue<'_>>) -> String {
    match v.get_ref() {
        DeValue::String(s) => s.to_string(),
        _ => src[v.span()].to_string(),
    }
}
