//! The overview (`o`): every building as a small tower, one character per unit, side by side, with
//! a name that tells it from the others and where the work is — isolating households, calls still
//! due today, the verified share. A district of 33 towers fits one 200×50 screen: a tower taller
//! than its room is drawn with several floors to a row (the most urgent status of those floors
//! shows), and when even that does not fit, rows of towers scroll and the title says which show.

use super::app::{App, Entry, Slot};
use super::theme;
use crate::core::display::{clip, inline};
use crate::core::model::Building;
use crate::core::status::Status;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

/// Columns a tower's name may take at least (five CJK characters and a mark).
const NAME_W: usize = 10;
/// Most floors drawn on one row.
const MOST_PER_ROW: usize = 4;

/// Where the towers go: columns per tower, towers per row, floors per drawn row, the rows shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub tower_w: u16,
    pub per_row: usize,
    pub floors_per_line: usize,
    pub lines: usize,
    pub rows_shown: usize,
    pub first_row: usize,
}

fn tallest(app: &App) -> usize {
    app.entries
        .iter()
        .filter_map(Entry::building)
        .map(|b| b.floors.len())
        .max()
        .unwrap_or(1)
}

fn widest(app: &App) -> usize {
    app.entries
        .iter()
        .filter_map(Entry::building)
        .map(Building::widest_floor)
        .max()
        .unwrap_or(4)
}

/// The layout for a window's inner area, keeping the selected tower in view.
pub fn layout(app: &App, inner: Rect, selected: usize) -> Layout {
    let tower_w = (widest(app).clamp(4, 40).max(NAME_W) + 1) as u16;
    let per_row = (inner.width / tower_w).max(1) as usize;
    let rows = app.entries.len().div_ceil(per_row).max(1);
    let (tall, h) = (tallest(app), inner.height as usize);
    // the fewest floors to a row at which every row of towers fits; else one row's worth, scrolled
    let fits = |k: usize| rows * (tall.div_ceil(k) + 2) <= h;
    let k = (1..=MOST_PER_ROW).find(|k| fits(*k)).unwrap_or_else(|| {
        (1..=tall.max(1))
            .find(|k| tall.div_ceil(*k) + 2 <= h)
            .unwrap_or(tall.max(1))
    });
    let lines = tall.div_ceil(k);
    let rows_shown = (h / (lines + 2)).clamp(1, rows);
    let sel_row = selected / per_row;
    let first_row = sel_row
        .saturating_sub(rows_shown - 1)
        .min(rows - rows_shown);
    Layout {
        tower_w,
        per_row,
        floors_per_line: k,
        lines,
        rows_shown,
        first_row,
    }
}

/// Towers per row at the current window size, for moving up and down.
pub fn per_row_hint(app: &App) -> usize {
    let inner = Rect::new(
        0,
        0,
        app.size.0.saturating_sub(2),
        app.size.1.saturating_sub(3),
    );
    layout(app, inner, 0).per_row
}

/// Names cut to `width` columns only as far as they stay distinct: `和平国际1号`, `和平国际2号`
/// → `和平…1号`, `和平…2号`.
pub fn short_names(names: &[String], width: usize) -> Vec<String> {
    let fit = |name: &str, tail: usize| -> String {
        if name.width() <= width {
            return name.to_string();
        }
        let chars: Vec<char> = name.chars().collect();
        let t: String = chars[chars.len().saturating_sub(tail)..].iter().collect();
        let head = clip(name, width.saturating_sub(t.width()));
        let head = head.trim_end_matches('…');
        format!("{head}…{t}")
    };
    let mut tails = vec![0usize; names.len()];
    loop {
        let short: Vec<String> = names.iter().zip(&tails).map(|(n, t)| fit(n, *t)).collect();
        let mut progress = false;
        for i in 0..names.len() {
            let twins = short.iter().filter(|s| **s == short[i]).count() > 1;
            if twins && tails[i] < names[i].chars().count() {
                tails[i] += 1;
                progress = true;
            }
        }
        if !progress {
            return short;
        }
    }
}

/// Statuses by how much they need attention: a row standing for several floors shows the first.
fn urgency(s: Status) -> usize {
    [
        Status::Isolating,
        Status::Unknown,
        Status::NotResumed,
        Status::Healthy,
        Status::Resumed,
        Status::Vacant,
    ]
    .iter()
    .position(|x| *x == s)
    .unwrap_or(6)
}

