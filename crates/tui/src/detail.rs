//! The detail panel: every field of the unit under the cursor, from the field schema, with the
//! isolation's day count and end, and the last check.

use super::app::App;
use super::theme;
use loupan_core::company::Company;
use loupan_core::company::doubles::{self, Found};
use loupan_core::display::inline;
use loupan_core::fields::{FIELDS, Field};
use loupan_core::i18n::Lang;
use loupan_core::isolation;
use loupan_core::journal::index::DayMark;
use loupan_core::model::Record;
use loupan_core::status::Status;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

fn key(label: &str) -> Span<'static> {
    Span::styled(
        format!("{label}: "),
        Style::default().add_modifier(Modifier::DIM),
    )
}

/// The panel's title (the unit's label) and lines.
pub fn lines(app: &App) -> (String, Vec<Line<'static>>) {
    let Some(b) = app.building() else {
        return (String::new(), Vec::new());
    };
    let Some(u) = b.units.get(app.cursor()) else {
        return (String::new(), Vec::new());
    };
    let r = &u.record;
    let lang = app.lang;
    let mut out = vec![status_line(app, r, b.floor_label_of(app.cursor()))];
    for spec in FIELDS {
        let f = spec.field;
        let v = f.get(r);
        let text = match f {
            Field::Status | Field::LiveWork => continue,
            Field::People if r.name.is_some() => continue,
            Field::Until if r.since.is_some() => continue,
            Field::Name if v.is_set() => {
                let mut s = inline(&v.show(lang)).into_owned();
                if let Some(p) = r.people.get() {
                    s.push_str(&format!(" ({} {p})", Field::People.spec().label(lang)));
                }
                s
            }
            Field::Since if v.is_set() => since_text(app, r),
            // shown below as the last contact, with the journal's
            Field::Checked => continue,
            Field::Source => match loupan_core::fields::confirmed(r, lang) {
                Some((k, v)) => {
                    out.push(Line::from(vec![key(k), Span::raw(inline(&v).into_owned())]));
                    continue;
                }
                None => continue,
            },
            _ if !v.is_set() => continue,
            _ => inline(&v.show(lang)).into_owned(),
        };
        out.push(Line::from(vec![key(spec.label(lang)), Span::raw(text)]));
    }
    for (k, v) in r.extra() {
        out.push(Line::from(vec![
            key(&inline(k)),
            Span::raw(inline(v).into_owned()),
        ]));
    }
    out.extend(company_lines(app, b, &u.label));
    out.extend(crate::people::detail_lines(app, b, &u.label));
    out.extend(journal_lines(app, &b.id, &u.label, r));
    (inline(&u.label).into_owned(), out)
}

/// The companies filed in the unit, one line each: status, on site / headcount, observing until,
/// last filed.
fn company_lines(app: &App, b: &loupan_core::model::Building, label: &str) -> Vec<Line<'static>> {
    let lang = app.lang;
    loupan_core::company::all(b)
        .into_iter()
        .filter(|c| c.in_unit(label))
        .flat_map(|c| {
            let r = &c.record;
            let mut s = format!("{} ", inline(c.name()));
            if let Some(all) = r.headcount {
                let on = r.on_site.map_or("-".into(), |n| n.to_string());
                s.push_str(&format!(" {} {on}/{all}", app.t("on site", "到岗")));
            }
            if let (Some(n), Some(d)) = (r.observing.filter(|n| *n > 0), r.observe_until.get()) {
                s.push_str(&format!(
                    " · {} {n} → {:02}-{:02}",
                    app.t("observing", "观察"),
                    d.month(),
                    d.day()
                ));
            }
            let filed = r.filed.get().map_or_else(
                || app.t("never filed", "未备案").to_string(),
                |d| format!("{} {d}", app.t("filed", "备案")),
            );
            s.push_str(&format!(" · {filed}"));
            let line = Line::from(vec![
                Span::styled(
                    format!(" {} {} ", r.status.glyph(), lang.status(r.status)),
                    theme::cell(app.colors, r.status, false),
                ),
                Span::raw(format!(" {s}")),
            ]);
            // the company the search found, and by what, on a line of its own under it
            std::iter::once(line).chain(found(app, &c).map(Line::from))
        })
        .collect()
}

