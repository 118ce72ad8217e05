//! Trends in the map: a building's sparkline in the list, and the trend screen (`T`): every status
//! of the district, or of one building, day by day over the last two weeks, one row each — a chart
//! that still reads without colour.

use super::app::App;
use super::theme;
use loupan_core::display::inline;
use loupan_core::render::{padded, padded_left};
use loupan_core::stats::Counts;
use loupan_core::status::Status;
use loupan_core::trend;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

impl App {
    /// A building's (or, with `None`, the district's) counts per day, oldest first, today last
    /// from the map itself; `None` where the day's file did not parse or the building was absent.
    pub fn series(&self, building: Option<usize>) -> Vec<(jiff::civil::Date, Option<Counts>)> {
        let mut out: Vec<(jiff::civil::Date, Option<Counts>)> = self
            .trend
            .iter()
            .map(|d| {
                let row = match building.and_then(|i| self.entries.get(i)) {
                    Some(e) => trend::building_row(d, &e.id, e.name()),
                    None => trend::total_row(d),
                };
                let known =
                    row.unreadable.is_empty() && !row.absent && d.basis != trend::Basis::Nothing;
                (d.date, row.counts.filter(|_| known))
            })
            .collect();
        let now = match building.and_then(|i| self.entries.get(i)) {
            Some(e) => e.building().map(|_| e.counts),
            None => Some(self.totals().1),
        };
        out.push((self.today, now));
        out
    }

    /// The sparkline of isolating households, the last `n` days; `None` without a history.
    pub fn spark(&self, building: Option<usize>, n: usize) -> Option<String> {
        if self.trend.is_empty() || n == 0 {
            return None;
        }
        let s = self.series(building);
        let values: Vec<Option<usize>> = s[s.len().saturating_sub(n)..]
            .iter()
            .map(|(_, c)| c.map(|c| c.get(Status::Isolating)))
            .collect();
        Some(trend::spark(&values))
    }
}

/// A day and its counts (`None`: cannot be told).
type Series = (jiff::civil::Date, Option<Counts>);

pub fn render(frame: &mut Frame, area: Rect, app: &App, building: Option<usize>) {
    let whose = match building.and_then(|i| app.entries.get(i)) {
        Some(e) => inline(e.name()).into_owned(),
        None => app.t("the district", "全辖区").to_string(),
    };
    let series = app.series(building);
    let (first, last) = (series[0].0, series[series.len() - 1].0);
    let title = format!(" {} · {whose} · {first} – {last} ", app.t("trend", "趋势"));
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    if app.trend.is_empty() {
        lines.push(Line::from(app.t(
            "no history yet: the trend needs the data directory in git, with a commit on earlier days",
            "还没有历史：趋势需要数据目录在 git 中，并在之前的日子有提交",
        )));
    }
    let label_w = 14;
    let figures_w = 16;
    let days = series.len();
    let per_day =
        ((inner.width as usize).saturating_sub(label_w + figures_w + 2) / days).clamp(1, 4);
    for (label, style, values) in status_rows(app, &series) {
        let spark: String = trend::spark(&values)
            .chars()
            .flat_map(|c| std::iter::repeat_n(c, per_day))
            .collect();
        let from = values.iter().flatten().next().copied();
        let to = values.last().copied().flatten();
        let figures = match (from, to) {
            (Some(a), Some(b)) => {
                let d = b as i64 - a as i64;
                format!("{a} → {b} ({d:+})")
            }
            _ => "-".to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(padded(&label, label_w), style),
            Span::raw(" "),
            Span::styled(spark, style.remove_modifier(Modifier::BOLD)),
            Span::raw(" "),
            Span::raw(padded_left(&figures, figures_w)),
        ]));
    }
    axis(app, &mut lines, (first, last), label_w, days * per_day);
    let unknown = blanks(&series);
    if !app.trend.is_empty() && !unknown.is_empty() {
        lines.push(Line::from(format!(
            "{} {}",
            app.t(
                "blank: not recorded, or the file did not parse, on",
                "空白：当天未记录或文件无法解析："
            ),
            unknown.join(", ")
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(app.t(
        "Tab: the district / the chosen building · `loupan trend` prints any number of days",
        "Tab：全辖区 / 所选楼栋 · `loupan trend` 可输出任意天数",
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The dates under the bars, and the bars' scale.
fn axis(
    app: &App,
    lines: &mut Vec<Line<'static>>,
    (first, last): (jiff::civil::Date, jiff::civil::Date),
    label_w: usize,
    axis_w: usize,
) {
    let (a, b) = (first.to_string(), last.to_string());
    let gap = axis_w.saturating_sub(a.len() + b.len()).max(1);
    lines.push(Line::from(format!(
        "{} {a}{}{b}",
        " ".repeat(label_w),
        " ".repeat(gap)
    )));
    lines.push(Line::from(Span::styled(
        format!(
            "{} {}",
            " ".repeat(label_w),
            app.t(
                "bars: 0 at the bottom, each row's largest figure at the top",
                "柱高：底部为 0，顶部为该行的最大值"
            )
        ),
        Style::default().add_modifier(Modifier::DIM),
    )));
}

/// One row per status and one for live-work: label, colour, the figure per day.
fn status_rows(app: &App, series: &[Series]) -> Vec<(String, Style, Vec<Option<usize>>)> {
    let mut rows: Vec<(String, Style, Vec<Option<usize>>)> = Status::ALL
        .iter()
        .map(|s| {
            let label = format!("{} {}", s.glyph(), app.lang.status(*s));
            let values = series.iter().map(|(_, c)| c.map(|c| c.get(*s))).collect();
            (label, theme::cell(app.colors, *s, false), values)
        })
        .collect();
    rows.push((
        format!(
            "* {}",
            loupan_core::fields::Field::LiveWork.spec().label(app.lang)
        ),
        Style::default().add_modifier(Modifier::BOLD),
        series.iter().map(|(_, c)| c.map(|c| c.live_work)).collect(),
    ));
    rows
}

/// The days without figures, consecutive ones as a range.
fn blanks(series: &[Series]) -> Vec<String> {
    let Some(last) = series.last().map(|(d, _)| *d) else {
        return Vec::new();
    };
    // consecutive blank days as one range
    let mut unknown: Vec<String> = Vec::new();
    let mut run: Option<(jiff::civil::Date, jiff::civil::Date)> = None;
    for (d, c) in series
        .iter()
        .chain([(last, Some(Counts::default()))].iter())
    {
        match (c, run) {
            (None, None) => run = Some((*d, *d)),
            (None, Some((a, _))) => run = Some((a, *d)),
            (Some(_), Some((a, b))) => {
                unknown.push(if a == b {
                    a.to_string()
                } else {
                    format!("{a} – {b}")
                });
                run = None;
            }
            (Some(_), None) => {}
        }
    }
    unknown
}
