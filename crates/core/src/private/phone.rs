//! Phone numbers as people write them, found in any text: a mainland mobile (`138 1234 5678`,
//! `+86 139 1234 0033`, `+8613912340033`, `0086-139…`) or a landline with its area code
//! (`010-6512 3456`, `(010)65123456`, `0755-8888 8888`), in ASCII or full-width digits, with
//! spaces, dashes or brackets between groups. A run of digits that is part of a longer word (a
//! credit code, a journal id, a hash) or longer than a number (an 18-digit code, a timestamp) is
//! not one, and neither is a date. The sync's guard refuses what this finds; `migrate
//! --rewrite-history` masks exactly the same. Pure.

use std::ops::Range;

/// A char as the finder reads it: full-width digits and brackets as ASCII.
fn norm(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '（' => '(',
        '）' => ')',
        '＋' => '+',
        '－' => '-',
        '　' => ' ',
        _ => c,
    }
}

/// A char that makes a run of digits part of a word (`A1391234…`, `…0033X`).
fn wordy(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
}

/// One group of digits in a run: its char range and whether a word touches it.
struct Group {
    at: Range<usize>,
    tainted: bool,
}

/// The char ranges (first digit to last) of every phone number in `chars` (already normalised).
fn find(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let groups = run(chars, i);
        let end = groups.last().map_or(i + 1, |g| g.at.end);
        let plus = i > 0 && chars[i - 1] == '+';
        if !toml_key(chars, i, end) {
            out.extend(in_run(chars, &groups, plus));
        }
        i = end.max(i + 1);
    }
    out
}

/// Whether the run `start..end` is a bare TOML key (a journal entry's id, a unit's label): alone
/// at the start of its line and followed by `=`. An id of twelve hex digits can come out all
/// digits, shaped like a landline; it names an entry, never a person.
fn toml_key(chars: &[char], start: usize, end: usize) -> bool {
    let line_start = chars[..start]
        .iter()
        .rev()
        .take_while(|c| **c != '\n')
        .all(|c| *c == ' ' || *c == '\t');
    let eq = chars[end..]
        .iter()
        .find(|c| **c != ' ' && **c != '\t')
        .is_some_and(|c| *c == '=');
    line_start && eq
}

/// The groups of one run of digits starting at `i`: digits joined by one space or dash, or by a
/// closing bracket after a bracketed area code.
fn run(chars: &[char], start: usize) -> Vec<Group> {
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    let mut groups = Vec::new();
    let mut j = start;
    loop {
        let mut k = j;
        while digit(k) {
            k += 1;
        }
        let before = if j > 0 && chars[j - 1] == '(' && j > 1 {
            chars.get(j - 2)
        } else {
            j.checked_sub(1).and_then(|b| chars.get(b))
        };
        groups.push(Group {
            at: j..k,
            tainted: wordy(before) || wordy(chars.get(k)),
        });
        let bracketed = j > 0 && chars[j - 1] == '(';
        let next = match chars.get(k) {
            Some(' ' | '-') if digit(k + 1) => k + 1,
            Some(')') if bracketed && digit(k + 1) => k + 1,
            Some(')')
                if bracketed && matches!(chars.get(k + 1), Some(' ' | '-')) && digit(k + 2) =>
            {
                k + 2
            }
            _ => return groups,
        };
        j = next;
    }
}

/// The phone numbers among consecutive groups of a run, longest first, never overlapping.
fn in_run(chars: &[char], groups: &[Group], plus: bool) -> Vec<Range<usize>> {
    let digits =
        |g: &[Group]| -> String { g.iter().flat_map(|g| chars[g.at.clone()].iter()).collect() };
    let mut out = Vec::new();
    let mut a = 0;
    while a < groups.len() {
        let hit = (a..groups.len()).rev().find(|&b| {
            let span = &groups[a..=b];
            !span[0].tainted
                && !span[span.len() - 1].tainted
                && is_phone(&digits(span), span, plus && a == 0)
        });
        match hit {
            Some(b) => {
                out.push(groups[a].at.start..groups[b].at.end);
                a = b + 1;
            }
            None => a += 1,
        }
    }
    out
}

