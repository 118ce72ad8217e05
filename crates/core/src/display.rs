//! Text from files shown safely: any stored text may hold line breaks, escape sequences,
//! bidirectional overrides or invisible characters (a pasted chat message, a crafted ledger). On
//! every output it is shown on one line, visibly, and never reaches a terminal raw. Pure.
//!
//! Hazards become ASCII escapes a person can read: `\n`, `\t`, `\x1b`, `<U+202E>`. A long run of
//! combining marks (which some terminals stack out of their cell) is cut to three and counted.

use super::codec::is_hazard;
use std::borrow::Cow;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthChar;

/// Combining marks kept on one character; more are shown as a count.
const MARKS: usize = 3;

/// The text on one line with every hazard visible; borrowed when there is nothing to change.
pub fn inline(s: &str) -> Cow<'_, str> {
    // printable ASCII, the common case (labels, keys), needs no look at Unicode tables
    if s.bytes().all(|b| (0x20..0x7f).contains(&b))
        || s.chars().all(|c| !is_hazard(c) && !is_mark(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut marks = 0usize;
    let mut dropped = 0usize;
    for c in s.chars() {
        if is_mark(c) && !is_hazard(c) {
            marks += 1;
            if marks <= MARKS {
                out.push(c);
            } else {
                dropped += 1;
            }
            continue;
        }
        flush_marks(&mut out, &mut dropped);
        marks = 0;
        escape(&mut out, c);
    }
    flush_marks(&mut out, &mut dropped);
    Cow::Owned(out)
}

fn flush_marks(out: &mut String, dropped: &mut usize) {
    if *dropped > 0 {
        let _ = write!(out, "<+{dropped}>");
        *dropped = 0;
    }
}

fn escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_hazard(c) && (c as u32) < 0x100 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if is_hazard(c) => {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        }
        c => out.push(c),
    }
}

/// A zero-width character that draws on the one before it (a combining mark).
fn is_mark(c: char) -> bool {
    !c.is_ascii() && c.width() == Some(0)
}

/// A text for a spreadsheet cell: one line, hazards visible, and a leading `=`, `+`, `-` or `@`
/// quoted with `'`, so a spreadsheet shows the text instead of running it as a formula.
pub fn cell(s: &str) -> Cow<'_, str> {
    let one = inline(s);
    if one.starts_with(['=', '+', '-', '@']) {
        return Cow::Owned(format!("'{one}"));
    }
    one
}

/// Cuts a one-line text to `width` columns (CJK counts two), marking the cut with `…`.
pub fn clip(s: &str, width: usize) -> Cow<'_, str> {
    let w = unicode_width::UnicodeWidthStr::width(s);
    if w <= width {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        used += cw;
        out.push(ch);
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_become_visible() {
        assert_eq!(inline("王家"), "王家");
        assert!(matches!(inline("王家"), Cow::Borrowed(_)));
        assert_eq!(inline("a\nb"), "a\\nb");
        assert_eq!(inline("\u{1b}[2J"), "\\x1b[2J");
        assert_eq!(inline("x\u{202E}y"), "x<U+202E>y");
        assert_eq!(inline("\u{200B}"), "<U+200B>");
        assert_eq!(inline("\u{9b}"), "\\x9b");
    }

    #[test]
    fn combining_runs_are_capped() {
        let zalgo = format!("a{}", "\u{301}".repeat(40));
        let shown = inline(&zalgo);
        assert_eq!(shown, format!("a{}<+37>", "\u{301}".repeat(3)));
        assert_eq!(inline("é"), "é");
    }

    #[test]
    fn clip_by_columns() {
        assert_eq!(clip("和平国际1号", 7), "和平国…");
        assert_eq!(clip("abc", 3), "abc");
    }
}

