//! Files from outside, mutated: bytes flipped, inserted, deleted, truncated, lines swapped and
//! repeated, invalid UTF-8, a byte-order mark, CRLF line ends, conflict markers, a 50 MB line.
//! For every case: no panic; every problem located inside the file; `check` exits 1 when there is
//! a problem; and no command changes the bytes of a file that does not parse. Journal days the
//! same way, and an append to a broken day keeps every byte that was there.
//!
//! `LOUPAN_FUZZ_CASES` sets the number of cases (10,000 by default; CI runs the default).

mod common;
use common::*;
use loupan::core::codec;
use std::path::Path;

/// splitmix64, so that a failing case can be replayed from its number.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Valid building files to start from: the samples, synthetic ones, a hand-written one.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings");
    for id in ["lianfeng", "haigang"] {
        out.push((
            id.to_string(),
            std::fs::read(sample.join(format!("{id}.toml"))).unwrap(),
        ));
    }
    for n in 1..=3 {
        let (id, text) = loupan::synth::nth(7, n, 3 + n, 3);
        out.push((id, text.into_bytes()));
    }
    let hand = "# 手写\nname = \"手写楼\"\nfloors = \"B1, 1-2\"\nunits-per-floor = 2\n[floor]\nB1 = [\"P1\"]\n[units]\n\
                # first floor\n101 = {status=\"healthy\" , name = \"王\"} # phoned\n202 = { status = \"vacant\", pets = [1, 2] }\n";
    out.push(("hand".into(), hand.as_bytes().to_vec()));
    out
}

const INSERTS: &[&[u8]] = &[
    b"\0",
    b"\xff",
    b"\xc3\x28",
    b"\n",
    b"\r",
    b"\"",
    b"'",
    b"{",
    b"}",
    b"=",
    b"[",
    b"]",
    b"#",
    b",",
    b"\\",
    b"<<<<<<< ours\n",
    b"=======\n",
    b">>>>>>> theirs\n",
    b"\xef\xbb\xbf",
    b"\t",
    b"2020-13-45",
    b"-1",
    b"\xe4\xb8",
    "王".as_bytes(),
    b"\x1b[2J",
];

/// One mutation of a file.
fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    let n = b.len().max(1);
    match rng.below(11) {
        0 => {
            let i = rng.below(n);
            if let Some(x) = b.get_mut(i) {
                *x ^= 1 << rng.below(8);
            }
        }
        1 => {
            let at = rng.below(n + 1).min(b.len());
            let ins = INSERTS[rng.below(INSERTS.len())];
            b.splice(at..at, ins.iter().copied());
        }
        2 => {
            let a = rng.below(n).min(b.len());
            let z = (a + 1 + rng.below(40)).min(b.len());
            b.drain(a..z);
        }
        3 => b.truncate(rng.below(n)),
        4 | 5 => {
            let text = String::from_utf8_lossy(&b).into_owned();
            let mut lines: Vec<&str> = text.split('\n').collect();
            let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
            if rng.below(2) == 0 {
                lines.swap(i, j);
            } else {
                let dup = lines[i];
                lines.insert(j, dup);
            }
            b = lines.join("\n").into_bytes();
        }
        6 => b = [b"\xef\xbb\xbf".as_slice(), &b].concat(),
        7 => {
            b = String::from_utf8_lossy(&b)
                .replace('\n', "\r\n")
                .into_bytes()
        }
        8 => {
            let at = rng.below(n).min(b.len());
            b.insert(at, 0x80 + rng.below(0x40) as u8);
        }
        _ => {
            // two mutations at once
            let once = mutate(rng, &b);
            b = mutate(rng, &once);
        }
    }
    b
}

/// Every problem at a place that exists in the file.
fn located_inside(text: &str, problems: &[codec::Problem]) -> Result<(), String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    for p in problems {
        let ok_line = p.line >= 1 && p.line <= lines.len();
        let width = lines
            .get(p.line.wrapping_sub(1))
            .map_or(0, |l| l.chars().count());
        if !ok_line || p.col < 1 || p.col > width + 1 {
            return Err(format!(
                "{}:{} is outside the file ({} lines): {}",
                p.line,
                p.col,
                lines.len(),
                p
            ));
        }
    }
    Ok(())
}

