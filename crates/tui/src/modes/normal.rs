//! The map itself: moving, setting statuses (a status digit waits for the next key: `digits.rs`),
//! and opening the other windows. With an anchor, the same keys work on a block selection (status
//! keys, `w` and `c` apply to every selected unit as one save and one undo step).

use super::{Mode, Next, form, search, stay};
use crate::app::{App, Effect, FilterKind, Notice};
use crate::commands::Command;
use crate::keymap::Input;
use loupan_core::history::Purpose;
use loupan_core::model::Record;

fn here(anchor: Option<usize>) -> Mode {
    match anchor {
        Some(anchor) => Mode::Select { anchor },
        None => Mode::Normal,
    }
}

pub fn handle(app: &mut App, anchor: Option<usize>, input: Input) -> Next {
    // the question `S` asked over uncommitted changes holds for the very next key only
    let sync_asked = std::mem::take(&mut app.sync_asked);
    search::forget_no_match(app);
    let Input::Command(cmd) = input else {
        return stay(here(anchor));
    };
    if let Command::SetStatus(s) = cmd {
        return app.digit(anchor, s);
    }
    if let Command::UnitDigit(d) = cmd {
        return app.unit_digit(d);
    }
    if let Some(next) = moves(app, anchor, cmd) {
        return next;
    }
    if let Some(next) = edits(app, anchor, cmd) {
        return next;
    }
    match cmd {
        Command::Back if anchor.is_some() => stay(Mode::Normal),
        Command::Back => {
            app.notice = None;
            stay(Mode::Normal)
        }
        Command::Quit => (here(anchor), vec![Effect::Quit]),
        _ if anchor.is_some() => stay(here(anchor)),
        _ => windows(app, cmd, sync_asked),
    }
}

/// Movement, building changes, search steps and the filter: the selection (if any) stays.
fn moves(app: &mut App, anchor: Option<usize>, cmd: Command) -> Option<Next> {
    match cmd {
        Command::Left => app.move_cursor(-1, 0),
        Command::Right => app.move_cursor(1, 0),
        Command::Up => app.move_cursor(0, 1),
        Command::Down => app.move_cursor(0, -1),
        Command::PageUp => app.move_cursor(0, 10),
        Command::PageDown => app.move_cursor(0, -10),
        Command::RowStart => app.move_cursor(-9999, 0),
        Command::RowEnd => app.move_cursor(9999, 0),
        Command::Top => app.move_cursor(0, 99_999),
        Command::Bottom => app.move_cursor(0, -99_999),
        Command::NextBuilding | Command::PrevBuilding if anchor.is_none() => {
            let n = app.entries.len();
            if n > 0 {
                let step = if cmd == Command::NextBuilding {
                    1
                } else {
                    n - 1
                };
                app.current = (app.current + step) % n;
            }
        }
        Command::FindNext => app.step_search(true),
        Command::FindPrev => app.step_search(false),
        Command::Filter => app.filter = FilterKind::next(app.filter),
        Command::ClearFilter => clear_filter(app),
        _ => return None,
    }
    Some(stay(here(anchor)))
}

/// `F`: the filter off, saying which one was cleared.
fn clear_filter(app: &mut App) {
    let Some(f) = app.filter.take() else { return };
    let name = |lang: loupan_core::i18n::Lang| match f {
        FilterKind::Status(s) => lang.status(s),
        FilterKind::LiveWork => loupan_core::fields::Field::LiveWork.spec().label(lang),
    };
    let (en, zh) = (
        name(loupan_core::i18n::Lang::En),
        name(loupan_core::i18n::Lang::Zh),
    );
    app.notice = Some(Notice::Info(loupan_core::tr!(
        "filter cleared: {en} (every unit shown)",
        "已取消筛选：{zh}（显示全部单元）"
    )));
}

/// Keys that change units; a block selection ends once it has been applied.
fn edits(app: &mut App, anchor: Option<usize>, cmd: Command) -> Option<Next> {
    let effects = match cmd {
        Command::ToggleLiveWork => {
            // in a selection, all follow the cursor's unit, so one key makes them agree
            let to = app
                .building()
                .and_then(|b| b.units.get(app.cursor()))
                .map(|u| !u.record.live_work)?;
            app.edit_targets(anchor, |r| Record {
                live_work: to,
                ..r.clone()
            })
        }
        Command::FollowUp => {
            if app.refuse_edit() {
                return Some(stay(here(anchor)));
            }
            return Some(match super::followup::FollowUp::open(app, anchor) {
                Some(f) => stay(Mode::FollowUp(f)),
                None => stay(here(anchor)),
            });
        }
        Command::Undo if anchor.is_none() => app.undo_redo(Purpose::Undo),
        Command::Redo if anchor.is_none() => app.undo_redo(Purpose::Redo),
        _ => return None,
    };
    let next = if effects.is_empty() {
        here(anchor)
    } else {
        Mode::Normal
    };
    Some((next, effects))
}

