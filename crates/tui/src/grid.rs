//! The selected building's grid (top floor at the top, floor labels at the left) and the legend.
//! Nothing is hidden without a sign: `^` / `v` in the gutter when floors are out of sight above or
//! below, and the frame's bottom edge says which floors and units show ("floors 3–20 of 26").

use super::app::{App, Entry, FilterKind, Slot};
use super::geometry::GridView;
use super::modes::Mode;
use super::theme;
use loupan_core::display::inline;
use loupan_core::fields::Field;
use loupan_core::model::Building;
use loupan_core::render::{self, LIVE_WORK_MARK};
use loupan_core::status::Status;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Marks left of a cell, in the order they win: selected, changed outside, uncommitted.
pub const MARK_SELECTED: &str = ":";
pub const MARK_OUTSIDE: &str = "~";
pub const MARK_UNCOMMITTED: &str = "'";
/// In a past day's map: changed that day.
pub const MARK_THAT_DAY: &str = "+";

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(entry) = app.entries.get(app.current) else {
        let block = Block::bordered();
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let t = if app.past.is_some() {
            app.t(
                "no buildings on this day: nothing was committed by its end; ] steps forward",
                "这一天还没有楼栋：当天结束时尚无提交；按 ] 向后",
            )
        } else {
            app.t(
                "no buildings here: create one with `loupan new ID --name NAME --floors N --units N`",
                "这里还没有楼栋：用 `loupan new 编号 --name 名称 --floors N --units N` 新建",
            )
        };
        frame.render_widget(Paragraph::new(t).wrap(Wrap { trim: true }), inner);
        return;
    };
    match &entry.slot {
        Slot::Ready(b) => draw(frame, area, app, entry, b),
        Slot::Pending => {
            let block = Block::bordered().title(format!(" {} ", entry.id));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(
                Paragraph::new(format!("{}…", app.t("loading", "加载中"))),
                inner,
            );
        }
        Slot::Broken(problems) => {
            let block = Block::bordered()
                .title(format!(
                    " {} · {} ",
                    entry.id,
                    app.t("broken file, read-only", "文件有误，只读")
                ))
                .border_style(theme::error(app.colors));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let lines: Vec<Line> = problems
                .iter()
                .map(|p| Line::from(p.render(app.lang)))
                .collect();
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
    }
}

/// "floors 3–20 (18 of 26) · units 1–8 of 30" when anything is out of sight, in the longest
/// wording that fits `room` columns: shorter words first, then the units left out — never cut.
fn position(app: &App, b: &Building, v: &GridView, room: usize) -> Option<String> {
    use loupan_core::i18n::Lang::{En, Zh};
    let shown_floors = v.floors.min(b.floors.len().saturating_sub(v.first_floor));
    let floors_cut = shown_floors < b.floors.len() && shown_floors > 0;
    let widest = b.widest_floor();
    let units_cut = v.cols < widest;
    let floors: Vec<String> = if floors_cut {
        let top = inline(&b.floors[v.first_floor].label).into_owned();
        let low = inline(&b.floors[v.first_floor + shown_floors - 1].label).into_owned();
        let n = b.floors.len();
        // labels skip numbers (no 4, 13, 14), so the range says where and the count how many
        match app.lang {
            En => vec![
                format!("floors {low}–{top} ({shown_floors} of {n})"),
                format!("floors {low}–{top} of {n}"),
                format!("{low}–{top}/{n}"),
            ],
            Zh => vec![
                format!("第 {low}–{top} 层（{n} 层中的 {shown_floors} 层）"),
                format!("第 {low}–{top} 层（共 {n} 层）"),
                format!("{low}–{top}/{n} 层"),
            ],
        }
    } else {
        Vec::new()
    };
    let units: Vec<String> = if units_cut {
        let (a, z) = (v.first_col + 1, (v.first_col + v.cols).min(widest));
        match app.lang {
            En => vec![
                format!("units {a}–{z} of {widest}"),
                format!("units {a}–{z}/{widest}"),
                format!("{a}–{z}/{widest}"),
            ],
            Zh => vec![
                format!("每层第 {a}–{z} 户（共 {widest} 户）"),
                format!("第 {a}–{z}/{widest} 户"),
                format!("{a}–{z}/{widest} 户"),
            ],
        }
    } else {
        Vec::new()
    };
    let wordings = (0..3).map(|k| {
        [floors.get(k), units.get(k)]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
    });
    // then the floors alone: where in the tower matters more than where along a floor
    let last = floors.last().cloned().into_iter().collect::<Vec<_>>();
    wordings
        .chain([last])
        .filter(|p| !p.is_empty())
        .map(|p| format!(" {} ", p.join(" · ")))
        .find(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) <= room)
}

