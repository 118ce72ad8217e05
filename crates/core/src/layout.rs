//! Layout: which floors a building has and which units stand on each. Pure.
//!
//! In a file: `floors = 20` (floors 1..20) or `floors = "B2-B1, 1-3, 5-12, 15-20"` (listed bottom up,
//! skipped numbers simply left out), `units = 8` (units per floor), and an optional `[floor]` table
//! that gives one floor another count (`1 = 4`) or its own labels (`B1 = ["P1", "P2"]`).

use super::i18n::Text;
use crate::tr;

/// How one floor differs from the default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FloorOverride {
    Count(usize),
    Labels(Vec<String>),
}

/// Floor labels from a `floors` string, bottom up.
pub fn parse_floors(spec: &str) -> Result<Vec<String>, Text> {
    let mut out: Vec<String> = Vec::new();
    for raw in spec.split(',').map(str::trim) {
        if raw.is_empty() {
            continue;
        }
        let part = &*super::display::inline(raw);
        let (a, b) = match part.split_once('-') {
            // "-" inside a basement range like "B2-B1"
            Some((a, b)) if !a.trim().is_empty() => (a.trim(), b.trim()),
            _ => (part, part),
        };
        let (ka, na) = floor_number(a)?;
        let (kb, nb) = floor_number(b)?;
        if ka != kb {
            return Err(tr!(
                "range `{part}` mixes basements and floors; write them apart, e.g. \"B2-B1, 1-10\"",
                "范围 `{part}` 把地下层和地上层混在一起；请分开写，例如 \"B2-B1, 1-10\""
            ));
        }
        if ka {
            // basements: B3-B1 runs from the deepest up
            if na < nb {
                return Err(tr!(
                    "basement range `{part}` must go from the deepest up, e.g. \"B3-B1\"",
                    "地下层范围 `{part}` 要从最深一层往上写，例如 \"B3-B1\""
                ));
            }
            for n in (nb..=na).rev() {
                out.push(format!("B{n}"));
            }
        } else {
            if na > nb {
                return Err(tr!(
                    "floor range `{part}` must go up, e.g. \"1-20\"",
                    "楼层范围 `{part}` 要从低往高写，例如 \"1-20\""
                ));
            }
            for n in na..=nb {
                out.push(n.to_string());
            }
        }
    }
    if out.is_empty() {
        return Err(tr!(
            "no floors listed; write e.g. floors = 12 or floors = \"B1, 1-12\"",
            "没有列出楼层；请写例如 floors = 12 或 floors = \"B1, 1-12\""
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for f in &out {
        if !seen.insert(f.as_str()) {
            let f = super::display::inline(f);
            return Err(tr!("floor {f} is listed twice", "{f} 层写了两次"));
        }
    }
    Ok(out)
}

/// (is basement, number) of "B2" or "12".
fn floor_number(text: &str) -> Result<(bool, u32), Text> {
    let text = &*super::display::inline(text);
    let (basement, digits) = match text.strip_prefix(['B', 'b']) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    match digits.parse::<u32>() {
        Ok(n) if n > 0 && n < 1000 => Ok((basement, n)),
        _ => Err(tr!(
            "`{text}` is not a floor; floors are numbers from 1 (or B1, B2 for basements), e.g. \"B1, 1-12\"",
            "`{text}` 不是楼层；楼层是从 1 开始的数字（地下层写 B1、B2），例如 \"B1, 1-12\""
        )),
    }
}

/// The label loupan gives the n-th unit (1-based) of a floor: `12` + `03` → `1203`.
pub fn default_label(floor: &str, n: usize) -> String {
    format!("{floor}{n:02}")
}

/// Floors top first, each with its unit labels left to right.
pub fn build(
    floors_bottom_up: &[String],
    units: usize,
    overrides: &[(String, FloorOverride)],
) -> Vec<(String, Vec<String>)> {
    floors_bottom_up
        .iter()
        .rev()
        .map(|f| {
            let labels = match overrides.iter().find(|(k, _)| k == f).map(|(_, o)| o) {
                Some(FloorOverride::Labels(l)) => l.clone(),
                Some(FloorOverride::Count(n)) => (1..=*n).map(|i| default_label(f, i)).collect(),
                None => (1..=units).map(|i| default_label(f, i)).collect(),
            };
            (f.clone(), labels)
        })
        .collect()
}

/// Writes a bottom-up floor list back in the shortest `floors` form.
pub fn format_floors(floors_bottom_up: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < floors_bottom_up.len() {
        let Ok((kb, n0)) = floor_number(&floors_bottom_up[i]) else {
            parts.push(floors_bottom_up[i].clone());
            i += 1;
            continue;
        };
        let mut j = i;
        while j + 1 < floors_bottom_up.len() {
            match floor_number(&floors_bottom_up[j + 1]) {
                Ok((k, n)) if k == kb && !kb && n == n0 + (j + 1 - i) as u32 => j += 1,
                Ok((k, n)) if k == kb && kb && n + (j + 1 - i) as u32 == n0 => j += 1,
                _ => break,
            }
        }
        if i == j {
            parts.push(floors_bottom_up[i].clone());
        } else {
            parts.push(format!("{}-{}", floors_bottom_up[i], floors_bottom_up[j]));
        }
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basements_skips_and_ranges() {
        let f = parse_floors("B2-B1, 1-3, 5-6").unwrap();
        assert_eq!(f, ["B2", "B1", "1", "2", "3", "5", "6"]);
        assert_eq!(format_floors(&f), "B2-B1, 1-3, 5-6");
    }

    #[test]
    fn rejects_nonsense() {
        assert!(parse_floors("").is_err());
        assert!(parse_floors("3-1").is_err());
        assert!(parse_floors("B1-2").is_err());
        assert!(parse_floors("x").is_err());
        assert!(parse_floors("1-3, 2").is_err());
    }

    #[test]
    fn overrides_change_one_floor() {
        let floors = parse_floors("1-2").unwrap();
        let b = build(
            &floors,
            3,
            &[(
                "1".into(),
                FloorOverride::Labels(vec!["S1".into(), "S2".into()]),
            )],
        );
        assert_eq!(
            b[0],
            ("2".into(), vec!["201".into(), "202".into(), "203".into()])
        );
        assert_eq!(b[1], ("1".into(), vec!["S1".into(), "S2".into()]));
    }
}
