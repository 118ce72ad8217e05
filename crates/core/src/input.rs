//! What people type, made exact: full-width characters from a Chinese input method, and dates
//! written the way staff say them (`今天`, `明天`, `+14`, `2026/12/3`). Pure: "today" is passed in.

use super::i18n::Text;
use crate::tr;
use jiff::civil::Date;
use std::borrow::Cow;

/// Full-width ASCII variants (`１`, `／`, `？`) and the ideographic space as their ASCII selves.
pub fn halfwidth(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| halfwidth_char(c) == c) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(halfwidth_char).collect())
}

pub fn halfwidth_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A key typed with a Chinese input method, as the ASCII key it stands for: full-width forms, and
/// the punctuation that keys produce in Chinese mode (`、` for `/`, `【` for `[`, `。` for `.`).
pub fn key_char(c: char) -> char {
    match c {
        '、' => '/',
        '【' => '[',
        '】' => ']',
        '。' => '.',
        '《' => '<',
        '》' => '>',
        '·' => '`',
        '￥' => '$',
        '…' => '^',
        other => halfwidth_char(other),
    }
}

/// Month lengths, for saying why a date does not exist.
fn days_in_month(year: i16, month: i8) -> Option<i8> {
    Date::new(year, month, 1).ok().map(|d| d.days_in_month())
}

/// A date written somewhere in a text (a ledger's file name or title): `2026-11-20`,
/// `2026/11/20`, `2026.11.20`, `2026年11月20日`, `20261120`. The first plausible one.
pub fn date_in(text: &str) -> Option<Date> {
    let t: String = halfwidth(text)
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' => '-',
            c if c.is_ascii_digit() || c == '-' => c,
            _ => ' ',
        })
        .collect();
    t.split(' ').find_map(|tok| {
        let parts: Vec<&str> = tok.split('-').filter(|p| !p.is_empty()).collect();
        let (y, m, d) = match parts.as_slice() {
            [y, m, d, ..] if y.len() == 4 => (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
            [one] if one.len() == 8 => (
                one[..4].parse().ok()?,
                one[4..6].parse().ok()?,
                one[6..].parse().ok()?,
            ),
            _ => return None,
        };
        Date::new(y, m, d)
            .ok()
            .filter(|d| crate::fields::DATES.contains(d))
    })
}

/// A date as staff type it: `2026-12-13`, `2026/12/13`, `2026.12.13`, `today`/`今天`,
/// `tomorrow`/`明天`, `yesterday`/`昨天`, `+14`, `-3` (days from today). Full-width digits count.
pub fn parse_date(raw: &str, today: Date) -> Result<Date, Text> {
    let input = &*super::display::inline(raw);
    let t = halfwidth(input.trim()).to_lowercase();
    let offset = match t.as_str() {
        "today" | "今天" | "今日" => Some(0),
        "tomorrow" | "明天" | "明日" => Some(1),
        "yesterday" | "昨天" | "昨日" => Some(-1),
        _ => t
            .strip_prefix('+')
            .and_then(|n| n.parse::<i32>().ok())
            .or_else(|| {
                t.strip_prefix('-')
                    .and_then(|n| n.parse::<i32>().ok().map(|n| -n))
            }),
    };
    if let Some(days) = offset {
        return today
            .checked_add(jiff::Span::new().days(days.clamp(-100_000, 100_000)))
            .map_err(|_| tr!("{input} is too far from today", "{input} 离今天太远"));
    }
    let parts: Vec<&str> = t
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let nums: Option<Vec<i32>> = parts.iter().map(|p| p.parse::<i32>().ok()).collect();
    let (y, m, d) = match nums.as_deref() {
        Some([y, m, d]) if parts[0].len() == 4 => (*y, *m, *d),
        _ => return Err(date_format_error(input)),
    };
    if !(1..=12).contains(&m) {
        return Err(tr!(
            "{input} is not a real date: there is no month {m}",
            "{input} 不是有效日期：没有 {m} 月"
        ));
    }
    let (y16, m8) = (y.clamp(1, 9999) as i16, m as i8);
    match days_in_month(y16, m8) {
        Some(max) if d >= 1 && d <= i32::from(max) => {
            Date::new(y16, m8, d as i8).map_err(|_| date_format_error(input))
        }
        Some(max) => Err(tr!(
            "{input} is not a real date: month {m} of {y} has {max} days",
            "{input} 不是有效日期：{y} 年 {m} 月只有 {max} 天"
        )),
        None => Err(date_format_error(input)),
    }
}

