//! Untrusted text (docs/spec.md §10): whatever a pasted chat message or a crafted ledger brings — line
//! breaks, control characters, escape sequences, bidi overrides, invisible characters, combining
//! marks, characters beyond the BMP, ten thousand characters — is stored on the unit's one line,
//! reads back exactly, and reaches no output raw, with layouts intact.

mod common;
use common::screen::{Harness, buffer_text};
use common::*;
use loupan::core::codec;
use loupan::core::edit::{Change, UnitEdit};
use loupan::core::i18n::Lang;
use loupan::core::model::Record;
use loupan::tui::theme::ColorMode;
use proptest::prelude::*;

/// Pieces of hostile text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z王家 ]{1,6}",
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\u{1b}[2J\u{1b}[H".to_string()), // CSI: clear the screen
        Just("\u{1b}]0;pwned\u{7}".to_string()), // OSC: retitle the window
        Just("\u{1b}P1;2|secret\u{1b}\\".to_string()), // DCS
        Just("\u{9b}31m".to_string()),         // C1 CSI
        Just("\u{7f}\u{0}\u{8}".to_string()),
        Just("abc\u{202E}fed".to_string()), // right-to-left override
        Just("\u{2066}x\u{2069}\u{200F}".to_string()),
        Just("a\u{200B}b\u{200D}c\u{FEFF}".to_string()), // zero-width
        Just(format!("e{}", "\u{301}".repeat(30))),      // a pile of combining marks
        Just("\u{1F600}\u{20000}".to_string()),          // beyond the BMP
        Just("\u{2028}\u{2029}".to_string()),
        Just("\"'\\#={}[]".to_string()),
        Just("=cmd|' /C calc'!A0".to_string()), // a spreadsheet formula
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        9 => proptest::collection::vec(piece(), 1..6).prop_map(|v| v.concat()),
        1 => Just(format!("长{}", "很长的备注\u{1b}[31m".repeat(1250))),  // 10,000 characters
    ]
}

/// No raw hazard in any line of an output.
fn safe(what: &str, out: &str) -> Result<(), TestCaseError> {
    let bad = raw_hazards(out);
    prop_assert!(bad.is_empty(), "{what} printed raw {bad:?}");
    Ok(())
}

proptest! {
    #![proptest_config(common::seed::config(48))]

    #[test]
    fn hostile_text_stays_on_one_line_reads_back_and_prints_safely(
        name in hostile(), contact in hostile(), note in hostile(), building in hostile(),
    ) {
        let (_t, d) = data_dir();
        let (code, _, err) = cli(&d, &["--lang", "en", "new", "t", "--name", &format!("楼{building}"), "--floors", "2", "--units", "2"]);
        prop_assert_eq!(code, 0, "{}", err);
        let path = d.join("t.toml");
        // through the write path exactly as given…
        let r = Record { name: Some(name.as_str().into()), contact: Some(contact.as_str().into()), note: Some(note.as_str().into()), ..Record::with_status(loupan::core::status::Status::Healthy) };
        station(&d).apply_edits(&bid("t"), &[UnitEdit { unit: "101".into(), expect: None, change: Change::Set(r.clone()) }]).unwrap();
        // …and through `set`, which trims what is typed
        let (code, _, err) = cli(&d, &["set", "t", "201", "isolating", "--since", "2026-11-20", "--name", &name, "--note", &note, "--contact", &contact]);
        prop_assert_eq!(code, 0, "{}", err);
        let b = read_building(&d, "t");
        prop_assert_eq!(&b.units[b.find("101").unwrap()].record, &r, "reads back exactly");
        let set = &b.units[b.find("201").unwrap()].record;
        prop_assert_eq!(set.note.as_deref(), Some(note.trim()).filter(|n| !n.is_empty()));
        let bytes = std::fs::read(&path).unwrap();
        let (shared, spans) = codec::parse_spanned("t", &bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        prop_assert!(codec::lint(&text, &shared, &spans).is_empty(), "every unit on one line");
        prop_assert_eq!(text.lines().filter(|l| l.contains("status =")).count(), 4, "one line per unit");
        safe("the file itself", &text)?;
        // the personal values, in the private store: one line per unit too
        // `set` trims what is typed as Rust's `str::trim` does: Unicode white space, U+2028 and
        // U+2029 included (the README's "What set keeps"); a value of white space alone is no value,
        // and a unit with no personal value has no private line
        let typed = [&name, &contact, &note].iter().any(|v| !v.trim().is_empty());
        let private = std::fs::read_to_string(d.join(".private/t.toml")).unwrap();
        prop_assert_eq!(private.lines().filter(|l| l.contains(" = {")).count(), 1 + usize::from(typed), "{}", private);
        safe("the private file", &private)?;
        for lang in ["en", "zh"] {
            for args in [
                &["show", "t", "101"][..], &["show", "t"], &["show", "t", "101", "--json"], &["show", "t", "--json"],
                &["render", "t", "--color", "always"], &["render", "t", "--color", "never"],
                &["stats"], &["stats", "--format", "csv"], &["stats", "--format", "json"],
                &["check"], &["fmt", "--check"],
            ] {
                let mut a = vec!["--lang", lang];
                a.extend_from_slice(args);
                let (_, out, err) = cli(&d, &a);
                // `render --color always` writes its own colour codes; nothing else may
                let checked = if args.contains(&"always") { strip_sgr(&out) } else { out.clone() };
                safe(&format!("{args:?}"), &checked)?;
                safe(&format!("{args:?} stderr"), &err)?;
            }
        }
        // layouts intact: the grid has a line per floor, `show` a line per field
        let (_, grid, _) = cli(&d, &["render", "t", "--color", "never"]);
        prop_assert_eq!(grid.lines().count(), 2 + 3, "{}", grid);
        let (_, one, _) = cli(&d, &["show", "t", "101"]);
        prop_assert_eq!(one.lines().count(), 3 + 4, "{}", one);
        // the JSON still decodes to exactly what is stored
        let (_, json, _) = cli(&d, &["show", "t", "101", "--json", "--reveal"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(v["note"].as_str(), Some(note.as_str()));
        // the map: every screen, both languages, no hazard in any cell
        for lang in [Lang::En, Lang::Zh] {
            let t = tempfile::tempdir().unwrap();
            let dir = t.path().join("buildings");
            std::fs::create_dir(&dir).unwrap();
            std::fs::copy(&path, dir.join("t.toml")).unwrap();
            let mut h = Harness::open(t, dir, vec!["t".into()], lang, ColorMode::Ansi16);
            for keys in ["", "j", "<Enter>", "<Esc>/王", "<Esc>?", "<Esc>o"] {
                h.keys(keys);
                safe(&format!("screen after {keys}"), &buffer_text(&h.buffer(100, 30)))?;
            }
        }
    }
}

/// Text with `render --color always`'s own SGR codes (ESC [ digits ; m) taken out.
fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            let mut seq = String::new();
            chars.next();
            while let Some(&n) = chars.peek() {
                chars.next();
                if n == 'm' {
                    break;
                }
                seq.push(n);
            }
            if seq.chars().all(|x| x.is_ascii_digit() || x == ';') {
                continue;
            }
            out.push_str("\u{1b}[");
            out.push_str(&seq);
            continue;
        }
        out.push(c);
    }
    out
}

