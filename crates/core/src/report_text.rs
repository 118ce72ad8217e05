//! The daily report as a station pastes it into its chat group: short (a few dozen lines whatever
//! the day), in the interface language, and every figure under one label with one value —
//! companies counted from company records, 户 for households only, units as 单元. Escalations are
//! grouped by kind, each unit once, at most five named a kind; the full list stays in JSON.
//! Pure.

use super::escalate::{Escalation, Reason};
use super::i18n::Lang;
use super::report::{BuildingReport, Report};
use super::status::Status;

/// Units named in a kind of escalation; the rest are counted ("等 N 户").
pub const NAMED: usize = 5;

/// What a station pastes into its chat group: short, in the interface language.
pub fn text(r: &Report, lang: Lang) -> String {
    let mut out = unread_lines(r, lang);
    let (y, m, d) = (r.date.year(), r.date.month(), r.date.day());
    out.push_str(&match lang {
        Lang::Zh if r.zero => format!(
            "【零报告】{y}年{m}月{d}日：无新增隔离，无解除隔离，无新复工企业，无新核实单元，无需上报事项。\n"
        ),
        Lang::Zh => format!("【日报】{y}年{m}月{d}日\n"),
        Lang::En if r.zero => format!(
            "Zero report, {}: no new isolations, none ended, no company resumed, no unit newly verified, nothing to escalate.\n",
            r.date
        ),
        Lang::En => format!("Daily report, {}\n", r.date),
    });
    out.push_str(&figures(r, lang));
    let q = &r.questions;
    if q.total() > 0 {
        let (n, a, b, c, d) = (q.total(), q.resumption, q.policy, q.supplies, q.other);
        out.push_str(&match lang {
            Lang::Zh => format!("企业答疑 {n} 次：复工 {a}，政策 {b}，物资 {c}，其他 {d}\n"),
            Lang::En => format!(
                "Companies' questions answered: {n} (resumption {a}, policy {b}, supplies {c}, other {d})\n"
            ),
        });
    }
    out.push_str(&returnee_lines(r, lang));
    out.push_str(&escalation_lines(&r.escalations, lang));
    out.push_str(&building_lines(r, lang));
    if !r.compared {
        out.push_str(lang.pick(
            "(nothing recorded before this day: every unit counts as new)\n",
            "（此前没有记录：所有单元都按新增计）\n",
        ));
    }
    out
}

/// What could not be read goes first: the figures below leave it out.
fn unread_lines(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for u in &r.unread {
        let d = super::display::inline;
        let (name, id, why) = (d(&u.name), d(&u.id), d(&u.problem));
        out.push_str(&match lang {
            Lang::Zh => format!("⚠ 未计入：{name}（{id}）无法读取，请修正后重报：{why}\n"),
            Lang::En => format!(
                "⚠ Not counted: {name} ({id}) cannot be read; fix it and report again: {why}\n"
            ),
        });
    }
    out
}