/// "◀ /周咨询: name" under a company the search in force finds, and what it found it by (the
/// credit code shown whole, as the panel does not show it otherwise).
fn found(app: &App, c: &Company) -> Option<Span<'static>> {
    let (query, ..) = app.search.as_ref()?;
    let q = loupan_core::find::fold(query);
    let term = loupan_core::find::split(&q).map_or(q.as_str(), |(_, rest)| rest);
    let how = doubles::finds(&q, c).or_else(|| doubles::finds(term, c))?;
    let what = match how {
        Found::Name => app.t("name", "名称").to_string(),
        Found::Id => format!("{} {}", app.t("id", "编号"), inline(&c.id)),
        Found::CreditCode => format!(
            "{} {}",
            app.t("credit code", "统一社会信用代码"),
            inline(c.record.credit_code.as_deref().unwrap_or_default())
        ),
    };
    let q = inline(query);
    let text = match app.lang {
        Lang::En => format!("◀ /{q}: {what}"),
        Lang::Zh => format!("◀ /{q}：{what}"),
    };
    Some(Span::styled(
        text,
        Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
    ))
}

fn status_line(app: &App, r: &Record, floor: &str) -> Line<'static> {
    let mut spans = vec![
        key(Field::Status.spec().label(app.lang)),
        Span::styled(
            format!(" {} {} ", r.status.glyph(), app.lang.status(r.status)),
            theme::cell(app.colors, r.status, false),
        ),
    ];
    if r.live_work {
        spans.push(Span::styled(
            format!(
                "  {} {}",
                loupan_core::render::LIVE_WORK_MARK,
                Field::LiveWork.spec().label(app.lang)
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ));
    }
    spans.push(Span::raw(format!(
        "  {} {}",
        app.t("floor", "楼层"),
        inline(floor)
    )));
    Line::from(spans)
}

/// The last contact (the later of the unit's own check and the journal), the last week as a strip,
/// and the latest follow-ups.
fn journal_lines(app: &App, building: &str, unit: &str, r: &Record) -> Vec<Line<'static>> {
    // a past day (`[`) reads as it stood then: nothing logged after it
    let day = app.shown_day();
    let whole = app.journal.unit(building, unit);
    let then = app.past.as_ref().and(whole).map(|l| l.until(day));
    let log = then.as_ref().or(whole);
    let mut out = Vec::new();
    let last = loupan_core::today::last_contact(r, log)
        .map_or_else(|| app.t("never", "从未").to_string(), |d| d.to_string());
    out.push(Line::from(vec![
        key(app.t("last contact", "最近联系")),
        Span::raw(last),
    ]));
    let Some(log) = log else { return out };
    let strip: Vec<&str> = log
        .strip(day, 7)
        .into_iter()
        .map(|m| match m {
            DayMark::Reached => "+",
            DayMark::NotReached => "x",
            DayMark::Nothing => ".",
        })
        .collect();
    out.push(Line::from(vec![
        key(app.t("7 days", "近 7 天")),
        Span::raw(strip.join(" ")),
        Span::styled(
            app.t(
                "   + reached  x not reached  . none",
                "   + 已联系上  x 未联系上  . 无记录",
            ),
            Style::default().add_modifier(Modifier::DIM),
        ),
    ]));
    for e in log.latest(3) {
        let mut s = format!(
            "{:02}-{:02} {:02}:{:02} {} {} {}",
            e.at.month(),
            e.at.day(),
            e.at.hour(),
            e.at.minute(),
            e.via.name(app.lang),
            e.outcome.said(e.via, app.lang),
            inline(&e.by)
        );
        if let Some(n) = &e.note {
            s.push_str(&format!(" · {}", inline(n)));
        }
        out.push(Line::from(Span::styled(
            s,
            Style::default().add_modifier(Modifier::DIM),
        )));
    }
    out
}

/// "2026-11-22 (day 8 of 14) → ends 2026-12-05": without `until`, an isolation ends after 14 days.
fn since_text(app: &App, r: &Record) -> String {
    let Some(since) = r.since.get() else {
        return String::new();
    };
    let mut text = since.to_string();
    let day = (app.today - since).get_days() + 1;
    if r.status == Status::Isolating && (1..=99).contains(&day) {
        let of = isolation::length(r).filter(|n| day <= *n);
        text.push_str(&match (app.lang, of) {
            (Lang::En, Some(n)) => format!(" (day {day} of {n})"),
            (Lang::En, None) => format!(" (day {day})"),
            (Lang::Zh, Some(n)) => format!("（第 {day} 天 / {n}）"),
            (Lang::Zh, None) => format!("（第 {day} 天）"),
        });
    }
    if let Some(end) = isolation::end(r) {
        text.push_str(&format!(" → {} {end}", app.t("ends", "结束于")));
    }
    text
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let (title, lines) = lines(app);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
