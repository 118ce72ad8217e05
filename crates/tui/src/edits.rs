//! Edits from the map: what a key changes, undo and redo, what the write path answered, and git's
//! view of it. No I/O: saves leave as `Effect::Save` and come back as `Message::Saved`.

use super::app::{App, Effect, GitView, Notice, SaveRequest, Slot};
use super::modes::{Mode, conflict, vacant};
use loupan_core::company;
use loupan_core::diff;
use loupan_core::display::inline;
use loupan_core::edit::{Change, Expect, Patch, UnitEdit};
use loupan_core::fields::{Field, Value};
use loupan_core::history::{Purpose, Step};
use loupan_core::i18n::{Lang, Text};
use loupan_core::model::{Building, Record};
use loupan_core::stats::Counts;
use loupan_core::status::Status;
use loupan_store::WriteError;
use loupan_store::repo::Review;

/// A save of whole records, refused if any unit no longer holds what this screen showed.
pub fn request(step: Step, purpose: Purpose) -> SaveRequest {
    save(step, purpose, |before, after| {
        (Expect::Record(before.clone()), Change::Set(after.clone()))
    })
}

/// A save of only the fields that changed, refused only if one of those fields changed meanwhile
/// (the detail form: someone else's note survives my status change).
pub fn field_request(step: Step) -> SaveRequest {
    save(step, Purpose::Edit, |before, after| {
        let fields = before.changed(after).into_iter();
        (
            Expect::Fields(fields.map(|f| (f, f.get(before))).collect()),
            Change::Patch(Patch::between(before, after)),
        )
    })
}

/// One edit per changed unit, each with what it expects to find and what it writes.
fn save(
    step: Step,
    purpose: Purpose,
    edit: impl Fn(&Record, &Record) -> (Expect, Change),
) -> SaveRequest {
    SaveRequest {
        building: step.building.clone(),
        edits: step
            .changes
            .iter()
            .map(|(l, before, after)| {
                let (expect, change) = edit(before, after);
                UnitEdit {
                    unit: l.to_string(),
                    expect: Some(expect),
                    change,
                }
            })
            .collect(),
        purpose,
        step,
        form: None,
        then_quit: false,
    }
}

/// A status as a key sets it: an isolation starts today unless a start is recorded.
pub fn with_status(r: &Record, s: Status, today: jiff::civil::Date) -> Record {
    let mut p = Patch::one(Field::Status, Value::Status(s));
    loupan_core::isolation::start_in(&mut p, Some(r), today);
    p.apply(r)
}

impl App {
    /// Applies `f` to the block selection (or the unit under the cursor) as one save.
    pub fn edit_targets(
        &mut self,
        anchor: Option<usize>,
        f: impl Fn(&Record) -> Record,
    ) -> Vec<Effect> {
        if self.refuse_edit() {
            return Vec::new();
        }
        let (Some(b), Some(id)) = (self.building(), self.current_id()) else {
            return Vec::new();
        };
        let mut changes = Vec::new();
        let mut ruled = None;
        for i in self.targets(anchor) {
            let u = &b.units[i];
            let mut after = f(&u.record);
            // a unit companies occupy takes its colour from them, by the one rule
            let own = after.status;
            after.status = company::unit_status(own, &u.label, &b.companies);
            if after.status != own {
                ruled = Some((u.label.clone(), after.status));
            }
            if after != u.record {
                changes.push((u.label.clone(), u.record.clone(), after));
            }
        }
        if changes.is_empty() {
            self.notice = Some(Notice::Info(match ruled {
                Some((label, s)) => follows_companies(&label, s),
                None => loupan_core::tr!("unchanged", "无变化"),
            }));
            return Vec::new();
        }
        let step = Step {
            building: id.clone(),
            changes,
            logged: Vec::new(),
        };
        vec![Effect::Save(request(step, Purpose::Edit))]
    }

