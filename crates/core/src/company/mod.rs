//! Companies filed at the building (docs/spec.md §11): a record of its own, one line in its building's
//! `[companies]` table, occupying one or more units; a unit may host several. The `company_schema!`
//! table declares each field once — key, type, labels, whether personal, ledger headers — as
//! `fields.rs` does for units, so a new field is one line here. Rules between fields (`check`),
//! a unit's colour from its companies, and the counts the station reports live here too. Pure.

pub mod doubles;
pub mod merge;
pub mod report;
mod rules;
pub use rules::{
    MAX_PEOPLE, check, credit_code_ok, derive_units, unit_status, with_check_character,
};

use super::fields::{Kind, OptDate, Slot, Value};
use super::i18n::Lang;
use super::status::Status;
use super::text::SmallStr;

/// One company field's description.
#[derive(Clone, Copy, Debug)]
pub struct CompanySpec {
    pub field: CompanyField,
    /// In files, JSON, and as the command-line flag `--key`.
    pub key: &'static str,
    pub kind: Kind,
    label: (&'static str, &'static str),
    /// Personal data (the responsible person's contact, notes): masked on every way out.
    pub personal: bool,
    /// What a company ledger (企业台账) calls the field besides its key and labels.
    pub aliases: &'static [&'static str],
}

impl CompanySpec {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label.0, self.label.1)
    }
}

macro_rules! company_schema {
    ($($variant:ident $field:ident: $ty:ty = $key:literal, $label:expr, $personal:literal,
       $aliases:expr;)*) => {
        /// What the file says about one company besides its id and units, in file order.
        #[derive(Clone, Debug, PartialEq, Eq, Default)]
        pub struct CompanyRecord {
            $(pub $field: $ty,)*
        }

        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CompanyField {
            $($variant,)*
        }

        /// Every company field, in file order.
        pub const COMPANY_FIELDS: &[CompanySpec] = &[$(CompanySpec {
            field: CompanyField::$variant,
            key: $key,
            kind: <$ty as Slot>::KIND,
            label: $label,
            personal: $personal,
            aliases: &$aliases,
        },)*];

        impl CompanyField {
            pub const ALL: &[CompanyField] = &[$(CompanyField::$variant,)*];

            pub fn get(self, r: &CompanyRecord) -> Value {
                match self {
                    $(CompanyField::$variant => Slot::to_value(&r.$field),)*
                }
            }

            /// Sets the field; a value of another kind is refused (false).
            pub fn set(self, r: &mut CompanyRecord, v: Value) -> bool {
                match self {
                    $(CompanyField::$variant => Slot::set(&mut r.$field, v),)*
                }
            }
        }
    };
}

company_schema! {
    Name name: Option<SmallStr> = "name", ("name", "企业名称"), false, ["公司名称", "单位名称"];
    Status status: Status = "status", ("status", "状态"), false, ["复工情况", "复工状态"];
    CreditCode credit_code: Option<SmallStr> = "credit-code", ("credit code", "统一社会信用代码"),
        false, ["信用代码", "社会信用代码"];
    Headcount headcount: Option<u32> = "headcount", ("headcount", "员工总数"), false,
        ["员工人数", "职工人数"];
    OnSite on_site: Option<u32> = "on-site", ("on site", "到岗人数"), false, ["在岗人数"];
    Returned returned: Option<u32> = "returned", ("returned", "返京人数"), false, ["返岗人数"];
    Observing observing: Option<u32> = "observing", ("observing", "观察人数"), false,
        ["居家观察人数"];
    ObserveUntil observe_until: OptDate = "observe-until", ("observation ends", "观察结束"), false,
        [];
    ResumedOn resumed_on: OptDate = "resumed-on", ("resumed on", "复工日期"), false, [];
    Filed filed: OptDate = "filed", ("last filed", "最近备案"), false, ["备案日期"];
    Pledge pledge: OptDate = "pledge", ("pledge signed", "承诺书"), false, ["承诺书签订"];
    Cap cap: Option<u32> = "cap", ("on-site cap %", "到岗上限"), false, [];
    Class class: Option<SmallStr> = "class", ("class", "网点类别"), false, ["类别", "商铺类别"];
    Inspected inspected: OptDate = "inspected", ("last inspected", "最近摸排"), false, ["摸排日期"];
    Found found: Option<SmallStr> = "found", ("found at inspection", "摸排结果"), false, [];
    Contact contact: Option<SmallStr> = "contact", ("responsible person", "防疫责任人"), true,
        ["联系电话", "负责人", "联系人"];
    Note note: Option<SmallStr> = "note", ("note", "备注"), true, [];
}