fn mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// A landline with its area code: `010`/`02X` and 8 digits, or `0XXX` and 7 or 8 digits; when
/// written in groups, the area code is a group of its own.
fn landline(d: &str, groups: Option<&[Group]>) -> bool {
    let b = d.as_bytes();
    if b.len() < 11 || b[0] != b'0' || b[1] == b'0' {
        return false;
    }
    let area = if matches!(b[1], b'1' | b'2') { 3 } else { 4 };
    let fits = b.len() == 11 || (area == 4 && b.len() == 12);
    fits && groups.is_none_or(|g| g.len() == 1 || g[0].at.len() == area)
}

fn is_phone(d: &str, groups: &[Group], plus: bool) -> bool {
    // a mobile in groups is written 3-4-4 (or 3-8): "1304 1305 102" is three unit labels
    let grouped_mobile = mobile(d) && (groups.len() == 1 || groups[0].at.len() == 3);
    if grouped_mobile || landline(d, Some(groups)) {
        return true;
    }
    // the country's code: `0086…`, `86…` before a mobile, `+86` before a landline without its 0
    let abroad =
        |rest: &str, sure: bool| mobile(rest) || (sure && landline(&format!("0{rest}"), None));
    d.strip_prefix("0086").is_some_and(|r| abroad(r, true))
        || d.strip_prefix("86").is_some_and(|r| abroad(r, plus))
}

/// The byte ranges of every phone number in `text`.
pub fn spans(text: &str) -> Vec<Range<usize>> {
    let offsets: Vec<usize> = text.char_indices().map(|(o, _)| o).collect();
    let chars: Vec<char> = text.chars().map(norm).collect();
    let at = |k: usize| offsets.get(k).copied().unwrap_or(text.len());
    find(&chars)
        .into_iter()
        .map(|r| at(r.start)..at(r.end))
        .collect()
}

/// The lines (1-based) of `text` that hold a phone number.
pub fn lines(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = spans(text)
        .into_iter()
        .map(|r| text[..r.start].matches('\n').count() + 1)
        .collect();
    out.dedup();
    out
}

/// Whether `text` holds a phone number.
pub fn any(text: &str) -> bool {
    !spans(text).is_empty()
}

/// Every phone number in `text`, as it is written there.
pub fn written(text: &str) -> Vec<&str> {
    spans(text).into_iter().map(|r| &text[r]).collect()
}

/// A phone number as `written`, every digit masked (`138-****-****` becomes `***-****-****`).
pub fn masked(written: &str) -> String {
    written
        .chars()
        .map(|c| if norm(c).is_ascii_digit() { '*' } else { c })
        .collect()
}

