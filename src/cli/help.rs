//! What each command and argument is for, in both languages, in one place. The commands are
//! keyed by [`Topic`], one per variant of the command enum (`Cmd`): its match gives every command
//! both texts, and a test holds that the topics are exactly clap's subcommands and that every
//! argument of every command has a text in both languages. The argument structs carry no doc
//! comments of their own, so English and Chinese cannot drift apart.

pub use super::help_args::nested_about;
use clap::Command;
use loupan_core::fields::{FIELDS, Kind};
use loupan_core::i18n::Lang;

/// One per command of the command enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Check,
    Stats,
    Render,
    Show,
    Set,
    New,
    Fmt,
    Init,
    MergeDriver,
    Diff,
    Log,
    FollowUp,
    Journal,
    Report,
    Export,
    Import,
    Crosscheck,
    Trend,
    Today,
    Company,
    Person,
    Temp,
    Migrate,
    Purge,
    Audit,
    Street,
    Station,
    Sync,
    PrivateRemote,
    RemoteHook,
    Demo,
    Completions,
    Man,
}

impl Topic {
    pub const ALL: [Topic; 33] = [
        Topic::Check,
        Topic::Stats,
        Topic::Render,
        Topic::Show,
        Topic::Set,
        Topic::New,
        Topic::Fmt,
        Topic::Init,
        Topic::MergeDriver,
        Topic::Diff,
        Topic::Log,
        Topic::FollowUp,
        Topic::Journal,
        Topic::Report,
        Topic::Export,
        Topic::Import,
        Topic::Crosscheck,
        Topic::Trend,
        Topic::Today,
        Topic::Company,
        Topic::Person,
        Topic::Temp,
        Topic::Migrate,
        Topic::Purge,
        Topic::Audit,
        Topic::Street,
        Topic::Station,
        Topic::Sync,
        Topic::PrivateRemote,
        Topic::RemoteHook,
        Topic::Demo,
        Topic::Completions,
        Topic::Man,
    ];

