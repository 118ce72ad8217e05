//! Windows drawn over the map: help, the detail form, a conflict, the git review.

use super::app::{App, Conflict, Mode};
use super::form::{Field, Form};
use super::i18n::Msg;
use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn window(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'_>>) {
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// Every key with what it does, in the interface language.
pub fn help_rows() -> Vec<(&'static str, Msg)> {
    vec![
        ("←↓↑→ hjkl", Msg::KeyMove),
        ("g G", Msg::KeyTopBottom),
        ("Tab S-Tab", Msg::KeyBuilding),
        ("1 2 3 4 5", Msg::KeyStatus),
        ("0", Msg::KeyUnknown),
        ("w", Msg::KeyLiveWork),
        ("Enter", Msg::KeyDetails),
        ("c", Msg::KeyChecked),
        ("v", Msg::KeySelect),
        ("u C-r", Msg::KeyUndo),
        ("/ n N", Msg::KeySearch),
        ("f F", Msg::KeyFilter),
        ("o", Msg::KeyOverview),
        ("r", Msg::KeyReview),
        ("?", Msg::KeyHelp),
        ("q C-c", Msg::KeyQuit),
    ]
}

pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let mut lines: Vec<Line> = help_rows()
        .into_iter()
        .map(|(k, m)| {
            Line::from(vec![
                Span::styled(
                    format!("{k:>10}  "),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(app.t(m)),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    let mut legend = Vec::new();
    for s in crate::core::status::Status::ALL {
        legend.push(Span::styled(
            format!(" {} {} ", s.glyph(), app.lang.status(s)),
            theme::cell(app.colors, s, false),
        ));
        legend.push(Span::raw(" "));
    }
    lines.push(Line::from(legend));
    lines.push(Line::from(format!(
        "{} = {}",
        crate::render::LIVE_WORK_MARK,
        app.t(Msg::LiveWork)
    )));
    window(
        frame,
        centered(area, 76, lines.len() as u16 + 2),
        app.t(Msg::Help),
        lines,
    );
}

pub fn form(frame: &mut Frame, area: Rect, app: &App, f: &Form) {
    let mut lines = Vec::new();
    for (i, field) in Field::ALL.iter().enumerate() {
        let focus = i == f.focus;
        let label = format!("{:>10}: ", app.t(field.label()));
        let value_style = if focus {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let mut spans = vec![
            Span::styled(label, Style::default().add_modifier(Modifier::BOLD)),
            Span::styled(
                format!("{}{}", f.values[i], if focus { "▏" } else { "" }),
                value_style,
            ),
        ];
        if let Some(e) = f.errors[i] {
            spans.push(Span::styled(
                format!("  ✗ {}", app.t(e)),
                theme::error(app.colors),
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        app.t(Msg::HintsForm),
        Style::default().add_modifier(Modifier::DIM),
    )));
    window(
        frame,
        centered(area, 70, lines.len() as u16 + 2),
        &f.unit,
        lines,
    );
}

fn summary(app: &App, r: &crate::core::model::Record) -> String {
    let mut s = app.lang.status(r.status).to_string();
    if r.live_work {
        s.push_str(&format!(" {}", app.t(Msg::LiveWork)));
    }
    for v in [&r.name, &r.note].into_iter().flatten() {
        s.push_str(&format!(" · {v}"));
    }
    s
}

pub fn conflict(frame: &mut Frame, area: Rect, app: &App, c: &Conflict) {
    let lines = vec![
        Line::from(format!(
            "{}: {}",
            app.t(Msg::ChangedElsewhere),
            summary(app, &c.current)
        )),
        Line::from(format!(
            "{}: {}",
            app.t(Msg::YouTried),
            summary(app, &c.tried)
        )),
        Line::from(""),
        Line::from(format!(
            "{}    {}",
            app.t(Msg::ApplyMine),
            app.t(Msg::KeepTheirs)
        )),
    ];
    window(frame, centered(area, 70, 6), &c.unit, lines);
}

pub fn review(frame: &mut Frame, area: Rect, app: &App) {
    let Some(g) = &app.git else { return };
    let mut lines: Vec<Line> = if g.review.is_empty() {
        vec![Line::from(app.t(Msg::NothingToCommit))]
    } else {
        g.review.iter().map(|l| Line::from(l.as_str())).collect()
    };
    if let Mode::Commit { message } = &app.mode {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            app.t(Msg::CommitMessage),
            Style::default().add_modifier(Modifier::BOLD),
        )));
        lines.push(Line::from(Span::styled(
            format!("{message}▏"),
            Style::default().add_modifier(Modifier::REVERSED),
        )));
    }
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(5);
    let title = format!(
        "{} · {} {}",
        app.t(Msg::Review),
        app.t(Msg::Branch),
        g.branch
    );
    window(
        frame,
        centered(area, area.width.saturating_sub(8).max(20), h),
        &title,
        lines,
    );
}