/// The day's figures, each once: the district's own sentence when companies are filed ("楼宇 33
/// 座，企业 1409 家（已复工 …，复工率 …%），员工 …人（到岗 …，到岗率 …%），住户 … 户"), then units,
/// isolations, companies not resumed and resumed today, follow-ups.
fn figures(r: &Report, lang: Lang) -> String {
    let (t, c, f, co) = (&r.total, &r.changes, &r.follow_ups, &r.companies);
    let (b, units, pct, v) = (r.buildings.len(), t.units, t.verified_percent(), c.verified);
    let homes = t.get(Status::Healthy) + t.get(Status::Isolating);
    let (iso, new, ended) = (t.get(Status::Isolating), c.isolating_new, c.isolating_ended);
    let (n, res, emp, on) = (co.total, co.resumed, co.employees, co.on_site);
    let pc = |x: f64| format!("{:.1}", x * 100.0);
    let (rr, or) = (pc(co.resumption_rate), pc(co.on_site_rate));
    let (not, today) = (n.saturating_sub(res), c.resumed);
    let (due, reached, calls, visits) = (f.due, f.reached, f.calls, f.visits);
    match lang {
        Lang::Zh => {
            let head = if n > 0 {
                format!(
                    "楼宇 {b} 座，企业 {n} 家（已复工 {res}，复工率 {rr}%），员工 {emp}人（到岗 {on}，到岗率 {or}%），住户 {homes} 户\n单元 {units} 个"
                )
            } else {
                format!("楼宇 {b} 座，住户 {homes} 户，单元 {units} 个")
            };
            let companies = if n > 0 {
                format!("企业未复工 {not} 家，今日复工 {today} 家\n")
            } else {
                String::new()
            };
            format!(
                "{head}，已核实 {pct}%，今日新核实 {v} 个\n居家隔离 {iso} 户（新增 {new}，解除 {ended}）\n{companies}随访：隔离户 {due}，今日已联系 {reached}；电话/消息 {calls} 次，上门 {visits} 次\n"
            )
        }
        Lang::En => {
            let head = if n > 0 {
                format!(
                    "{b} buildings, {n} companies ({res} resumed, {rr}%), {emp} employees ({on} on site, {or}%), {homes} households\n{units} units"
                )
            } else {
                format!("{b} buildings, {homes} households, {units} units")
            };
            let companies = if n > 0 {
                format!("Companies not resumed: {not}; resumed today: {today}\n")
            } else {
                String::new()
            };
            format!(
                "{head}, {pct}% verified, {v} newly verified\nIsolating households: {iso} ({new} new, {ended} ended)\n{companies}Follow-ups: {reached} of {due} isolating households reached; {calls} calls and messages, {visits} door-knocks\n"
            )
        }
    }
}

/// Returnees (返京) and the day's temperatures, then the shops' inspections: only when there is
/// anything to say.
fn returnee_lines(r: &Report, lang: Lang) -> String {
    let x = &r.returnees;
    let mut out = String::new();
    if x.returned > 0 || x.observing > 0 || x.readings_due > 0 || x.over_cap > 0 {
        let (n, t, o, e) = (
            x.returned,
            x.returned_today,
            x.observing,
            x.observation_ending,
        );
        let (d, m, f, c) = (x.readings_due, x.readings_missing, x.fever, x.over_cap);
        out.push_str(&match lang {
            Lang::Zh => format!(
                "返京 {n} 人（今日返京 {t}），观察中 {o} 人（今日期满 {e}）；今日应测体温 {d} 人，未测 {m} 人，发热 {f} 人；到岗超上限企业 {c} 家\n"
            ),
            Lang::En => format!(
                "Returned to the city: {n} ({t} today); in observation {o} ({e} ending today); temperatures due {d}, missing {m}, fever {f}; companies over their on-site cap: {c}\n"
            ),
        });
    }
    let i = &r.inspection;
    if i.due > 0 {
        let (done, due) = (i.done, i.due);
        let pct = format!("{:.1}", i.rate.unwrap_or(0.0) * 100.0);
        out.push_str(&match lang {
            Lang::Zh => format!("网点摸排 {done}/{due} 家，摸排完成率 {pct}%\n"),
            Lang::En => format!("Shops inspected: {done} of {due} ({pct}%)\n"),
        });
    }
    out
}

/// Which kind a unit is told under when it goes up for several: the gravest.
pub(crate) fn gravity(r: Reason) -> u8 {
    match r {
        Reason::Symptoms => 0,
        Reason::Fever => 1,
        Reason::NeedsHelp => 2,
        Reason::Overdue => 3,
        Reason::NotReached => 4,
        Reason::SuspendedOpen => 5,
        Reason::Knocked3 => 6,
    }
}

