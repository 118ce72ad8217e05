//! Windows drawn over the map: help, the detail form, a conflict, the git review, the vacant
//! prompt.

use super::app::App;
use super::grid::{MARK_OUTSIDE, MARK_SELECTED, MARK_UNCOMMITTED};
use super::keymap::{self, ModeKind};
use super::modes::conflict::Conflict;
use super::modes::followup::FollowUp;
use super::modes::form::Form;
use super::modes::vacant::Ask;
use super::modes::{Help, Mode};
use super::theme;
use loupan_core::display::inline;
use loupan_core::fields::{Field, Kind, Value};
use loupan_core::i18n::Lang;
use loupan_core::journal::{Outcome, Via};
use loupan_core::status::Status;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub(crate) fn window(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'_>>) {
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// A window as wide as its longest line (at least `min`), within the screen.
pub(crate) fn fit(area: Rect, min: u16, lines: &[Line<'_>]) -> Rect {
    let w = lines.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 2;
    centered(
        area,
        w.max(min)
            .min(area.width.saturating_sub(2).max(min.min(area.width))),
        lines.len() as u16 + 2,
    )
}

pub(crate) fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

pub(crate) fn dim() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

/// Every key of the screen help was opened from with what it does (from that screen's binding
/// table), then, over the map, what each mark on the grid means; scrolled by `top` lines when the
/// window is too short for all of it.
pub fn help(frame: &mut Frame, area: Rect, app: &App, h: &Help) {
    let kind = h.over.kind();
    let rows = keymap::help_rows(kind, app.lang);
    // the keys' column as wide as its widest entry; what a key does wraps under itself, so
    // nothing is cut in a narrow window
    let key_w = rows
        .iter()
        .map(|(k, _)| k.width())
        .chain([5])
        .max()
        .unwrap_or(5);
    let box_w = area.width.min(86);
    let desc_w = (box_w as usize).saturating_sub(2 + key_w + 2).max(8);
    let mut lines: Vec<Line> = Vec::new();
    for (k, d) in &rows {
        explained(&mut lines, k, d, (key_w, desc_w));
    }
    if matches!(kind, ModeKind::Normal | ModeKind::Select) {
        marks(app, &mut lines, (key_w, desc_w));
    }
    let top = h.top;
    let r = centered(area, box_w, lines.len() as u16 + 2);
    let shown = r.height.saturating_sub(2);
    let top = top.min((lines.len() as u16).saturating_sub(shown));
    let more = lines.len() as u16 > top + shown;
    // over the map it is simply help; elsewhere it says whose keys these are
    let help = match kind {
        ModeKind::Normal => app.t("HELP", "帮助").to_string(),
        _ => format!(
            "{} · {}",
            app.t("HELP", "帮助"),
            crate::statusline::mode_name(app.lang, &h.over)
        ),
    };
    let title = match (more, top > 0) {
        (true, _) => format!("{help} · {} v", app.t("more below: j", "下面还有：j")),
        (false, true) => format!("{help} · ^ k"),
        (false, false) => help,
    };
    frame.render_widget(Clear, r);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(Paragraph::new(lines).scroll((top, 0)), inner);
}

/// A key and what it does, the text wrapped under itself.
fn explained(
    lines: &mut Vec<Line<'static>>,
    key: &str,
    what: &str,
    (key_w, desc_w): (usize, usize),
) {
    for (i, part) in loupan_core::display::wrap(what, desc_w)
        .into_iter()
        .enumerate()
    {
        let k = if i == 0 { key } else { "" };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}  ", loupan_core::render::padded_left(k, key_w)),
                bold(),
            ),
            Span::raw(part),
        ]));
    }
}

/// What the map's colours and marks mean, below the map's keys.
fn marks(app: &App, lines: &mut Vec<Line<'static>>, (key_w, desc_w): (usize, usize)) {
    lines.push(Line::from(""));
    // the statuses in their colours, as many to a line as fit
    let mut legend = Vec::new();
    let mut used = 0;
    for s in Status::ALL {
        let chip = format!(" {} {} ", s.glyph(), app.lang.status(s));
        let w = chip.width() + 1;
        if used + w > key_w + 2 + desc_w && !legend.is_empty() {
            lines.push(Line::from(std::mem::take(&mut legend)));
            used = 0;
        }
        legend.push(Span::styled(chip, theme::cell(app.colors, s, false)));
        legend.push(Span::raw(" "));
        used += w;
    }
    lines.push(Line::from(legend));
    let marks: [(&str, &str, &str); 7] = [
        ("*", "live-work (bold)", "企住一体（粗体）"),
        (
            "!",
            "after a label: an isolating household still to call today",
            "门牌后：今天还要打电话的隔离户",
        ),
        (
            "1-9 #",
            "after a label, underlined: door-knocks at an unknown unit, or companies in a shared office",
            "门牌后（带下划线）：待核实单元的上门次数，或合用办公室里的企业数",
        ),
        (
            MARK_OUTSIDE,
            "changed by someone else just now",
            "刚被他人修改",
        ),
        (
            MARK_UNCOMMITTED,
            "differs from git's last commit",
            "与 git 最近一次提交不同",
        ),
        (MARK_SELECTED, "in the block selection", "在框选范围内"),
        ("^ v", "more floors above / below", "上方 / 下方还有楼层"),
    ];
    for (m, en, zh) in marks {
        explained(lines, m, app.t(en, zh), (key_w, desc_w));
    }
}

