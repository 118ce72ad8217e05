//! What a key can ask for: one named command each, described once in English and Chinese. The
//! binding tables (`keymap.rs`), the `?` help, the status-line hints and docs/keys.md's key tables
//! all read these descriptions, so they cannot drift apart.

use loupan_core::i18n::Lang;
use loupan_core::status::Status;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    RowStart,
    RowEnd,
    Top,
    Bottom,
    NextBuilding,
    PrevBuilding,
    SetStatus(Status),
    /// 6–9: no status has them, so they start (or go on with) a unit number.
    UnitDigit(u8),
    ToggleLiveWork,
    Details,
    /// Log a follow-up (call, message, visit) for the unit or the selection.
    FollowUp,
    /// The day's worklist.
    Today,
    /// Log this outcome.
    Log(loupan_core::journal::Outcome),
    /// End an isolation: healthy again, logged.
    Release,
    /// Today: log a temperature for the person under the cursor.
    Temperature,
    Select,
    Undo,
    Redo,
    Find,
    FindNext,
    FindPrev,
    Filter,
    ClearFilter,
    Overview,
    /// Step the whole map a day back / forward (read-only in the past).
    DayBack,
    DayForward,
    /// Counts over the days, as a chart.
    Trend,
    Review,
    Sync,
    /// Copy the day's report text to the clipboard (OSC 52).
    CopyReport,
    /// File an update for the company under the cursor (备案).
    File,
    /// The follow-up window: a company's question answered (答疑), then its topic.
    Consult,
    Help,
    Quit,
    /// Leave the current window or selection.
    Back,
    /// Enter in a window: go, save, open.
    Confirm,
    DeleteChar,
    ClearField,
    NextField,
    PrevField,
    NextChoice,
    PrevChoice,
    /// The conflict window: apply my fields as chosen, on top of what the other person wrote.
    ApplyChosen,
    /// The conflict window: for the field in focus, take mine instead of theirs (or back).
    ToggleMine,
    Commit,
    /// The vacant prompt: clear the household's name, people and contact.
    Yes,
    /// Quitting from a form: throw away what was typed.
    Discard,
}

