//! The status line: mode, the last action's result, key hints for the mode, git state.

use super::app::{App, Mode, Notice};
use super::i18n::Msg;
use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let (mode, hints) = match &app.mode {
        Mode::Normal => (Msg::Normal, Msg::HintsNormal),
        Mode::Select { .. } => (Msg::Select, Msg::HintsSelect),
        Mode::Search { .. } => (Msg::Search, Msg::HintsSearch),
        Mode::Form(_) => (Msg::Edit, Msg::HintsForm),
        Mode::Help => (Msg::Help, Msg::HintsHelp),
        Mode::Overview { .. } => (Msg::Overview, Msg::HintsOverview),
        Mode::Conflict(_) => (Msg::Edit, Msg::HintsConflict),
        Mode::Review | Mode::Commit { .. } => (Msg::Review, Msg::HintsReview),
    };
    let mut spans = vec![Span::styled(
        format!(" {} ", app.t(mode)),
        theme::accent(app.colors).add_modifier(Modifier::REVERSED),
    )];
    if let Some(r) = &app.read_only {
        spans.push(Span::styled(format!(" {r} "), theme::error(app.colors)));
    }
    if let Mode::Search { query, .. } = &app.mode {
        let hits = app.search.as_ref().map_or(0, |s| s.1.len());
        spans.push(Span::raw(format!(" /{query}▏ ({hits}) ")));
    } else if let Some(f) = app.filter {
        let name = match f {
            super::app::FilterKind::Status(s) => app.lang.status(s).to_string(),
            super::app::FilterKind::LiveWork => app.t(Msg::LiveWork).to_string(),
        };
        spans.push(Span::raw(format!(" {}: {name} ", app.t(Msg::Filter))));
    }
    if let Mode::Select { .. } = app.mode {
        spans.push(Span::raw(format!(
            " {} {} ",
            app.targets_in_select(),
            app.t(Msg::Selected)
        )));
    }
    match &app.notice {
        Some(Notice::Info(m)) => spans.push(Span::styled(
            format!(" {m} "),
            Style::default().add_modifier(Modifier::BOLD),
        )),
        Some(Notice::Error(m)) => {
            spans.push(Span::styled(format!(" {m} "), theme::error(app.colors)))
        }
        None => {}
    }
    spans.push(Span::styled(
        format!(" {}", app.t(hints)),
        Style::default().add_modifier(Modifier::DIM),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    // git state at the right edge, over the end of the hints when the line is short (as editors do)
    let mut right = String::new();
    if let Some(g) = &app.git {
        let n: usize = app.entries.iter().map(|e| e.uncommitted.len()).sum();
        let mut s = format!(" {} {}", app.t(Msg::Branch), g.branch);
        if g.ahead > 0 {
            s.push_str(&format!(" ↑{}", g.ahead));
        }
        if g.behind > 0 {
            s.push_str(&format!(" ↓{}", g.behind));
        }
        if n > 0 {
            s.push_str(&format!(" · {n} {}", app.t(Msg::Uncommitted)));
        }
        right = s + " ";
    }
    if !right.is_empty() {
        let w = unicode_width::UnicodeWidthStr::width(right.as_str()) as u16;
        if w < area.width / 2 {
            let r = Rect::new(area.x + area.width - w, area.y, w, 1);
            frame.render_widget(
                Paragraph::new(Span::styled(right, theme::accent(app.colors))),
                r,
            );
        }
    }
}
