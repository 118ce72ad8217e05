//! Overview: every building as a small tower side by side, one character per unit, with its name
//! and counts underneath.

use super::app::{App, Slot};
use super::theme;
use crate::core::display::{clip, inline};
use crate::core::status::Status;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;

/// Width of one tower's column: its widest floor, at least wide enough for counts.
pub fn tower_width(app: &App, i: usize) -> u16 {
    let floors = app.entries[i].building().map_or(4, |b| b.widest_floor());
    (floors as u16).clamp(8, 40) + 2
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, selected: usize) {
    let block = Block::bordered().title(format!(" {} ", app.t("OVERVIEW", "总览")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    let inner = inner.intersection(buf.area);
    if inner.width == 0 || inner.height < 4 {
        return;
    }
    // Lay towers out in rows; scroll rows so that the selected tower is visible.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut x = 0u16;
    for i in 0..app.entries.len() {
        let w = tower_width(app, i);
        if x + w > inner.width && !rows.last().is_some_and(Vec::is_empty) {
            rows.push(Vec::new());
            x = 0;
        }
        if let Some(r) = rows.last_mut() {
            r.push(i);
        }
        x += w;
    }
    let row_h = |r: &Vec<usize>| {
        r.iter()
            .map(|&i| app.entries[i].building().map_or(1, |b| b.floors.len()))
            .max()
            .unwrap_or(1)
            .min(inner.height.saturating_sub(3) as usize) as u16
            + 3
    };
    let sel_row = rows.iter().position(|r| r.contains(&selected)).unwrap_or(0);
    let mut y = inner.y;
    let mut first = sel_row;
    let mut used = row_h(&rows[sel_row]);
    while first > 0 && used + row_h(&rows[first - 1]) <= inner.height {
        first -= 1;
        used += row_h(&rows[first]);
    }
    for row in rows.iter().skip(first) {
        let h = row_h(row);
        if y + h > inner.y + inner.height {
            break;
        }
        let mut x = inner.x;
        for &i in row {
            let w = tower_width(app, i);
            draw_tower(
                buf,
                Rect::new(x, y, w.min(inner.x + inner.width - x), h),
                app,
                i,
                i == selected,
            );
            x += w;
        }
        y += h;
    }
}

fn draw_tower(buf: &mut Buffer, area: Rect, app: &App, i: usize, selected: bool) {
    let e = &app.entries[i];
    let floors_h = area.height.saturating_sub(3);
    let w = area.width.saturating_sub(2) as usize;
    if let Slot::Ready(b) = &e.slot {
        // bottom-aligned, top floors cut when the building is taller than the row
        let shown = (b.floors.len()).min(floors_h as usize);
        let skip = b.floors.len() - shown;
        let top = area.y + floors_h - shown as u16;
        for (row, fi) in (skip..b.floors.len()).enumerate() {
            let y = top + row as u16;
            for (c, u) in b.floor_units(fi).iter().take(w).enumerate() {
                let style = if app.filter.is_none_or(|f| f.matches(&u.record)) {
                    theme::cell(app.colors, u.record.status, u.record.live_work)
                } else {
                    theme::dimmed(app.colors)
                };
                buf.set_string(
                    area.x + c as u16,
                    y,
                    u.record.status.glyph().to_string(),
                    style,
                );
            }
        }
    }
    let mut name_style = Style::default();
    if selected {
        name_style = theme::accent(app.colors).add_modifier(Modifier::REVERSED);
    }
    // a marker as well as reverse video, so the choice shows without colour
    let name = clip(
        &format!("{}{}", if selected { ">" } else { " " }, inline(e.name())),
        w,
    )
    .into_owned();
    buf.set_stringn(area.x, area.y + floors_h, &name, w, name_style);
    let counts = match &e.slot {
        Slot::Ready(_) => format!(
            "{} {}{}",
            e.counts.units,
            Status::Isolating.glyph(),
            e.counts.get(Status::Isolating)
        ),
        Slot::Pending => "…".into(),
        Slot::Broken(_) => "!".into(),
    };
    buf.set_stringn(area.x, area.y + floors_h + 1, &counts, w, Style::default());
}

/// Towers per row at the current window width, for moving up and down.
pub fn per_row_hint(app: &App) -> usize {
    let width = app.size.0.saturating_sub(2);
    let mut x = 0u16;
    let mut n = 0usize;
    for i in 0..app.entries.len() {
        let w = tower_width(app, i);
        if x + w > width && n > 0 {
            break;
        }
        x += w;
        n += 1;
    }
    n.max(1)
}
