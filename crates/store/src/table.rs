//! Tables from outside — a ledger, a list of access cards — as text cells: CSV in UTF-8 (with or
//! without a byte-order mark) or GBK/GB18030, which Chinese spreadsheet programs still write; or a
//! spreadsheet (XLSX, XLS, ODS: its first sheet that holds anything). Rows are numbered as a
//! spreadsheet shows them, so that "row 14" in a message is row 14 on the user's screen.

use calamine::{Data, Reader};
use loupan_core::cells::from_cell;
use loupan_core::display::inline;
use loupan_core::i18n::Text;
use loupan_core::ledger;
use loupan_core::tr;
use std::path::Path;

/// A table: the header row and the rows under it, each with its number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The file's name without its extension (`物业底账`), for saying where a value came from.
    pub name: String,
    pub header_row: usize,
    /// What stands above the header (a title such as "物业底账 2026年11月20日"), cell by cell.
    pub title: Vec<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// As a spreadsheet numbers it: the first row of the file is 1.
    pub number: usize,
    pub cells: Vec<String>,
}

impl Row {
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.trim())
    }
}

/// Reads a table; the kind is told by the file's first bytes, not its name.
pub fn read(path: &Path) -> Result<Table, Text> {
    let bytes = std::fs::read(path).map_err(|e| {
        let (p, why) = (path.display(), super::errors::io_text(&e));
        tr!("cannot read {p}: {why}", "无法读取 {p}：{why}")
    })?;
    let name = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    // XLSX and ODS are zip files; XLS is an OLE compound file
    let spreadsheet =
        bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let grid = if spreadsheet {
        sheet(path, bytes)?
    } else {
        csv_rows(path, &bytes)?
    };
    Ok(into_table(name, grid))
}

/// The local day a file was last modified, for a ledger that says no date of its own.
pub fn modified_day(path: &Path) -> Option<jiff::civil::Date> {
    let t = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    let t = jiff::Timestamp::try_from(t).ok()?;
    Some(t.to_zoned_datetime(jiff::tz::TimeZone::system()).date())
}

/// Rows looked at for the header: a ledger often has a title or a note above it.
const HEADER_WITHIN: usize = 10;

/// The header is the first row naming two columns loupan knows (else the first row with anything
/// in it); rows above it and blank rows are left out.
fn into_table(name: String, grid: Vec<(usize, Vec<String>)>) -> Table {
    let filled = |cells: &[String]| cells.iter().any(|c| !c.trim().is_empty());
    // a cell as `export` wrote it reads back to the text it stands for (guard and escapes undone)
    let rows: Vec<(usize, Vec<String>)> = grid
        .into_iter()
        .filter(|(_, c)| filled(c))
        .map(|(n, cells)| {
            let cells = cells
                .iter()
                .map(|c| from_cell(c.trim()).into_owned())
                .collect();
            (n, cells)
        })
        .collect();
    let known = |cells: &[String]| {
        cells
            .iter()
            .filter(|c| ledger::recognise(c).is_some())
            .count()
    };
    let at = rows
        .iter()
        .take(HEADER_WITHIN)
        .position(|(_, c)| known(c) >= 2)
        .unwrap_or(0);
    let title: Vec<String> = rows
        .iter()
        .take(at)
        .flat_map(|(_, c)| c.iter().filter(|t| !t.is_empty()).cloned())
        .collect();
    let mut rows = rows.into_iter().skip(at);
    let Some((header_row, headers)) = rows.next() else {
        return Table {
            name,
            ..Table::default()
        };
    };
    Table {
        name,
        header_row,
        title,
        headers: headers.iter().map(|h| h.trim().to_string()).collect(),
        rows: rows.map(|(number, cells)| Row { number, cells }).collect(),
    }
}

/// UTF-8 (a byte-order mark dropped), else GB18030 (a superset of GBK); anything else is refused
/// rather than read as mojibake.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Text> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
    if bad {
        let p = path.display();
        return Err(tr!(
            "{p} is neither UTF-8 nor GBK text; save it from the spreadsheet as CSV UTF-8 or as XLSX",
            "{p} 既不是 UTF-8 也不是 GBK 文本；请在表格软件里另存为“CSV UTF-8”或 XLSX"
        ));
    }
    Ok(text.into_owned())
}

