//! The selected building's grid (top floor at the top, floor labels at the left) and the legend.

use super::app::{App, FilterKind, Mode, Slot};
use super::geometry::GridView;
use super::i18n::Msg;
use super::theme;
use crate::core::status::Status;
use crate::render::{self, LIVE_WORK_MARK};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(entry) = app.entries.get(app.current) else {
        let block = Block::bordered();
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(app.t(Msg::NoBuildings)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    };
    let b = match &entry.slot {
        Slot::Ready(b) => b,
        Slot::Pending => {
            let block = Block::bordered().title(format!(" {} ", entry.id));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(Paragraph::new(format!("{}…", app.t(Msg::Loading))), inner);
            return;
        }
        Slot::Broken(problems) => {
            let block = Block::bordered()
                .title(format!(" {} · {} ", entry.id, app.t(Msg::Broken)))
                .border_style(theme::error(app.colors));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let lines: Vec<Line> = problems.iter().map(|p| Line::from(p.as_str())).collect();
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
            return;
        }
    };
    let mut title = format!(" {} ", b.name);
    if b.name != b.id {
        title = format!(" {} ({}) ", b.name, b.id);
    }
    let block = Block::bordered().title(title);
    frame.render_widget(block, area);
    let cursor = app.cursor();
    let view = GridView::new(area, b, cursor);
    let anchor = match app.mode {
        Mode::Select { anchor } => Some(anchor),
        _ => None,
    };
    let selected: std::collections::HashSet<usize> = if anchor.is_some() {
        app.targets(anchor).into_iter().collect()
    } else {
        Default::default()
    };
    let mut text = String::with_capacity(view.cell as usize + 4);
    let buf = frame.buffer_mut();
    let clip = view.inner.intersection(buf.area);
    let gutter_w = render::gutter_width(b);
    for row in 0..view.floors {
        let fi = view.first_floor + row;
        let Some(floor) = b.floors.get(fi) else { break };
        let y = view.inner.y + row as u16;
        let label = render::pad_left(&floor.label, gutter_w);
        put(
            buf,
            clip,
            view.inner.x,
            y,
            &format!("{label} │"),
            Style::default(),
        );
        for col in view.first_col..(view.first_col + view.cols).min(floor.len) {
            let ui = floor.start + col;
            let u = &b.units[ui];
            let x = view.cell_x(col);
            render::write_cell(&mut text, u, view.cell as usize);
            let matches = app.filter.is_none_or(|f| f.matches(&u.record));
            let mut style = if matches {
                theme::cell(app.colors, u.record.status, u.record.live_work)
            } else {
                theme::dimmed(app.colors)
            };
            if selected.contains(&ui) {
                style = theme::selected(style);
                put(buf, clip, x - 1, y, ":", Style::default());
            }
            if entry.changed.contains_key(&u.label) {
                put(buf, clip, x - 1, y, "~", theme::changed_mark(app.colors));
            } else if entry.uncommitted.contains(&u.label) {
                put(buf, clip, x - 1, y, "·", theme::changed_mark(app.colors));
            }
            if ui == cursor {
                style = theme::cursor(style);
                put(
                    buf,
                    clip,
                    x - 1,
                    y,
                    "[",
                    Style::default().add_modifier(Modifier::BOLD),
                );
                put(
                    buf,
                    clip,
                    x + view.cell,
                    y,
                    "]",
                    Style::default().add_modifier(Modifier::BOLD),
                );
            }
            put(buf, clip, x, y, &text, style);
        }
    }
}

/// Writes a string clipped to `clip`; never past the buffer, whatever the window size.
fn put(buf: &mut Buffer, clip: Rect, x: u16, y: u16, s: &str, style: Style) {
    if y < clip.y || y >= clip.y + clip.height || x < clip.x || x >= clip.x + clip.width {
        return;
    }
    let max = (clip.x + clip.width - x) as usize;
    if s.is_ascii() {
        // one column per byte: skip grapheme segmentation, the bulk of a frame's cost
        for (i, b) in s.bytes().take(max).enumerate() {
            buf[(x + i as u16, y)].set_char(b as char).set_style(style);
        }
    } else {
        buf.set_stringn(x, y, s, max, style);
    }
}

pub fn legend(frame: &mut Frame, area: Rect, app: &App) {
    let counts = app
        .entries
        .get(app.current)
        .map(|e| e.counts)
        .unwrap_or_default();
    // items never split across lines: a status's name and its count stay together
    let mut items: Vec<Vec<Span>> = Vec::new();
    for s in Status::ALL {
        let on = app.filter == Some(FilterKind::Status(s));
        let label = if on {
            format!("[{} {}]", s.glyph(), app.lang.status(s))
        } else {
            format!(" {} {} ", s.glyph(), app.lang.status(s))
        };
        items.push(vec![
            Span::styled(label, theme::cell(app.colors, s, false)),
            Span::raw(format!(" {}", counts.get(s))),
        ]);
    }
    let lw = format!("{LIVE_WORK_MARK} {}", app.t(Msg::LiveWork));
    let lw = if app.filter == Some(FilterKind::LiveWork) {
        format!("[{lw}]")
    } else {
        lw
    };
    items.push(vec![
        Span::styled(lw, Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(format!(" {}", counts.live_work)),
    ]);
    let households = counts.get(Status::Healthy) + counts.get(Status::Isolating);
    let companies = counts.get(Status::NotResumed) + counts.get(Status::Resumed);
    items.push(vec![Span::styled(
        format!(
            "{} {households} · {} {companies} · {} {}%",
            app.t(Msg::Households),
            app.t(Msg::Companies),
            app.t(Msg::Verified),
            counts.verified_percent()
        ),
        Style::default().add_modifier(Modifier::DIM),
    )]);
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut used = 0usize;
    for item in items {
        let w: usize = item.iter().map(|s| s.width()).sum::<usize>() + 2;
        if used > 0 && used + w > area.width as usize {
            lines.push(Line::from(std::mem::take(&mut current)));
            used = 0;
        }
        used += w;
        current.extend(item);
        current.push(Span::raw("  "));
    }
    lines.push(Line::from(current));
    frame.render_widget(Paragraph::new(lines), area);
}
