//! The follow-up journal: every call, message and door-knock, one line per entry, only ever
//! appended. Pure: entries, outcomes, the line format, and the index the day's work is read from.
//!
//! A file holds one day, `journal/2026-11-29.toml`; each line is
//! `<id> = { at = 2026-11-29T08:30:12, by = "王芳", building = "haigang", unit = "1203", via = "call", outcome = "well", note = "体温正常" }`.
//! A slip is withdrawn by another line, `withdraws = "<id>"` after the outcome: nothing is
//! rewritten, and the index leaves both out.
//! The id is random, so that two people's entries of one day merge in git (loupan's merge driver
//! keeps every line of both sides, each once: `merge.rs`) without two lines ever sharing a key.

pub mod index;
pub(crate) mod line;
mod merge;

pub use index::{DayMark, Index, UnitLog};
pub use line::{encode, parse_file, parse_line};
pub use merge::merge_lines;

use super::i18n::{Lang, Text};
use super::text::SmallStr;
use crate::tr;
use jiff::civil::{Date, DateTime};

/// How a household or company was reached (or not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    Call,
    Message,
    Visit,
}

impl Via {
    pub const ALL: [Via; 3] = [Via::Call, Via::Message, Via::Visit];

    pub fn key(self) -> &'static str {
        match self {
            Via::Call => "call",
            Via::Message => "message",
            Via::Visit => "visit",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Via::Call => "电话",
            Via::Message => "消息",
            Via::Visit => "上门",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.key(), self.zh())
    }

    pub fn parse(s: &str) -> Option<Via> {
        let t = s.trim();
        Via::ALL
            .into_iter()
            .find(|v| v.key().eq_ignore_ascii_case(t) || v.zh() == t)
    }
}

/// What came of a follow-up (docs/spec.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Well,
    NeedsHelp,
    Symptoms,
    NoAnswer,
    NotHome,
    Refused,
    /// A company's question answered (答疑), by topic (docs/spec.md §11).
    Consulted(Topic),
}

/// What a company asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    Resumption,
    Policy,
    Supplies,
    Other,
}

impl Topic {
    pub const ALL: [Topic; 4] = [
        Topic::Resumption,
        Topic::Policy,
        Topic::Supplies,
        Topic::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Topic::Resumption => "resumption",
            Topic::Policy => "policy",
            Topic::Supplies => "supplies",
            Topic::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Topic::Resumption => "复工",
            Topic::Policy => "政策",
            Topic::Supplies => "物资",
            Topic::Other => "其他",
        }
    }

    pub fn parse(s: &str) -> Option<Topic> {
        let t = s.trim();
        Topic::ALL
            .into_iter()
            .find(|x| x.key().eq_ignore_ascii_case(t) || x.zh() == t)
    }
}

impl Outcome {
    /// Every outcome a journal line may hold: the six of the keys, then the questions answered.
    pub const EVERY: [Outcome; 10] = [
        Outcome::Well,
        Outcome::NeedsHelp,
        Outcome::Symptoms,
        Outcome::NoAnswer,
        Outcome::NotHome,
        Outcome::Refused,
        Outcome::Consulted(Topic::Resumption),
        Outcome::Consulted(Topic::Policy),
        Outcome::Consulted(Topic::Supplies),
        Outcome::Consulted(Topic::Other),
    ];

