//! Incremental search: by building (`/海港 1904`, `/haigang`), label, name, note, contact, a
//! company (any part of its name, its credit code, its id), or a status by either language's
//! name (`/居家隔离`, `/isolating`); the current building first. With no search but a filter
//! on, `n` / `N` walk the filtered units.

use super::{Mode, Next, stay};
use crate::app::{App, Notice};
use crate::commands::Command;
use crate::keymap::Input;
use loupan_core::company::{self, Company, doubles::Found};
use loupan_core::find;
use loupan_core::i18n::Text;
use loupan_core::status::Status;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// (building, unit) where the search started: `Esc` goes back there.
    pub origin: (usize, usize),
}

impl Search {
    pub fn start(app: &App) -> Search {
        Search {
            query: String::new(),
            origin: (app.current, app.cursor()),
        }
    }
}

pub fn handle(app: &mut App, mut s: Search, input: Input) -> Next {
    match input {
        Input::Char(c) => s.query.push(c),
        Input::Command(Command::DeleteChar) => {
            s.query.pop();
        }
        Input::Command(Command::ClearField) => s.query.clear(),
        Input::Command(Command::Back) => {
            app.current = s.origin.0;
            app.set_cursor(s.origin.1);
            app.search = None;
            return stay(Mode::Normal);
        }
        Input::Command(Command::Confirm) => {
            app.run_search(&s.query);
            app.notice = found(app, &s.query);
            return stay(Mode::Normal);
        }
        _ => {}
    }
    typed(app, s)
}

/// A search that found nothing is said until the next key on the map: whatever that key does,
/// "no match" (about a search already over) is gone from the status line.
pub fn forget_no_match(app: &mut App) {
    let Some((q, hits, _)) = &app.search else {
        return;
    };
    if !hits.is_empty() {
        return;
    }
    let said = found(app, &q.clone());
    if app.notice == said {
        app.notice = None;
    }
    app.search = None;
}

/// What a search confirmed says, in place of whatever the status line said before: the hits
/// (`/海港 1204 1/3`), or that there were none.
fn found(app: &App, query: &str) -> Option<Notice> {
    let q = loupan_core::display::inline(query);
    let n = app.search.as_ref()?.1.len();
    if n == 0 {
        return Some(Notice::Error(loupan_core::tr!(
            "no match: {q}",
            "没有找到：{q}"
        )));
    }
    Some(Notice::Info(if app.all_loaded() {
        Text::same(format!("/{q} 1/{n}"))
    } else {
        loupan_core::tr!(
            "/{q} 1/{n} (of loaded buildings)",
            "/{q} 1/{n}（仅已加载楼栋）"
        )
    }))
}

/// The query as typed so far: incremental, the cursor on the first match (or back where the
/// search started when nothing matches).
pub fn typed(app: &mut App, s: Search) -> Next {
    app.run_search(&s.query);
    if app.search.as_ref().is_none_or(|h| h.1.is_empty()) {
        app.current = s.origin.0;
        app.set_cursor(s.origin.1);
    }
    stay(Mode::Search(s))
}

/// What a folded term finds in the companies of a unit, the first that it finds.
fn company_hit(q: &str, companies: &[Company], label: &str) -> Option<Found> {
    companies
        .iter()
        .filter(|c| c.in_unit(label))
        .find_map(|c| company::doubles::finds(q, c))
}

/// A unit on the map: (building, unit) indices.
type Spot = (usize, usize);

impl App {
    /// Finds `query`: `海港 1904` (a building, then a unit or text in it), `海港` or `haigang`
    /// alone (the building itself, then units whose text holds it), or a label, name, note,
    /// contact or status anywhere — the current building first.
    pub fn run_search(&mut self, query: &str) {
        let q = find::fold(query);
        if q.is_empty() {
            self.search = None;
            return;
        }
        let order: Vec<usize> = std::iter::once(self.current)
            .chain((0..self.entries.len()).filter(|i| *i != self.current))
            .collect();
        let scoped = find::split(&q)
            .map(|(b, rest)| (self.named(b, &order), rest))
            .filter(|(within, _)| !within.is_empty());
        let hits = match scoped {
            Some((within, rest)) => {
                let (mut exact, partial) = self.unit_hits(&within, rest);
                exact.extend(partial);
                exact
            }
            None => {
                let (mut hits, partial) = self.unit_hits(&order, &q);
                let named = self.named(&q, &order);
                hits.extend(named.into_iter().map(|b| (b, self.entries[b].cursor)));
                for h in partial {
                    if !hits.contains(&h) {
                        hits.push(h);
                    }
                }
                hits
            }
        };
        if let Some(&(b, u)) = hits.first() {
            self.current = b;
            self.set_cursor(u);
        }
        self.search = Some((query.to_string(), hits, 0));
    }

