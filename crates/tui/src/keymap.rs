//! Keys to commands: one binding table per mode. Dispatch, the `?` help, the status-line hints and
//! docs/keys.md's key tables are all read from these tables. A key typed with a Chinese input method
//! (`２`, `／`, `？`, `、`) acts as the ASCII key it stands for, except where text is being typed.

use super::commands::Command;
use loupan_core::i18n::Lang;
use loupan_core::input::key_char;
use loupan_core::journal::Outcome;
use loupan_core::status::Status;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the tables name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

/// Keys bound to a command in one mode; `hint` > 0 puts it on the status line, lower first, with
/// `label` in place of the keys' names when given.
pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub hint: u8,
    pub label: Option<&'static str>,
    /// What the key does in this mode, when the command's own description is too general.
    pub says: Option<(&'static str, &'static str)>,
    /// The status-line word in this mode, when the command's own is wrong here.
    pub word: Option<(&'static str, &'static str)>,
}

impl Binding {
    const fn says(mut self, en: &'static str, zh: &'static str) -> Binding {
        self.says = Some((en, zh));
        self
    }

    const fn word(mut self, en: &'static str, zh: &'static str) -> Binding {
        self.word = Some((en, zh));
        self
    }

    pub fn describe(&self, lang: Lang) -> &'static str {
        match self.says {
            Some((en, zh)) => lang.pick(en, zh),
            None => self.command.describe(lang),
        }
    }
}

/// What a key press is for the app: a bound command, or a character typed into a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Command(Command),
    Char(char),
}

/// Which table is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeKind {
    Normal,
    Select,
    Search,
    Form,
    Help,
    Overview,
    Conflict,
    Review,
    Commit,
    Vacant,
    FollowUp,
    FollowUpNote,
    /// Ctrl-C in the form or a note with something typed: save, discard or keep editing.
    AskQuit,
    Today,
    /// Today's temperature form (`T`): the number being typed.
    Reading,
    Trend,
}

impl ModeKind {
    /// Modes where printable keys are text, not commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            ModeKind::Search
                | ModeKind::Form
                | ModeKind::Commit
                | ModeKind::FollowUpNote
                | ModeKind::Reading
        )
    }
}

const fn b(keys: &'static [Key], command: Command, hint: u8) -> Binding {
    Binding {
        keys,
        command,
        hint,
        label: None,
        says: None,
        word: None,
    }
}

const fn bl(keys: &'static [Key], command: Command, hint: u8, label: &'static str) -> Binding {
    Binding {
        keys,
        command,
        hint,
        label: Some(label),
        says: None,
        word: None,
    }
}

use Key::{Char as C, Code, Ctrl};

const MOVES: [Binding; 8] = [
    bl(&[C('h'), Code(KeyCode::Left)], Command::Left, 1, "hjkl"),
    b(&[C('j'), Code(KeyCode::Down)], Command::Down, 0),
    b(&[C('k'), Code(KeyCode::Up)], Command::Up, 0),
    b(&[C('l'), Code(KeyCode::Right)], Command::Right, 0),
    b(&[Code(KeyCode::PageUp)], Command::PageUp, 0),
    b(&[Code(KeyCode::PageDown)], Command::PageDown, 0),
    b(&[Code(KeyCode::Home)], Command::RowStart, 0),
    b(&[Code(KeyCode::End)], Command::RowEnd, 0),
];

const STATUSES: [Binding; 11] = [
    bl(&[C('1')], Command::SetStatus(Status::Healthy), 2, "1-5,0"),
    b(&[C('2')], Command::SetStatus(Status::Isolating), 0),
    b(&[C('3')], Command::SetStatus(Status::NotResumed), 0),
    b(&[C('4')], Command::SetStatus(Status::Resumed), 0),
    b(&[C('5')], Command::SetStatus(Status::Vacant), 0),
    b(&[C('0')], Command::SetStatus(Status::Unknown), 0),
    b(&[C('6')], Command::UnitDigit(6), 0),
    b(&[C('7')], Command::UnitDigit(7), 0),
    b(&[C('8')], Command::UnitDigit(8), 0),
    b(&[C('9')], Command::UnitDigit(9), 0),
    b(&[C('w')], Command::ToggleLiveWork, 7),
];

