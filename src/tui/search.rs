//! Incremental search by label, name, note or contact: the current building first, then all.

use super::app::{Action, App, Effect, Mode, Notice};
use super::i18n::Msg;

impl App {
    pub(super) fn search_key(
        &mut self,
        action: Action,
        mut query: String,
        origin: (usize, usize),
    ) -> Vec<Effect> {
        match action {
            Action::Input(c) => query.push(c),
            Action::Backspace => {
                query.pop();
            }
            Action::Cancel => {
                self.current = origin.0;
                self.set_cursor(origin.1);
                self.search = None;
                return Vec::new();
            }
            Action::Confirm => {
                self.run_search(&query);
                if self.search.as_ref().is_some_and(|s| s.1.is_empty()) {
                    self.notice = Some(Notice::Error(format!("{}: {query}", self.t(Msg::NoMatch))));
                } else if !self.all_loaded() {
                    self.notice = Some(Notice::Info(self.t(Msg::OfLoaded).into()));
                }
                return Vec::new();
            }
            _ => {}
        }
        // incremental: jump to the first match as the user types
        self.run_search(&query);
        if self.search.as_ref().is_none_or(|s| s.1.is_empty()) {
            self.current = origin.0;
            self.set_cursor(origin.1);
        }
        self.mode = Mode::Search { query, origin };
        Vec::new()
    }

    fn run_search(&mut self, query: &str) {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            self.search = None;
            return;
        }
        let order: Vec<usize> = std::iter::once(self.current)
            .chain((0..self.entries.len()).filter(|i| *i != self.current))
            .collect();
        let mut exact = Vec::new();
        let mut partial = Vec::new();
        for bi in order {
            let Some(b) = self.entries[bi].building() else {
                continue;
            };
            for (ui, u) in b.units.iter().enumerate() {
                let label = u.label.to_lowercase();
                if label == q {
                    exact.push((bi, ui));
                } else if label.contains(&q)
                    || u.record
                        .name
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&q))
                    || u.record
                        .note
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&q))
                    || u.record.contact.as_deref().is_some_and(|n| n.contains(&q))
                {
                    partial.push((bi, ui));
                }
            }
        }
        exact.extend(partial);
        if let Some(&(b, u)) = exact.first() {
            self.current = b;
            self.set_cursor(u);
        }
        self.search = Some((query.to_string(), exact, 0));
    }

    pub(super) fn step_search(&mut self, forward: bool) {
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
        self.notice = Some(Notice::Info(format!("/{q} {}/{n}", pos + 1)));
        self.search = Some((q, hits, pos));
    }
}
