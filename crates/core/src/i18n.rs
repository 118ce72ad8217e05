//! The two interface languages and text that carries both. Pure: which language a person wants is
//! read from flags, config and locale at the edge (`store::config`), then passed in.
//!
//! Messages that depend on data (a unit's label, a date) are made as a [`Text`] where they happen,
//! both languages side by side, so that each reads naturally instead of being glued from parts.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// One of two renderings, by language.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// A status as this language names it: the file key in English, the Chinese name in Chinese.
    pub fn status(self, s: super::status::Status) -> &'static str {
        self.pick(s.key(), s.zh())
    }
}

/// A message in English and Chinese. Its `Display` is English (logs, `{e:#}`); user-facing
/// output asks for the language with [`Text::get`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The same words in both languages (a path, a number, a command).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            en: s.clone(),
            zh: s,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }

    /// The text a function makes in each language: for messages built from parts that are
    /// themselves named per language (a status, a field's label).
    pub fn by(f: impl Fn(Lang) -> String) -> Text {
        Text {
            en: f(Lang::En),
            zh: f(Lang::Zh),
        }
    }

    /// Joins two texts with a separator per language (": " and "：", say).
    pub fn join(&self, sep: (&str, &str), other: &Text) -> Text {
        Text {
            en: format!("{}{}{}", self.en, sep.0, other.en),
            zh: format!("{}{}{}", self.zh, sep.1, other.zh),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Text {}

/// `tr!("unit {label} is vacant", "单元 {label} 空置")`: a [`Text`] from two format strings that
/// capture the same variables.
#[macro_export]
macro_rules! tr {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::i18n::Text {
            en: format!($en),
            zh: format!($zh),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_capture_the_same_values() {
        let label = "1203";
        let t = tr!("unit {label}", "单元 {label}");
        assert_eq!(t.get(Lang::En), "unit 1203");
        assert_eq!(t.get(Lang::Zh), "单元 1203");
        assert_eq!(t.to_string(), "unit 1203");
        let j = Text::same("a.toml").join((": ", "："), &t);
        assert_eq!(j.get(Lang::Zh), "a.toml：单元 1203");
    }
}
