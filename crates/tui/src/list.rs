//! The building list: name, units, isolating count, verification progress; the data set's size
//! in its title and a totals row across every building at its top.

use super::app::{App, Slot};
use super::geometry;
use super::theme;
use loupan_core::display::{clip, inline};
use loupan_core::i18n::Lang;
use loupan_core::render::padded;
use loupan_core::stats::Counts;
use loupan_core::status::Status;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// "33 buildings · 6656 units" once everything is loaded; loading progress until then.
pub fn header(app: &App) -> String {
    let (n, c) = app.totals();
    if let Some(p) = &app.past {
        let day = p.day;
        return match app.lang {
            Lang::En => format!("{day} · {n} buildings"),
            Lang::Zh => format!("{day} · {n} 栋楼"),
        };
    }
    if !app.all_loaded() {
        return format!("{} {}/{n}", app.t("loading", "加载中"), app.loaded);
    }
    match app.lang {
        Lang::En => format!(
            "{n} building{} · {} unit{}",
            if n == 1 { "" } else { "s" },
            c.units,
            if c.units == 1 { "" } else { "s" }
        ),
        Lang::Zh => format!("{n} 栋楼 · {} 个单元", c.units),
    }
}

/// "  80 X2  45%": units, isolating, verified share, in columns as wide as the widest figures
/// (`w`: units, isolating), so names keep every column the numbers do not need.
fn numbers(c: &Counts, (units_w, iso_w): (usize, usize)) -> String {
    format!(
        "{:>units_w$} {}{:<iso_w$}{:>4}%",
        c.units,
        Status::Isolating.glyph(),
        c.get(Status::Isolating),
        c.verified_percent()
    )
}

/// The widths of the number columns: the totals row's figures are the widest.
fn number_widths(total: &Counts) -> (usize, usize) {
    let digits = |n: usize| n.max(1).ilog10() as usize + 1;
    (digits(total.units), digits(total.get(Status::Isolating)))
}

/// The columns the list wants to show every name whole: the widest name, its figures, the
/// sparkline when there is a trend, the marker and the border.
pub fn want(app: &App) -> u16 {
    let (_, total) = app.totals();
    let widths = number_widths(&total);
    let num_w = widths.0 + 2 + widths.1 + 5;
    let names = app
        .entries
        .iter()
        .map(|e| inline(e.name()).width())
        .max()
        .unwrap_or(0);
    let spark = if app.trend.is_empty() { 0 } else { 15 };
    u16::try_from(names + num_w + 2 + spark + 2).unwrap_or(u16::MAX)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let block = Block::bordered().title(format!(" {} ", header(app)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (_, total) = app.totals();
    let widths = number_widths(&total);
    let num_w = widths.0 + 2 + widths.1 + 5;
    // a sparkline of isolating households when a name still keeps 10 columns beside it
    let spark_n = (inner.width as usize)
        .saturating_sub(num_w + 2 + 10 + 1)
        .min(14);
    let spark_n = if spark_n >= 5 && !app.trend.is_empty() {
        spark_n
    } else {
        0
    };
    let spark = |i: Option<usize>| {
        app.spark(i, spark_n)
            .map_or(String::new(), |s| format!(" {s}"))
    };
    let name_w = (inner.width as usize)
        .saturating_sub(num_w + 2 + if spark_n > 0 { spark_n + 1 } else { 0 })
        .max(4);
    let mut lines = Vec::new();
    let label = padded(&clip(app.t("all", "全部"), name_w), name_w);
    lines.push(Line::from(Span::styled(
        format!(" {label}{} {}", spark(None), numbers(&total, widths)),
        Style::default().add_modifier(Modifier::BOLD),
    )));
    let rows = (inner.height as usize).saturating_sub(1);
    let top = geometry::list_top(rows, app.entries.len(), app.current);
    // names cut only as far as each still stands for one building
    let names: Vec<String> = app
        .entries
        .iter()
        .map(|e| inline(e.name()).into_owned())
        .collect();
    let mut sorted: Vec<&str> = names.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    for (i, e) in app.entries.iter().enumerate().skip(top).take(rows) {
        let name = padded(
            &crate::overview::short_name(&names[i], name_w, &sorted),
            name_w,
        );
        let marker = if i == app.current { ">" } else { " " };
        let nums = match &e.slot {
            Slot::Pending => "…".to_string(),
            Slot::Broken(_) => "!".to_string(),
            Slot::Ready(_) => numbers(&e.counts, widths),
        };
        let mut style = Style::default();
        if i == app.current {
            style = theme::accent(app.colors).add_modifier(Modifier::REVERSED);
        }
        if matches!(e.slot, Slot::Broken(_)) {
            style = style.patch(theme::error(app.colors));
        }
        lines.push(Line::from(Span::styled(
            format!("{marker}{name}{} {nums}", spark(Some(i))),
            style,
        )));
    }
    if app.entries.is_empty() {
        lines.push(Line::from(app.t("no buildings here", "这里还没有楼栋")));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