/// A form row's value as shown: a status by name, a flag as yes/no, text as typed.
fn shown(app: &App, f: Field, text: &str) -> String {
    match f.spec().kind {
        Kind::Status => Status::parse(text).map_or(text.to_string(), |s| {
            format!("{} {}", s.glyph(), app.lang.status(s))
        }),
        Kind::Flag => match f.parse(text, app.today) {
            Ok(v @ Value::Flag(_)) => v.show(app.lang),
            _ => text.to_string(),
        },
        _ => inline(text).into_owned(),
    }
}

pub fn form(frame: &mut Frame, area: Rect, app: &App, f: &Form) {
    let mut lines = Vec::new();
    if let Some(why) = &f.failed {
        lines.push(Line::from(Span::styled(
            format!(
                "{}: {}",
                app.t("not saved", "未保存"),
                why.get(app.lang).lines().next().unwrap_or("")
            ),
            theme::error(app.colors),
        )));
    }
    let end = f.default_end();
    for (i, row) in f.rows.iter().enumerate() {
        let focus = i == f.focus;
        let spec = row.field.spec();
        // a field just arrived at is selected whole (typing replaces it); once edited it is
        // underlined with the cursor at its end — both readable without colour
        let value_style = match (focus, f.fresh) {
            (true, true) => Style::default().add_modifier(Modifier::REVERSED),
            (true, false) => Style::default().add_modifier(Modifier::UNDERLINED),
            (false, _) => Style::default(),
        };
        let mut spans = vec![
            Span::styled(
                format!(
                    "{}: ",
                    loupan_core::render::padded_left(spec.label(app.lang), 10)
                ),
                bold(),
            ),
            Span::styled(
                format!(
                    "{}{}",
                    shown(app, row.field, &row.text),
                    if focus { "_" } else { "" }
                ),
                value_style,
            ),
        ];
        if let Some(e) = &row.error {
            spans.push(Span::styled(
                format!("  x {}", e.get(app.lang)),
                theme::error(app.colors),
            ));
        } else if let Some(d) = f.resolved(row.field) {
            spans.push(Span::styled(format!("  → {d}"), dim()));
        } else if row.field == Field::Until
            && let Some(end) = end
        {
            spans.push(Span::styled(
                format!("  ({} {end})", app.t("default", "默认")),
                dim(),
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    if let Some(row) = f.rows.get(f.focus) {
        lines.push(Line::from(Span::styled(
            row.field.spec().help(app.lang),
            dim(),
        )));
    }
    if f.quitting {
        lines.push(ask_quit(app, ("Unsaved:", "尚未保存：")));
    } else {
        let hints: Vec<String> = keymap::hints(ModeKind::Form, app.lang)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        lines.push(Line::from(Span::styled(hints.join("  "), dim())));
    }
    let r = fit(area, 60, &lines);
    window(frame, r, &inline(&f.unit), lines);
}

/// The question Ctrl-C asks over typed text, with its three answers from the binding table.
fn ask_quit(app: &App, (en, zh): (&str, &str)) -> Line<'static> {
    let answers: Vec<String> = keymap::help_rows(ModeKind::AskQuit, app.lang)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    Line::from(Span::styled(
        format!("{}  {}", app.lang.pick(en, zh), answers.join(" · ")),
        Style::default().add_modifier(Modifier::REVERSED),
    ))
}

pub fn conflict(frame: &mut Frame, area: Rect, app: &App, c: &Conflict) {
    let lang = app.lang;
    let mut lines = vec![Line::from(app.t(
        "Someone changed this unit after your screen showed it. Your changes:",
        "你编辑时，别人也改了这个单元。你改动的内容：",
    ))];
    for (i, r) in c.rows.iter().enumerate() {
        let label = r.field.spec().label(lang);
        let (mine, theirs) = (
            inline(&r.mine.show(lang)).into_owned(),
            inline(&r.theirs.show(lang)).into_owned(),
        );
        let focus = if i == c.focus { ">" } else { " " };
        let line = if r.mine == r.theirs {
            format!(
                "{focus} {label}: {mine}  ({})",
                app.t("same as theirs", "与对方相同")
            )
        } else if r.clash() {
            let pick = if r.take_mine {
                app.t("keep mine", "用我的")
            } else {
                app.t("keep theirs", "保留对方的")
            };
            format!(
                "{focus} {label}: {} {mine}  |  {} {theirs}  -> {pick}",
                app.t("mine", "我的"),
                app.t("theirs", "对方")
            )
        } else {
            format!(
                "{focus} {label}: {mine}  ({} {theirs})",
                app.t("now", "现为")
            )
        };
        let style = if r.clash() {
            theme::error(app.colors)
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(line, style)));
    }
    lines.push(Line::from(""));
    let hints: Vec<String> = keymap::hints(ModeKind::Conflict, lang)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    lines.push(Line::from(Span::styled(hints.join("  "), dim())));
    let r = fit(area, 60, &lines);
    window(frame, r, &inline(&c.unit), lines);
}

pub fn review(frame: &mut Frame, area: Rect, app: &App) {
    let Some(g) = &app.git else { return };
    let mut lines: Vec<Line> = if g.review.is_empty() {
        vec![Line::from(
            app.t("no uncommitted changes", "没有未提交的修改"),
        )]
    } else {
        g.review
            .iter()
            .map(|l| Line::from(l.get(app.lang)))
            .collect()
    };
    if let Mode::Commit { message } = &app.mode {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            app.t(
                "commit message (Enter commit, Esc cancel)",
                "提交说明（Enter 提交，Esc 取消）",
            ),
            bold(),
        )));
        lines.push(Line::from(Span::styled(
            format!("{}_", inline(message)),
            Style::default().add_modifier(Modifier::REVERSED),
        )));
    }
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(5);
    let title = format!(
        "{} · {} {}",
        app.t("REVIEW", "审阅"),
        app.t("branch", "分支"),
        inline(&g.branch)
    );
    window(
        frame,
        centered(area, area.width.saturating_sub(8).max(20), h),
        &title,
        lines,
    );
}

