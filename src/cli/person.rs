//! `loupan person add|set|list` and `loupan temp`: returnees and staff of a company or a household,
//! and their daily temperatures (docs/spec.md §14). Every field of a person is personal: it is
//! kept in the private store, masked on the way out unless `--reveal`, and a company's counts of
//! its people are all that a shared file holds.

use super::{Ctx, Res, json, read};
use loupan_core::company::{self, Company};
use loupan_core::display::inline;
use loupan_core::i18n::{Lang, Text};
use loupan_core::model::Building;
use loupan_core::people::readings::{self, Reading};
use loupan_core::people::{self, Person, PersonField, Place};
use loupan_core::privacy::Reveal;
use loupan_core::text::SmallStr;
use loupan_core::tr;
use serde_json::{Map, Value, json};

#[derive(clap::Args, Debug)]
pub struct PersonArgs {
    #[command(subcommand)]
    pub cmd: PersonCmd,
}

#[derive(clap::Subcommand, Debug)]
pub enum PersonCmd {
    Add {
        building: String,
        place: String,
        name: String,
        #[command(flatten)]
        fields: PersonFlags,
    },
    Set {
        building: String,
        person: String,
        #[arg(long, allow_hyphen_values = true)]
        name: Option<String>,
        #[command(flatten)]
        fields: PersonFlags,
    },
    List {
        buildings: Vec<String>,
        #[arg(long)]
        observing: bool,
        #[arg(long)]
        json: bool,
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        #[arg(long, value_name = "FILE.xlsx", conflicts_with_all = ["json", "csv"])]
        xlsx: Option<std::path::PathBuf>,
        #[arg(long)]
        reveal: bool,
    },
}

/// A person's fields as typed.
#[derive(clap::Args, Debug, Default)]
pub struct PersonFlags {
    #[arg(long, allow_hyphen_values = true)]
    phone: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    from: Option<String>,
    #[arg(long)]
    left: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    returned: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    route: Option<String>,
    #[arg(long)]
    registered: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    observe_until: Option<String>,
}

impl PersonFlags {
    fn given(&self) -> Vec<(PersonField, &str)> {
        [
            (PersonField::Phone, &self.phone),
            (PersonField::From, &self.from),
            (PersonField::Left, &self.left),
            (PersonField::Returned, &self.returned),
            (PersonField::Route, &self.route),
            (PersonField::Registered, &self.registered),
            (PersonField::ObserveUntil, &self.observe_until),
        ]
        .into_iter()
        .filter_map(|(f, v)| v.as_deref().map(|v| (f, v)))
        .collect()
    }
}

pub fn person(ctx: &mut Ctx<'_>, a: &PersonArgs) -> Res {
    match &a.cmd {
        PersonCmd::Add {
            building,
            place,
            name,
            fields,
        } => add(ctx, building, place, name, fields),
        PersonCmd::Set {
            building,
            person,
            name,
            fields,
        } => set(ctx, building, person, name.as_deref(), fields),
        PersonCmd::List {
            buildings,
            observing,
            json,
            csv,
            xlsx,
            reveal,
        } => {
            let r = ctx.reveal(*reveal);
            let to = (*json, *csv, xlsx.as_deref());
            list(ctx, buildings, *observing, to, r)
        }
    }
}

/// The fields typed onto a person; the first that does not read refuses the command (exit 2).
fn apply(ctx: &Ctx<'_>, p: &mut Person, given: &[(PersonField, &str)]) -> Result<(), super::Fail> {
    for (f, v) in given {
        f.apply(p, v, ctx.today).map_err(super::Fail::usage)?;
    }
    people::consistent(p).map_err(super::Fail::usage)
}

/// COMPANY|UNIT as typed: a company by id or whole name, a unit (its one company, or its
/// household), else a unique part of a company's name.
fn place_of(b: &Building, given: &str) -> Result<Place, Text> {
    let all = company::all(b);
    let given = given.trim();
    if let Some(c) = all.iter().find(|c| *c.id == *given || c.name() == given) {
        return Ok(company_place(c));
    }
    if let Some(i) = b.find(given) {
        let label = b.units[i].label.clone();
        let here: Vec<&Company> = all.iter().filter(|c| c.in_unit(&label)).collect();
        return match here.as_slice() {
            [] => Ok(Place::Unit(label)),
            [one] => Ok(company_place(one)),
            _ => {
                let l = inline(&label);
                Err(tr!(
                    "unit {l} hosts several companies: give the company's name or id",
                    "单元 {l} 有多家企业：请写企业名称或编号"
                ))
            }
        };
    }
    super::company::find(b, &all, given).map(company_place)
}

fn company_place(c: &Company) -> Place {
    Place::Company(c.id.clone())
}

/// A company only the old file format implies gets its own record first: people belong to
/// companies of `[companies]`.
fn implied_refused(place: &Place) -> Result<(), Text> {
    match place {
        Place::Company(id) if id.starts_with('u') => Err(tr!(
            "this company is only implied by its unit's status; file it first (`loupan company set BUILDING {id}`), then add its people",
            "该企业仅由单元状态推出；请先备案（`loupan company set 楼栋 {id}`），再登记人员"
        )),
        _ => Ok(()),
    }
}

