//! Personal data masked on every way out of the station unless someone asks (`--reveal`), SPEC
//! §9: household names keep their first character (`杨家` → `杨*`), phone numbers their first three
//! and last four digits (`13832220210` → `138****0210`), free-text notes are hidden. Company names
//! are not personal. Which fields are personal is the field schema's to say. Pure.

use super::fields::{FIELDS, Personal, Record, Value};
use super::text::SmallStr;

/// Whether personal data is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    Masked,
    Shown,
}

/// What a hidden note is shown as.
pub const HIDDEN: &str = "***";

/// A person's name: each word keeps its first character.
pub fn mask_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut first = true;
    for c in s.chars() {
        if c.is_whitespace() || c.is_ascii_punctuation() {
            out.push(c);
            first = true;
        } else if first {
            out.push(c);
            first = false;
        } else {
            out.push('*');
        }
    }
    out
}

/// Digits in a run: a mobile number keeps its first three and last four, a shorter number its
/// last four or two; four digits or fewer (a room, a floor) stay.
fn mask_digits(run: &str) -> String {
    let n = run.chars().count();
    let (head, tail) = match n {
        11.. => (3, 4),
        7..=10 => (0, 4),
        5..=6 => (0, 2),
        _ => return run.to_string(),
    };
    run.chars()
        .enumerate()
        .map(|(i, c)| if i < head || i >= n - tail { c } else { '*' })
        .collect()
}

/// A contact: numbers masked as phone numbers, words as names ("郭经理 13900000000" →
/// "郭** 139****0000").
pub fn mask_contact(s: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    let mut word = String::new();
    let flush = |out: &mut String, digits: &mut String, word: &mut String| {
        out.push_str(&mask_digits(digits));
        out.push_str(&mask_name(word));
        digits.clear();
        word.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !word.is_empty() {
                flush(&mut out, &mut digits, &mut word);
            }
            digits.push(c);
        } else if c.is_alphabetic() {
            if !digits.is_empty() {
                flush(&mut out, &mut digits, &mut word);
            }
            word.push(c);
        } else {
            flush(&mut out, &mut digits, &mut word);
            out.push(c);
        }
    }
    flush(&mut out, &mut digits, &mut word);
    out
}

/// A field's value as it may leave the station.
pub fn mask_value(key: &str, v: &Value) -> Value {
    let Value::Text(Some(t)) = v else {
        return v.clone();
    };
    let masked = match key {
        "contact" => mask_contact(t),
        "note" => HIDDEN.to_string(),
        _ => mask_name(t),
    };
    Value::Text(Some(SmallStr::from(masked)))
}

/// The record with every personal field masked (a company's name stays).
pub fn masked(r: &Record) -> Record {
    let mut out = r.clone();
    let company = r.status.is_company();
    for spec in FIELDS {
        let personal = match spec.personal {
            Personal::No => false,
            Personal::Yes => true,
            Personal::UnlessCompany => !company,
        };
        if personal {
            spec.field
                .set(&mut out, mask_value(spec.key, &spec.field.get(r)));
        }
    }
    out
}

/// The record as it may leave: masked unless revealed.
pub fn outgoing(r: &Record, reveal: Reveal) -> Record {
    match reveal {
        Reveal::Shown => r.clone(),
        Reveal::Masked => masked(r),
    }
}

/// A free-text note as it may leave.
pub fn note(n: &str, reveal: Reveal) -> String {
    match reveal {
        Reveal::Shown => n.to_string(),
        Reveal::Masked => HIDDEN.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::Status;

    #[test]
    fn names_numbers_and_notes() {
        assert_eq!(mask_name("杨家"), "杨*");
        assert_eq!(mask_name("王小明"), "王**");
        assert_eq!(mask_name("Household Wang"), "H******** W***");
        assert_eq!(mask_contact("13832220210"), "138****0210");
        assert_eq!(mask_contact("郭经理 13900000000"), "郭** 139****0000");
        assert_eq!(mask_contact("0755-12345678"), "0755-****5678");
        assert_eq!(mask_contact("门卫室 1203"), "门** 1203");
    }

    #[test]
    fn a_household_is_masked_a_company_is_not() {
        let home = Record {
            name: Some("杨家".into()),
            contact: Some("13832220210".into()),
            note: Some("体温正常".into()),
            ..Record::with_status(Status::Isolating)
        };
        let m = masked(&home);
        assert_eq!(
            (m.name.as_deref(), m.contact.as_deref(), m.note.as_deref()),
            (Some("杨*"), Some("138****0210"), Some(HIDDEN))
        );
        let firm = Record {
            name: Some("某某科技有限公司".into()),
            contact: Some("13900001111".into()),
            ..Record::with_status(Status::NotResumed)
        };
        let m = masked(&firm);
        assert_eq!(m.name.as_deref(), Some("某某科技有限公司"));
        assert_eq!(m.contact.as_deref(), Some("139****1111"));
        assert_eq!(outgoing(&firm, Reveal::Shown), firm);
    }
}
