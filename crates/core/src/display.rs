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
    use super::Names;

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
