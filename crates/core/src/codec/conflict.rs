//! Git's conflict markers in a building file, explained unit by unit. Pure.

use super::Problem;
use crate::display::inline;
use crate::i18n::Text;
use crate::tr;
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
                out.push(Problem::error(
                    n + 1,
                    1,
                    tr!(
                        "stray git merge conflict marker; remove it",
                        "多余的 git 合并冲突标记；请删除这一行"
                    ),
                ));
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
        let at = n + 1;
        let mut message = tr!(
            "unresolved git merge conflict at line {at}: keep one version of each unit, delete the marker lines, then run `loupan check`",
            "第 {at} 行有未解决的 git 合并冲突：每个单元只保留一个版本，删掉标记行，再运行 `loupan check`"
        );
        for d in describe_conflict(&ours, &theirs) {
            message = message.join(("\n    ", "\n    "), &d);
        }
        out.push(Problem::error(at, 1, message));
    }
    out
}

/// "unit 301: status is resumed here, not-resumed in the other branch" per differing field.
fn describe_conflict(ours: &[String], theirs: &[String]) -> Vec<Text> {
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
            // a personal field is named, its values never shown (docs/spec.md §9): a conflict message
            // goes to a terminal, a log, a chat
            let personal = crate::fields::Field::from_key(k)
                .is_none_or(|f| f.spec().personal != crate::fields::Personal::No);
            if x != y && personal {
                let (unit, k) = (inline(unit), inline(k));
                out.push(tr!(
                    "unit {unit}: {k} differs between our side and theirs",
                    "单元 {unit}：{k} 我方与对方不同"
                ));
            } else if x != y {
                let (xe, ye) = (
                    x.map_or("(not set)", String::as_str),
                    y.map_or("(not set)", String::as_str),
                );
                let (xz, yz) = (
                    x.map_or("（未填）", String::as_str),
                    y.map_or("（未填）", String::as_str),
                );
                let (unit, k) = (inline(unit), inline(k));
                let (xe, ye, xz, yz) = (inline(xe), inline(ye), inline(xz), inline(yz));
                out.push(tr!(
                    "unit {unit}: {k} is {xe} on our side, {ye} on theirs",
                    "单元 {unit}：{k} 我方为 {xz}，对方为 {yz}"
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
