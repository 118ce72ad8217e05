//! The daily report as a table: a row per building (its counts and its changes) and a total row,
//! for CSV and XLSX.

use loupan_core::i18n::Lang;
use loupan_core::report::{Changes, Report};
use loupan_core::stats::Counts;
use loupan_core::status::Status;

pub fn headers(lang: Lang) -> Vec<String> {
    let mut h: Vec<String> = match lang {
        Lang::Zh => ["楼栋", "楼宇名称", "单元数"],
        Lang::En => ["building", "name", "units"],
    }
    .map(String::from)
    .to_vec();
    // the statuses' columns count units: a company status says so, apart from the companies'
    // own figures (which the text reports from company records)
    h.extend(Status::ALL.iter().map(|s| match (lang, s.is_company()) {
        (Lang::Zh, true) => format!("{}单元", lang.status(*s)),
        _ => lang.status(*s).to_string(),
    }));
    let more = match lang {
        Lang::Zh => [
            "企住一体",
            "新增隔离",
            "解除隔离",
            "今日复工企业",
            "今日核实单元",
        ],
        // the day's changes are named apart from the statuses' own columns (`resumed` is one)
        Lang::En => [
            "live-work",
            "isolating_new",
            "isolating_ended",
            "resumed_today",
            "verified_today",
        ],
    };
    h.extend(more.map(String::from));
    h
}

fn row(id: &str, name: &str, c: &Counts, ch: &Changes) -> Vec<String> {
    let mut r = vec![
        loupan_core::cells::to_cell(id),
        loupan_core::cells::to_cell(name),
        c.units.to_string(),
    ];
    r.extend(Status::ALL.iter().map(|s| c.get(*s).to_string()));
    r.extend(
        [
            c.live_work,
            ch.isolating_new,
            ch.isolating_ended,
            ch.resumed,
            ch.verified,
        ]
        .map(|n| n.to_string()),
    );
    r
}

/// A row per building, then the total (its id empty).
pub fn rows(r: &Report, lang: Lang) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = r
        .buildings
        .iter()
        .map(|b| row(&b.id, &b.name, &b.counts, &b.changes))
        .collect();
    out.push(row("", lang.pick("total", "合计"), &r.total, &r.changes));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_its_own_name() {
        for lang in [Lang::En, Lang::Zh] {
            let h = headers(lang);
            let mut seen = std::collections::HashSet::new();
            for name in &h {
                assert!(seen.insert(name), "{name} twice in {h:?}");
            }
        }
    }
}
