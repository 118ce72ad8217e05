//! Every unit as a ledger row (台账): building, name, floor, unit, then every field of the schema
//! in file order. Headers in the interface language are ones `loupan import` reads back, so an
//! exported ledger can be edited in a spreadsheet and imported again.

use loupan_core::cells::to_cell;
use loupan_core::company::{COMPANY_FIELDS, CompanyField};
use loupan_core::fields::{FIELDS, Kind};
use loupan_core::i18n::Lang;
use loupan_core::model::Building;
use loupan_core::privacy::{Reveal, outgoing};

pub fn headers(lang: Lang) -> Vec<String> {
    let fixed = match lang {
        Lang::Zh => ["楼栋", "楼宇名称", "楼层", "房号"],
        Lang::En => ["building", "building name", "floor", "unit"],
    };
    fixed
        .iter()
        .map(|h| h.to_string())
        .chain(FIELDS.iter().map(|s| match lang {
            Lang::Zh => s.label(lang).to_string(),
            Lang::En => s.key.to_string(),
        }))
        .collect()
}

/// What a ledger column holds, for a spreadsheet to store it as it is: numbers as numbers (so SUM
/// works), dates as dates; everything else, unit labels included (`0101`), as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Text,
    /// A whole number where the cell holds one (a floor `B1` stays text).
    Number,
    Date,
}

/// The columns of [`headers`], in order.
pub fn columns() -> Vec<Column> {
    [Column::Text, Column::Text, Column::Number, Column::Text]
        .into_iter()
        .chain(FIELDS.iter().map(|s| match s.kind {
            Kind::Count => Column::Number,
            Kind::Date => Column::Date,
            _ => Column::Text,
        }))
        .collect()
}

/// The companies sheet's headers: where, the company's id and name, its units, every field.
pub fn company_headers(lang: Lang) -> Vec<String> {
    let fixed = match lang {
        Lang::Zh => ["楼宇", "楼宇名称", "企业编号", "企业名称", "房号"],
        Lang::En => ["building", "building name", "company", "name", "units"],
    };
    fixed
        .iter()
        .map(|h| h.to_string())
        .chain(
            COMPANY_FIELDS
                .iter()
                .filter(|s| s.field != CompanyField::Name)
                .map(|s| match lang {
                    Lang::Zh => s.label(lang).to_string(),
                    Lang::En => s.key.to_string(),
                }),
        )
        .collect()
}

/// The columns of [`company_headers`], in order.
pub fn company_columns() -> Vec<Column> {
    std::iter::repeat_n(Column::Text, 5)
        .chain(
            COMPANY_FIELDS
                .iter()
                .filter(|s| s.field != CompanyField::Name)
                .map(|s| match s.kind {
                    Kind::Count => Column::Number,
                    Kind::Date => Column::Date,
                    _ => Column::Text,
                }),
        )
        .collect()
}

/// A building's companies as rows (the responsible person's contact and notes masked unless
/// revealed; a company's name is not personal).
pub fn company_rows(b: &Building, reveal: Reveal, lang: Lang) -> Vec<Vec<String>> {
    loupan_core::company::all(b)
        .iter()
        .map(|c| {
            let r = loupan_core::company::outgoing(&c.record, reveal);
            let units: Vec<&str> = c.units.iter().map(|u| &**u).collect();
            let mut row = vec![
                to_cell(&b.id),
                to_cell(&b.name),
                to_cell(&c.id),
                to_cell(c.name()),
                to_cell(&units.join(",")),
            ];
            row.extend(
                COMPANY_FIELDS
                    .iter()
                    .filter(|s| s.field != CompanyField::Name)
                    .map(|s| to_cell(&s.field.get(&r).show(lang))),
            );
            row
        })
        .collect()
}

/// A building's rows, top floor first, as spreadsheet cells: every text on one line with its
/// hazards visible and formulas guarded, exactly as `import` reads it back (`core::cells`).
pub fn rows(b: &Building, reveal: Reveal, lang: Lang) -> Vec<Vec<String>> {
    let name = to_cell(&b.name);
    b.units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let r = outgoing(&u.record, reveal);
            let mut row = vec![
                to_cell(&b.id),
                name.clone(),
                to_cell(b.floor_label_of(i)),
                to_cell(&u.label),
            ];
            row.extend(FIELDS.iter().map(|s| to_cell(&s.field.get(&r).show(lang))));
            row
        })
        .collect()
}

/// Rows of cells (made with `to_cell`, or headers and numbers) as CSV, without a byte-order mark:
/// the caller puts one at the start of the file.
pub fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        // writing into memory cannot fail
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}
