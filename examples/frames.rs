//! 200 keypresses, each with its redrawn 200×50 frame, on a 60-floor × 30-unit building: the
//! same work as the `frame` benchmark, as a plain program, so that `valgrind --tool=callgrind`
//! can count its instructions — a figure that, unlike time on a shared machine, repeats exactly.
//!
//! cargo build --release --example frames
//! valgrind --tool=callgrind target/release/examples/frames

use loupan::core::codec;
use loupan::core::i18n::Lang;
use loupan::core::status::Status;
use loupan::tui::app::{App, Message};
use loupan::tui::commands::Command;
use loupan::tui::keymap::Input;
use loupan::tui::theme::ColorMode;
fn main() {
    let text = codec::new_building_text("高楼", 60, 30);
    let mut b = codec::parse("tall", text.as_bytes()).unwrap();
    for (i, u) in b.units.iter_mut().enumerate() {
        u.record.status = Status::ALL[i % 6];
        u.record.live_work = i % 11 == 0;
    }
    let mut app = App::new(
        Lang::Zh,
        ColorMode::Ansi16,
        vec![loupan::core::ids::BuildingId::parse("tall").expect("id")],
        jiff::civil::date(2026, 11, 29),
    );
    app.update(Message::Loaded {
        id: loupan::core::ids::BuildingId::parse("tall").expect("id"),
        result: Ok(b),
    });
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50)).unwrap();
    for i in 0..200 {
        let k = if i % 2 == 0 {
            Command::Right
        } else {
            Command::Left
        };
        app.update(Message::Input(Input::Command(k)));
        term.draw(|f| loupan::tui::ui::render(f, &app)).unwrap();
    }
}
