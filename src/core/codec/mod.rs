//! Building files: TOML text ↔ model, with every problem located at line and column. Pure.
//!
//! Reading uses the `toml` crate's spanned parser (fast, positions for every key and value);
//! writing uses `toml_edit` on the one document being changed, so comments and hand formatting
//! survive. See README "File format".

mod conflict;
mod read;
mod write;

pub use read::{Spans, parse, parse_spanned};
pub use write::{canonical_text, edit_lines, new_building_text, record_value, set_unit, toml_date};

use std::fmt;

/// One thing wrong with a file, located in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msgs(text: &str) -> Vec<String> {
        parse("t", text.as_bytes())
            .err()
            .unwrap_or_default()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn new_text_parses_and_is_canonical() {
        let t = new_building_text("测试大厦", 3, 2);
        let b = parse("t", t.as_bytes()).unwrap();
        assert_eq!(b.name, "测试大厦");
        assert_eq!(b.units.len(), 6);
        assert_eq!(&*b.units[0].label, "301");
        assert_eq!(&*b.units[5].label, "102");
        assert_eq!(canonical_text(&t, &b).unwrap(), t);
    }

    #[test]
    fn located_problems() {
        let base = "name = \"x\"\nfloors = 2\nunits-per-floor = 2\n[units]\n";
        let m = msgs(&format!("{base}101 = {{ status = \"isolatng\" }}\n"));
        assert!(
            m[0].starts_with("5:18:") && m[0].contains("did you mean \"isolating\""),
            "{m:?}"
        );
        let m = msgs(&format!("{base}901 = {{ status = \"vacant\" }}\n"));
        assert!(
            m[0].starts_with("5:1:") && m[0].contains("not in this building's layout"),
            "{m:?}"
        );
        let m = msgs(&format!(
            "{base}101 = {{ status = \"vacant\", people = -2 }}\n"
        ));
        assert!(m[0].contains("negative"), "{m:?}");
        let m = msgs(&format!(
            "{base}101 = {{ status = \"vacant\" }}\n101 = {{ status = \"vacant\" }}\n"
        ));
        assert!(m[0].starts_with("6:") && m[0].contains("twice"), "{m:?}");
        let m = msgs(&format!(
            "{base}101 = {{ status = \"isolating\", since = 2020-02-30 }}\n"
        ));
        assert!(m[0].starts_with("5:") && m[0].contains("date"), "{m:?}");
        let m = msgs(&format!("{base}101 = {{ status = \n"));
        assert!(m[0].starts_with("5:"), "{m:?}");
        assert!(msgs("")[0].contains("empty"));
        assert!(msgs("\0\u{1}")[0].contains("not a text file"));
    }

    #[test]
    fn conflict_markers_name_the_unit_and_both_values() {
        let t = "name = \"x\"\nfloors = 1\nunits-per-floor = 1\n[units]\n<<<<<<< ours\n101 = { status = \"resumed\" }\n=======\n101 = { status = \"not-resumed\" }\n>>>>>>> theirs\n";
        let m = msgs(t);
        assert!(
            m[0].starts_with("5:1:") && m[0].contains("conflict"),
            "{m:?}"
        );
        assert!(m[0].contains("101") && m[0].contains("not-resumed") && m[0].contains("resumed"));
    }

    #[test]
    fn extra_keys_and_fields_survive() {
        let t = "name = \"x\"\nfloors = 1\nunits-per-floor = 1\n[units]\n101 = { status = \"healthy\", pets = 2, name = \"王\" }\n";
        let b = parse("t", t.as_bytes()).unwrap();
        assert_eq!(
            b.units[0].record.extra,
            vec![("pets".into(), "2".into())].into_boxed_slice()
        );
        let v = record_value(&b.units[0].record).to_string();
        assert_eq!(
            v.trim(),
            "{ status = \"healthy\", name = \"王\", pets = 2 }"
        );
    }
}
