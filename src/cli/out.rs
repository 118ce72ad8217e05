//! What goes up and out: `report` (the daily report), `export` (every unit as a ledger, and the
//! charts as sheets), `render --format html` (the printable charts). Personal data masked unless
//! `--reveal`; files written whole or not at all.

use super::{Ctx, Res, json};
use clap::ValueEnum;
use loupan_core::codec::Located;
use loupan_core::ids::BuildingId;
use loupan_core::model::Building;
use loupan_core::privacy::Reveal;
use loupan_core::report;
use loupan_core::tr;
use loupan_output::{self as output, html::Paper};
use loupan_store::{self as store};

use std::io::Write;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LedgerFormat {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Text,
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    A3,
}

/// Writes `bytes` to `--out` (and says so) or to standard output (`-` too).
pub(crate) fn emit(ctx: &mut Ctx<'_>, out: Option<&Path>, bytes: &[u8]) -> Res {
    emit_as(ctx, out, bytes, Reveal::Masked)
}

/// As `emit`, for an output that may hold personal values unmasked (`Reveal::Shown`).
pub(crate) fn emit_as(ctx: &mut Ctx<'_>, out: Option<&Path>, bytes: &[u8], r: Reveal) -> Res {
    match out.filter(|p| *p != Path::new("-")) {
        Some(path) => {
            let shown = r == Reveal::Shown;
            let mut f = store::out::Out::create(path, ctx.station.dir(), shown)?;
            f.write_all(bytes)?;
            let excluded = f.excluded;
            f.commit()?;
            said_written(ctx, path, excluded);
        }
        None => ctx.out.write_all(bytes)?,
    }
    Ok(0)
}

/// "wrote FILE", and when it holds personal values inside a git working tree, that git here now
/// ignores it.
fn said_written(ctx: &mut Ctx<'_>, path: &Path, excluded: bool) {
    let p = path.display();
    ctx.say(&tr!("wrote {p}", "已写入 {p}"));
    if excluded {
        ctx.say(&tr!(
            "{p} holds names and phone numbers inside a git repository: git here ignores it now (.git/info/exclude), so no commit or sync sends it",
            "{p} 含有姓名和电话，位于 git 仓库内：已让本机的 git 忽略它（.git/info/exclude），任何提交或同步都不会发出它"
        ));
    }
}

/// A spreadsheet is a file: it needs `--out`.
pub(crate) fn need_file<'p>(out: Option<&'p Path>, what: &str) -> Result<&'p Path, super::Fail> {
    out.ok_or_else(|| {
        tr!(
            "{what} is a file, not text for the terminal: give --out FILE.xlsx",
            "{what} 是文件，不能输出到终端：请用 --out 文件名.xlsx"
        )
        .into()
    })
}

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    #[arg(long, allow_hyphen_values = true)]
    date: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
    #[arg(long, value_name = "FILE")]
    out: Option<std::path::PathBuf>,
    #[arg(long)]
    submit: bool,
}

impl ReportArgs {
    /// How the report reads across a street's stations: text, JSON or CSV to stdout; `None` for
    /// a file (`--out`, XLSX) or `--submit`, which are one station's.
    pub(crate) fn across(&self) -> Option<super::across::Form> {
        if self.submit || self.out.is_some() {
            return None;
        }
        match self.format {
            ReportFormat::Text => Some(super::across::Form::Text),
            ReportFormat::Json => Some(super::across::Form::Json),
            ReportFormat::Csv => Some(super::across::Form::Csv),
            ReportFormat::Xlsx => None,
        }
    }
}

pub fn report(ctx: &mut Ctx<'_>, a: &ReportArgs) -> Res {
    let (format, out) = (a.format, a.out.as_deref());
    let day = super::day::day_of(ctx, a.date.as_deref())?;
    if a.submit {
        return super::street::submit(ctx, day);
    }
    let (r, broken) = ctx.station.day_report(day, ctx.today, ctx.lang)?;
    for line in Located::lines(&broken, ctx.lang) {
        writeln!(ctx.err, "{line}")?;
    }
    let lang = ctx.lang;
    let bytes = match format {
        ReportFormat::Text => report::text(&r, lang).into_bytes(),
        ReportFormat::Json => {
            let mut v = Vec::new();
            json::write(&mut v, &r)?;
            v
        }
        ReportFormat::Csv => {
            let mut rows = vec![output::report::headers(lang)];
            rows.extend(output::report::rows(&r, lang));
            with_bom(output::ledger::csv(&rows))
        }
        ReportFormat::Xlsx => {
            let path = need_file(out, "XLSX")?;
            return emit(ctx, Some(path), &output::xlsx::report(&r, lang)?)
                .map(|_| i32::from(!broken.is_empty()));
        }
    };
    emit(ctx, out, &bytes)?;
    Ok(i32::from(!broken.is_empty()))
}

