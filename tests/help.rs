//! The command line's help in both languages: every command and every argument has a text in
//! English and in Chinese, from one table keyed by the command enum, and `--help` shows them.

mod common;
use clap::CommandFactory;
use common::*;
use loupan::cli::help::{Topic, arg, nested_about};

#[test]
fn the_topics_are_exactly_the_commands() {
    let cmd = loupan::cli::Args::command();
    let mut names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
    let mut topics: Vec<&str> = Topic::ALL.iter().map(|t| t.name()).collect();
    names.sort();
    topics.sort();
    assert_eq!(
        names, topics,
        "a command without a topic, or a topic without a command"
    );
}

#[test]
fn every_command_and_argument_has_both_languages() {
    let cmd = loupan::cli::Args::command();
    let mut missing = Vec::new();
    let mut check = |topic: Option<Topic>, c: &clap::Command| {
        for a in c.get_arguments() {
            let id = a.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            match arg(topic, id) {
                Some((en, zh)) if !en.trim().is_empty() && !zh.trim().is_empty() => {}
                _ => missing.push(format!("{} --{id}", c.get_name())),
            }
        }
    };
    check(None, &cmd);
    for sub in cmd.get_subcommands() {
        let topic = Topic::of_name(sub.get_name()).expect("a topic");
        let (en, zh) = topic.about();
        assert!(!en.is_empty() && !zh.is_empty(), "{}", sub.get_name());
        check(Some(topic), sub);
        // `company add`, `street status`…: their own words and their arguments' too
        for n in sub.get_subcommands() {
            let said = nested_about(topic, n.get_name());
            assert!(
                said.is_some_and(|(en, zh)| !en.is_empty() && !zh.is_empty()),
                "{} {} has no words of its own",
                sub.get_name(),
                n.get_name()
            );
            check(Some(topic), n);
        }
    }
    assert!(
        missing.is_empty(),
        "without help in both languages: {missing:?}"
    );
}

/// Text with its line wrapping undone (clap wraps help to the terminal's width).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn help_says_each_command_once_in_the_language_asked() {
    let (_t, d) = data_dir();
    for topic in Topic::ALL {
        let (en, zh) = topic.about();
        let (code, out, _) = cli(&d, &["--lang", "en", topic.name(), "--help"]);
        assert_eq!(code, 0);
        assert_eq!(squash(&out).matches(&squash(en)).count(), 1, "{out}");
        let (code, out, _) = cli(&d, &["--lang", "zh", topic.name(), "--help"]);
        assert_eq!(code, 0);
        assert_eq!(squash(&out).matches(&squash(zh)).count(), 1, "{out}");
        assert!(!squash(&out).contains(&squash(en)), "{out}");
    }
    // a command's own subcommands have help in both languages too, and `--help` in Chinese
    for (top, sub, en, zh) in [
        ("street", "report", "never counted as zero", "不按零计入"),
        ("company", "add", "File a new company", "新增一家企业备案"),
        (
            "station",
            "add",
            "its folder stations/ID/",
            "建立目录 stations/编号/",
        ),
    ] {
        let (code, out, _) = cli(&d, &["--lang", "en", top, sub, "--help"]);
        assert_eq!(code, 0, "{out}");
        assert!(squash(&out).contains(en), "{out}");
        let (code, out, _) = cli(&d, &["--lang", "zh", top, sub, "--help"]);
        assert_eq!(code, 0, "{top} {sub} --help in Chinese: {out}");
        assert!(squash(&out).contains(zh), "{out}");
        assert!(out.contains(&format!("用法：loupan {top} {sub}")), "{out}");
    }
    let (_, out, _) = cli(&d, &["--lang", "zh", "company", "add", "--help"]);
    assert!(out.contains("<楼栋> <单元> <名称>"), "{out}");
    // headings end as Chinese does, in every command's help
    for args in [&["--help"][..], &["street", "--help"], &["set", "--help"]] {
        let (_, out, _) = cli(&d, &[&["--lang", "zh"][..], args].concat());
        assert!(
            out.contains("\n选项：\n") && !out.contains("选项:"),
            "{out}"
        );
    }
    let (_, out, _) = cli(&d, &["--lang", "en", "street", "--help"]);
    assert!(out.contains("\nOptions:\n"), "{out}");
    let (code, _, err) = cli(&d, &["--lang", "zh", "street", "report", "--bogus"]);
    assert_eq!(code, 2);
    assert!(err.contains("用法：loupan street report"), "{err}");
    // render describes what it does, once, in each language
    let (_, out, _) = cli(&d, &["--lang", "en", "render", "--help"]);
    assert_eq!(out.matches("legend").count(), 1, "{out}");
    for phrase in ["every building", "printable page"] {
        assert_eq!(squash(&out).matches(phrase).count(), 1, "{phrase}: {out}");
    }
    let (_, out, _) = cli(&d, &["--lang", "zh", "render", "--help"]);
    for phrase in ["全部楼栋", "可打印的网页"] {
        assert_eq!(squash(&out).matches(phrase).count(), 1, "{phrase}: {out}");
    }
    // a unit's status cannot be cleared, and set's help does not say it can
    for lang in ["en", "zh"] {
        let (_, out, _) = cli(&d, &["--lang", lang, "set", "--help"]);
        let status = out
            .lines()
            .find(|l| {
                (l.contains("[STATUS]") || l.contains("[状态]"))
                    && !l.contains("Usage")
                    && !l.contains("用法")
            })
            .unwrap_or_default();
        assert!(
            !status.contains("clears") && !status.contains("清除"),
            "{status}"
        );
        assert!(!status.is_empty(), "{out}");
    }
    let (_, out, _) = cli(&d, &["--lang", "zh", "--help"]);
    assert!(
        out.contains("data-dir") && !out.contains("data_dir"),
        "{out}"
    );
}