fn check_case(case: usize, dir: &Path, id: &str, bytes: &[u8], commands: bool) {
    let path = dir.join(format!("{id}.toml"));
    std::fs::write(&path, bytes).unwrap();
    let parsed =
        std::panic::catch_unwind(|| codec::parse_spanned(id, bytes)).unwrap_or_else(|_| {
            panic!(
                "case {case}: the parser panicked on {:?}",
                String::from_utf8_lossy(bytes)
            )
        });
    let broken = parsed.is_err();
    if let Err(ps) = &parsed {
        assert!(!ps.is_empty(), "case {case}: an error without a problem");
        if let Err(e) = located_inside(&String::from_utf8_lossy(bytes), ps) {
            panic!("case {case}: {e}\n{}", String::from_utf8_lossy(bytes));
        }
    }
    if !commands {
        return;
    }
    let unit = parsed
        .as_ref()
        .ok()
        .and_then(|(b, _)| b.units.first())
        .map_or("101".to_string(), |u| u.label.to_string());
    let run = |args: &[&str]| {
        std::panic::catch_unwind(|| cli(dir, args))
            .unwrap_or_else(|_| panic!("case {case}: `loupan {args:?}` panicked"))
    };
    let (code, out, _) = run(&["--lang", "en", "check"]);
    if broken {
        assert_eq!(
            code, 1,
            "case {case}: check must fail on a broken file: {out}"
        );
    }
    let read_only: &[&[&str]] = &[
        &["check"],
        &["stats"],
        &["show", id],
        &["render", id],
        &["fmt", "--check"],
    ];
    let writing: &[&[&str]] = &[&["set", id, &unit, "vacant"], &["fmt"]];
    for args in read_only.iter().chain(if broken { writing } else { &[] }) {
        let (code, _, err) = run(args);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "case {case}: `loupan {args:?}` changed the file"
        );
        if broken && args[0] != "check" {
            assert_ne!(
                code, 0,
                "case {case}: `loupan {args:?}` succeeded on a broken file: {err}"
            );
        }
    }
}

#[test]
fn mutated_files_never_panic_are_located_and_never_overwritten() {
    let cases: usize = std::env::var("LOUPAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let (_t, d) = data_dir();
    let seeds = seeds();
    let mut rng = Rng(2020);
    let mut broken = 0;
    for case in 0..cases {
        let (id, base) = &seeds[case % seeds.len()];
        let bytes = mutate(&mut rng, base);
        broken += usize::from(codec::parse(id, &bytes).is_err());
        // every case through the parser; every fourth through every command as well
        check_case(case, &d, id, &bytes, true);
        let _ = std::fs::remove_file(d.join(format!("{id}.toml")));
    }
    eprintln!(
        "fuzz: {cases} mutated files, {broken} of them broken, every one through the parser and every command"
    );
    // the mutations must break files often, or the test tests little
    assert!(
        broken * 3 > cases,
        "only {broken} of {cases} cases broke a file"
    );
}

#[test]
fn crlf_and_a_byte_order_mark_work_and_are_kept() {
    let (_t, d) = data_dir();
    let p = new_building(&d, "t", 2, 2);
    let crlf = std::fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
    std::fs::write(&p, format!("\u{FEFF}{crlf}")).unwrap();
    ok(&d, &["check"]);
    ok(&d, &["fmt", "--check"]);
    ok(&d, &["set", "t", "101", "vacant", "--note", "a\nb"]);
    let after = std::fs::read_to_string(&p).unwrap();
    assert!(after.starts_with('\u{FEFF}'), "the byte-order mark stays");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "no bare line ends: {after:?}"
    );
    assert_eq!(
        after.lines().count(),
        crlf.lines().count(),
        "one line changed, none added"
    );
    assert_eq!(unit_json(&d, "t", "101")["note"], "a\nb");
    ok(&d, &["fmt"]);
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        after,
        "already canonical, CRLF and all"
    );
}

