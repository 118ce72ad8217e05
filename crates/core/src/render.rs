//! The building grid as cells of text: shared by `loupan render` (ANSI text) and the TUI's grid
//! widget, so both draw a unit the same way. Pure.

use crate::display::inline;
use crate::fields::Field;
use crate::i18n::Lang;
use crate::model::{Building, Unit};
use crate::stats::Counts;
use crate::status::Status;
use unicode_width::UnicodeWidthStr;

/// Live-work units carry this marker after their label, bold where the terminal can.
pub const LIVE_WORK_MARK: char = '*';

/// Columns of one cell: glyph, widest label, live-work marker.
pub fn cell_width(b: &Building) -> usize {
    usize::from(b.label_width) + 2
}

/// Columns of the floor-label gutter.
pub fn gutter_width(b: &Building) -> usize {
    usize::from(b.floor_width)
}

/// `X1203*` padded to `width` into a reused buffer: the glyph keeps statuses apart without
/// colour; the grid draws thousands of cells a frame. The map adds a mark after the label (`!`
/// to call today, door-knock attempts) in one more column.
pub fn write_cell(s: &mut String, u: &Unit, width: usize, tag: Option<char>) {
    s.clear();
    s.push(u.record.status.glyph());
    let label: &str = &u.label;
    if label.bytes().all(|c| (0x20..0x7f).contains(&c)) {
        s.push_str(label);
    } else {
        s.push_str(&inline(label));
    }
    if u.record.live_work {
        s.push(LIVE_WORK_MARK);
    }
    if let Some(t) = tag {
        s.push(t);
    }
    pad(s, width);
}

pub fn pad(s: &mut String, width: usize) {
    let w = s.width();
    for _ in w..width {
        s.push(' ');
    }
}

/// `s` padded with spaces to `width` columns (CJK counts two).
pub fn padded(s: &str, width: usize) -> String {
    let mut out = s.to_string();
    pad(&mut out, width);
    out
}

/// `s` right-aligned in `width` columns.
pub fn padded_left(s: &str, width: usize) -> String {
    let mut out = String::new();
    for _ in s.width()..width {
        out.push(' ');
    }
    out.push_str(s);
    out
}

/// ANSI SGR for a status on a 16-colour terminal: (background, foreground).
fn ansi16(s: Status) -> (u8, u8) {
    let (bg, fg) = crate::palette::swatch(s).ansi;
    (bg.bg(), fg.fg())
}

/// The whole building as text lines, with a legend; `color` adds ANSI escapes.
pub fn building_text(b: &Building, color: bool, lang: Lang) -> String {
    let cw = cell_width(b);
    let gw = gutter_width(b);
    let counts = Counts::of(b);
    let n = b.units.len();
    let mut out = format!(
        "{} ({}) · {n} {}\n",
        inline(&b.name),
        b.id,
        lang.pick("units", "户")
    );
    let mut text = String::new();
    for (fi, f) in b.floors.iter().enumerate() {
        out.push_str(&padded_left(&inline(&f.label), gw));
        out.push_str(" │");
        for u in b.floor_units(fi) {
            out.push(' ');
            write_cell(&mut text, u, cw, None);
            if color {
                let (bg, fg) = ansi16(u.record.status);
                let bold = if u.record.live_work { "1;" } else { "" };
                out.push_str(&format!("\x1b[{bold}{bg};{fg}m{text}\x1b[0m"));
            } else {
                out.push_str(&text);
            }
        }
        let kept = out.trim_end_matches(' ').len();
        out.truncate(kept);
        out.push('\n');
    }
    out.push('\n');
    for s in Status::ALL {
        let label = match lang {
            Lang::En => format!("{} {} {}", s.glyph(), s.key(), s.zh()),
            Lang::Zh => format!("{} {}", s.glyph(), s.zh()),
        };
        if color {
            let (bg, fg) = ansi16(s);
            out.push_str(&format!(
                "\x1b[{bg};{fg}m {label} \x1b[0m {}  ",
                counts.get(s)
            ));
        } else {
            out.push_str(&format!("{label} {}  ", counts.get(s)));
        }
    }
    let lw = match lang {
        Lang::En => "live-work 企住一体",
        Lang::Zh => Field::LiveWork.spec().label(lang),
    };
    out.push_str(&format!("{LIVE_WORK_MARK} {lw} {}\n", counts.live_work));
    out
}
