//! The one description of a unit's fields. The `schema!` table below declares each field once —
//! its key in files, JSON and on the command line, its type, its labels and help in English and
//! Chinese, whether it is personal data, and whether the detail form edits it — and generates the
//! `Record` type from it. The codec, edits, merge, diff, JSON, the CLI's `set` flags, the form, the
//! detail panel and masking all iterate [`FIELDS`], so a new field is one line here. Pure.

pub use super::compact::{OptCount, OptDate, Rare};
use super::i18n::{Lang, Text};
use super::input;
use super::status::Status;
use super::text::SmallStr;
use crate::tr;
use jiff::civil::Date;

/// A field's type; decides how it is read, written, typed in and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Status,
    Flag,
    Text,
    Count,
    Date,
}

/// Whether a field is personal data, masked on every way out unless `--reveal` (docs/spec.md §9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Personal {
    No,
    Yes,
    /// A household's name is personal; a company's is not.
    UnlessCompany,
}

#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub field: Field,
    /// In files, JSON, and as the command-line flag `--key`.
    pub key: &'static str,
    pub kind: Kind,
    label: (&'static str, &'static str),
    help: (&'static str, &'static str),
    pub personal: Personal,
    pub in_form: bool,
    /// What ledgers call the field besides its key and labels (import's headers).
    pub aliases: &'static [&'static str],
}

impl Spec {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label.0, self.label.1)
    }

    pub fn help(&self, lang: Lang) -> &'static str {
        lang.pick(self.help.0, self.help.1)
    }
}

/// A field's value, whatever its kind. `None` in an optional kind means "not set".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Status(Status),
    Flag(bool),
    Text(Option<SmallStr>),
    Count(Option<u32>),
    Date(Option<Date>),
}

/// A Rust type that can hold a field: ties the struct's field types to their [`Kind`].
pub trait Slot {
    const KIND: Kind;
    fn to_value(&self) -> Value;
    /// Takes a value of this kind (false, and nothing changed, for another kind).
    fn set(&mut self, v: Value) -> bool;
}

impl Slot for Status {
    const KIND: Kind = Kind::Status;
    fn to_value(&self) -> Value {
        Value::Status(*self)
    }
    fn set(&mut self, v: Value) -> bool {
        let Value::Status(s) = v else { return false };
        *self = s;
        true
    }
}

impl Slot for bool {
    const KIND: Kind = Kind::Flag;
    fn to_value(&self) -> Value {
        Value::Flag(*self)
    }
    fn set(&mut self, v: Value) -> bool {
        let Value::Flag(b) = v else { return false };
        *self = b;
        true
    }
}

impl Slot for Option<SmallStr> {
    const KIND: Kind = Kind::Text;
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn set(&mut self, v: Value) -> bool {
        let Value::Text(t) = v else { return false };
        *self = t;
        true
    }
}

/// An unknown key and its value's TOML source text.
pub type KeyText = (Box<str>, Box<str>);

/// `source` is held with the unknown keys (see [`Rare`]); setting it keeps them.
impl Slot for Rare {
    const KIND: Kind = Kind::Text;
    fn to_value(&self) -> Value {
        Value::Text(self.source().cloned())
    }
    fn set(&mut self, v: Value) -> bool {
        let Value::Text(t) = v else { return false };
        self.set_source(t);
        true
    }
}

impl Slot for Option<u32> {
    const KIND: Kind = Kind::Count;
    fn to_value(&self) -> Value {
        Value::Count(*self)
    }
    fn set(&mut self, v: Value) -> bool {
        let Value::Count(n) = v else { return false };
        *self = n;
        true
    }
}

impl Slot for OptCount {
    const KIND: Kind = Kind::Count;
    fn to_value(&self) -> Value {
        Value::Count(self.get())
    }
    fn set(&mut self, v: Value) -> bool {
        let Value::Count(n) = v else { return false };
        *self = n.into();
        true
    }
}

impl Slot for OptDate {
    const KIND: Kind = Kind::Date;
    fn to_value(&self) -> Value {
        Value::Date(self.get())
    }
    fn set(&mut self, v: Value) -> bool {
        let Value::Date(d) = v else { return false };
        *self = d.into();
        true
    }
}

macro_rules! schema {
    ($($variant:ident $field:ident: $ty:ty = $key:literal, $label:expr, $help:expr, $personal:ident,
       $form:literal, $aliases:expr;)*) => {
        /// Everything the file says about one unit, in the order the file writes it; keys loupan
        /// does not know are kept with `source` in [`Rare`], so they survive every save.
        #[derive(Clone, Debug, PartialEq, Eq, Default)]
        pub struct Record {
            $(pub $field: $ty,)*
        }

        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($variant,)*
        }

        /// Every field, in file order.
        pub const FIELDS: &[Spec] = &[$(Spec {
            field: Field::$variant,
            key: $key,
            kind: <$ty as Slot>::KIND,
            label: $label,
            help: $help,
            personal: Personal::$personal,
            in_form: $form,
            aliases: &$aliases,
        },)*];

        impl Field {
            pub const ALL: &[Field] = &[$(Field::$variant,)*];

            pub fn get(self, r: &Record) -> Value {
                match self {
                    $(Field::$variant => Slot::to_value(&r.$field),)*
                }
            }

            /// Sets the field; a value of another kind is refused (false).
            pub fn set(self, r: &mut Record, v: Value) -> bool {
                match self {
                    $(Field::$variant => Slot::set(&mut r.$field, v),)*
                }
            }
        }
    };
}