/// Calls still due today in a building: isolating households not reached today.
pub fn calls_due(app: &App, b: &Building) -> usize {
    let logs = app.journal.building(&b.id);
    b.units
        .iter()
        .filter(|u| u.record.status == Status::Isolating)
        .filter(|u| {
            !logs
                .and_then(|l| l.get(&*u.label))
                .is_some_and(|l| l.reached_on(app.today))
        })
        .count()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, selected: usize) {
    let inner0 = Block::bordered().inner(area);
    let l = layout(app, inner0, selected);
    let n = app.entries.len();
    let first = l.first_row * l.per_row;
    let last = ((l.first_row + l.rows_shown) * l.per_row).min(n);
    let mut title = format!(" {} ", app.t("OVERVIEW", "总览"));
    if first > 0 || last < n {
        title.push_str(&match app.lang {
            crate::core::i18n::Lang::En => format!("· {}–{last} of {n} ", first + 1),
            crate::core::i18n::Lang::Zh => format!("· 第 {}–{last} 栋，共 {n} 栋 ", first + 1),
        });
    }
    if l.floors_per_line > 1 {
        let k = l.floors_per_line;
        title.push_str(&match app.lang {
            crate::core::i18n::Lang::En => format!("· {k} floors a row "),
            crate::core::i18n::Lang::Zh => format!("· 每行 {k} 层 "),
        });
    }
    let block = Block::bordered().title(title);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    let inner = inner0.intersection(buf.area);
    if inner.width == 0 || inner.height < 3 {
        return;
    }
    let names: Vec<String> = app
        .entries
        .iter()
        .map(|e| inline(e.name()).into_owned())
        .collect();
    let short = short_names(&names, l.tower_w as usize - 2);
    for (slot, i) in (first..last).enumerate() {
        let (row, col) = (slot / l.per_row, slot % l.per_row);
        let x = inner.x + col as u16 * l.tower_w;
        let y = inner.y + (row * (l.lines + 2)) as u16;
        if x + l.tower_w > inner.x + inner.width + 1 || y + 2 > inner.y + inner.height {
            continue;
        }
        let r = Rect::new(x, y, l.tower_w - 1, (l.lines + 2) as u16).intersection(inner);
        draw_tower(buf, r, app, i, i == selected, &short[i], l);
    }
}

fn draw_tower(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    i: usize,
    selected: bool,
    name: &str,
    l: Layout,
) {
    let e = &app.entries[i];
    let w = area.width as usize;
    if let Slot::Ready(b) = &e.slot {
        // bottom-aligned: the ground floor on the same row in every tower
        let rows = b.floors.len().div_ceil(l.floors_per_line);
        let top = area.y + (l.lines - rows.min(l.lines)) as u16;
        for row in 0..rows.min(l.lines) {
            // the floors this row stands for, counted from the bottom so the ground floor is whole
            let from_bottom = rows - 1 - row;
            let lo = b
                .floors
                .len()
                .saturating_sub((from_bottom + 1) * l.floors_per_line);
            let hi = b.floors.len() - from_bottom * l.floors_per_line;
            for c in 0..b.widest_floor().min(w) {
                let worst = (lo..hi)
                    .filter_map(|f| b.floor_units(f).get(c))
                    .min_by_key(|u| urgency(u.record.status));
                if let Some(u) = worst {
                    let style = if app.filter.is_none_or(|f| f.matches(&u.record)) {
                        theme::cell(app.colors, u.record.status, u.record.live_work)
                    } else {
                        theme::dimmed(app.colors)
                    };
                    buf[(area.x + c as u16, top + row as u16)]
                        .set_char(u.record.status.glyph())
                        .set_style(style);
                }
            }
        }
    }
    let name_style = if selected {
        theme::accent(app.colors).add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    };
    // a marker as well as reverse video, so the choice shows without colour
    let name = format!("{}{name}", if selected { ">" } else { " " });
    let y = area.y + l.lines as u16;
    buf.set_stringn(area.x, y, &name, w, name_style);
    let counts = match &e.slot {
        Slot::Ready(b) => format!(
            "{}{} !{} {}%",
            Status::Isolating.glyph(),
            e.counts.get(Status::Isolating),
            calls_due(app, b),
            e.counts.verified_percent()
        ),
        Slot::Pending => "…".into(),
        Slot::Broken(_) => "!".into(),
    };
    buf.set_stringn(area.x, y + 1, &counts, w, Style::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_distinct() {
        let names: Vec<String> = [
            "和平国际1号",
            "和平国际2号",
            "海港大厦",
            "明珠名苑12号",
            "和平国际12号",
        ]
        .map(String::from)
        .to_vec();
        let s = short_names(&names, 9);
        assert_eq!(s[0], "和平…1号");
        assert_eq!(s[2], "海港大厦", "a name that fits stays whole");
        for (i, a) in s.iter().enumerate() {
            assert!(a.width() <= 9, "{a}");
            assert!(s.iter().skip(i + 1).all(|b| b != a), "{s:?}");
        }
    }
}
