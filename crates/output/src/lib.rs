//! What leaves the station as a file: ledger rows (CSV, XLSX), the chart drawn as a spreadsheet
//! and as a printable page, the daily report's tables. Pure: rows, bytes and text come out, with
//! personal data masked unless revealed; the command line writes them.

pub mod html;
pub mod ledger;
pub mod report;
pub mod xlsx;

use loupan_core::status::Status;

/// The chart's colours as the station drew it on paper — yellow households, red isolation, blue
/// companies not back, green ones back, white vacant, grey unknown — as (background, text) RGB.
pub fn colours(s: Status) -> (u32, u32) {
    match s {
        Status::Healthy => (0xFFE066, 0x000000),
        Status::Isolating => (0xD32F2F, 0xFFFFFF),
        Status::NotResumed => (0x1E6FD9, 0xFFFFFF),
        Status::Resumed => (0x2E9E44, 0xFFFFFF),
        Status::Vacant => (0xFFFFFF, 0x000000),
        Status::Unknown => (0xBDBDBD, 0x000000),
    }
}
