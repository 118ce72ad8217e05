//! A unit's personal values as their own history tells them (`loupan log`): each change of a
//! name, a contact or a note between two versions of the private store, masked as every output
//! off the screen is — and only where both versions are known. Pure.

use super::{Private, UnitValues};
use crate::fields::{Field, Value};
use crate::i18n::Lang;
use crate::text::SmallStr;

/// One personal field's change: the field, its value before and after (`None`: none).
pub type ValueChange = (Field, Option<SmallStr>, Option<SmallStr>);

/// What changed in `unit`'s personal values from `before` to `after` (two read versions of the
/// building's private file), field by field in field order.
pub fn changed(before: &Private, after: &Private, unit: &str) -> Vec<ValueChange> {
    let get = |p: &Private| p.units.get(unit).cloned().unwrap_or_default();
    let (b, a): (UnitValues, UnitValues) = (get(before), get(after));
    let value = |v: &UnitValues, f: Field| {
        v.values
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, t)| t.clone())
    };
    let mut fields: Vec<Field> = b.values.iter().chain(&a.values).map(|(f, _)| *f).collect();
    fields.sort_by_key(|f| f.spec().key);
    fields.dedup();
    fields
        .into_iter()
        .filter_map(|f| {
            let (x, y) = (value(&b, f), value(&a, f));
            (x != y).then_some((f, x, y))
        })
        .collect()
}

/// The changes in words, every value masked (`名称 杨* → 李*；备注 （无） → ***`).
pub fn describe(changes: &[ValueChange], lang: Lang) -> String {
    let none = lang.pick("(none)", "（无）");
    let shown = |f: Field, v: &Option<SmallStr>| match v {
        None => none.to_string(),
        Some(t) => match crate::privacy::mask_value(f.spec().key, &Value::Text(Some(t.clone()))) {
            Value::Text(Some(m)) => crate::display::inline(&m).into_owned(),
            _ => none.to_string(),
        },
    };
    let parts: Vec<String> = changes
        .iter()
        .map(|(f, b, a)| {
            let label = f.spec().label(lang);
            format!("{label} {} → {}", shown(*f, b), shown(*f, a))
        })
        .collect();
    let head = lang.pick("personal values: ", "个人信息：");
    format!("{head}{}", parts.join(lang.pick("; ", "；")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(unit: &str, values: &[(Field, &str)]) -> Private {
        let mut p = Private::default();
        p.units.insert(
            unit.into(),
            UnitValues {
                values: values
                    .iter()
                    .map(|(f, v)| (*f, SmallStr::from(*v)))
                    .collect(),
                ..Default::default()
            },
        );
        p
    }

    #[test]
    fn a_change_is_told_field_by_field_and_masked() {
        let before = with(
            "301",
            &[(Field::Name, "杨家"), (Field::Contact, "13855550210")],
        );
        let after = with("301", &[(Field::Name, "李家"), (Field::Note, "独居老人")]);
        let c = changed(&before, &after, "301");
        assert_eq!(c.len(), 3, "{c:?}");
        let zh = describe(&c, Lang::Zh);
        assert!(zh.contains("杨* → 李*"), "{zh}");
        assert!(zh.contains("138****0210 → （无）"), "{zh}");
        assert!(zh.contains("（无） → ***"), "{zh}");
        assert!(!zh.contains("杨家") && !zh.contains("独居") && !zh.contains("13855550210"));
        assert!(changed(&before, &before, "301").is_empty());
        assert!(changed(&before, &after, "302").is_empty());
    }
}
