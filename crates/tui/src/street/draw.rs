//! `render(frame, &street)`: the street's line, the stations' table, the chosen station's towers
//! (the map's own overview), the keys. Words carry every state, so it reads without colour.

use super::state::{Figures, KEYS, StationView, StreetMap};
use crate::theme::{self, ColorMode};
use loupan_core::display::{clip, inline};
use loupan_core::i18n::Lang;
use loupan_core::status::Status;
use loupan_core::street::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Rows the towers keep below the stations when the window has them (else half of it).
const TOWERS_ROOM: u16 = 16;

pub fn render(frame: &mut Frame, s: &StreetMap) {
    let area = frame.area();
    if area.width < 20 || area.height < 6 {
        let small = s.t("window too small", "窗口太小");
        frame.render_widget(Paragraph::new(small), area);
        return;
    }
    // each station's figures once a frame: the heading, the title and the lines all use them
    let figures: Vec<Figures> = s.stations.iter().map(StationView::figures).collect();
    let title = Rect::new(area.x, area.y, area.width, 1);
    frame.render_widget(
        Paragraph::new(heading(s, &figures, area.width as usize)).style(theme::accent(s.colors)),
        title,
    );
    let body = area.height - 2;
    // the stations take what they need, leaving the towers room
    let want = s.stations.len() as u16 + 3;
    let list_h = want
        .min(body.saturating_sub(TOWERS_ROOM).max(body / 2))
        .max(4);
    let list = Rect::new(area.x, area.y + 1, area.width, list_h.min(body));
    stations(frame, list, s, &figures);
    let rest = body.saturating_sub(list.height);
    if rest >= 3
        && let Some(v) = s.chosen()
    {
        let towers = Rect::new(area.x, list.y + list.height, area.width, rest);
        if let Some(t) = &v.problem {
            let why = inline(t.get(s.lang)).into_owned();
            let block = Block::bordered().title(format!(" {} ", inline(&v.row.name)));
            frame.render_widget(Paragraph::new(why).block(block), towers);
        } else {
            crate::overview::render(frame, towers, &v.towers, 0);
        }
    }
    let foot = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    frame.render_widget(Paragraph::new(footer(s, area.width as usize)), foot);
    if s.help {
        help(frame, area, s);
    }
}

/// `东湖街道 · 已报 17/20 · 未报 3 · 迟报 0 · … · 截止 18:00 · 2026-12-05`: what matters most
/// first; parts that do not fit the width are left out whole, from the end.
fn heading(s: &StreetMap, figures: &[Figures], width: usize) -> String {
    let (ok, late, missing) = s.tally();
    let n = s.stations.len();
    let zh = s.lang == Lang::Zh;
    let say = |en: String, z: String| if zh { z } else { en };
    let mut parts = vec![
        inline(&s.name).into_owned(),
        say(
            format!("reported {}/{n}", ok + late),
            format!("已报 {}/{n}", ok + late),
        ),
        say(format!("missing {missing}"), format!("未报 {missing}")),
    ];
    if s.overdue {
        parts.push(say("past the deadline".into(), "已过截止时间".into()));
    }
    parts.push(say(format!("late {late}"), format!("迟报 {late}")));
    if !s.problems.is_empty() {
        let k = s.problems.len();
        parts.push(say(
            format!("{k} report files do not read (loupan street status)"),
            format!("{k} 份上报文件无法读取（loupan street status）"),
        ));
    }
    let done = s.complete();
    if done == n && n > 0 {
        let mut all = Figures::default();
        for f in figures {
            all.add(f);
        }
        let (x, p) = (all.isolating(), all.verified());
        parts.push(say(format!("isolating {x}"), format!("隔离户 {x}")));
        parts.push(say(format!("verified {p}"), format!("已核实 {p}")));
    } else if n > 0 {
        parts.push(say(
            format!("reading {done}/{n}"),
            format!("读取中 {done}/{n}"),
        ));
    }
    parts.push(say(
        format!("deadline {}", s.deadline),
        format!("截止 {}", s.deadline),
    ));
    parts.push(s.date.to_string());
    let mut line = String::new();
    for p in parts {
        let next = if line.is_empty() {
            format!(" {p}")
        } else {
            format!("{line} · {p}")
        };
        if next.width() > width && !line.is_empty() {
            break;
        }
        line = next;
    }
    line
}

/// `s` padded with spaces to `w` columns, or cut to them.
fn fit(s: &str, w: usize) -> String {
    let c = clip(s, w);
    let pad = w.saturating_sub(c.width());
    format!("{c}{}", " ".repeat(pad))
}

