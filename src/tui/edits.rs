//! Edits from the map: what a key changes, undo and redo, and what the write path answered.
//! No I/O: saves leave as `Effect::Save` and come back through `App::saved`.

use super::app::{App, Conflict, Effect, Mode, Notice, Purpose, SaveRequest, Slot, Step};
use super::i18n::{Lang, Msg};
use crate::core::edit::{Change, UnitEdit};
use crate::core::model::{Building, Record};
use crate::core::stats::Counts;
use crate::store::WriteError;

impl App {
    pub(super) fn edit_targets(
        &mut self,
        anchor: Option<usize>,
        f: impl Fn(&Record) -> Record,
    ) -> Vec<Effect> {
        if self.refuse_read_only() {
            if let Some(a) = anchor {
                self.mode = Mode::Select { anchor: a };
            }
            return Vec::new();
        }
        let Some(b) = self.building() else {
            return Vec::new();
        };
        let mut changes = Vec::new();
        for i in self.targets(anchor) {
            let u = &b.units[i];
            let after = f(&u.record);
            if after != u.record {
                changes.push((u.label.clone(), u.record.clone(), after));
            }
        }
        if changes.is_empty() {
            self.notice = Some(Notice::Info(self.t(Msg::Unchanged).into()));
            return Vec::new();
        }
        let step = Step {
            building: self.current,
            changes,
        };
        vec![Effect::Save(request(step, Purpose::Edit))]
    }

    pub(super) fn undo_redo(&mut self, undo: bool) -> Vec<Effect> {
        if self.refuse_read_only() {
            return Vec::new();
        }
        let stack = if undo { &mut self.undo } else { &mut self.redo };
        let Some(step) = stack.pop() else {
            let m = if undo {
                Msg::NothingToUndo
            } else {
                Msg::NothingToRedo
            };
            self.notice = Some(Notice::Info(self.t(m).into()));
            return Vec::new();
        };
        let reversed = Step {
            building: step.building,
            changes: step
                .changes
                .iter()
                .map(|(l, b, a)| (l.clone(), a.clone(), b.clone()))
                .collect(),
        };
        self.current = step.building.min(self.entries.len().saturating_sub(1));
        if let Some(b) = self.building()
            && let Some((l, _, _)) = reversed.changes.first()
            && let Some(i) = b.find(l)
        {
            self.set_cursor(i);
        }
        vec![Effect::Save(request(
            reversed,
            if undo { Purpose::Undo } else { Purpose::Redo },
        ))]
    }

    /// The write path answered.
    pub fn saved(&mut self, req: SaveRequest, result: Result<Building, WriteError>) {
        match result {
            Ok(b) => {
                let idx = req.building;
                if let Some(e) = self.entries.get_mut(idx) {
                    e.counts = Counts::of(&b);
                    e.slot = Slot::Ready(b);
                }
                let what = describe(&req.step, self.lang);
                let verb = match req.purpose {
                    Purpose::Edit => self.t(Msg::Saved),
                    Purpose::Undo => self.t(Msg::Undone),
                    Purpose::Redo => self.t(Msg::Redone),
                };
                self.notice = Some(Notice::Info(format!("{what} {verb}")));
                match req.purpose {
                    Purpose::Edit => {
                        self.undo.push(req.step);
                        self.redo.clear();
                    }
                    // the stacks hold steps in the direction that undo_redo reverses
                    Purpose::Undo => self.redo.push(req.step),
                    Purpose::Redo => self.undo.push(req.step),
                }
                if self.undo.len() > 500 {
                    self.undo.remove(0);
                }
            }
            Err(WriteError::Conflict {
                unit,
                seen,
                current,
            }) => {
                let tried = req
                    .step
                    .changes
                    .iter()
                    .find(|(l, _, _)| **l == *unit)
                    .map(|(_, _, a)| a.clone())
                    .unwrap_or_default();
                self.notice = Some(Notice::Error(format!(
                    "{unit}: {} {}",
                    self.t(Msg::ChangedElsewhere),
                    self.lang.status(current.status)
                )));
                match req.purpose {
                    // the step stays undoable once the user has seen the current value
                    Purpose::Undo => self.undo.push(undo_back(req.step.clone())),
                    Purpose::Redo => self.redo.push(undo_back(req.step.clone())),
                    Purpose::Edit => {}
                }
                self.mode = Mode::Conflict(Box::new(Conflict {
                    request: req,
                    unit,
                    seen: *seen,
                    current: *current,
                    tried,
                }));
            }
            Err(e) => {
                if matches!(req.purpose, Purpose::Undo) {
                    self.undo.push(undo_back(req.step));
                } else if matches!(req.purpose, Purpose::Redo) {
                    self.redo.push(undo_back(req.step));
                }
                // the status line speaks the interface language; details (file, line) follow
                let detail = match &e {
                    WriteError::Broken(ps) => ps.first().map(|p| p.to_string()).unwrap_or_default(),
                    WriteError::NoSuchUnit(u) => u.clone(),
                    other => first_line(&other.to_string()),
                };
                let what = match e {
                    WriteError::Broken(_) => Msg::Broken,
                    _ => Msg::NotSaved,
                };
                self.notice = Some(Notice::Error(format!("{}: {detail}", self.t(what))));
            }
        }
    }
}

pub(super) fn request(step: Step, purpose: Purpose) -> SaveRequest {
    SaveRequest {
        building: step.building,
        edits: step
            .changes
            .iter()
            .map(|(l, before, after)| UnitEdit {
                unit: l.to_string(),
                expect: Some(before.clone()),
                change: Change::Set(after.clone()),
            })
            .collect(),
        purpose,
        step,
    }
}

/// An undo's saved step, turned back into the step that redo (or undo) replays.
fn undo_back(step: Step) -> Step {
    Step {
        building: step.building,
        changes: step
            .changes
            .into_iter()
            .map(|(l, b, a)| (l, a, b))
            .collect(),
    }
}

/// "1203 → 居家隔离" or "6 units → 未复工" for the status line.
pub fn describe(step: &Step, lang: Lang) -> String {
    let Some((label, before, after)) = step.changes.first() else {
        return String::new();
    };
    let what = if step.changes.len() == 1 {
        label.to_string()
    } else {
        format!("{} {}", step.changes.len(), Msg::Units.get(lang))
    };
    if before.status != after.status {
        format!("{what} → {}", lang.status(after.status))
    } else if before.live_work != after.live_work {
        format!(
            "{what} → {}{}",
            if after.live_work { "" } else { "-" },
            Msg::LiveWork.get(lang)
        )
    } else {
        let fields = before.changed_fields(after).join(", ");
        format!("{what}: {fields}")
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}