schema! {
    Status status: Status = "status", ("status", "状态"),
        ("healthy, isolating, not-resumed, resumed, vacant or unknown (Chinese names too)",
         "健康住户、居家隔离、未复工、已复工、空置或待核实"), No, true, [];
    LiveWork live_work: bool = "live-work", ("live-work", "企住一体"),
        ("company and home in one unit", "企业与住家在同一单元"), No, true, [];
    Name name: Option<SmallStr> = "name", ("name", "名称"),
        ("household or company name", "住户或企业名称"), UnlessCompany, true,
        ["企业名称", "公司名称", "住户", "户主", "姓名"];
    People people: OptCount = "people", ("people", "人数"),
        ("how many people live or work there", "居住或工作的人数"), No, true, ["人口"];
    Contact contact: Option<SmallStr> = "contact", ("contact", "联系方式"),
        ("phone number or contact person", "电话或联系人"), Yes, true,
        ["电话", "联系电话", "手机", "phone"];
    Note note: Option<SmallStr> = "note", ("note", "备注"),
        ("free text", "任意文字"), Yes, true, [];
    Since since: OptDate = "since", ("since", "隔离开始"),
        ("isolation start: 2026-11-20, today, -3", "隔离开始日期：2026-11-20、今天、-3"), No, true,
        ["开始隔离"];
    Until until: OptDate = "until", ("until", "隔离结束"),
        ("isolation end: 2026-12-03, +14", "隔离结束日期：2026-12-03、+14"), No, true,
        ["解除隔离"];
    Checked checked: OptDate = "checked", ("checked", "最近核实"),
        ("last verified in person or from a ledger", "最近一次上门或台账核实的日期"), No, true, [];
    Source rare: Rare = "source", ("source", "核实来源"),
        ("the ledger the last check came from (set by import)", "最近一次核实所依据的台账（导入时写入）"), No, false,
        [];
}

/// "物业底账 2026-11-20": the ledger that last confirmed a unit, and the day; as a label and text.
pub fn confirmed(r: &Record, lang: Lang) -> Option<(&'static str, String)> {
    let by = r.rare.source()?;
    let on = r.checked.get().map(|d| format!(" {d}")).unwrap_or_default();
    Some((lang.pick("confirmed by", "核实依据"), format!("{by}{on}")))
}

impl Field {
    pub fn spec(self) -> &'static Spec {
        &FIELDS[self as usize]
    }

    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn from_key(key: &str) -> Option<Field> {
        FIELDS.iter().find(|s| s.key == key).map(|s| s.field)
    }

    /// What a person typed (CLI flag, form field), checked as the file format checks it.
    /// Empty text clears an optional field.
    pub fn parse(self, input: &str, today: Date) -> Result<Value, Text> {
        let spec = self.spec();
        let t = input.trim();
        let label = spec.label;
        match spec.kind {
            Kind::Status => Status::parse(&input::halfwidth(t))
                .map(Value::Status)
                .ok_or_else(|| unknown_status(t)),
            Kind::Flag => match input::halfwidth(t).to_lowercase().as_str() {
                "" | "no" | "false" | "0" | "n" | "否" => Ok(Value::Flag(false)),
                "yes" | "true" | "1" | "y" | "是" => Ok(Value::Flag(true)),
                _ => {
                    let (le, lz) = label;
                    Err(tr!("{le}: answer yes or no", "{lz}：请填“是”或“否”"))
                }
            },
            // a number typed with an input method (`１３７…`) is kept in ASCII digits, as
            // masking and searching expect
            Kind::Text if self == Field::Contact => {
                let t = input::halfwidth(t);
                Ok(Value::Text((!t.is_empty()).then(|| t.as_ref().into())))
            }
            Kind::Text => Ok(Value::Text((!t.is_empty()).then(|| t.into()))),
            Kind::Count => parse_count(t, label).map(Value::Count),
            Kind::Date if t.is_empty() => Ok(Value::Date(None)),
            Kind::Date => input::parse_date(t, today).map(|d| Value::Date(Some(d))),
        }
    }
}

