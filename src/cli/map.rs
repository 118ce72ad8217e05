//! The map: a station's (a plain `loupan`), or at a street's root the street's, from which each
//! station's map opens and to which its `q` comes back. `--station ID` names a station from
//! anywhere in the street.

use super::{Args, Ctx, Res};
use loupan_store::Station;
use loupan_store::config::Config;
use loupan_tui::street::StreetOptions;
use loupan_tui::street::state::Choice;
use std::path::{Path, PathBuf};

/// `--station ID`: that station's folder is the data directory.
pub fn station_flag(ctx: &mut Ctx<'_>, args: &Args, config: &Config) -> Result<(), super::Fail> {
    if let Some(id) = &args.station {
        let dir = loupan_store::street::station_dir(Path::new("."), id)?;
        ctx.station = Station::open(dir, config.clone());
    }
    Ok(())
}

/// The street whose map a plain `loupan` opens here: no data directory named, no station, no
/// past revision, and the folder is a street's but not a station's.
fn street_here(args: &Args, config: &Config) -> Option<PathBuf> {
    if args.station.is_some() || args.at.is_some() {
        return None;
    }
    if loupan_store::paths::named_dir(args.dir.clone(), config).is_some() {
        return None;
    }
    loupan_store::street::map_root(Path::new("."))
}

/// Opens the map; `foreign`: the station is another's, so it opens read-only.
pub fn open(ctx: &mut Ctx<'_>, args: &Args, config: &Config, foreign: bool) -> Res {
    if let Some(root) = street_here(args, config) {
        return street(ctx, args, config, root);
    }
    let station = ctx.station.clone();
    Ok(loupan_tui::run(options(
        ctx, args, config, station, foreign,
    ))?)
}

fn options(
    ctx: &Ctx<'_>,
    args: &Args,
    config: &Config,
    station: Station,
    foreign: bool,
) -> loupan_tui::Options {
    loupan_tui::Options {
        station,
        lang: ctx.lang,
        read_only: args.read_only || foreign,
        at: args.at.clone(),
        poll: args.poll || config.poll.unwrap_or(false),
        color: config.color.clone(),
    }
}

/// The street's map; each station's map opened from it, until the user quits.
fn street(ctx: &mut Ctx<'_>, args: &Args, config: &Config, root: PathBuf) -> Res {
    // a street.toml that does not read is said where it is wrong, exit 6, before any screen
    loupan_store::street::open(&root)?;
    let o = StreetOptions {
        root: root.clone(),
        lang: ctx.lang,
        color: config.color.clone(),
        config: config.clone(),
        poll: args.poll || config.poll.unwrap_or(false),
    };
    let mut chosen: Option<String> = None;
    while let Choice::Open(id) = loupan_tui::street::run(&o, chosen.as_deref())? {
        let dir = root.join("stations").join(&id);
        // a station whose folder is not here (not synced yet) is never a reason to quit
        if !dir.is_dir() {
            chosen = Some(id);
            continue;
        }
        let station = Station::open(dir, config.clone());
        let code = loupan_tui::run(options(ctx, args, config, station, false))?;
        if code == loupan_tui::SIGNALLED {
            return Ok(code);
        }
        chosen = Some(id);
    }
    Ok(0)
}
