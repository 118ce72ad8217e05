//! Returnees and staff on the map: the private store's people and the day's temperatures, read on
//! the worker when the map opens, when Today opens and after each reading logged here. Every
//! person is shown masked (欧*** 137****1111), on Today's lists and in a company's detail panel:
//! a screen is looked over shoulders.

use super::app::{App, Effect, Message, Notice};
use super::effects::Runner;
use jiff::civil::Date;
use loupan_core::display::inline;
use loupan_core::i18n::Text;
use loupan_core::model::Building;
use loupan_core::people::figures::{Seen, health};
use loupan_core::people::readings::{self, DayReadings, FEVER, Reading};
use loupan_core::people::{self, Person, Place};
use loupan_core::privacy::Reveal;
use loupan_core::tr;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::collections::HashMap;

/// The people of every building and the readings of one day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People {
    /// The day `readings` are of (`None`: nothing read yet).
    pub day: Option<Date>,
    pub by_building: HashMap<String, Vec<Person>>,
    pub readings: DayReadings,
}

impl People {
    pub fn of(&self, building: &str) -> &[Person] {
        self.by_building.get(building).map_or(&[], Vec::as_slice)
    }

    /// A building's people on `day`: who has a fever, who is due a reading, whose observation
    /// ends.
    pub fn health(&self, b: &Building, day: Date) -> loupan_core::people::figures::Health {
        let none = DayReadings::default();
        let r = if self.day == Some(day) {
            &self.readings
        } else {
            &none
        };
        health(b, self.of(&b.id), r, day)
    }
}

/// "欧*** 137****1111": a person as the map shows them.
pub fn masked(p: &Person) -> String {
    let o = people::outgoing(p, Reveal::Masked);
    let mut s = inline(&o.name).into_owned();
    if let Some(phone) = &o.phone {
        s.push(' ');
        s.push_str(&inline(phone));
    }
    s
}

/// A person of Today's lists: where, who (masked), what is due.
pub fn row(app: &App, s: &Seen) -> String {
    let name = app
        .index_of(&s.building)
        .map_or(s.building.as_str(), |i| app.entries[i].name());
    let mut parts = vec![format!("{} {}", inline(name), inline(&s.unit))];
    if let Some(c) = &s.company {
        parts.push(inline(c).into_owned());
    }
    parts.push(masked(&s.person));
    parts.push(match s.tenths {
        Some(t) if t >= FEVER => format!("{} ℃ {}", readings::shown(t), app.t("fever", "发热")),
        Some(t) => format!("{} ℃", readings::shown(t)),
        None => app.t("no reading today", "今日未测").to_string(),
    });
    parts.join("  ")
}

/// The detail panel's people of a unit: its companies' staff and its household, one line each,
/// masked, with their observation and today's reading.
pub fn detail_lines(app: &App, b: &Building, label: &str) -> Vec<Line<'static>> {
    let companies = loupan_core::company::all(b);
    let here = |p: &&Person| match &p.place {
        Place::Unit(u) => **u == *label,
        Place::Company(id) => companies.iter().any(|c| c.id == *id && c.in_unit(label)),
    };
    let mine: Vec<&Person> = app.people.of(&b.id).iter().filter(here).collect();
    if mine.is_empty() {
        return Vec::new();
    }
    let title = format!("{} ({})", app.t("people", "人员"), mine.len());
    let mut out = vec![Line::from(Span::styled(
        title,
        Style::default().add_modifier(Modifier::DIM),
    ))];
    for p in mine {
        out.push(person_line(app, p, today_of(app, &b.id, p)));
    }
    out
}

fn today_of(app: &App, building: &str, p: &Person) -> Option<u16> {
    (app.people.day == Some(app.today))
        .then(|| app.people.readings.latest(building, &p.id))
        .flatten()
        .map(|r| r.tenths)
}

