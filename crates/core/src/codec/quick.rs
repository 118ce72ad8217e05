//! A building file's counts by status without reading it whole: what a year of history needs
//! from each building's first version, at a tenth of the cost. Only the form loupan writes is
//! counted here — the head read by the real reader, then one unit per line with plain keys and
//! values — and anything else gives `None`, for the caller to read the file whole. So whenever
//! this answers, it is the answer reading the whole file gives (a property test holds it).

use crate::fields::{Field, Kind, Record, validate};
use crate::stats::Counts;
use crate::status::Status;
use jiff::civil::Date;
use memchr::memmem;
use std::collections::HashMap;

/// The building's name and counts, or `None` when only a whole reading can tell (including
/// every file that does not read cleanly).
pub fn counts(id: &str, bytes: &[u8]) -> Option<(String, Counts)> {
    // a multi-line string could make a line mean something else
    if memmem::find(bytes, b"\"\"\"").is_some() || memmem::find(bytes, b"'''").is_some() {
        return None;
    }
    let head_end = memmem::find(bytes, b"\n[units]")? + 1;
    let units_end = head_end + memchr::memchr(b'\n', &bytes[head_end..])?;
    if memmem::find(&bytes[units_end..], b"\n[").is_some() {
        return None;
    }
    // the head, with the `[units]` line, read as the whole file would read it: name and layout
    let b = super::parse(id, &bytes[..=units_end]).ok()?;
    let mut units = vec![None; b.units.len()];
    // files list units in layout order: the next one is looked for first, and a map is made
    // only for a file that does not
    let mut next = 0;
    let mut index: Option<HashMap<&str, usize>> = None;
    for line in bytes[units_end + 1..].split_inclusive(|c| *c == b'\n') {
        // a carriage return only before a line feed
        let line = line
            .strip_suffix(b"\r\n")
            .or_else(|| line.strip_suffix(b"\n"))
            .unwrap_or(line);
        let Some(start) = line.iter().position(|c| !matches!(c, b' ' | b'\t')) else {
            continue;
        };
        let rest = &line[start..];
        if let Some(c) = rest.strip_prefix(b"#") {
            plain(c)?;
            continue;
        }
        let (label, status, live_work) = unit(rest)?;
        let i = match b.units.get(next) {
            Some(u) if *u.label == *label => next,
            _ => *index
                .get_or_insert_with(|| {
                    b.units
                        .iter()
                        .enumerate()
                        .map(|(i, u)| (&*u.label, i))
                        .collect()
                })
                .get(label)?,
        };
        next = i + 1;
        if units[i].replace((status, live_work)).is_some() {
            return None;
        }
    }
    let mut c = Counts::default();
    for u in units {
        let (status, live_work) = u.unwrap_or_default();
        c.add_one(status, live_work);
    }
    Some((b.name, c))
}

