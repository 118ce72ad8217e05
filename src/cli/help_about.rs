//! What each command does, in both languages: one arm per [`Topic`], no wildcard, so a new
//! command without its text does not compile.

use super::help::Topic;

impl Topic {
    /// Flat table: what the command does, (English, Chinese), one arm per command.
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
            Topic::RemoteHook => (
                "The street's shared remote's guard: install PATH.git puts hooks into the bare repository that refuse unreadable or foreign files and record when reports arrive",
                "街道共享远端的守卫：`install 路径.git` 在裸仓库里安装钩子，拒绝无法读取的文件和非 loupan 数据，并记录报告的到达时间",
            ),
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
            Topic::Person => (
                "Returnees and staff of a company or a household, kept in the private store only: add, set, list (masked unless --reveal)",
                "企业员工或住户的返京人员台账，只保存在本站私密存储：`add` 登记、`set` 修改、`list` 列表（默认隐去个人信息）",
            ),
            Topic::Temp => (
                "Log a person's temperature for today (35.0–42.0 °C; 37.3 or more is a fever, escalated in the report)",
                "登记一个人今天的体温（35.0–42.0 ℃；37.3 ℃ 及以上为发热，列入报告的需上报事项）",
            ),
        }
    }
}