impl CompanyField {
    pub fn spec(self) -> &'static CompanySpec {
        &COMPANY_FIELDS[self as usize]
    }

    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn from_key(key: &str) -> Option<CompanyField> {
        COMPANY_FIELDS
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.field)
    }
}

/// A company as its building's file holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Company {
    /// Its key in `[companies]`: `c1`, `c2`, … given by `company add`, never reused.
    pub id: SmallStr,
    /// The units it occupies, at least one.
    pub units: Vec<SmallStr>,
    pub record: CompanyRecord,
}

impl Company {
    pub fn name(&self) -> &str {
        self.record.name.as_deref().unwrap_or(&self.id)
    }

    pub fn resumed(&self) -> bool {
        self.record.status == Status::Resumed
    }

    /// Its employees in observation on `day`: the line's `observing` while its `observe-until`
    /// has not passed (none after it, so a count written days ago never goes stale).
    pub fn observing_on(&self, day: jiff::civil::Date) -> u32 {
        let r = &self.record;
        match r.observe_until.get() {
            Some(end) if end < day => 0,
            _ => r.observing.unwrap_or(0),
        }
    }

    /// Whether it occupies the unit.
    pub fn in_unit(&self, label: &str) -> bool {
        self.units.iter().any(|u| &**u == label)
    }
}

/// A new company's id: one past the highest `cN` in use, so ids are never reused.
pub fn next_id(companies: &[Company]) -> SmallStr {
    let n = companies
        .iter()
        .filter_map(|c| c.id.strip_prefix('c')?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    SmallStr::from(format!("c{}", n + 1).as_str())
}

/// The record with its personal fields masked (a company's name is not personal).
pub fn masked(r: &CompanyRecord) -> CompanyRecord {
    let mut out = r.clone();
    for spec in COMPANY_FIELDS.iter().filter(|s| s.personal) {
        let v = spec.field.get(r);
        spec.field
            .set(&mut out, crate::privacy::mask_value(spec.key, &v));
    }
    out
}

/// The record as it may leave the station: masked unless revealed.
pub fn outgoing(r: &CompanyRecord, reveal: crate::privacy::Reveal) -> CompanyRecord {
    match reveal {
        crate::privacy::Reveal::Shown => r.clone(),
        crate::privacy::Reveal::Masked => masked(r),
    }
}

/// The unit labels of a company as typed or in a ledger cell: `501,502`, `501，502`, `501、502`
/// or spaces between.
pub fn unit_labels(given: &str) -> impl Iterator<Item = &str> {
    given
        .split([',', '，', '、', ' '])
        .map(str::trim)
        .filter(|u| !u.is_empty())
}

/// Whether a value is one a company's status may take.
pub fn company_status(s: Status) -> bool {
    matches!(s, Status::Resumed | Status::NotResumed)
}

#[cfg(test)]
mod tests;

/// Every company of a building: those of `[companies]`, then those a file from before companies
/// implies — a unit `resumed`/`not-resumed` (with a name, or not yet named) and no company filed
/// for it reads as one company (`people` its headcount), with the id `u` + its label until `company set` or
/// `loupan migrate` makes it a record of its own.
pub fn all(b: &crate::model::Building) -> Vec<Company> {
    let mut out = b.companies.clone();
    for u in &b.units {
        // a blue or green unit without a name is a company not yet named, still counted
        if company_status(u.record.status) && !b.companies.iter().any(|c| c.in_unit(&u.label)) {
            out.push(implied_by(u));
        }
    }
    out
}

/// The company an old-format unit (`resumed`/`not-resumed`, no company filed in it) implies: the
/// id `u` + its label, `people` its headcount.
pub fn implied_by(u: &crate::model::Unit) -> Company {
    let r = &u.record;
    Company {
        id: SmallStr::from(format!("u{}", u.label).as_str()),
        units: vec![u.label.clone()],
        record: CompanyRecord {
            name: r.name.clone(),
            status: r.status,
            headcount: r.people.get(),
            contact: r.contact.clone(),
            note: r.note.clone(),
            ..CompanyRecord::default()
        },
    }
}

/// Whether a company is only implied by an old-format unit (not yet in `[companies]`).
pub fn implied(c: &Company) -> bool {
    c.id.starts_with('u')
}

/// The station's company figures (docs/spec.md §11): how many, resumed, employees, on site, observing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub total: usize,
    pub resumed: usize,
    pub employees: u64,
    pub on_site: u64,
    pub observing: u64,
    /// Companies whose employees' observation ends on the day asked.
    pub observation_ending: usize,
}

