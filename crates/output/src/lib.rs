//! What leaves the station as a file: ledger rows (CSV, XLSX), the chart drawn as a spreadsheet
//! and as a printable page, the daily report's tables. Pure: rows, bytes and text come out, with
//! personal data masked unless revealed; the command line writes them.

pub mod html;
pub mod ledger;
pub mod report;
pub mod xlsx;

use loupan_core::status::Status;

/// The chart's colours as the station drew it on paper (the core's palette), as (background,
/// text) RGB.
pub fn colours(s: Status) -> (u32, u32) {
    loupan_core::palette::swatch(s).paper
}
