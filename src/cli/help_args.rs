//! Argument texts that differ from command to command (the common ones are `help.rs`'s).

use super::help::Topic;

/// Texts that differ from command to command.
pub(super) fn special(topic: Topic, id: &str) -> Option<(&'static str, &'static str)> {
    use Topic::*;
    Some(match (topic, id) {
        (Stats | Trend, "format") => ("Output format", "输出格式：table、json 或 csv"),
        (Report, "format") => ("Output format", "输出格式：text、json、csv 或 xlsx"),
        (Export, "format") => ("Output format", "输出格式：csv 或 xlsx"),
        (Render, "format") => (
            "Output format: text, or html for a printable page",
            "输出格式：text，或 html（可打印的网页）",
        ),
        (Render, "out") => (
            "Write to this file instead of standard output",
            "写入这个文件，而不是输出到终端",
        ),
        (Render, "reveal") => (
            "Show household names on the page (masked otherwise)",
            "在网页上显示住户姓名（默认隐去）",
        ),
        (Export, "reveal") => (
            "Show names, numbers and notes (masked otherwise)",
            "显示姓名、电话和备注（默认隐去）",
        ),
        (Crosscheck, "reveal") => (
            "Show names from the list (masked otherwise)",
            "显示名单上的姓名（默认隐去）",
        ),
        (Journal, "reveal") => ("Show notes (masked otherwise)", "显示备注（默认隐去）"),
        (FollowUp, "at") => (
            "When the contact was made, if earlier: \"2026-11-20 18:30\", \"yesterday 18:30\" or \"18:30\" (never in the future)",
            "联系的时间（补记之前的随访）：“2026-11-20 18:30”、“昨天 18:30”或“18:30”（不能是将来）",
        ),
        (Purge, "dry_run") => (
            "Only count what would be removed",
            "只统计将要删除的数目，不删除",
        ),
        (Audit, "days") => (
            "Only the last N days (today included)",
            "只看最近 N 天（含今天）",
        ),
        (Trend, "building") => (
            "One building (id, prefix or name); the whole district when left out",
            "一栋楼（编号、编号开头或名称）；不写则为全部楼栋",
        ),
        (Journal, "building") => ("Only this building's entries", "只列出这栋楼的记录"),
        (Journal, "id") => (
            "The entry's id, as `loupan journal --json` lists it",
            "记录的编号，见 `loupan journal --json`",
        ),
        (Import | Crosscheck, "building") => (
            "The building of every row, when the table has no building column",
            "表格没有楼栋列时，每一行所属的楼栋",
        ),
        (Import, "date") => (
            "The ledger's day: recorded as the units' `checked`, and a field changed on the chart after it keeps the chart's value [default: a date in the file's name or title row, else its modification time]",
            "台账的日期：记为各单元的“最近核实”；图上晚于这一天的修改会保留［默认：文件名或标题行里的日期，否则取文件修改时间］",
        ),
        (Import, "prefer_ledger") => (
            "Take the ledger's values even where the chart changed them after the ledger's day",
            "即使图上的修改晚于台账日期，也以台账为准",
        ),
        (Crosscheck, "file") => (
            "An outside list of units: CSV (UTF-8 or GBK) or XLSX with building and unit columns",
            "外部名单：CSV（UTF-8 或 GBK）或 XLSX，含楼栋和单元列",
        ),
        _ => return special_more(topic, id),
    })
}

/// The rest of the texts that differ from command to command.
fn special_more(topic: Topic, id: &str) -> Option<(&'static str, &'static str)> {
    use Topic::*;
    Some(match (topic, id) {
        (New, "name") => ("The building's name", "楼栋名称"),
        (New, "building") => (
            "The new building's id: letters, digits, - or _ (its file is <id>.toml)",
            "新楼栋的编号：字母、数字、- 或 _（文件名为 <编号>.toml）",
        ),
        (Log, "unit") => (
            "A unit's label (1203), or a company's name or id (c3)",
            "单元门牌（1203），或企业名称、编号（c3）",
        ),
        (Migrate, "rewrite_history") => (
            "Then rewrite the shared history once (git-filter-repo), so that no commit holds a moved personal value; proven object by object. Clones made before must be made again",
            "随后改写一次共享历史（git-filter-repo），使任何提交都不再含有已移出的个人信息，并逐个对象核实；之前的克隆需重新克隆",
        ),
        (Demo, "out") => (
            "The folder to write into: new or empty, never real data",
            "写入的文件夹：须为新的或空的，不会覆盖已有数据",
        ),
        (Demo, "preset") => (
            "sample (the eight sample towers), district (33 towers), city (2,000 towers) or street (a street's repository: 20 stations of 33 towers, 17 reported)",
            "sample（8 栋示例楼）、district（33 栋楼的街区）、city（2000 栋楼的城市）或 street（街道仓库：20 个工作站各 33 栋楼，17 个已上报）［默认：sample］",
        ),
        (Demo, "history") => (
            "Make the folder a git repository of this many daily commits, ending yesterday",
            "把文件夹做成 git 仓库，含这么多天的每日提交，截至昨天",
        ),
        (Completions, "shell") => (
            "The shell: bash, zsh, fish, powershell or elvish",
            "命令行 shell：`bash`、`zsh`、`fish`、`powershell` 或 `elvish`",
        ),
        (Man, "command") => (
            "A command, for its own page (loupan-today(1)); loupan(1) when left out",
            "命令名，输出该命令的手册页（如 loupan-today(1)）；不写则为 loupan(1)",
        ),
        (Company, "csv") => (
            "Print CSV (with a byte-order mark), one company a row, as the XLSX export's companies sheet",
            "输出 CSV（带字节序标记），每家企业一行，与 XLSX 导出的企业表相同",
        ),
        (Company, "units") => (
            "The units it occupies, e.g. 501,502",
            "占用的单元，例如 501,502",
        ),
        (Company, "company") => (
            "A company: its id (c1) or a unique part of its name",
            "企业：编号（如 c1）或名称中独有的一部分",
        ),
        (Company, "name") => ("The company's name", "企业名称"),
        (Company, "force") => (
            "File it even though a company of the same name is already in the unit (a true second one)",
            "即使该单元已有同名企业也登记（确实是另一家时使用）",
        ),
        (Show, "unit") => (
            "A unit's label; the whole building when left out",
            "单元门牌；不写则为整栋楼",
        ),
        _ => return special_people(topic, id),
    })
}