fn csv_rows(path: &Path, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, Text> {
    let text = decode(path, bytes)?;
    let first = text.lines().next().unwrap_or_default();
    // a spreadsheet's "text (tab-separated)" export, or a semicolon list from a European locale
    let count = |d: u8| first.bytes().filter(|b| *b == d).count();
    let delimiter = [b'\t', b';']
        .into_iter()
        .find(|d| count(*d) > count(b','))
        .unwrap_or(b',');
    if let Err((row, why)) = quoting(&text, char::from(delimiter)) {
        let p = inline(&path.display().to_string()).into_owned();
        return Err(Text::same(format!("{p}:{row}")).join((": ", ": "), &why));
    }
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| {
            let (p, n) = (path.display(), i + 1);
            tr!(
                "{p}: row {n} cannot be read as CSV: {e}",
                "{p}：第 {n} 行不是有效的 CSV：{e}"
            )
        })?;
        out.push((i + 1, rec.iter().map(str::to_string).collect()));
    }
    Ok(out)
}

/// Where CSV quoting is broken, which the csv crate would read past: a quote inside a cell that
/// does not start with one, text after a closing quote, a quote never closed. The row is the
/// spreadsheet's (a cell's own line breaks do not start a row).
fn quoting(text: &str, delimiter: char) -> Result<(), (usize, Text)> {
    #[derive(PartialEq)]
    enum At {
        Start,
        Plain,
        Quoted,
        Closed,
    }
    let (mut at, mut row, mut opened) = (At::Start, 1, 1);
    for c in text.chars() {
        at = match (at, c) {
            (At::Quoted, '"') => At::Closed,
            (At::Quoted, _) => At::Quoted,
            (At::Closed, '"') => At::Quoted,
            (_, '\n') => {
                row += 1;
                At::Start
            }
            (At::Start, '"') => {
                opened = row;
                At::Quoted
            }
            (_, d) if d == delimiter => At::Start,
            (At::Closed, '\r') => At::Closed,
            (At::Closed, _) => {
                return Err((
                    row,
                    tr!(
                        "text after a closing quote; a quote inside a cell is written twice (\"\")",
                        "右引号后面还有文字；单元格里的引号要写成两个（\"\"）"
                    ),
                ));
            }
            (At::Plain, '"') => {
                return Err((
                    row,
                    tr!(
                        "a quote inside a cell that does not start with one; put the whole cell in quotes and write its quotes twice",
                        "单元格中间出现引号；请把整个单元格放进引号里，并把其中的引号写成两个"
                    ),
                ));
            }
            _ => At::Plain,
        };
    }
    if at == At::Quoted {
        return Err((
            opened,
            tr!(
                "a quote opened here is never closed, so the rest of the file would be one cell",
                "这里开始的引号一直没有结束，文件其余部分都会被当成一个单元格"
            ),
        ));
    }
    Ok(())
}

/// What a spreadsheet may unpack to: an honest 10 MB workbook unpacks to a few dozen MB; a small
/// file that unpacks to gigabytes (one cell of 800 MB) is refused before it is read.
const MOST_UNPACKED: u64 = 256 << 20;
/// Columns a ledger may use; a cell further right (`XFD1048576`) is a damaged or hostile file.
const MOST_COLUMNS: u32 = 1024;
/// Excel's own limit for one cell.
pub const CELL_MOST: usize = 32_767;

/// The first sheet with anything in it, read cell by cell: memory follows the cells the file
/// holds, never the furthest address it names. A damaged file is an error, never a panic.
fn sheet(path: &Path, bytes: Vec<u8>) -> Result<Vec<(usize, Vec<String>)>, Text> {
    let p = inline(&path.display().to_string()).into_owned();
    if bytes.starts_with(b"PK") {
        unpacked_size(&p, &bytes)?;
    }
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| book(&p, bytes)));
    read.unwrap_or_else(|_| {
        Err(tr!(
            "{p} is damaged: a cell's address cannot be read; save it again from the spreadsheet program",
            "{p} 已损坏：有单元格的地址无法读取；请在表格软件里重新保存"
        ))
    })
}