impl Figures {
    pub fn add(&mut self, c: &Company, day: jiff::civil::Date) {
        self.total += 1;
        self.resumed += usize::from(c.resumed());
        self.employees += u64::from(c.record.headcount.unwrap_or(0));
        self.on_site += u64::from(c.record.on_site.unwrap_or(0));
        self.observing += u64::from(c.observing_on(day));
        self.observation_ending += usize::from(c.record.observe_until.get() == Some(day));
    }

    pub fn merge(&mut self, o: &Figures) {
        self.total += o.total;
        self.resumed += o.resumed;
        self.employees += o.employees;
        self.on_site += o.on_site;
        self.observing += o.observing;
        self.observation_ending += o.observation_ending;
    }

    pub fn of<'a>(
        companies: impl IntoIterator<Item = &'a Company>,
        day: jiff::civil::Date,
    ) -> Figures {
        let mut f = Figures::default();
        for c in companies {
            f.add(c, day);
        }
        f
    }

    /// Share of companies resumed, 0–1 (0 without companies).
    pub fn resumption_rate(&self) -> f64 {
        ratio(self.resumed as u64, self.total as u64)
    }

    /// Share of employees on site, 0–1.
    pub fn on_site_rate(&self) -> f64 {
        ratio(self.on_site, self.employees)
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl CompanyField {
    /// What a person typed (a flag, a ledger cell), checked as the file format checks it; empty
    /// text clears an optional field.
    pub fn parse(self, input: &str, today: jiff::civil::Date) -> Result<Value, crate::i18n::Text> {
        let t = input.trim();
        let (le, lz) = (self.spec().label(Lang::En), self.spec().label(Lang::Zh));
        match self.spec().kind {
            Kind::Status => match Status::parse(&crate::input::halfwidth(t)) {
                Some(s) if company_status(s) => Ok(Value::Status(s)),
                _ => {
                    let t = crate::display::inline(t);
                    Err(crate::tr!(
                        "{le}: \"{t}\" is not a company status; use resumed or not-resumed",
                        "{lz}：“{t}”不是企业状态；请写已复工或未复工"
                    ))
                }
            },
            // codes and numbers typed with an input method are kept in ASCII
            Kind::Text if matches!(self, CompanyField::CreditCode | CompanyField::Contact) => {
                let t = crate::input::halfwidth(t);
                let t = if self == CompanyField::CreditCode {
                    t.to_uppercase()
                } else {
                    t.to_string()
                };
                Ok(Value::Text((!t.is_empty()).then(|| t.as_str().into())))
            }
            Kind::Text if matches!(self, CompanyField::Class | CompanyField::Found) => {
                rules::choice(self, t).map(Value::Text)
            }
            Kind::Text => Ok(Value::Text((!t.is_empty()).then(|| t.into()))),
            Kind::Count if t.is_empty() => Ok(Value::Count(None)),
            Kind::Count => match crate::input::halfwidth(t).parse::<u32>() {
                Ok(n) => Ok(Value::Count(Some(n))),
                Err(_) => {
                    let t = crate::display::inline(t);
                    Err(crate::tr!(
                        "{le}: \"{t}\" is not a whole number of 0 or more",
                        "{lz}：“{t}”不是不小于 0 的整数"
                    ))
                }
            },
            Kind::Date if t.is_empty() => Ok(Value::Date(None)),
            Kind::Date => crate::input::parse_date(t, today)
                .map(|d| Value::Date(Some(d)))
                .map_err(|m| {
                    crate::i18n::Text::new(format!("{le}: {}", m.en), format!("{lz}：{}", m.zh))
                }),
            Kind::Flag => Ok(Value::Flag(!t.is_empty())),
        }
    }
}

/// A company on today's list: which building, and the company as filed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub building: String,
    pub company: Company,
}

