//! Where each region of the screen goes, and which unit is at which cell. Pure: the renderer and
//! the mouse handler both ask it, so nothing computed while drawing is written back into state.
//!
//! ```text
//! ┌ 12 buildings · 960 units ┐┌ 海港大厦 Harbour Plaza ─────────────┐┌ 1203 ─────────┐
//! │> 海港大厦   80  X2  45%  ││ 12 │ ?1201  ?1202 [X1203] ...       ││ status …      │
//! │  东方大厦   40  X0 100%  ││ 11 │ …                               ││ name …        │
//! │                          │├────────────────────────────────────┤│               │
//! │                          ││ o healthy 3  X isolating 1 …        ││               │
//! └──────────────────────────┘└────────────────────────────────────┘└───────────────┘
//!  NORMAL │ 1203 → isolating saved │ hjkl move  1-5 status  ? help  q quit
//! ```

use loupan_core::model::Building;
use loupan_core::render;
use ratatui::layout::Rect;

pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Regions {
    pub list: Option<Rect>,
    /// The grid's frame, including its border.
    pub grid: Rect,
    pub legend: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Rect,
}

/// `None` when the window is too small to draw anything useful.
pub fn regions(area: Rect) -> Option<Regions> {
    regions_for(area, 0)
}

/// The list's width: a quarter of the window (28 to 34 columns), or, when names want more
/// (`want`, border included) and the window is wide, up to two fifths of it, never taking the
/// unit's details off the side.
fn list_width(body: u16, want: u16) -> u16 {
    let base = (body / 4).clamp(28, 34);
    if want <= base || body < 100 {
        return base;
    }
    let mut room = body * 2 / 5;
    if body - base >= 100 {
        room = room.min(body - 100);
    }
    want.min(room).max(base)
}

/// `regions` with a list that wants `want` columns to show every name whole.
pub fn regions_for(area: Rect, want: u16) -> Option<Regions> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let status = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    let (list, rest) = if body.width >= 70 {
        // 28 columns: a name of six Chinese characters beside its figures
        let w = list_width(body.width, want);
        (
            Some(Rect::new(body.x, body.y, w, body.height)),
            Rect::new(body.x + w, body.y, body.width - w, body.height),
        )
    } else {
        (None, body)
    };
    let (detail, rest) = if rest.width >= 100 {
        let w = 36;
        (
            Some(Rect::new(rest.x + rest.width - w, rest.y, w, rest.height)),
            Rect::new(rest.x, rest.y, rest.width - w, rest.height),
        )
    } else if rest.height >= 22 {
        // a tall window gives the unit's details (the follow-up strip and entries) more room
        let h = (rest.height / 3).clamp(8, 16);
        (
            Some(Rect::new(rest.x, rest.y + rest.height - h, rest.width, h)),
            Rect::new(rest.x, rest.y, rest.width, rest.height - h),
        )
    } else {
        (None, rest)
    };
    let (legend, grid) = if rest.height >= 9 {
        let h = if rest.width >= 90 { 2 } else { 3 };
        (
            Some(Rect::new(rest.x, rest.y + rest.height - h, rest.width, h)),
            Rect::new(rest.x, rest.y, rest.width, rest.height - h),
        )
    } else {
        (None, rest)
    };
    Some(Regions {
        list,
        grid,
        legend,
        detail,
        status,
    })
}

/// The visible window onto a building's grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridView {
    /// Inside the border.
    pub inner: Rect,
    pub gutter: u16,
    pub cell: u16,
    pub first_floor: usize,
    pub floors: usize,
    pub first_col: usize,
    pub cols: usize,
}

impl GridView {
    pub fn new(frame: Rect, b: &Building, cursor: usize) -> GridView {
        let inner = Rect::new(
            frame.x + 1,
            frame.y + 1,
            frame.width.saturating_sub(2),
            frame.height.saturating_sub(2),
        );
        let gutter = render::gutter_width(b) as u16 + 2;
        // one more column than `loupan render`: the map's mark after the label
        let cell = render::cell_width(b) as u16 + 1;
        let floors = inner.height as usize;
        let cols = (inner.width.saturating_sub(gutter) / (cell + 1)).max(1) as usize;
        let (cf, cc) = if b.units.is_empty() {
            (0, 0)
        } else {
            b.locate(cursor)
        };
        // Keep the cursor in view without remembering a scroll offset: centre it when the
        // building does not fit.
        let first_floor = scroll(cf, floors, b.floors.len());
        let first_col = scroll(cc, cols, b.widest_floor());
        GridView {
            inner,
            gutter,
            cell,
            first_floor,
            floors,
            first_col,
            cols,
        }
    }

    /// Screen x of a column's cell (its separator/bracket is at x - 1).
    pub fn cell_x(&self, col: usize) -> u16 {
        self.inner.x + self.gutter + 1 + ((col - self.first_col) as u16) * (self.cell + 1)
    }

    pub fn unit_at(&self, b: &Building, x: u16, y: u16) -> Option<usize> {
        if y < self.inner.y
            || y >= self.inner.y + self.inner.height
            || x < self.inner.x + self.gutter + 1
        {
            return None;
        }
        let floor = self.first_floor + (y - self.inner.y) as usize;
        let col =
            self.first_col + ((x - self.inner.x - self.gutter - 1) / (self.cell + 1)) as usize;
        let f = b.floors.get(floor)?;
        (col < f.len).then_some(f.start + col)
    }
}

fn scroll(pos: usize, visible: usize, total: usize) -> usize {
    if total <= visible || visible == 0 {
        0
    } else {
        pos.saturating_sub(visible / 2).min(total - visible)
    }
}

/// The building at a row of the list (inside its border, below the totals row).
pub fn list_row_at(list: Rect, count: usize, selected: usize, y: u16) -> Option<usize> {
    let first = list.y + 2;
    let rows = list.height.saturating_sub(3) as usize;
    if y < first || rows == 0 {
        return None;
    }
    let top = scroll(selected, rows, count);
    let i = top + (y - first) as usize;
    (i < count && ((y - first) as usize) < rows).then_some(i)
}

pub fn list_top(rows: usize, count: usize, selected: usize) -> usize {
    scroll(selected, rows, count)
}
