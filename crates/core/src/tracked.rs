//! Which files of a station's or a street's repository are loupan's own data, and whether each
//! one reads. `sync` stages only these and refuses to send one that does not read (docs/sync.md):
//! a ledger copied into a station's folder or an export beside it never travels, and neither do
//! conflict markers or junk. Pure: paths and bytes in, verdicts out.

use crate::codec::{Problem, Severity};
use crate::tr;

/// What a path in the repository holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A building file: `NAME.toml` in a data directory.
    Building,
    /// A day of the journal: `journal/DATE.toml`.
    Journal,
    /// The street's settings at the repository's root.
    Street,
    /// A station's submitted report: `reports/DATE/STATION.toml`.
    Report,
    /// loupan's own `.gitattributes` / `.gitignore`.
    GitMeta,
}

/// The kind of a repository path (`/`-separated, relative to the repository's root), or `None`
/// when it is not loupan's data and must never be committed by loupan.
pub fn kind_of(path: &str) -> Option<Kind> {
    let parts: Vec<&str> = path.split('/').collect();
    let name = *parts.last()?;
    if name == ".gitattributes" || name == ".gitignore" {
        return Some(Kind::GitMeta);
    }
    // nothing inside a hidden folder (the private store lives in `.private/` and is never shared)
    if parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    let stem = name.strip_suffix(".toml")?;
    if stem.is_empty() {
        return None;
    }
    // names loupan itself gives: a day `YYYY-MM-DD`, a station's id, a building's id; anything
    // else (`journal/杨家138….toml`, `reports/2026-99-99/`) is someone's file, never loupan's
    let day = |d: &str| d.parse::<jiff::civil::Date>().is_ok() && d.len() == 10;
    let station = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let building = |b: &str| crate::ids::BuildingId::parse(b).is_ok();
    match parts.as_slice() {
        ["street.toml"] => Some(Kind::Street),
        ["reports", d, _] => (day(d) && station(stem)).then_some(Kind::Report),
        ["reports", ..] => None,
        // a day of the journal, in a data directory (the repository's root, one folder down, or a
        // station's folder)
        ["journal", _] | [_, "journal", _] => day(stem).then_some(Kind::Journal),
        ["stations", s, "journal", _] => (station(s) && day(stem)).then_some(Kind::Journal),
        // a building sits in a data directory: the repository itself, one folder down (`buildings/`),
        // or a station's folder; never deeper
        [_] => building(stem).then_some(Kind::Building),
        [dir, _] if *dir != "stations" => building(stem).then_some(Kind::Building),
        ["stations", s, _] => (station(s) && building(stem)).then_some(Kind::Building),
        _ => None,
    }
}

/// Why the bytes of a loupan file do not read (errors only; warnings never stop a sync). Empty
/// when the file reads.
pub fn problems(kind: Kind, path: &str, bytes: &[u8]) -> Vec<Problem> {
    let errors = |ps: Vec<Problem>| -> Vec<Problem> {
        ps.into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect()
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![not_text()];
    };
    match kind {
        Kind::Building => {
            let id = path
                .rsplit('/')
                .next()
                .and_then(|n| n.strip_suffix(".toml"))
                .unwrap_or(path);
            crate::codec::parse(id, bytes)
                .err()
                .map_or_else(Vec::new, errors)
        }
        Kind::Journal => errors(crate::journal::line::parse_file(text).1),
        Kind::Report => crate::street::Submission::parse(text)
            .err()
            .into_iter()
            .collect(),
        Kind::GitMeta if path.ends_with(".gitattributes") => {
            let m = markers(text);
            if m.is_empty() { attributes(text) } else { m }
        }
        Kind::Street | Kind::GitMeta => markers(text),
    }
    .into_iter()
    .chain(match kind {
        // the street's own reader says where, in its own words
        Kind::Street => crate::street::parse(text)
            .err()
            .map(|t| Problem::error(1, 1, t)),
        _ => None,
    })
    .collect()
}

/// The lines loupan writes into a `.gitattributes` (at a street's root, in a data directory), and
/// the one it wrote before its journal driver.
pub const ATTRIBUTE_LINES: [&str; 4] = [
    "*.toml merge=loupan",
    "journal/*.toml merge=loupan",
    "journal/*.toml merge=union",
    "street.toml merge=union",
];

/// Every line of a `.gitattributes` that loupan does not write: one such line (`* merge=ours`,
/// `*.toml -merge`) changes how every laptop merges the street's data, so it never travels.
fn attributes(text: &str) -> Vec<Problem> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let words = l.split_whitespace().collect::<Vec<_>>().join(" ");
            !words.is_empty() && !words.starts_with('#') && !ATTRIBUTE_LINES.contains(&words.as_str())
        })
        .map(|(n, _)| {
            Problem::error(
                n + 1,
                1,
                tr!(
                    "not a line loupan writes: a .gitattributes decides how every laptop merges the street's data, so only loupan's own lines travel; take the line out (`loupan init` writes the right ones)",
                    "不是 loupan 写入的行：.gitattributes 决定每台电脑如何合并街道的数据，因此只允许 loupan 自己的行；请删除这一行（`loupan init` 会写入正确的内容）"
                ),
            )
        })
        .collect()
}

/// The station a path belongs to (`stations/ID/…`), if any.
pub fn station_of(path: &str) -> Option<&str> {
    let mut parts = path.split('/');
    (parts.next() == Some("stations"))
        .then(|| parts.next())
        .flatten()
}