static NORMAL: &[&[Binding]] = &[
    &MOVES,
    &[
        b(&[C('g')], Command::Top, 0),
        b(&[C('G')], Command::Bottom, 0),
        b(&[Code(KeyCode::Tab)], Command::NextBuilding, 0),
        b(&[Code(KeyCode::BackTab)], Command::PrevBuilding, 0),
    ],
    &STATUSES,
    &[
        b(&[Code(KeyCode::Enter)], Command::Details, 3),
        b(&[C('c')], Command::FollowUp, 4),
        b(&[C('t')], Command::Today, 5),
        b(&[C('v')], Command::Select, 6),
        b(&[C('u')], Command::Undo, 5),
        bl(&[Ctrl('r')], Command::Redo, 0, "C-r"),
        b(&[C('/')], Command::Find, 4),
        b(&[C('n')], Command::FindNext, 0),
        b(&[C('N')], Command::FindPrev, 0),
        b(&[C('f')], Command::Filter, 10),
        b(&[C('F')], Command::ClearFilter, 0),
        b(&[C('o')], Command::Overview, 8),
        bl(&[C('[')], Command::DayBack, 9, "[ ]"),
        b(&[C(']')], Command::DayForward, 0),
        b(&[C('T')], Command::Trend, 12),
        b(&[C('r')], Command::Review, 11),
        b(&[C('S')], Command::Sync, 0),
        b(&[C('b')], Command::File, 0),
        b(&[C('Y')], Command::CopyReport, 0),
        b(&[C('?')], Command::Help, 1),
        bl(&[C('q'), Ctrl('c')], Command::Quit, 2, "q"),
        b(&[Code(KeyCode::Esc)], Command::Back, 0),
    ],
];

static SELECT: &[&[Binding]] = &[
    &MOVES,
    &STATUSES,
    &[
        b(&[C('c')], Command::FollowUp, 4),
        b(&[Code(KeyCode::Esc), C('v')], Command::Back, 3),
        bl(&[Ctrl('c'), C('q')], Command::Quit, 0, "q"),
    ],
];

static SEARCH: &[&[Binding]] = &[&[
    b(&[Code(KeyCode::Enter)], Command::Confirm, 1),
    b(&[Code(KeyCode::Esc), Ctrl('c')], Command::Back, 2),
    b(&[Code(KeyCode::Backspace)], Command::DeleteChar, 0),
    bl(&[Ctrl('u')], Command::ClearField, 5, "C-u"),
]];

static FORM: &[&[Binding]] = &[&[
    bl(
        &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        Command::NextField,
        1,
        "Tab/↓",
    ),
    b(
        &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        Command::PrevField,
        0,
    ),
    bl(&[Code(KeyCode::Right)], Command::NextChoice, 4, "←→"),
    b(&[Code(KeyCode::Left)], Command::PrevChoice, 0),
    b(&[Code(KeyCode::Enter)], Command::Confirm, 2),
    b(&[Code(KeyCode::Esc)], Command::Back, 3),
    b(&[Code(KeyCode::Backspace)], Command::DeleteChar, 0),
    bl(&[Ctrl('u')], Command::ClearField, 5, "C-u"),
    b(&[Ctrl('c')], Command::Quit, 0).says(
        "quit: asks first whether to save what is typed",
        "退出：先问是否保存已填写的内容",
    ),
]];

/// Ctrl-C with something typed: nothing is thrown away without a yes.
static ASK_QUIT: &[&[Binding]] = &[&[
    b(&[C('y')], Command::Yes, 1).says("save and quit", "保存并退出"),
    b(&[C('n')], Command::Discard, 2).says("quit without saving", "不保存退出"),
    b(&[Code(KeyCode::Esc), Ctrl('c')], Command::Back, 3).says("keep editing", "继续编辑"),
]];

