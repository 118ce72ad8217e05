//! The Today window: the day's worklist, section by section, the calls with their progress. Only
//! the rows in sight are made (a city has a hundred thousand units to knock).

use super::app::App;
use super::modes::today::{Section, Today};
use super::theme;
use loupan_core::display::{clip, inline};
use loupan_core::fields::Field;
use loupan_core::i18n::Lang;
use loupan_core::today::{Facts, Item, describe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

fn title(s: Section, t: &Today, lang: Lang) -> String {
    let n = s.items(t).len();
    let (r, all) = (t.list.reached, t.list.isolating);
    match (s, lang) {
        (Section::Fever, Lang::En) => format!("Fever today, 37.3 °C or more ({n})"),
        (Section::Fever, Lang::Zh) => format!("今日发热 ≥ 37.3 ℃（{n}）"),
        (Section::ReadingsMissing, Lang::En) => format!("No temperature yet today ({n})"),
        (Section::ReadingsMissing, Lang::Zh) => format!("今日未测体温（{n}）"),
        (Section::PeopleEnding, Lang::En) => format!("Observation ending today ({n})"),
        (Section::PeopleEnding, Lang::Zh) => format!("今日观察期满的返京人员（{n}）"),
        (Section::Calls, Lang::En) => format!("Calls {r} / {all} {}", bar(r, all)),
        (Section::Calls, Lang::Zh) => format!("电话随访 已联系 {r} / {all} {}", bar(r, all)),
        (Section::Ending, Lang::En) => format!("Isolations ending today ({n})"),
        (Section::Ending, Lang::Zh) => format!("今日到期解除隔离（{n}）"),
        (Section::Overdue, Lang::En) => format!("Past their end, still isolating ({n})"),
        (Section::Overdue, Lang::Zh) => format!("已过期仍在隔离（{n}）"),
        (Section::Knock, Lang::En) => format!("To door-knock ({n})"),
        (Section::Knock, Lang::Zh) => format!("待上门核实（{n}）"),
        (Section::NotResumed, Lang::En) => format!("Companies not resumed ({n})"),
        (Section::NotResumed, Lang::Zh) => format!("未复工企业（{n}）"),
        (Section::ObservationEnding, Lang::En) => format!("Staff observation ending today ({n})"),
        (Section::ObservationEnding, Lang::Zh) => format!("今日观察期满（{n}）"),
        (Section::NotFiled, Lang::En) => format!("Companies not filed for 7 days ({n})"),
        (Section::NotFiled, Lang::Zh) => format!("7 天未备案的企业（{n}）"),
        (Section::OverCap, Lang::En) => format!("Over their on-site cap ({n})"),
        (Section::OverCap, Lang::Zh) => format!("到岗超过上限（{n}）"),
    }
}

/// `[######----]`: the day's calls, reached of all.
fn bar(done: usize, all: usize) -> String {
    const W: usize = 20;
    let full = (done * W).checked_div(all).unwrap_or(W);
    format!("[{}{}]", "#".repeat(full), "-".repeat(W - full))
}

/// One unit of the list: where, who (names and numbers are the station's own here), the facts.
/// When the row is wider than `width`, the phone number goes first, then the name — never the
/// facts, which say what to do.
fn row(app: &App, it: &Item, lang: Lang, width: usize) -> String {
    let name = app
        .index_of(&it.building)
        .map_or(&*it.building, |i| app.entries[i].name());
    let place = format!("{} {}", inline(name), inline(&it.unit));
    let Some(r) = app.record_of(it) else {
        return place;
    };
    let who: Vec<String> = [Field::Name, Field::Contact]
        .into_iter()
        .map(|f| f.get(r))
        .filter(|v| v.is_set())
        .map(|v| inline(&v.show(lang)).into_owned())
        .collect();
    let log = app.journal.unit(&it.building, &it.unit);
    let facts = describe(it.status, &Facts::of(r, log, app.today), lang);
    for keep in (0..=who.len()).rev() {
        let parts: Vec<&str> = std::iter::once(place.as_str())
            .chain(who[..keep].iter().map(String::as_str))
            .chain(std::iter::once(facts.as_str()))
            .collect();
        let line = parts.join("  ");
        if keep == 0 || line.width() <= width {
            return line;
        }
    }
    place
}

/// A company of the list: where, its name(s), staff on site, last filed.
fn company_row(app: &App, it: &Item) -> String {
    let name = app
        .index_of(&it.building)
        .map_or(&*it.building, |i| app.entries[i].name());
    let mut parts = vec![format!("{} {}", inline(name), inline(&it.unit))];
    let b = app
        .index_of(&it.building)
        .and_then(|i| app.entries[i].building());
    for c in b.map(loupan_core::company::all).unwrap_or_default() {
        if !c.in_unit(&it.unit) {
            continue;
        }
        let r = &c.record;
        let mut s = inline(c.name()).into_owned();
        if let (Some(on), Some(all)) = (r.on_site, r.headcount) {
            s.push_str(&format!(" {} {on}/{all}", app.t("on site", "到岗")));
        }
        match r.filed.get() {
            Some(d) => s.push_str(&format!(" · {} {d}", app.t("filed", "备案"))),
            None => s.push_str(&format!(" · {}", app.t("never filed", "未备案"))),
        }
        parts.push(s);
    }
    parts.join("  ")
}

/// What each line of the list is: a section's title, or an item (its row number).
enum Line_ {
    Head(Section),
    Item(usize),
}

/// The sections shown: the people's three only when one of them has someone (a station without
/// returnees keeps its 24 rows for its calls and door-knocks).
fn shown(t: &Today) -> impl Iterator<Item = Section> + '_ {
    let people = t.people != crate::modes::today::PeopleRows::default();
    Section::ALL.into_iter().filter(move |s| {
        people
            || !matches!(
                s,
                Section::Fever | Section::ReadingsMissing | Section::PeopleEnding
            )
    })
}