    /// The units an edit applies to: the block selection, or the unit under the cursor.
    pub fn targets(&self, anchor: Option<usize>) -> Vec<usize> {
        let Some(b) = self.building() else {
            return Vec::new();
        };
        if b.units.is_empty() {
            return Vec::new();
        }
        let cur = self.cursor();
        let Some(a) = anchor else { return vec![cur] };
        let (fa, ca) = b.locate(a);
        let (fb, cb) = b.locate(cur);
        let mut out = Vec::new();
        for f in fa.min(fb)..=fa.max(fb) {
            let floor = &b.floors[f];
            for c in ca.min(cb)..=ca.max(cb) {
                if c < floor.len {
                    out.push(floor.start + c);
                }
            }
        }
        out
    }

    pub fn undo_redo(&mut self, purpose: Purpose) -> Vec<Effect> {
        if self.refuse_edit() || self.undo_waits_for_work(purpose) {
            return Vec::new();
        }
        let Some(step) = self.history.next(purpose) else {
            let m = match purpose {
                Purpose::Redo => loupan_core::tr!("nothing to redo", "没有可重做的操作"),
                _ => loupan_core::tr!("nothing to undo", "没有可撤销的操作"),
            };
            self.notice = Some(Notice::Info(m));
            return Vec::new();
        };
        if let Some(i) = self.index_of(&step.building) {
            self.current = i;
        }
        let first = step.changes.first().map(|c| &c.0);
        if let Some(b) = self.building()
            && let Some(l) = first.or(step.logged.first().map(|e| &e.unit))
            && let Some(i) = b.find(l)
        {
            self.set_cursor(i);
        }
        // follow-ups alone: withdrawn; with units (a release): withdrawn once they are back
        if step.changes.is_empty() {
            return vec![Effect::Withdraw(Box::new(step))];
        }
        vec![Effect::Save(request(step, purpose))]
    }

    /// The write path answered.
    pub fn on_saved(
        &mut self,
        req: SaveRequest,
        result: Result<Building, WriteError>,
    ) -> Vec<Effect> {
        match result {
            Ok(b) => {
                let quit = req.then_quit;
                let mut fx = self.saved_ok(req, b);
                if quit {
                    fx.push(Effect::Quit);
                }
                fx
            }
            Err(WriteError::Conflict { unit, current }) => {
                self.history.refused(&req.step, req.purpose);
                let (se, sz) = (current.status.key(), current.status.zh());
                let u = inline(&unit).into_owned();
                self.notice = Some(Notice::Error(loupan_core::tr!(
                    "{u} was changed by someone else: now {se}",
                    "{u} 已被他人修改，现为{sz}"
                )));
                if let Some(c) = conflict::Conflict::new(req, &unit, *current) {
                    self.mode = Mode::Conflict(Box::new(c));
                }
                Vec::new()
            }
            Err(e) if req.form.is_some() => {
                self.reopen_form(req, &e);
                Vec::new()
            }
            Err(e) => {
                self.history.refused(&req.step, req.purpose);
                let broken = matches!(e, WriteError::Broken(_));
                let text = e.text();
                self.notice = Some(Notice::Error(Text::by(|lang| {
                    let head = match broken {
                        true => lang.pick("broken file, read-only", "文件有误，只读"),
                        false => lang.pick("not saved", "未保存"),
                    };
                    let first = text.get(lang).lines().nth(usize::from(broken));
                    format!("{head}: {}", first.unwrap_or("").trim())
                })));
                Vec::new()
            }
        }
    }

    /// A form's save failed: the form comes back as it was typed, the reason beside the field
    /// (a rule) or above the fields (the disk, the file).
    fn reopen_form(&mut self, req: SaveRequest, e: &WriteError) {
        let Some(mut f) = req.form else { return };
        match e {
            WriteError::Invalid { problems, .. } => {
                for (field, m) in problems {
                    if let Some(i) = f.rows.iter().position(|r| r.field == *field) {
                        f.rows[i].error = Some(m.clone());
                        f.focus = i;
                    }
                }
            }
            other => f.failed = Some(other.text()),
        }
        self.notice = Some(Notice::Error(loupan_core::tr!(
            "not saved; your input is kept",
            "未保存；你输入的内容都还在"
        )));
        self.mode = Mode::Form(f);
    }

