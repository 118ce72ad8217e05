//! Building files: TOML text ↔ model, with every problem located at line and column. Pure.
//!
//! Reading uses the `toml` crate's spanned parser (fast, positions for every key and value);
//! writing uses `toml_edit` on the one document being changed, so comments and hand formatting
//! survive. See docs/formats.md.

mod companies;
mod conflict;
mod lines;
mod lint;
mod quick;
mod read;
mod syntax;
mod values;
mod write;

pub use companies::{company_value, set_company};
pub use lines::{LineChange, changed_records, changed_units};
pub use lint::lint;
pub use quick::counts as quick_counts;
pub use read::{Spans, parse, parse_spanned, unit_line};
pub use values::{is_hazard, string as toml_string, toml_date};
pub use write::{
    canonical_text, edit_lines, keeping_form, new_building_text, record_value, set_unit,
};

use super::i18n::{Lang, Text};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used as it is (or breaks a promise of the format): `check` exits 1.
    Error,
    /// Worth a look; `check` still exits 0.
    Warning,
}

/// One thing wrong with a file, located in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: Text,
    pub severity: Severity,
}

impl Problem {
    pub fn error(line: usize, col: usize, message: Text) -> Problem {
        Problem {
            line,
            col,
            message,
            severity: Severity::Error,
        }
    }

    /// `LINE:COL: message` (with `warning:` for warnings) in a language.
    pub fn render(&self, lang: Lang) -> String {
        let w = match self.severity {
            Severity::Error => "",
            Severity::Warning => lang.pick("warning: ", "警告："),
        };
        format!("{}:{}: {w}{}", self.line, self.col, self.message.get(lang))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A problem and the file it is in, as people name the file (`haigang.toml`, or
/// `haigang.toml@1a2b3c4d` for a version in git): what loading returns, rendered as
/// `FILE:LINE:COL: MESSAGE` only where it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub file: String,
    pub problem: Problem,
}

impl Located {
    pub fn render(&self, lang: Lang) -> String {
        format!(
            "{}:{}",
            crate::display::inline(&self.file),
            self.problem.render(lang)
        )
    }

    /// Each problem as a `FILE:LINE:COL: MESSAGE` line.
    pub fn lines(all: &[Located], lang: Lang) -> Vec<String> {
        all.iter().map(|p| p.render(lang)).collect()
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
mod tests;