static HELP: &[&[Binding]] = &[&[
    b(
        &[Code(KeyCode::Esc), C('?'), C('q'), Code(KeyCode::Enter)],
        Command::Back,
        1,
    ),
    bl(&[C('j'), Code(KeyCode::Down)], Command::Down, 2, "j/k"),
    b(&[C('k'), Code(KeyCode::Up)], Command::Up, 0),
    b(&[Code(KeyCode::PageDown), C(' ')], Command::PageDown, 0),
    b(&[Code(KeyCode::PageUp)], Command::PageUp, 0),
    b(&[Ctrl('c')], Command::Quit, 0),
]];

static OVERVIEW: &[&[Binding]] = &[&[
    bl(&[C('h'), Code(KeyCode::Left)], Command::Left, 1, "hjkl"),
    b(&[C('j'), Code(KeyCode::Down)], Command::Down, 0),
    b(&[C('k'), Code(KeyCode::Up)], Command::Up, 0),
    b(&[C('l'), Code(KeyCode::Right)], Command::Right, 0),
    b(&[Code(KeyCode::Tab)], Command::NextBuilding, 0),
    b(&[Code(KeyCode::BackTab)], Command::PrevBuilding, 0),
    b(&[Code(KeyCode::Enter)], Command::Confirm, 2),
    b(&[Code(KeyCode::Esc), C('o')], Command::Back, 3),
    b(&[C('?')], Command::Help, 4),
    bl(&[C('q'), Ctrl('c')], Command::Quit, 5, "q"),
]];

static TREND: &[&[Binding]] = &[&[
    b(&[Code(KeyCode::Tab)], Command::NextBuilding, 1)
        .says("the district / the chosen building", "全辖区 / 所选楼栋")
        .word("district / building", "全辖区 / 楼栋"),
    b(&[Code(KeyCode::Esc), C('T'), C('q')], Command::Back, 2),
    b(&[Ctrl('c')], Command::Quit, 0),
]];

static CONFLICT: &[&[Binding]] = &[&[
    b(&[C('y')], Command::ApplyChosen, 1),
    bl(&[Code(KeyCode::Esc), C('n')], Command::Back, 2, "Esc"),
    bl(
        &[Code(KeyCode::Tab), Code(KeyCode::Down), C('j')],
        Command::NextField,
        4,
        "Tab",
    ),
    b(
        &[Code(KeyCode::BackTab), Code(KeyCode::Up), C('k')],
        Command::PrevField,
        0,
    ),
    bl(&[C(' ')], Command::ToggleMine, 3, "Space"),
    b(&[Ctrl('c')], Command::Quit, 0),
]];

static REVIEW: &[&[Binding]] = &[&[
    b(&[C('c')], Command::Commit, 1),
    b(&[Code(KeyCode::Esc), C('r'), C('q')], Command::Back, 2),
    b(&[Ctrl('c')], Command::Quit, 0),
]];

static COMMIT: &[&[Binding]] = &[&[
    b(&[Code(KeyCode::Enter)], Command::Confirm, 1),
    b(&[Code(KeyCode::Esc), Ctrl('c')], Command::Back, 2),
    b(&[Code(KeyCode::Backspace)], Command::DeleteChar, 0),
    bl(&[Ctrl('u')], Command::ClearField, 5, "C-u"),
]];

const OUTCOMES: [Binding; 6] = [
    bl(&[C('1')], Command::Log(Outcome::Well), 1, "1-6"),
    b(&[C('2')], Command::Log(Outcome::NeedsHelp), 0),
    b(&[C('3')], Command::Log(Outcome::Symptoms), 0),
    b(&[C('4')], Command::Log(Outcome::NoAnswer), 0),
    b(&[C('5')], Command::Log(Outcome::NotHome), 0),
    b(&[C('6')], Command::Log(Outcome::Refused), 0),
];