    fn saved_ok(&mut self, req: SaveRequest, b: Building) -> Vec<Effect> {
        let landed = req.step.as_saved(&b);
        let purpose = req.purpose;
        let cleared = purpose == Purpose::Edit && only_clears(&landed);
        self.notice = Some(Notice::Info(match purpose {
            Purpose::Undo => undone(&landed),
            _ => Text::by(|lang| {
                let verb = match purpose {
                    Purpose::Edit if cleared => lang.pick("cleared", "已清除"),
                    Purpose::Edit => lang.pick("saved", "已保存"),
                    _ => lang.pick("redone", "已重做"),
                };
                format!("{} {verb}", describe(&landed, lang))
            }),
        }));
        if req.purpose == Purpose::Edit
            && matches!(self.mode, Mode::Normal)
            && !self.pending.undo_waits()
            && let Some(ask) = vacant::Ask::after(&landed)
        {
            self.mode = Mode::Vacant(ask);
        }
        self.history.saved(landed, req.purpose);
        if let Some(i) = self.index_of(&req.building) {
            let e = &mut self.entries[i];
            e.counts = Counts::of(&b);
            e.slot = Slot::Ready(b);
        }
        self.refresh_today();
        Vec::new()
    }

    pub fn on_git(&mut self, review: Review) {
        let mut lines = Vec::new();
        let mut by_status: Vec<(Status, usize)> = Vec::new();
        for e in &mut self.entries {
            e.uncommitted.clear();
        }
        for p in &review.pending {
            let name = inline(&p.name).into_owned();
            for c in &p.changes {
                lines.push(Text::by(|lang| {
                    format!("{name} {}: {}", inline(&c.unit), diff::describe(c, lang))
                }));
                if let Some(a) = &c.after {
                    match by_status.iter_mut().find(|(s, _)| *s == a.status) {
                        Some((_, n)) => *n += 1,
                        None => by_status.push((a.status, 1)),
                    }
                }
            }
            lines.extend(company_lines(&name, &p.companies));
            if let Some(i) = self.index_of(&p.id) {
                self.entries[i].uncommitted =
                    p.changes.iter().map(|c| c.unit.as_str().into()).collect();
            }
        }
        by_status.sort();
        let units: usize = review.pending.iter().map(|p| p.changes.len()).sum();
        let filings: usize = review.pending.iter().map(|p| p.companies.len()).sum();
        self.git = Some(GitView {
            branch: review.branch.branch,
            ahead: review.branch.ahead,
            behind: review.branch.behind,
            summary: Text::by(|lang| summary((units, filings), &by_status, lang)),
            review: lines,
        });
    }
}

/// The review's lines for a building's company filings: "海港大厦 博远科技 (c3): on-site 12 → 15"
/// (personal fields masked).
fn company_lines(building: &str, changes: &[loupan_store::repo::CompanyChange]) -> Vec<Text> {
    changes
        .iter()
        .map(|(id, before, after)| {
            let name = after.as_ref().or(before.as_ref()).map_or("", |c| c.name());
            let head = format!("{building} {} ({})", inline(name), inline(id));
            Text::by(|lang| {
                let what = company::describe_change(before.as_ref(), after.as_ref(), lang);
                format!("{head}: {what}")
            })
        })
        .collect()
}