    /// The buildings (in `order`) a folded term names.
    fn named(&self, term: &str, order: &[usize]) -> Vec<usize> {
        order
            .iter()
            .copied()
            .filter(|&bi| {
                let e = &self.entries[bi];
                find::names_building(term, &e.id, e.name())
            })
            .collect()
    }

    /// Units of `buildings` a folded term finds: (exact label, status, company id or credit
    /// code; partial text, or a part of a company's name or code).
    fn unit_hits(&self, buildings: &[usize], q: &str) -> (Vec<Spot>, Vec<Spot>) {
        let status = Status::parse(q);
        let mut exact = Vec::new();
        let mut partial = Vec::new();
        for &bi in buildings {
            let Some(b) = self.entries[bi].building() else {
                continue;
            };
            let companies = company::all(b);
            for (ui, u) in b.units.iter().enumerate() {
                let hit = company_hit(q, &companies, &u.label);
                let r = &u.record;
                let label = u.label.to_lowercase();
                let text_hit = |t: &Option<loupan_core::text::SmallStr>| {
                    t.as_deref().is_some_and(|n| n.to_lowercase().contains(q))
                };
                if label == q || status == Some(r.status) || hit.is_some_and(|f| f != Found::Name) {
                    exact.push((bi, ui));
                } else if hit.is_some()
                    || label.contains(q)
                    || text_hit(&r.name)
                    || text_hit(&r.note)
                    || text_hit(&r.contact)
                {
                    partial.push((bi, ui));
                }
            }
        }
        (exact, partial)
    }

    /// `n` / `N`: the next search hit; with no search, the next unit the filter shows.
    pub fn step_search(&mut self, forward: bool) {
        if self.search.is_none()
            && let Some(f) = self.filter
        {
            self.step_filter(f, forward);
            return;
        }
        let Some((q, hits, pos)) = self.search.take() else {
            return;
        };
        if hits.is_empty() {
            self.search = Some((q, hits, pos));
            return;
        }
        let n = hits.len();
        let pos = if forward {
            (pos + 1) % n
        } else {
            (pos + n - 1) % n
        };
        let (b, u) = hits[pos];
        self.current = b;
        self.set_cursor(u);
        let shown = loupan_core::display::inline(&q);
        self.notice = Some(Notice::Info(Text::same(format!(
            "/{shown} {}/{n}",
            pos + 1
        ))));
        self.search = Some((q, hits, pos));
    }

    /// The next (or previous) unit matching the filter, across buildings.
    fn step_filter(&mut self, f: crate::app::FilterKind, forward: bool) {
        let mut all: Vec<(usize, usize)> = Vec::new();
        for (bi, e) in self.entries.iter().enumerate() {
            if let Some(b) = e.building() {
                all.extend(
                    b.units
                        .iter()
                        .enumerate()
                        .filter(|(_, u)| f.matches(&u.record))
                        .map(|(ui, _)| (bi, ui)),
                );
            }
        }
        let here = (self.current, self.cursor());
        let next = if forward {
            all.iter().find(|x| **x > here).or(all.first())
        } else {
            all.iter().rev().find(|x| **x < here).or(all.last())
        };
        if let Some(&(b, u)) = next {
            self.current = b;
            self.set_cursor(u);
            let at = all.iter().position(|x| *x == (b, u)).unwrap_or(0) + 1;
            self.notice = Some(Notice::Info(Text::same(format!("{at}/{}", all.len()))));
        }
    }
}
