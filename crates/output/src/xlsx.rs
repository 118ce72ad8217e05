//! Spreadsheets (through rust_xlsxwriter): the export — a ledger sheet and one sheet per
//! building drawn as its chart, ready to print — and the daily report. Sheets are written row by
//! row in constant-memory mode, so a city of a million units does not have to fit in memory.

use super::colours;
use super::ledger::Column;
use loupan_core::display::inline;
use loupan_core::i18n::{Lang, Text};
use loupan_core::model::Building;
use loupan_core::privacy::{Reveal, outgoing};
use loupan_core::report::Report;
use loupan_core::stats::Counts;
use loupan_core::status::Status;
use loupan_core::tr;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

fn err(e: XlsxError) -> Text {
    tr!("cannot make the spreadsheet: {e}", "无法生成表格：{e}")
}

/// A4, in Excel's numbering of paper sizes.
const A4: u8 = 9;

/// The export being written: building by building, the ledger sheet grows and a chart sheet is
/// added.
pub struct Export {
    book: Workbook,
    row: u32,
    /// The next row of the companies sheet (sheet 1).
    company_row: u32,
    lang: Lang,
    reveal: Reveal,
    title: String,
    names: std::collections::HashSet<String>,
}

impl Export {
    /// `title` goes above every chart (the date, say).
    pub fn new(lang: Lang, reveal: Reveal, title: &str) -> Result<Export, Text> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet_with_constant_memory().map_err(err)?;
        sheet.set_name(lang.pick("Ledger", "台账")).map_err(err)?;
        let bold = Format::new().set_bold();
        for (c, h) in super::ledger::headers(lang).iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(err)?;
            sheet
                .set_column_width(c as u16, if c == 1 { 16 } else { 11 })
                .map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        // the companies filed at the buildings (企业台账), one row each
        let sheet = book.add_worksheet_with_constant_memory().map_err(err)?;
        // the district's forms call it 企业 whatever the interface language
        sheet
            .set_name(lang.pick("Companies (企业)", "企业"))
            .map_err(err)?;
        for (c, h) in super::ledger::company_headers(lang).iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        Ok(Export {
            book,
            row: 1,
            company_row: 1,
            lang,
            reveal,
            title: title.to_string(),
            names: Default::default(),
        })
    }

    pub fn add(&mut self, b: &Building) -> Result<(), Text> {
        let rows = super::ledger::rows(b, self.reveal, self.lang);
        let columns = super::ledger::columns();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let sheet = self.book.worksheet_from_index(0).map_err(err)?;
        for r in rows {
            for (c, v) in r.iter().enumerate() {
                let kind = columns.get(c).copied().unwrap_or(Column::Text);
                typed_cell(sheet, (self.row, c as u16), v, kind, &date).map_err(err)?;
            }
            self.row += 1;
        }
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let columns = super::ledger::company_columns();
        let sheet = self.book.worksheet_from_index(1).map_err(err)?;
        for r in super::ledger::company_rows(b, self.reveal, self.lang) {
            for (c, v) in r.iter().enumerate() {
                let kind = columns.get(c).copied().unwrap_or(Column::Text);
                typed_cell(sheet, (self.company_row, c as u16), v, kind, &date).map_err(err)?;
            }
            self.company_row += 1;
        }
        let name = sheet_name(&b.name, &b.id, &mut self.names);
        let sheet = self
            .book
            .add_worksheet_with_constant_memory()
            .map_err(err)?;
        sheet.set_name(name).map_err(err)?;
        chart(sheet, b, self.reveal, self.lang, &self.title).map_err(err)
    }

    pub fn finish(mut self) -> Result<Vec<u8>, Text> {
        let cols = super::ledger::headers(self.lang).len() as u16;
        let last = self.row.saturating_sub(1).max(1);
        let sheet = self.book.worksheet_from_index(0).map_err(err)?;
        sheet.autofilter(0, 0, last, cols - 1).map_err(err)?;
        self.book.save_to_buffer().map_err(err)
    }
}