/// What every cell of a frame is drawn with.
struct Cells<'a> {
    app: &'a App,
    entry: &'a Entry,
    b: &'a Building,
    view: GridView,
    clip: Rect,
    selected: std::collections::HashSet<usize>,
    logs: Option<
        &'a std::collections::HashMap<loupan_core::text::SmallStr, loupan_core::journal::UnitLog>,
    >,
}

fn draw(frame: &mut Frame, area: Rect, app: &App, entry: &Entry, b: &Building) {
    let name = inline(&b.name);
    let title = if *name == b.id {
        format!(" {name} ")
    } else {
        format!(" {name} ({}) ", b.id)
    };
    let view = GridView::new(area, b, app.cursor());
    let mut block = Block::bordered().title(title);
    // the bottom edge less its corners and a column of border on each side
    let room = (area.width as usize).saturating_sub(4);
    if let Some(p) = position(app, b, &view, room) {
        block = block.title_bottom(Line::from(p).right_aligned());
    }
    frame.render_widget(block, area);
    let anchor = match app.mode {
        Mode::Select { anchor } => Some(anchor),
        _ => None,
    };
    let buf = frame.buffer_mut();
    let c = Cells {
        app,
        entry,
        b,
        view,
        clip: view.inner.intersection(buf.area),
        selected: app
            .targets(anchor)
            .into_iter()
            .filter(|_| anchor.is_some())
            .collect(),
        logs: app.journal.building(&b.id),
    };
    let mut text = String::with_capacity(view.cell as usize + 4);
    for row in 0..view.floors {
        if !draw_row(buf, &c, row, &mut text) {
            break;
        }
    }
}

/// One floor: its label (with `^` / `v` when floors continue out of sight) and its cells.
fn draw_row(buf: &mut Buffer, c: &Cells<'_>, row: usize, text: &mut String) -> bool {
    let (app, b, view) = (c.app, c.b, &c.view);
    let fi = view.first_floor + row;
    let Some(floor) = b.floors.get(fi) else {
        return false;
    };
    let y = view.inner.y + row as u16;
    let more = if row == 0 && view.first_floor > 0 {
        '^'
    } else if row + 1 == view.floors && fi + 1 < b.floors.len() {
        'v'
    } else {
        ' '
    };
    let label = render::padded_left(&inline(&floor.label), render::gutter_width(b));
    put(
        buf,
        c.clip,
        view.inner.x,
        y,
        &format!("{label}{more}│"),
        Style::default(),
    );
    for col in view.first_col..(view.first_col + view.cols).min(floor.len) {
        let ui = floor.start + col;
        let u = &b.units[ui];
        let x = view.cell_x(col);
        let tag = tag(app, c.logs, u, &c.b.companies);
        render::write_cell(text, u, view.cell as usize, Some(tag));
        let mut style = if app.filter.is_none_or(|f| f.matches(&u.record)) {
            theme::cell(app.colors, u.record.status, u.record.live_work)
        } else {
            theme::dimmed(app.colors)
        };
        let mark = if c.selected.contains(&ui) {
            style = theme::selected(style);
            Some(MARK_SELECTED)
        } else if app.past.is_some() {
            c.entry.that_day.contains(&u.label).then_some(MARK_THAT_DAY)
        } else if c.entry.changed.contains_key(&u.label) {
            Some(MARK_OUTSIDE)
        } else if c.entry.uncommitted.contains(&u.label) {
            Some(MARK_UNCOMMITTED)
        } else {
            None
        };
        if let Some(m) = mark {
            put(buf, c.clip, x - 1, y, m, theme::changed_mark(app.colors));
        }
        if ui == app.cursor() {
            style = theme::cursor(style);
            let bold = Style::default().add_modifier(Modifier::BOLD);
            put(buf, c.clip, x - 1, y, "[", bold);
            put(buf, c.clip, x + view.cell, y, "]", bold);
        }
        put(buf, c.clip, x, y, text, style);
        if tag.is_ascii_digit() || tag == '#' {
            // a count right after a label would read as part of it (2604 knocked once is not 26041)
            let at = 1
                + unicode_width::UnicodeWidthStr::width(&*inline(&u.label))
                + usize::from(u.record.live_work);
            let tx = x + at as u16;
            if at < view.cell as usize && c.clip.contains((tx, y).into()) {
                buf[(tx, y)].set_style(style.add_modifier(Modifier::UNDERLINED));
            }
        }
    }
    true
}