fn with_bom(mut csv: Vec<u8>) -> Vec<u8> {
    csv.splice(0..0, *b"\xef\xbb\xbf");
    csv
}

/// Buildings in id order, a batch at a time (read on all cores), so that a city is never held
/// whole; the broken ones are told on stderr.
fn each_building(
    ctx: &mut Ctx<'_>,
    ids: &[BuildingId],
    mut f: impl FnMut(&mut Ctx<'_>, &Building) -> Result<(), super::Fail>,
) -> Result<bool, super::Fail> {
    const BATCH: usize = 64;
    let mut broken = false;
    let what = tr!("exporting", "导出");
    for (k, chunk) in ids.chunks(BATCH).enumerate() {
        super::progress(ctx, &what, k * BATCH, ids.len());
        for l in ctx.station.load_all(chunk) {
            match &l.building {
                Ok(b) => {
                    ctx.shown(loupan_core::private::personal_records(b));
                    f(ctx, b)?
                }
                Err(_) => {
                    broken = true;
                    for line in Located::lines(&l.problems(), ctx.lang) {
                        writeln!(ctx.err, "{line}")?;
                    }
                }
            }
        }
    }
    super::progress_done(ctx);
    Ok(broken)
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "csv")]
    format: LedgerFormat,
    #[arg(long, value_name = "FILE")]
    out: Option<std::path::PathBuf>,
    #[arg(long)]
    reveal: bool,
}

pub fn export(ctx: &mut Ctx<'_>, a: &ExportArgs) -> Res {
    let (format, out, reveal) = (a.format, a.out.as_deref(), ctx.reveal(a.reveal));
    let ids = ctx.station.ids()?;
    let lang = ctx.lang;
    match format {
        LedgerFormat::Xlsx => {
            let path = need_file(out, "XLSX")?;
            let mut book = output::xlsx::Export::new(lang, reveal, &ctx.today.to_string())?;
            let broken = each_building(ctx, &ids, |_, b| Ok(book.add(b)?))?;
            emit_as(ctx, Some(path), &book.finish()?, reveal)?;
            Ok(i32::from(broken))
        }
        LedgerFormat::Csv => export_csv(ctx, &ids, out, reveal),
    }
}

fn export_csv(ctx: &mut Ctx<'_>, ids: &[BuildingId], out: Option<&Path>, reveal: Reveal) -> Res {
    let lang = ctx.lang;
    let out = out.filter(|p| *p != Path::new("-"));
    let mut file = out
        .map(|p| store::out::Out::create(p, ctx.station.dir(), reveal == Reveal::Shown))
        .transpose()?;
    let mut head = with_bom(output::ledger::csv(&[output::ledger::headers(lang)]));
    let broken = each_building(ctx, ids, |ctx, b| {
        let mut bytes = std::mem::take(&mut head);
        bytes.extend(output::ledger::csv(&output::ledger::rows(b, reveal, lang)));
        match file.as_mut() {
            Some(f) => f.write_all(&bytes)?,
            None => ctx.out.write_all(&bytes)?,
        }
        Ok(())
    })?;
    if let (Some(f), Some(p)) = (file, out) {
        let excluded = f.excluded;
        f.commit()?;
        said_written(ctx, p, excluded);
    }
    Ok(i32::from(broken))
}

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    buildings: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: RenderFormat,
    #[arg(long, value_enum, default_value = "auto")]
    color: super::ColorWhen,
    #[arg(long, value_name = "FILE")]
    out: Option<std::path::PathBuf>,
    #[arg(long, value_enum, default_value = "a4")]
    paper: PaperArg,
    #[arg(long)]
    reveal: bool,
}

pub fn render(ctx: &mut Ctx<'_>, a: &RenderArgs) -> Res {
    let (out, reveal) = (a.out.as_deref(), ctx.reveal(a.reveal));
    let ids = if a.buildings.is_empty() {
        ctx.station.ids()?
    } else {
        a.buildings
            .iter()
            .map(|b| ctx.station.resolve(b))
            .collect::<Result<Vec<_>, _>>()?
    };
    let mut all = Vec::new();
    let broken = each_building(ctx, &ids, |_, b| {
        all.push(b.clone());
        Ok(())
    })?;
    let lang = ctx.lang;
    let bytes = match a.format {
        RenderFormat::Html => {
            let paper = match a.paper {
                PaperArg::A4 => Paper::A4,
                PaperArg::A3 => Paper::A3,
            };
            let refs: Vec<&Building> = all.iter().collect();
            output::html::page(&refs, &ctx.today.to_string(), lang, reveal, paper).into_bytes()
        }
        RenderFormat::Text => {
            let color = super::read::color_enabled(a.color) && out.is_none();
            let texts: Vec<String> = all
                .iter()
                .map(|b| loupan_core::render::building_text(b, color, lang))
                .collect();
            texts.join("\n").into_bytes()
        }
    };
    emit_as(ctx, out, &bytes, reveal)?;
    Ok(i32::from(broken))
}