/// A ledger of units alone, as a property office keeps one (物业底账): one sheet, the ledger's
/// headers and `rows` (from [`super::ledger::rows`]), each cell as what it holds.
pub fn units_ledger(lang: Lang, rows: &[Vec<String>]) -> Result<Vec<u8>, Text> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("Ledger", "台账")).map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, h) in super::ledger::headers(lang).iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(err)?;
    }
    let (columns, date) = (
        super::ledger::columns(),
        Format::new().set_num_format("yyyy-mm-dd"),
    );
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let kind = columns.get(c).copied().unwrap_or(Column::Text);
            typed_cell(sheet, (r as u32 + 1, c as u16), v, kind, &date).map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}

/// A ledger cell as what it holds: a whole number as a number, a date as a date (shown
/// `yyyy-mm-dd`), anything else — or a value that does not read as its column's kind — as text.
fn typed_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    v: &str,
    kind: Column,
    date: &Format,
) -> Result<(), XlsxError> {
    if v.is_empty() {
        return Ok(());
    }
    match kind {
        Column::Number => {
            // digits only, no leading zero: `07` or `B1` stay as written
            let plain = v.strip_prefix('-').unwrap_or(v);
            let digits = !plain.is_empty() && plain.bytes().all(|b| b.is_ascii_digit());
            match v.parse::<i64>() {
                Ok(n) if digits && (plain.len() == 1 || !plain.starts_with('0')) => {
                    sheet.write_number(row, col, n as f64)?;
                    return Ok(());
                }
                _ => {}
            }
        }
        Column::Date => {
            // the model writes dates as YYYY-MM-DD; the writer checks the day exists
            let parts: Vec<&str> = v.split('-').collect();
            if let [y, m, d] = parts.as_slice()
                && (y.len(), m.len(), d.len()) == (4, 2, 2)
                && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
                && let Ok(when) = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d)
            {
                sheet.write_datetime_with_format(row, col, when, date)?;
                return Ok(());
            }
        }
        Column::Text => {}
    }
    sheet.write_string(row, col, v)?;
    Ok(())
}

/// A sheet name Excel accepts (31 characters, none of `[]:*?/\`), unique in the book.
fn sheet_name(name: &str, id: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let clean: String = inline(name)
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .take(28)
        .collect();
    let base = if clean.trim().is_empty() {
        id.chars().take(28).collect()
    } else {
        clean
    };
    let mut n = base.clone();
    let mut k = 2;
    while !taken.insert(n.to_lowercase()) {
        n = format!("{base}~{k}");
        k += 1;
    }
    n
}

fn cell_format(s: Status, live_work: bool) -> Format {
    let (bg, fg) = colours(s);
    let f = Format::new()
        .set_background_color(Color::RGB(bg))
        .set_font_color(Color::RGB(fg))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    if live_work { f.set_bold() } else { f }
}

/// A building as its chart: floors top down (as the model holds them), a coloured cell per unit (live-work bold, `*`),
/// names under the labels (households masked), a legend with counts; printed on one landscape
/// page.
fn chart(
    sheet: &mut Worksheet,
    b: &Building,
    reveal: Reveal,
    lang: Lang,
    title: &str,
) -> Result<(), XlsxError> {
    sheet
        .set_landscape()
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 1);
    sheet.set_print_center_horizontally(true);
    let head = format!("{} ({})  {}", inline(&b.name), b.id, inline(title));
    sheet.write_string_with_format(0, 0, &head, &Format::new().set_bold().set_font_size(14))?;
    let widest = b.widest_floor().max(1) as u16;
    sheet.set_column_width(0, 6)?;
    for c in 1..=widest {
        sheet.set_column_width(c, 12)?;
    }
    let label = Format::new().set_bold().set_align(FormatAlign::Right);
    let mut row = 2u32;
    for fi in 0..b.floors.len() {
        sheet.write_string_with_format(row, 0, &*inline(&b.floors[fi].label), &label)?;
        for (c, u) in b.floor_units(fi).iter().enumerate() {
            let r = outgoing(&u.record, reveal);
            let mut text = inline(&u.label).into_owned();
            if r.live_work {
                text.push('*');
            }
            if let Some(n) = &r.name {
                text.push('\n');
                text.push_str(&inline(n));
            }
            sheet.write_string_with_format(
                row,
                c as u16 + 1,
                &text,
                &cell_format(r.status, r.live_work),
            )?;
        }
        row += 1;
    }
    legend(sheet, row + 1, &Counts::of(b), lang)
}