/// `LABEL = { key = value, … }` with an optional comment after: its label, status and live-work
/// flag, when every key is one loupan knows, each once, with a plain value of its kind (a
/// quoted text without escapes, a whole number, true/false, a date) — and the record would
/// read without a complaint.
fn unit(line: &[u8]) -> Option<(&str, Status, bool)> {
    let mut s = Scan { b: line, at: 0 };
    let label = s.key()?;
    s.expect(b'=')?;
    s.expect(b'{')?;
    let mut r = Record::default();
    let mut seen = [false; Field::ALL.len()];
    loop {
        let field = Field::from_key(s.key()?)?;
        if std::mem::replace(&mut seen[field as usize], true) {
            return None;
        }
        s.expect(b'=')?;
        s.ws();
        let ok = match field.spec().kind {
            Kind::Status => Status::parse(s.string()?).is_some_and(|v| {
                r.status = v;
                true
            }),
            Kind::Flag => match s.word()? {
                "true" => field.set(&mut r, crate::fields::Value::Flag(true)),
                "false" => true,
                _ => false,
            },
            Kind::Text => s.string().is_some(),
            Kind::Count => s.count().is_some(),
            Kind::Date => s
                .date()
                .is_some_and(|d| field.set(&mut r, crate::fields::Value::Date(Some(d)))),
        };
        if !ok {
            return None;
        }
        s.ws();
        match s.next()? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    s.ws();
    if s.at < s.b.len() {
        s.expect(b'#')?;
        plain(&line[s.at..])?;
    }
    if !seen[Field::Status as usize] || !validate(&r).is_empty() {
        return None;
    }
    Some((label, r.status, r.live_work))
}

/// Text a comment or a quoted text may hold as it is: UTF-8 with no control character but tab.
fn plain(s: &[u8]) -> Option<&str> {
    if s.iter().any(|c| (*c < b' ' && *c != b'\t') || *c == 0x7f) {
        return None;
    }
    std::str::from_utf8(s).ok()
}

struct Scan<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    fn ws(&mut self) {
        while matches!(self.b.get(self.at), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn next(&mut self) -> Option<u8> {
        let c = *self.b.get(self.at)?;
        self.at += 1;
        Some(c)
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.next()? == c).then_some(())
    }

    fn take(&mut self, ok: impl Fn(u8) -> bool) -> &'a str {
        let start = self.at;
        while self.b.get(self.at).is_some_and(|c| ok(*c)) {
            self.at += 1;
        }
        // only ASCII was taken, so the cut is on a character boundary
        std::str::from_utf8(&self.b[start..self.at]).unwrap_or_default()
    }

    /// A bare key: letters, digits, `-` and `_`.
    fn key(&mut self) -> Option<&'a str> {
        self.ws();
        let k = self.take(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
        (!k.is_empty()).then_some(k)
    }

    fn word(&mut self) -> Option<&'a str> {
        Some(self.take(|c| c.is_ascii_alphanumeric())).filter(|w| !w.is_empty())
    }

    /// A quoted text without escapes.
    fn string(&mut self) -> Option<&'a str> {
        (self.next()? == b'"').then_some(())?;
        let start = self.at;
        let len = memchr::memchr2(b'"', b'\\', &self.b[start..])?;
        self.at += len;
        (self.next()? == b'"').then_some(())?;
        plain(&self.b[start..start + len])
    }

    /// 0 or a number without a leading zero, sign or separators, that a count can hold.
    fn count(&mut self) -> Option<u32> {
        let d = self.take(|c| c.is_ascii_digit());
        if d.is_empty() || (d.len() > 1 && d.starts_with('0')) || self.more_of_a_value() {
            return None;
        }
        d.parse().ok()
    }

    /// YYYY-MM-DD, a real date, with no time after it.
    fn date(&mut self) -> Option<Date> {
        let d = self.b.get(self.at..self.at + 10)?;
        let digits = |r: std::ops::Range<usize>| {
            d[r.clone()]
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| std::str::from_utf8(&d[r]).ok()?.parse::<i16>().ok())
                .flatten()
        };
        if d[4] != b'-' || d[7] != b'-' {
            return None;
        }
        let (y, m, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        self.at += 10;
        // "2026-11-29 08:00" or "2026-11-29T08:00" would be a date and time
        if self.more_of_a_value()
            || (self.b.get(self.at) == Some(&b' ')
                && self.b.get(self.at + 1).is_some_and(u8::is_ascii_digit))
        {
            return None;
        }
        Date::new(y, m as i8, day as i8).ok()
    }

    /// Whether the value goes on (a letter, digit, `.`, `:`, `+`, `_`): then it was not plain.
    fn more_of_a_value(&self) -> bool {
        self.b
            .get(self.at)
            .is_some_and(|c| c.is_ascii_alphanumeric() || b".:+-_".contains(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::unit_line;

    /// The unit lines read alone agree with the quick scan on every line it accepts.
    fn agrees(line: &str) -> bool {
        match unit(line.as_bytes()) {
            None => true,
            Some((label, status, live_work)) => unit_line(line)
                .is_some_and(|(l, r)| l == label && r.status == status && r.live_work == live_work),
        }
    }

    #[test]
    fn plain_lines_are_read_and_anything_else_is_left_to_the_whole_reading() {
        let ok = [
            r#"4301 = { status = "healthy", name = "赵家", people = 3 }"#,
            r#"B1-01 = { status = "isolating", since = 2026-11-20, until = 2026-12-03 } # 每日电话"#,
            r#"12 = {status="resumed",live-work=true,name="某某科技有限公司",contact="138"}"#,
            r#"7 = { status = "vacant", people = 0 }"#,
        ];
        for l in ok {
            assert!(unit(l.as_bytes()).is_some(), "{l}");
            assert!(agrees(l), "{l}");
        }
        assert_eq!(unit(ok[2].as_bytes()).map(|u| u.2), Some(true));
        let refused = [
            r#"4301 = { name = "赵家" }"#,                           // no status
            r#"4301 = { status = "healthy", status = "vacant" }"#,   // twice
            r#"4301 = { status = "heathy" }"#,                       // unknown status
            r#"4301 = { status = "healthy", pets = 2 }"#,            // unknown key
            r#"4301 = { status = "healthy", name = "a\"b" }"#,       // escape
            r#"4301 = { status = "healthy", people = -1 }"#,         // sign
            r#"4301 = { status = "healthy", people = 01 }"#,         // leading zero
            r#"4301 = { status = "healthy", people = 1_000 }"#,      // separator
            r#"4301 = { status = "healthy", people = 4294967296 }"#, // too large
            r#"4301 = { status = "healthy", since = 2026-02-30 }"#,  // no such day
            r#"4301 = { status = "healthy", since = 2026-02-03 10:00 }"#, // a time
            r#"4301 = { status = "healthy", since = 2026-02-03T10:00 }"#, // a time
            r#"4301 = { status = "isolating", since = 2026-02-03, until = 2026-02-01 }"#,
            r#"4301 = { status = "healthy", }"#, // trailing comma
            r#"4301 = { status = "healthy" } x"#, // after the table
            r#""4301" = { status = "healthy" }"#, // quoted key
            r#"a.b = { status = "healthy" }"#,   // dotted key
            "4301 = { status = \"healthy\", note = \"a\u{1b}[31m\" }", // control character
            "4301 = { status = \"healthy\" } # \u{7f}", // in a comment
            r#"4301 = { status = "healthy", live-work = yes }"#,
            r#"4301 = { status = "healthy", name = 3 }"#,
        ];
        for l in refused {
            assert_eq!(unit(l.as_bytes()), None, "{l}");
        }
    }

    #[test]
    fn a_file_in_loupans_form_is_counted_as_its_whole_reading_counts_it() {
        let mut text = super::super::new_building_text("测试", 3, 2);
        text.push_str("# 上门核实\n");
        assert!(text.contains("101 = { status = \"unknown\" }"), "{text}");
        text = text.replace(
            "101 = { status = \"unknown\" }",
            "101 = { status = \"isolating\", since = 2026-11-20 } # 电话\r",
        );
        let b = super::super::parse("t", text.as_bytes()).unwrap();
        assert_eq!(
            counts("t", text.as_bytes()),
            Some((b.name.clone(), Counts::of(&b)))
        );
        for broken in [
            text.replace("101 = {", "999 = {"), // not in the layout
            text.replace("102 = {", "101 = {"), // twice
            format!("{text}[more]\n"),          // a table after [units]
            text.replace("# 上门核实", "note = '''\nx\n'''"), // a multi-line text
            text.replace("floors = 3", "floors = 0"), // a head that does not read
        ] {
            assert_eq!(counts("t", broken.as_bytes()), None, "{broken}");
        }
    }
}