impl Command {
    /// Flat table: what each command does, for help and docs/keys.md (one arm per command, no
    /// wildcard, so a new command without its text does not compile).
    pub fn describe(self, lang: Lang) -> &'static str {
        use Command::*;
        if let Some((en, zh)) = self.describe_window() {
            return lang.pick(en, zh);
        }
        let (en, zh) = match self {
            Left | Right | Up | Down => (
                "move between units (up = higher floor)",
                "在单元间移动（上 = 更高楼层）",
            ),
            PageUp | PageDown => ("ten floors up / down", "上 / 下十层"),
            RowStart | RowEnd => ("first / last unit of the floor", "本层第一户 / 最后一户"),
            Top | Bottom => ("top / bottom floor", "顶层 / 底层"),
            NextBuilding | PrevBuilding => ("next / previous building", "下一栋 / 上一栋"),
            SetStatus(Status::Unknown) => ("set unknown", "设为待核实"),
            UnitDigit(_) => (
                "a unit number (digits in a row go to that unit)",
                "门牌号（连续输入的数字跳到该单元）",
            ),
            SetStatus(_) => (
                "set healthy / isolating / not-resumed / resumed / vacant",
                "设为 健康住户 / 居家隔离 / 未复工 / 已复工 / 空置",
            ),
            ToggleLiveWork => ("toggle live-work", "切换企住一体"),
            Details => (
                "edit the unit's details: status, name, people, contact, note, dates",
                "编辑单元详情：状态、名称、人数、联系方式、备注、日期",
            ),
            FollowUp => (
                "log a follow-up for the unit (or the selection): a key per outcome, Enter adds a note",
                "为单元（或框选）记录随访：每种结果一个键，Enter 可加备注",
            ),
            Today => (
                "today: calls due, isolations ending, units to knock, companies not resumed",
                "今日工作：待打电话、到期隔离、待上门、未复工企业",
            ),
            Log(_) => (
                "log: well / needs help / symptoms / no answer / not home / refused",
                "记录：正常 / 需要帮助 / 有症状 / 未接通 / 无人应答 / 拒绝",
            ),
            Temperature => (
                "log a temperature for the person (fever, reading missing, observation ending): the number, then Enter",
                "为这个人登记体温（发热、未测体温、观察期满）：输入数字，再按 Enter",
            ),
            Release => (
                "end the isolation (healthy again, logged): shows what it does, e again does it",
                "解除隔离（恢复健康住户并记录）：先显示将做的事，再按 e 确认",
            ),
            Select => (
                "block selection: move to extend, then a status key applies to all; Esc cancels",
                "框选：移动扩大选区，再按状态键作用于全部；Esc 取消",
            ),
            Undo | Redo => ("undo / redo (each is saved)", "撤销 / 重做（都会保存）"),
            Find => (
                "find a building, unit, name, note or status: /海港 1904",
                "查找楼栋、单元、名称、备注或状态：/海港 1904",
            ),
            FindNext | FindPrev => (
                "next / previous match (or filtered unit)",
                "下一个 / 上一个匹配（或筛选出的单元）",
            ),
            ClearFilter => ("clear the filter", "清除筛选"),
            Help => ("this help", "本帮助"),
            Quit => (
                "quit (every edit is already saved)",
                "退出（所有修改均已保存）",
            ),
            Back => ("back / cancel", "返回 / 取消"),
            Confirm => ("go / save / open", "确定 / 保存 / 打开"),
            // described by describe_window, which answered first
            Overview | DayBack | DayForward | Trend | Review | Sync | CopyReport | File
            | Consult | Filter => ("", ""),
            DeleteChar | ClearField | NextField | PrevField | NextChoice | PrevChoice => ("", ""),
            ApplyChosen => (
                "apply my changes as chosen, on top of theirs",
                "按所选应用我的修改，其余保留对方的",
            ),
            ToggleMine => ("for this field: mine or theirs", "此项：用我的或对方的"),
            Commit => ("commit with a message", "写说明并提交"),
            Yes => ("yes", "是"),
            Discard => ("discard", "放弃"),
        };
        lang.pick(en, zh)
    }

    /// What the keys that open a view or a window, or edit a form field, do.
    fn describe_window(self) -> Option<(&'static str, &'static str)> {
        use Command::*;
        Some(match self {
            Overview => ("overview of every building", "全部楼栋总览"),
            Filter => (
                "filter: highlight one status, again for the next",
                "筛选：突出一种状态，再按换下一种",
            ),
            Consult => (
                "a company's question answered: then 1-4 for its topic (resumption, policy, supplies, other)",
                "答疑：再按 1-4 选话题（复工、政策、物资、其他）",
            ),
            File => (
                "file an update for the company here (its status, staff on site, returns)",
                "为此处的企业备案（复工状态、到岗、返京人数）",
            ),
            CopyReport => (
                "copy the day's report text for the chat group (OSC 52)",
                "复制今日报告文字，可粘贴到工作群",
            ),
            DayBack | DayForward => (
                "the map a day back / forward (the past is read-only, its changes marked +); forward past today edits again",
                "楼盘图后退 / 前进一天（过去只读，当天变化标 +）；前进到今天恢复编辑",
            ),
            Trend => (
                "trend: every status over the days, the district's or the chosen building's",
                "趋势：各状态逐日变化，全辖区或所选楼栋",
            ),
            Review => (
                "review and commit uncommitted changes (git)",
                "审阅并提交未提交的修改（git）",
            ),
            Sync => (
                "sync with the shared remote: commit, fetch, merge unit by unit, push (on the worker)",
                "与共享远端同步：提交、获取、按单元合并、推送（后台进行）",
            ),
            DeleteChar | ClearField => (
                "delete a character (a selected value whole) / clear the field",
                "删除一个字（选中的值整个删除）/ 清空本项",
            ),
            NextField | PrevField => ("next / previous field", "下一项 / 上一项"),
            NextChoice | PrevChoice => ("change the choice", "切换选项"),
            _ => return None,
        })
    }

    /// A short word for the status line.
    pub fn hint(self, lang: Lang) -> &'static str {
        use Command::*;
        let (en, zh) = match self {
            Left | Right | Up | Down => ("move", "移动"),
            SetStatus(Status::Unknown) => ("unknown", "待核实"),
            SetStatus(_) => ("status", "状态"),
            ToggleLiveWork => ("live-work", "企住一体"),
            Details => ("details", "详情"),
            FollowUp => ("follow-up", "随访"),
            Today => ("today", "今日"),
            Log(_) => ("log", "记录"),
            Release => ("end isolation", "解除隔离"),
            Temperature => ("temperature", "体温"),
            Select => ("select", "框选"),
            Undo => ("undo", "撤销"),
            Find => ("find", "查找"),
            FindNext | FindPrev => ("next", "下一个"),
            Filter => ("filter", "筛选"),
            Overview => ("overview", "总览"),
            DayBack | DayForward => ("day", "日期"),
            Trend => ("trend", "趋势"),
            Review => ("review", "审阅"),
            Sync => ("sync", "同步"),
            CopyReport => ("copy report", "复制日报"),
            File => ("file", "备案"),
            Consult => ("answered", "答疑"),
            Help => ("help", "帮助"),
            Quit => ("quit", "退出"),
            Back => ("back", "返回"),
            Confirm => ("ok", "确定"),
            NextField | PrevField => ("field", "切换"),
            NextChoice | PrevChoice => ("choose", "选择"),
            ClearField => ("clear", "清空"),
            ApplyChosen => ("apply as chosen", "按所选应用"),
            ToggleMine => ("mine/theirs", "我的/对方的"),
            Commit => ("commit", "提交"),
            Yes => ("yes", "是"),
            _ => return self.describe(lang),
        };
        lang.pick(en, zh)
    }
}
