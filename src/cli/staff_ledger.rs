//! The staff ledger (人员台账, docs/spec.md §14) into the private store and out again: 姓名、籍贯、
//! 是否离京、回京时间、返京行程、体温情况、是否社区报到, with 企业/商铺, 楼宇, 房号, 体温, 日期. A row is
//! a person of the building's company (or household), matched by name and phone; 体温 with 日期
//! becomes a reading of that day, logged before any the day already has, so a newer reading is
//! never undone. Every problem is told as FILE:ROW; nothing is saved while one is left. The
//! plan names people masked: the ledger is personal in every cell.

use super::{Ctx, Res};
use loupan_core::cells::to_cell;
use loupan_core::display::inline;
use loupan_core::i18n::{Lang, Text};
use loupan_core::model::Building;
use loupan_core::people::readings::{self, Reading};
use loupan_core::people::{self, Person, PersonField, Place};
use loupan_core::privacy::Reveal;
use loupan_core::text::SmallStr;
use loupan_core::tr;
use loupan_store::table::{Row, Table};

/// The columns of a staff ledger, by header.
#[derive(Default)]
struct Columns {
    building: Option<usize>,
    company: Option<usize>,
    unit: Option<usize>,
    temp: Option<usize>,
    date: Option<usize>,
    fields: Vec<(usize, PersonField)>,
}

fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

fn columns(headers: &[String]) -> Columns {
    let mut c = Columns::default();
    for (i, h) in headers.iter().enumerate() {
        let h = norm(h);
        let slot = match h.as_str() {
            "楼宇" | "楼栋" | "building" => &mut c.building,
            "企业/商铺" | "企业" | "商铺" | "企业名称" | "company" => &mut c.company,
            "房号" | "单元" | "unit" => &mut c.unit,
            "体温" | "体温情况" | "temperature" => &mut c.temp,
            "日期" | "date" => &mut c.date,
            _ => {
                if let Some(f) = PersonField::from_key(&h)
                    .or_else(|| (h == "电话" || h == "手机").then_some(PersonField::Phone))
                    && !c.fields.iter().any(|(_, g)| *g == f)
                {
                    c.fields.push((i, f));
                }
                continue;
            }
        };
        slot.get_or_insert(i);
    }
    c
}

/// Whether the table is a staff ledger: a name and something only a returnee has.
pub fn is_staff_ledger(t: &Table) -> bool {
    let c = columns(&t.headers);
    let named = c.fields.iter().any(|(_, f)| *f == PersonField::Name);
    let returnee = c.temp.is_some()
        || c.fields.iter().any(|(_, f)| {
            matches!(
                f,
                // what no company ledger has (its 返京人数 and 观察结束 are a company's too)
                PersonField::Route
                    | PersonField::Left
                    | PersonField::From
                    | PersonField::Registered
            )
        });
    named && returnee
}

/// One row, read: the building, the person (new or changed) and the reading it brings.
struct Planned {
    building: String,
    person: Person,
    new: bool,
    reading: Option<(jiff::civil::Date, u16)>,
}

/// The building, its people as the store has them, keyed by how the ledger names it.
type Read = std::collections::HashMap<String, Result<(Building, Vec<Person>), Text>>;

