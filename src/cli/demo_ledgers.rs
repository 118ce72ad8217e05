//! The sample ledgers beside a demo (`ledgers/` in the folder it writes): a property office's
//! ledger of units (物业底账.xlsx), a company ledger (企业台账.csv) and an access-card list
//! (门禁卡.csv), made from the demo's own buildings so that `import` and `crosscheck` find their
//! units — a station without loupan's source has them to practise on.

use loupan_core::company;
use loupan_core::i18n::{Lang, Text};
use loupan_core::model::Building;
use loupan_core::privacy::Reveal;
use loupan_core::status::Status;
use loupan_core::tr;
use std::path::Path;

/// The folder's name inside the demo.
pub const DIR: &str = "ledgers";

/// How many of the demo's buildings the ledgers cover (the city has 2,000).
const COVERED: usize = 8;

const SURNAMES: [&str; 12] = [
    "周", "朱", "孙", "王", "李", "赵", "钱", "吴", "郑", "冯", "陈", "褚",
];

/// The checkout's company ledger and card list, for the sample (their dates as of `written`).
pub const SAMPLE_CSV: [(&str, &str); 2] = [
    ("企业台账.csv", include_str!("../../ledgers/企业台账.csv")),
    ("门禁卡.csv", include_str!("../../ledgers/门禁卡.csv")),
];

/// Writes `ledgers/` into the demo at `out`; `sample` moves the checkout's CSVs from `written`
/// to `yesterday` instead of making them.
pub fn write(
    out: &Path,
    sample: Option<(jiff::civil::Date, jiff::civil::Date)>,
    today: jiff::civil::Date,
) -> Result<(), Text> {
    let station = loupan_store::Station::open(out.to_path_buf(), Default::default());
    let ids = station.ids()?;
    let buildings: Vec<Building> = station
        .load_all(&ids[..ids.len().min(COVERED)])
        .into_iter()
        .filter_map(|l| l.building.ok())
        .collect();
    let yesterday = today.yesterday().unwrap_or(today);
    let mut files: Vec<(&str, Vec<u8>)> = match sample {
        Some((written, to)) => SAMPLE_CSV
            .iter()
            .map(|(n, t)| (*n, loupan_core::redate::shift(t, written, to).into_bytes()))
            .collect(),
        None => vec![
            ("企业台账.csv", companies_csv(out, &buildings)),
            ("门禁卡.csv", cards_csv(&buildings, yesterday)),
        ],
    };
    files.push(("物业底账.xlsx", property_xlsx(&buildings)?));
    let dir = out.join(DIR);
    loupan_store::demo::write_extras(&dir, &files).map_err(|e| {
        let (d, why) = (dir.display(), loupan_store::errors::io_text(&e));
        tr!(
            "cannot write the sample ledgers into {d}: {why}",
            "无法把示例台账写入 {d}：{why}"
        )
    })
}

/// A household's name in the ledgers: 周家, 朱家, …
fn household(i: usize) -> String {
    format!("{}家", SURNAMES[i % SURNAMES.len()])
}

/// The property office's ledger: every unit of the covered buildings as the export writes it,
/// where every fifth unit still to check (`?`) is a household the office knows (up to 12 a
/// building): what `import` will offer to fill in.
fn property_xlsx(buildings: &[Building]) -> Result<Vec<u8>, Text> {
    let mut rows = Vec::new();
    for b in buildings {
        let mut known = b.clone();
        let unknown = known
            .units
            .iter_mut()
            .filter(|u| u.record.status == Status::Unknown);
        for (i, u) in unknown.step_by(5).take(12).enumerate() {
            u.record.status = Status::Healthy;
            u.record.name = Some(household(i).as_str().into());
            u.record.people = (2 + (i % 3) as u32).into();
        }
        rows.extend(loupan_output::ledger::rows(&known, Reveal::Shown, Lang::Zh));
    }
    loupan_output::xlsx::units_ledger(Lang::Zh, &rows)
}

/// The access cards given out: vacant and unchecked units with a card (what `crosscheck` asks
/// to visit), one card given twice, one unit the chart does not have, and a household as it is.
fn cards_csv(buildings: &[Building], day: jiff::civil::Date) -> Vec<u8> {
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(b) = buildings.first() {
        let of = |s: Status, n: usize| {
            b.units
                .iter()
                .filter(move |u| u.record.status == s)
                .take(n)
                .map(move |u| (b.name.to_string(), u.label.to_string()))
        };
        rows.extend(of(Status::Vacant, 3));
        rows.extend(of(Status::Unknown, 2));
        rows.extend(of(Status::Healthy, 1));
        rows.push((b.name.to_string(), "9999".to_string()));
        if let Some(first) = rows.first().cloned() {
            rows.push(first);
        }
    }
    let mut out = String::from("序号,楼宇,房号,姓名,开卡日期\n");
    for (i, (building, unit)) in rows.iter().enumerate() {
        let name = household(i);
        out.push_str(&format!("{},{building},{unit},{name},{day}\n", i + 1));
    }
    out.into_bytes()
}

/// Four companies of the first building that has named ones (none with people registered, whose
/// figures follow the people), their figures as the company reports them now.
fn companies_csv(out: &Path, buildings: &[Building]) -> Vec<u8> {
    let mut text = String::from(
        "\u{feff}企业名称,统一社会信用代码,楼宇,房号,员工总数,到岗人数,返京人数,观察人数\n",
    );
    for b in buildings {
        let people = loupan_store::private::people::read(out, &b.id).unwrap_or_default();
        let named: Vec<company::Company> = company::all(b)
            .into_iter()
            .filter(|c| !c.name().trim().is_empty() && !c.name().contains([',', '"', '\n']))
            .filter(|c| !people.iter().any(|p| p.company() == Some(&*c.id)))
            .take(4)
            .collect();
        if named.is_empty() {
            continue;
        }
        for (i, c) in named.iter().enumerate() {
            let staff = c.record.headcount.unwrap_or(20).max(4);
            let on_site = (staff / 2 + i as u32).min(staff);
            let returned = (i as u32 + 1).min(staff);
            let code = c.record.credit_code.as_deref().unwrap_or("");
            text.push_str(&format!(
                "{},{code},{},{},{staff},{on_site},{returned},{}\n",
                c.name(),
                b.name,
                c.units
                    .iter()
                    .map(|u| &**u)
                    .collect::<Vec<&str>>()
                    .join("、"),
                returned / 2,
            ));
        }
        break;
    }
    text.into_bytes()
}
