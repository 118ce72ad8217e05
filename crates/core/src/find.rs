//! What a search names: a building (by the start of its id or a part of its name), and a search
//! split into a building and what to look for inside it (`海港 1904`, `haigang 1904`). One rule
//! for the map's `/` and anything else that finds by typing.

use crate::input::halfwidth;

/// A typed search, folded once: half-width, lower case, runs of spaces as one.
pub fn fold(s: &str) -> String {
    halfwidth(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `term` (folded) names the building: the start of its id, or a part of its name with
/// spaces ignored. An empty term names nothing.
pub fn names_building(term: &str, id: &str, name: &str) -> bool {
    let term: String = term.chars().filter(|c| !c.is_whitespace()).collect();
    if term.is_empty() {
        return false;
    }
    let name: String = fold(name).chars().filter(|c| !c.is_whitespace()).collect();
    id.to_lowercase().starts_with(&term) || name.contains(&term)
}

/// A search of several words as (building term, what to find in it): the last word is the unit
/// (or name, note…), the words before it the building. `None` for one word.
pub fn split(query: &str) -> Option<(&str, &str)> {
    let q = query.trim();
    let at = q.rfind(char::is_whitespace)?;
    let (b, rest) = (q[..at].trim(), q[at..].trim());
    (!b.is_empty() && !rest.is_empty()).then_some((b, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_building_is_named_by_its_id_start_or_a_part_of_its_name() {
        assert!(names_building("haigang", "haigang", "海港大厦"));
        assert!(names_building("hai", "haigang", "海港大厦"));
        assert!(names_building("海港", "haigang", "海港大厦"));
        assert!(names_building(&fold("ＨＡＩ"), "haigang", "海港大厦"));
        assert!(names_building("港大", "b0001", "海港 大厦"));
        assert!(
            !names_building("gang", "haigang", "海港大厦"),
            "ids by their start only"
        );
        assert!(!names_building("", "haigang", "海港大厦"));
        assert!(!names_building("1904", "haigang", "海港大厦"));
    }

    #[test]
    fn the_last_word_is_what_to_find_the_rest_the_building() {
        assert_eq!(split("海港 1904"), Some(("海港", "1904")));
        assert_eq!(split("  海港  大厦 1904 "), Some(("海港  大厦", "1904")));
        assert_eq!(split("1904"), None);
        assert_eq!(split("1904 "), None);
        assert_eq!(fold("Hai  Gang　１９０４"), "hai gang 1904");
    }
}
