//! Records as JSON, in the shapes SPEC §3 fixes, field by field from the schema; and JSON written
//! so that no hazard (a bidi override, a C1 control) reaches a terminal raw: such characters are
//! written as `\uXXXX`, which any JSON reader decodes to the same text.

use loupan_core::fields::{FIELDS, Record, Value as Field};
use loupan_core::model::Building;
use loupan_core::stats::Counts;
use loupan_core::status::Status;
use serde_json::{Map, Value, json};

/// `{"building", "unit", "floor", "status", "live-work", …every other field in the file}`.
pub fn unit(b: &Building, i: usize) -> Value {
    let u = &b.units[i];
    let mut m = Map::new();
    m.insert("building".into(), json!(b.id));
    m.insert("unit".into(), json!(&*u.label));
    m.insert("floor".into(), json!(b.floor_label_of(i)));
    record_fields(&u.record, &mut m);
    Value::Object(m)
}

/// Every field in the file; `status` and flags always (a flag as `false` when unset).
pub fn record_fields(r: &Record, m: &mut Map<String, Value>) {
    for spec in FIELDS {
        let v = match spec.field.get(r) {
            Field::Status(s) => json!(s.key()),
            Field::Flag(b) => json!(b),
            Field::Text(Some(t)) => json!(&*t),
            Field::Count(Some(n)) => json!(n),
            Field::Date(Some(d)) => json!(d.to_string()),
            _ => continue,
        };
        m.insert(spec.key.into(), v);
    }
    for (k, src) in r.extra() {
        m.insert(k.to_string(), toml_source_to_json(src));
    }
}

fn toml_source_to_json(src: &str) -> Value {
    match toml::from_str::<toml::Table>(&format!("v = {src}")) {
        Ok(mut t) => t.remove("v").map(toml_to_json).unwrap_or(Value::Null),
        Err(_) => json!(src),
    }
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => json!(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => json!(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

pub fn counts(c: &Counts, m: &mut Map<String, Value>) {
    m.insert("units".into(), json!(c.units));
    for s in Status::ALL {
        m.insert(s.key().into(), json!(c.get(s)));
    }
    m.insert("live-work".into(), json!(c.live_work));
}

/// Pretty JSON with every hazard escaped, then a newline.
pub fn write(out: &mut dyn std::io::Write, v: &Value) -> std::io::Result<()> {
    use serde::Serialize;
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
