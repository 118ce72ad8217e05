//! JSON written so that no hazard (a bidi override, a C1 control) reaches a terminal raw: such
//! characters are written as `\uXXXX`, which any JSON reader decodes to the same text. The shapes
//! themselves are the core's (`serial.rs` and the types that derive `Serialize`).

use loupan_core::model::Building;
use loupan_core::serial::UnitView;
use loupan_core::stats::Counts;
use serde_json::{Map, Value};

/// `{"building", "unit", "floor", "status", "live-work", …every other field in the file}`: the
/// core's [`UnitView`], whose record serializes field by field from the schema.
pub fn unit(b: &Building, i: usize) -> UnitView<'_> {
    let u = &b.units[i];
    UnitView {
        building: &b.id,
        unit: &u.label,
        floor: b.floor_label_of(i),
        record: &u.record,
    }
}

/// The counts as an object, into a map being built (`units`, every status, `live-work`).
pub fn counts(c: &Counts, m: &mut Map<String, Value>) {
    if let Ok(Value::Object(o)) = serde_json::to_value(c) {
        m.extend(o);
    }
}

/// Pretty JSON with every hazard escaped, then a newline.
pub fn write<T: serde::Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    v: &T,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        Safe(serde_json::ser::PrettyFormatter::new()),
    );
    v.serialize(&mut ser).map_err(std::io::Error::from)?;
    writeln!(out)
}

/// serde_json's pretty formatter, escaping what serde_json leaves raw (it escapes only C0).
struct Safe<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for Safe<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if loupan_core::codec::is_hazard(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}