fn parse_count(t: &str, label: (&str, &str)) -> Result<Option<u32>, Text> {
    let (le, lz) = label;
    if t.is_empty() {
        return Ok(None);
    }
    let n = input::halfwidth(t);
    match n.parse::<i64>() {
        Ok(v) if v < 0 => Err(tr!("{le} cannot be negative", "{lz}不能是负数")),
        Ok(v) => u32::try_from(v).map(Some).map_err(|_| {
            tr!(
                "{le} = {v} is not a plausible count",
                "{lz} {v} 不是合理的数目"
            )
        }),
        Err(_) => Err(tr!(
            "{le} must be a whole number, e.g. 3",
            "{lz}请填写整数，例如 3"
        )),
    }
}

/// "unknown status "x"; did you mean …" with every valid name.
pub fn unknown_status(given: &str) -> Text {
    let given = &*super::display::inline(given);
    let near = Status::nearest(given);
    let (k, z) = (near.key(), near.zh());
    let all = Status::all_keys();
    let zh_all = Status::ALL
        .iter()
        .map(|s| s.zh())
        .collect::<Vec<_>>()
        .join("、");
    tr!(
        "unknown status \"{given}\"; did you mean \"{k}\"? (valid: {all})",
        "未知状态“{given}”；是不是“{z}”？（可用：{zh_all}；英文名也可以）"
    )
}

/// Rules between fields of one record, shared by the codec, the form and the command line.
/// The dates a record may hold.
pub const DATES: std::ops::RangeInclusive<Date> =
    jiff::civil::date(2000, 1, 1)..=jiff::civil::date(2099, 12, 31);

pub fn validate(r: &Record) -> Vec<(Field, Text)> {
    let mut out = Vec::new();
    // a date far from the epidemic's years is a slip of the keyboard (9999-12-31 made Today say
    // "day -2912103"); every date field is held to the same years, typed or in a file
    for spec in FIELDS {
        if let Value::Date(Some(d)) = spec.field.get(r)
            && !DATES.contains(&d)
        {
            let (from, to) = (DATES.start(), DATES.end());
            let (le, lz) = (spec.label(Lang::En), spec.label(Lang::Zh));
            out.push((
                spec.field,
                tr!(
                    "{le}: {d} is not a plausible date; use one from {from} to {to}",
                    "{lz}：{d} 不是合理的日期；请填 {from} 到 {to} 之间的日期"
                ),
            ));
        }
    }
    if let (Some(s), Some(u)) = (r.since.get(), r.until.get())
        && u < s
    {
        out.push((
            Field::Until,
            tr!(
                "the end date {u} is before the start date {s}",
                "隔离结束日期 {u} 早于开始日期 {s}"
            ),
        ));
    }
    out
}

impl Value {
    /// Whether the file writes this value (a status always; a flag when true; others when set).
    pub fn is_set(&self) -> bool {
        match self {
            Value::Status(_) => true,
            Value::Flag(b) => *b,
            Value::Text(t) => t.is_some(),
            Value::Count(n) => n.is_some(),
            Value::Date(d) => d.is_some(),
        }
    }

    /// As a person reads it; text as it is (callers that print make it safe first).
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Value::Status(s) => lang.status(*s).to_string(),
            Value::Flag(b) => lang
                .pick(if *b { "yes" } else { "no" }, if *b { "是" } else { "否" })
                .into(),
            Value::Text(t) => t.as_deref().unwrap_or("").to_string(),
            Value::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// What an input field starts with for editing: like `show`, with statuses by their keys.
    pub fn input_text(&self) -> String {
        match self {
            Value::Status(s) => s.key().to_string(),
            Value::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
            other => other.show(Lang::En),
        }
    }
}

/// What a household leaves behind in a unit: a vacant unit should no longer hold these.
pub const HOUSEHOLD: [Field; 3] = [Field::Name, Field::People, Field::Contact];

impl Record {
    /// The household fields a vacant unit still holds (empty unless it is vacant).
    pub fn left_behind(&self) -> Vec<Field> {
        if self.status != Status::Vacant {
            return Vec::new();
        }
        HOUSEHOLD
            .into_iter()
            .filter(|f| f.get(self).is_set())
            .collect()
    }

    /// Keys loupan does not know, as (key, TOML source text), in file order.
    pub fn extra(&self) -> &[KeyText] {
        self.rare.extra()
    }

    pub fn with_status(status: Status) -> Record {
        Record {
            status,
            ..Record::default()
        }
    }

    /// Fields that differ, in file order.
    pub fn changed(&self, other: &Record) -> Vec<Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| f.get(self) != f.get(other))
            .collect()
    }

    /// The changed fields' names in a language, "other fields" for keys loupan does not know.
    pub fn changed_names(&self, other: &Record, lang: Lang) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self
            .changed(other)
            .into_iter()
            .map(|f| match lang {
                Lang::En => f.key(),
                Lang::Zh => f.spec().label(lang),
            })
            .collect();
        if self.extra() != other.extra() {
            out.push(lang.pick("other fields", "其他字段"));
        }
        out
    }
}

#[cfg(test)]
mod tests;
