//! The overview (`o`): every building as a small tower, one character per unit, side by side, with
//! a name that tells it from the others and where the work is — isolating households, calls still
//! due today, the verified share. A district of 33 towers fits one 200×50 screen: a tower taller
//! than its room is drawn with several floors to a row (the most urgent status of those floors
//! shows), and when even that does not fit, rows of towers scroll and the title says which show.

use super::app::{App, Entry, Slot};
use super::theme;
use loupan_core::display::{clip, inline};
use loupan_core::model::Building;
use loupan_core::status::Status;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

/// Columns a tower's name may take at least (five CJK characters and a mark).
const NAME_W: usize = 10;
/// Most floors drawn on one row before rows of towers scroll instead.
const MOST_PER_ROW: usize = 4;
/// Columns a tower may take so that its whole name shows.
const MOST_NAME_W: usize = 24;

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

/// The layout for a window's inner area, keeping the selected tower in view. Towers are as wide
/// as their whole names when every row still fits; else as narrow as their figures allow, and
/// rows scroll.
pub fn layout(app: &App, inner: Rect, selected: usize) -> Layout {
    // the figures' widest (calls due are at most the isolating households)
    let figures = app.entries.iter().map(|e| {
        let x = e.counts.get(Status::Isolating);
        format!("X{x} !{x} {}%", e.counts.verified_percent()).width()
    });
    let room = figures.max().unwrap_or(0).max(NAME_W);
    let narrow = (widest(app).clamp(4, 40).max(room) + 1) as u16;
    let names = app.entries.iter().map(|e| e.name().width() + 2).max();
    let wide = (names.unwrap_or(0).min(MOST_NAME_W) as u16).max(narrow);
    (narrow..=wide)
        .rev()
        .find_map(|w| fitted(app, inner, w))
        .unwrap_or_else(|| scrolled(app, inner, narrow, selected))
}

/// Every tower on screen at this width, with the fewest floors to a drawn row.
fn fitted(app: &App, inner: Rect, tower_w: u16) -> Option<Layout> {
    let per_row = (inner.width / tower_w).max(1) as usize;
    let rows = app.entries.len().div_ceil(per_row).max(1);
    let tall = tallest(app);
    let k = (1..=MOST_PER_ROW).find(|k| rows * (tall.div_ceil(*k) + 2) <= inner.height as usize)?;
    Some(Layout {
        tower_w,
        per_row,
        floors_per_line: k,
        lines: tall.div_ceil(k),
        rows_shown: rows,
        first_row: 0,
    })
}