fn stations(frame: &mut Frame, area: Rect, s: &StreetMap, figures: &[Figures]) {
    let broken = figures.iter().any(|f| f.broken > 0);
    let title = match broken {
        true => s.t(
            " STATIONS · !N towers that do not read, counted nowhere ",
            " 工作站 · !N 栋无法读取，不计入 ",
        ),
        false => s.t(" STATIONS ", " 工作站 "),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    let (head, widths) = columns(s, usize::from(inner.width));
    // names cut only as far as each still stands for one station
    let names: Vec<String> = s
        .stations
        .iter()
        .map(|v| inline(&v.row.name).into_owned())
        .collect();
    let names = crate::overview::short_names(&names, widths[2]);
    let header: String = head
        .iter()
        .zip(widths)
        .filter(|(_, w)| *w > 0)
        .map(|(h, w)| fit(h, w) + " ")
        .collect();
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled(header, bold)];
    if s.stations.is_empty() {
        lines.push(Line::from(s.t(
            "no stations yet: add one with `loupan station add ID NAME` here, then `loupan sync`",
            "还没有工作站：在这里用 `loupan station add 编号 名称` 添加，再 `loupan sync`",
        )));
    }
    let shown = usize::from(inner.height - 1);
    let order = s.order();
    let at = order.iter().position(|&i| i == s.selected).unwrap_or(0);
    let first = (at + 1).saturating_sub(shown);
    for &i in order.iter().skip(first).take(shown) {
        let v = &s.stations[i];
        lines.push(station_line(
            s,
            v,
            &figures[i],
            &names[i],
            i == s.selected,
            widths,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The table's headings and column widths for `room` columns. A narrow window gets shorter
/// names, the figures' headings as in the overview (X, %), no towers' count, then the report's
/// revision and zero mark cut (its state and time stay).
fn columns(s: &StreetMap, room: usize) -> ([&'static str; 7], [usize; 7]) {
    let name_w = s
        .stations
        .iter()
        .map(|v| inline(&v.row.name).width())
        .max()
        .unwrap_or(4)
        .clamp(4, 20);
    let id_w = s
        .stations
        .iter()
        .map(|v| v.row.id.width())
        .max()
        .unwrap_or(2);
    let mut head = match s.lang {
        Lang::Zh => ["", "编号", "工作站", "今晚上报", "隔离户", "已核实", "楼栋"],
        Lang::En => [
            "",
            "id",
            "station",
            "tonight's report",
            "isolating",
            "verified",
            "towers",
        ],
    };
    let said = s.stations.iter().map(|v| report_cell(s, v).0.width()).max();
    let mut widths = [2, id_w, name_w, said.unwrap_or(0), 4, 4, 5];
    let grow = |widths: &mut [usize; 7], head: &[&str; 7]| {
        for (w, h) in widths.iter_mut().zip(head) {
            *w = (*w).max(h.width());
        }
    };
    grow(&mut widths, &head);
    let used = |w: &[usize; 7]| w.iter().filter(|x| **x > 0).map(|x| x + 1).sum::<usize>();
    if used(&widths) > room {
        widths[2] = widths[2].min(8);
    }
    if used(&widths) > room {
        (head[4], head[5]) = ("X", "%");
        (widths[4], widths[5]) = (4, 4);
        grow(&mut widths, &head);
    }
    if used(&widths) > room {
        widths[6] = 0;
    }
    let state_time = s.stations.iter().map(|v| {
        let at = v.row.submission.as_ref().map_or(0, |x| x.at.width() + 1);
        v.row.state.said(s.lang).width() + at
    });
    let least = state_time.max().unwrap_or(0).max(head[3].width().min(8));
    let over = used(&widths).saturating_sub(room);
    widths[3] = widths[3].saturating_sub(over).max(least);
    (head, widths)
}

fn station_line(
    s: &StreetMap,
    v: &StationView,
    f: &Figures,
    name: &str,
    chosen: bool,
    w: [usize; 7],
) -> Line<'static> {
    let mark = if chosen { "▶" } else { " " };
    let (state, state_style) = report_cell(s, v);
    let wait = |x: String| if v.complete() { x } else { "…".into() };
    let towers = match f.broken {
        _ if !v.listed && v.counted.is_none() => "…".to_string(),
        _ if !v.complete() => format!("{}/{}", f.read, f.towers),
        0 => f.towers.to_string(),
        b => format!("{} !{b}", f.towers),
    };
    let iso_style = match theme::colors(s.colors, Status::Isolating) {
        Some((bg, fg)) if f.counts.get(Status::Isolating) > 0 => Style::default().bg(bg).fg(fg),
        _ => Style::default(),
    };
    let plain = Style::default();
    let mut cells = vec![
        (mark.to_string(), plain),
        (v.row.id.clone(), plain),
        (name.to_string(), plain),
        (state, state_style),
        (wait(f.isolating()), iso_style),
        (wait(f.verified()), plain),
        (towers, plain),
    ];
    let mut w = w;
    if v.problem.is_some() {
        // the folder's problem takes the figures' room
        cells.truncate(4);
        let why = s.t("folder missing or unreadable", "目录缺失或无法读取");
        cells.push((why.to_string(), plain));
        w[4] = w[4..]
            .iter()
            .filter(|x| **x > 0)
            .map(|x| x + 1)
            .sum::<usize>()
            - 1;
    }
    let spans = cells
        .into_iter()
        .zip(w)
        .filter(|(_, w)| *w > 0)
        .flat_map(|((text, st), w)| [Span::styled(fit(&text, w), st), Span::raw(" ")]);
    let line = Line::from(spans.collect::<Vec<_>>());
    if chosen {
        line.style(theme::selected(Style::default()).add_modifier(Modifier::BOLD))
    } else {
        line
    }
}

/// `已报 17:01 第2版 零报告`, `迟报 19:40`, `未报`: the words, and a colour that repeats them.
fn report_cell(s: &StreetMap, v: &StationView) -> (String, Style) {
    let said = v.row.state.said(s.lang);
    let text = match (&v.row.submission, s.lang) {
        (Some(sub), Lang::Zh) => {
            let zero = if sub.zero { " 零报告" } else { "" };
            format!("{said} {} 第{}版{zero}", sub.at, sub.revision)
        }
        (Some(sub), Lang::En) => {
            let zero = if sub.zero { " zero" } else { "" };
            format!("{said} {} rev {}{zero}", sub.at, sub.revision)
        }
        (None, _) => said.to_string(),
    };
    // not reported is red once the deadline has passed; before it, not yet a fault
    let color = match v.row.state {
        State::Submitted => Some(Color::Green),
        State::Late => Some(Color::Yellow),
        State::Missing if s.overdue => Some(Color::Red),
        State::Missing => None,
        // a report its station's key did not sign counts nowhere: shown as a fault
        State::Unverified => Some(Color::Red),
    };
    let style = match (s.colors, color) {
        (_, None) => Style::default(),
        (ColorMode::None, _) if matches!(v.row.state, State::Missing | State::Unverified) => {
            Style::default().add_modifier(Modifier::BOLD)
        }
        (ColorMode::None, _) => Style::default(),
        (_, Some(c)) => Style::default().fg(c),
    };
    (text, style)
}

/// What the last sync said (or that one is under way), then the keys that fit, whole, most
/// important first.
fn footer(s: &StreetMap, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let said = match (&s.notice, s.syncing) {
        (_, true) => Some((s.t("syncing…", "正在同步…").to_string(), false)),
        (Some((t, error)), _) => Some((inline(t.get(s.lang)).into_owned(), *error)),
        _ => None,
    };
    if let Some((text, error)) = said {
        let style = match error {
            true => theme::error(s.colors),
            false => theme::accent(s.colors),
        };
        let text = format!(" {} ", clip(&text, width.saturating_sub(2)));
        spans.push(Span::styled(text, style));
    }
    let mut used = spans.iter().map(Span::width).sum::<usize>();
    for (keys, en, zh) in KEYS {
        let what = s.lang.pick(en, zh);
        let w = keys.width() + what.width() + 3;
        if used + w > width {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {keys}"), theme::accent(s.colors)));
        spans.push(Span::raw(format!(" {what} ")));
    }
    Line::from(spans)
}

fn help(frame: &mut Frame, area: Rect, s: &StreetMap) {
    let keys_w = KEYS.iter().map(|k| k.0.width()).max().unwrap_or(0);
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, en, zh)| Line::from(format!(" {} {}", fit(k, keys_w), s.lang.pick(en, zh))))
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(format!(
        " {}",
        s.t(
            "Needing attention first: missing, late, to escalate.",
            "急需处理的在前：过了截止时间未报、迟报、有需上报事项。"
        )
    )));
    lines.push(Line::from(format!(
        " {}",
        s.t(
            "n sorts by name; n again puts them back.",
            "按 n 按名称排序，再按 n 恢复。"
        )
    )));
    lines.push(Line::from(format!(
        " {}",
        s.t(
            "In a station's map, q comes back here.",
            "在工作站的楼盘图里按 q 回到这里。"
        )
    )));
    lines.push(Line::from(format!(
        " {}",
        s.t("Any key closes this.", "按任意键关闭。")
    )));
    let w = (lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 3).min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, r);
    let block = Block::bordered().title(format!(" {} ", s.t("KEYS", "按键")));
    frame.render_widget(Paragraph::new(lines).block(block), r);
}