/// `text` with every phone number's digits masked; `None` when it holds none.
pub fn mask(text: &str) -> Option<String> {
    let found = spans(text);
    if found.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for r in found {
        out.push_str(&text[from..r.start]);
        out.push_str(&masked(&text[r.clone()]));
        from = r.end;
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// Bytes with every phone number's ASCII digits masked: UTF-8 text, or text in another
/// encoding (a GBK ledger, read byte by byte); `None` when there is none, or the bytes are
/// binary (they hold a NUL: an image, a spreadsheet), which are left as they are.
pub fn mask_bytes(bytes: &[u8]) -> Option<Vec<u8>> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return mask(text).map(String::into_bytes);
    }
    if bytes.contains(&0) {
        return None;
    }
    let chars: Vec<char> = bytes.iter().map(|b| char::from(*b)).collect();
    let found = find(&chars);
    if found.is_empty() {
        return None;
    }
    let mut out = bytes.to_vec();
    for r in found {
        for b in &mut out[r] {
            if b.is_ascii_digit() {
                *b = b'*';
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_as_people_write_them_are_found() {
        for (text, number) in [
            ("13812345678", "13812345678"),
            ("电话13812345678。", "13812345678"),
            ("# 吴敏 138-1234-5678 独居", "138-1234-5678"),
            ("138 1234 5678", "138 1234 5678"),
            ("联系 １３８１２３４５６７８", "１３８１２３４５６７８"),
            ("+86 139 1234 0033", "86 139 1234 0033"),
            ("+8613912340033", "8613912340033"),
            ("8613912340033", "8613912340033"),
            ("0086-139-1234-0033", "0086-139-1234-0033"),
            ("0086 13912340033", "0086 13912340033"),
            ("010-6512 3456", "010-6512 3456"),
            ("(010)65123456", "010)65123456"),
            ("（010）65123456", "010）65123456"),
            ("(0755) 8888-8888", "0755) 8888-8888"),
            ("0755-8888 8888", "0755-8888 8888"),
            ("0571-8765432", "0571-8765432"),
            ("01065123456", "01065123456"),
            ("+86 10 6512 3456", "86 10 6512 3456"),
            ("2505 138 1234 5678", "138 1234 5678"),
            ("tel: 13812345678, 2505", "13812345678"),
            ("a:13812345678;b:13987654321", "13812345678"),
        ] {
            let found = written(text);
            assert_eq!(found.first().copied(), Some(number), "{text}: {found:?}");
        }
        assert_eq!(written("a:13812345678;b:13987654321").len(), 2);
    }

    #[test]
    fn codes_dates_ids_and_counts_are_not_phones() {
        for text in [
            "911101081234567890",
            "# 911101081234567890 2026-12-07 10:30",
            "91110108MA01234567",
            "13110108123A45678X",
            "11010519491231002X",
            "2026-12-07",
            "2026-12-07T08:31:59",
            "e7875e921953 = { at = 2026-11-29T08:31:59 }",
            // a journal id that came out all digits, shaped like a landline: a key, no phone
            "075512345678 = { at = 2026-11-29T08:31:59, unit = \"1201\" }",
            "  13812345678 = { status = \"healthy\" }",
            // three unit labels in a comment add up to a mobile's eleven digits
            "# 1304 1305 102 已消杀",
            "revision = 4294967295",
            "isolating = 9223372036854775807",
            "1765000000 +0800",
            "headcount = 15000, on-site = 13800",
            "sync: 3 files by 张丽 at 2026-12-07 10:30",
            "1381234567",
            "138123456789",
            "12812345678",
            "00012345678",
            "0000012345 00000 n",
            "abc13812345678",
            "13812345678abc",
            "07-1234 5678",
            "1.3812345678",
            "a3f9c13812345678d0",
        ] {
            assert!(!any(text), "{text}: {:?}", written(text));
        }
    }

    #[test]
    fn masking_keeps_everything_but_the_digits() {
        assert_eq!(
            mask("# 吴敏 138-1234-5678 独居").as_deref(),
            Some("# 吴敏 ***-****-**** 独居")
        );
        assert_eq!(
            mask("call +86 139 1234 0033 or (010)65123456\n2026-12-07").as_deref(),
            Some("call +** *** **** **** or (***)********\n2026-12-07")
        );
        assert_eq!(mask("2026-12-07 911101081234567890"), None);
        assert_eq!(lines("a\n13812345678\nb\n010-6512 3456\n"), vec![2, 4]);
    }

    #[test]
    fn bytes_in_another_encoding_are_masked_and_binary_is_left() {
        // GBK for 电话 followed by a number
        let gbk = [&[0xb5, 0xe7, 0xbb, 0xb0][..], b"13812345678\n"].concat();
        let out = mask_bytes(&gbk).expect("masked");
        assert_eq!(&out[..4], &gbk[..4]);
        assert_eq!(&out[4..], b"***********\n");
        let binary = [&[0u8, 0xff][..], b"13812345678"].concat();
        assert_eq!(mask_bytes(&binary), None);
        assert_eq!(mask_bytes(b"nothing 2026-12-07"), None);
    }
}
