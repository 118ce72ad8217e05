//! `demo`, `completions` and `man`: what a new user asks of a command-line tool before any data
//! of their own exists.

use super::{Args, Ctx, Res};
use clap::{CommandFactory, ValueEnum};
use loupan_core::display::inline;
use loupan_core::i18n::{Lang, Text};
use loupan_store::demo;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    #[arg(long, value_enum, default_value = "sample")]
    pub preset: Preset,
    #[arg(long, value_name = "DAYS", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=3660))]
    pub history: Option<usize>,
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    // the eight sample towers and five days of journal that come with loupan
    Sample,
    // 33 towers of 25 floors × 8 units
    District,
    // 2,000 towers of 40 floors × 12 units
    City,
    // a street's repository: 20 stations of 33 towers, 17 of them reported
    Street,
}

/// The sample data set, as shipped in `buildings/`; a test holds that this list is that folder.
pub const SAMPLE: &[(&str, &str)] = &[
    (".gitignore", include_str!("../../buildings/.gitignore")),
    (
        "binjiang.toml",
        include_str!("../../buildings/binjiang.toml"),
    ),
    (
        "chuangye.toml",
        include_str!("../../buildings/chuangye.toml"),
    ),
    (
        "dongfang.toml",
        include_str!("../../buildings/dongfang.toml"),
    ),
    ("haigang.toml", include_str!("../../buildings/haigang.toml")),
    ("huamao.toml", include_str!("../../buildings/huamao.toml")),
    ("jinxiu.toml", include_str!("../../buildings/jinxiu.toml")),
    (
        "lianfeng.toml",
        include_str!("../../buildings/lianfeng.toml"),
    ),
    ("xinghe.toml", include_str!("../../buildings/xinghe.toml")),
    (
        "journal/2026-11-25.toml",
        include_str!("../../buildings/journal/2026-11-25.toml"),
    ),
    (
        "journal/2026-11-26.toml",
        include_str!("../../buildings/journal/2026-11-26.toml"),
    ),
    (
        "journal/2026-11-27.toml",
        include_str!("../../buildings/journal/2026-11-27.toml"),
    ),
    (
        "journal/2026-11-28.toml",
        include_str!("../../buildings/journal/2026-11-28.toml"),
    ),
    (
        "journal/2026-11-29.toml",
        include_str!("../../buildings/journal/2026-11-29.toml"),
    ),
];

/// The day the sample was written (its last day of journal): `demo` moves its dates so that this
/// day is yesterday.
pub const SAMPLE_DAY: jiff::civil::Date = jiff::civil::Date::constant(2026, 11, 29);

/// The seed every demo uses, so two users' demos are the same towers.
const SEED: u64 = 2020;

pub fn demo(ctx: &mut Ctx<'_>, a: &DemoArgs) -> Res {
    if a.preset == Preset::Street {
        return street(ctx, a);
    }
    let files = files_of(a.preset, ctx.today);
    let d = demo::Demo {
        files,
        seed: SEED,
        history: a.history.filter(|&d| d > 0),
        changes: 150,
        end: ctx.today.yesterday().unwrap_or(ctx.today),
        // every preset as a station's data is now: personal values in the private store, so a
        // sync of a demo sends none (the checked-in `buildings/` keeps the older form for `migrate`)
        private: true,
        lang: ctx.lang,
    };
    // a folder name is the user's text: shown on one line, escapes visible
    let dir = inline(&a.out.display().to_string()).into_owned();
    let w = demo::write(&a.out, &d).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Text::new(
            format!("{dir} already holds files; name a new or empty folder with --out"),
            format!("{dir} 里已有文件；请用 --out 指定一个新的或空的文件夹"),
        ),
        _ => {
            let why = loupan_store::errors::io_text(&e);
            Text::new(
                format!("cannot write the demo into {dir}: {}", why.get(Lang::En)),
                format!("无法把示例写入 {dir}：{}", why.get(Lang::Zh)),
            )
        }
    })?;
    if a.preset == Preset::District {
        // returnees and a month of their readings, in the private store only
        demo::write_people(&a.out, &d.files, SEED, ctx.today)?;
    }
    // ledgers to practise `import` and `crosscheck` on, made for these buildings
    let sample = (a.preset == Preset::Sample).then_some((SAMPLE_DAY, d.end));
    super::demo_ledgers::write(&a.out, sample, ctx.today)?;
    let history = if w.commits > 0 {
        Text::new(
            format!(", a git repository of {} daily commits", w.commits),
            format!("，git 仓库含 {} 天的每日提交", w.commits),
        )
    } else {
        Text::new(String::new(), String::new())
    };
    let done = Text::new(
        format!(
            "{} buildings, {} units{} in {dir}\nopen it with: loupan --dir {dir}\nsample ledgers to import: {dir}/ledgers",
            w.buildings,
            w.units,
            history.get(Lang::En)
        ),
        format!(
            "{} 栋楼，{} 个单元{}，写入 {dir}\n打开：loupan --dir {dir}\n练习导入的示例台账：{dir}/ledgers",
            w.buildings,
            w.units,
            history.get(Lang::Zh)
        ),
    );
    writeln!(ctx.out, "{}", done.get(ctx.lang))?;
    Ok(0)
}

