//! Synthetic data sets in loupan's own format, deterministic for a seed: for benchmarks, trials
//! and `examples/gen.rs`. Pure (returns text; the caller writes it).

use crate::codec;
use crate::model::Record;
use crate::status::Status;
use std::fmt::Write as _;

/// splitmix64: small, fast, and the same on every machine.
pub struct Rng(pub u64);
impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const PLACES: &[&str] = &[
    "海港", "东方", "锦绣", "华贸", "星河", "联丰", "滨江", "金融", "世纪", "阳光", "翠湖", "新城",
    "天成", "和平", "长安", "明珠",
];
const KINDS: &[&str] = &[
    "大厦",
    "中心",
    "公寓",
    "花园",
    "广场",
    "商务楼",
    "国际",
    "名苑",
];
pub(crate) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
];
const FIRMS: &[&str] = &[
    "科技有限公司",
    "贸易有限公司",
    "设计工作室",
    "咨询有限公司",
    "文化传媒",
    "教育科技",
    "餐饮管理",
    "物流有限公司",
    "会计师事务所",
    "网络科技",
];
const NOTES_HOME: &[&str] = &[
    "每日电话随访",
    "独居老人，需送菜上门",
    "门卫已登记",
    "家中有慢性病老人",
    "租户已回乡",
];
const NOTES_FIRM: &[&str] = &[
    "复工申请已提交",
    "缺口罩和消毒液",
    "员工多在外地，暂未返岗",
    "已完成消毒登记",
    "询问租金减免政策",
];

#[derive(Clone, Copy)]
enum Use {
    Homes,
    Offices,
    Mixed,
}

fn record(rng: &mut Rng, homes: bool) -> Record {
    let r = rng.below(100);
    let status = if homes {
        match r {
            0..5 => Status::Isolating,
            5..72 => Status::Healthy,
            72..87 => Status::Vacant,
            _ => Status::Unknown,
        }
    } else {
        match r {
            0..35 => Status::NotResumed,
            35..80 => Status::Resumed,
            80..92 => Status::Vacant,
            _ => Status::Unknown,
        }
    };
    let mut rec = Record::with_status(status);
    rec.live_work = rng.chance(3) && status != Status::Vacant && status != Status::Unknown;
    match status {
        Status::Healthy | Status::Isolating => {
            rec.name = Some(format!("{}家", rng.pick(SURNAMES)).into());
            rec.people = Some(1 + rng.below(5) as u32).into();
        }
        Status::NotResumed | Status::Resumed => {
            rec.name = Some(firm_name(rng).into());
            rec.people = Some(2 + rng.below(60) as u32).into();
        }
        _ => {}
    }
    if status == Status::Isolating {
        let day = 1 + rng.below(28) as i8;
        rec.since = jiff::civil::Date::new(2020, 2, day).ok().into();
        rec.note = Some("每日电话随访".into());
    } else if rng.chance(10) && rec.name.is_some() {
        rec.note = Some(rng.pick(if homes { NOTES_HOME } else { NOTES_FIRM }).into());
    }
    if status != Status::Unknown && rng.chance(40) {
        rec.checked = jiff::civil::Date::new(2020, 2, 1 + rng.below(28) as i8)
            .ok()
            .into();
    }
    rec
}

/// A company's name: a place, a surname, a kind of firm (`翠湖胡物流有限公司`).
pub fn firm_name(rng: &mut Rng) -> String {
    format!(
        "{}{}{}",
        rng.pick(PLACES),
        rng.pick(SURNAMES),
        rng.pick(FIRMS)
    )
}

/// One building's file text: the n-th building of a data set.
pub fn building(rng: &mut Rng, n: usize, floors: usize, units: usize) -> String {
    let use_ = match rng.below(3) {
        0 => Use::Homes,
        1 => Use::Offices,
        _ => Use::Mixed,
    };
    let name = format!("{}{}{}号", rng.pick(PLACES), rng.pick(KINDS), n);
    // one building in eight is irregular: a basement, skipped floors, a podium of shops
    let irregular = rng.chance(12) && floors >= 6;
    let mut floor_labels: Vec<String> = Vec::new();
    if irregular {
        floor_labels.push("B1".into());
    }
    let mut f = 1;
    while floor_labels.len() < floors + usize::from(irregular) {
        if !(irregular && matches!(f, 4 | 13 | 14)) {
            floor_labels.push(f.to_string());
        }
        f += 1;
    }
    let mut text = String::with_capacity(floors * units * 80);
    let _ = writeln!(text, "# {name} (synthetic)");
    let _ = writeln!(text, "name = \"{name}\"");
    let spec = if irregular {
        format!("\"{}\"", crate::layout::format_floors(&floor_labels))
    } else {
        floors.to_string()
    };
    let _ = writeln!(text, "floors = {spec}\nunits-per-floor = {units}");
    let podium = units.div_ceil(2).max(1);
    if irregular {
        let _ = writeln!(
            text,
            "\n[floor]\nB1 = [\"B1-01\", \"B1-02\", \"B1-03\"]\n1 = {podium}\n2 = {podium}"
        );
    }
    text.push_str("\n[units]\n");
    let mut first = true;
    for fl in floor_labels.iter().rev() {
        let labels: Vec<String> = match fl.as_str() {
            "B1" if irregular => vec!["B1-01".into(), "B1-02".into(), "B1-03".into()],
            "1" | "2" if irregular => (1..=podium)
                .map(|i| crate::layout::default_label(fl, i))
                .collect(),
            _ => (1..=units)
                .map(|i| crate::layout::default_label(fl, i))
                .collect(),
        };
        let low = fl.starts_with('B') || fl == "1" || fl == "2";
        for l in labels {
            let homes = match use_ {
                Use::Homes => true,
                Use::Offices => false,
                Use::Mixed => !low,
            };
            let rec = record(rng, homes);
            if !first {
                text.push('\n');
            }
            first = false;
            let _ = writeln!(
                text,
                "{} = {}",
                toml_edit::Key::new(l.as_str()),
                codec::record_value(&rec).to_string().trim()
            );
        }
    }
    text
}