#[test]
fn a_fifty_megabyte_line_is_located_and_left_alone() {
    let (_t, d) = data_dir();
    let p = new_building(&d, "t", 1, 1);
    let good = std::fs::read_to_string(&p).unwrap();
    for bad in [
        format!("{good}x = \"{}\n", "长".repeat(17_000_000)), // an unclosed 50 MB string
        format!("{good}{}\n", "a".repeat(50_000_000)),        // 50 MB of a key with no value
    ] {
        std::fs::write(&p, &bad).unwrap();
        let (code, out, _) = cli(&d, &["--lang", "en", "check"]);
        assert_eq!(code, 1);
        let line = good.lines().count() + 1;
        assert!(
            out.contains(&format!("t.toml:{line}:")),
            "{}",
            &out[..out.len().min(300)]
        );
        assert!(out.len() < 2_000, "the message does not repeat the line");
        let (code, _, _) = cli(&d, &["set", "t", "101", "vacant"]);
        assert_eq!(code, 6, "data unreadable");
        assert!(std::fs::read(&p).unwrap() == bad.as_bytes(), "left alone");
    }
}

/// Journal days to start from: the sample's, and one of hostile notes in every form TOML allows.
fn journal_seeds() -> Vec<Vec<u8>> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("buildings/journal");
    let mut out: Vec<Vec<u8>> = ["2026-11-28.toml", "2026-11-29.toml"]
        .iter()
        .map(|f| std::fs::read(sample.join(f)).unwrap())
        .collect();
    let hand = "# by hand\n\
        a1 = { at = 2026-11-29T09:00:00, by = \"王\", building = \"tower\", unit = \"101\", via = \"call\", outcome = \"well\", note = \"一楼\\n二楼\\u001b[2J\" }\n\
        a2 = {at=2026-11-29T09:05:00,by='李',building=\"tower\",unit=\"102\",via=\"visit\",outcome=\"not-home\"} # spaced, literal string\n\
        \"a 3\" = { at = 2026-11-29T09:10:00, by = \"\", building = \"tower\", unit = \"201\", via = \"message\", outcome = \"needs-help\", note = \"\"\"x\"\"\" }\n";
    out.push(hand.as_bytes().to_vec());
    out
}

fn journal_case(case: usize, dir: &Path, bytes: &[u8]) {
    let day = jiff::civil::date(2026, 11, 29);
    let path = dir.join("journal").join("2026-11-29.toml");
    std::fs::write(&path, bytes).unwrap();
    let text = String::from_utf8_lossy(bytes);
    let (_, problems) = std::panic::catch_unwind(|| loupan::core::journal::parse_file(&text))
        .unwrap_or_else(|_| panic!("case {case}: the journal parser panicked on {text:?}"));
    let read = station(dir).journal_day(day);
    if let Err(e) = located_inside(&text, &read.problems) {
        panic!("case {case}: {e}\n{text}");
    }
    // an exact duplicate line is a warning only (read once); anything else breaks the day
    let broken = read
        .problems
        .iter()
        .any(|p| p.severity == loupan::core::codec::Severity::Error);
    assert!(
        std::str::from_utf8(bytes).is_err() || problems.len() == read.problems.len(),
        "case {case}: the store and the core disagree"
    );
    let run = |args: &[&str]| {
        std::panic::catch_unwind(|| cli(dir, args))
            .unwrap_or_else(|_| panic!("case {case}: `loupan {args:?}` panicked"))
    };
    for args in [
        &["check"][..],
        &["journal", "--date", "2026-11-29"],
        &["today", "--date", "2026-11-29", "--json"],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "case {case}: `{args:?}` changed the journal"
        );
        if broken && args[0] != "today" {
            assert_eq!(code, 1, "case {case}: `{args:?}` on a broken day: {err}");
        }
    }
    // an append keeps every byte that was there, broken or not, and its own line reads back
    let e = loupan::core::journal::Entry {
        id: format!("f{case:011x}").as_str().into(),
        at: day.at(12, 0, 0, 0),
        by: "fuzz".into(),
        building: "tower".into(),
        unit: "101".into(),
        via: loupan::core::journal::Via::Call,
        outcome: loupan::core::journal::Outcome::Well,
        note: None,
        withdraws: None,
    };
    station(dir)
        .append(&e)
        .unwrap_or_else(|w| panic!("case {case}: {w}"));
    let after = std::fs::read(&path).unwrap();
    assert!(
        after.starts_with(bytes),
        "case {case}: the append rewrote what was there"
    );
    let last = String::from_utf8_lossy(&after);
    let last = last.trim_end().rsplit('\n').next().unwrap_or_default();
    assert_eq!(
        loupan::core::journal::parse_line(last),
        Ok(Some(e)),
        "case {case}: the appended line"
    );
}