fn unpacked_size(p: &str, bytes: &[u8]) -> Result<(), Text> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        tr!(
            "{p} cannot be read as a spreadsheet: {e}",
            "{p} 不是可读的表格文件：{e}"
        )
    })?;
    // the sizes the archive's directory gives, before anything is unpacked
    let total: u64 = (0..zip.len())
        .map(|i| zip.by_index_raw(i).map_or(0, |e| e.size()))
        .fold(0u64, u64::saturating_add);
    if total > MOST_UNPACKED {
        let mb = total >> 20;
        return Err(tr!(
            "{p} unpacks to {mb} MB, more than any ledger holds; it is damaged or not a ledger",
            "{p} 解压后有 {mb} MB，远超台账应有的大小；文件已损坏或不是台账"
        ));
    }
    // every cell and row address, checked as it streams by, before the reader trusts them
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            addresses(p, std::io::BufReader::new(entry))?;
        }
    }
    Ok(())
}

/// The `r="…"` attributes of a sheet: a row number, or a cell's column letters and row, each
/// within the sheet's own bounds (XFD, 1,048,576). A damaged address is refused here rather than
/// met by the reader, which would overflow on it.
fn addresses(p: &str, mut xml: impl std::io::BufRead) -> Result<(), Text> {
    const KEY: &[u8] = b" r=\"";
    let (mut matched, mut value, mut inside) = (0, Vec::new(), false);
    // the row the damage is in: the last row number read before it
    let mut row: u64 = 1;
    loop {
        let buf = xml.fill_buf().map_err(|e| {
            let why = super::errors::io_text(&e);
            tr!("{p} cannot be read: {why}", "{p} 无法读取：{why}")
        })?;
        if buf.is_empty() {
            return Ok(());
        }
        let n = buf.len();
        for &b in buf {
            if inside {
                if b == b'"' {
                    if !plausible_address(&value) {
                        let shown = inline(&String::from_utf8_lossy(&value)).into_owned();
                        return Err(tr!(
                            "{p}:{row}: \"{shown}\" is not a cell's address (the file is damaged); save it again from the spreadsheet program",
                            "{p}:{row}：“{shown}”不是单元格地址（文件已损坏）；请在表格软件里重新保存"
                        ));
                    }
                    let digits = value.iter().skip_while(|b| b.is_ascii_uppercase());
                    let digits: String = digits.map(|b| char::from(*b)).collect();
                    row = digits.parse().unwrap_or(row);
                    (inside, matched) = (false, 0);
                    value.clear();
                } else if value.len() < 32 {
                    value.push(b);
                } else if value.len() == 32 {
                    // a value this long is no address: keep a mark, not the bytes
                    value.push(b'?');
                }
            } else if b == KEY[matched] {
                matched += 1;
                if matched == KEY.len() {
                    inside = true;
                }
            } else {
                matched = usize::from(b == KEY[0]);
            }
        }
        xml.consume(n);
    }
}

fn plausible_address(a: &[u8]) -> bool {
    let letters = a.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let digits = &a[letters..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) || digits.len() > 7 {
        return false;
    }
    let row: u64 = std::str::from_utf8(digits)
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    let col = a[..letters]
        .iter()
        .fold(0u64, |n, b| n * 26 + u64::from(b - b'A' + 1));
    letters <= 3 && (1..=1_048_576).contains(&row) && col <= 16_384
}

fn book(p: &str, bytes: Vec<u8>) -> Result<Vec<(usize, Vec<String>)>, Text> {
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
            tr!(
                "{p} cannot be read as a spreadsheet: {e}",
                "{p} 不是可读的表格文件：{e}"
            )
        })?;
    for name in book.sheet_names() {
        let rows = match &mut book {
            calamine::Sheets::Xlsx(x) => cells(p, x, &name)?,
            other => range(p, other, &name)?,
        };
        if !rows.is_empty() {
            return Ok(rows);
        }
    }
    Ok(Vec::new())
}

