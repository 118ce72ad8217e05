//! One journal line ↔ one entry. Writing gives the canonical form; reading takes the canonical form
//! by a strict fast path (a year of journal is 24 MB; a general TOML parser reads it in seconds) and
//! anything else — a hand edit, another tool — through the `toml` crate, so that what is read is
//! always what TOML says. A property test holds the two paths to the same answers. Pure.

use super::{Entry, Outcome, Via};
use crate::codec::{Problem, position, toml_string};
use crate::i18n::Text;
use crate::text::SmallStr;
use crate::tr;
use jiff::civil::DateTime;
use toml::de::{DeTable, DeValue};

/// The canonical line of an entry (without its line end).
pub fn encode(e: &Entry) -> String {
    let key = toml_edit::Key::new(&*e.id).to_string();
    let at = e.at;
    let mut s = format!(
        "{key} = {{ at = {:04}-{:02}-{:02}T{:02}:{:02}:{:02}, by = {}, building = {}, unit = {}, via = \"{}\", outcome = \"{}\"",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        toml_string(&e.by),
        toml_string(&e.building),
        toml_string(&e.unit),
        e.via.key(),
        e.outcome.key(),
    );
    if let Some(w) = &e.withdraws {
        s.push_str(", withdraws = ");
        s.push_str(&toml_string(w).to_string());
    }
    if let Some(n) = &e.note {
        s.push_str(", note = ");
        s.push_str(&toml_string(n).to_string());
    }
    s.push_str(" }");
    s
}

/// One line: `Ok(None)` for a blank or comment line; the entry; or what is wrong (column, text).
pub fn parse_line(line: &str) -> Result<Option<Entry>, (usize, Text)> {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') {
        return Ok(None);
    }
    if let Some(e) = fast(line) {
        return Ok(Some(e));
    }
    slow(line).map(Some)
}

/// Every entry of a file with its line number, and every problem (a broken line, an id twice,
/// a git conflict marker), located.
pub fn parse_file(text: &str) -> (Vec<(usize, Entry)>, Vec<Problem>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut entries: Vec<(usize, Entry)> = Vec::new();
    let mut problems = Vec::new();
    let mut seen: std::collections::HashMap<_, (usize, usize)> = std::collections::HashMap::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.starts_with("<<<<<<<")
            || line.starts_with(">>>>>>>")
            || line.trim_end() == "======="
        {
            problems.push(Problem::error(
                n + 1,
                1,
                tr!(
                    "a git merge conflict marker; the journal merges without them once `loupan init` has run: keep every entry line and delete the marker lines",
                    "git 合并冲突标记；运行过 `loupan init` 后日志合并不会产生冲突：保留所有记录行，删掉标记行"
                ),
            ));
            continue;
        }
        match parse_line(line) {
            Ok(Some(e)) => {
                if let Some(&(first, i)) = seen.get(&e.id) {
                    problems.push(twice(&e, n + 1, first, entries[i].1 == e));
                    continue;
                }
                seen.insert(e.id.clone(), (n + 1, entries.len()));
                entries.push((n + 1, e));
            }
            Ok(None) => {}
            Err((col, m)) => problems.push(Problem::error(n + 1, col, m)),
        }
    }
    (entries, problems)
}

/// An entry's id a second time: the same entry again (two merges brought it) is read once and
/// only warned about; two different entries under one id are an error, for a person to settle.
fn twice(e: &Entry, line: usize, first: usize, same: bool) -> Problem {
    let id = crate::display::inline(&e.id);
    if same {
        return Problem {
            severity: crate::codec::Severity::Warning,
            ..Problem::error(
                line,
                1,
                tr!(
                    "entry {id} is line {first} again; it is read once (`loupan journal` can leave it, or delete this line)",
                    "记录 {id} 与第 {first} 行完全相同；只计一次（可保留，也可删除这一行）"
                ),
            )
        };
    }
    Problem::error(
        line,
        1,
        tr!(
            "entry {id} is also on line {first}, with other values; keep the right one",
            "记录 {id} 在第 {first} 行也有，但内容不同；请保留正确的一条"
        ),
    )
}

