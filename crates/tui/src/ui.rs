//! `render(frame, &app)`: reads the state, draws every region. Never changes state.

use super::app::App;
use super::geometry;
use super::modes::{Help, Mode};
use super::{detail, grid, list, overview, popup, statusline, today};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(r) = geometry::regions_for(area, list::want(app)) else {
        too_small(frame, app, area);
        return;
    };
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    // help is drawn over the screen it was opened from
    let base = Help::base(&app.mode);
    if let Mode::Overview { selected } = *base {
        overview::render(frame, body, app, selected);
    } else if let Mode::Today(t) = base {
        today::render(frame, body, app, t);
    } else if let Mode::Trend(b) = *base {
        super::trend::render(frame, body, app, b);
    } else {
        if let Some(l) = r.list {
            list::render(frame, l, app);
        }
        grid::render(frame, r.grid, app);
        if let Some(l) = r.legend {
            grid::legend(frame, l, app);
        }
        if let Some(d) = r.detail {
            detail::render(frame, d, app);
        }
    }
    statusline::render(frame, r.status, app);
    statusline::render_above(frame, r.status, app);
    match &app.mode {
        Mode::Help(h) => popup::help(frame, area, app, h),
        Mode::Form(f) => popup::form(frame, area, app, f),
        Mode::Filing(f) => super::filing_window::filing(frame, area, app, f),
        Mode::Conflict(c) => popup::conflict(frame, area, app, c),
        Mode::Review | Mode::Commit { .. } => popup::review(frame, area, app),
        Mode::Vacant(a) => popup::vacant(frame, area, app, a),
        Mode::FollowUp(f) => popup::followup(frame, area, app, f),
        _ => {}
    }
}

fn too_small(frame: &mut Frame, app: &App, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "{} ({}×{} < {}×{})",
        app.t("window too small", "窗口太小"),
        area.width,
        area.height,
        geometry::MIN_WIDTH,
        geometry::MIN_HEIGHT
    );
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