/// The n-th building (1-based) of a data set: its id and file text. Each building has its own
/// random stream, so its content does not depend on the others.
pub fn nth(seed: u64, n: usize, floors: usize, units: usize) -> (String, String) {
    let mut rng = Rng(seed ^ (n as u64).wrapping_mul(0x2545f4914f6cdd1d));
    (format!("b{n:04}"), building(&mut rng, n, floors, units))
}

/// One unit of a building's file changed, as a day's work changes it: a random unit line gets a
/// new record (a household or a company, by chance), the rest of the text untouched.
pub fn change_unit(rng: &mut Rng, text: &str) -> String {
    let start = text.find("\n[units]\n").map_or(0, |i| i + 9);
    // the units' table ends where the next one begins (`[companies]`)
    let end = text[start..]
        .find("\n[")
        .map_or(text.len(), |i| start + i + 1);
    let lines: Vec<(usize, usize)> = text[start..end]
        .match_indices('\n')
        .scan(start, |from, (i, _)| {
            let line = (*from, start + i);
            *from = start + i + 1;
            Some(line)
        })
        .filter(|(a, b)| text[*a..*b].contains(" = {"))
        .collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let (a, b) = lines[rng.below(lines.len())];
    let line = &text[a..b];
    let Some(eq) = line.find(" = ") else {
        return text.to_string();
    };
    let homes = rng.chance(60);
    let rec = record(rng, homes);
    format!(
        "{}{} = {}{}",
        &text[..a],
        &line[..eq],
        codec::record_value(&rec).to_string().trim(),
        &text[b..]
    )
}

const STAFF: &[&str] = &["张丽", "王强", "李娜", "陈军", "刘洋"];
const FOLLOW_UP_NOTES: &[&str] = &[
    "体温正常",
    "需代购生活物资",
    "已送菜上门",
    "社区医生已上门",
    "家属代接",
];

/// One day of journal, as its file: `n` follow-ups spread over the working day, each for one of
/// `targets` (building id, unit label). Ids are unique within the data set.
pub fn journal_day(
    rng: &mut Rng,
    day: jiff::civil::Date,
    n: usize,
    targets: &[(String, String)],
) -> String {
    use crate::journal::{Entry, Outcome, Via, encode};
    let mut text = String::with_capacity(n * 170);
    let mut times: Vec<i32> = (0..n)
        .map(|_| 8 * 3600 + rng.below(10 * 3600) as i32)
        .collect();
    times.sort_unstable();
    for t in times {
        let Some((b, u)) = (!targets.is_empty()).then(|| &targets[rng.below(targets.len())]) else {
            break;
        };
        let at = day.at((t / 3600) as i8, (t / 60 % 60) as i8, (t % 60) as i8, 0);
        let outcome = match rng.below(20) {
            0..=13 => Outcome::Well,
            14 => Outcome::NeedsHelp,
            15 => Outcome::Symptoms,
            16 | 17 => Outcome::NoAnswer,
            18 => Outcome::NotHome,
            _ => Outcome::Refused,
        };
        let e = Entry {
            id: format!("{:012x}", rng.next_u64() >> 16).as_str().into(),
            at,
            by: rng.pick(STAFF).into(),
            building: b.as_str().into(),
            unit: u.as_str().into(),
            via: [Via::Call, Via::Call, Via::Message, Via::Visit][rng.below(4)],
            outcome,
            note: rng.chance(20).then(|| rng.pick(FOLLOW_UP_NOTES).into()),
            withdraws: None,
        };
        text.push_str(&encode(&e));
        text.push('\n');
    }
    text
}
