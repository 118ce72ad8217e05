//! The filing window (`b`): a company's fields as typed, each with what is wrong beside it.

use super::app::App;
use super::keymap::{self, ModeKind};
use super::popup::{bold, dim, fit, window};
use super::theme;
use loupan_core::display::inline;
use loupan_core::fields::Kind;
use loupan_core::status::Status;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The filing window: which company (←/→ among a shared office's), each field as typed with
/// what is wrong beside it, and the form's keys.
pub fn filing(frame: &mut Frame, area: Rect, app: &App, f: &super::modes::filing::Filing) {
    let lang = app.lang;
    let mut lines = Vec::new();
    if let Some(why) = &f.failed {
        lines.push(Line::from(Span::styled(
            format!(
                "{}: {}",
                app.t("not filed", "未备案"),
                why.get(lang).lines().next().unwrap_or("")
            ),
            theme::error(app.colors),
        )));
    }
    let c = f.company();
    if f.candidates.len() > 1 {
        lines.push(Line::from(Span::styled(
            format!(
                "← {} {}/{} →",
                inline(c.name()),
                f.pick + 1,
                f.candidates.len()
            ),
            bold(),
        )));
    }
    for (i, (field, text, err)) in f.rows.iter().enumerate() {
        let focus = i == f.focus;
        let style = match (focus, f.fresh) {
            (true, true) => Style::default().add_modifier(Modifier::REVERSED),
            (true, false) => Style::default().add_modifier(Modifier::UNDERLINED),
            (false, _) => Style::default(),
        };
        let shown = match field.spec().kind {
            Kind::Status => Status::parse(text).map_or(text.to_string(), |s| {
                format!("{} {}", s.glyph(), lang.status(s))
            }),
            _ => inline(text).into_owned(),
        };
        let mut spans = vec![
            Span::styled(
                format!(
                    "{}: ",
                    loupan_core::render::padded_left(field.spec().label(lang), 16)
                ),
                bold(),
            ),
            Span::styled(format!("{shown}{}", if focus { "_" } else { "" }), style),
        ];
        if let Some(e) = err {
            spans.push(Span::styled(
                format!("  x {}", e.get(lang)),
                theme::error(app.colors),
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    let hints: Vec<String> = keymap::hints(ModeKind::Form, lang)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    lines.push(Line::from(Span::styled(hints.join("  "), dim())));
    let title = format!(
        "{} {} ({})",
        app.t("filing", "备案"),
        inline(c.name()),
        c.id
    );
    let r = fit(area, 60, &lines);
    window(frame, r, &title, lines);
}