#[test]
fn mutated_journal_days_are_located_never_rewritten_and_appended_to() {
    let cases: usize = std::env::var("LOUPAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
        / 5;
    let (_t, d) = data_dir();
    new_building(&d, "tower", 2, 2);
    std::fs::create_dir(d.join("journal")).unwrap();
    let seeds = journal_seeds();
    let mut rng = Rng(1129);
    let mut broken = 0;
    for case in 0..cases {
        let mut bytes = mutate(&mut rng, &seeds[case % seeds.len()]);
        if rng.below(3) == 0 {
            bytes = mutate(&mut rng, &bytes);
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        broken += usize::from(
            std::str::from_utf8(&bytes).is_err()
                || !loupan::core::journal::parse_file(&text).1.is_empty(),
        );
        journal_case(case, &d, &bytes);
    }
    eprintln!("fuzz: {cases} mutated journal days, {broken} of them broken");
    assert!(
        broken * 3 > cases,
        "only {broken} of {cases} cases broke a day"
    );
}

/// A sheet's XML inside an XLSX, replaced: the file as it arrives, mutated inside its archive.
fn rezip(xlsx: &[u8], sheet: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name.starts_with("xl/worksheets/") {
            bytes = sheet.to_vec();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Ledgers from outside, mutated (issue 19): the sample CSV and the sample XLSX's sheet, with
/// bytes flipped, inserted (quotes, cell addresses, huge numbers), deleted and repeated. Every
/// case is read and imported (without --apply) in-process: no panic, no abort, an answer in
/// words; a refusal that names a row names it as `FILE:ROW`.
#[test]
fn mutated_ledgers_never_panic() {
    use std::io::Read;
    let cases: usize = std::env::var("LOUPAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
        / 20;
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    let csv = std::fs::read(src.join("ledgers/门禁卡.csv")).unwrap();
    let xlsx = std::fs::read(src.join("ledgers/物业底账.xlsx")).unwrap();
    let sheet = {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&xlsx)).unwrap();
        let mut s = Vec::new();
        z.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_end(&mut s)
            .unwrap();
        s
    };
    let (_t, d) = data_dir();
    for e in std::fs::read_dir(src.join("buildings")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "toml") {
            std::fs::copy(e.path(), d.join(e.file_name())).unwrap();
        }
    }
    let mut rng = Rng(2025);
    let mut refused = 0;
    for case in 0..cases {
        let (name, bytes) = if case % 2 == 0 {
            ("ledger.csv", mutate(&mut rng, &csv))
        } else {
            let mut s = mutate(&mut rng, &sheet);
            // cell addresses and numbers as a hostile file would write them
            for ins in [
                &b" r=\"XFD1048576\""[..],
                b" r=\"ZZZZZZZ99999999999\"",
                b"<v>1e308</v>",
            ] {
                if rng.below(6) == 0 {
                    let at = rng.below(s.len());
                    s.splice(at..at, ins.iter().copied());
                }
            }
            ("ledger.xlsx", rezip(&xlsx, &s))
        };
        let f = d.parent().unwrap().join(name);
        std::fs::write(&f, &bytes).unwrap();
        let run = std::panic::catch_unwind(|| {
            cli(&d, &["--lang", "en", "import", &f.display().to_string()])
        });
        let Ok((code, _, err)) = run else {
            panic!("case {case}: import panicked on a mutated {name}");
        };
        assert!(code == 0 || code == 1, "case {case}: exit {code}: {err}");
        refused += usize::from(code == 1);
    }
    eprintln!("fuzz: {cases} mutated ledgers, {refused} refused");
    assert!(refused > 0, "the mutations break some ledgers");
}
