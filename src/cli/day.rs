//! The station's day on the command line: follow-up (append to the journal), journal (a day's
//! entries), today (the worklist). Personal data masked unless `--reveal`.

use super::{Ctx, Res, json, read};
use jiff::civil::Date;
use loupan_core::codec::Located;
use loupan_core::display::inline;
use loupan_core::fields::{Field, Record};
use loupan_core::i18n::Lang;
use loupan_core::journal::{Entry, Outcome, Via};
use loupan_core::people::figures::{Health, health};
use loupan_core::privacy::{self, Reveal};
use loupan_core::report::Unread;
use loupan_core::today::{
    CallsView, Facts, Item, ItemView, TodayView, Worklist, describe, worklist,
};
use loupan_core::tr;
use loupan_store::{self as store, load};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// `--date` as given (`2026-11-20`, `今天`, `-1`), else today.
pub fn day_of(ctx: &Ctx<'_>, date: Option<&str>) -> Result<Date, super::Fail> {
    match date {
        Some(d) => loupan_core::input::parse_date(d, ctx.today).map_err(super::Fail::usage),
        None => Ok(ctx.today),
    }
}

pub fn follow_up(
    ctx: &mut Ctx<'_>,
    building: &str,
    unit: &str,
    (outcome, topic): (&str, Option<&str>),
    (via, at): (Option<&str>, Option<&str>),
    note: Option<&str>,
) -> Res {
    let now = store::journal::now();
    let at = match at {
        Some(t) => loupan_core::input::parse_moment(t, now).map_err(super::Fail::usage)?,
        None => now,
    };
    let via = match via {
        None => Via::Call,
        Some(v) => Via::parse(v).ok_or_else(|| {
            let v = inline(v);
            tr!(
                "unknown way \"{v}\"; valid: call, message, visit",
                "未知方式“{v}”；可用：`call`（电话）、`message`（消息）、`visit`（上门）"
            )
        })?,
    };
    let outcome = match outcome.trim() {
        // a company's question answered, by what it was about
        "consulted" | "答疑" => {
            let t = topic.unwrap_or("other");
            Outcome::Consulted(loupan_core::journal::Topic::parse(t).ok_or_else(|| {
                let t = inline(t);
                tr!(
                    "unknown topic \"{t}\"; valid: resumption, policy, supplies, other",
                    "未知话题“{t}”；可用：复工、政策、物资、其他（或英文 resumption 等）"
                )
            })?)
        }
        o => Outcome::parse_for(o, via).ok_or_else(|| Outcome::unknown(o))?,
    };
    let b = read::load_building(&ctx.station, building, ctx.lang)?;
    if b.find(unit).is_none() {
        let (u, id) = (inline(unit), &b.id);
        return Err(tr!(
            "there is no unit {u} in {id}; `loupan render {id}` shows its units",
            "{id} 里没有单元 {u}；`loupan render {id}` 可查看它的单元"
        )
        .into());
    }
    let e = Entry {
        id: store::journal::new_id(),
        at,
        by: ctx.station.who().as_str().into(),
        building: b.id.as_str().into(),
        unit: unit.into(),
        via,
        outcome,
        note: note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(Into::into),
        withdraws: None,
    };
    ctx.station.append(&e)?;
    // the building by the name staff know it by
    let (lang, u, names) = (ctx.lang, inline(unit), ctx.station.shown_names());
    let name = names.of(&b.id);
    let (o, v) = (e.outcome.said(e.via, lang), e.via.name(lang));
    let line = match lang {
        Lang::En => format!("logged: {name} {u} — {o} ({v})"),
        Lang::Zh => format!("已记录：{name} {u} {o}（{v}）"),
    };
    writeln!(ctx.out, "{line}")?;
    Ok(0)
}