/// The mark after a label: `!` an isolating household not yet reached today; at an unknown unit,
/// how many times it was door-knocked (`#` for ten or more).
fn tag(
    app: &App,
    logs: Option<
        &std::collections::HashMap<loupan_core::text::SmallStr, loupan_core::journal::UnitLog>,
    >,
    u: &loupan_core::model::Unit,
    companies: &[loupan_core::company::Company],
) -> char {
    let log = logs.and_then(|l| l.get(&*u.label));
    // a past day (`[`) reads as it was: that day's calls, the knocks made by then
    let past = app.past.as_ref().map(|p| p.day);
    let knocks = |l: &loupan_core::journal::UnitLog| match past {
        Some(day) => l.visits_by(day),
        None => l.visits().0,
    };
    match u.record.status {
        Status::Isolating if !log.is_some_and(|l| l.reached_on(app.shown_day())) => '!',
        Status::Unknown => match log.map_or(0, knocks) {
            0 => ' ',
            n @ 1..=9 => char::from_digit(n as u32, 10).unwrap_or('#'),
            _ => '#',
        },
        // a shared office: how many companies it hosts, when more than one
        Status::Resumed | Status::NotResumed => match hosts(companies, &u.label) {
            0 | 1 => ' ',
            n @ 2..=9 => char::from_digit(n as u32, 10).unwrap_or('#'),
            _ => '#',
        },
        _ => ' ',
    }
}

/// How many filed companies occupy a unit.
fn hosts(companies: &[loupan_core::company::Company], label: &str) -> usize {
    companies.iter().filter(|c| c.in_unit(label)).count()
}

/// "住户 56 · 企业 12 · 员工 340 · 已核实 70%": households, companies as filed and their staff,
/// how much is verified.
fn summary(app: &App, counts: &loupan_core::stats::Counts) -> String {
    let sum = |of: fn(Status) -> bool| {
        Status::ALL
            .iter()
            .filter(|s| of(**s))
            .map(|s| counts.get(*s))
            .sum::<usize>()
    };
    let households = sum(Status::is_household);
    // companies as filed (several may share a unit, one may span several), and their staff
    let (companies, employees) = app.building().map_or((0, 0), |b| {
        let all = loupan_core::company::all(b);
        let staff: u64 = all
            .iter()
            .map(|c| u64::from(c.record.headcount.unwrap_or(0)))
            .sum();
        (all.len(), staff)
    });
    // employees only where companies filed a headcount: the line must fit beside the legend
    let staff = if employees > 0 {
        format!(" · {} {employees}", app.t("employees", "员工"))
    } else {
        String::new()
    };
    format!(
        "{} {households} · {} {companies}{staff} · {} {}%",
        app.t("households", "住户"),
        app.t("companies", "企业"),
        app.t("verified", "已核实"),
        counts.verified_percent()
    )
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
    let lw = format!(
        "{LIVE_WORK_MARK} {}",
        Field::LiveWork.spec().label(app.lang)
    );
    let lw = if app.filter == Some(FilterKind::LiveWork) {
        format!("[{lw}]")
    } else {
        lw
    };
    items.push(vec![
        Span::styled(lw, Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(format!(" {}", counts.live_work)),
    ]);
    items.push(vec![Span::styled(
        summary(app, &counts),
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
