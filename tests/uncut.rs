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
            "report copied (31 lines); pastes nothing? see docs/guide",
            "日报已复制（31 行）；粘贴不出见 docs/guide",
        );
        h.app.notice = Some(Notice::Info(loupan::core::i18n::Text::same(said)));
        let screen = h.screen(size.0, size.1);
        let status = screen.lines().last().unwrap_or_default();
        assert!(status.contains(said), "{lang:?}: {status}");
    }
}

/// Issue 35: buildings whose long names begin alike, as a district's list has them.
fn alike_names() -> Harness {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("buildings");
    std::fs::create_dir(&dir).unwrap();
    let names = [
        ("a1", "金融商务中心写字楼A座"),
        ("a2", "金融商务中心写字楼B座"),
        ("b1", "和平中心1号楼"),
        ("b2", "和平中心12号楼"),
        ("b3", "和平中心123号楼"),
    ];
    for (id, name) in names {
        let text = loupan::core::codec::new_building_text(name, 3, 4);
        std::fs::write(dir.join(format!("{id}.toml")), text).unwrap();
    }
    let ids = names.iter().map(|(i, _)| i.to_string()).collect();
    Harness::open(t, dir, ids, Lang::Zh, ColorMode::None)
}

/// The names as the list draws them (the rows below its totals).
fn list_names(h: &Harness, w: u16, hgt: u16) -> Vec<String> {
    let screen = h.screen(w, hgt);
    screen
        .lines()
        .skip(2)
        .take(5)
        .map(|l| {
            let inside = l.trim_start_matches('│').trim_start_matches(['>', ' ']);
            let name: String = inside
                .chars()
                .take_while(|c| *c != ' ' && *c != '│')
                .collect();
            name
        })
        .collect()
}

#[test]
fn a_wide_window_shows_every_name_whole_and_no_two_cuts_alike() {
    let h = alike_names();
    let wide = list_names(&h, 200, 40);
    assert_eq!(
        wide,
        [
            "金融商务中心写字楼A座",
            "金融商务中心写字楼B座",
            "和平中心1号楼",
            "和平中心12号楼",
            "和平中心123号楼"
        ],
        "\n{}",
        h.screen(200, 40)
    );
    insta::assert_snapshot!("alike_names_zh_200x40", h.screen(200, 40));
    for (w, hgt) in [(80, 24), (100, 30), (60, 20)] {
        let cut = list_names(&h, w, hgt);
        let mut unique = cut.clone();
        unique.sort();
        unique.dedup();
        if w >= 70 {
            assert_eq!(unique.len(), 5, "{w}x{hgt}: two names cut alike: {cut:?}");
        }
    }
    insta::assert_snapshot!("alike_names_zh_80x24", h.screen(80, 24));
}
