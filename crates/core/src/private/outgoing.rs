//! Personal values found in a file that leaves the station: a household's name, a phone number or a
//! note written into a building file or a journal day (by hand, or by a file from before the private
//! store). loupan's own writers never put one there; `sync` asks this before it commits and before it
//! pushes, and sends nothing while one is found. Pure: path and bytes in, located problems out.

use crate::codec::Problem;
use crate::fields::FIELDS;
use crate::tr;
use crate::tracked::Kind;

/// Every personal value in the bytes of a loupan file about to leave the station, at its line.
/// A file that does not read has none here: `tracked::problems` says why it does not read.
pub fn problems(kind: Kind, path: &str, bytes: &[u8]) -> Vec<Problem> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let mut out = match kind {
        Kind::Building => in_building(path, text),
        Kind::Journal => in_journal(text),
        Kind::Street | Kind::Report | Kind::GitMeta => Vec::new(),
    };
    // a phone number anywhere else (a comment, a company's name, a hand-written key) goes too
    for line in super::phone::lines(text) {
        if !out.iter().any(|p| p.line == line) {
            out.push(found(
                line,
                &format!("line {line}"),
                &format!("第 {line} 行"),
                &["a phone number"],
            ));
        }
    }
    out.sort_by_key(|p| p.line);
    out
}

/// Every line of a commit's message that holds a phone number: a message travels with its commit
/// and stays in every clone, so it is refused as a shared file's line is. Git's idents (the
/// author's name and e-mail) are not the message.
pub fn in_message(message: &str) -> Vec<Problem> {
    super::phone::lines(message)
        .into_iter()
        .map(|line| {
            Problem::error(
                line,
                1,
                tr!(
                    "a phone number in the commit's message; a message travels with its commit to every clone, so nothing is sent. `loupan migrate --rewrite-history` masks it in every message (the last commit alone: `git commit --amend`)",
                    "提交说明里有电话号码；提交说明随提交发送到每一份克隆，因此不发送任何内容。`loupan migrate --rewrite-history` 会在所有提交说明中把它遮盖（只是最近一次提交时也可用 `git commit --amend` 修改）"
                ),
            )
        })
        .collect()
}

fn in_building(path: &str, text: &str) -> Vec<Problem> {
    let id = path
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(".toml"))
        .unwrap_or(path);
    let Ok(b) = crate::codec::parse(id, text.as_bytes()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for u in &b.units {
        let taken = super::take_unit(&mut u.record.clone());
        if taken.is_empty() {
            continue;
        }
        let keys: Vec<&str> = taken
            .iter()
            .filter_map(|(f, _)| FIELDS.iter().find(|s| s.field == *f).map(|s| s.key))
            .collect();
        out.push(found(
            line_of(text, &u.label),
            &format!("unit {}", u.label),
            &format!("单元 {}", u.label),
            &keys,
        ));
    }
    for c in &b.companies {
        if let Some(v) = super::company_values(&c.record) {
            let keys: Vec<&str> = v.values.iter().map(|(f, _)| f.key()).collect();
            out.push(found(
                line_of(text, &c.id),
                &format!("company {}", c.id),
                &format!("企业 {}", c.id),
                &keys,
            ));
        }
    }
    out
}

fn in_journal(text: &str) -> Vec<Problem> {
    crate::journal::line::parse_file(text)
        .0
        .into_iter()
        .filter(|(_, e)| e.note.is_some())
        .map(|(line, e)| {
            found(
                line,
                &format!("entry {}", e.id),
                &format!("记录 {}", e.id),
                &["note"],
            )
        })
        .collect()
}

fn found(line: usize, en: &str, zh: &str, keys: &[&str]) -> Problem {
    let keys = keys.join(", ");
    Problem::error(
        line,
        1,
        tr!(
            "{en}: {keys} is personal data written into the shared file; it would leave the station, so nothing is sent. Run `loupan migrate` to move it into the private store (docs/guide/personal-data.md)",
            "{zh}：{keys} 是个人信息，却写在共享文件里；它会离开工作站，因此不发送任何内容。请运行 `loupan migrate` 把它移到私密存储（docs/guide/personal-data.md）"
        ),
    )
}

