//! The command line in Chinese: headings, placeholders, usage and usage errors (the help texts
//! themselves are `help.rs`'s, in both languages). clap writes English; in Chinese mode the
//! command is rebuilt in these words, and its errors are told anew.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// Placeholders as Chinese readers know them.
const VALUES: &[(&str, &str)] = &[
    ("BUILDING", "楼栋"),
    ("UNIT", "单元"),
    ("STATUS", "状态"),
    ("REV", "版本"),
    ("DIR", "目录"),
    ("TEXT", "文字"),
    ("N", "数目"),
    ("DATE", "日期"),
    ("DAYS", "天数"),
    ("FORMAT", "格式"),
    ("COLOR", "颜色"),
    ("LANG", "语言"),
    ("NAME", "名称"),
    ("FLOORS", "层数"),
    ("UNITS", "单元数"),
    ("BASE", "共同祖先"),
    ("OURS", "我方"),
    ("THEIRS", "对方"),
    ("PATH", "路径"),
    ("OUTCOME", "结果"),
    ("VIA", "方式"),
    ("NOTE", "备注"),
    ("FILE", "文件"),
    ("HEADER=FIELD", "表头=字段"),
    ("SOURCE", "来源"),
    ("BUILDINGS", "楼栋"),
    ("PAPER", "纸张"),
    ("PRESET", "预设"),
    ("SHELL", "shell"),
    ("COMMAND", "命令"),
    ("TOPIC", "话题"),
    ("COMPANY", "企业"),
    ("ID", "编号"),
    ("FOUND", "情况"),
    ("PERSON", "人员"),
    ("TEMP", "体温"),
    ("AT", "时间"),
    ("BY", "测量人"),
    ("PLACE", "所属"),
    ("PHONE", "电话"),
    ("FROM", "籍贯"),
    ("LEFT", "离京日期"),
    ("RETURNED", "返京日期"),
    ("ROUTE", "返京行程"),
];

/// Placeholders that mean something else under one command: (command path, English, Chinese).
const VALUES_IN: &[(&str, &str, &str)] = &[
    // the units a company uses, not a count of households per floor
    ("company add", "UNITS", "单元"),
    ("company set", "UNITS", "单元"),
];

/// The command with every text in Chinese.
pub fn localize(cmd: Command) -> Command {
    let cmd = one(cmd.about("楼盘图：每栋楼的每个单元，按状态着色"), "")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    super::help::each_subcommand(cmd, |c, sub| {
        // `company add` and the like: Chinese too, and `--help` still theirs
        let c = super::help::each_subcommand(c, |n, name| one(n, &format!("{sub} {name}")));
        one(c, sub)
    })
}

/// One command in Chinese; `sub` is its path after `loupan` (empty for the program itself).
fn one(cmd: Command, sub: &str) -> Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    for (i, id) in ids.into_iter().enumerate() {
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            // arguments in the order they are typed, as in the usage line
            let mut a = a.help_heading(heading).display_order(i);
            if a.get_action().takes_values() {
                // the Chinese help says the defaults and choices in its own words
                a = a.hide_default_value(true).hide_possible_values(true);
            }
            let names: Vec<String> = a
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|n| n.to_string())
                .collect();
            let zh_of = |n: &str| {
                let here = VALUES_IN
                    .iter()
                    .find(|(c, e, _)| *c == sub && *e == n)
                    .map(|(_, _, z)| *z);
                here.or_else(|| VALUES.iter().find(|(e, _)| *e == n).map(|(_, z)| *z))
            };
            let shown: Vec<String> = names
                .iter()
                .map(|n| zh_of(n).map_or(n.clone(), str::to_string))
                .collect();
            if !shown.is_empty() {
                a = a.value_names(shown);
            } else if a.is_positional()
                && let Some(z) = zh_of(&id.to_uppercase())
            {
                a = a.value_name(z);
            }
            a
        });
    }
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim()
        .replace("[OPTIONS]", "[选项]");
    // a subcommand renders its usage without the program's name (or its parents' names) until
    // the whole command is built
    let usage = match usage.split_once(' ') {
        _ if sub.is_empty() || usage.starts_with("loupan") => usage,
        Some((_, rest)) => format!("loupan {sub} {rest}"),
        None => format!("loupan {sub}"),
    };
    cmd.override_usage(usage)
}

/// clap ends a heading with an ASCII colon (`选项:`); Chinese help ends it as Chinese does.
pub fn headings(help: &str, lang: loupan_core::i18n::Lang) -> std::borrow::Cow<'_, str> {
    if lang == loupan_core::i18n::Lang::En {
        return help.into();
    }
    let mut out = String::with_capacity(help.len());
    for line in help.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        match body.strip_suffix(':') {
            Some(h) if ["选项", "参数", "命令"].contains(&h) => {
                out.push_str(h);
                out.push('：');
                out.push_str(end);
            }
            _ => out.push_str(line),
        }
    }
    out.into()
}

/// A value clap's parser refused: a number out of its range says the range.
fn out_of_range(e: &clap::Error, arg: &str, value: &str) -> String {
    let why = std::error::Error::source(e)
        .map(|s| s.to_string())
        .unwrap_or_default();
    match why
        .split_once(" is not in ")
        .and_then(|(_, r)| r.split_once("..="))
    {
        Some((lo, hi)) => format!("{arg} 的值“{value}”超出范围：应为 {lo} 到 {hi} 之间的整数"),
        None => format!("{arg} 的值“{value}”无效：应为整数"),
    }
}

/// A usage error in Chinese: what is wrong, the usage line, where help is.
pub fn error(e: &clap::Error, cmd: &mut Command) -> String {
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let (arg, value) = (ctx(ContextKind::InvalidArg), ctx(ContextKind::InvalidValue));
    let what = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = ctx(ContextKind::ValidValue);
            format!("{arg} 的值“{value}”无效；可选：{valid}")
        }
        ErrorKind::ValueValidation => out_of_range(e, &arg, &value),
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(ContextKind::InvalidSubcommand);
            let near = ctx(ContextKind::SuggestedSubcommand);
            let near = if near.is_empty() {
                String::new()
            } else {
                format!("；是不是“{near}”？")
            };
            format!("没有“{sub}”这个命令{near}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict => format!("参数冲突：{arg} 不能同时使用"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("参数给多了：{arg}{value}")
        }
        _ => "参数有误".to_string(),
    };
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim()
        .replace("[OPTIONS]", "[选项]");
    format!("错误：{what}\n\n用法：{usage}\n\n运行 `loupan --help` 查看帮助\n")
}
