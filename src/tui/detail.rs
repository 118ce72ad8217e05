//! The detail panel: every field of the unit under the cursor, isolation day count, last check.

use super::app::App;
use super::i18n::Msg;
use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn lines(app: &App) -> (String, Vec<Line<'static>>) {
    let Some(b) = app.building() else {
        return (String::new(), Vec::new());
    };
    if b.units.is_empty() {
        return (String::new(), Vec::new());
    }
    let i = app.cursor().min(b.units.len() - 1);
    let u = &b.units[i];
    let r = &u.record;
    let key = |m: Msg| {
        Span::styled(
            format!("{}: ", app.t(m)),
            Style::default().add_modifier(Modifier::DIM),
        )
    };
    let mut out = Vec::new();
    let mut status = vec![
        key(Msg::Status),
        Span::styled(
            format!(" {} {} ", r.status.glyph(), app.lang.status(r.status)),
            theme::cell(app.colors, r.status, false),
        ),
    ];
    if r.live_work {
        status.push(Span::styled(
            format!(
                "  {} {}",
                crate::render::LIVE_WORK_MARK,
                app.t(Msg::LiveWork)
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ));
    }
    status.push(Span::raw(format!(
        "  {} {}",
        app.t(Msg::Floor),
        b.floor_label_of(i)
    )));
    out.push(Line::from(status));
    if r.name.is_some() || r.people.is_some() {
        let mut v = r.name.as_deref().unwrap_or("").to_string();
        if let Some(p) = r.people {
            v.push_str(&format!(" ({} {p})", app.t(Msg::People)));
        }
        out.push(Line::from(vec![
            key(Msg::Name),
            Span::raw(v.trim().to_string()),
        ]));
    }
    for (m, v) in [(Msg::Contact, &r.contact), (Msg::Note, &r.note)] {
        if let Some(v) = v {
            out.push(Line::from(vec![key(m), Span::raw(v.to_string())]));
        }
    }
    if let Some(since) = r.since {
        let mut text = since.to_string();
        let day = (app.today - since).get_days() + 1;
        if r.status == crate::core::status::Status::Isolating && (1..=99).contains(&day) {
            text.push_str(&format!(
                " ({})",
                app.t(Msg::DayOf).replace("{n}", &day.to_string())
            ));
        }
        // an isolation without `until` is expected to end after 14 days
        let end = r
            .until
            .or_else(|| since.checked_add(jiff::Span::new().days(13)).ok());
        if let Some(end) = end {
            text.push_str(&format!(" → {} {end}", app.t(Msg::Ends)));
        }
        out.push(Line::from(vec![key(Msg::Since), Span::raw(text)]));
    } else if let Some(until) = r.until {
        out.push(Line::from(vec![
            key(Msg::Until),
            Span::raw(until.to_string()),
        ]));
    }
    out.push(Line::from(vec![
        key(Msg::Checked),
        Span::raw(
            r.checked
                .map_or_else(|| app.t(Msg::Never).to_string(), |d| d.to_string()),
        ),
    ]));
    for (k, v) in &r.extra {
        out.push(Line::from(format!("{k}: {v}")));
    }
    (u.label.to_string(), out)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let (title, lines) = lines(app);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