/// The canonical form, exactly as `encode` writes it; `None` for anything else.
fn fast(line: &str) -> Option<Entry> {
    let mut c = Cursor {
        s: line.as_bytes(),
        i: 0,
    };
    let id = c.bare_key()?;
    c.lit(b" = { at = ")?;
    let at = c.datetime()?;
    c.lit(b", by = ")?;
    let by = c.string()?;
    c.lit(b", building = ")?;
    let building = c.string()?;
    c.lit(b", unit = ")?;
    let unit = c.string()?;
    c.lit(b", via = ")?;
    let via_key = c.string()?;
    let via = Via::ALL.into_iter().find(|v| v.key() == via_key)?;
    c.lit(b", outcome = ")?;
    let outcome_key = c.string()?;
    let outcome = Outcome::EVERY
        .into_iter()
        .find(|o| o.key() == outcome_key)?;
    let withdraws = if c.s[c.i..].starts_with(b", withdraws = ") {
        c.lit(b", withdraws = ")?;
        Some(c.string()?)
    } else {
        None
    };
    let note = if c.s[c.i..].starts_with(b", note = ") {
        c.lit(b", note = ")?;
        Some(c.string()?)
    } else {
        None
    };
    c.lit(b" }")?;
    // after the entry: nothing, or a comment without control characters (as TOML allows)
    let rest = std::str::from_utf8(&c.s[c.i..]).ok()?.trim();
    let comment = rest.starts_with('#') && rest.chars().all(|ch| ch == '\t' || !ch.is_control());
    if !(rest.is_empty() || comment) {
        return None;
    }
    Some(Entry {
        id: id.as_str().into(),
        at,
        by: by.as_str().into(),
        building: building.as_str().into(),
        unit: unit.as_str().into(),
        via,
        outcome,
        note: note.map(SmallStr::from),
        withdraws: withdraws.map(SmallStr::from),
    })
}

/// A reader of loupan's own canonical lines, byte by byte (the private store's lines use it too).
pub(crate) struct Cursor<'a> {
    pub(crate) s: &'a [u8],
    pub(crate) i: usize,
}

impl Cursor<'_> {
    pub(crate) fn lit(&mut self, l: &[u8]) -> Option<()> {
        self.s[self.i..].starts_with(l).then(|| self.i += l.len())
    }

    pub(crate) fn bare_key(&mut self) -> Option<String> {
        let start = self.i;
        while self
            .s
            .get(self.i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        {
            self.i += 1;
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }

    pub(crate) fn digits(&mut self, n: usize) -> Option<i32> {
        let d = self.s.get(self.i..self.i + n)?;
        if !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.i += n;
        std::str::from_utf8(d).ok()?.parse().ok()
    }

    /// `YYYY-MM-DDTHH:MM:SS`, a real local date and time.
    fn datetime(&mut self) -> Option<DateTime> {
        let y = self.digits(4)?;
        self.lit(b"-")?;
        let mo = self.digits(2)?;
        self.lit(b"-")?;
        let d = self.digits(2)?;
        self.lit(b"T")?;
        let h = self.digits(2)?;
        self.lit(b":")?;
        let mi = self.digits(2)?;
        self.lit(b":")?;
        let s = self.digits(2)?;
        DateTime::new(y as i16, mo as i8, d as i8, h as i8, mi as i8, s as i8, 0).ok()
    }

    /// A TOML basic string with TOML 1.0's escapes; anything unusual is left to the slow path.
    pub(crate) fn string(&mut self) -> Option<String> {
        self.lit(b"\"")?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let b = *self.s.get(self.i)?;
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    let ch = match e {
                        b'b' => '\u{8}',
                        b't' => '\t',
                        b'n' => '\n',
                        b'f' => '\u{c}',
                        b'r' => '\r',
                        b'"' => '"',
                        b'\\' => '\\',
                        b'u' => self.hex(4)?,
                        b'U' => self.hex(8)?,
                        _ => return None,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                b'\t' => out.push(b),
                0..=0x1f | 0x7f => return None,
                _ => out.push(b),
            }
        }
    }

    fn hex(&mut self, n: usize) -> Option<char> {
        let h = std::str::from_utf8(self.s.get(self.i..self.i + n)?).ok()?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.i += n;
        char::from_u32(u32::from_str_radix(h, 16).ok()?)
    }
}

