//! The user's config file (`~/.config/loupan/config.toml` on Linux): data directory, language,
//! colour mode. Read-only; a broken config is reported, never fatal.

use loupan_core::i18n::Lang;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    #[serde(alias = "data_dir")]
    pub data_dir: Option<PathBuf>,
    pub lang: Option<String>,
    pub color: Option<String>,
    pub poll: Option<bool>,
    /// `[retention]`: days each kind of personal value is kept (docs/spec.md §12; default 30 each).
    #[serde(default)]
    pub retention: RetentionDays,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RetentionDays {
    pub isolation: Option<u16>,
    pub journal_note: Option<u16>,
    pub moved_out: Option<u16>,
    pub returnee: Option<u16>,
}

impl Config {
    /// The retention rules, the defaults where the config is silent.
    pub fn retention(&self) -> loupan_core::private::retention::Retention {
        let d = loupan_core::private::retention::Retention::default();
        let r = &self.retention;
        loupan_core::private::retention::Retention {
            isolation: r.isolation.unwrap_or(d.isolation),
            journal_note: r.journal_note.unwrap_or(d.journal_note),
            moved_out: r.moved_out.unwrap_or(d.moved_out),
            returnee: r.returnee.unwrap_or(d.returnee),
        }
    }
}

pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LOUPAN_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "loupan").map(|d| d.config_dir().join("config.toml"))
}

/// The config, or the default with a warning on stderr when the file does not parse.
pub fn load() -> Config {
    let Some(p) = path() else {
        return Config::default();
    };
    match std::fs::read_to_string(&p) {
        Ok(text) => match toml::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("loupan: ignoring config {}: {}", p.display(), e.message());
                Config::default()
            }
        },
        Err(_) => Config::default(),
    }
}

/// The interface language: `--lang`, else the config's `lang`, else the locale (`LANG` and
/// friends starting with `zh` → Chinese).
pub fn pick_lang(flag: Option<Lang>, config: &Config) -> Lang {
    if let Some(l) = flag {
        return l;
    }
    if let Some(c) = &config.lang {
        return if c.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        };
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    if locale.starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}