fn legend(sheet: &mut Worksheet, row: u32, counts: &Counts, lang: Lang) -> Result<(), XlsxError> {
    let mut col = 1u16;
    for s in Status::ALL {
        let text = format!("{} {}", lang.status(s), counts.get(s));
        sheet.write_string_with_format(row, col, &text, &cell_format(s, false))?;
        col += 1;
    }
    let lw = format!(
        "* {} {}",
        lang.pick("live-work", "企住一体"),
        counts.live_work
    );
    sheet.write_string_with_format(row, col, &lw, &cell_format(Status::Vacant, true))?;
    Ok(())
}

/// The daily report as a sheet: the text at the top, then a row per building.
pub fn report(r: &Report, lang: Lang) -> Result<Vec<u8>, Text> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(lang.pick("Daily report", "日报"))
        .map_err(err)?;
    let mut row = 0u32;
    for line in loupan_core::report::text(r, lang).lines() {
        sheet.write_string(row, 0, line).map_err(err)?;
        row += 1;
    }
    row += 1;
    let bold = Format::new().set_bold();
    for (c, h) in super::report::headers(lang).iter().enumerate() {
        sheet
            .write_string_with_format(row, c as u16, h, &bold)
            .map_err(err)?;
    }
    for cells in super::report::rows(r, lang) {
        row += 1;
        for (c, v) in cells.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if c >= 2 => sheet.write_number(row, c as u16, n),
                _ => sheet.write_string(row, c as u16, v),
            }
            .map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}

/// A report as a sheet: its text lines at the top, then each table (a header row and rows; a
/// cell that is a number from the table's column `numbers_from` on is written as a number), one
/// below the other, a blank row between.
pub fn text_and_tables(
    name: &str,
    text: &str,
    tables: &[(&[Vec<String>], usize)],
) -> Result<Vec<u8>, Text> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(err)?;
    let mut row = 0u32;
    for line in text.lines() {
        sheet.write_string(row, 0, line).map_err(err)?;
        row += 1;
    }
    let bold = Format::new().set_bold();
    for (table, numbers_from) in tables {
        row += 1;
        for (i, cells) in table.iter().enumerate() {
            for (c, v) in cells.iter().enumerate() {
                match v.parse::<f64>() {
                    _ if i == 0 => sheet.write_string_with_format(row, c as u16, v, &bold),
                    Ok(n) if c >= *numbers_from => sheet.write_number(row, c as u16, n),
                    _ => sheet.write_string(row, c as u16, v),
                }
                .map_err(err)?;
            }
            row += 1;
        }
    }
    book.save_to_buffer().map_err(err)
}

/// One sheet named `name`: the header row (bold, frozen, filtered) and the rows under it; the
/// columns in `dates` are written as dates where a cell reads as one, everything else as text
/// exactly as given (a phone number keeps its digits, a guarded cell its guard).
pub fn ledger_sheet(name: &str, rows: &[Vec<String>], dates: &[usize]) -> Result<Vec<u8>, Text> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(err)?;
    let (bold, date) = (
        Format::new().set_bold(),
        Format::new().set_num_format("yyyy-mm-dd"),
    );
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let at = (r as u32, c as u16);
            match (r, dates.contains(&c)) {
                (0, _) => sheet
                    .write_string_with_format(at.0, at.1, v, &bold)
                    .map(|_| ()),
                (_, true) => typed_cell(sheet, at, v, Column::Date, &date),
                _ => typed_cell(sheet, at, v, Column::Text, &date),
            }
            .map_err(err)?;
        }
    }
    let cols = rows.first().map_or(1, Vec::len).max(1) as u16;
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    let last = (rows.len() as u32).saturating_sub(1).max(1);
    sheet.autofilter(0, 0, last, cols - 1).map_err(err)?;
    book.save_to_buffer().map_err(err)
}