static FOLLOWUP: &[&[Binding]] = &[
    &OUTCOMES,
    &[
        bl(&[C('7')], Command::Consult, 5, "7"),
        bl(&[Code(KeyCode::Tab)], Command::NextChoice, 2, "Tab").says(
            "change the way: call, message, visit",
            "切换方式：电话、消息、上门",
        ),
        b(&[C('j'), Code(KeyCode::Down)], Command::NextField, 0)
            .says("choose the outcome Enter logs", "选择 Enter 要记录的结果"),
        b(&[C('k'), Code(KeyCode::Up)], Command::PrevField, 0)
            .says("choose the outcome Enter logs", "选择 Enter 要记录的结果"),
        bl(&[Code(KeyCode::Enter)], Command::Confirm, 3, "Enter").says(
            "write a note, then Enter logs the chosen outcome",
            "先写备注，再按 Enter 记录所选结果",
        ),
        b(&[Code(KeyCode::Esc)], Command::Back, 4).says("cancel", "取消"),
        b(&[Ctrl('c')], Command::Quit, 0),
    ],
];

static FOLLOWUP_NOTE: &[&[Binding]] = &[&[
    b(&[Code(KeyCode::Enter)], Command::Confirm, 1),
    b(&[Code(KeyCode::Esc)], Command::Back, 2),
    b(&[Ctrl('c')], Command::Quit, 0).says(
        "quit: asks first whether to log the note",
        "退出：先问是否记录这条备注",
    ),
    b(&[Code(KeyCode::Backspace)], Command::DeleteChar, 0),
    bl(&[Ctrl('u')], Command::ClearField, 5, "C-u"),
]];

// the status line at 80 columns holds the hints up to Esc in both languages (tests/render.rs)
static TODAY: &[&[Binding]] = &[
    &OUTCOMES,
    &[
        bl(&[C('j'), Code(KeyCode::Down)], Command::Down, 7, "j/k")
            .says("next / previous item", "下一项 / 上一项"),
        b(&[C('k'), Code(KeyCode::Up)], Command::Up, 0)
            .says("next / previous item", "下一项 / 上一项"),
        b(&[Code(KeyCode::PageDown)], Command::PageDown, 0)
            .says("ten items down / up", "向下 / 向上十项"),
        b(&[Code(KeyCode::PageUp)], Command::PageUp, 0)
            .says("ten items down / up", "向下 / 向上十项"),
        bl(&[Code(KeyCode::Tab)], Command::NextField, 2, "Tab")
            .says("the next section", "下一部分")
            .word("section", "下一类"),
        b(&[Code(KeyCode::Enter)], Command::Confirm, 5)
            .says("show the unit on the map", "在地图上显示这一户")
            .word("map", "地图"),
        b(&[C('e')], Command::Release, 4).word("release", "解除隔离"),
        b(&[C('T')], Command::Temperature, 7).word("temperature", "体温"),
        b(&[C('u')], Command::Undo, 3).says(
            "undo the last: a release, a follow-up, an edit",
            "撤销上一步：解除隔离、随访或修改",
        ),
        bl(&[Code(KeyCode::Esc), C('t')], Command::Back, 6, "Esc")
            .says("back to the map", "返回地图"),
        b(&[C('?')], Command::Help, 8),
        bl(&[C('q'), Ctrl('c')], Command::Quit, 9, "q"),
    ],
];

static READING: &[&[Binding]] = &[&[
    b(&[Code(KeyCode::Enter)], Command::Confirm, 1).says("log the reading", "记录体温"),
    b(&[Code(KeyCode::Esc), Ctrl('c')], Command::Back, 2)
        .says("close the form, nothing logged", "关闭，不记录"),
    b(&[Code(KeyCode::Backspace)], Command::DeleteChar, 0),
    bl(&[Ctrl('u')], Command::ClearField, 3, "C-u"),
]];

