//! The status line: mode, the last action's result, key hints for the mode, git state. Hints come
//! from the mode's binding table, most important first, and are dropped whole when they do not
//! fit — never cut mid-word.

use super::app::{App, FilterKind, Notice};
use super::keymap;
use super::modes::Mode;
use super::pending::Work;
use super::theme;
use loupan_core::display::inline;
use loupan_core::fields::Field;
use loupan_core::i18n::Lang;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// A mode's name as the status line shows it.
pub(crate) fn mode_name(lang: Lang, mode: &Mode) -> &'static str {
    let t = |en, zh| lang.pick(en, zh);
    match mode {
        Mode::Normal => t("NORMAL", "浏览"),
        Mode::Select { .. } => t("SELECT", "框选"),
        Mode::Search(_) => t("SEARCH", "查找"),
        Mode::Form(_) | Mode::Filing(_) | Mode::Conflict(_) | Mode::Vacant(_) => t("EDIT", "编辑"),
        Mode::Help(_) => t("HELP", "帮助"),
        Mode::Overview { .. } => t("OVERVIEW", "总览"),
        Mode::Review | Mode::Commit { .. } => t("REVIEW", "审阅"),
        Mode::FollowUp(_) => t("FOLLOW-UP", "随访"),
        Mode::Today(_) => t("TODAY", "今日"),
        Mode::Trend(_) => t("TREND", "趋势"),
    }
}

/// Git state for the right edge: branch, ahead/behind, uncommitted units.
fn git_text(app: &App) -> String {
    let Some(g) = &app.git else {
        return String::new();
    };
    let n: usize = app.entries.iter().map(|e| e.uncommitted.len()).sum();
    let mut s = format!(" {} {}", app.t("branch", "分支"), inline(&g.branch));
    if g.ahead > 0 {
        s.push_str(&format!(" +{}", g.ahead));
    }
    if g.behind > 0 {
        s.push_str(&format!(" -{}", g.behind));
    }
    if n > 0 {
        s.push_str(&format!(" · {n} {}", app.t("uncommitted", "未提交")));
    }
    s + " "
}

/// The git corner when room is short: the uncommitted count alone.
fn git_short(app: &App) -> String {
    let n: usize = app.entries.iter().map(|e| e.uncommitted.len()).sum();
    match (&app.git, n) {
        (Some(_), 1..) => format!(" {n} {} ", app.t("uncommitted", "未提交")),
        _ => String::new(),
    }
}

/// Mode, read-only, search or filter, selection, and the last action's result.
fn left(app: &App, width: usize) -> Vec<Span<'static>> {
    let mut spans = prefix(app);
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = width.saturating_sub(used + 2);
    // a notice wider than the line is shown whole above it (`above`), never cut here
    if let Some((m, style)) = notice(app).filter(|(m, _)| m.width() <= room) {
        spans.push(Span::styled(format!(" {m} "), style));
    }
    spans
}

/// The status line before the notice: mode, read-only or past day, search or filter, selection,
/// work under way.
fn prefix(app: &App) -> Vec<Span<'static>> {
    let mut spans = vec![Span::styled(
        format!(" {} ", mode_name(app.lang, &app.mode)),
        theme::accent(app.colors).add_modifier(Modifier::REVERSED),
    )];
    if let Some(r) = app.read_only.as_ref().map(|t| t.get(app.lang)) {
        spans.push(Span::styled(format!(" {r} "), theme::error(app.colors)));
    } else if app.past.is_some() {
        spans.push(Span::styled(
            format!(" {} ", app.past_label()),
            theme::error(app.colors),
        ));
    }
    if let Mode::Search(s) = &app.mode {
        let hits = app.search.as_ref().map_or(0, |s| s.1.len());
        spans.push(Span::raw(format!(" /{}_ ({hits}) ", inline(&s.query))));
    } else if let Some(f) = app.filter {
        let name = match f {
            FilterKind::Status(s) => app.lang.status(s),
            FilterKind::LiveWork => Field::LiveWork.spec().label(app.lang),
        };
        spans.push(Span::raw(format!(" {}: {name} ", app.t("filter", "筛选"))));
    }
    if let Mode::Select { .. } = app.mode {
        let n = app.targets(match app.mode {
            Mode::Select { anchor } => Some(anchor),
            _ => None,
        });
        spans.push(Span::raw(format!(
            " {} {} ",
            n.len(),
            app.t("selected", "已选")
        )));
    }
    if let Some(w) = work_text(app) {
        spans.push(Span::styled(w, theme::accent(app.colors)));
    }
    spans
}