/// What today asks about companies (docs/spec.md §11): employees whose observation ends today,
/// companies not filed for 7 days, and companies over their on-site cap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Work {
    pub observation_ending: Vec<Listed>,
    pub not_filed: Vec<Listed>,
    pub over_cap: Vec<Listed>,
}

/// Days without a filing after which a company is on the list.
pub const FILE_EVERY_DAYS: i64 = 7;

impl Work {
    pub fn add(&mut self, b: &crate::model::Building, today: jiff::civil::Date) {
        for c in all(b) {
            let r = &c.record;
            let listed = || Listed {
                building: b.id.clone(),
                company: c.clone(),
            };
            if r.observe_until.get() == Some(today) && r.observing.unwrap_or(0) > 0 {
                self.observation_ending.push(listed());
            }
            let stale = r.filed.get().is_none_or(|d| {
                d.until(today).map_or(0, |s| i64::from(s.get_days())) >= FILE_EVERY_DAYS
            });
            if stale {
                self.not_filed.push(listed());
            }
            if let (Some(cap), Some(all), Some(on)) = (r.cap, r.headcount, r.on_site)
                && u64::from(on) * 100 > u64::from(cap) * u64::from(all)
            {
                self.over_cap.push(listed());
            }
        }
    }

    pub fn merge(&mut self, o: Work) {
        self.observation_ending.extend(o.observation_ending);
        self.not_filed.extend(o.not_filed);
        self.over_cap.extend(o.over_cap);
    }
}

/// What changed in a building's companies between two versions: (id, before, after), a company
/// added with no before, one removed with no after. Implied companies are not compared (they
/// change with their unit, which the unit diff shows).
pub fn changes(
    before: &[Company],
    after: &[Company],
) -> Vec<(SmallStr, Option<Company>, Option<Company>)> {
    let mut out = Vec::new();
    for a in after {
        match before.iter().find(|b| b.id == a.id) {
            Some(b) if b == a => {}
            b => out.push((a.id.clone(), b.cloned(), Some(a.clone()))),
        }
    }
    for b in before {
        if !after.iter().any(|a| a.id == b.id) {
            out.push((b.id.clone(), Some(b.clone()), None));
        }
    }
    out
}

/// "headcount 30 → 32, on-site 12 → 15" (or "new", "removed"), personal fields masked.
pub fn describe_change(before: Option<&Company>, after: Option<&Company>, lang: Lang) -> String {
    match (before, after) {
        (None, Some(_)) => lang.pick("new company", "新增企业").to_string(),
        (Some(_), None) => lang.pick("removed", "已移除").to_string(),
        (Some(b), Some(a)) => {
            let (b, a) = (masked(&b.record), masked(&a.record));
            let mut parts: Vec<String> = CompanyField::ALL
                .iter()
                .filter(|f| f.get(&b) != f.get(&a))
                .map(|f| {
                    let show = |v: Value| crate::display::inline(&v.show(lang)).into_owned();
                    let name = match lang {
                        Lang::En => f.key(),
                        Lang::Zh => f.spec().label(lang),
                    };
                    format!("{name} {} → {}", show(f.get(&b)), show(f.get(&a)))
                })
                .collect();
            if before.map(|c| &c.units) != after.map(|c| &c.units) {
                let units = |c: Option<&Company>| {
                    c.map(|c| c.units.iter().map(|u| &**u).collect::<Vec<_>>().join(","))
                        .unwrap_or_default()
                };
                parts.push(format!(
                    "{} {} → {}",
                    lang.pick("units", "房号"),
                    units(before),
                    units(after)
                ));
            }
            parts.join(", ")
        }
        (None, None) => String::new(),
    }
}