/// The street's and the private store's commands.
fn special_street(topic: Topic, id: &str) -> Option<(&'static str, &'static str)> {
    use Topic::*;
    Some(match (topic, id) {
        (Report, "submit") => (
            "Send the day's report up to the street: written to reports/DATE/STATION.toml (counts only), committed and synced",
            "把当天的报告上报街道：写入 reports/日期/工作站.toml（只有数目），提交并同步",
        ),
        (Street, "name") => ("The street's name", "街道名称"),
        (Street, "date") => ("The day [default: today]", "日期［默认：今天］"),
        (Street, "format") => ("Output format", "输出格式：text、json、csv 或 xlsx"),
        (Street, "out") => (
            "Write to this file (required for xlsx)",
            "写入这个文件（xlsx 必须指定）",
        ),
        (Station, "id") => (
            "The station's id: letters, digits, - or _ (its folder is stations/<id>/)",
            "工作站编号：字母、数字、- 或 _（目录为 stations/<编号>/）",
        ),
        (Station, "name") => ("The station's name", "工作站名称"),
        (Station, "key") => (
            "The station's public SSH key: its line (ssh-ed25519 AAAA…) or its .pub file; its reports then count only when signed by it",
            "工作站的 SSH 公钥：那一行（ssh-ed25519 AAAA…）或 .pub 文件；此后其报告须由该密钥签名才计入",
        ),
        (Station, "signing_key") => (
            "The station's private SSH key on this laptop (its .pub beside it); this clone then signs every commit with it",
            "本机上工作站的 SSH 私钥（同目录有 .pub）；此后本克隆的每个提交都用它签名",
        ),
        (RemoteHook, "repo") => (
            "The street's bare repository on the server (street.git)",
            "服务器上街道的裸仓库（street.git）",
        ),
        (PrivateRemote, "url") => (
            "The station server's repository: a path or an ssh URL (git init --bare there first)",
            "工作站服务器上的仓库：路径或 ssh 地址（先在那里 `git init --bare`）",
        ),
        _ => return None,
    })
}