/// The last action's result and its style.
fn notice(app: &App) -> Option<(&str, Style)> {
    match &app.notice {
        Some(Notice::Info(m)) => Some((
            m.get(app.lang),
            Style::default().add_modifier(Modifier::BOLD),
        )),
        Some(Notice::Error(m)) => Some((m.get(app.lang), theme::error(app.colors))),
        None => None,
    }
}

/// Rows a notice too wide for the status line takes above it (at most three, folded between
/// words), so a confirmation or a file's path is read whole at 80 columns; 0 when it fits.
fn above(app: &App, width: usize) -> Vec<String> {
    let Some((m, _)) = notice(app) else {
        return Vec::new();
    };
    let used: usize = prefix(app).iter().map(|s| s.width()).sum();
    if m.width() <= width.saturating_sub(used + 2) {
        return Vec::new();
    }
    let mut lines = loupan_core::display::wrap(m, width.saturating_sub(2));
    lines.truncate(3);
    lines
}

/// Draws a notice too wide for the status line on the rows above it, over what is there.
pub fn render_above(frame: &mut Frame, status: Rect, app: &App) {
    let lines = above(app, status.width as usize);
    let Some((_, style)) = notice(app).filter(|_| !lines.is_empty()) else {
        return;
    };
    let n = (lines.len() as u16).min(status.y.saturating_sub(1));
    let area = Rect::new(status.x, status.y - n, status.width, n);
    let rows: Vec<Line> = lines
        .into_iter()
        .take(n as usize)
        .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
        .collect();
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(rows), area);
}

/// The job the worker is on (the oldest asked), and how many more wait behind it.
fn work_text(app: &App) -> Option<String> {
    let first = app.pending.work.front()?;
    let what = match first {
        Work::Saving => app.t("saving…", "保存中…").to_string(),
        Work::Logging => app.t("logging…", "记录中…").to_string(),
        Work::Committing => app.t("committing…", "提交中…").to_string(),
        Work::Syncing => app.t("syncing…", "同步中…").to_string(),
        Work::Reporting => app.t("making the report…", "生成日报中…").to_string(),
        Work::Stepping(Some(d)) => {
            let day = d.strftime("%m-%d");
            format!("{} {day}…", app.t("reading", "读取"))
        }
        Work::Stepping(None) => app.t("back to today…", "回到今天…").to_string(),
    };
    Some(match app.pending.work.len() - 1 {
        0 => format!(" {what} "),
        more => format!(" {what} +{more} "),
    })
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let width = area.width as usize;
    // the notice says what just happened: the git corner gives way first (the branch, then all
    // of it) rather than the notice being cut
    let need: usize = left(app, usize::MAX / 2).iter().map(|s| s.width()).sum();
    let right = [git_text(app), git_short(app)]
        .into_iter()
        .find(|r| r.width() < width / 2 && need + r.width() <= width)
        .unwrap_or_default();
    let right_w = right.width();
    let mut spans = left(app, width.saturating_sub(right_w));
    let mut used: usize = spans.iter().map(|s| s.width()).sum();
    let dim = Style::default().add_modifier(Modifier::DIM);
    for (keys, word) in keymap::hints(app.mode.kind(), app.lang) {
        let h = format!(" {keys} {word} ");
        if used + h.width() + right_w > width {
            break;
        }
        used += h.width();
        spans.push(Span::styled(h, dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if right_w > 0 {
        let r = Rect::new(
            area.x + area.width - right_w as u16,
            area.y,
            right_w as u16,
            1,
        );
        frame.render_widget(
            Paragraph::new(Span::styled(right, theme::accent(app.colors))),
            r,
        );
    }
}
