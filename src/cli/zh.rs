//! The command line in Chinese: help texts, headings and usage errors. clap writes English; in
//! Chinese mode the command is rebuilt with these texts, and its errors are told anew.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use loupan_core::fields::{FIELDS, Kind};
use loupan_core::i18n::Lang;

/// (subcommand, what it does).
const COMMANDS: &[(&str, &str)] = &[
    (
        "check",
        "检查所有楼栋文件；每个问题按 路径:行:列: 说明 列出",
    ),
    ("stats", "按楼栋和合计统计各状态的户数"),
    ("render", "打印一栋楼的楼盘图和图例"),
    ("show", "打印一栋楼或一个单元的记录"),
    (
        "set",
        "修改一个单元（与地图同一条保存路径）；留空即清除该项",
    ),
    (
        "new",
        "新建楼栋：1..N 层，每层 N 户，门牌为<楼层><两位序号>",
    ),
    (
        "fmt",
        "把文件整理成标准格式（加 --check 只列出需要整理的文件）",
    ),
    (
        "init",
        "准备 git 仓库：.gitattributes 和本克隆的合并驱动配置（可重复运行）",
    ),
    ("merge-driver", "git 的合并驱动：逐户、逐项三方合并到 OURS"),
    ("diff", "REV（默认 HEAD）与工作区之间的单元变化"),
    (
        "log",
        "一个单元在 git 中的历史：日期、作者、旧值 → 新值（最新在前）",
    ),
    (
        "follow-up",
        "在日志里记一次电话、消息或上门：正常、需要帮助、有症状、未接通、无人应答、拒绝",
    ),
    ("journal", "某一天的随访记录，按时间先后"),
    (
        "today",
        "今日工作：待打电话、到期和逾期的隔离、待上门核实、未复工企业",
    ),
    (
        "import",
        "把台账（CSV，UTF-8 或 GBK；或 XLSX）导入楼盘；先显示将要修改的内容，加 --apply 才保存",
    ),
    (
        "crosscheck",
        "把外部名单（门禁卡、物业底账）与楼盘对照：列出需要上门核实的单元",
    ),
    (
        "report",
        "日报：总数、与前一天相比的变化、随访；没有新情况时为零报告",
    ),
    (
        "export",
        "把所有单元导出为台账（带字节序标记的 CSV，或 XLSX：每栋楼一张楼盘图）；姓名电话默认隐去",
    ),
    (
        "trend",
        "每天日终各状态的户数，来自 git 历史（今天取自当前文件）",
    ),
    ("help", "显示某个命令的帮助"),
];

/// (argument id, help).
const ARGS: &[(&str, &str)] = &[
    (
        "dir",
        "数据目录，存放 <编号>.toml 文件［默认：$LOUPAN_DIR、配置的 data_dir、./buildings］",
    ),
    ("lang", "界面语言：zh 或 en［默认：配置，否则 $LANG］"),
    ("read_only", "只读打开地图"),
    (
        "at",
        "打开过去某个 git 版本（或 2020-02-14 这样的日期），只读",
    ),
    (
        "poll",
        "定时扫描数据目录（网络文件系统收不到变更通知时使用）",
    ),
    (
        "format",
        "输出格式（可选值见下）：stats 和 trend 为 table、json、csv；report 为 text、json、csv、xlsx；export 为 csv、xlsx；render 为 text、html",
    ),
    ("out", "写入这个文件，而不是输出到终端（xlsx 必须指定）"),
    ("paper", "--format html 的纸张：a4 或 a3，横向［默认：a4］"),
    (
        "buildings",
        "楼栋：编号、名称或名称中的一部分；不写则为全部楼栋",
    ),
    ("color", "颜色：auto、always 或 never［默认：auto］"),
    ("building", "楼栋：编号、编号开头、名称或名称中的一部分"),
    ("unit", "单元门牌，例如 1203"),
    (
        "status",
        "健康住户、居家隔离、未复工、已复工、空置、待核实（或英文 `healthy` 等）",
    ),
    ("json", "输出 JSON"),
    ("name", "名称"),
    ("floors", "楼层数"),
    ("units", "每层户数"),
    ("check", "只检查，不修改"),
    (
        "rev",
        "版本：提交、分支、HEAD~3，或 2026-11-20 这样的日期［默认：HEAD］",
    ),
    ("base", "共同祖先版本的文件（%O）"),
    ("ours", "我方版本的文件（%A），合并结果写回这里"),
    ("theirs", "对方版本的文件（%B）"),
    ("path", "文件在仓库中的路径（%P）"),
    (
        "outcome",
        "结果：正常、需要帮助、有症状、未接通、无人应答、拒绝（或英文 `well` 等）",
    ),
    (
        "via",
        "方式：`call`（电话）、`message`（消息）、`visit`（上门）［默认：电话］",
    ),
    ("note", "备注"),
    ("date", "日期：2026-11-20、今天、-1［默认：今天］"),
    ("reveal", "显示姓名、电话和备注（默认隐去）"),
    ("file", "台账或名单文件：CSV（UTF-8 或 GBK）或 XLSX"),
    (
        "column",
        "哪一列是什么：表头=字段（如 `房间=unit`、`户主=name`，`序号=-` 跳过）；可重复",
    ),
    ("apply", "保存修改（不加时只显示将要修改的内容）"),
    ("days", "天数，截至今天［默认：14］"),
    ("source", "台账名称，记在每个被修改的单元上［默认：文件名］"),
];

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
    ("UNITS", "户数"),
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
];

fn arg_help(sub: &str, id: &str) -> Option<String> {
    let key = id.strip_prefix("no-").unwrap_or(id);
    let field = FIELDS
        .iter()
        .find(|s| s.key == key)
        .filter(|_| sub == "set");
    if field.is_none()
        && let Some((_, h)) = ARGS.iter().find(|(a, _)| *a == id)
    {
        return Some(h.to_string());
    }
    let spec = field?;
    Some(match (spec.kind, id.starts_with("no-")) {
        (Kind::Flag, false) => format!("设为{}（{}）", spec.label(Lang::Zh), spec.help(Lang::Zh)),
        (Kind::Flag, true) => format!("取消{}", spec.label(Lang::Zh)),
        _ => format!("{}；留空即清除", spec.help(Lang::Zh)),
    })
}

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
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = cmd;
    for n in names {
        cmd = cmd.mut_subcommand(&n, |s| {
            let about = COMMANDS.iter().find(|(c, _)| *c == n).map(|(_, a)| *a);
            let s = match about {
                Some(a) => s.about(a),
                None => s,
            };
            one(s, &n)
        });
    }
    cmd
}

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
    for id in ids {
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let mut a = a.help_heading(heading);
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
            let shown: Vec<String> = names
                .iter()
                .map(|n| {
                    VALUES
                        .iter()
                        .find(|(e, _)| e == n)
                        .map_or(n.clone(), |(_, z)| z.to_string())
                })
                .collect();
            if !shown.is_empty() {
                a = a.value_names(shown);
            } else if a.is_positional() {
                let up = id.to_uppercase();
                if let Some((_, z)) = VALUES.iter().find(|(e, _)| *e == up) {
                    a = a.value_name(*z);
                }
            }
            match arg_help(sub, &id) {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim()
        .replace("[OPTIONS]", "[选项]");
    // a subcommand renders its usage without the program's name until the whole command is built
    let usage = if sub.is_empty() || usage.starts_with("loupan") {
        usage
    } else {
        format!("loupan {usage}")
    };
    cmd.override_usage(usage)
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