/// A loupan file in the folder of a station that `street.toml` does not list (`listed`): a
/// station nobody added, so it never travels.
pub fn unlisted(path: &str, listed: &[String]) -> Option<Problem> {
    let id = station_of(path)?;
    if listed.iter().any(|s| s == id) {
        return None;
    }
    let id = crate::display::inline(id).into_owned();
    Some(Problem::error(
        1,
        1,
        tr!(
            "station {id} is not one of the street's (street.toml does not list it); its files never travel: add it with `loupan station add {id} NAME`, or move the files into your own station's folder",
            "工作站 {id} 不在街道的名单里（street.toml 没有列出它）；它的文件不会被发送：请用 `loupan station add {id} 名称` 添加，或把文件移到你自己工作站的文件夹"
        ),
    ))
}

/// Git's conflict markers, line by line: the check for files that have no reader of their own.
fn markers(text: &str) -> Vec<Problem> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.starts_with("<<<<<<< ") || l.starts_with(">>>>>>> ") || l.trim_end() == "======="
        })
        .map(|(n, _)| {
            Problem::error(
                n + 1,
                1,
                tr!(
                    "a git merge conflict marker: finish the merge first",
                    "git 合并冲突标记：请先完成合并"
                ),
            )
        })
        .collect()
}

fn not_text() -> Problem {
    Problem::error(
        1,
        1,
        tr!(
            "this is not a text file (it contains binary data); restore it from git",
            "这不是文本文件（含有二进制数据）；请从 git 恢复"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loupan_data_is_told_from_everything_else() {
        for (path, kind) in [
            ("buildings/haigang.toml", Some(Kind::Building)),
            ("haigang.toml", Some(Kind::Building)),
            ("stations/s1/haigang.toml", Some(Kind::Building)),
            ("stations/s1/journal/2026-12-07.toml", Some(Kind::Journal)),
            ("buildings/journal/2026-12-07.toml", Some(Kind::Journal)),
            ("street.toml", Some(Kind::Street)),
            ("reports/2026-12-07/s1.toml", Some(Kind::Report)),
            (".gitignore", Some(Kind::GitMeta)),
            ("stations/s1/.gitattributes", Some(Kind::GitMeta)),
            ("stations/s1/物业底账.csv", None),
            ("journal/杨家13812345678.toml", None),
            ("stations/s1/journal/notes.toml", None),
            ("reports/2026-99-99/s1.toml", None),
            ("reports/2026-12-07/张三.toml", None),
            ("reports/extra.toml", None),
            ("stations/s1/deep/haigang.toml", None),
            ("stations/s1.toml", None),
            ("a/b/c.toml", None),
            ("台账.xlsx", None),
            ("stations/s1/日报.pdf", None),
            ("buildings/.private/haigang.toml", None),
            ("a/b/c/d.toml", None),
            ("reports/2026-12-07/x/y.toml", None),
            ("notes.txt", None),
            (".toml", None),
        ] {
            assert_eq!(kind_of(path), kind, "{path}");
        }
    }

    #[test]
    fn conflict_markers_and_junk_do_not_read() {
        let building = "name = \"t\"\nfloors = 1\nunits-per-floor = 1\n\n[units]\n<<<<<<< ours\n101 = { status = \"vacant\" }\n=======\n101 = { status = \"healthy\" }\n>>>>>>> theirs\n";
        assert!(!problems(Kind::Building, "t.toml", building.as_bytes()).is_empty());
        assert!(!problems(Kind::Building, "t.toml", b"\x00\x01junk").is_empty());
        let journal = "<<<<<<< HEAD\n=======\n>>>>>>> x\n";
        assert!(!problems(Kind::Journal, "journal/2026-12-07.toml", journal.as_bytes()).is_empty());
        assert!(!problems(Kind::GitMeta, ".gitignore", b"<<<<<<< HEAD\n").is_empty());
        assert!(problems(Kind::GitMeta, ".gitignore", b"*.csv\n").is_empty());
    }

    #[test]
    fn only_the_attributes_loupan_writes_travel() {
        let ours = "# loupan merges building files unit by unit\n*.toml merge=loupan\n\n# journal\njournal/*.toml   merge=loupan\nstreet.toml merge=union\n";
        assert!(problems(Kind::GitMeta, ".gitattributes", ours.as_bytes()).is_empty());
        assert!(
            problems(
                Kind::GitMeta,
                "stations/a/.gitattributes",
                b"journal/*.toml merge=union\n"
            )
            .is_empty()
        );
        for theirs in [
            "* merge=ours",
            "*.toml -merge",
            "*.toml merge=binary",
            "* filter=lfs",
        ] {
            let text = format!("{ours}{theirs}\n");
            let ps = problems(Kind::GitMeta, "stations/a/.gitattributes", text.as_bytes());
            assert_eq!(
                ps.iter().map(|p| p.line).collect::<Vec<_>>(),
                vec![7],
                "{theirs}"
            );
        }
        assert!(problems(Kind::GitMeta, ".gitignore", b"* merge=ours\n").is_empty());
    }

    #[test]
    fn a_station_street_toml_does_not_list_is_refused() {
        let listed = ["a".to_string(), "b-2".to_string()];
        assert!(unlisted("stations/a/t1.toml", &listed).is_none());
        assert!(unlisted("stations/b-2/journal/2026-12-07.toml", &listed).is_none());
        assert!(unlisted("street.toml", &listed).is_none());
        assert!(unlisted("reports/2026-12-07/zz.toml", &listed).is_none());
        let p = unlisted("stations/zz/t1.toml", &listed).expect("refused");
        assert!(p.message.en.contains("station zz"), "{:?}", p.message);
        assert!(unlisted("stations/zz/.gitattributes", &[]).is_some());
    }

    #[test]
    fn a_good_building_reads() {
        let ok = "name = \"t\"\nfloors = 1\nunits-per-floor = 1\n\n[units]\n101 = { status = \"vacant\" }\n";
        assert!(problems(Kind::Building, "t.toml", ok.as_bytes()).is_empty());
    }
}