fn entry_json(e: &Entry, reveal: Reveal, withdrawn: bool) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(&*e.id));
    m.insert("date".into(), json!(e.at.date().to_string()));
    m.insert(
        "time".into(),
        json!(format!(
            "{:02}:{:02}:{:02}",
            e.at.hour(),
            e.at.minute(),
            e.at.second()
        )),
    );
    m.insert("by".into(), json!(&*e.by));
    m.insert("building".into(), json!(&*e.building));
    m.insert("unit".into(), json!(&*e.unit));
    m.insert("via".into(), json!(e.via.key()));
    m.insert("outcome".into(), json!(e.outcome.key()));
    if let Some(n) = &e.note {
        m.insert("note".into(), json!(privacy::note(n, reveal)));
    }
    if let Some(w) = &e.withdraws {
        m.insert("withdraws".into(), json!(&**w));
    }
    if withdrawn {
        m.insert("withdrawn".into(), json!(true));
    }
    Value::Object(m)
}

pub fn journal(
    ctx: &mut Ctx<'_>,
    date: Option<&str>,
    building: Option<&str>,
    as_json: bool,
    reveal: Reveal,
) -> Res {
    let day = day_of(ctx, date)?;
    let only = building.map(|b| ctx.station.resolve(b)).transpose()?;
    let d = ctx.station.journal_day(day);
    // a journal folder that cannot be listed is named as such, not only as the day's file
    let folder = ctx.station.journal_days().err();
    let problems: Vec<Located> = match folder {
        Some(f) => vec![f],
        None => load::located(&d.path, &d.problems),
    };
    for line in Located::lines(&problems, ctx.lang) {
        writeln!(ctx.err, "{line}")?;
    }
    let mut entries: Vec<Entry> = d
        .entries
        .into_iter()
        .map(|(_, e)| e)
        .filter(|e| only.as_deref().is_none_or(|b| *e.building == *b))
        .collect();
    entries.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    ctx.shown(entries.iter().filter(|e| e.note.is_some()).count());
    // a withdrawal may be logged on a later day than the entry it withdraws
    let withdrawn: std::collections::HashSet<_> = ctx
        .station
        .journal()
        .index
        .struck()
        .filter_map(|e| e.withdraws.clone())
        .collect();
    if as_json {
        let rows = entries
            .iter()
            .map(|e| entry_json(e, reveal, withdrawn.contains(&e.id)));
        json::write(ctx.out, &Value::Array(rows.collect()))?;
    } else {
        let (lang, names) = (ctx.lang, ctx.station.shown_names());
        for e in &entries {
            let mut line = format!(
                "{:02}:{:02}:{:02}  {}  {} {}  {}  {}",
                e.at.hour(),
                e.at.minute(),
                e.at.second(),
                inline(&e.by),
                names.of(&e.building),
                inline(&e.unit),
                e.via.name(lang),
                e.outcome.said(e.via, lang)
            );
            if let Some(n) = &e.note {
                line.push_str(&format!("  {}", inline(&privacy::note(n, reveal))));
            }
            line.push_str(&super::journal::struck_mark(e, &withdrawn, lang));
            writeln!(ctx.out, "{line}")?;
        }
        if entries.is_empty() {
            let t = tr!("no entries on {day}", "{day} 没有记录");
            writeln!(ctx.out, "{}", t.get(lang))?;
        }
    }
    // a warning alone (an entry on disk twice, read once) needs no attention
    let errors = problems
        .iter()
        .any(|l| l.problem.severity == loupan_core::codec::Severity::Error);
    Ok(i32::from(errors))
}

/// The day's list over every building, read in parallel, one building at a time.
/// What the list does not hold of a unit: its building's name, its record, the facts.
struct Detail {
    building_name: String,
    record: Record,
    facts: Facts,
}

/// The day's list, its items' details, the buildings that could not be read, and whether
/// anything was unreadable (buildings or the journal), and the people's day.
type Gathered = (Worklist, Records, Vec<Unread>, bool, Health);

/// The details of the list's items, by building and place.
type Records = HashMap<(std::sync::Arc<str>, usize), Detail>;

