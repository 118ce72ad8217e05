//! Names of things as types, so that one cannot be passed for another: a station, a building (its
//! file stem, checked never to walk out of the data directory), a unit of a building of a station,
//! a git commit. Pure.

use super::display::inline;
use super::i18n::Text;
use super::text::SmallStr;
use crate::tr;
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// A building's id: the stem of its file, `buildings/<id>.toml`. Made only through
/// [`BuildingId::parse`], so a value of this type never names a path outside the directory.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BuildingId(String);

impl BuildingId {
    /// An id is a file stem: no separators, no leading dot, nothing that walks out of the
    /// directory, no control characters, at most 200 bytes.
    pub fn parse(id: &str) -> Result<BuildingId, Text> {
        if id.is_empty()
            || id.starts_with('.')
            || id.contains(['/', '\\', '\0', ':'])
            || id.chars().any(char::is_control)
            || id.len() > 200
        {
            let id = inline(id);
            return Err(tr!(
                "`{id}` is not a building id: use letters, digits, `-` or `_` (the file is <id>.toml in the data directory), without `/` or a leading `.`",
                "`{id}` 不是楼栋编号：请用字母、数字、`-` 或 `_`（文件是数据目录里的 <编号>.toml），不能含 `/` 或以 `.` 开头"
            ));
        }
        Ok(BuildingId(id.to_string()))
    }

    /// The id of a building being created: stricter than [`BuildingId::parse`], which must
    /// still read files people named by hand — letters (of any script), digits, `-` and `_`
    /// only, as `loupan new` asks.
    pub fn fresh(id: &str) -> Result<BuildingId, Text> {
        let plain = id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        match BuildingId::parse(id) {
            Ok(b) if plain => Ok(b),
            _ => {
                let id = inline(id);
                Err(tr!(
                    "`{id}` is not a building id: use letters, digits, `-` or `_` (the file is <id>.toml in the data directory), without spaces, dots or `/`",
                    "`{id}` 不是楼栋编号：请只用字母、数字、`-` 或 `_`（文件是数据目录里的 <编号>.toml），不能有空格、点或 `/`"
                ))
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file the building lives in, relative to the data directory.
    pub fn file_name(&self) -> String {
        format!("{}.toml", self.0)
    }
}

impl Deref for BuildingId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for BuildingId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for BuildingId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BuildingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for BuildingId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for BuildingId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<BuildingId> for String {
    fn from(id: BuildingId) -> String {
        id.0
    }
}

/// A station's id: its folder's name under the street's `stations/`, or the name of the folder
/// that holds a lone station's data.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StationId(String);

impl StationId {
    pub fn new(id: impl Into<String>) -> StationId {
        StationId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One unit anywhere: the station, the building and the unit's label. Many stations' units
/// can be counted and compared side by side without two `1904`s meeting.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitKey {
    pub station: StationId,
    pub building: BuildingId,
    pub unit: SmallStr,
}

impl fmt::Display for UnitKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{} {}", self.station, self.building, self.unit)
    }
}

/// A git commit's full id, as git printed it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CommitId(String);

impl CommitId {
    /// A commit id is hexadecimal (40 digits for SHA-1, 64 for SHA-256); anything else is not one.
    pub fn parse(hex: &str) -> Option<CommitId> {
        let hex = hex.trim();
        (matches!(hex.len(), 40 | 64) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| CommitId(hex.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first eight digits, as people quote a commit.
    pub fn short(&self) -> &str {
        &self.0[..8]
    }
}

impl fmt::Display for CommitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn building_ids_cannot_escape() {
        for bad in [
            "", "../x", "a/b", ".hidden", "..", "a\\b", "x\0", "a:b", "a\nb",
        ] {
            assert!(BuildingId::parse(bad).is_err(), "{bad:?}");
        }
        for good in ["tower", "海港大厦", "b0001", "east-annex_2"] {
            let id = BuildingId::parse(good).unwrap();
            assert_eq!(id, good);
            assert_eq!(id.file_name(), format!("{good}.toml"));
        }
        assert!(BuildingId::parse(&"x".repeat(201)).is_err());
    }

    #[test]
    fn a_new_building_id_is_letters_digits_dashes() {
        for bad in ["x.toml", " sp", "a b", "t\u{200b}", "a.b", "", "../x"] {
            assert!(BuildingId::fresh(bad).is_err(), "{bad:?}");
        }
        for good in ["tower", "海港大厦", "b0001", "east-annex_2"] {
            assert!(BuildingId::fresh(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn commit_ids_are_hex_of_a_hash_length() {
        let sha1 = "0123456789abcdef0123456789ABCDEF01234567";
        let c = CommitId::parse(sha1).unwrap();
        assert_eq!(c.short(), "01234567");
        assert_eq!(c.as_str(), sha1.to_ascii_lowercase());
        assert!(CommitId::parse(&"a".repeat(64)).is_some());
        for bad in ["", "HEAD", "0123", &"g".repeat(40)] {
            assert!(CommitId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_unit_key_names_all_three() {
        let k = UnitKey {
            station: StationId::new("luguxi"),
            building: BuildingId::parse("haigang").unwrap(),
            unit: "1904".into(),
        };
        assert_eq!(k.to_string(), "luguxi/haigang 1904");
    }
}
