//! Text in a spreadsheet cell and back, exactly (docs/spec.md §7 "exact round trip"): what `export`
//! writes, `import` reads back to the same text. On the way out a cell is one line with every
//! hazard visible (`\n`, `\t`, `\x1b`, `\u{202e}`, a backslash as `\\`, spaces at either end
//! escaped so no trimming loses them) and a leading `=`, `+`, `-`, `@` or `'` guarded by a `'` so
//! no spreadsheet runs it as a formula; on the way in both are undone. Pure.

use super::codec::is_hazard;
use std::borrow::Cow;
use std::fmt::Write as _;

/// What a spreadsheet would run as a formula, and the guard itself.
const GUARDED: [char; 5] = ['=', '+', '-', '@', '\''];

/// A text as a cell: one line, hazards visible, a formula guarded.
pub fn to_cell(s: &str) -> String {
    let n = s.chars().count();
    let mut out = String::with_capacity(s.len() + 2);
    for (i, c) in s.chars().enumerate() {
        let at_end = (i == 0 || i + 1 == n) && c.is_whitespace();
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if at_end || is_hazard(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    if out.starts_with(GUARDED) {
        out.insert(0, '\'');
    }
    out
}

/// A cell as the text it stands for: the guard dropped, the escapes undone. A backslash that
/// starts no escape stays as it is (a ledger typed by hand).
pub fn from_cell(s: &str) -> Cow<'_, str> {
    let s = match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(GUARDED) => rest,
        _ => s,
    };
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let (c, used) = match tail.chars().next() {
            Some('\\') => (Some('\\'), 1),
            Some('n') => (Some('\n'), 1),
            Some('r') => (Some('\r'), 1),
            Some('t') => (Some('\t'), 1),
            Some('x') => hex(tail.get(1..3), 3),
            Some('u') => braced(tail),
            _ => (None, 0),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &tail[used..];
            }
            None => {
                out.push('\\');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn hex(digits: Option<&str>, used: usize) -> (Option<char>, usize) {
    let c = digits
        .and_then(|d| u32::from_str_radix(d, 16).ok())
        .and_then(char::from_u32);
    (c, used)
}

/// `u{…}` after the backslash.
fn braced(tail: &str) -> (Option<char>, usize) {
    let Some(body) = tail.strip_prefix("u{") else {
        return (None, 0);
    };
    let Some(end) = body.find('}').filter(|e| *e <= 6) else {
        return (None, 0);
    };
    let (c, _) = hex(Some(&body[..end]), 0);
    (c, 2 + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_cases_that_broke() {
        for s in [
            "line one\nline two",
            "=1+1",
            "+86 138",
            "-3",
            "@home",
            "'quoted",
            "'",
            "tab\there",
            "esc\u{1b}[2J",
            "rtl\u{202e}abc",
            "back\\slash \\n not a break",
            " padded ",
            "",
        ] {
            let cell = to_cell(s);
            assert!(!cell.contains(['\n', '\t', '\u{1b}']), "{cell:?}");
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
            assert_eq!(from_cell(&cell), s, "{s:?} → {cell:?}");
            // what a spreadsheet does to a cell: trims it
            assert_eq!(from_cell(cell.trim()), s, "{s:?} → {cell:?}");
        }
        assert_eq!(to_cell("=1+1"), "'=1+1");
        assert_eq!(to_cell("a\nb"), "a\\nb");
    }

    proptest! {
        #[test]
        fn any_text_comes_back_as_it_went(s in "(\\PC|[=+@'\\\\\\n\\t\\r\\x1b\\u{202e}\\u{200b} -])*") {
            let cell = to_cell(&s);
            prop_assert!(!cell.contains(['\n', '\r', '\t']));
            prop_assert_eq!(from_cell(cell.trim()), s.as_str());
        }
    }
}
