use super::*;

fn today() -> Date {
    jiff::civil::date(2026, 11, 29)
}

#[test]
fn the_table_matches_the_record() {
    assert_eq!(FIELDS.len(), Field::ALL.len());
    for (i, s) in FIELDS.iter().enumerate() {
        assert_eq!(s.field as usize, i);
        assert_eq!(Field::from_key(s.key), Some(s.field));
    }
    let mut r = Record::default();
    for f in Field::ALL {
        let v = f.get(&r);
        assert!(f.set(&mut r, v.clone()), "{f:?} takes its own kind");
        assert!(!f.set(&mut r, Value::Count(Some(1))) || f.spec().kind == Kind::Count);
    }
}

#[test]
fn typed_input_is_checked_like_the_file() {
    let p = |f: Field, s: &str| f.parse(s, today());
    assert_eq!(p(Field::People, "３").unwrap(), Value::Count(Some(3)));
    assert!(p(Field::People, "-1").unwrap_err().en.contains("negative"));
    assert!(p(Field::People, "x").unwrap_err().zh.contains("整数"));
    assert_eq!(
        p(Field::Status, "居家隔离").unwrap(),
        Value::Status(Status::Isolating)
    );
    assert!(
        p(Field::Status, "isolatng")
            .unwrap_err()
            .en
            .contains("did you mean \"isolating\"")
    );
    assert_eq!(p(Field::Note, "  ").unwrap(), Value::Text(None));
    assert_eq!(
        p(Field::Until, "+14").unwrap(),
        Value::Date(Some(jiff::civil::date(2026, 12, 13)))
    );
    assert_eq!(p(Field::LiveWork, "是").unwrap(), Value::Flag(true));
}

#[test]
fn end_before_start_is_named_on_the_end_field() {
    let r = Record {
        since: Some(jiff::civil::date(2026, 11, 20)).into(),
        until: Some(jiff::civil::date(2026, 11, 1)).into(),
        ..Record::default()
    };
    let v = validate(&r);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].0, Field::Until);
    assert!(v[0].1.zh.contains("早于"));
}
