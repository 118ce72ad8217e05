//! Ledgers (台账) from outside, read into the chart: which column holds what, each row placed on a
//! unit or told why not, and the edits the placed rows make. The table arrives as text cells, so
//! this is pure; the store reads the file and saves the edits.

mod crosscheck;
pub use crosscheck::{Finding, Reason, crosscheck};

use super::display::inline;
use super::edit::Patch;
use super::fields::{FIELDS, Field, Value};
use super::i18n::{Lang, Text};
use super::input::halfwidth;
use super::model::Building;
use crate::tr;
use jiff::civil::Date;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Building,
    Unit,
    Field(Field),
    /// When a list's row happened (a card issued): a cross-check shows it; an import has no use
    /// for it.
    Date,
}

impl Column {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Column::Building => lang.pick("building", "楼栋"),
            Column::Unit => lang.pick("unit", "单元"),
            Column::Field(f) => f.spec().label(lang),
            Column::Date => lang.pick("date", "日期"),
        }
    }
}

/// The headers ledgers use for what is not a unit's field (the fields' own headers are in the
/// field schema: key, labels, aliases). Compared without spaces, case or a parenthesised remark.
const HEADERS: &[(&str, Column)] = &[
    ("楼宇", Column::Building),
    ("楼栋", Column::Building),
    ("楼号", Column::Building),
    ("楼宇名称", Column::Building),
    ("楼栋名称", Column::Building),
    ("大厦", Column::Building),
    ("building", Column::Building),
    ("tower", Column::Building),
    ("房号", Column::Unit),
    ("单元", Column::Unit),
    ("门牌", Column::Unit),
    ("门牌号", Column::Unit),
    ("房间号", Column::Unit),
    ("室号", Column::Unit),
    ("户号", Column::Unit),
    ("unit", Column::Unit),
    ("room", Column::Unit),
    ("日期", Column::Date),
    ("date", Column::Date),
    ("开卡日期", Column::Date),
    ("激活日期", Column::Date),
    ("办卡日期", Column::Date),
];

fn normalise(h: &str) -> String {
    let h = halfwidth(h.trim()).to_lowercase();
    let h = h.split(['(', '（']).next().unwrap_or_default();
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | ':' | '：'))
        .collect()
}

/// What a header names, if it is one loupan knows.
pub fn recognise(header: &str) -> Option<Column> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    HEADERS
        .iter()
        .find(|(k, _)| normalise(k) == h)
        .map(|(_, c)| *c)
        .or_else(|| {
            FIELDS
                .iter()
                .find(|s| {
                    [s.key, s.label(Lang::En), s.label(Lang::Zh)]
                        .iter()
                        .chain(s.aliases)
                        .any(|k| normalise(k) == h)
                })
                .map(|s| Column::Field(s.field))
        })
}

/// A `--column HEADER=FIELD` target: `building`, `unit`, a field's key or label, or `-` (skip).
fn target(name: &str) -> Result<Option<Column>, Text> {
    if name.trim() == "-" {
        return Ok(None);
    }
    recognise(name).map(Some).ok_or_else(|| {
        let n = inline(name);
        let keys: Vec<&str> = FIELDS.iter().map(|s| s.key).collect();
        let all = keys.join(", ");
        tr!(
            "--column: \"{n}\" is not something a column can hold; use building, unit, {all}, or - to skip the column",
            "--column：“{n}”不是列可以对应的内容；可用 `building`、`unit`、`{all}`，或用 `-` 跳过这一列"
        )
    })
}

/// Which column is taken for what, and which are not used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub used: Vec<(usize, Column)>,
    pub unused: Vec<usize>,
}

impl Columns {
    pub fn of(&self, c: Column) -> Option<usize> {
        self.used.iter().find(|(_, x)| *x == c).map(|(i, _)| *i)
    }
}

/// The columns of a header row; `overrides` (`HEADER=FIELD`) win over what the headers say.
pub fn columns(headers: &[String], overrides: &[String]) -> Result<Columns, Text> {
    let mut chosen: Vec<Option<Column>> = headers.iter().map(|h| recognise(h)).collect();
    for o in overrides {
        let Some((h, f)) = o.split_once('=') else {
            let o = inline(o);
            return Err(tr!(
                "--column takes HEADER=FIELD (for example 房间=unit), not \"{o}\"",
                "--column 的写法是 表头=字段（例如 `房间=unit`），而不是“{o}”"
            ));
        };
        let Some(i) = headers.iter().position(|x| x.trim() == h.trim()) else {
            let (h, all) = (inline(h), inline(&headers.join(", ")).into_owned());
            return Err(tr!(
                "--column: there is no column \"{h}\"; the headers are: {all}",
                "--column：没有“{h}”这一列；表头有：{all}"
            ));
        };
        chosen[i] = target(f)?;
    }
    let mut out = Columns::default();
    for (i, c) in chosen.into_iter().enumerate() {
        match c {
            // a building named twice (its id and its name, as an export writes it): the first
            Some(Column::Building) if out.of(Column::Building).is_some() => out.unused.push(i),
            // two columns for one field: which to believe is the user's call, never a guess
            Some(c) if out.of(c).is_some() => {
                let first = out.of(c).map_or("", |j| headers[j].as_str());
                let (a, b, what) = (inline(first), inline(&headers[i]), c);
                let (we, wz) = (what.name(Lang::En), what.name(Lang::Zh));
                return Err(tr!(
                    "the columns \"{a}\" and \"{b}\" both hold {we}; say which to skip, e.g. --column \"{b}=-\"",
                    "“{a}”和“{b}”两列都是{wz}；请指明跳过哪一列，例如 --column \"{b}=-\""
                ));
            }
            Some(c) => out.used.push((i, c)),
            None => out.unused.push(i),
        }
    }
    Ok(out)
}