/// What a command's own subcommand does (`company add`, `street status`…): (English, Chinese).
pub fn nested_about(topic: Topic, name: &str) -> Option<(&'static str, &'static str)> {
    use Topic::*;
    Some(match (topic, name) {
        (Company, "add") => (
            "File a new company in a building: the units it uses and its name, with whatever else is known",
            "在楼栋里新增一家企业备案：所用单元和名称，以及已知的其他信息",
        ),
        (Company, "set") => (
            "Update a company's filing (by its number or name): only the fields given change",
            "更新一家企业的备案（按编号或名称）：只改所给的项",
        ),
        (Company, "list") => (
            "The companies of every building, or of those named",
            "列出全部楼栋（或所列楼栋）的企业",
        ),
        (Company, "show") => ("One company's filing, whole", "查看一家企业的完整备案"),
        (Person, "add") => (
            "Register a returnee or staff member of a company (or a household's unit); prints the id",
            "登记企业员工（或住户）的返京情况；输出其编号",
        ),
        (Person, "set") => ("Change a person's fields", "修改人员信息"),
        (Person, "list") => (
            "People of every building (or those named), masked unless --reveal",
            "列出全部楼栋（或所列楼栋）的人员，默认隐去个人信息",
        ),
        (Street, "init") => (
            "Make this repository a street: street.toml with its name and an 18:00 deadline",
            "把本仓库设为街道：写入 street.toml（名称，截止时间 18:00）",
        ),
        (Street, "status") => (
            "Who has reported tonight, when, zero or not; exit 1 when a station is missing after the deadline",
            "今晚各站上报情况：时间、是否零报告；过了截止时间仍有未报时退出码为 1",
        ),
        (Street, "report") => (
            "The stations' reports added up, one row per station; missing stations listed, never counted as zero",
            "汇总各站报告，每站一行；未报的站单独列出，不按零计入",
        ),
        (Journal, "withdraw") => (
            "Withdraw an entry logged by mistake: a new entry cancels it (nothing is rewritten), and every count reads the day without it",
            "撤回一条误记的随访：追加一条撤回记录（原记录不改动），各项统计按撤回后的情况计算",
        ),
        (Station, "key") => (
            "Set a station's public SSH key in street.toml: its reports count only when a commit signed by that key last changed them",
            "在 street.toml 登记工作站的 SSH 公钥：只有由该密钥签名的提交最后修改的报告才计入",
        ),
        (Station, "join") => (
            "Make this clone sign its commits with the station's SSH key (git's SSH signing), after checking street.toml lists that key",
            "让本克隆用工作站的 SSH 密钥为提交签名（git 的 SSH 签名），并核对 street.toml 登记的是这把密钥",
        ),
        (RemoteHook, "install") => (
            "Install the guard's hooks (pre-receive, post-receive) into the street's bare repository; they run this loupan binary",
            "在街道的裸仓库里安装守卫钩子（pre-receive、post-receive）；钩子运行本 loupan 程序",
        ),
        (RemoteHook, "check") => (
            "Run by the pre-receive hook: read the pushed refs on stdin, refuse what would leave loupan data unreadable or add foreign files",
            "由 pre-receive 钩子运行：从标准输入读取推送的引用，拒绝会使 loupan 数据无法读取或加入其他文件的推送",
        ),
        (RemoteHook, "receipt") => (
            "Run by the post-receive hook: note when each pushed report arrived (refs/notes/loupan-receipts)",
            "由 post-receive 钩子运行：记录每份推送的报告到达的时间（refs/notes/loupan-receipts）",
        ),
        (Station, "add") => (
            "Add a station: its line in street.toml and its folder stations/ID/",
            "添加工作站：在 street.toml 写入一行，并建立目录 stations/编号/",
        ),
        _ => return None,
    })
}

/// `person`'s flags: the person's fields.
pub(super) fn person_flag(id: &str) -> Option<(String, String)> {
    let f = loupan_core::people::PersonField::from_key(&id.replace('_', "-"))?;
    let (k, z) = (f.key(), f.zh());
    Some((
        format!("The person's {k}; an empty value clears it"),
        format!("{z}；留空即清除"),
    ))
}

/// The returnees' and inspections' arguments.
fn special_people(topic: Topic, id: &str) -> Option<(&'static str, &'static str)> {
    use Topic::*;
    Some(match (topic, id) {
        (Person, "place") => (
            "Where the person belongs: a company (id or name) or a household's unit (1502)",
            "所属：企业（编号或名称）或住户的单元（如 1502）",
        ),
        (Person | Temp, "person") => (
            "A person: their id (p1) or a unique part of the name",
            "人员：编号（如 p1）或姓名中独有的一部分",
        ),
        (Person, "csv") => (
            "Print the staff ledger as CSV (with a byte-order mark): 楼宇, 企业/商铺, 房号, 姓名 … 体温, 日期",
            "输出人员台账 CSV（带字节序标记）：楼宇、企业/商铺、房号、姓名……体温、日期",
        ),
        (Person, "xlsx") => (
            "Write the staff ledger as a spreadsheet with one sheet 人员 (masked unless --reveal); `loupan import` reads it back",
            "把人员台账写成表格文件，只有一个工作表“人员”（默认隐去个人信息，--reveal 才显示）；`loupan import` 可读回",
        ),
        (Person, "observing") => (
            "Only people in observation today",
            "只列出今天在观察期内的人",
        ),
        (Temp, "temp") => ("The temperature, e.g. 36.8", "体温，例如 36.8"),
        (Temp, "at") => (
            "When it was taken, if earlier: \"08:30\" or \"yesterday 18:30\" (never in the future)",
            "测量时间（补记之前的体温）：“08:30”或“昨天 18:30”（不能是将来）",
        ),
        (Temp, "by") => ("Who took it [default: you]", "测量人［默认：本人］"),
        (FollowUp, "company") => (
            "With the outcome inspected: the company inspected (id or name)",
            "结果为 `inspected`（摸排）时：被摸排的企业（编号或名称）",
        ),
        (FollowUp, "found") => (
            "With inspected: open or closed; a suspended business found open is escalated",
            "摸排时的情况：`open`（营业）或 `closed`（未营业）；暂停营业的网点在营业会上报",
        ),
        _ => return special_street(topic, id),
    })
}

/// `company`'s flags come from the company schema.
pub(super) fn company_flag(id: &str) -> Option<(String, String)> {
    let spec = loupan_core::company::COMPANY_FIELDS
        .iter()
        .find(|s| s.key == id)?;
    let (le, lz) = (
        spec.label(loupan_core::i18n::Lang::En),
        spec.label(loupan_core::i18n::Lang::Zh),
    );
    Some((
        format!("{le}; an empty value clears it"),
        format!("{lz}；留空即清除"),
    ))
}