/// The preset's files, dated as of `today` (the city's 2,000 towers in seconds).
fn files_of(preset: Preset, today: jiff::civil::Date) -> Vec<(String, String)> {
    let yesterday = today.yesterday().unwrap_or(today);
    let generated = |mut files: Vec<(String, String)>| {
        for (_, t) in &mut files {
            *t = loupan_core::redate::generated(t, today);
        }
        files
    };
    match preset {
        // the sample as it stood at the end of the day it was written, moved to yesterday
        Preset::Sample => SAMPLE
            .iter()
            .map(|(n, t)| {
                let shift = |s: &str| loupan_core::redate::shift(s, SAMPLE_DAY, yesterday);
                (shift(n), shift(t))
            })
            .collect(),
        Preset::District => {
            // the seed's district in numbers: 1,409 companies, some 15,500 staff, 950 households
            let mut files = demo::synthetic(SEED, (33, 25, 8));
            loupan_core::synth_seed::seed_district(&mut files, SEED);
            generated(files)
        }
        Preset::City => {
            // 2,000 towers let as 61 of the seed's districts: companies filed in every one
            let mut files = demo::synthetic(SEED, (2000, 40, 12));
            loupan_core::synth_seed::seed_city(&mut files, SEED);
            generated(files)
        }
        Preset::Street => Vec::new(),
    }
}

/// The shell's completion script on stdout, with the help texts in the interface language.
pub fn completions(ctx: &mut Ctx<'_>, shell: clap_complete::Shell) -> Res {
    let mut cmd = super::help::apply(Args::command(), ctx.lang);
    clap_complete::generate(shell, &mut cmd, "loupan", &mut ctx.out);
    Ok(0)
}

/// The manual page (roff) on stdout: loupan(1), or with a command its own page, loupan-today(1),
/// as loupan(1)'s list of commands names them.
pub fn man(ctx: &mut Ctx<'_>, command: Option<&str>) -> Res {
    let mut cmd = super::help::apply(Args::command(), ctx.lang).disable_help_subcommand(true);
    cmd.build();
    let page = match command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                let list = names.join(", ");
                return Err(Text::new(
                    format!("no command {}; the commands are: {list}", inline(name)),
                    format!("没有 {} 这个命令；命令有：{list}", inline(name)),
                )
                .into());
            }
        },
    };
    clap_mangen::Man::new(page).render(&mut ctx.out)?;
    exit_status(ctx)?;
    Ok(0)
}

/// The man page's EXIT STATUS: every code and what it means (docs/exit-codes.md).
fn exit_status(ctx: &mut Ctx<'_>) -> std::io::Result<()> {
    let heading = ctx.lang.pick("EXIT STATUS", "退出码");
    writeln!(ctx.out, ".SH \"{heading}\"")?;
    for e in loupan_core::exit::Exit::ALL {
        let (en, zh) = e.meaning();
        writeln!(
            ctx.out,
            ".TP\n\\fB{}\\fR\n{}",
            e.code(),
            ctx.lang.pick(en, zh)
        )?;
    }
    Ok(())
}

/// `demo --preset street`: a street's repository with 20 stations and 17 reports.
fn street(ctx: &mut Ctx<'_>, a: &DemoArgs) -> Res {
    let dir = inline(&a.out.display().to_string()).into_owned();
    // the street it writes keeps the default time zone: its day is that zone's
    let today = loupan_store::street::now_in_zone(loupan_core::street::TIMEZONE)?.date();
    loupan_store::demo_street::street(&a.out, SEED, 20, 17, today, ctx.lang).map_err(|e| {
        let why = loupan_store::errors::io_text(&e);
        Text::new(
            format!("cannot write the demo into {dir}: {}", why.get(Lang::En)),
            format!("无法把示例写入 {dir}：{}", why.get(Lang::Zh)),
        )
    })?;
    ctx.say(&Text::new(
        format!("wrote a street of 20 stations × 33 towers into {dir}, 17 of them reported today; try `loupan street status` there"),
        format!("已在 {dir} 写入一条街道：20 个工作站 × 33 栋楼，其中 17 个今天已上报；可在那里运行 `loupan street status`"),
    ));
    Ok(0)
}