/// A building named in a ledger, among (id, name) pairs: by id, by name, or by a part of its name
/// that only it has. Returns the id.
pub fn find_building<'a>(given: &str, names: &'a [(String, String)]) -> Result<&'a str, Text> {
    let squeeze = |s: &str| -> String {
        halfwidth(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let g = squeeze(given);
    if let Some((id, _)) = names.iter().find(|(id, n)| *id == g || squeeze(n) == g) {
        return Ok(id);
    }
    let part: Vec<&(String, String)> = names
        .iter()
        .filter(|(_, n)| !g.is_empty() && squeeze(n).contains(&g))
        .collect();
    match part.as_slice() {
        [one] => Ok(&one.0),
        [] => {
            let g = inline(given);
            Err(tr!(
                "there is no building \"{g}\" (`loupan stats` lists them)",
                "没有楼栋“{g}”（`loupan stats` 可列出全部楼栋）"
            ))
        }
        many => {
            let g = inline(given);
            let names: Vec<String> = many.iter().map(|(_, n)| inline(n).into_owned()).collect();
            let names = names.join(", ");
            Err(tr!(
                "\"{g}\" could be any of {names}; write the whole name",
                "“{g}”可能是 {names} 中的任一栋；请写全名"
            ))
        }
    }
}

/// A unit as a ledger writes it (`1203`, `1203室`, `12-03`, full-width digits) in a building.
pub fn find_unit(b: &Building, given: &str) -> Result<usize, Text> {
    let g = halfwidth(given.trim());
    let g = g.trim_end_matches(['室', '号', '房', '户']).trim();
    let plain: String = g.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    b.find(g).or_else(|| b.find(&plain)).ok_or_else(|| {
        let (u, name) = (inline(given), inline(&b.name));
        let (n, id) = (b.units.len(), &b.id);
        tr!(
            "unit {u} is not in the layout of {name} ({n} units; `loupan render {id}` shows them)",
            "{name} 的楼层布局里没有单元 {u}（共 {n} 户；`loupan render {id}` 可查看）"
        )
    })
}

/// The chart a table is read against: every building's (id, name), and the buildings loaded
/// (only those the table names need be).
pub struct Chart<'a> {
    pub names: &'a [(String, String)],
    pub loaded: &'a std::collections::HashMap<String, Building>,
    /// The building of every row (`--building`), when the table has no building column.
    pub fixed: Option<&'a str>,
}

impl Chart<'_> {
    /// The ids the rows name (to know which buildings to load).
    pub fn named(&self, rows: &[(usize, Vec<String>)], cols: &Columns) -> Vec<String> {
        let mut ids: Vec<String> = match self.fixed {
            Some(id) => vec![id.to_string()],
            None => rows
                .iter()
                .filter_map(|(_, cells)| {
                    let given = cols.of(Column::Building).and_then(|i| cells.get(i))?;
                    find_building(given, self.names).ok().map(str::to_string)
                })
                .collect(),
        };
        ids.sort();
        ids.dedup();
        ids
    }

    /// The building and unit a row points at, or why it points nowhere (with the building, when
    /// that much was found).
    fn locate(&self, cells: &[String], cols: &Columns) -> Result<(&Building, usize), Refusal> {
        let cell = |c: Column| {
            cols.of(c)
                .and_then(|i| cells.get(i))
                .map_or("", |t| t.trim())
        };
        let id = match (self.fixed, cell(Column::Building)) {
            (Some(id), _) => id,
            (None, "") => return Err((None, tr!("no building given", "没有写楼栋"))),
            (None, given) => find_building(given, self.names).map_err(|why| (None, why))?,
        };
        let Some(b) = self.loaded.get(id) else {
            let id = inline(id);
            let why = tr!(
                "building {id} cannot be read; `loupan check` says why",
                "楼栋 {id} 无法读取；`loupan check` 会说明原因"
            );
            return Err((Some(id.into_owned()), why));
        };
        match cell(Column::Unit) {
            "" => Err((Some(b.id.clone()), tr!("no unit given", "没有写单元"))),
            u => find_unit(b, u)
                .map(|i| (b, i))
                .map_err(|why| (Some(b.id.clone()), why)),
        }
    }
}