fn add(ctx: &mut Ctx<'_>, building: &str, place: &str, name: &str, fields: &PersonFlags) -> Res {
    let b = read::load_building(&ctx.station, building, ctx.lang)?;
    let place = place_of(&b, place)?;
    implied_refused(&place)?;
    let mut p = Person {
        id: SmallStr::from(""),
        place,
        name: SmallStr::from(""),
        phone: None,
        from: None,
        left: None,
        returned: None,
        route: None,
        registered: None,
        until: None,
    };
    let mut given = vec![(PersonField::Name, name)];
    given.extend(fields.given());
    apply(ctx, &mut p, &given)?;
    let bid = ctx.station.resolve(&b.id)?;
    let id = ctx.station.save_people(&bid, ctx.today, |all| {
        p.id = people::next_id(all);
        let id = p.id.clone();
        all.push(p);
        Ok(id)
    })?;
    writeln!(ctx.out, "{id}")?;
    Ok(0)
}

/// A person of the building by id or a unique part of the name.
pub(super) fn find<'a>(all: &'a [Person], given: &str, building: &str) -> Result<&'a Person, Text> {
    let given = given.trim();
    if let Some(p) = all.iter().find(|p| *p.id == *given || *p.name == *given) {
        return Ok(p);
    }
    let hits: Vec<&Person> = all.iter().filter(|p| p.name.contains(given)).collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(tr!(
            "no such person in {building}; `loupan person list {building}` lists them",
            "{building} 没有这个人；`loupan person list {building}` 可列出全部人员"
        )),
        many => {
            let ids: Vec<&str> = many.iter().map(|p| &*p.id).collect();
            let ids = ids.join(", ");
            Err(tr!(
                "that could be any of {ids}; give the id",
                "可能是 {ids} 中的任一人；请写编号"
            ))
        }
    }
}

fn set(
    ctx: &mut Ctx<'_>,
    building: &str,
    given: &str,
    name: Option<&str>,
    fields: &PersonFlags,
) -> Res {
    let b = read::load_building(&ctx.station, building, ctx.lang)?;
    let bid = ctx.station.resolve(&b.id)?;
    let mut typed: Vec<(PersonField, &str)> =
        name.map(|n| (PersonField::Name, n)).into_iter().collect();
    typed.extend(fields.given());
    // every value is read before anything is written
    let today = ctx.today;
    let mut first_problem = None;
    let id = ctx.station.save_people(&bid, today, |all| {
        let id = find(all, given, &b.id)?.id.clone();
        if let Some(p) = all.iter_mut().find(|p| p.id == id) {
            for (f, v) in &typed {
                if let Err(t) = f.apply(p, v, today) {
                    first_problem = Some(t.clone());
                    return Err(t);
                }
            }
            if let Err(t) = people::consistent(p) {
                first_problem = Some(t.clone());
                return Err(t);
            }
        }
        Ok(id)
    });
    let id = match (id, first_problem) {
        (Err(_), Some(t)) => return Err(super::Fail::usage(t)),
        (r, _) => r?,
    };
    let t = tr!("saved: {id}", "已保存：{id}");
    ctx.say(&t);
    Ok(0)
}

/// A person as `person list --json` gives them.
fn person_json(
    b: &Building,
    p: &Person,
    today: Option<u16>,
    reveal: Reveal,
    day: jiff::civil::Date,
) -> Value {
    let o = people::outgoing(p, reveal);
    let mut m = Map::new();
    m.insert("building".into(), json!(b.id));
    m.insert("id".into(), json!(&*o.id));
    match &o.place {
        Place::Company(c) => {
            let name = b
                .companies
                .iter()
                .find(|x| x.id == *c)
                .map_or(&**c, |x| x.name());
            m.insert("company".into(), json!(name));
            m.insert("company_id".into(), json!(&**c));
        }
        Place::Unit(u) => {
            m.insert("unit".into(), json!(&**u));
        }
    }
    m.insert("name".into(), json!(&*o.name));
    let opt = |v: &Option<SmallStr>| v.as_deref().map_or(Value::Null, |s| json!(s));
    m.insert("phone".into(), opt(&o.phone));
    m.insert("from".into(), opt(&o.from));
    m.insert("left".into(), json!(o.left));
    m.insert("returned".into(), json!(o.returned.map(|d| d.to_string())));
    m.insert("route".into(), opt(&o.route));
    m.insert("registered".into(), json!(o.registered));
    m.insert(
        "observe-until".into(),
        json!(o.observe_until().map(|d| d.to_string())),
    );
    m.insert("observing".into(), json!(o.observing(day)));
    let t = today.map(|t| readings::shown(t).parse::<f64>().unwrap_or(0.0));
    m.insert("today".into(), json!(t));
    Value::Object(m)
}