fn gather(ctx: &mut Ctx<'_>, day: Date) -> Result<Gathered, super::Fail> {
    let ids = ctx.station.ids()?;
    let whole = ctx.station.journal();
    let index = &whole.index;
    let lang = ctx.lang;
    let (dir, readings) = super::person_today::readings_of(ctx, day);
    let parts = ctx.station.map_all(&ids, |l| match &l.building {
        Ok(b) => {
            let people = loupan_store::private::people::read(&dir, &b.id).unwrap_or_default();
            let h = health(b, &people, &readings, day);
            let w = worklist([b], index, day);
            let records: Vec<_> = w
                .items()
                .map(|it| {
                    let record = b.units[it.index].record.clone();
                    let log = index.unit(&b.id, &it.unit);
                    let facts = Facts::of(&record, log, day);
                    let building_name = b.name.clone();
                    let detail = Detail {
                        building_name,
                        record,
                        facts,
                    };
                    ((it.building.clone(), it.index), detail)
                })
                .collect();
            Ok((w, records, h))
        }
        Err(_) => {
            let problems = l.problems();
            let unread = Unread {
                id: l.id.to_string(),
                name: ctx
                    .station
                    .name_of(&l.id)
                    .unwrap_or_else(|| l.id.to_string()),
                problem: problems.first().map(|p| p.render(lang)).unwrap_or_default(),
            };
            Err((unread, Located::lines(&problems, lang)))
        }
    });
    let mut w = Worklist::default();
    let mut records = Records::new();
    let mut unread = Vec::new();
    let mut h = Health::default();
    let journal_problems = whole.problems();
    let mut broken = !journal_problems.is_empty();
    for line in Located::lines(&journal_problems, lang) {
        writeln!(ctx.err, "{line}")?;
    }
    for p in parts {
        match p {
            Ok((part, r, hp)) => {
                w.merge(part);
                records.extend(r);
                h.merge(hp);
            }
            Err((u, lines)) => {
                broken = true;
                unread.push(u);
                for line in lines {
                    writeln!(ctx.err, "{line}")?;
                }
            }
        }
    }
    Ok((w, records, unread, broken, h))
}

/// The list's items as `today --json` gives them, records as masked (or not) by the caller.
fn item_views<'a>(
    items: &'a [Item],
    records: &'a Records,
    masked: &'a HashMap<(std::sync::Arc<str>, usize), Record>,
) -> Vec<ItemView<'a>> {
    items
        .iter()
        .filter_map(|it| {
            let key = (it.building.clone(), it.index);
            let (d, record) = (records.get(&key)?, masked.get(&key)?);
            Some(ItemView {
                building: &it.building,
                building_name: &d.building_name,
                unit: &it.unit,
                record,
                facts: &d.facts,
            })
        })
        .collect()
}

/// Companies on today's list as JSON.
fn listed(l: &[loupan_core::company::Listed], reveal: Reveal) -> Vec<Value> {
    l.iter()
        .map(|x| super::company::company_json(&x.building, &x.company, reveal))
        .collect()
}

pub fn today(ctx: &mut Ctx<'_>, date: Option<&str>, as_json: bool, reveal: Reveal) -> Res {
    let day = day_of(ctx, date)?;
    let (w, records, unread, broken, h) = gather(ctx, day)?;
    ctx.shown(records.len());
    if as_json {
        // what leaves the station is masked unless revealed
        let masked: HashMap<(std::sync::Arc<str>, usize), Record> = records
            .iter()
            .map(|(k, d)| (k.clone(), privacy::outgoing(&d.record, reveal)))
            .collect();
        let out = TodayView {
            date: day,
            unread: &unread,
            calls: CallsView {
                due: item_views(&w.calls_due, &records, &masked),
                reached: w.reached,
                total: w.isolating,
            },
            isolation_ending: item_views(&w.ending, &records, &masked),
            isolation_overdue: item_views(&w.overdue, &records, &masked),
            to_knock: item_views(&w.to_knock, &records, &masked),
            not_resumed: item_views(&w.not_resumed, &records, &masked),
            observation_ending: listed(&w.companies.observation_ending, reveal),
            not_filed: listed(&w.companies.not_filed, reveal),
            over_cap: listed(&w.companies.over_cap, reveal),
            readings_missing: h
                .readings_missing
                .iter()
                .map(|s| super::person_today::seen_json(s, reveal))
                .collect(),
            fever: h
                .fever
                .iter()
                .map(|s| super::person_today::seen_json(s, reveal))
                .collect(),
        };
        json::write(ctx.out, &out)?;
    } else {
        print_today(ctx, day, &w, &records, &unread, reveal)?;
        super::person_today::print_health(ctx, &h, reveal)?;
    }
    Ok(i32::from(broken))
}