type Refusal = (Option<String>, Text);

/// A row placed on a unit, with the fields it gives (empty cells give nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub row: usize,
    pub building: String,
    pub unit: String,
    pub patch: Patch,
}

/// A row that could not be placed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub row: usize,
    pub building: Option<String>,
    pub why: Text,
}

/// Where each row goes; a unit given twice is refused on its second row.
pub fn place(
    rows: &[(usize, Vec<String>)],
    cols: &Columns,
    chart: &Chart<'_>,
    today: Date,
) -> (Vec<Placed>, Vec<Refused>) {
    let (mut placed, mut refused) = (Vec::new(), Vec::new());
    let mut seen: std::collections::HashMap<(String, String), usize> = Default::default();
    for (row, cells) in rows {
        let (b, i) = match chart.locate(cells, cols) {
            Ok(at) => at,
            Err((building, why)) => {
                refused.push(Refused {
                    row: *row,
                    building,
                    why,
                });
                continue;
            }
        };
        let refuse = |why: Text| Refused {
            row: *row,
            building: Some(b.id.clone()),
            why,
        };
        let label = b.units[i].label.to_string();
        if let Some(first) = seen.insert((b.id.clone(), label.clone()), *row) {
            let u = inline(&label);
            refused.push(refuse(tr!(
                "unit {u} is also on row {first}; keep one row per unit",
                "单元 {u} 在第 {first} 行也有；每个单元只保留一行"
            )));
            continue;
        }
        match patch_of(cells, cols, today) {
            Ok(patch) => placed.push(Placed {
                row: *row,
                building: b.id.clone(),
                unit: label,
                patch,
            }),
            Err(why) => refused.push(refuse(why)),
        }
    }
    (placed, refused)
}

/// The longest text a ledger may bring into a unit's field (docs/spec.md §7).
pub const TEXT_MOST: usize = 2_000;

/// The fields a row gives; the first cell that cannot be read refuses the row.
fn patch_of(cells: &[String], cols: &Columns, today: Date) -> Result<Patch, Text> {
    let mut p = Patch::new();
    for (i, c) in &cols.used {
        let Column::Field(f) = c else { continue };
        // the cell was trimmed before its escapes were undone: what is left is the text, edge
        // spaces an export escaped included
        let text = cells.get(*i).map_or("", String::as_str);
        if text.trim().is_empty() {
            continue;
        }
        let (le, lz) = (f.spec().label(Lang::En), f.spec().label(Lang::Zh));
        let n = text.chars().count();
        if n > TEXT_MOST {
            return Err(tr!(
                "{le}: {n} characters, more than a unit's field holds (2,000); shorten it in the ledger",
                "{lz}：长达 {n} 个字符，超过单元字段的上限（2,000）；请在台账里改短"
            ));
        }
        let v = match f.spec().kind {
            // free text (a name, a note) comes in exactly as the cell says
            crate::fields::Kind::Text if *f != Field::Contact => Value::Text(Some(text.into())),
            _ => f.parse(text, today).map_err(|why| {
                let (we, wz) = (why.get(Lang::En), why.get(Lang::Zh));
                tr!("{le}: {we}", "{lz}：{wz}")
            })?,
        };
        p.set(*f, v);
    }
    // the isolation rule, as for every way in: an isolation the ledger sets without a start
    // starts on the ledger's day, unless the unit already records one
    crate::isolation::start_in(&mut p, None, today);
    Ok(p)
}

/// Kinds of ledger a street office receives, most particular first.
const KINDS: [&str; 8] = [
    "物业底账",
    "门禁卡",
    "企业台账",
    "返京人员",
    "花名册",
    "登记表",
    "底账",
    "名单",
];

/// The ledger's kind, as `source` records it: a known kind named in the file's name or its title
/// row, else 台账 (ledger). Never the file's name itself, which may name a person
/// (`吴建国家.csv`), since `source` is shared.
pub fn kind_of(file_name: &str, title: &[String]) -> &'static str {
    KINDS
        .into_iter()
        .find(|k| file_name.contains(k) || title.iter().any(|t| t.contains(k)))
        .unwrap_or("台账")
}

/// What the ledger confirms on a unit it changes: the day, and the ledger's kind.
pub fn stamp(patch: &mut Patch, ledger: &str, day: Date) {
    patch.set(Field::Checked, Value::Date(Some(day)));
    let name = (!ledger.trim().is_empty()).then(|| ledger.trim().into());
    patch.set(Field::Source, Value::Text(name));
}

#[cfg(test)]
mod tests;
