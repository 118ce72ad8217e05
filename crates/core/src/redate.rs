//! Demo data that lives today: the dates written in a sample or generated file, moved as a whole
//! (a day written as "yesterday" stays yesterday), outside quoted text (a note's "11-20 复查" is
//! the user's words).

use jiff::civil::Date;

/// `text` with every date literal (`2026-11-29`, also inside `2026-11-29T08:31:59`) outside quoted
/// strings replaced by `map(date, key)`, where `key` is the key it is the value of (`since`).
pub fn redate(text: &str, map: &dyn Fn(Date, &str) -> Date) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(&redate_line(line, map));
    }
    out
}

fn redate_line(line: &str, map: &dyn Fn(Date, &str) -> Date) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let (mut i, mut quoted, mut from) = (0, false, 0);
    while i < b.len() {
        match b[i] {
            b'\\' if quoted => i += 1,
            b'"' => quoted = !quoted,
            b'#' if !quoted => break,
            _ if !quoted && date_at(b, i) => {
                if let Ok(d) = line[i..i + 10].parse::<Date>() {
                    out.push_str(&line[from..i]);
                    out.push_str(&map(d, key_before(&line[..i])).to_string());
                    from = i + 10;
                    i += 9;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&line[from..]);
    out
}

/// Whether `YYYY-MM-DD` starts at `i`, not inside a longer number.
fn date_at(b: &[u8], i: usize) -> bool {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    (i == 0 || !b[i - 1].is_ascii_digit())
        && (0..4).all(|k| digit(i + k))
        && b.get(i + 4) == Some(&b'-')
        && digit(i + 5)
        && digit(i + 6)
        && b.get(i + 7) == Some(&b'-')
        && digit(i + 8)
        && digit(i + 9)
        && !digit(i + 10)
}

/// The bare key a value follows: `since` in `… since = `.
fn key_before(head: &str) -> &str {
    let head = head.trim_end().strip_suffix('=').unwrap_or("").trim_end();
    let start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map_or(0, |k| k + 1);
    &head[start..]
}

/// The sample's dates moved by the days from the day it was written (`from`) to `to`.
pub fn shift(text: &str, from: Date, to: Date) -> String {
    let span = to - from;
    redate(text, &|d, _| d.checked_add(span).unwrap_or(d))
}

/// A generated data set's dates (February 2020 in the generator) as of `today`: the last
/// generated day is yesterday, and an isolation began 0–16 days ago, so most are under way and
/// a few are past their 14 days. A date after the generator's is left as it is.
pub fn generated(text: &str, today: Date) -> String {
    let last = Date::constant(2020, 2, 28);
    let yesterday = today.yesterday().unwrap_or(today);
    redate(text, &|d, key| {
        if d > last {
            d
        } else if key == "since" {
            let back = i64::from((last.day() - d.day()).rem_euclid(17));
            today
                .checked_sub(jiff::Span::new().days(back))
                .unwrap_or(today)
        } else {
            d.checked_add(yesterday - last).unwrap_or(d)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_move_and_quoted_text_does_not() {
        let text = "701 = { status = \"healthy\", checked = 2026-11-20, note = \"2026-11-20 复查\" }\n\
                    a = { at = 2026-11-29T08:31:59, by = \"张丽\" }\n# 2026-11-29\nfloors = \"1-3\"\n";
        let moved = shift(text, d("2026-11-29"), d("2026-12-06"));
        assert_eq!(
            moved,
            "701 = { status = \"healthy\", checked = 2026-11-27, note = \"2026-11-20 复查\" }\n\
             a = { at = 2026-12-06T08:31:59, by = \"张丽\" }\n# 2026-11-29\nfloors = \"1-3\"\n"
        );
        assert_eq!(
            shift("journal/2026-11-25.toml", d("2026-11-29"), d("2026-12-06")),
            "journal/2026-12-02.toml"
        );
    }

    #[test]
    fn generated_isolations_are_under_way_today() {
        let today = d("2026-12-07");
        let text = "1 = { status = \"isolating\", since = 2020-02-01, checked = 2020-02-28 }\n";
        let moved = generated(text, today);
        assert_eq!(
            moved,
            "1 = { status = \"isolating\", since = 2026-11-27, checked = 2026-12-06 }\n"
        );
        assert_eq!(generated(&moved, today), moved, "moved once");
        for day in 1..=28 {
            let t = format!("x = {{ since = 2020-02-{day:02} }}\n");
            let since: Date = generated(&t, today)[14..24].parse().unwrap();
            assert!(since <= today && since >= d("2026-11-21"), "{since}");
        }
    }
}