/// Any other line, read as TOML says; a precise complaint when it is not an entry.
fn slow(line: &str) -> Result<Entry, (usize, Text)> {
    let root = DeTable::parse(line).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        (
            position(line, at).1,
            tr!(
                "this journal line is not valid TOML; each line is one entry: `ID = {{ at = …, by = \"…\", building = \"…\", unit = \"…\", via = \"call\", outcome = \"well\" }}`",
                "这一行日志不符合 TOML 格式；每行是一条记录：`编号 = {{ at = …, by = \"…\", building = \"…\", unit = \"…\", via = \"call\", outcome = \"well\" }}`"
            ),
        )
    })?;
    let root = root.get_ref();
    let mut keys = root.iter();
    let (Some((k, v)), None) = (keys.next(), keys.next()) else {
        return Err((
            1,
            tr!(
                "a journal line holds exactly one entry",
                "每行日志只能有一条记录"
            ),
        ));
    };
    let DeValue::Table(t) = v.get_ref() else {
        let col = position(line, v.span().start).1;
        return Err((
            col,
            tr!(
                "an entry is an inline table `{{ … }}`",
                "一条记录要写成 `{{ … }}`"
            ),
        ));
    };
    let f = Fields { line, t };
    let via_text = f.text("via")?;
    let via = Via::parse(&via_text).ok_or_else(|| {
        let v = crate::display::inline(&via_text);
        (
            1,
            tr!(
                "unknown way \"{v}\"; valid: call, message, visit",
                "未知方式“{v}”；可用：`call`（电话）、`message`（消息）、`visit`（上门）"
            ),
        )
    })?;
    let outcome_text = f.text("outcome")?;
    let outcome =
        Outcome::parse(&outcome_text).ok_or_else(|| (1, Outcome::unknown(&outcome_text)))?;
    let optional = |name: &'static str| match f.get(name) {
        Some(_) => f.text(name).map(|t| Some(SmallStr::from(t.as_str()))),
        None => Ok(None),
    };
    let (note, withdraws) = (optional("note")?, optional("withdraws")?);
    Ok(Entry {
        id: k.get_ref().as_ref().into(),
        at: f.at()?,
        by: f.text("by")?.as_str().into(),
        building: f.text("building")?.as_str().into(),
        unit: f.text("unit")?.as_str().into(),
        via,
        outcome,
        note,
        withdraws,
    })
}

/// An entry's fields as TOML read them, each taken with a located complaint.
struct Fields<'a, 't> {
    line: &'a str,
    t: &'a DeTable<'t>,
}

