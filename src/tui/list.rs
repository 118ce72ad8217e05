//! The building list: name, units, isolating count, verification progress; totals in its header.

use super::app::{App, Slot};
use super::geometry;
use super::i18n::{Lang, Msg};
use super::theme;
use crate::core::status::Status;
use crate::render::pad;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn header(app: &App) -> String {
    let (n, c) = app.totals();
    if app.all_loaded() {
        match app.lang {
            Lang::En => format!(
                "{n} building{} · {} unit{}",
                if n == 1 { "" } else { "s" },
                c.units,
                if c.units == 1 { "" } else { "s" }
            ),
            Lang::Zh => format!("{n} 栋楼 · {} 户", c.units),
        }
    } else {
        format!("{} {}/{n}", app.t(Msg::Loading), app.loaded)
    }
}

/// Cuts a string to `width` columns, by display width (CJK counts two).
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if w + cw > width {
            break;
        }
        w += cw;
        out.push(ch);
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let block = Block::bordered().title(format!(" {} ", header(app)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = inner.height as usize;
    let top = geometry::list_top(rows, app.entries.len(), app.current);
    let num_w = 12usize;
    let name_w = (inner.width as usize).saturating_sub(num_w + 2).max(4);
    let mut lines = Vec::new();
    for (i, e) in app.entries.iter().enumerate().skip(top).take(rows) {
        let mut name = fit(e.name(), name_w);
        pad(&mut name, name_w);
        let marker = if i == app.current { "▌" } else { " " };
        let nums = match &e.slot {
            Slot::Pending => "…".to_string(),
            Slot::Broken(_) => "!".to_string(),
            Slot::Ready(_) => format!(
                "{:>4} {}{:<2}{:>3}%",
                e.counts.units,
                Status::Isolating.glyph(),
                e.counts.get(Status::Isolating),
                e.counts.verified_percent()
            ),
        };
        let mut style = Style::default();
        if i == app.current {
            style = theme::accent(app.colors).add_modifier(Modifier::REVERSED);
        }
        if matches!(e.slot, Slot::Broken(_)) {
            style = style.patch(theme::error(app.colors));
        }
        let line = format!("{marker}{name} {nums}");
        lines.push(Line::from(Span::styled(line, style)));
    }
    if app.entries.is_empty() {
        lines.push(Line::from(app.t(Msg::NoBuildings)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
