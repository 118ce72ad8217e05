use super::*;
use crate::codec;

fn tower() -> Building {
    let mut b = codec::parse("tower", codec::new_building_text("tower", 3, 4).as_bytes()).unwrap();
    b.name = "测试大厦".into();
    b
}

#[test]
fn a_list_against_the_chart() {
    let mut b = tower();
    b.units[0].record.status = crate::status::Status::Vacant;
    b.units[1].record.status = crate::status::Status::Healthy;
    let (l0, l1) = (b.units[0].label.to_string(), b.units[1].label.to_string());
    let names = vec![("tower".to_string(), "测试大厦".to_string())];
    let loaded = [("tower".to_string(), b)].into_iter().collect();
    let chart = Chart {
        names: &names,
        loaded: &loaded,
        fixed: None,
    };
    let h: Vec<String> = ["building", "unit", "开卡日期"].map(String::from).to_vec();
    let cols = columns(&h, &[]).unwrap();
    let row = |n: usize, u: &str| {
        (
            n,
            vec!["tower".to_string(), u.to_string(), "2026-11-28".into()],
        )
    };
    let rows = [
        row(2, &l0),
        row(3, &l1),
        row(4, "101"),
        row(5, "999"),
        row(6, &l0),
    ];
    let got: Vec<(usize, &str)> = crosscheck(&rows, &cols, &chart)
        .iter()
        .map(|f| (f.row, f.reason.key()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "vacant"),
            (4, "unknown"),
            (5, "not-on-chart"),
            (6, "listed-twice")
        ],
        "the healthy unit agrees and is not listed"
    );
}

#[test]
fn headers_in_both_languages() {
    let h: Vec<String> = [
        "楼宇",
        "房号",
        "状态",
        "企业名称",
        "联系电话（手机）",
        "Status",
        "x",
    ]
    .map(String::from)
    .to_vec();
    // two status columns: which one to believe is the user's call, never a guess
    let e = columns(&h, &[]).unwrap_err();
    assert!(
        e.en.contains("状态") && e.en.contains("Status") && e.en.contains("--column"),
        "{e}"
    );
    let c = columns(&h, &["Status=-".into()]).unwrap();
    assert_eq!(c.of(Column::Building), Some(0));
    assert_eq!(c.of(Column::Unit), Some(1));
    assert_eq!(c.of(Column::Field(Field::Status)), Some(2));
    assert_eq!(c.of(Column::Field(Field::Name)), Some(3));
    assert_eq!(c.of(Column::Field(Field::Contact)), Some(4));
    assert_eq!(
        c.unused,
        [5, 6],
        "the skipped column and an unknown one are unused"
    );
    let c = columns(&h, &["x=note".into(), "状态=-".into()]).unwrap();
    assert_eq!(c.of(Column::Field(Field::Note)), Some(6));
    assert_eq!(c.of(Column::Field(Field::Status)), Some(5));
    assert!(columns(&h, &["nope=note".into()]).is_err());
    assert!(columns(&h, &["x=colour".into()]).is_err());
}

#[test]
fn rows_are_placed_or_refused_with_their_reason() {
    let b = tower();
    let h: Vec<String> = ["楼宇", "房号", "状态", "隔离开始"]
        .map(String::from)
        .to_vec();
    let cols = columns(&h, &[]).unwrap();
    let row = |n: usize, cells: [&str; 4]| (n, cells.map(String::from).to_vec());
    let rows = [
        row(2, ["测试大厦", "301室", "居家隔离", "2026/11/20"]),
        row(3, ["测试", "３０２", "healthy", ""]),
        row(4, ["别的楼", "101", "healthy", ""]),
        row(5, ["tower", "999", "healthy", ""]),
        row(6, ["tower", "101", "sick", ""]),
        row(7, ["tower", "102", "vacant", "2026-02-30"]),
        row(8, ["tower", "3-01", "vacant", ""]),
    ];
    let today = jiff::civil::date(2026, 11, 29);
    let names = vec![("tower".to_string(), "测试大厦".to_string())];
    let loaded = [("tower".to_string(), b)].into_iter().collect();
    let chart = Chart {
        names: &names,
        loaded: &loaded,
        fixed: None,
    };
    let (placed, refused) = place(&rows, &cols, &chart, today);
    let units: Vec<(usize, &str)> = placed.iter().map(|p| (p.row, &*p.unit)).collect();
    assert_eq!(units, [(2, "301"), (3, "302")]);
    assert_eq!(
        placed[0].patch.get(Field::Since),
        Some(&Value::Date(Some(jiff::civil::date(2026, 11, 20))))
    );
    let why: Vec<(usize, String)> = refused.iter().map(|r| (r.row, r.why.en.clone())).collect();
    assert_eq!(why.len(), 5, "{why:?}");
    assert!(why[0].1.contains("no building \"别的楼\""), "{why:?}");
    assert!(
        why[1].1.contains("unit 999 is not in the layout"),
        "{why:?}"
    );
    assert!(why[2].1.contains("did you mean"), "{why:?}");
    assert!(why[3].1.contains("not a real date"), "{why:?}");
    assert!(why[4].1.contains("also on row 2"), "{why:?}");
}

#[test]
fn a_ledger_s_source_is_its_kind_never_its_file_name() {
    assert_eq!(kind_of("物业底账2026-11-20", &[]), "物业底账");
    assert_eq!(kind_of("吴建国家", &[]), "台账");
    assert_eq!(
        kind_of("list", &["海港街道门禁卡登记".to_string()]),
        "门禁卡"
    );
}