fn person_line(app: &App, p: &Person, tenths: Option<u16>) -> Line<'static> {
    let mut s = format!(" {}", masked(p));
    if p.observing(app.today)
        && let Some(u) = p.observe_until()
    {
        let (m, d) = (u.month(), u.day());
        s.push_str(&format!(
            " · {} {m:02}-{d:02}",
            app.t("observing to", "观察至")
        ));
    }
    let reading = match tenths {
        Some(t) => format!(" · {} {} ℃", app.t("today", "今日"), readings::shown(t)),
        None if p.observing(app.today) => format!(" · {}", app.t("no reading today", "今日未测")),
        None => String::new(),
    };
    let style = match tenths {
        Some(t) if t >= FEVER => Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        _ => Style::default(),
    };
    Line::from(vec![Span::raw(s), Span::styled(reading, style)])
}

impl App {
    /// The journal as read at start; then the people are read too.
    pub(crate) fn on_journal(
        &mut self,
        index: loupan_core::journal::Index,
        problems: &[loupan_core::codec::Located],
    ) -> Vec<Effect> {
        self.journal = index;
        if let Some(p) = problems.first() {
            self.notice = Some(Notice::Error(Text::by(|lang| p.render(lang))));
        }
        self.refresh_today();
        vec![self.read_people()]
    }

    /// The people as read on the worker, and what logging a reading did.
    pub(crate) fn on_people(&mut self, p: People, said: Option<Result<Text, Text>>) {
        self.people = p;
        match said {
            Some(Ok(t)) => self.notice = Some(Notice::Info(t)),
            Some(Err(t)) => self.notice = Some(Notice::Error(t)),
            None => {}
        }
        self.refresh_today();
    }

    /// Asks the worker for the people and the day's readings.
    pub(crate) fn read_people(&self) -> Effect {
        Effect::ReadPeople(self.today)
    }
}

impl Runner {
    /// Every building's people and `day`'s readings; a file that does not read is said, and
    /// its building has none here.
    pub(crate) fn people(&self, day: Date, said: Option<Result<Text, Text>>) -> Message {
        let st = self.station();
        let ids: Vec<String> = st
            .ids()
            .map(|v| v.iter().map(ToString::to_string).collect())
            .unwrap_or_default();
        let (list, problems) = st.people_of(&ids);
        let read = loupan_store::private::people::read_day(st.dir(), day);
        let said = match (said, problems.into_iter().next(), &read) {
            (Some(s), ..) => Some(s),
            (None, Some(p), _) => Some(Err(p)),
            (None, None, Err(p)) => Some(Err(p.clone())),
            (None, None, Ok(_)) => None,
        };
        let people = People {
            day: Some(day),
            by_building: list.into_iter().collect(),
            readings: read.unwrap_or_default(),
        };
        Message::People {
            people: Box::new(people),
            said,
        }
    }

    /// A reading typed on Today, logged for `day` at the time it is now.
    pub(crate) fn log_reading(&self, r: &Logged) -> Result<Text, Text> {
        let st = self.station();
        let bid = st.resolve(&r.building)?;
        let reading = Reading {
            tenths: r.tenths,
            at: loupan_store::journal::now().time(),
            by: st.who().as_str().into(),
        };
        st.log_reading(&bid, &r.person, r.day, reading)?;
        let (who, t) = (inline(&r.shown).into_owned(), readings::shown(r.tenths));
        Ok(if r.tenths >= FEVER {
            tr!(
                "{who}: {t} °C logged — a fever, it goes up in tonight's report",
                "{who}：已记录 {t} ℃——发热，将列入今晚报告的需上报事项"
            )
        } else {
            tr!("{who}: {t} °C logged", "{who}：已记录 {t} ℃")
        })
    }
}

/// A reading to log: whose (by id, and as shown), the value, the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub building: String,
    pub person: String,
    /// The person masked, for what the status line says.
    pub shown: String,
    pub tenths: u16,
    pub day: Date,
}