/// The case CI drew: line and paragraph separators alone are white space to `set`, trimmed to no
/// value, so the unit keeps no private line; with a letter beside them they are kept, on one line.
#[test]
fn separators_alone_are_trimmed_by_set_and_kept_beside_text() {
    let (_t, d) = data_dir();
    new_building(&d, "t", 2, 2);
    let sep = "\u{2028}\u{2029}";
    let (code, _, err) = cli(
        &d,
        &[
            "set",
            "t",
            "101",
            "healthy",
            "--name",
            sep,
            "--note",
            sep,
            "--contact",
            sep,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let private = std::fs::read_to_string(d.join(".private/t.toml")).unwrap_or_default();
    assert!(
        !private.contains("101"),
        "white space alone is no value: {private:?}"
    );
    let (code, _, err) = cli(
        &d,
        &[
            "set",
            "t",
            "102",
            "healthy",
            "--note",
            &format!("{sep}王{sep}"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let b = read_building(&d, "t");
    assert_eq!(
        b.units[b.find("102").unwrap()].record.note.as_deref(),
        Some("王")
    );
    let private = std::fs::read_to_string(d.join(".private/t.toml")).unwrap();
    assert_eq!(
        private.lines().filter(|l| l.contains(" = {")).count(),
        1,
        "{private}"
    );
}

#[test]
fn history_outputs_review_and_commit_messages_stay_safe() {
    let nasty = "王小明\u{1b}]0;pwned\u{7}\n家\u{202E}\u{200B}";
    let (t, d) = data_dir();
    let (code, _, err) = cli(
        &d,
        &[
            "new",
            "t",
            "--name",
            "海港\u{1b}[2J大厦\u{202E}",
            "--floors",
            "2",
            "--units",
            "2",
        ],
    );
    assert_eq!(code, 0, "{err}");
    git_init(t.path());
    let (code, _, err) = cli(
        &d,
        &[
            "set", "t", "101", "healthy", "--name", nasty, "--note", nasty,
        ],
    );
    assert_eq!(code, 0, "{err}");
    for lang in ["en", "zh"] {
        for args in [&["diff"][..], &["diff", "--json"], &["log", "t", "101"]] {
            let mut a = vec!["--lang", lang];
            a.extend_from_slice(args);
            let (_, out, err) = cli(&d, &a);
            assert!(
                raw_hazards(&out).is_empty() && raw_hazards(&err).is_empty(),
                "{args:?}: {out:?}"
            );
        }
    }
    // the review window, and the commit it makes, through the runner the binary uses
    let mut h = Harness::open(
        tempfile::tempdir().unwrap(),
        d.clone(),
        vec!["t".into()],
        Lang::Zh,
        ColorMode::Ansi16,
    );
    h.send(loupan::tui::app::Message::Git(station(&d).review()));
    h.keys("r");
    let screen = buffer_text(&h.buffer(120, 30));
    assert!(screen.contains("待核实 → 健康住户"), "{screen}");
    assert!(raw_hazards(&screen).is_empty(), "{screen:?}");
    h.keys("c<Enter>");
    let message = git_ok(t.path(), &["log", "-1", "--format=%B"]);
    assert!(message.contains("更新 1 户"), "{message}");
    assert!(raw_hazards(&message).is_empty(), "{message:?}");
    assert!(
        !message.contains("王小明") && !message.contains("pwned"),
        "no personal value in a commit message: {message}"
    );
}

/// A minimal XLSX around one sheet's XML (rows and cells as written), for files no spreadsheet
/// program would write.
fn xlsx_with_sheet(path: &std::path::Path, rows: &str) {
    use std::io::Write;
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#)),
    ];
    for (name, text) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

fn inline_cell(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// Tiny hostile spreadsheets (issue 19): a cell named at the sheet's last address, an address
/// that is no address, a cell over Excel's own limit, a text over a field's limit — each is
/// `FILE:ROW: why` (or a plain refusal), never an abort, a panic or gigabytes of memory.
#[test]
fn hostile_spreadsheets_are_refused_in_words() {
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    let dir = d.parent().unwrap();
    let head = format!(
        r#"<row r="1">{}{}{}</row>"#,
        inline_cell("A1", "楼栋"),
        inline_cell("B1", "房号"),
        inline_cell("C1", "备注")
    );
    let long = "长".repeat(40_000);
    let over = "字".repeat(2_001);
    let cases = [
        (
            "far.xlsx",
            format!(
                r#"{head}<row r="1048576">{}</row>"#,
                inline_cell("XFD1048576", "x")
            ),
            "1048576:",
        ),
        (
            "bad-address.xlsx",
            format!(
                r#"{head}<row r="2">{}</row>"#,
                inline_cell("ZZZZZZZ99999999999", "x")
            ),
            "far.xlsx",
        ),
        (
            "long-cell.xlsx",
            format!(
                r#"{head}<row r="2">{}{}{}</row>"#,
                inline_cell("A2", "tower"),
                inline_cell("B2", "101"),
                inline_cell("C2", &long)
            ),
            "long-cell.xlsx:2:",
        ),
        (
            "long-text.xlsx",
            format!(
                r#"{head}<row r="2">{}{}{}</row>"#,
                inline_cell("A2", "tower"),
                inline_cell("B2", "101"),
                inline_cell("C2", &over)
            ),
            "long-text.xlsx:2:",
        ),
    ];
    let before = std::fs::read_to_string(d.join("tower.toml")).unwrap();
    for (name, rows, said) in cases {
        let f = dir.join(name);
        xlsx_with_sheet(&f, &rows);
        for cmd in ["import", "crosscheck"] {
            let (code, _, err) = cli(
                &d,
                &["--lang", "en", cmd, &f.display().to_string(), "--apply"]
                    [..if cmd == "import" { 5 } else { 4 }],
            );
            assert!(code == 1 || code == 0, "{name} {cmd}: {code} {err}");
            assert!(
                !err.contains("panicked") && !err.contains("memory allocation"),
                "{name}: {err}"
            );
            match name {
                "bad-address.xlsx" => assert!(
                    code == 1 && err.contains("bad-address.xlsx:2:") && err.contains("ZZZZZZZ"),
                    "{cmd}: {err}"
                ),
                // a long text is an import's refusal; a cross-check only reads where units are
                "long-text.xlsx" if cmd == "crosscheck" => {}
                _ => assert!(err.contains(said), "{name} {cmd}: {err}"),
            }
        }
    }
    assert_eq!(
        std::fs::read_to_string(d.join("tower.toml")).unwrap(),
        before,
        "nothing imported"
    );
}

/// A small file that unpacks to hundreds of megabytes is refused before it is unpacked.
#[test]
fn a_spreadsheet_that_unpacks_to_hundreds_of_megabytes_is_refused() {
    use std::io::Write;
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    let f = d.parent().unwrap().join("bomb.xlsx");
    let file = std::fs::File::create(&f).unwrap();
    let mut z = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..300 {
        z.write_all(&chunk).unwrap();
    }
    z.finish().unwrap();
    assert!(
        std::fs::metadata(&f).unwrap().len() < 2 << 20,
        "small on disk"
    );
    let (code, _, err) = cli(&d, &["--lang", "en", "import", &f.display().to_string()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unpacks to 300 MB"), "{err}");
}