/// The lines from `from`, as many as `n`, without making the others.
fn lines_at(t: &Today, from: usize, n: usize) -> Vec<Line_> {
    let mut out = Vec::new();
    let (mut line, mut row) = (0usize, 0usize);
    for s in shown(t) {
        let count = s.items(t).len();
        if line + 1 + count <= from {
            line += 1 + count;
            row += count;
            continue;
        }
        if line >= from && out.len() < n {
            out.push(Line_::Head(s));
        }
        line += 1;
        let skip = from.saturating_sub(line);
        for k in skip..count {
            if out.len() >= n {
                return out;
            }
            out.push(Line_::Item(row + k));
        }
        line += count;
        row += count;
    }
    out
}

/// The line the cursor's row is on (each section's title takes one).
fn line_of(t: &Today) -> usize {
    let Some((sec, _)) = t.row(t.cursor) else {
        return 0;
    };
    let heads = shown(t).position(|s| s == sec).unwrap_or(0) + 1;
    t.cursor + heads
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, t: &Today) {
    let block = Block::bordered().title(format!(" {} {} ", app.t("TODAY", "今日工作"), app.today));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = inner.height as usize;
    let at = line_of(t);
    let top = at.saturating_sub(h / 2);
    let width = inner.width as usize;
    let lines: Vec<Line> = lines_at(t, top, h)
        .into_iter()
        .map(|l| match l {
            Line_::Head(s) => Line::from(Span::styled(
                title(s, t, app.lang),
                Style::default().add_modifier(Modifier::BOLD),
            )),
            Line_::Item(r) => {
                let at = t.row(r);
                let it = at.and_then(|(s, i)| s.items(t).get(i));
                let room = width.saturating_sub(2);
                let text = match (at, it) {
                    (Some((s, _)), Some(_)) if s.people() => t
                        .seen(r)
                        .map_or_else(String::new, |p| format!("  {}", crate::people::row(app, p))),
                    (Some((s, _)), Some(it)) if s.companies() => {
                        format!("  {}", company_row(app, it))
                    }
                    (_, Some(it)) => format!("  {}", row(app, it, app.lang, room)),
                    _ => String::new(),
                };
                let text = clip(&text, width).into_owned();
                if r == t.cursor {
                    Line::from(Span::styled(
                        format!(">{}", text.get(1..).unwrap_or_default()),
                        theme::accent(app.colors).add_modifier(Modifier::REVERSED),
                    ))
                } else {
                    Line::from(text)
                }
            }
        })
        .collect();
    if t.is_empty() {
        let done = app.t("nothing to do today", "今天没有待办");
        frame.render_widget(Paragraph::new(done), inner);
        return;
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(f) = &t.reading {
        form(frame, inner, app, f);
    }
}

/// The temperature form on the list's last line: whose, the number typed, why it was refused.
fn form(frame: &mut Frame, inner: Rect, app: &App, f: &crate::modes::reading::Reading) {
    let Some(y) = (inner.y + inner.height).checked_sub(1) else {
        return;
    };
    let area = Rect {
        y,
        height: 1,
        ..inner
    };
    let who = inline(&f.shown);
    let value = inline(&f.value);
    let mut text = match app.lang {
        Lang::En => format!(" {who} temperature °C: {value}▏ Enter logs · Esc closes "),
        Lang::Zh => format!(" {who} 体温 ℃：{value}▏ Enter 记录 · Esc 关闭 "),
    };
    if let Some(why) = &f.refused {
        text.push_str(&format!("· {}", inline(why.get(app.lang))));
    }
    let line = Line::from(Span::styled(
        clip(&text, inner.width as usize).into_owned(),
        theme::accent(app.colors).add_modifier(Modifier::REVERSED | Modifier::BOLD),
    ));
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(line), area);
}