/// The proposed commit message: counts by status, and the company filings beside them; never a
/// personal value.
fn summary((n, filings): (usize, usize), by_status: &[(Status, usize)], lang: Lang) -> String {
    let parts: Vec<String> = by_status
        .iter()
        .map(|(s, k)| format!("{} {k}", lang.status(*s)))
        .collect();
    let units = (n > 0).then(|| match lang {
        Lang::En => format!("Update {n} unit(s): {}", parts.join(", ")),
        Lang::Zh => format!("更新 {n} 户：{}", parts.join("，")),
    });
    let filed = (filings > 0).then(|| match lang {
        Lang::En => format!("{filings} company filing(s)"),
        Lang::Zh => format!("企业备案 {filings} 家"),
    });
    let sep = lang.pick("; ", "；");
    units.into_iter().chain(filed).collect::<Vec<_>>().join(sep)
}

/// "1201 stays not-resumed: …" — a status key on a unit whose companies decide its colour.
fn follows_companies(label: &str, s: Status) -> Text {
    let (l, en, zh) = (inline(label), s.key(), s.zh());
    loupan_core::tr!(
        "{l} stays {en}: a unit's colour follows its companies (green only when all have resumed); b files a company's update",
        "{l} 仍为{zh}：有企业的单元颜色随企业而定（全部复工才显示已复工）；按 b 为企业备案"
    )
}

/// Whether a step only empties fields (a vacated unit's household cleared): said as cleared.
fn only_clears(step: &Step) -> bool {
    step.changes.iter().all(|(_, before, after)| {
        let changed = before.changed(after);
        !changed.is_empty() && changed.iter().all(|f| !f.get(after).is_set())
    })
}

/// What an undo took back, said as it was done, then what the unit holds again: "已撤销：1203 →
/// 未复工（现为 健康住户）".
fn undone(landed: &Step) -> Text {
    let back = landed.reversed();
    let now = landed
        .changes
        .first()
        .map(|(_, b, a)| (b.status != a.status, a.status));
    Text::by(|lang| {
        let what = describe(&back, lang);
        match (lang, now) {
            (Lang::En, Some((true, s))) => format!("undone: {what} (now {})", lang.status(s)),
            (Lang::Zh, Some((true, s))) => format!("已撤销：{what}（现为 {}）", lang.status(s)),
            (Lang::En, _) => format!("undone: {what}"),
            (Lang::Zh, _) => format!("已撤销：{what}"),
        }
    })
}

/// "1203 → 居家隔离" or "6 units → 未复工" for the status line.
pub fn describe(step: &Step, lang: Lang) -> String {
    let Some((label, before, after)) = step.changes.first() else {
        return String::new();
    };
    let what = if step.changes.len() == 1 {
        inline(label).into_owned()
    } else {
        format!("{} {}", step.changes.len(), lang.pick("units", "户"))
    };
    if before.status != after.status {
        format!("{what} → {}", lang.status(after.status))
    } else if before.live_work != after.live_work {
        let lw = Field::LiveWork.spec().label(lang);
        format!("{what} → {}{lw}", if after.live_work { "" } else { "-" })
    } else {
        let sep = lang.pick(", ", "、");
        format!("{what}: {}", before.changed_names(after, lang).join(sep))
    }
}

/// What git answered: a commit, a sync.
impl App {
    pub(super) fn on_committed(
        &mut self,
        result: Result<loupan_core::ids::CommitId, Text>,
    ) -> Vec<Effect> {
        self.notice = Some(match result {
            Ok(commit) => {
                let short = commit.short();
                Notice::Info(loupan_core::tr!("committed {short}", "已提交 {short}"))
            }
            Err(e) => Notice::Error(e),
        });
        vec![Effect::RefreshGit]
    }

    pub(super) fn on_synced(&mut self, result: Result<Vec<Text>, Text>) -> Vec<Effect> {
        self.notice = Some(match result {
            Ok(lines) => Notice::Info(
                lines
                    .last()
                    .cloned()
                    .unwrap_or_else(|| loupan_core::tr!("synced", "已同步")),
            ),
            Err(e) => Notice::Error(e),
        });
        vec![Effect::RefreshGit]
    }
}