/// How many of the units a key applies to are a household's with a name.
pub(crate) fn households_named(app: &App, anchor: Option<usize>) -> usize {
    let Some(b) = app.building() else { return 0 };
    app.targets(anchor)
        .into_iter()
        .filter_map(|i| b.units.get(i))
        .filter(|u| !u.record.status.is_company() && u.record.name.is_some())
        .count()
}

/// A company status for a household's unit: the status is set and the household's name is
/// cleared (it is private and never becomes a company's, which is shared), and the notice asks for
/// the company's name, as a vacancy's asks about what the household left (Enter opens the form).
pub(crate) fn ask_company(
    app: &mut App,
    anchor: Option<usize>,
    s: loupan_core::status::Status,
) -> Next {
    if app.refuse_edit() {
        return stay(here(anchor));
    }
    let today = app.today;
    let n = households_named(app, anchor);
    let fx = app.edit_targets(anchor, move |r: &Record| {
        let mut next = crate::edits::with_status(r, s, today);
        if !r.status.is_company() {
            next.name = None;
        }
        next
    });
    app.notice = Some(Notice::Info(loupan_core::tr!(
        "set; the household's name is not carried over to the company ({n} units): Enter on a unit gives the company its name",
        "已设置；住户姓名不会带给企业（{n} 个单元）：在单元上按 Enter 填写企业名称"
    )));
    (here(anchor), fx)
}

/// Keys that open a window over the map.
fn windows(app: &mut App, cmd: Command, sync_asked: bool) -> Next {
    match cmd {
        Command::File => {
            if app.refuse_edit() {
                return stay(Mode::Normal);
            }
            match super::filing::Filing::open(app) {
                Some(f) => stay(Mode::Filing(Box::new(f))),
                None => {
                    app.notice = Some(crate::app::Notice::Info(loupan_core::tr!(
                        "no company in this unit; `loupan company add` files one",
                        "这个单元没有企业；可用 `loupan company add` 登记"
                    )));
                    stay(Mode::Normal)
                }
            }
        }
        Command::Details => {
            if app.refuse_edit() {
                return stay(Mode::Normal);
            }
            match app.building().and_then(|b| b.units.get(app.cursor())) {
                Some(u) => stay(Mode::Form(Box::new(form::Form::open(
                    &u.label, &u.record, app.today,
                )))),
                None => stay(Mode::Normal),
            }
        }
        Command::Select if app.building().is_some_and(|b| !b.units.is_empty()) => {
            stay(Mode::Select {
                anchor: app.cursor(),
            })
        }
        Command::Find => stay(Mode::Search(search::Search::start(app))),
        Command::Overview => stay(Mode::Overview {
            selected: app.current,
        }),
        Command::Help => stay(super::Help::over(Mode::Normal)),
        Command::Trend => stay(Mode::Trend(None)),
        Command::DayBack => (Mode::Normal, app.step_day(false)),
        Command::DayForward => (Mode::Normal, app.step_day(true)),
        // the people are read afresh: a temperature logged at the command line shows
        Command::Today => (
            Mode::Today(Box::new(super::today::Today::open(app))),
            vec![app.read_people()],
        ),
        Command::CopyReport => (Mode::Normal, app.copy_report()),
        Command::Sync if app.read_only.is_none() && app.past.is_none() => {
            let n: usize = app.entries.iter().map(|e| e.uncommitted.len()).sum();
            if n > 0 && !sync_asked {
                // a sync commits what is not committed: asked first, as `r` shows it first
                app.sync_asked = true;
                app.notice = Some(Notice::Info(loupan_core::tr!(
                    "{n} uncommitted unit changes: S again commits them and syncs (r reviews them first)",
                    "{n} 处未提交的修改：再按 S 提交并同步（按 r 可先审阅）"
                )));
                return stay(Mode::Normal);
            }
            (Mode::Normal, vec![Effect::Sync])
        }
        Command::Review if app.git.is_some() => (Mode::Review, vec![Effect::RefreshGit]),
        Command::Review => {
            app.notice = Some(Notice::Info(loupan_core::tr!(
                "not in a git repository",
                "不在 git 仓库中"
            )));
            stay(Mode::Normal)
        }
        _ => stay(Mode::Normal),
    }
}

impl App {
    /// Moves the cursor `dx` units and `dy` floors (up is positive), stopping at the edges.
    pub fn move_cursor(&mut self, dx: i32, dy: i32) {
        let Some(b) = self.building() else { return };
        if b.units.is_empty() {
            return;
        }
        let (f, c) = b.locate(self.cursor());
        let nf = (f as i64 - dy as i64).clamp(0, b.floors.len() as i64 - 1) as usize;
        let floor = &b.floors[nf];
        let nc = (c as i64 + dx as i64).clamp(0, floor.len as i64 - 1) as usize;
        let at = floor.start + nc;
        self.set_cursor(at);
    }
}
