//! Two versions of a building file compared by the unit lines that differ, without reading
//! either file whole: what makes a year of history cheap. Used only when everything else is byte
//! for byte the same; otherwise the caller reads the files whole.

use super::read::unit_line;
use crate::fields::Record;
use crate::model::Building;
use memchr::memmem;

/// A unit whose line differs: its place in the layout, floor, label, old and new record (which
/// may be equal when only the line's form changed, a comment say).
pub struct LineChange {
    pub index: usize,
    pub floor: String,
    pub label: String,
    pub before: Record,
    pub after: Record,
}

/// The unit lines that differ between two versions of a file, each read alone, in layout order.
/// `None` unless every other line is the same, the differing ones stand under `[units]` (the
/// last table of the file) each as one unit with the same label in both, and nothing could make
/// a line mean something else (a multi-line string). Lines the whole file's reading would refuse
/// give `None` too, so the answer is the one reading both files whole would give — provided the
/// old version read cleanly, which the caller knows.
pub fn changed_units(id: &str, old: &[u8], new: &[u8]) -> Option<Vec<LineChange>> {
    let (lines, units_end) = lines_apart(old, new, true)?;
    // the layout from the head alone: the floors and labels every unit line must match
    let layout: Building = super::parse(id, &old[..=units_end]).ok()?;
    let mut out = Vec::with_capacity(lines.len());
    for (label, before, after) in lines {
        let index = layout.find(&label)?;
        out.push(LineChange {
            index,
            floor: layout.floor_label_of(index).to_string(),
            label,
            before,
            after,
        });
    }
    out.sort_by_key(|c| c.index);
    // two lines for one unit would make the file refuse to read
    out.windows(2)
        .all(|w| w[0].index != w[1].index)
        .then_some(out)
}

/// `changed_units` without the layout, for a caller that knows the old version read cleanly (so
/// each unchanged label is in the layout) and needs only the records: (label, before, after).
pub fn changed_records(old: &[u8], new: &[u8]) -> Option<Vec<(String, Record, Record)>> {
    let (mut lines, _) = lines_apart(old, new, false)?;
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines.windows(2).all(|w| w[0].0 != w[1].0).then_some(lines)
}

/// The differing unit lines read alone, and where the `[units]` header line ends.
type Apart = (Vec<(String, Record, Record)>, usize);

/// `tables_after`: whether a table may follow `[units]` (`[companies]`), left as it is — the
/// region must then end before it (the unit lines compared, not what they mean together with the
/// companies: a count asks for the file's last table to be `[units]`).
fn lines_apart(old: &[u8], new: &[u8], tables_after: bool) -> Option<Apart> {
    let (a, old_end, new_end) = region(old, new)?;
    let head_end = memmem::find(old, b"\n[units]")? + 1;
    let units_end = head_end + memchr::memchr(b'\n', &old[head_end..])?;
    // where the next table starts (the file's end when [units] is the last)
    let next = memmem::find(&old[units_end..], b"\n[").map(|i| units_end + i);
    // the region lies in [units] (which is the last table unless `tables_after`), and no string
    // spans lines
    if a <= units_end
        || next.is_some_and(|n| !tables_after || old_end > n)
        || memmem::find(&old[..old_end], b"\"\"\"").is_some()
        || memmem::find(&old[..old_end], b"'''").is_some()
        || memmem::find(&new[a..new_end], b"\"\"\"").is_some()
        || memmem::find(&new[a..new_end], b"'''").is_some()
    {
        return None;
    }
    let (x, y) = (
        std::str::from_utf8(&old[a..old_end]).ok()?,
        std::str::from_utf8(&new[a..new_end]).ok()?,
    );
    let (xs, ys): (Vec<&str>, Vec<&str>) = (x.split('\n').collect(), y.split('\n').collect());
    if xs.len() != ys.len() {
        return None;
    }
    let mut out = Vec::new();
    for (lx, ly) in xs.iter().zip(&ys) {
        if lx == ly {
            continue;
        }
        let (kx, rx) = unit_line(lx.trim_end_matches('\r'))?;
        let (ky, ry) = unit_line(ly.trim_end_matches('\r'))?;
        if kx != ky {
            return None;
        }
        out.push((kx, rx, ry));
    }
    Some((out, units_end))
}

/// The lines that differ: (start, end in old, end in new), from the first differing line's
/// start to the last one's end; `None` when the files are equal.
fn region(old: &[u8], new: &[u8]) -> Option<(usize, usize, usize)> {
    let prefix = common(old.iter(), new.iter(), old.chunks(64), new.chunks(64));
    if prefix == old.len() && prefix == new.len() {
        return None;
    }
    let most = old.len().min(new.len()) - prefix;
    let suffix = common(
        old.iter().rev(),
        new.iter().rev(),
        old.rchunks(64),
        new.rchunks(64),
    )
    .min(most);
    let a = old[..prefix]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    // the rest of the last differing line is in the common suffix, at the same distance from
    // both ends
    let tail = old[old.len() - suffix..]
        .iter()
        .position(|b| *b == b'\n')
        .unwrap_or(suffix);
    Some((a, old.len() - suffix + tail, new.len() - suffix + tail))
}

/// How many bytes two sequences share from their start: by blocks first (a comparison the
/// compiler makes wide), then byte by byte in the first block that differs. Versions of a file
/// are tens of kilobytes alike around a few changed lines.
fn common<'a>(
    x: impl Iterator<Item = &'a u8>,
    y: impl Iterator<Item = &'a u8>,
    xs: impl Iterator<Item = &'a [u8]>,
    ys: impl Iterator<Item = &'a [u8]>,
) -> usize {
    let same: usize = xs
        .zip(ys)
        .take_while(|(a, b)| a == b && a.len() == 64)
        .map(|(a, _)| a.len())
        .sum();
    same + x
        .skip(same)
        .zip(y.skip(same))
        .take_while(|(a, b)| a == b)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A building with a company filed: `[companies]` follows `[units]`.
    fn filed(line_101: &str, company: &str) -> String {
        let mut t = crate::codec::new_building_text("t", 2, 2);
        t = t.replace("101 = { status = \"unknown\" }", line_101);
        t.push_str(&format!("\n[companies]\nc1 = {company}\n"));
        t
    }

    /// Issue 33: with `[companies]` after `[units]`, a changed unit line is still read alone
    /// (what keeps `diff` at git's speed); a changed company line is read whole.
    #[test]
    fn unit_lines_before_the_companies_are_read_alone() {
        let c = "{ name = \"甲\", units = [\"201\"], status = \"resumed\" }";
        let old = filed("101 = { status = \"unknown\" }", c);
        assert!(old.contains("101 = { status = \"unknown\" }"), "{old}");
        let new = filed("101 = { status = \"healthy\" }", c);
        assert!(crate::codec::parse("t", old.as_bytes()).is_ok());
        let lines = changed_units("t", old.as_bytes(), new.as_bytes()).expect("read alone");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].label, "101");
        assert_eq!(lines[0].after.status, crate::status::Status::Healthy);
        // counting still asks for [units] to be the last table
        assert!(changed_records(old.as_bytes(), new.as_bytes()).is_none());
        let moved = filed(
            "101 = { status = \"unknown\" }",
            &c.replace("resumed", "not-resumed"),
        );
        assert!(changed_units("t", old.as_bytes(), moved.as_bytes()).is_none());
    }
}
