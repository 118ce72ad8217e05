//! Today's people on the command line (docs/spec.md §14): fevers, readings missing and
//! observations ending, masked unless `--reveal`.

use super::Ctx;
use loupan_core::display::inline;
use loupan_core::people::{self, readings};
use loupan_core::privacy::Reveal;
use loupan_core::tr;
use serde_json::{Value, json};

/// The data directory and the day's readings, for Today (a readings file that does not read is
/// told, and the day counted without it).
pub(super) fn readings_of(
    ctx: &mut Ctx<'_>,
    day: jiff::civil::Date,
) -> (std::path::PathBuf, readings::DayReadings) {
    let dir = ctx.station.dir().to_path_buf();
    let r = loupan_store::private::people::read_day(&dir, day).unwrap_or_else(|t| {
        ctx.say(&t);
        Default::default()
    });
    (dir, r)
}

/// A person on Today's lists as `today --json` gives them: where, who (masked unless
/// revealed), the reading that counts.
pub(super) fn seen_json(s: &loupan_core::people::figures::Seen, reveal: Reveal) -> Value {
    let o = people::outgoing(&s.person, reveal);
    json!({
        "building": s.building,
        "unit": s.unit,
        "company": s.company,
        "id": &*o.id,
        "name": &*o.name,
        "phone": o.phone.as_deref(),
        "observe-until": o.observe_until().map(|d| d.to_string()),
        "today": s.tenths.map(|t| readings::shown(t).parse::<f64>().unwrap_or(0.0)),
    })
}

/// Today's people: fevers, readings missing, observations ending today.
pub(super) fn print_health(
    ctx: &mut Ctx<'_>,
    h: &loupan_core::people::figures::Health,
    reveal: Reveal,
) -> std::io::Result<()> {
    let names = ctx.station.shown_names();
    let sections = [
        (tr!("Fever (37.3 °C or more)", "发热（≥ 37.3 ℃）"), &h.fever),
        (
            tr!("Temperatures not taken today", "今日未测体温"),
            &h.readings_missing,
        ),
        (
            tr!(
                "Returnees' observation ending today",
                "今日观察期满的返京人员"
            ),
            &h.observation_ending,
        ),
    ];
    for (title, list) in sections {
        if list.is_empty() {
            continue;
        }
        writeln!(ctx.out, "\n{} ({})", title.get(ctx.lang), list.len())?;
        for s in list {
            let o = people::outgoing(&s.person, reveal);
            let mut line = format!("  {} {}", names.of(&s.building), inline(&s.unit));
            if let Some(c) = &s.company {
                line.push_str(&format!("  {}", inline(c)));
            }
            line.push_str(&format!("  {} {}", o.id, inline(&o.name)));
            if let Some(t) = s.tenths {
                line.push_str(&format!("  {} ℃", readings::shown(t)));
            }
            writeln!(ctx.out, "{line}")?;
        }
    }
    Ok(())
}
