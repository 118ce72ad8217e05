//! Colours and glyph styles per status, for each colour mode.

use loupan_core::palette::{Ansi, swatch};
use loupan_core::status::Status;
use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorMode {
    /// NO_COLOR or monochrome: glyphs and modifiers only.
    None,
    /// The default: the 16 ANSI colours every terminal (and ssh) has.
    Ansi16,
    /// COLORTERM=truecolor|24bit: a colour-blind-safe palette of the same hues.
    Rich,
}

impl ColorMode {
    /// `NO_COLOR` wins; then the config's `color` (none, 16, true); then COLORTERM.
    pub fn detect(config: Option<&str>) -> ColorMode {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return ColorMode::None;
        }
        match config {
            Some("none" | "never") => return ColorMode::None,
            Some("16") => return ColorMode::Ansi16,
            Some("true" | "truecolor" | "256") => return ColorMode::Rich,
            _ => {}
        }
        match std::env::var("COLORTERM").as_deref() {
            Ok("truecolor" | "24bit") => ColorMode::Rich,
            _ => ColorMode::Ansi16,
        }
    }
}

/// (background, foreground) of a status cell: the core's palette in the terminal's colours.
pub fn colors(mode: ColorMode, s: Status) -> Option<(Color, Color)> {
    let sw = swatch(s);
    match mode {
        ColorMode::None => None,
        ColorMode::Ansi16 => Some((ansi(sw.ansi.0), ansi(sw.ansi.1))),
        ColorMode::Rich => Some((rgb(sw.screen), ansi(sw.ansi.1))),
    }
}

fn ansi(a: Ansi) -> Color {
    match a {
        Ansi::Black => Color::Black,
        Ansi::Red => Color::Red,
        Ansi::Green => Color::Green,
        Ansi::Yellow => Color::Yellow,
        Ansi::Blue => Color::Blue,
        Ansi::DarkGray => Color::DarkGray,
        // ratatui's White is the bright one (SGR 97/107)
        Ansi::BrightWhite => Color::White,
    }
}

fn rgb(c: u32) -> Color {
    let [_, r, g, b] = c.to_be_bytes();
    Color::Rgb(r, g, b)
}

pub fn cell(mode: ColorMode, s: Status, live_work: bool) -> Style {
    let mut st = match colors(mode, s) {
        Some((bg, fg)) => Style::default().bg(bg).fg(fg),
        None => Style::default(),
    };
    if live_work {
        st = st.add_modifier(Modifier::BOLD);
    }
    st
}

/// Units outside the active filter: no background, dim text.
pub fn dimmed(mode: ColorMode) -> Style {
    match mode {
        ColorMode::None => Style::default().add_modifier(Modifier::DIM),
        _ => Style::default()
            .fg(Color::DarkGray)
            .add_modifier(Modifier::DIM),
    }
}

/// The cursor reverses its cell and is also framed by `[ ]`, so it shows without colour.
pub fn cursor(base: Style) -> Style {
    base.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
}

pub fn selected(base: Style) -> Style {
    base.add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)
}

pub fn changed_mark(mode: ColorMode) -> Style {
    match mode {
        ColorMode::None => Style::default().add_modifier(Modifier::BOLD),
        _ => Style::default()
            .fg(Color::Magenta)
            .add_modifier(Modifier::BOLD),
    }
}

pub fn accent(mode: ColorMode) -> Style {
    match mode {
        ColorMode::None => Style::default().add_modifier(Modifier::BOLD),
        _ => Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
    }
}

pub fn error(mode: ColorMode) -> Style {
    match mode {
        ColorMode::None => Style::default().add_modifier(Modifier::BOLD),
        _ => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
    }
}
