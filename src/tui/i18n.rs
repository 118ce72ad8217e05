//! Every string the TUI shows, in Chinese and English. One `match` returns both languages as a
//! pair, so a message without a translation does not compile.

use crate::core::status::Status;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `--lang`, else the config's `lang`, else the locale.
    pub fn pick(flag: Option<crate::cli::Lang>, config: Option<&str>) -> Lang {
        match flag {
            Some(crate::cli::Lang::Zh) => return Lang::Zh,
            Some(crate::cli::Lang::En) => return Lang::En,
            None => {}
        }
        if let Some(c) = config {
            return if c.starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            };
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default();
        if locale.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn status(self, s: Status) -> &'static str {
        match self {
            Lang::Zh => s.zh(),
            Lang::En => s.key(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Units,
    Loading,
    LiveWork,
    Households,
    Companies,
    Floor,
    Name,
    People,
    Contact,
    Note,
    Since,
    Until,
    Checked,
    Status,
    DayOf,
    Ends,
    Never,
    Saved,
    NotSaved,
    Unchanged,
    ReadOnly,
    Broken,
    TooSmall,
    Normal,
    Select,
    Search,
    Edit,
    Help,
    Overview,
    Review,
    Filter,
    NoMatch,
    SearchAll,
    NothingToUndo,
    NothingToRedo,
    Undone,
    Redone,
    ChangedElsewhere,
    YouTried,
    ApplyMine,
    KeepTheirs,
    InvalidDate,
    InvalidPeople,
    HintsNormal,
    HintsSelect,
    HintsSearch,
    HintsForm,
    HintsOverview,
    HintsHelp,
    HintsConflict,
    HintsReview,
    Verified,
    Isolating,
    NoBuildings,
    Selected,
    OutsideChange,
    Uncommitted,
    Branch,
    Ahead,
    Behind,
    CommitMessage,
    Committed,
    NothingToCommit,
    NotGit,
    KeyMove,
    KeyTopBottom,
    KeyBuilding,
    KeyStatus,
    KeyUnknown,
    KeyLiveWork,
    KeyDetails,
    KeyChecked,
    KeySelect,
    KeyUndo,
    KeySearch,
    KeyFilter,
    KeyOverview,
    KeyReview,
    KeyHelp,
    KeyQuit,
    Searching,
    OfLoaded,
}

impl Msg {
    pub fn get(self, lang: Lang) -> &'static str {
        let (en, zh) = self.pair();
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    fn pair(self) -> (&'static str, &'static str) {
        use Msg::*;
        match self {
            Units => ("units", "户"),
            Loading => ("loading", "加载中"),
            LiveWork => ("live-work", "企住一体"),
            Households => ("households", "住户"),
            Companies => ("companies", "企业"),
            Floor => ("floor", "楼层"),
            Name => ("name", "名称"),
            People => ("people", "人数"),
            Contact => ("contact", "联系方式"),
            Note => ("note", "备注"),
            Since => ("since", "隔离开始"),
            Until => ("until", "隔离结束"),
            Checked => ("checked", "最近核实"),
            Status => ("status", "状态"),
            DayOf => ("day {n} of 14", "第 {n} 天 / 14"),
            Ends => ("ends", "结束于"),
            Never => ("never", "从未"),
            Saved => ("saved", "已保存"),
            NotSaved => ("not saved", "未保存"),
            Unchanged => ("unchanged", "无变化"),
            ReadOnly => ("read-only", "只读"),
            Broken => ("broken file, read-only", "文件有误，只读"),
            TooSmall => ("window too small", "窗口太小"),
            Normal => ("NORMAL", "浏览"),
            Select => ("SELECT", "框选"),
            Search => ("SEARCH", "查找"),
            Edit => ("EDIT", "编辑"),
            Help => ("HELP", "帮助"),
            Overview => ("OVERVIEW", "总览"),
            Review => ("REVIEW", "审阅"),
            Filter => ("filter", "筛选"),
            NoMatch => ("no match", "没有找到"),
            SearchAll => ("all buildings", "全部楼栋"),
            NothingToUndo => ("nothing to undo", "没有可撤销的操作"),
            NothingToRedo => ("nothing to redo", "没有可重做的操作"),
            Undone => ("undone", "已撤销"),
            Redone => ("redone", "已重做"),
            ChangedElsewhere => ("changed elsewhere; now", "已被他人修改，现为"),
            YouTried => ("you tried", "你的修改"),
            ApplyMine => ("y apply mine on top", "y 仍用我的"),
            KeepTheirs => ("Esc keep theirs", "Esc 保留对方的"),
            InvalidDate => ("not a date: write 2020-02-10", "日期格式应为 2020-02-10"),
            InvalidPeople => ("a whole number, 0 or more", "应为非负整数"),
            HintsNormal => (
                "hjkl/arrows move  1-5,0 status  w live-work  Enter details  v select  / find  u undo  ? help  q quit",
                "hjkl/方向键 移动  1-5,0 状态  w 企住一体  Enter 详情  v 框选  / 查找  u 撤销  ? 帮助  q 退出",
            ),
            HintsSelect => (
                "move to extend  1-5,0 set all  w live-work all  Esc cancel",
                "移动扩大选区  1-5,0 全部设置  w 企住一体  Esc 取消",
            ),
            HintsSearch => (
                "type label, name or note  Enter go  Esc cancel",
                "输入门牌、名称或备注  Enter 跳转  Esc 取消",
            ),
            HintsForm => (
                "Tab/↑↓ field  Enter save  Esc cancel  (empty clears)",
                "Tab/↑↓ 切换  Enter 保存  Esc 取消  （留空即清除）",
            ),
            HintsOverview => (
                "arrows choose  Enter open  o/Esc back",
                "方向键选择  Enter 打开  o/Esc 返回",
            ),
            HintsHelp => ("Esc/? close", "Esc/? 关闭"),
            HintsConflict => (
                "y apply mine on top  Esc keep theirs",
                "y 仍用我的  Esc 保留对方的",
            ),
            HintsReview => ("c commit  Esc back", "c 提交  Esc 返回"),
            Verified => ("verified", "已核实"),
            Isolating => ("isolating", "隔离"),
            NoBuildings => (
                "no buildings here: create one with `loupan new ID --name NAME --floors N --units N`",
                "这里还没有楼栋：用 `loupan new ID --name 名称 --floors N --units N` 新建",
            ),
            Selected => ("selected", "已选"),
            OutsideChange => ("changed outside", "外部修改"),
            Uncommitted => ("uncommitted", "未提交"),
            Branch => ("branch", "分支"),
            Ahead => ("ahead", "领先"),
            Behind => ("behind", "落后"),
            CommitMessage => (
                "commit message (Enter commit, Esc cancel)",
                "提交说明（Enter 提交，Esc 取消）",
            ),
            Committed => ("committed", "已提交"),
            NothingToCommit => ("no uncommitted changes", "没有未提交的修改"),
            NotGit => ("not in a git repository", "不在 git 仓库中"),
            KeyMove => (
                "move between units (up = higher floor)",
                "在单元间移动（上 = 更高楼层）",
            ),
            KeyTopBottom => ("top / bottom floor", "顶层 / 底层"),
            KeyBuilding => ("next / previous building", "下一栋 / 上一栋"),
            KeyStatus => (
                "set healthy / isolating / not-resumed / resumed / vacant",
                "设为 健康住户 / 居家隔离 / 未复工 / 已复工 / 空置",
            ),
            KeyUnknown => ("set unknown", "设为待核实"),
            KeyLiveWork => ("toggle live-work", "切换企住一体"),
            KeyDetails => (
                "edit details (name, people, contact, note, dates)",
                "编辑详情（名称、人数、联系方式、备注、日期）",
            ),
            KeyChecked => ("mark checked today", "标记今日已核实"),
            KeySelect => (
                "block selection; status keys apply to all; Esc cancels",
                "框选；状态键作用于全部；Esc 取消",
            ),
            KeyUndo => ("undo / redo", "撤销 / 重做"),
            KeySearch => (
                "find by label, name or note; n / N next / previous",
                "按门牌、名称或备注查找；n / N 下一个 / 上一个",
            ),
            KeyFilter => (
                "filter: highlight one status, again to cycle; F clears",
                "筛选：突出一种状态，再按切换；F 清除",
            ),
            KeyOverview => ("overview of every building", "全部楼栋总览"),
            KeyReview => (
                "review uncommitted changes (git)",
                "审阅未提交的修改（git）",
            ),
            KeyHelp => ("this help", "本帮助"),
            KeyQuit => (
                "quit (every edit is already saved)",
                "退出（所有修改均已保存）",
            ),
            Searching => ("searching", "查找"),
            OfLoaded => ("of loaded buildings", "（仅已加载楼栋）"),
        }
    }
}