static VACANT: &[&[Binding]] = &[&[
    b(&[C('y')], Command::Yes, 1),
    bl(&[C('n'), Code(KeyCode::Esc)], Command::Back, 2, "n"),
    b(&[Ctrl('c')], Command::Quit, 0),
]];

/// The bindings of a mode, in the order help lists them.
pub fn table(kind: ModeKind) -> impl Iterator<Item = &'static Binding> {
    let groups: &'static [&'static [Binding]] = match kind {
        ModeKind::Normal => NORMAL,
        ModeKind::Select => SELECT,
        ModeKind::Search => SEARCH,
        ModeKind::Form => FORM,
        ModeKind::Help => HELP,
        ModeKind::Overview => OVERVIEW,
        ModeKind::Conflict => CONFLICT,
        ModeKind::Review => REVIEW,
        ModeKind::Commit => COMMIT,
        ModeKind::Vacant => VACANT,
        ModeKind::FollowUp => FOLLOWUP,
        ModeKind::FollowUpNote => FOLLOWUP_NOTE,
        ModeKind::AskQuit => ASK_QUIT,
        ModeKind::Today => TODAY,
        ModeKind::Reading => READING,
        ModeKind::Trend => TREND,
    };
    groups.iter().flat_map(|g| g.iter())
}

/// A key press as the app sees it in a mode.
pub fn input(kind: ModeKind, key: KeyEvent) -> Option<Input> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let k = match key.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) if kind.takes_text() => Key::Char(c),
        KeyCode::Char(c) => Key::Char(key_char(c)),
        other => Key::Code(other),
    };
    if let Some(b) = table(kind).find(|b| b.keys.contains(&k)) {
        return Some(Input::Command(b.command));
    }
    match (kind.takes_text(), key.code) {
        (true, KeyCode::Char(c)) if !ctrl => Some(Input::Char(c)),
        _ => None,
    }
}

/// A key's name in help and docs.
pub fn key_name(k: Key, lang: Lang) -> String {
    match k {
        Key::Char(' ') => lang.pick("Space", "空格").into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("C-{c}"),
        Key::Code(code) => match code {
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "BS".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        },
    }
}

/// Help rows of a mode: bindings with the same description merged into one row of keys,
/// letters before the other keys.
pub fn help_rows(kind: ModeKind, lang: Lang) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Vec<Key>, &'static str)> = Vec::new();
    for b in table(kind) {
        let d = b.describe(lang);
        match rows.iter_mut().find(|(_, x)| *x == d) {
            Some((keys, _)) => keys.extend(b.keys.iter().copied()),
            None => rows.push((b.keys.to_vec(), d)),
        }
    }
    rows.into_iter()
        .map(|(mut keys, d)| {
            keys.sort_by_key(|k| !matches!(k, Key::Char(_)));
            let names: Vec<String> = keys.into_iter().map(|k| key_name(k, lang)).collect();
            (names.join(" "), d)
        })
        .collect()
}

/// Status-line hints of a mode, most important first: (keys, word).
pub fn hints(kind: ModeKind, lang: Lang) -> Vec<(String, &'static str)> {
    let mut hs: Vec<&Binding> = table(kind).filter(|b| b.hint > 0).collect();
    hs.sort_by_key(|b| b.hint);
    hs.into_iter()
        .map(|b| {
            let keys = b.label.map(str::to_string).unwrap_or_else(|| {
                b.keys
                    .iter()
                    .map(|k| key_name(*k, lang))
                    .collect::<Vec<_>>()
                    .join("/")
            });
            let word = b
                .word
                .map_or_else(|| b.command.hint(lang), |(en, zh)| lang.pick(en, zh));
            (keys, word)
        })
        .collect()
}

/// docs/keys.md's key table, generated from a mode's bindings.
pub fn markdown_table(kind: ModeKind, lang: Lang) -> String {
    let mut out = String::from("| key | action |\n|---|---|\n");
    for (keys, d) in help_rows(kind, lang) {
        let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
        out.push_str(&format!("| {} | {d} |\n", keys.join(" ")));
    }
    out
}
