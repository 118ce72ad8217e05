//! The generator's street (docs/spec.md §13): a street's repository of `stations` stations, each the
//! seed's district (33 towers, its companies and households, personal values in each station's
//! private store), and the day's reports of the first `submitted` of them — for the benchmarks
//! and docs/guide/street.md's walk-through of an evening.

use super::demo::{Demo, synthetic, write};
use jiff::civil::Date;
use loupan_core::street::Submission;
use std::path::Path;
use std::process::Stdio;

pub fn street(
    out: &Path,
    seed: u64,
    stations: usize,
    submitted: usize,
    today: Date,
    lang: loupan_core::i18n::Lang,
) -> std::io::Result<()> {
    super::demo::fresh_folder(out)?;
    let git = |args: &[&str]| -> std::io::Result<()> {
        let ok = crate::git::runner::in_dir(out)
            .args(args)
            .stdout(Stdio::null())
            .status()?
            .success();
        ok.then_some(())
            .ok_or_else(|| std::io::Error::other(format!("git {args:?} failed")))
    };
    git(&["init", "-q", "-b", "main"])?;
    let err = |t: loupan_core::i18n::Text| std::io::Error::other(t.en);
    super::street::init(out, "示范街道").map_err(err)?;
    for k in 1..=stations {
        let id = format!("s{k:02}");
        let dir = out.join("stations").join(&id);
        let mut files = synthetic(seed + k as u64, (33, 25, 8));
        loupan_core::synth_seed::seed_district(&mut files, seed + k as u64);
        for (_, text) in &mut files {
            *text = loupan_core::redate::generated(text, today);
        }
        let end = today.yesterday().unwrap_or(today);
        let d = Demo {
            files,
            seed,
            history: None,
            changes: 0,
            end,
            private: true,
            lang,
        };
        write(&dir, &d)?;
        super::street::add_station(out, &id, &format!("第{k:02}楼宇工作站")).map_err(err)?;
        if k <= submitted {
            let st = super::station::Station::open(dir.clone(), Default::default());
            let ids = st.ids().map_err(err)?;
            let buildings: Vec<_> = st
                .load_all(&ids)
                .into_iter()
                .filter_map(|l| l.building.ok())
                .collect();
            let index = loupan_core::journal::Index::default();
            let r = loupan_core::report::report(today, &buildings, &[], None, &index, Vec::new());
            let at = submitted_at(today, k, submitted);
            super::street::submit(out, Submission::of(&id, &r, at, 0)).map_err(err)?;
        }
    }
    git(&["add", "-A"])?;
    git(&[
        "-c",
        "user.name=Street",
        "-c",
        "user.email=street@example.org",
        "commit",
        "-q",
        "-m",
        loupan_core::tr!("the street's evening", "街道的晚间上报").get(lang),
    ])?;
    Ok(())
}

/// When station `k` of `n` reported: the evening's 17:xx, or on the street's today before now,
/// the last one a minute ago (a report is never from later than the clock).
fn submitted_at(today: Date, k: usize, n: usize) -> jiff::civil::DateTime {
    let evening = today.at(17, (k % 50) as i8, 0, 0);
    let now = super::street::now_in_zone(loupan_core::street::TIMEZONE).ok();
    match now {
        Some(now) if now.date() == today && now < today.at(18, 0, 0, 0) => {
            let back = jiff::Span::new().minutes(2 * (n + 1 - k.min(n)) as i64);
            now.saturating_sub(back).max(today.at(0, 0, 0, 0))
        }
        _ => evening,
    }
}
