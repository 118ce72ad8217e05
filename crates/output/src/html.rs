//! The chart as a printable page: one self-contained HTML file (no network, no script; fonts
//! that show Chinese from the system), every chosen building on its own landscape page with its
//! title, date and legend. Cells are sized from the page so that a building is never split: a
//! tall tower gets lower rows and smaller type, not a second page; a small one grows to use its
//! page. Every cell carries its status glyph (`o X - + _ ?`, `*` live-work) beside its colour, so
//! a black-and-white copy still reads.

use super::colours;
use loupan_core::display::inline;
use loupan_core::i18n::Lang;
use loupan_core::model::Building;
use loupan_core::privacy::{Reveal, outgoing};
use loupan_core::stats::Counts;
use loupan_core::status::Status;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4,
    A3,
}

impl Paper {
    /// Landscape width and height in millimetres.
    fn size(self) -> (f64, f64) {
        match self {
            Paper::A4 => (297.0, 210.0),
            Paper::A3 => (420.0, 297.0),
        }
    }

    fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
        }
    }
}

/// Page margin, and the room the title and the legend take, in millimetres.
const MARGIN: f64 = 10.0;
const FRAME: f64 = 32.0;

/// Text made safe for HTML: shown on one line (hazards made visible), markup characters escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in inline(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn style(paper: Paper) -> String {
    let (w, h) = paper.size();
    let inner = h - 2.0 * MARGIN - 2.0;
    let mut css = format!(
        "@page {{ size: {} landscape; margin: {MARGIN}mm; }}\n\
         html, body {{ margin: 0; padding: 0; }}\n\
         body {{ font-family: \"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"PingFang SC\", \"Heiti SC\", sans-serif; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}\n\
         section {{ width: {:.1}mm; height: {inner:.1}mm; overflow: hidden; break-inside: avoid; page-break-inside: avoid; break-after: page; page-break-after: always; }}\n\
         section:last-child {{ break-after: auto; page-break-after: auto; }}\n\
         h1 {{ font-size: 15pt; margin: 0 0 1mm 0; }}\n\
         h1 small {{ font-size: 10pt; font-weight: normal; margin-left: 4mm; }}\n\
         table {{ border-collapse: collapse; table-layout: fixed; }}\n\
         td {{ border: 0.25mm solid #666; text-align: center; vertical-align: middle; overflow: hidden; white-space: nowrap; padding: 0 0.5mm; line-height: 1.05; }}\n\
         td.floor {{ border: none; font-weight: bold; text-align: right; padding-right: 1.5mm; }}\n\
         td.none {{ border: none; }}\n\
         .name {{ display: block; font-size: 0.72em; overflow: hidden; text-overflow: ellipsis; }}\n\
         .live {{ font-weight: bold; }}\n\
         .g {{ font-family: \"DejaVu Sans Mono\", \"Noto Sans Mono\", monospace; }}\n\
         .legend {{ margin-top: 2mm; font-size: 9pt; }}\n\
         .legend span {{ display: inline-block; border: 0.25mm solid #666; padding: 0.5mm 2mm; margin-right: 1.5mm; }}\n",
        paper.css(),
        w - 2.0 * MARGIN - 2.0,
    );
    for s in Status::ALL {
        let (bg, fg) = colours(s);
        let _ = writeln!(
            css,
            ".s-{} {{ background: #{bg:06X}; color: #{fg:06X}; }}",
            s.key()
        );
    }
    css
}

/// The page for `buildings`, titled with `date`.
pub fn page(
    buildings: &[&Building],
    date: &str,
    lang: Lang,
    reveal: Reveal,
    paper: Paper,
) -> String {
    let title = format!("{} {}", lang.pick("Building charts", "楼盘图"), esc(date));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        lang.pick("en", "zh-CN"),
        style(paper)
    );
    for b in buildings {
        building(&mut out, b, date, lang, reveal, paper);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Row height, cell width (mm) and type size (pt) that fit the building on one page.
fn sizes(b: &Building, paper: Paper) -> (f64, f64, f64) {
    let (w, h) = paper.size();
    let floors = b.floors.len().max(1) as f64;
    let cols = b.widest_floor().max(1) as f64;
    // a small tower grows to its page, within reason: rows up to 3 cm, cells up to 8 cm
    let row = ((h - 2.0 * MARGIN - FRAME) / floors).min(30.0);
    let cell = ((w - 2.0 * MARGIN - 14.0) / cols).min(80.0);
    let longest = b
        .units
        .iter()
        .map(|u| u.label.chars().count())
        .max()
        .unwrap_or(4)
        .max(4) as f64
        // the glyph and its space
        + 2.0;
    // a point is 0.353 mm; a label takes about 0.6 em a character
    let pt = (row * 0.42 / 0.353)
        .min(cell / (longest * 0.62 * 0.353))
        .min(20.0);
    (row, cell, pt)
}

fn building(out: &mut String, b: &Building, date: &str, lang: Lang, reveal: Reveal, paper: Paper) {
    let (row, cell, pt) = sizes(b, paper);
    let names = row >= 7.0;
    let _ = write!(
        out,
        "<section>\n<h1>{} <small>{} · {}</small></h1>\n<table style=\"font-size: {pt:.1}pt\">\n<colgroup><col style=\"width: 12mm\">",
        esc(&b.name),
        esc(&b.id),
        esc(date)
    );
    for _ in 0..b.widest_floor() {
        let _ = write!(out, "<col style=\"width: {cell:.1}mm\">");
    }
    out.push_str("</colgroup>\n");
    for fi in 0..b.floors.len() {
        let _ = write!(
            out,
            "<tr style=\"height: {row:.2}mm\"><td class=\"floor\">{}</td>",
            esc(&b.floors[fi].label)
        );
        let units = b.floor_units(fi);
        for u in units {
            let r = outgoing(&u.record, reveal);
            let live = if r.live_work { " live" } else { "" };
            let _ = write!(
                out,
                "<td class=\"s-{}{live}\"><b class=\"g\">{}</b> {}",
                r.status.key(),
                r.status.glyph(),
                esc(&u.label)
            );
            if r.live_work {
                out.push('*');
            }
            if let (true, Some(n)) = (names, &r.name) {
                let _ = write!(out, "<span class=\"name\">{}</span>", esc(n));
            }
            out.push_str("</td>");
        }
        for _ in units.len()..b.widest_floor() {
            out.push_str("<td class=\"none\"></td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    legend(out, &Counts::of(b), lang);
    out.push_str("</section>\n");
}

fn legend(out: &mut String, c: &Counts, lang: Lang) {
    out.push_str("<div class=\"legend\">");
    for s in Status::ALL {
        let _ = write!(
            out,
            "<span class=\"s-{}\">{} {} {}</span>",
            s.key(),
            s.glyph(),
            lang.status(s),
            c.get(s)
        );
    }
    let _ = write!(
        out,
        "<span class=\"live\">* {} {}</span>",
        lang.pick("live-work", "企住一体"),
        c.live_work
    );
    out.push_str("</div>\n");
}