/// The line (1-based) of `key = …` in the text, else the first line.
fn line_of(text: &str, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            [key, quoted.as_str()].iter().any(|k| {
                l.strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARED: &str = "name = \"t\"\nfloors = 1\nunits-per-floor = 2\n\n[units]\n101 = { status = \"healthy\" }\n\n102 = { status = \"resumed\", name = \"甲科技\" }\n";

    #[test]
    fn a_shared_file_as_loupan_writes_it_holds_nothing_personal() {
        assert!(problems(Kind::Building, "t.toml", SHARED.as_bytes()).is_empty());
    }

    #[test]
    fn a_households_name_or_a_phone_in_the_shared_file_is_found_at_its_line() {
        let text = SHARED.replace(
            "101 = { status = \"healthy\" }",
            "101 = { status = \"healthy\", name = \"杨家\", contact = \"13855550210\" }",
        );
        let ps = problems(Kind::Building, "stations/a/t.toml", text.as_bytes());
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].line, 6);
        let said = ps[0].message.get(crate::i18n::Lang::En);
        assert!(
            said.contains("unit 101") && said.contains("name") && said.contains("contact"),
            "{said}"
        );
        assert!(
            !said.contains("13855550210"),
            "the value itself is never said: {said}"
        );
    }

    #[test]
    fn a_phone_number_in_a_comment_is_found_and_a_credit_code_is_not() {
        let with = SHARED.replace("[units]\n", "[units]\n# 吴敏 138-1234-5678 独居\n");
        let ps = problems(Kind::Building, "t.toml", with.as_bytes());
        assert_eq!(
            ps.iter().map(|p| p.line).collect::<Vec<_>>(),
            vec![6],
            "{ps:?}"
        );
        let full_width = SHARED.replace("[units]\n", "[units]\n# 联系 １３８１２３４５６７８\n");
        assert_eq!(
            problems(Kind::Building, "t.toml", full_width.as_bytes()).len(),
            1
        );
        let code = SHARED.replace(
            "[units]\n",
            "[units]\n# 911101081234567890 2026-12-07 10:30\n",
        );
        assert!(problems(Kind::Building, "t.toml", code.as_bytes()).is_empty());
    }

    #[test]
    fn every_way_of_writing_a_phone_is_found_in_a_shared_line() {
        for written in [
            "+86 139 1234 0033",
            "+8613912340033",
            "0086-139-1234-0033",
            "010-6512 3456",
            "(010)65123456",
            "0755-8888 8888",
        ] {
            let text = SHARED.replace("[units]\n", &format!("[units]\n# 联系 {written}\n"));
            let ps = problems(Kind::Building, "t.toml", text.as_bytes());
            assert_eq!(
                ps.iter().map(|p| p.line).collect::<Vec<_>>(),
                vec![6],
                "{written}"
            );
        }
        for not in [
            "91110108MA01234567",
            "2026-12-07 10:30",
            "e7875e921953",
            "revision 4294967295",
        ] {
            let text = SHARED.replace("[units]\n", &format!("[units]\n# {not}\n"));
            assert!(
                problems(Kind::Building, "t.toml", text.as_bytes()).is_empty(),
                "{not}"
            );
        }
    }

    #[test]
    fn a_phone_in_a_commits_message_is_found_at_its_line() {
        let ps = in_message("sync: 3 files by 张丽\n\n吴敏 +86 139 1234 0033 回访\n");
        assert_eq!(ps.iter().map(|p| p.line).collect::<Vec<_>>(), vec![3]);
        let said = ps[0].message.get(crate::i18n::Lang::En);
        assert!(
            said.contains("--rewrite-history") && !said.contains("1234"),
            "{said}"
        );
        assert!(in_message("sync: 3 files by 张丽 at 2026-12-07 10:30").is_empty());
    }

    #[test]
    fn a_note_in_a_shared_journal_line_is_found() {
        let line = "e7875e921953 = { at = 2026-11-29T08:31:59, by = \"张丽\", building = \"t\", unit = \"101\", via = \"call\", outcome = \"well\", note = \"独居老人 13812345678\" }\n";
        let ps = problems(Kind::Journal, "journal/2026-11-29.toml", line.as_bytes());
        assert_eq!(ps.len(), 1, "{ps:?}");
        let clean = line.replace(", note = \"独居老人 13812345678\"", "");
        assert!(problems(Kind::Journal, "journal/2026-11-29.toml", clean.as_bytes()).is_empty());
    }
}