/// An XLSX sheet, a cell at a time.
fn cells(
    p: &str,
    x: &mut calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
    name: &str,
) -> Result<Vec<(usize, Vec<String>)>, Text> {
    let sheet_error =
        |e: calamine::XlsxError| tr!("{p}: sheet {name}: {e}", "{p}：工作表 {name}：{e}");
    let mut reader = x.worksheet_cells_reader(name).map_err(sheet_error)?;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    while let Some(cell) = reader.next_cell().map_err(sheet_error)? {
        let (r, c) = cell.get_position();
        let text = cell_ref_text(cell.get_value());
        place(p, &mut rows, (r, c), text)?;
    }
    Ok(rows.into_iter().map(|(r, c)| (r as usize + 1, c)).collect())
}

/// XLS and ODS, whose readers hold the sheet whole; bounded all the same, cell by cell.
fn range(
    p: &str,
    book: &mut calamine::Sheets<std::io::Cursor<Vec<u8>>>,
    name: &str,
) -> Result<Vec<(usize, Vec<String>)>, Text> {
    let range = book
        .worksheet_range(name)
        .map_err(|e| tr!("{p}: sheet {name}: {e}", "{p}：工作表 {name}：{e}"))?;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    for (r, c, d) in range.used_cells() {
        let (r, c) = (r as u32, c as u32);
        let (top, left) = range.start().unwrap_or((0, 0));
        place(p, &mut rows, (top + r, left + c), cell_text(d))?;
    }
    Ok(rows.into_iter().map(|(r, c)| (r as usize + 1, c)).collect())
}

/// A cell into its row; a cell too far right or too long is refused as `FILE:ROW: why`.
fn place(
    p: &str,
    rows: &mut std::collections::BTreeMap<u32, Vec<String>>,
    (r, c): (u32, u32),
    text: String,
) -> Result<(), Text> {
    let row = u64::from(r) + 1;
    if c >= MOST_COLUMNS {
        return Err(tr!(
            "{p}:{row}: a cell far to the right (column {c}); a ledger has no data there — the file is damaged, or save only the ledger's columns",
            "{p}:{row}：有单元格远在右侧（第 {c} 列）；台账不会有这样的数据——文件已损坏，或只保存台账的列"
        ));
    }
    let n = text.chars().count();
    if n > CELL_MOST {
        return Err(tr!(
            "{p}:{row}: a cell of {n} characters, more than a spreadsheet cell can hold (32,767)",
            "{p}:{row}：有单元格长达 {n} 个字符，超过表格单元格的上限（32,767）"
        ));
    }
    if text.is_empty() {
        return Ok(());
    }
    let cells = rows.entry(r).or_default();
    let c = c as usize;
    if cells.len() <= c {
        cells.resize(c + 1, String::new());
    }
    cells[c] = text;
    Ok(())
}

/// A cell as the cells reader hands it over.
fn cell_ref_text(d: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef as R;
    match d {
        R::SharedString(s) => s.to_string(),
        R::String(s) => s.clone(),
        R::Int(i) => cell_text(&Data::Int(*i)),
        R::Float(f) => cell_text(&Data::Float(*f)),
        R::Bool(b) => b.to_string(),
        R::DateTime(dt) => excel_date(dt.as_f64()),
        R::DateTimeIso(s) => cell_text(&Data::DateTimeIso(s.clone())),
        R::DurationIso(s) => s.clone(),
        R::Error(e) => format!("#{e:?}"),
        R::Empty => String::new(),
    }
}

/// A cell as the text a person would type: whole numbers without `.0` (unit 1203, a phone
/// number), dates as `2026-11-20`.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Excel's day number (1900 system, where day 60 is the 29 February 1900 that never was).
fn excel_date(serial: f64) -> String {
    let days = serial.floor() as i64;
    jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().days(days))
        .map_or_else(|_| serial.to_string(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_days_are_dates() {
        assert_eq!(excel_date(46346.0), "2026-11-20");
        assert_eq!(excel_date(46346.75), "2026-11-20");
    }
}