/// Text folded onto lines of at most `width` columns, broken where a line may break — after a
/// space or a mark that ends a phrase (`/`, `、`, `，`, `：`, `；`, `）`, `。`) — never inside a word
/// (`已复工` stays whole) and never before such a mark; only a phrase wider than a whole line is
/// ever split.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for atom in atoms(s) {
        let w = unicode_width::UnicodeWidthStr::width(line.as_str());
        let aw = unicode_width::UnicodeWidthStr::width(atom.trim_end());
        if w + aw > width && !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
            line = String::new();
        }
        let atom = if line.is_empty() {
            atom.trim_start()
        } else {
            atom
        };
        if unicode_width::UnicodeWidthStr::width(atom.trim_end()) > width {
            // a word wider than a line: split it, the only split there is
            for c in atom.chars() {
                let w = unicode_width::UnicodeWidthStr::width(line.as_str());
                if w + c.width().unwrap_or(0) > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        } else {
            line.push_str(atom);
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The pieces a line may break between: everything up to and including a space (with the spaces
/// after it) or a phrase-ending mark.
fn atoms(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let ends = match next {
            None => true,
            Some(n) => {
                n != ' ' && (c == ' ' || matches!(c, '/' | '、' | '，' | '：' | '；' | '）' | '。'))
            }
        };
        if ends {
            let end = i + c.len_utf8();
            out.push(&s[start..end]);
            start = end;
        }
    }
    out
}

/// Buildings as people name them in what a command prints: `海港大厦`, not `haigang`; the id
/// in brackets only where two buildings share a name (or one has none). JSON keeps ids.
#[derive(Clone, Debug, Default)]
pub struct Names {
    shown: std::collections::HashMap<String, String>,
}

impl Names {
    /// From every building's (id, name).
    pub fn new<I: AsRef<str>, N: AsRef<str>>(all: &[(I, N)]) -> Names {
        let mut count: std::collections::HashMap<&str, usize> = Default::default();
        for (_, n) in all {
            *count.entry(n.as_ref().trim()).or_default() += 1;
        }
        let shown = all
            .iter()
            .map(|(id, n)| {
                let (id, n) = (id.as_ref(), n.as_ref().trim());
                let label = match count.get(n) {
                    _ if n.is_empty() => inline(id).into_owned(),
                    Some(1) => inline(n).into_owned(),
                    _ => format!("{} ({})", inline(n), inline(id)),
                };
                (id.to_string(), label)
            })
            .collect();
        Names { shown }
    }

    /// The building as printed; an id not among them (a building since removed) as itself.
    pub fn of<'a>(&'a self, id: &'a str) -> Cow<'a, str> {
        match self.shown.get(id) {
            Some(s) => Cow::Borrowed(s),
            None => inline(id),
        }
    }
}

#[cfg(test)]
mod names_tests {
    use super::{Names, wrap};

    #[test]
    fn wrapping_breaks_between_words_and_chinese_characters_only() {
        assert_eq!(
            wrap("move between units (up = higher floor)", 16),
            ["move between", "units (up =", "higher floor)"]
        );
        assert_eq!(
            wrap("记录：正常 / 需要帮助 / 有症状", 12),
            ["记录：正常 /", "需要帮助 /", "有症状"]
        );
        assert_eq!(
            wrap("设为 健康住户 / 居家隔离 / 未复工 / 已复工 / 空置", 40),
            ["设为 健康住户 / 居家隔离 / 未复工 /", "已复工 / 空置"],
            "a word stays whole"
        );
        assert_eq!(
            wrap(
                "为单元（或框选）记录随访：每种结果一个键，Enter 可加备注",
                40
            ),
            [
                "为单元（或框选）记录随访：",
                "每种结果一个键，Enter 可加备注"
            ],
            "no line starts with a mark that ends a phrase"
        );
        assert_eq!(wrap("short", 40), ["short"]);
        assert_eq!(wrap("", 10), [""]);
        for w in 4..30 {
            for line in wrap(
                "log: well / needs help / symptoms / no answer 记录：正常 / 需要帮助",
                w,
            ) {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line.as_str()) <= w,
                    "{line:?} > {w}"
                );
            }
        }
    }

    #[test]
    fn names_not_ids_and_the_id_only_where_a_name_is_shared() {
        let n = Names::new(&[
            ("haigang", "海港大厦"),
            ("xh1", "星河大厦"),
            ("xh2", "星河大厦"),
            ("bare", ""),
        ]);
        assert_eq!(n.of("haigang"), "海港大厦");
        assert_eq!(n.of("xh1"), "星河大厦 (xh1)");
        assert_eq!(n.of("xh2"), "星河大厦 (xh2)");
        assert_eq!(n.of("bare"), "bare");
        assert_eq!(n.of("gone"), "gone");
    }
}
