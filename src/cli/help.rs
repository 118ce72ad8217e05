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

    /// What the command does: (English, Chinese).
    pub fn about(self) -> (&'static str, &'static str) {
        match self {
            Topic::Check => (
                "Validate every building file and the journal; problems as PATH:LINE:COL: MESSAGE",
                "检查所有楼栋文件和随访日志；每个问题按 路径:行:列: 说明 列出",
            ),
            Topic::Stats => (
                "Counts per status, per building and in total",
                "按楼栋和合计统计各状态的单元数",
            ),
            Topic::Render => (
                "Print buildings' charts with a legend, in the terminal or as a page to print",
                "打印楼栋的楼盘图和图例，显示在终端或生成网页供打印",
            ),
            Topic::Show => (
                "Print a building's or a unit's record",
                "打印一栋楼或一个单元的记录",
            ),
            Topic::Set => (
                "Edit one unit (the same write path as the map); an empty field value clears that field",
                "修改一个单元（与地图同一条保存路径）；字段值留空即清除该字段",
            ),
            Topic::New => (
                "Create a building: floors 1..N with N units each, labelled <floor><two digits>",
                "新建楼栋：1..N 层，每层 N 户，门牌为<楼层><两位序号>",
            ),
            Topic::Fmt => (
                "Rewrite files in canonical form (or, with --check, list those that would change)",
                "把文件整理成标准格式（加 --check 只列出需要整理的文件）",
            ),
            Topic::Init => (
                "Prepare the git repository: .gitattributes and this clone's merge-driver config (idempotent)",
                "准备 git 仓库：.gitattributes 和本克隆的合并驱动配置（可重复运行）",
            ),
            Topic::MergeDriver => (
                "Git's merge driver: three-way merge unit by unit and field by field into OURS",
                "git 的合并驱动：逐户、逐项三方合并到 OURS",
            ),
            Topic::Diff => (
                "Unit changes between REV (default HEAD) and the working tree",
                "REV（默认 HEAD）与工作区之间的单元变化",
            ),
            Topic::Log => (
                "A unit's history from git: date, author, old → new (newest first); or a company's filings, given its name or id",
                "一个单元在 git 中的历史：日期、作者、旧值 → 新值（最新在前）；写企业名称或编号则为该企业的备案历史",
            ),
            Topic::FollowUp => (
                "Log a call, message or visit in the journal: well, needs-help, symptoms, no-answer, not-home, refused",
                "在日志里记一次电话、消息或上门：正常、需要帮助、有症状、未接通、无人应答、拒绝",
            ),
            Topic::Journal => (
                "A day's journal entries, oldest first",
                "某一天的随访记录，按时间先后",
            ),
            Topic::Report => (
                "The daily report: totals, changes since the day before, follow-ups; a zero report when nothing is new",
                "日报：总数、与前一天相比的变化、随访；没有新情况时为零报告",
            ),
            Topic::Export => (
                "Every unit as a ledger row (CSV with a byte-order mark, or XLSX with a chart sheet per building); names and numbers masked unless --reveal",
                "把所有单元导出为台账（带字节序标记的 CSV，或 XLSX：每栋楼一张楼盘图）；姓名电话默认隐去",
            ),
            Topic::Import => (
                "A ledger (CSV, UTF-8 or GBK, or XLSX) into the buildings; shows the changes, --apply saves them",
                "把台账（CSV，UTF-8 或 GBK；或 XLSX）导入楼盘；先显示将要修改的内容，加 --apply 才保存",
            ),
            Topic::Crosscheck => (
                "An outside list of units (access cards, property records) against the chart: what to verify",
                "把外部名单（门禁卡、物业底账）与楼盘对照：列出需要上门核实的单元",
            ),
            Topic::Trend => (
                "Counts per status at the end of each day, from git (today from the files as they are)",
                "每天日终各状态的单元数，来自 git 历史（今天取自当前文件）",
            ),
            _ => self.about_rest(),
        }
    }
}

impl Topic {
    /// What the day's worklist and the commands a new user reaches for first do.
    fn about_rest(self) -> (&'static str, &'static str) {
        match self {
            Topic::Today => (
                "The day's worklist: calls due, isolations ending and overdue, units to knock, companies not resumed",
                "今日工作：待打电话、到期和逾期的隔离、待上门核实、未复工企业",
            ),
            Topic::Company => (
                "Companies filed at the building: add, set (a filing update), list, show",
                "楼宇企业备案：`add` 新增、`set` 备案更新、`list` 列表、`show` 查看",
            ),
            Topic::Migrate => (
                "Rewrite older files: each company unit's name and headcount into a company record, and personal values (names, contacts, notes) out of the shared files into the private store; one commit each, no count changed",
                "改写旧文件：把企业单元的名称和人数改写为企业记录，并把个人信息（姓名、电话、备注）从共享文件移到私密存储；各一次提交，各项数目不变",
            ),
            Topic::Purge => (
                "Remove personal values past retention ([retention] in the config) from the private store and every stored version of it; prints counts, never values",
                "删除超过保存期限（配置中的 `[retention]`）的个人信息，包括私密存储的所有历史版本；只显示数目，不显示内容",
            ),
            Topic::Street => (
                "The street: init NAME makes this repository a street; status shows who has reported (exit 1 when one is missing after the deadline); report adds the stations' reports up",
                "街道：`init 名称` 把本仓库设为街道；`status` 查看各站上报情况（过了截止时间仍有未报时退出码为 1）；`report` 汇总各站报告",
            ),
            Topic::Station => (
                "A street's stations: add ID NAME gives a station its folder stations/ID/; key sets its public SSH key; join makes this laptop sign with it",
                "街道的工作站：`add 编号 名称` 为工作站建立目录 stations/编号/；`key` 登记其 SSH 公钥；`join` 让本机用该密钥签名",
            ),
            Topic::RemoteHook => super::help_args::remote_hook_about(),
            Topic::Sync => (
                "Commit what is not committed, fetch the shared remote, merge unit by unit, push (merging again when someone was first); offline it keeps everything for next time",
                "提交未提交的修改，获取共享远端，按单元合并，推送（有人先推送时再次合并）；离线时全部保留，下次再同步",
            ),
            Topic::PrivateRemote => (
                "Give the private store (names, contacts, notes) its own remote, the station's server — never the street's; sync then syncs both",
                "为私密存储（姓名、电话、备注）设置它自己的远端，即工作站的服务器（绝不能是街道的）；之后 `sync` 会同步两者",
            ),
            Topic::Audit => (
                "The audit log: every --reveal and every purge, who, when, which command, how many records (never values)",
                "审计日志：每次 --reveal 和每次清除，谁、何时、哪个命令、多少条记录（不含内容）",
            ),
            Topic::Demo => (
                "Write a data set to try loupan on: the sample towers, a 33-tower district or a 2,000-tower city, optionally with days of git history",
                "生成一套试用数据：示例楼栋、33 栋楼的街区或 2000 栋楼的城市，可附带若干天的 git 历史",
            ),
            Topic::Completions => (
                "Print the shell's completion script (bash, zsh, fish, powershell or elvish)",
                "输出命令补全脚本（`bash`、`zsh`、`fish`、`powershell` 或 `elvish`）",
            ),
            Topic::Man => (
                "Print the manual page (roff): loupan(1), or a command's own; read it with loupan man | man -l -",
                "输出手册页（`roff` 格式）：loupan(1)，或某个命令的手册页；阅读：`loupan man | man -l -`",
            ),
            _ => super::help_args::about_people(self),
        }
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