    /// The subcommand's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Topic::Check => "check",
            Topic::Stats => "stats",
            Topic::Render => "render",
            Topic::Show => "show",
            Topic::Set => "set",
            Topic::New => "new",
            Topic::Fmt => "fmt",
            Topic::Init => "init",
            Topic::MergeDriver => "merge-driver",
            Topic::Diff => "diff",
            Topic::Log => "log",
            Topic::FollowUp => "follow-up",
            Topic::Journal => "journal",
            Topic::Report => "report",
            Topic::Export => "export",
            Topic::Import => "import",
            Topic::Crosscheck => "crosscheck",
            Topic::Trend => "trend",
            Topic::Today => "today",
            Topic::Company => "company",
            Topic::Person => "person",
            Topic::Temp => "temp",
            Topic::Migrate => "migrate",
            Topic::Purge => "purge",
            Topic::Audit => "audit",
            Topic::Street => "street",
            Topic::Station => "station",
            Topic::Sync => "sync",
            Topic::PrivateRemote => "private-remote",
            Topic::RemoteHook => "remote-hook",
            Topic::Demo => "demo",
            Topic::Completions => "completions",
            Topic::Man => "man",
        }
    }

    pub fn of_name(name: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// An argument's help for a command (`None`: the program's own options): (English, Chinese).
pub fn arg(topic: Option<Topic>, id: &str) -> Option<(String, String)> {
    if topic == Some(Topic::Set)
        && let Some(t) = field_flag(id)
    {
        return Some(t);
    }
    if topic == Some(Topic::Company)
        && let Some(t) = super::help_args::company_flag(id)
    {
        return Some(t);
    }
    if topic == Some(Topic::Person)
        && let Some(t) = super::help_args::person_flag(id)
    {
        return Some(t);
    }
    let pair = |(en, zh): (&str, &str)| Some((en.to_string(), zh.to_string()));
    if let Some(t) = topic.and_then(|t| super::help_args::special(t, id)) {
        return pair(t);
    }
    pair(common(id)?)
}

/// `set`'s flags come from the field schema.
fn field_flag(id: &str) -> Option<(String, String)> {
    let negated = id.starts_with("no-");
    let spec = FIELDS
        .iter()
        .find(|s| s.key == id.strip_prefix("no-").unwrap_or(id))?;
    let (en, zh) = (spec.help(Lang::En), spec.help(Lang::Zh));
    let (le, lz) = (spec.label(Lang::En), spec.label(Lang::Zh));
    Some(match (spec.kind, negated) {
        (Kind::Flag, false) => (format!("Mark as {le} ({en})"), format!("设为{lz}（{zh}）")),
        (Kind::Flag, true) => (format!("Unmark {le}"), format!("取消{lz}")),
        // a unit always has a status: leaving it out keeps the one it has
        (Kind::Status, _) => (
            format!("{en}; left out, the status stays"),
            format!("{zh}；不写则状态不变"),
        ),
        _ => (
            format!("{en}; an empty value clears it"),
            format!("{zh}；留空即清除"),
        ),
    })
}

/// Texts that mean the same wherever the argument appears: the program's own options first.
fn common(id: &str) -> Option<(&'static str, &'static str)> {
    if let Some(t) = outputs(id).or_else(|| records(id)) {
        return Some(t);
    }
    Some(match id {
        "dir" => (
            "Data directory holding <id>.toml files [default: $LOUPAN_DIR, the config's data-dir, ./buildings]",
            "数据目录，存放 <编号>.toml 文件［默认：$LOUPAN_DIR、配置的 `data-dir`、./buildings］",
        ),
        "lang" => (
            "Interface language: zh or en [default: the config, else $LANG]",
            "界面语言：zh 或 en［默认：配置，否则 $LANG］",
        ),
        "station" => (
            "In a street's repository, act for this station (its folder stations/<ID>/)",
            "在街道的共享仓库里，以该工作站的身份操作（目录 stations/<编号>/）",
        ),
        "read_only" => ("Open the map without editing", "只读打开地图"),
        "at" => (
            "Open the map on a past git revision (or a date like 2020-02-14), read-only",
            "打开过去某个 git 版本（或 2020-02-14 这样的日期），只读",
        ),
        "poll" => (
            "Poll the data directory for outside changes instead of waiting for change events (network file systems)",
            "定时扫描数据目录（网络文件系统收不到变更通知时使用）",
        ),
        _ => return None,
    })
}

/// What and how commands write.
fn outputs(id: &str) -> Option<(&'static str, &'static str)> {
    Some(match id {
        "out" => (
            "Write to this file instead of standard output (required for xlsx)",
            "写入这个文件，而不是输出到终端（xlsx 必须指定）",
        ),
        "paper" => (
            "Paper for --format html, landscape",
            "--format html 的纸张：a4 或 a3，横向［默认：a4］",
        ),
        "buildings" => (
            "Buildings: id, name or part of a name; every building when left out",
            "楼栋：编号、名称或名称中的一部分；不写则为全部楼栋",
        ),
        "color" => (
            "Colour: auto, always or never",
            "颜色：auto、always 或 never［默认：auto］",
        ),
        "building" => (
            "A building: id, id prefix, name or part of a name",
            "楼栋：编号、编号开头、名称或名称中的一部分",
        ),
        "unit" => ("A unit's label, e.g. 1203", "单元门牌，例如 1203"),
        "status" => (
            "healthy, isolating, not-resumed, resumed, vacant or unknown (or 健康住户, 居家隔离, 未复工, 已复工, 空置, 待核实)",
            "健康住户、居家隔离、未复工、已复工、空置、待核实（或英文 `healthy` 等）",
        ),
        "json" => ("Print JSON", "输出 JSON"),
        "name" => ("Name", "名称"),
        "floors" => ("How many floors", "楼层数"),
        "units" => ("Units per floor", "每层单元数"),
        "check" => ("Only check, change nothing", "只检查，不修改"),
        _ => return None,
    })
}

/// What history, merges, the journal and ledgers take.
fn records(id: &str) -> Option<(&'static str, &'static str)> {
    Some(match id {
        "rev" => (
            "A revision: a commit, a branch, HEAD~3, or a date like 2026-11-20 [default: HEAD]",
            "版本：提交、分支、HEAD~3，或 2026-11-20 这样的日期［默认：HEAD］",
        ),
        "base" => (
            "The common ancestor's file (%O)",
            "共同祖先版本的文件（%O）",
        ),
        "ours" => (
            "Our file (%A); the merge is written back here",
            "我方版本的文件（%A），合并结果写回这里",
        ),
        "theirs" => ("Their file (%B)", "对方版本的文件（%B）"),
        "path" => (
            "The file's path in the repository (%P)",
            "文件在仓库中的路径（%P）",
        ),
        "outcome" => (
            "well, needs-help, symptoms, no-answer, not-home or refused (or 正常, 需要帮助, 有症状, 未接通, 无人应答, 拒绝)",
            "结果：正常、需要帮助、有症状、未接通、无人应答（不在家）、拒绝（或英文 `well` 等）",
        ),
        "via" => (
            "call, message or visit [default: call]",
            "方式：`call`（电话）、`message`（消息）、`visit`（上门）［默认：电话］",
        ),
        "note" => ("A note", "备注"),
        "topic" => (
            "With the outcome consulted: what a company asked about — resumption, policy, supplies or other [default: other]",
            "结果为 `consulted`（答疑）时：企业咨询的话题——复工、政策、物资或其他［默认：其他］",
        ),
        "date" => (
            "The day: 2026-11-20, today, -1 [default: today]",
            "日期：2026-11-20、今天、-1［默认：今天］",
        ),
        "reveal" => (
            "Show names, numbers and notes (masked otherwise)",
            "显示姓名、电话和备注（默认隐去）",
        ),
        "file" => (
            "A ledger: CSV (UTF-8 or GBK) or XLSX",
            "台账或名单文件：CSV（UTF-8 或 GBK）或 XLSX",
        ),
        "column" => (
            "Which column holds what: HEADER=FIELD (房间=unit, 户主=name, 序号=- to skip); repeatable",
            "哪一列是什么：表头=字段（如 `房间=unit`、`户主=name`，`序号=-` 跳过）；可重复",
        ),
        "apply" => (
            "Save the changes (without it, only show them)",
            "保存修改（不加时只显示将要修改的内容）",
        ),
        "days" => ("How many days, ending today", "天数，截至今天［默认：14］"),
        "source" => (
            "The ledger's name, recorded on each unit it changes [default: the file's name]",
            "台账名称，记在每个被修改的单元上［默认：文件名］",
        ),
        _ => return None,
    })
}

/// Every command's and argument's help in a language.
pub fn apply(cmd: Command, lang: Lang) -> Command {
    let pick = move |(en, zh): (String, String)| match lang {
        Lang::En => en,
        Lang::Zh => zh,
    };
    let cmd = with_args(cmd, None, pick);
    each_subcommand(cmd, |s, name| match Topic::of_name(name) {
        Some(topic) => {
            let (en, zh) = topic.about();
            let s = with_args(s.about(lang.pick(en, zh)), Some(topic), pick);
            // `company add`, `street status`…: their own words, the command's arguments' texts
            each_subcommand(s, |n, name| {
                let n = match nested_about(topic, name) {
                    Some((en, zh)) => n.about(lang.pick(en, zh)),
                    None => n,
                };
                with_args(n, Some(topic), pick)
            })
        }
        None => s,
    })
}

/// The command with `f` applied to each of its subcommands (by name).
pub fn each_subcommand(cmd: Command, f: impl Fn(Command, &str) -> Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = cmd;
    for n in names {
        cmd = cmd.mut_subcommand(&n, |s| f(s, &n));
    }
    cmd
}

fn with_args(
    mut cmd: Command,
    topic: Option<Topic>,
    pick: impl Fn((String, String)) -> String,
) -> Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        if let Some(t) = arg(topic, &id) {
            let text = pick(t);
            cmd = cmd.mut_arg(&id, |a| a.help(text));
        }
    }
    cmd
}
