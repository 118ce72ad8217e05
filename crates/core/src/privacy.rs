//! Personal data masked on every way out of the station unless someone asks (`--reveal`), docs/spec.md
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

/// A unit's label as it leaves its station for the street: the floor kept, the door hidden
/// (`2505` → `25**`, `A-301` → `A-3**`); a label of two characters or fewer hidden whole. The
/// street sees where to ask, the station knows which household.
pub fn mask_unit(label: &str) -> String {
    let n = label.chars().count();
    let keep = n.saturating_sub(2);
    let mut out: String = label.chars().take(keep).collect();
    out.extend(std::iter::repeat_n('*', n - keep));
    out
}

/// A person's name: each word keeps its first character, and a word of one character is
/// hidden whole (`鑫` → `*`: a one-character name would otherwise leave as it is).
pub fn mask_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word: Vec<char> = Vec::new();
    let flush = |out: &mut String, word: &mut Vec<char>| {
        match word.len() {
            0 => {}
            1 => out.push('*'),
            _ => {
                out.push(word[0]);
                out.extend(std::iter::repeat_n('*', word.len() - 1));
            }
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut out, &mut word);
            out.push(if c.is_numeric() { '*' } else { c });
        }
    }
    flush(&mut out, &mut word);
    out
}

/// A digit as people type it: ASCII or full-width (an input method's `１３７`).
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn halfwidth_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// What may stand between the digits of one number: spaces, dashes, brackets, dots, a `+`.
fn joins_digits(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '(' | ')' | '.' | '+' | '\u{3000}' | '－' | '（' | '）' | '＋' | '—'
    )
}

/// One number however it is written (`138-1234-5678`, `+86 138 2345 6789`, `(136) 4567-8901`,
/// `１３７…`): a mobile number keeps the three digits of its operator and its last four, a
/// shorter number its last four or two; four digits or fewer (a room, a floor) stay. The
/// separators stay where they were, so the shape still reads as a number.
fn mask_number(run: &[char]) -> String {
    let digits: Vec<char> = run.iter().copied().filter(|c| is_digit(*c)).collect();
    let n = digits.len();
    // a landline with its area code (0755-…, 010-…): the area code stays, as the last four
    let area = match digits.first().map(|c| halfwidth_digit(*c)) {
        Some('0') if matches!(digits.get(1).map(|c| halfwidth_digit(*c)), Some('1' | '2')) => 3,
        Some('0') => 4,
        _ => 0,
    };
    let keep = |k: usize| match n {
        _ if area > 0 && n > area + 4 => k < area || k >= n - 4,
        // the last eleven digits are the mobile number; a country code before them goes too
        11.. => (n - 11..n - 8).contains(&k) || k >= n - 4,
        7..=10 => k >= n - 4,
        5..=6 => k >= n - 2,
        _ => true,
    };
    let mut k = 0;
    run.iter()
        .map(|c| {
            if !is_digit(*c) {
                return *c;
            }
            k += 1;
            if keep(k - 1) { *c } else { '*' }
        })
        .collect()
}

/// A contact: numbers masked as phone numbers however they are written, words as names
/// ("郭经理 13900000000" → "郭** 139****0000").
pub fn mask_contact(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        // a number: digits, and the separators between them (not after the last digit)
        if is_digit(chars[i]) || (joins_digits(chars[i]) && starts_number(&chars[i..])) {
            let mut end = i;
            let mut last_digit = i;
            while end < chars.len() && (is_digit(chars[end]) || joins_digits(chars[end])) {
                if is_digit(chars[end]) {
                    last_digit = end;
                }
                end += 1;
            }
            out.push_str(&mask_number(&chars[i..=last_digit]));
            i = last_digit + 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && !is_digit(chars[end]) && !joins_digits(chars[end]) {
            end += 1;
        }
        if end == i {
            out.push(chars[i]);
            i += 1;
        } else {
            out.push_str(&mask_name(&chars[i..end].iter().collect::<String>()));
            i = end;
        }
    }
    out
}

/// Whether separators here lead into digits (`+86 …`, `(136) …`).
fn starts_number(rest: &[char]) -> bool {
    rest.iter()
        .find(|c| !joins_digits(**c))
        .is_some_and(|c| is_digit(*c))
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

/// Whether `given` is exactly what masking makes of the record's own value of a personal field
/// (`杨*` of 杨家, `138****0210`, `***` of a note) — a masked ledger read back, not new text.
pub fn is_mask_of(f: crate::fields::Field, given: &Value, r: &Record) -> bool {
    let current = f.get(r);
    *given != current && matches!(current, Value::Text(Some(_))) && f.get(&masked(r)) == *given
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
    fn a_mask_read_back_is_the_value_it_masks_not_new_text() {
        use crate::fields::Field;
        let mut r = Record {
            status: Status::Healthy,
            ..Record::default()
        };
        let text = |s: &str| Value::Text(Some(s.into()));
        Field::Name.set(&mut r, text("杨家"));
        Field::Contact.set(&mut r, text("13832220210"));
        Field::Note.set(&mut r, text("体温正常"));
        assert!(is_mask_of(Field::Name, &text("杨*"), &r));
        assert!(is_mask_of(Field::Contact, &text("138****0210"), &r));
        assert!(is_mask_of(Field::Note, &text("***"), &r));
        assert!(
            !is_mask_of(Field::Name, &text("杨家"), &r),
            "the value itself is not a mask"
        );
        assert!(
            !is_mask_of(Field::Name, &text("王*"), &r),
            "another name's mask is new text"
        );
        let empty = Record {
            status: Status::Healthy,
            ..Record::default()
        };
        assert!(
            !is_mask_of(Field::Name, &text("*"), &empty),
            "nothing to mask: the text is new"
        );
    }

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

    /// Every way people write a number is masked as a number (issue 19).
    #[test]
    fn numbers_however_written() {
        for (raw, want) in [
            ("138-1234-5678", "138-****-5678"),
            ("+86 138 2345 6789", "+** 138 **** 6789"),
            ("(136) 4567-8901", "(136) ****-8901"),
            ("１３７１２３４５６７８", "１３７****５６７８"),
            ("138 1234 5678", "138 **** 5678"),
            ("电话：13855550210", "电*：138****0210"),
            ("鑫", "*"),
        ] {
            assert_eq!(mask_contact(raw), want, "{raw}");
            for d in ["1234", "2345", "4567", "１２３４"] {
                assert!(
                    !mask_contact(raw).contains(d),
                    "{raw}: {}",
                    mask_contact(raw)
                );
            }
        }
        assert_eq!(mask_name("鑫"), "*");
        assert_eq!(mask_name("王 鑫"), "* *");
        assert_eq!(mask_name("房 1203 的住户"), "* **** 的**");
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