/// Rows of towers that scroll, each row as tall as the window allows.
fn scrolled(app: &App, inner: Rect, tower_w: u16, selected: usize) -> Layout {
    let per_row = (inner.width / tower_w).max(1) as usize;
    let rows = app.entries.len().div_ceil(per_row).max(1);
    let (tall, h) = (tallest(app).max(1), inner.height as usize);
    let k = (MOST_PER_ROW..=tall)
        .find(|k| tall.div_ceil(*k) + 2 <= h)
        .unwrap_or(tall);
    let lines = tall.div_ceil(k);
    let rows_shown = (h / (lines + 2)).clamp(1, rows);
    let first_row = (selected / per_row)
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

/// Names cut to `width` columns only as far as each still stands for one tower: `和平国际1号`,
/// `和平国际12号` → `和平…1号`, `和平…12号`. A cut name `head…tail` stands for every name that
/// starts with its head and ends with its tail, so the tail grows until no other name matches.
pub fn short_names(names: &[String], width: usize) -> Vec<String> {
    let mut sorted: Vec<&str> = names.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    names
        .iter()
        .map(|n| short_name(n, width, &sorted))
        .collect()
}

/// `name` cut to `width` so that no other of the `sorted` names shows the same cut.
pub(crate) fn short_name(name: &str, width: usize, sorted: &[&str]) -> String {
    if name.width() <= width {
        return name.to_string();
    }
    let chars: Vec<char> = name.chars().collect();
    for tail in 0..chars.len() {
        let t: String = chars[chars.len() - tail..].iter().collect();
        let Some(room) = width.checked_sub(t.width() + 1) else {
            break;
        };
        let head = clip(name, room + 1);
        let head = head.trim_end_matches('…');
        // names starting with `head` sit together in sorted order
        let from = sorted.partition_point(|x| *x < head);
        let alike = sorted[from..]
            .iter()
            .take_while(|x| x.starts_with(head))
            .filter(|x| **x != name && x.ends_with(t.as_str()))
            .count();
        if alike == 0 {
            return format!("{head}…{t}");
        }
    }
    // two towers with one name: nothing drawn can tell them apart
    clip(name, width).into_owned()
}

/// Where the work is: isolating households, calls still due today, the verified share.
fn figures(app: &App, e: &Entry) -> String {
    match &e.slot {
        Slot::Ready(b) => format!(
            "{}{} !{} {}%",
            Status::Isolating.glyph(),
            e.counts.get(Status::Isolating),
            calls_due(app, b),
            e.counts.verified_percent()
        ),
        Slot::Pending => "…".into(),
        Slot::Broken(_) => "!".into(),
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
                .is_some_and(|l| l.reached_on(app.shown_day()))
        })
        .count()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, selected: usize) {
    let inner0 = Block::bordered().inner(area);
    let l = layout(app, inner0, selected);
    let n = app.entries.len();
    let first = l.first_row * l.per_row;
    let last = ((l.first_row + l.rows_shown) * l.per_row).min(n);
    // the chosen tower's whole name, however short the towers' own labels are
    let chosen = app
        .entries
        .get(selected)
        .map(|e| inline(e.name()).into_owned());
    let mut title = format!(
        " {} {} ",
        app.t("OVERVIEW", "总览"),
        chosen.unwrap_or_default()
    );
    if first > 0 || last < n {
        title.push_str(&match app.lang {
            loupan_core::i18n::Lang::En => format!("· {}–{last} of {n} ", first + 1),
            loupan_core::i18n::Lang::Zh => format!("· 第 {}–{last} 栋，共 {n} 栋 ", first + 1),
        });
    }
    if l.floors_per_line > 1 {
        let k = l.floors_per_line;
        title.push_str(&match app.lang {
            loupan_core::i18n::Lang::En => format!("· {k} floors a row "),
            loupan_core::i18n::Lang::Zh => format!("· 每行 {k} 层 "),
        });
    }
    // what each tower's figures mean, where there is room
    let legend = app.t(
        "· X isolating  ! calls due today  % verified ",
        "· X 隔离户  ! 今日待打电话  % 已核实 ",
    );
    if title.width() + legend.width() + 4 <= area.width as usize {
        title.push_str(legend);
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
    // only the towers drawn are named, each against all the names
    let mut sorted: Vec<&str> = names.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    for (slot, i) in (first..last).enumerate() {
        let (row, col) = (slot / l.per_row, slot % l.per_row);
        let x = inner.x + col as u16 * l.tower_w;
        let y = inner.y + (row * (l.lines + 2)) as u16;
        if x + l.tower_w > inner.x + inner.width + 1 || y + 2 > inner.y + inner.height {
            continue;
        }
        let r = Rect::new(x, y, l.tower_w - 1, (l.lines + 2) as u16).intersection(inner);
        let short = short_name(&names[i], l.tower_w as usize - 2, &sorted);
        draw_tower(buf, r, app, i, i == selected, &short, l);
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
    let counts = figures(app, e);
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
        assert_eq!(s[4], "和平…12号");
        assert_eq!(s[2], "海港大厦", "a name that fits stays whole");
        for (i, a) in s.iter().enumerate() {
            assert!(a.width() <= 9, "{a}");
            // what is drawn stands for its own name and no other
            let alike: Vec<&String> = match a.split_once('…') {
                Some((head, tail)) => names
                    .iter()
                    .filter(|n| n.width() > 9 && n.starts_with(head) && n.ends_with(tail))
                    .collect(),
                None => names.iter().filter(|n| *n == a).collect(),
            };
            assert_eq!(alike, [&names[i]], "{a} in {s:?}");
        }
    }
}
