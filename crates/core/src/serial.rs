//! How the core's values look in JSON (docs/spec.md §3, §6, §7), in one place: counts as
//! `{"units", "healthy", …, "live-work"}`, a record as every field it holds by its file key (flags
//! always, unknown keys as their TOML values), a unit as `show --json` prints it. The report,
//! today, diff and stats types derive `Serialize` on top of these. Pure: serde only describes.

use super::fields::{FIELDS, Record, Value};
use super::stats::Counts;
use super::status::Status;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(Status::ALL.len() + 2))?;
        m.serialize_entry("units", &self.units)?;
        for st in Status::ALL {
            m.serialize_entry(st.key(), &self.get(st))?;
        }
        m.serialize_entry("live-work", &self.live_work)?;
        m.end()
    }
}

/// Counts as a report file gives them back: by the same keys; a key that is not a count's is
/// left for the reader to name (a newer loupan's), a count that is not a whole number is refused.
impl<'de> serde::Deserialize<'de> for Counts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Counts, D::Error> {
        let m = std::collections::BTreeMap::<String, toml::Value>::deserialize(d)?;
        let count = |key: &str| match m.get(key) {
            None => Ok(0),
            Some(v) => v
                .as_integer()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| serde::de::Error::custom(format!("`{key}` is not a count"))),
        };
        let mut c = Counts {
            units: count("units")?,
            live_work: count("live-work")?,
            ..Counts::default()
        };
        for s in Status::ALL {
            c.by_status[s.index()] = count(s.key())?;
        }
        Ok(c)
    }
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for spec in FIELDS {
            match spec.field.get(self) {
                Value::Status(st) => m.serialize_entry(spec.key, st.key())?,
                Value::Flag(b) => m.serialize_entry(spec.key, &b)?,
                Value::Text(Some(t)) => m.serialize_entry(spec.key, &*t)?,
                Value::Count(Some(n)) => m.serialize_entry(spec.key, &n)?,
                Value::Date(Some(d)) => m.serialize_entry(spec.key, &d.to_string())?,
                _ => {}
            }
        }
        for (k, src) in self.extra() {
            m.serialize_entry(&**k, &Toml(toml_of(src)))?;
        }
        m.end()
    }
}

/// An unknown key's value as TOML read it (its source text when that does not read as a value).
fn toml_of(src: &str) -> toml::Value {
    toml::from_str::<toml::Table>(&format!("v = {src}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(src.to_string()))
}

/// A TOML value as plain JSON: dates and times as their text (serde's own form of a TOML date is
/// a private wrapper object).
struct Toml(toml::Value);

impl Serialize for Toml {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            toml::Value::String(v) => s.serialize_str(v),
            toml::Value::Integer(v) => s.serialize_i64(*v),
            toml::Value::Float(v) => s.serialize_f64(*v),
            toml::Value::Boolean(v) => s.serialize_bool(*v),
            toml::Value::Datetime(d) => s.serialize_str(&d.to_string()),
            toml::Value::Array(a) => s.collect_seq(a.iter().map(|v| Toml(v.clone()))),
            toml::Value::Table(t) => s.collect_map(t.iter().map(|(k, v)| (k, Toml(v.clone())))),
        }
    }
}

/// A unit as `show BUILDING UNIT --json` prints it: `{"building", "unit", "floor", …every field
/// the record holds}`.
#[derive(Serialize)]
pub struct UnitView<'a> {
    pub building: &'a str,
    pub unit: &'a str,
    pub floor: &'a str,
    #[serde(flatten)]
    pub record: &'a Record,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_has_its_fields_by_key_and_its_unknown_keys_as_values() {
        let text = "name = \"t\"\nfloors = 1\nunits-per-floor = 1\n[units]\n101 = { status = \"isolating\", since = 2026-11-20, people = 3, x-floor = 7, x-when = 2026-01-02 }\n";
        let b = crate::codec::parse("t", text.as_bytes()).unwrap();
        let v = UnitView {
            building: "t",
            unit: "101",
            floor: "1",
            record: &b.units[0].record,
        };
        let json = toml::to_string(&v).unwrap_or_default();
        // any serializer will do to see the keys; TOML keeps the order written
        for key in [
            "building",
            "unit",
            "floor",
            "status",
            "live-work",
            "people",
            "since",
            "x-floor",
            "x-when",
        ] {
            assert!(json.contains(key), "{key}: {json}");
        }
        assert!(json.contains("x-when = \"2026-01-02\""), "{json}");
        assert!(json.contains("since = \"2026-11-20\""), "{json}");
    }
}