impl Fields<'_, '_> {
    fn get(&self, name: &str) -> Option<&toml::Spanned<DeValue<'_>>> {
        self.t
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(_, v)| v)
    }

    fn col(&self, v: &toml::Spanned<DeValue<'_>>) -> usize {
        position(self.line, v.span().start).1
    }

    fn text(&self, name: &'static str) -> Result<String, (usize, Text)> {
        match self.get(name) {
            Some(v) => match v.get_ref() {
                DeValue::String(s) => Ok(s.to_string()),
                _ => Err((
                    self.col(v),
                    tr!("`{name}` must be a quoted text", "`{name}` 的值要加引号"),
                )),
            },
            None => Err((1, tr!("the entry has no `{name}`", "这条记录缺少 `{name}`"))),
        }
    }

    fn at(&self) -> Result<DateTime, (usize, Text)> {
        let Some(v) = self.get("at") else {
            return Err((1, tr!("the entry has no `at`", "这条记录缺少 `at`")));
        };
        let col = self.col(v);
        let DeValue::Datetime(dt) = v.get_ref() else {
            return Err((
                col,
                tr!(
                    "`at` must be a date and time without quotes",
                    "`at` 的日期时间不要加引号"
                ),
            ));
        };
        let (Some(d), Some(tm), None) = (dt.date, dt.time, dt.offset) else {
            return Err((
                col,
                tr!(
                    "`at` must be a local date and time, e.g. 2026-11-29T08:30:12",
                    "`at` 要写本地日期时间，例如 2026-11-29T08:30:12"
                ),
            ));
        };
        let sec = tm.second.unwrap_or(0) as i8;
        DateTime::new(
            d.year as i16,
            d.month as i8,
            d.day as i8,
            tm.hour as i8,
            tm.minute as i8,
            sec,
            0,
        )
        .map_err(|_| {
            (
                col,
                tr!(
                    "`at` is not a real date and time",
                    "`at` 不是有效的日期时间"
                ),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(note: Option<&str>) -> Entry {
        Entry {
            id: "3fa29c0b71de".into(),
            at: jiff::civil::date(2026, 11, 29).at(8, 30, 12, 0),
            by: "王芳".into(),
            building: "haigang".into(),
            unit: "1203".into(),
            via: Via::Call,
            outcome: Outcome::Well,
            note: note.map(SmallStr::from),
            withdraws: None,
        }
    }

    #[test]
    fn the_canonical_line_reads_back_by_both_paths() {
        let withdrawal = entry(None).withdrawal(
            "0a1b2c3d4e5f".into(),
            jiff::civil::date(2026, 11, 29).at(9, 0, 0, 0),
            "王芳".into(),
        );
        assert!(encode(&withdrawal).contains(", withdraws = \"3fa29c0b71de\" }"));
        for e in [None, Some("体温正常"), Some("a\nb\u{1b}[2J\u{202E}\"\\")]
            .map(entry)
            .into_iter()
            .chain([withdrawal])
        {
            let line = encode(&e);
            assert!(!line.contains('\n'), "{line}");
            assert_eq!(fast(&line), Some(e.clone()), "{line}");
            assert_eq!(slow(&line).ok(), Some(e), "{line}");
        }
    }

    #[test]
    fn other_forms_go_the_slow_way_and_problems_are_located() {
        let hand = "x1 = { outcome = \"正常\", via = \"电话\", at = 2026-11-29T08:30:00, by = 'me', building = \"b\", unit = \"101\" }";
        assert!(fast(hand).is_none());
        let e = parse_line(hand).unwrap().unwrap();
        assert_eq!((e.outcome, e.via, &*e.by), (Outcome::Well, Via::Call, "me"));
        let (col, m) = parse_line("x2 = { at = 2026-11-29T08:30:00, by = \"me\", building = \"b\", unit = \"1\", via = \"call\", outcome = \"fine\" }").unwrap_err();
        assert_eq!(col, 1);
        assert!(m.en.contains("unknown outcome \"fine\""), "{m}");
        let (col, _) = parse_line("x3 = { at = 2026-11-29T08:30:00, by = \"me").unwrap_err();
        assert!(col > 1);
        let (entries, problems) = parse_file(&format!(
            "{}\n\n# a comment\n{}\n",
            encode(&entry(None)),
            encode(&entry(None))
        ));
        assert_eq!(entries.len(), 1);
        // the very same entry twice (two merges brought it): read once, a warning only
        assert!(
            problems[0]
                .to_string()
                .starts_with("4:1: warning: entry 3fa29c0b71de is line 1 again"),
            "{problems:?}"
        );
        // one id with other values: an error
        let mut other = entry(None);
        other.unit = "999".into();
        let (entries, problems) = parse_file(&format!(
            "{}
{}
",
            encode(&entry(None)),
            encode(&other)
        ));
        assert_eq!(entries.len(), 1);
        assert_eq!(problems[0].severity, crate::codec::Severity::Error);
        assert!(
            problems[0]
                .to_string()
                .starts_with("2:1: entry 3fa29c0b71de is also on line 1, with other values"),
            "{problems:?}"
        );
    }
}
