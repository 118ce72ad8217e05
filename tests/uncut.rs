//! Issue 20: nothing is cut at 80×24 or 60×20, in either language. What must be shortened is
//! shortened by design — shorter words, then fewer items, a help text wrapped under its key —
//! never chopped: no `…` on the sample's screens, every label whole, every key's help complete.

mod common;
use common::screen::Harness;
use loupan::core::i18n::Lang;
use loupan::tui::app::GitView;
use loupan::tui::keymap::{self, ModeKind};
use loupan::tui::theme::ColorMode;

const SIZES: [(u16, u16); 2] = [(80, 24), (60, 20)];

/// The sample on a station with uncommitted work, as the status line's corner shows it.
fn station(lang: Lang) -> Harness {
    let mut h = Harness::sample(lang, ColorMode::Ansi16);
    h.app.git = Some(GitView {
        branch: "main".into(),
        ahead: 1,
        ..GitView::default()
    });
    let labels: Vec<_> = h.app.entries[0]
        .building()
        .unwrap()
        .units
        .iter()
        .take(23)
        .map(|u| u.label.clone())
        .collect();
    h.app.entries[0].uncommitted.extend(labels);
    h
}

fn no_ellipsis(screen: &str, what: &str) {
    assert!(
        !screen.contains('…'),
        "{what}: something was cut:\n{screen}"
    );
}

/// The text inside a popup's box, lines joined with the borders and every space removed, over
/// every scroll position (`j` scrolls one line).
fn help_text(h: &mut Harness, (w, ht): (u16, u16)) -> String {
    let inner = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .filter(|l| l.starts_with('│') && l.ends_with('│'))
            .map(|l| l.trim_matches('│').to_string())
            .collect()
    };
    let mut lines = inner(&h.screen(w, ht));
    for _ in 0..60 {
        h.keys("j");
        let now = inner(&h.screen(w, ht));
        if let Some(last) = now.last()
            && now != lines[lines.len().saturating_sub(now.len())..]
        {
            lines.push(last.clone());
        }
    }
    lines
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_map_today_and_help_are_whole_at_80x24_and_60x20_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        for size in SIZES {
            let what = format!("{lang:?} {}×{}", size.0, size.1);
            let mut h = station(lang);
            // the map: the floor label whole, the list's figures, the uncommitted count
            let screen = h.screen(size.0, size.1);
            no_ellipsis(&screen, &format!("map {what}"));
            let (floors, uncommitted) = match lang {
                Lang::Zh => ("层）", "23 未提交"),
                Lang::En => (" of ", "23 uncommitted"),
            };
            assert!(
                screen.contains(floors),
                "map {what}: floor label:\n{screen}"
            );
            assert!(
                screen.contains(uncommitted),
                "map {what}: status line:\n{screen}"
            );
            // the map's help, complete
            h.keys("?");
            let text = help_text(&mut h, size);
            for (_, d) in keymap::help_rows(ModeKind::Normal, lang) {
                let d: String = d.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(text.contains(&d), "help {what}: {d:?} not whole in\n{text}");
            }
            // Today: every row's facts whole, the overdue ones first in the row
            h.keys("<Esc>t");
            let screen = h.screen(size.0, size.1);
            no_ellipsis(&screen, &format!("today {what}"));
            let overdue = lang.pick("overdue", "超期");
            assert!(screen.contains(overdue), "today {what}:\n{screen}");
            // Today's help, complete
            h.keys("?");
            let text = help_text(&mut h, size);
            for (_, d) in keymap::help_rows(ModeKind::Today, lang) {
                let d: String = d.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    text.contains(&d),
                    "today's help {what}: {d:?} not whole in\n{text}"
                );
            }
        }
    }
}

#[test]
fn a_long_notice_pushes_the_git_corner_aside_rather_than_being_cut() {
    use loupan::tui::app::Notice;
    for (lang, size) in [(Lang::Zh, (60, 20)), (Lang::En, (80, 24))] {
        let mut h = station(lang);
        let said = lang.pick(
            "report copied (31 lines); pastes nothing? see README: clipboard",
            "日报已复制（31 行）；粘贴不出见 README：剪贴板",
        );
        h.app.notice = Some(Notice::Info(loupan::core::i18n::Text::same(said)));
        let screen = h.screen(size.0, size.1);
        let status = screen.lines().last().unwrap_or_default();
        assert!(status.contains(said), "{lang:?}: {status}");
    }
}