    /// In the order of the keys 1–6 of the follow-up window.
    pub const ALL: [Outcome; 6] = [
        Outcome::Well,
        Outcome::NeedsHelp,
        Outcome::Symptoms,
        Outcome::NoAnswer,
        Outcome::NotHome,
        Outcome::Refused,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Outcome::Well => "well",
            Outcome::NeedsHelp => "needs-help",
            Outcome::Symptoms => "symptoms",
            Outcome::NoAnswer => "no-answer",
            Outcome::NotHome => "not-home",
            Outcome::Refused => "refused",
            Outcome::Consulted(Topic::Resumption) => "consulted-resumption",
            Outcome::Consulted(Topic::Policy) => "consulted-policy",
            Outcome::Consulted(Topic::Supplies) => "consulted-supplies",
            Outcome::Consulted(Topic::Other) => "consulted-other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Outcome::Well => "正常",
            Outcome::NeedsHelp => "需要帮助",
            Outcome::Symptoms => "有症状",
            Outcome::NoAnswer => "未接通",
            Outcome::NotHome => "无人应答",
            Outcome::Refused => "拒绝",
            Outcome::Consulted(Topic::Resumption) => "答疑：复工",
            Outcome::Consulted(Topic::Policy) => "答疑：政策",
            Outcome::Consulted(Topic::Supplies) => "答疑：物资",
            Outcome::Consulted(Topic::Other) => "答疑：其他",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.key(), self.zh())
    }

    /// The outcome in words that fit the way of contact: a call that does not connect is
    /// "未接通", a door nobody answers "无人应答/不在家", a message nobody answers "未回复".
    pub fn said(self, via: Via, lang: Lang) -> &'static str {
        let (en, zh) = match (self, via) {
            (Outcome::Well, _) => ("well", "正常"),
            (Outcome::NeedsHelp, _) => ("needs help", "需要帮助"),
            (Outcome::Symptoms, _) => ("symptoms", "有症状"),
            (Outcome::NoAnswer, Via::Call) => ("no answer", "未接通"),
            (Outcome::NoAnswer, Via::Message) => ("no reply", "未回复"),
            (Outcome::NoAnswer, Via::Visit) => ("door not opened", "无人开门"),
            (Outcome::NotHome, Via::Call) => ("not home (family answered)", "本人不在（家人接听）"),
            (Outcome::NotHome, Via::Message) => ("not home", "不在家"),
            (Outcome::NotHome, Via::Visit) => ("no answer / not home", "无人应答/不在家"),
            (Outcome::Refused, _) => ("refused", "拒绝"),
            (Outcome::Consulted(Topic::Resumption), _) => ("answered: resumption", "答疑：复工"),
            (Outcome::Consulted(Topic::Policy), _) => ("answered: policy", "答疑：政策"),
            (Outcome::Consulted(Topic::Supplies), _) => ("answered: supplies", "答疑：物资"),
            (Outcome::Consulted(Topic::Other), _) => ("answered: other", "答疑：其他"),
        };
        lang.pick(en, zh)
    }

    /// Whether the person was reached (the call counts for the day).
    pub fn reached(self) -> bool {
        matches!(
            self,
            Outcome::Well | Outcome::NeedsHelp | Outcome::Symptoms | Outcome::Consulted(_)
        )
    }

    /// An outcome as typed for a way of contact: first the words the follow-up window shows
    /// for that way, then as [`Outcome::parse`].
    pub fn parse_for(s: &str, via: Via) -> Option<Outcome> {
        let t = s.trim();
        Outcome::ALL
            .into_iter()
            .find(|o| o.said(via, Lang::Zh) == t || o.said(via, Lang::En).eq_ignore_ascii_case(t))
            .or_else(|| Outcome::parse(t))
    }

    /// The key, the Chinese name, or the English key with `_` for `-`, or the words of any way.
    pub fn parse(s: &str) -> Option<Outcome> {
        let t = s.trim();
        Outcome::EVERY.into_iter().find(|o| {
            o.key().eq_ignore_ascii_case(t)
                || o.zh() == t
                || o.key().replace('-', "_").eq_ignore_ascii_case(t)
                // the words the follow-up window shows for each way, as typed from it
                || Via::ALL
                    .into_iter()
                    .any(|v| o.said(v, Lang::Zh) == t || o.said(v, Lang::En).eq_ignore_ascii_case(t))
        })
    }

    /// "unknown outcome "x"; valid: well (正常), …" in both languages.
    pub fn unknown(given: &str) -> Text {
        let given = super::display::inline(given);
        let en = Outcome::ALL
            .iter()
            .map(|o| format!("{} ({})", o.key(), o.zh()))
            .collect::<Vec<_>>()
            .join(", ");
        let zh = Outcome::ALL
            .iter()
            .map(|o| o.zh())
            .collect::<Vec<_>>()
            .join("、");
        tr!(
            "unknown outcome \"{given}\"; valid: {en}",
            "未知结果“{given}”；可用：{zh}（英文 `well`、`no-answer` 等也可以）"
        )
    }
}

/// One follow-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Unique within the journal; the line's key.
    pub id: SmallStr,
    /// Local date and time.
    pub at: DateTime,
    /// Who made it: git's `user.name` for the data repository, else the login name.
    pub by: SmallStr,
    pub building: SmallStr,
    pub unit: SmallStr,
    pub via: Via,
    pub outcome: Outcome,
    pub note: Option<SmallStr>,
    /// The entry this one withdraws (a slip taken back): the journal stays append-only, and
    /// every count reads the day without both.
    pub withdraws: Option<SmallStr>,
}

impl Entry {
    pub fn date(&self) -> Date {
        self.at.date()
    }

    /// The entry that withdraws this one: its unit, way and outcome (so the line reads whole),
    /// no note, made `at` by `by` with its own `id`.
    pub fn withdrawal(&self, id: SmallStr, at: DateTime, by: SmallStr) -> Entry {
        Entry {
            id,
            at,
            by,
            note: None,
            withdraws: Some(self.id.clone()),
            ..self.clone()
        }
    }
}

/// A follow-up as the map asks for it; the store gives it its id, time and author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub building: SmallStr,
    pub unit: SmallStr,
    pub via: Via,
    pub outcome: Outcome,
    pub note: Option<SmallStr>,
}

/// The file a day's entries are appended to, relative to the journal directory.
pub fn file_name(day: Date) -> String {
    format!("{day}.toml")
}

/// The day a journal file holds, from its name; `None` for a file that is not a day's.
pub fn day_of(file_name: &str) -> Option<Date> {
    file_name.strip_suffix(".toml")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_in_both_languages() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.key()), Some(o));
            assert_eq!(Outcome::parse(o.zh()), Some(o));
        }
        assert_eq!(Outcome::parse("no_answer"), Some(Outcome::NoAnswer));
        assert_eq!(Outcome::parse("gone-fishing"), None);
        assert!(Outcome::unknown("x").en.contains("no-answer"));
        assert_eq!(Outcome::ALL.iter().filter(|o| o.reached()).count(), 3);
        assert_eq!(Via::parse("上门"), Some(Via::Visit));
        assert_eq!(
            day_of("2026-11-29.toml").map(|d| d.to_string()).as_deref(),
            Some("2026-11-29")
        );
        assert_eq!(day_of("notes.toml"), None);
    }
}
