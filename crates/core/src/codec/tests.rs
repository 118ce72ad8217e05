use super::*;

fn msgs(text: &str) -> Vec<String> {
    parse("t", text.as_bytes())
        .err()
        .unwrap_or_default()
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn new_text_parses_and_is_canonical() {
    let t = new_building_text("测试大厦", 3, 2);
    let b = parse("t", t.as_bytes()).unwrap();
    assert_eq!(b.name, "测试大厦");
    assert_eq!(b.units.len(), 6);
    assert_eq!(&*b.units[0].label, "301");
    assert_eq!(&*b.units[5].label, "102");
    assert_eq!(canonical_text(&t, &b).unwrap(), t);
}

#[test]
fn located_problems() {
    let base = "name = \"x\"\nfloors = 2\nunits-per-floor = 2\n[units]\n";
    let m = msgs(&format!("{base}101 = {{ status = \"isolatng\" }}\n"));
    assert!(
        m[0].starts_with("5:18:") && m[0].contains("did you mean \"isolating\""),
        "{m:?}"
    );
    let m = msgs(&format!("{base}901 = {{ status = \"vacant\" }}\n"));
    assert!(
        m[0].starts_with("5:1:") && m[0].contains("not in this building's layout"),
        "{m:?}"
    );
    let m = msgs(&format!(
        "{base}101 = {{ status = \"vacant\", people = -2 }}\n"
    ));
    assert!(m[0].contains("negative"), "{m:?}");
    let m = msgs(&format!(
        "{base}101 = {{ status = \"vacant\" }}\n101 = {{ status = \"vacant\" }}\n"
    ));
    assert!(m[0].starts_with("6:") && m[0].contains("twice"), "{m:?}");
    let m = msgs(&format!(
        "{base}101 = {{ status = \"isolating\", since = 2020-02-30 }}\n"
    ));
    assert!(m[0].starts_with("5:") && m[0].contains("date"), "{m:?}");
    let m = msgs(&format!("{base}101 = {{ status = \n"));
    assert!(m[0].starts_with("5:"), "{m:?}");
    assert!(msgs("")[0].contains("empty"));
    assert!(msgs("\0\u{1}")[0].contains("not a text file"));
}

#[test]
fn problems_speak_chinese_too() {
    let base = "name = \"x\"\nfloors = 2\nunits-per-floor = 2\n[units]\n";
    let p = parse(
        "t",
        format!("{base}101 = {{ status = \"isolatng\" }}\n").as_bytes(),
    )
    .unwrap_err();
    let zh = p[0].render(crate::i18n::Lang::Zh);
    assert!(zh.starts_with("5:18: 单元 101：未知状态"), "{zh}");
}

#[test]
fn conflict_markers_name_the_unit_and_both_values() {
    let t = "name = \"x\"\nfloors = 1\nunits-per-floor = 1\n[units]\n<<<<<<< ours\n101 = { status = \"resumed\" }\n=======\n101 = { status = \"not-resumed\" }\n>>>>>>> theirs\n";
    let m = msgs(t);
    assert!(
        m[0].starts_with("5:1:") && m[0].contains("conflict"),
        "{m:?}"
    );
    assert!(m[0].contains("101") && m[0].contains("not-resumed") && m[0].contains("resumed"));
}

#[test]
fn extra_keys_and_fields_survive() {
    let t = "name = \"x\"\nfloors = 1\nunits-per-floor = 1\n[units]\n101 = { status = \"healthy\", pets = 2, name = \"王\" }\n";
    let b = parse("t", t.as_bytes()).unwrap();
    assert_eq!(*b.units[0].record.extra(), [("pets".into(), "2".into())]);
    let v = record_value(&b.units[0].record).to_string();
    assert_eq!(
        v.trim(),
        "{ status = \"healthy\", name = \"王\", pets = 2 }"
    );
}

#[test]
fn a_byte_order_mark_is_read_past_and_kept() {
    let t = format!("\u{FEFF}{}", new_building_text("t", 1, 2));
    let (b, spans) = parse_spanned("t", t.as_bytes()).unwrap();
    let span = spans[0].clone().unwrap();
    assert_eq!(&t[span], "{ status = \"unknown\" }");
    let mut r = b.units[0].record.clone();
    r.status = crate::status::Status::Vacant;
    let out = edit_lines(&t, &spans, &b, &[(0, r)]).unwrap();
    assert!(out.starts_with('\u{FEFF}'));
    assert!(parse("t", out.as_bytes()).is_ok());
}

#[test]
fn crlf_files_are_edited_in_place() {
    let t = new_building_text("t", 1, 2).replace('\n', "\r\n");
    let (b, spans) = parse_spanned("t", t.as_bytes()).unwrap();
    let mut r = b.units[1].record.clone();
    r.note = Some("a\nb".into());
    let out = edit_lines(&t, &spans, &b, &[(1, r.clone())]).unwrap();
    assert_eq!(out.matches("\r\n").count(), t.matches("\r\n").count());
    assert_eq!(out.matches('\n').count(), t.matches('\n').count());
    let back = parse("t", out.as_bytes()).unwrap();
    assert_eq!(back.units[1].record, r);
}

#[test]
fn a_unit_spread_over_lines_is_reported_and_mended_by_an_edit() {
    let t = "name = \"x\"\nfloors = 1\nunits-per-floor = 2\n[units]\n101 = { status = \"healthy\", note = \"\"\"a\nb\"\"\" }\n\n102 = { status = \"vacant\" }\n";
    let (b, spans) = parse_spanned("t", t.as_bytes()).unwrap();
    let l = lint(t, &b, &spans);
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(
        l[0].to_string().starts_with("5:1: unit 101 spans 2 lines"),
        "{}",
        l[0]
    );
    let mut r = b.units[0].record.clone();
    r.people = Some(2).into();
    let out = edit_lines(t, &spans, &b, &[(0, r)]).unwrap();
    let (b2, s2) = parse_spanned("t", out.as_bytes()).unwrap();
    assert!(lint(&out, &b2, &s2).is_empty(), "{out}");
    assert_eq!(b2.units[0].record.note.as_deref(), Some("a\nb"));
}

#[test]
fn an_edit_touches_only_its_own_line_without_the_whole_document() {
    let t = new_building_text("t", 2, 2);
    let (b, spans) = parse_spanned("t", t.as_bytes()).unwrap();
    let mut r = b.units[2].record.clone();
    r.status = crate::status::Status::Isolating;
    let out = edit_lines(&t, &spans, &b, &[(2, r)]).expect("the one-line path, not the fallback");
    let changed: Vec<(&str, &str)> = t.lines().zip(out.lines()).filter(|(a, z)| a != z).collect();
    assert_eq!(
        changed,
        [(
            "101 = { status = \"unknown\" }",
            "101 = { status = \"isolating\" }"
        )]
    );
}
