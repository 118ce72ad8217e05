//! A station's line in `street.toml`: its name, and the public SSH key its laptops sign with
//! (`ID = { name = "…", key = "ssh-ed25519 AAAA…" }`; a station without a key is `ID = "name"`).
//! Pure.

use super::At;
use crate::i18n::Text;
use crate::tr;
use toml::de::DeValue;

/// A station's name and key as written: `"name"`, or a table with `name` and `key`.
pub(super) fn station_entry(
    id: &str,
    v: &toml::Spanned<DeValue<'_>>,
    at: At<'_>,
) -> Result<(String, Option<String>), Text> {
    let table = match v.get_ref() {
        DeValue::String(n) => return Ok((n.to_string(), None)),
        DeValue::Table(t) => t,
        _ => {
            return Err(at(
                v.span().start,
                tr!(
                    "station {id}'s name should be text in quotes: {id} = \"name\"",
                    "工作站 {id} 的名称应是带引号的文字：{id} = \"名称\""
                ),
            ));
        }
    };
    let text = |key: &str| -> Result<Option<String>, Text> {
        match table.get(key) {
            None => Ok(None),
            Some(x) => match x.get_ref() {
                DeValue::String(s) => Ok(Some(s.to_string())),
                _ => Err(at(
                    x.span().start,
                    tr!(
                        "station {id}'s {key} should be text in quotes",
                        "工作站 {id} 的 {key} 应是带引号的文字"
                    ),
                )),
            },
        }
    };
    let name = text("name")?.unwrap_or_else(|| id.to_string());
    let key = text("key")?;
    if let (Some(k), Some(x)) = (&key, table.get("key"))
        && !plausible_key(k)
    {
        return Err(at(
            x.span().start,
            tr!(
                "station {id}'s key should be one public SSH key's line, like \"ssh-ed25519 AAAA…\"",
                "工作站 {id} 的 key 应是一行 SSH 公钥，如 \"ssh-ed25519 AAAA…\""
            ),
        ));
    }
    Ok((name, key))
}

/// Whether `key` reads as one public SSH key (`TYPE BASE64 [comment]`): it goes into an allowed
/// signers file line by line, so a line break or an option never gets through.
pub fn plausible_key(key: &str) -> bool {
    let mut parts = key.split(' ');
    let (Some(kind), Some(body)) = (parts.next(), parts.next()) else {
        return false;
    };
    let kinds = [
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-",
        "sk-ssh-ed25519",
        "sk-ecdsa-sha2-",
    ];
    let comment_ok = parts.all(|c| c.chars().all(|ch| ch.is_ascii_graphic()));
    kinds.iter().any(|k| kind.starts_with(k))
        && kind
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-@.".contains(c))
        && body.len() >= 16
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
        && comment_ok
        && key.len() <= 4096
}

/// A station's line's value: `"name"`, or `{ name = "…", key = "…" }` with a key.
pub fn encode_entry(name: &str, key: Option<&str>) -> String {
    let name = crate::codec::toml_string(name);
    match key {
        None => name.to_string(),
        Some(k) => format!(
            "{{ name = {name}, key = {} }}",
            crate::codec::toml_string(k)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKq8Zt3mXb0S1z7x5wq0dJcH6f2b8m9n1p3r5t7v9x1z a@laptop";

    #[test]
    fn a_keyed_station_reads_its_name_and_key() {
        let s = parse(&format!(
            "[stations]\nlu = \"鲁谷西\"\nzhong = {}\n",
            encode_entry("中铁建", Some(KEY))
        ))
        .unwrap();
        assert_eq!(s.stations[1], ("zhong".into(), "中铁建".into()));
        assert_eq!(s.keys.get("zhong").map(String::as_str), Some(KEY));
        assert!(!s.keys.contains_key("lu"));
        // the spec's own spelling, a table of its own
        let s = parse(&format!(
            "[stations.zhong]\nname = \"中铁建\"\nkey = \"{KEY}\"\n"
        ))
        .unwrap();
        assert_eq!(s.keys.len(), 1);
    }

    #[test]
    fn a_key_that_is_not_one_is_refused_where_it_stands() {
        for bad in [
            "nonsense",
            "ssh-ed25519",
            "ssh-ed25519 AAAA\\nzzz AAAAC3NzaC1lZDI1NTE5",
            "cert-authority ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA",
        ] {
            let e = parse(&format!(
                "[stations]\nzhong = {{ name = \"x\", key = \"{bad}\" }}\n"
            ))
            .unwrap_err()
            .en;
            assert!(e.starts_with("street.toml:2:"), "{bad}: {e}");
            assert!(e.contains("public SSH key"), "{e}");
        }
        let e = parse("[stations]\nzhong = { name = 3 }\n").unwrap_err().en;
        assert!(e.contains("name should be text"), "{e}");
        assert!(plausible_key(KEY));
    }
}