/// One line of `person list`: where, who (masked unless revealed), returned, observation, today.
fn line(
    b: &Building,
    p: &Person,
    today: Option<u16>,
    reveal: Reveal,
    lang: Lang,
    day: jiff::civil::Date,
) -> String {
    let o = people::outgoing(p, reveal);
    let place = match &o.place {
        Place::Company(c) => b
            .companies
            .iter()
            .find(|x| x.id == *c)
            .map_or(c.to_string(), |x| x.name().to_string()),
        Place::Unit(u) => u.to_string(),
    };
    let mut parts = vec![
        format!("{} {}", inline(&b.name), inline(&place)),
        format!("{} {}", o.id, inline(&o.name)),
    ];
    if let Some(ph) = &o.phone {
        parts.push(inline(ph).into_owned());
    }
    if let Some(r) = o.returned {
        parts.push(format!("{} {r}", lang.pick("returned", "返京")));
    }
    if o.observing(day)
        && let Some(u) = o.observe_until()
    {
        parts.push(format!("{} → {u}", lang.pick("observing", "观察中")));
    }
    if let Some(t) = today {
        parts.push(format!("{} ℃", readings::shown(t)));
    }
    parts.join("  ")
}

fn list(
    ctx: &mut Ctx<'_>,
    buildings: &[String],
    observing: bool,
    (as_json, as_csv, as_xlsx): (bool, bool, Option<&std::path::Path>),
    reveal: Reveal,
) -> Res {
    let ids = if buildings.is_empty() {
        ctx.station.ids()?
    } else {
        buildings
            .iter()
            .map(|b| ctx.station.resolve(b))
            .collect::<Result<Vec<_>, _>>()?
    };
    let day = ctx.today;
    let dir = ctx.station.dir().to_path_buf();
    let read_today = loupan_store::private::people::read_day(&dir, day)?;
    let (mut rows, mut text, mut table) = (Vec::new(), Vec::new(), Vec::new());
    for id in &ids {
        let b = read::load_building(&ctx.station, id, ctx.lang)?;
        let mut all = loupan_store::private::people::read(&dir, id)?;
        all.retain(|p| !observing || p.observing(day));
        table.extend(super::staff_ledger::rows(
            &b,
            &all,
            &read_today,
            day,
            reveal,
        ));
        for p in &all {
            let t = read_today.latest(&b.id, &p.id).map(|r| r.tenths);
            ctx.shown(1);
            rows.push(person_json(&b, p, t, reveal, day));
            text.push(line(&b, p, t, reveal, ctx.lang, day));
        }
    }
    if as_json {
        json::write(&mut *ctx.out, &rows)?;
    } else if as_csv {
        return super::staff_ledger::csv(ctx, table);
    } else if let Some(path) = as_xlsx {
        return super::staff_ledger::xlsx(ctx, table, path, reveal);
    } else {
        for l in text {
            writeln!(ctx.out, "{l}")?;
        }
    }
    Ok(0)
}

#[derive(clap::Args, Debug)]
pub struct TempArgs {
    building: String,
    person: String,
    #[arg(allow_hyphen_values = true)]
    temp: String,
    #[arg(long)]
    at: Option<String>,
    #[arg(long)]
    by: Option<String>,
}

/// `loupan temp BUILDING PERSON 36.8 [--at HH:MM] [--by WHO]`: a reading for today, checked
/// (35.0–42.0 °C, never in the future); nothing is written when it is refused.
pub fn temp(ctx: &mut Ctx<'_>, a: &TempArgs) -> Res {
    let (building, person, value) = (&a.building, &a.person, &a.temp);
    let (at, by) = (a.at.as_deref(), a.by.as_deref());
    let tenths = readings::parse_temp(value).map_err(super::Fail::usage)?;
    let now = loupan_store::journal::now();
    let when = match at {
        Some(t) => loupan_core::input::parse_moment(t, now).map_err(super::Fail::usage)?,
        None => now,
    };
    let b = read::load_building(&ctx.station, building, ctx.lang)?;
    let bid = ctx.station.resolve(&b.id)?;
    let all = loupan_store::private::people::read(ctx.station.dir(), &bid)?;
    let p = find(&all, person, &b.id)?;
    let who = by.map_or_else(|| ctx.station.who(), |w| w.trim().to_string());
    let r = Reading {
        tenths,
        at: when.time(),
        by: who.as_str().into(),
    };
    ctx.station.log_reading(&bid, &p.id, when.date(), r)?;
    let (id, name, t) = (
        &p.id,
        inline(&people::outgoing(p, Reveal::Masked).name).into_owned(),
        readings::shown(tenths),
    );
    ctx.say(&tr!(
        "logged: {id} {name} {t} °C",
        "已记录：{id} {name} {t} ℃"
    ));
    if tenths >= readings::FEVER {
        ctx.say(&tr!(
            "fever (37.3 °C or more): it goes up in tonight's report",
            "发热（≥ 37.3 ℃）：将列入今晚报告的需上报事项"
        ));
    }
    Ok(0)
}