fn date_format_error(input: &str) -> Text {
    tr!(
        "\"{input}\" is not a date; write 2026-12-13, today, tomorrow, +14 or -3",
        "“{input}”不是日期；请写 2026-12-13、今天、明天、+14 或 -3"
    )
}

/// When a contact was made, as typed for `follow-up --at`: a date as [`parse_date`] reads it
/// (`2026-11-20`, `yesterday`, `-2`) and a time `HH:MM`, or a time alone (today). Never after
/// `now`: a follow-up not yet made cannot be logged.
pub fn parse_moment(raw: &str, now: jiff::civil::DateTime) -> Result<jiff::civil::DateTime, Text> {
    let input = &*super::display::inline(raw);
    let mut t = halfwidth(input.trim()).replace('：', ":");
    // 2026-11-20T18:30, as ISO writes it
    if t.len() > 10 && t.is_char_boundary(10) && t.is_char_boundary(11) && &t[10..11] == "T" {
        t.replace_range(10..11, " ");
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let (day, time) = match t.trim().rsplit_once(' ') {
        Some((d, h)) => (parse_date(d, now.date())?, h.to_string()),
        None if t.contains(':') => (now.date(), t.trim().to_string()),
        None => (parse_date(&t, now.date())?, "12:00".to_string()),
    };
    let bad = || {
        tr!(
            "{input}: write the time as HH:MM, e.g. \"2026-11-20 18:30\" or \"yesterday 18:30\"",
            "{input}：时间请写成 时:分，例如“2026-11-20 18:30”或“昨天 18:30”"
        )
    };
    let (h, m) = time.split_once(':').ok_or_else(bad)?;
    let (h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let at = day.to_datetime(jiff::civil::Time::new(h, m, 0, 0).map_err(|_| bad())?);
    if at > now {
        return Err(tr!(
            "{input} is in the future; a follow-up is logged once it is made",
            "{input} 还没有到；随访做过之后才能登记"
        ));
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        jiff::civil::date(2026, 11, 29)
    }

    #[test]
    fn relative_and_written_dates() {
        let p = |s: &str| parse_date(s, today()).map(|d| d.to_string());
        assert_eq!(p("今天").unwrap(), "2026-11-29");
        assert_eq!(p("today").unwrap(), "2026-11-29");
        assert_eq!(p("明天").unwrap(), "2026-11-30");
        assert_eq!(p("+14").unwrap(), "2026-12-13");
        assert_eq!(p("-3").unwrap(), "2026-11-26");
        assert_eq!(p("２０２６－１２－１３").unwrap(), "2026-12-13");
        assert_eq!(p("2026/12/3").unwrap(), "2026-12-03");
        assert_eq!(p("2026年12月3日").unwrap(), "2026-12-03");
    }

    #[test]
    fn impossible_dates_say_why() {
        let e = parse_date("2026-12-32", today()).unwrap_err();
        assert!(e.en.contains("has 31 days"), "{e}");
        assert!(e.zh.contains("只有 31 天"), "{}", e.zh);
        let e = parse_date("2026-02-29", today()).unwrap_err();
        assert!(e.en.contains("has 28 days"), "{e}");
        let e = parse_date("next week", today()).unwrap_err();
        assert!(e.en.contains("2026-12-13"), "the format is shown: {e}");
    }

    #[test]
    fn input_method_keys() {
        assert_eq!(key_char('２'), '2');
        assert_eq!(key_char('／'), '/');
        assert_eq!(key_char('？'), '?');
        assert_eq!(key_char('、'), '/');
        assert_eq!(key_char('【'), '[');
        assert_eq!(halfwidth("１２３"), "123");
    }

    #[test]
    fn a_moment_is_a_date_and_a_time_never_in_the_future() {
        let now = jiff::civil::date(2026, 12, 5).at(10, 0, 0, 0);
        let at = |s: &str| parse_moment(s, now).map(|d| d.to_string());
        assert_eq!(at("2026-11-20 18:30").unwrap(), "2026-11-20T18:30:00");
        assert_eq!(at("昨天 18：30").unwrap(), "2026-12-04T18:30:00");
        assert_eq!(at("-2 8:05").unwrap(), "2026-12-03T08:05:00");
        assert_eq!(at("09:59").unwrap(), "2026-12-05T09:59:00");
        assert_eq!(at("Today 9:00").unwrap(), "2026-12-05T09:00:00");
        assert_eq!(at("2026-11-20T18:30").unwrap(), "2026-11-20T18:30:00");
        assert!(at("10:01").is_err(), "in the future");
        assert!(at("2026-11-20 25:00").is_err());
        assert!(at("2026-11-20 18").is_err());
    }
}