pub fn followup(frame: &mut Frame, area: Rect, app: &App, f: &FollowUp) {
    let lang = app.lang;
    let ways: Vec<String> = Via::ALL
        .iter()
        .map(|v| {
            if *v == f.via {
                format!("[{}]", v.name(lang))
            } else {
                v.name(lang).to_string()
            }
        })
        .collect();
    let mut lines = vec![Line::from(format!(
        "{}: {}",
        app.t("by", "方式"),
        ways.join(" ")
    ))];
    if f.consulting {
        lines.push(Line::from(Span::styled(
            app.t("question answered — its topic:", "答疑——话题："),
            bold(),
        )));
        for (i, t) in loupan_core::journal::Topic::ALL.iter().enumerate() {
            lines.push(Line::from(format!(
                "  {} {}",
                i + 1,
                lang.pick(t.key(), t.zh())
            )));
        }
    }
    for (i, o) in Outcome::ALL.iter().enumerate().filter(|_| !f.consulting) {
        let mark = if i == f.focus { ">" } else { " " };
        let style = if o.reached() { Style::default() } else { dim() };
        lines.push(Line::from(Span::styled(
            format!("{mark} {} {}", i + 1, o.said(f.via, lang)),
            style,
        )));
    }
    if let Some(n) = &f.note {
        lines.push(Line::from(Span::styled(
            format!("{}: {}_", app.t("note", "备注"), inline(n)),
            Style::default().add_modifier(Modifier::REVERSED),
        )));
    }
    lines.push(Line::from(""));
    let kind = if f.note.is_some() {
        ModeKind::FollowUpNote
    } else {
        ModeKind::FollowUp
    };
    if f.quitting {
        lines.push(ask_quit(app, ("Note not logged:", "备注尚未记录：")));
    } else {
        let hints: Vec<String> = keymap::hints(kind, lang)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        lines.push(Line::from(Span::styled(hints.join("  "), dim())));
    }
    let (b, u) = f
        .targets
        .first()
        .map(|(b, u)| {
            // the building by the name staff know it by
            let name = app.index_of(b).map_or(&**b, |i| app.entries[i].name());
            (inline(name).into_owned(), inline(u).into_owned())
        })
        .unwrap_or_default();
    let title = match (f.targets.len(), lang) {
        (1, Lang::En) => format!("follow-up {b} {u}"),
        (1, Lang::Zh) => format!("随访 {b} {u}"),
        (n, Lang::En) => format!("follow-up: {n} units"),
        (n, Lang::Zh) => format!("随访：{n} 户"),
    };
    let r = fit(area, 40, &lines);
    window(frame, r, &title, lines);
}

pub fn vacant(frame: &mut Frame, area: Rect, app: &App, a: &Ask) {
    let lang = app.lang;
    let mut lines = vec![Line::from(app.t(
        "Now vacant, but still listing the household that lived there:",
        "已设为空置，但仍登记着原住户的信息：",
    ))];
    for (label, fields) in &a.units {
        let names: Vec<&str> = fields.iter().map(|f| f.spec().label(lang)).collect();
        lines.push(Line::from(format!(
            "  {}: {}",
            inline(label),
            names.join(lang.pick(", ", "、"))
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(match lang {
        Lang::En => "y clear them    n keep them",
        Lang::Zh => "y 清除    n 保留",
    }));
    let r = fit(area, 50, &lines);
    window(frame, r, app.t("vacant", "空置"), lines);
}