fn print_today(
    ctx: &mut Ctx<'_>,
    day: Date,
    w: &Worklist,
    records: &Records,
    unread: &[Unread],
    reveal: Reveal,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    // what could not be read goes first: its units are on no list below
    for u in unread {
        let (name, id, why) = (inline(&u.name), inline(&u.id), inline(&u.problem));
        let t = tr!(
            "⚠ Not on the lists: {name} ({id}) cannot be read; fix it: {why}",
            "⚠ 未列入：{name}（{id}）无法读取，请修正：{why}"
        );
        writeln!(ctx.out, "{}", t.get(lang))?;
    }
    let (r, t, due) = (w.reached, w.isolating, w.calls_due.len());
    let head = tr!("{day}: the day's work", "{day} 今日工作");
    writeln!(ctx.out, "{}", head.get(lang))?;
    let sections: [(loupan_core::i18n::Text, &[Item]); 5] = [
        (
            tr!(
                "Calls {r} / {t} reached, {due} to call",
                "电话随访：已联系 {r} / {t}，待打 {due}"
            ),
            &w.calls_due,
        ),
        (
            tr!("Isolations ending today", "今日到期解除隔离"),
            &w.ending,
        ),
        (
            tr!(
                "Isolations past their end, still isolating",
                "已过期仍在隔离"
            ),
            &w.overdue,
        ),
        (tr!("Units to door-knock", "待上门核实"), &w.to_knock),
        (tr!("Companies not resumed", "未复工企业"), &w.not_resumed),
    ];
    for (i, (title, items)) in sections.into_iter().enumerate() {
        // the calls' title already counts them
        let count = if i == 0 {
            String::new()
        } else {
            format!(" ({})", items.len())
        };
        writeln!(ctx.out, "\n{}{count}", title.get(lang))?;
        for it in items {
            if let Some(d) = records.get(&(it.building.clone(), it.index)) {
                writeln!(ctx.out, "  {}", item_line(it, d, lang, reveal))?;
            }
        }
    }
    print_companies(ctx, &w.companies)
}

/// Today's company sections: observation ending, not filed for a week, over the on-site cap.
fn print_companies(ctx: &mut Ctx<'_>, w: &loupan_core::company::Work) -> std::io::Result<()> {
    let lang = ctx.lang;
    let names = ctx.station.shown_names();
    let days = loupan_core::company::FILE_EVERY_DAYS;
    let sections = [
        (
            tr!("Observation ending today", "今日观察期满"),
            &w.observation_ending,
        ),
        (
            tr!(
                "Companies not filed for {days} days",
                "{days} 天未备案的企业"
            ),
            &w.not_filed,
        ),
        (tr!("Over their on-site cap", "到岗超过上限"), &w.over_cap),
    ];
    for (title, list) in sections {
        if list.is_empty() {
            continue;
        }
        writeln!(ctx.out, "\n{} ({})", title.get(lang), list.len())?;
        for l in list {
            let r = &l.company.record;
            let units: Vec<&str> = l.company.units.iter().map(|u| &**u).collect();
            let mut line = format!(
                "  {} {}  {}",
                names.of(&l.building),
                inline(&units.join(",")),
                inline(l.company.name())
            );
            if let (Some(on), Some(all)) = (r.on_site, r.headcount) {
                line.push_str(&format!("  {} {on}/{all}", lang.pick("on site", "到岗")));
            }
            if let Some(d) = r.filed.get() {
                line.push_str(&format!("  {} {d}", lang.pick("filed", "备案")));
            }
            writeln!(ctx.out, "{line}")?;
        }
    }
    Ok(())
}

/// "海港大厦 1203  杨*  138****0210  day 5 of 14 · ends 2026-12-03" and the like.
fn item_line(it: &Item, d: &Detail, lang: Lang, reveal: Reveal) -> String {
    let r = privacy::outgoing(&d.record, reveal);
    let mut parts = vec![format!("{} {}", inline(&d.building_name), inline(&it.unit))];
    for f in [Field::Name, Field::Contact] {
        let v = f.get(&r);
        if v.is_set() {
            parts.push(inline(&v.show(lang)).into_owned());
        }
    }
    parts.push(describe(it.status, &d.facts, lang));
    parts.retain(|p| !p.is_empty());
    parts.join("  ")
}