/// Each unit once, under its gravest kind; kinds in that order, units in the report's order.
pub fn grouped(escalations: &[Escalation]) -> Vec<(Reason, Vec<&Escalation>)> {
    let mut once: Vec<&Escalation> = Vec::new();
    for e in escalations {
        match once
            .iter_mut()
            .find(|o| o.building == e.building && o.unit == e.unit)
        {
            Some(o) if gravity(e.reason) < gravity(o.reason) => *o = e,
            Some(_) => {}
            None => once.push(e),
        }
    }
    let mut kinds: Vec<(Reason, Vec<&Escalation>)> = Vec::new();
    for e in once {
        match kinds.iter_mut().find(|(k, _)| *k == e.reason) {
            Some((_, v)) => v.push(e),
            None => kinds.push((e.reason, vec![e])),
        }
    }
    kinds.sort_by_key(|(k, _)| gravity(*k));
    kinds
}

/// What must go up, by kind ("· 隔离已超期 33 户：A 1607、… 等 33 户"); never a personal value.
fn escalation_lines(escalations: &[Escalation], lang: Lang) -> String {
    let kinds = grouped(escalations);
    if kinds.is_empty() {
        return String::new();
    }
    let n: usize = kinds.iter().map(|(_, v)| v.len()).sum();
    let mut out = match lang {
        Lang::Zh => format!("需上报 {n} 个单元：\n"),
        Lang::En => format!("To escalate ({n} units):\n"),
    };
    let d = super::display::inline;
    for (kind, units) in kinds {
        let k = units.len();
        // door-knocked units are not known households
        let what = match (kind, lang) {
            // a fever or a shop found open is told by its unit, as a door-knock is
            (Reason::Knocked3 | Reason::Fever | Reason::SuspendedOpen, Lang::Zh) => "个单元",
            (_, Lang::Zh) => "户",
            (Reason::Knocked3 | Reason::Fever | Reason::SuspendedOpen, Lang::En) => "units",
            (_, Lang::En) => "households",
        };
        let named: Vec<String> = units
            .iter()
            .take(NAMED)
            .map(|e| format!("{} {}", d(&e.building_name), d(&e.unit)))
            .collect();
        let why = kind.name(lang);
        out.push_str(&match (lang, k > NAMED) {
            (Lang::Zh, true) => format!("· {why} {k} {what}：{} 等 {k} {what}\n", named.join("、")),
            (Lang::Zh, false) => format!("· {why} {k} {what}：{}\n", named.join("、")),
            (Lang::En, true) => format!(
                "- {why}, {k} {what}: {} and {} more\n",
                named.join(", "),
                k - NAMED
            ),
            (Lang::En, false) => format!("- {why}, {k} {what}: {}\n", named.join(", ")),
        });
    }
    out
}

/// The buildings where something changed, at most ten of them.
fn building_lines(r: &Report, lang: Lang) -> String {
    const MOST: usize = 10;
    let changed: Vec<&BuildingReport> = r
        .buildings
        .iter()
        .filter(|b| !b.changes.is_zero())
        .collect();
    let mut out = String::new();
    for b in changed.iter().take(MOST) {
        let c = &b.changes;
        let name = super::display::inline(&b.name);
        let parts: Vec<String> = [
            (c.isolating_new, lang.pick("new isolations", "新增隔离")),
            (c.isolating_ended, lang.pick("ended", "解除")),
            (c.resumed, lang.pick("companies resumed", "企业复工")),
            (c.verified, lang.pick("units verified", "核实单元")),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| match lang {
            Lang::Zh => format!("{w} {n}"),
            Lang::En => format!("{n} {w}"),
        })
        .collect();
        out.push_str(&format!(
            "· {name}：{}\n",
            parts.join(lang.pick(", ", "，"))
        ));
    }
    if changed.len() > MOST {
        let more = changed.len() - MOST;
        out.push_str(&match lang {
            Lang::Zh => format!("· 另有 {more} 栋有变化\n"),
            Lang::En => format!("· and {more} more buildings\n"),
        });
    }
    out
}
