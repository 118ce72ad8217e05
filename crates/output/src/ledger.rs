//! Every unit as a ledger row (台账): building, name, floor, unit, then every field of the schema
//! in file order. Headers in the interface language are ones `loupan import` reads back, so an
//! exported ledger can be edited in a spreadsheet and imported again.

use loupan_core::display::inline;
use loupan_core::fields::FIELDS;
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

/// A building's rows, top floor first; every text shown on one line, harmlessly.
pub fn rows(b: &Building, reveal: Reveal, lang: Lang) -> Vec<Vec<String>> {
    let name = inline(&b.name).into_owned();
    b.units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let r = outgoing(&u.record, reveal);
            let mut row = vec![
                b.id.clone(),
                name.clone(),
                inline(b.floor_label_of(i)).into_owned(),
                inline(&u.label).into_owned(),
            ];
            row.extend(
                FIELDS
                    .iter()
                    .map(|s| inline(&s.field.get(&r).show(lang)).into_owned()),
            );
            row
        })
        .collect()
}

/// The rows as CSV (no byte-order mark: the caller puts one at the start of the file); cells
/// that a spreadsheet would run as a formula are quoted as text.
pub fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let cells: Vec<std::borrow::Cow<'_, str>> =
            r.iter().map(|c| loupan_core::display::cell(c)).collect();
        // writing into memory cannot fail
        let _ = w.write_record(cells.iter().map(|c| c.as_bytes()));
    }
    w.into_inner().unwrap_or_default()
}