fn building<'a>(
    ctx: &Ctx<'_>,
    read: &'a mut Read,
    given: &str,
) -> Result<&'a (Building, Vec<Person>), Text> {
    read.entry(given.to_string())
        .or_insert_with(|| {
            let bid = ctx.station.resolve(given)?;
            let b = ctx.station.load(&bid).building.map_err(|_| {
                tr!(
                    "{bid}: the file has problems (`loupan check`)",
                    "{bid}：文件有错误（见 `loupan check`）"
                )
            })?;
            let all = loupan_store::private::people::read(ctx.station.dir(), &bid)?;
            Ok((b, all))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Where the row's person belongs: the company it names (which the building must have), else
/// the unit's household or company.
fn place(b: &Building, row: &Row, c: &Columns) -> Result<Place, Text> {
    let company = c.company.map(|i| row.cell(i)).filter(|s| !s.is_empty());
    if let Some(name) = company {
        let all = loupan_core::company::all(b);
        return match all.iter().find(|x| x.name() == name || *x.id == *name) {
            Some(x) if !x.id.starts_with('u') => Ok(Place::Company(x.id.clone())),
            _ => {
                let (n, id) = (inline(name), &b.id);
                Err(tr!(
                    "{id} has no company \"{n}\": file it first (`loupan company add`), then import again",
                    "{id} 没有企业“{n}”：请先备案（`loupan company add`），再重新导入"
                ))
            }
        };
    }
    let unit = c.unit.map(|i| row.cell(i)).unwrap_or("");
    let i = loupan_core::ledger::find_unit(b, unit)?;
    let label = b.units[i].label.clone();
    let all = loupan_core::company::all(b);
    Ok(
        match all
            .iter()
            .filter(|x| x.in_unit(&label))
            .collect::<Vec<_>>()
            .as_slice()
        {
            [one] if !one.id.starts_with('u') => Place::Company(one.id.clone()),
            _ => Place::Unit(label),
        },
    )
}

fn plan_row(ctx: &Ctx<'_>, read: &mut Read, row: &Row, c: &Columns) -> Result<Planned, Text> {
    let given = c.building.map(|i| row.cell(i)).unwrap_or("");
    let (b, all) = building(ctx, read, given)?;
    let place = place(b, row, c)?;
    let cell = |f: PersonField| {
        c.fields
            .iter()
            .find(|(_, g)| *g == f)
            .map(|(i, _)| row.cell(*i))
    };
    let name = cell(PersonField::Name).unwrap_or("");
    let phone = cell(PersonField::Phone).map(|p| loupan_core::input::halfwidth(p).into_owned());
    let seen = all
        .iter()
        .find(|p| *p.name == *name && (phone.is_none() || p.phone.as_deref() == phone.as_deref()));
    let mut person = seen.cloned().unwrap_or_else(|| blank(place.clone()));
    person.place = place;
    for (i, f) in &c.fields {
        let text = row.cell(*i);
        if !text.is_empty() || *f == PersonField::Name {
            f.apply(&mut person, text, ctx.today)?;
        }
    }
    people::consistent(&person)?;
    let reading = match c.temp.map(|i| row.cell(i)).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => Some((reading_day(row, c, ctx.today)?, readings::parse_temp(t)?)),
    };
    Ok(Planned {
        building: b.id.clone(),
        new: seen.is_none(),
        person,
        reading,
    })
}

/// The day a row's 体温 was taken: its 日期, or today; never a day still to come.
fn reading_day(
    row: &Row,
    c: &Columns,
    today: jiff::civil::Date,
) -> Result<jiff::civil::Date, Text> {
    let day = match c.date.map(|i| row.cell(i)).filter(|d| !d.is_empty()) {
        Some(d) => loupan_core::input::parse_date(d, today)?,
        None => today,
    };
    if day > today {
        return Err(tr!(
            "a temperature dated {day} is in the future (today is {today})",
            "体温的日期 {day} 在将来（今天是 {today}）"
        ));
    }
    Ok(day)
}

fn blank(place: Place) -> Person {
    Person {
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
    }
}

/// The most rows a staff ledger may have: a district's staff many times over.
const MOST_ROWS: usize = 200_000;

pub fn import(ctx: &mut Ctx<'_>, t: &Table, file: &std::path::Path, apply: bool) -> Res {
    let f = inline(&file.display().to_string()).into_owned();
    let cols = columns(&t.headers);
    if cols.building.is_none() || t.rows.len() > MOST_ROWS {
        return Err(tr!(
            "{f}: a staff ledger needs a building column (楼宇) and at most 200000 rows",
            "{f}：人员台账需要楼宇列，且不超过 200000 行"
        )
        .into());
    }
    let mut read = Read::new();
    let (mut plans, mut refused) = (Vec::new(), 0);
    for row in &t.rows {
        match plan_row(ctx, &mut read, row, &cols) {
            Ok(p) => plans.push(p),
            Err(why) => {
                refused += 1;
                writeln!(ctx.err, "{f}:{}: {}", row.number, why.get(ctx.lang))?;
            }
        }
    }
    for p in &plans {
        let o = people::outgoing(&p.person, Reveal::Masked);
        let what = ctx.lang.pick(
            if p.new { "new" } else { "updated" },
            if p.new { "新增" } else { "更新" },
        );
        let t = p
            .reading
            .map(|(d, t)| format!("  {d} {} ℃", readings::shown(t)))
            .unwrap_or_default();
        writeln!(
            ctx.out,
            "{} {}: {what}{t}",
            inline(&p.building),
            inline(&o.name)
        )?;
    }
    let n = plans.len();
    if refused > 0 {
        ctx.say(&tr!(
            "{refused} rows cannot be placed; nothing saved — fix them and import again",
            "{refused} 行无法导入；未保存——请改正后重新导入"
        ));
        return Ok(1);
    }
    if !apply {
        ctx.say(&tr!(
            "{n} people would be saved; nothing saved, --apply saves it",
            "{n} 人将被保存；未保存，加 --apply 才保存"
        ));
        return Ok(0);
    }
    save(ctx, plans)?;
    ctx.say(&tr!("{n} people saved", "已保存 {n} 人"));
    Ok(0)
}

/// Each building's people in one save; then the readings, each before any of its day (a
/// ledger's reading never outranks one logged that day).
fn save(ctx: &mut Ctx<'_>, plans: Vec<Planned>) -> Result<(), super::Fail> {
    let mut ids: Vec<String> = plans.iter().map(|p| p.building.clone()).collect();
    ids.dedup();
    let by = Text::new("ledger", "台账");
    for id in ids {
        let bid = ctx.station.resolve(&id)?;
        let mine: Vec<&Planned> = plans.iter().filter(|p| p.building == id).collect();
        let saved = ctx.station.save_people(&bid, ctx.today, |all| {
            let mut out = Vec::new();
            for p in &mine {
                let mut person = p.person.clone();
                match all
                    .iter_mut()
                    .find(|x| !p.new && x.name == person.name && x.phone == person.phone)
                {
                    Some(x) => {
                        person.id = x.id.clone();
                        *x = person.clone();
                    }
                    None => {
                        person.id = people::next_id(all);
                        all.push(person.clone());
                    }
                }
                out.push((person.id.clone(), p.reading));
            }
            Ok(out)
        })?;
        for (pid, r) in saved {
            if let Some((day, tenths)) = r {
                let at = jiff::civil::Time::midnight();
                let r = Reading {
                    tenths,
                    at,
                    by: by.get(ctx.lang).into(),
                };
                ctx.station.log_reading(&bid, &pid, day, r)?;
            }
        }
    }
    Ok(())
}

/// The staff ledger's headers (the export), in the interface's language.
fn headers(lang: Lang) -> Vec<String> {
    let fixed = match lang {
        Lang::Zh => ["楼宇", "企业/商铺", "房号"],
        Lang::En => ["building", "company", "unit"],
    };
    let mut h: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    h.extend(PersonField::ALL.iter().map(|f| match lang {
        Lang::Zh => f.zh().to_string(),
        Lang::En => f.key().to_string(),
    }));
    h.push(lang.pick("temperature", "体温").into());
    h.push(lang.pick("date", "日期").into());
    h
}

/// The people as the staff ledger's rows, masked unless revealed; today's reading with its day.
pub(super) fn rows(
    b: &Building,
    all: &[Person],
    today: &readings::DayReadings,
    day: jiff::civil::Date,
    reveal: Reveal,
) -> Vec<Vec<String>> {
    let yes_no =
        |v: Option<bool>| v.map_or(String::new(), |b| if b { "是" } else { "否" }.to_string());
    let opt = |v: &Option<SmallStr>| v.as_deref().unwrap_or("").to_string();
    all.iter()
        .map(|p| {
            let o = people::outgoing(p, reveal);
            let (company, unit) = match &o.place {
                Place::Company(c) => {
                    let x = b.companies.iter().find(|x| x.id == *c);
                    (
                        x.map_or(c.to_string(), |x| x.name().to_string()),
                        x.and_then(|x| x.units.first())
                            .map_or(String::new(), |u| u.to_string()),
                    )
                }
                Place::Unit(u) => (String::new(), u.to_string()),
            };
            let t = today
                .latest(&b.id, &p.id)
                .map(|r| readings::shown(r.tenths));
            // every text as a spreadsheet cell: one line, hazards visible, a formula guarded
            vec![
                to_cell(&b.name),
                to_cell(&company),
                to_cell(&unit),
                to_cell(&o.name),
                to_cell(&opt(&o.phone)),
                to_cell(&opt(&o.from)),
                yes_no(o.left),
                o.returned.map_or(String::new(), |d| d.to_string()),
                to_cell(&opt(&o.route)),
                yes_no(o.registered),
                o.observe_until().map_or(String::new(), |d| d.to_string()),
                t.clone().unwrap_or_default(),
                t.map_or(String::new(), |_| day.to_string()),
            ]
        })
        .collect()
}

/// `person list --csv`: the staff ledger as CSV with a byte-order mark.
pub(super) fn csv(ctx: &mut Ctx<'_>, body: Vec<Vec<String>>) -> Res {
    let mut table = vec![headers(ctx.lang)];
    table.extend(body);
    ctx.out.write_all(b"\xef\xbb\xbf")?;
    ctx.out.write_all(&loupan_output::ledger::csv(&table))?;
    Ok(0)
}

/// `person list --xlsx FILE`: the staff ledger as a workbook of one sheet, 人员, which `import`
/// reads back; with `--reveal` inside a git working tree, git there is told to ignore it.
pub(super) fn xlsx(
    ctx: &mut Ctx<'_>,
    body: Vec<Vec<String>>,
    path: &std::path::Path,
    reveal: Reveal,
) -> Res {
    let mut table = vec![headers(ctx.lang)];
    table.extend(body);
    // 回京时间, 观察结束 and 日期 are dates to a spreadsheet
    let dates = [7, 10, 12];
    let book = loupan_output::xlsx::ledger_sheet("人员", &table, &dates)?;
    super::out::emit_as(ctx, Some(path), &book, reveal)
}
