//! The README's quick start (快速开始), followed word for word as a newcomer would: every command of its `sh`
//! blocks run in order from an empty folder (each must exit 0), and the map opened where it says `loupan`, in a
//! pseudo-terminal at 80×24 in Chinese, driven with the keys the section names. When the README and the program
//! drift apart, this test fails.

mod common;

use common::bin;
use common::pty::{Tui, wait};
use std::path::{Path, PathBuf};
use std::process::Command;

fn quick_start() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme
        .find("<!-- quickstart -->")
        .expect("README has a <!-- quickstart --> section");
    let end = readme
        .find("<!-- /quickstart -->")
        .expect("README closes the quick start with <!-- /quickstart -->");
    readme[start..end].to_string()
}

/// The command lines of the section's `sh` blocks, comments dropped.
fn commands(section: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in section.lines() {
        if line.starts_with("```") {
            inside = line.trim() == "```sh";
            continue;
        }
        if !inside {
            continue;
        }
        let line = match line.find(" #") {
            Some(i) => &line[..i],
            None => line,
        };
        if !line.trim().is_empty() {
            out.push(line.trim().to_string());
        }
    }
    out
}

/// Each key this test presses must be named in the section as `KEY`, so the words and the keys stay one.
fn names_key(section: &str, key: &str) -> bool {
    section.contains(&format!("`{key}`"))
}

fn shell(cwd: &Path, home: &Path, line: &str) -> std::process::Output {
    let bin_dir = Path::new(bin()).parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(cwd)
        .env("PATH", path)
        .env("HOME", home)
        .env("LANG", "zh_CN.UTF-8")
        .env("LOUPAN_CONFIG", "/nonexistent")
        .env_remove("LOUPAN_DIR")
        .env_remove("LOUPAN_LANG")
        .env("GIT_AUTHOR_NAME", "王强")
        .env("GIT_AUTHOR_EMAIL", "wq@example.org")
        .env("GIT_COMMITTER_NAME", "王强")
        .env("GIT_COMMITTER_EMAIL", "wq@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("sh runs")
}

fn journal_lines(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir.join("journal")) else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|s| s.lines().filter(|l| l.contains("outcome")).count())
        .sum()
}

/// The map as the section walks it: another building, help, find a unit by its number, a slip undone, Today,
/// one call logged, back, quit.
fn walk_the_map(section: &str, cwd: &Path) {
    for key in ["Tab", "?", "Esc", "/", "u", "t", "1", "q", "5", "0"] {
        assert!(
            names_key(section, key),
            "the quick start should name the key `{key}` it uses"
        );
    }
    assert!(section.contains("1904"), "the quick start finds unit 1904");
    let before = journal_lines(cwd);
    let mut cmd_env = Tui::open_in(cwd, &["--lang", "zh"], 24, 80);
    let t = &mut cmd_env;
    assert!(t.wait_for("海港大厦", 10.0), "the map opens:\n{}", t.text());
    t.send("\t");
    t.send("?");
    assert!(t.wait_for("帮助", 3.0), "? shows the keys:\n{}", t.text());
    t.send("\x1b");
    t.send("/1904\r");
    assert!(
        t.wait_for("1904", 3.0),
        "find goes to unit 1904:\n{}",
        t.text()
    );
    t.send("0");
    // the README: "状态栏说“已保存”时，修改已经写在磁盘上" — then `u` takes it back
    assert!(t.wait_for("已保存", 5.0), "0 sets a status:\n{}", t.text());
    t.send("u");
    assert!(t.wait_for("撤销", 5.0), "u undoes:\n{}", t.text());
    t.send("t");
    assert!(t.wait_for("今日工作", 3.0), "t opens Today:\n{}", t.text());
    t.send("1");
    assert!(
        wait(5.0, || journal_lines(cwd) == before + 1),
        "1 logs the call:\n{}",
        t.text()
    );
    t.send("\x1b");
    t.send("q");
    assert!(t.exited(10.0), "q quits:\n{}", t.text());
}

/// A newcomer who tried `b` on the map before step 4: the company of the step's line filed there
/// first (it becomes a record of its own, `c1`), so the line must still find it.
fn file_on_the_map_first(cwd: &Path, line: &str) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (building, company) = (words[3], words[4]);
    let unit = company.strip_prefix('u').unwrap_or(company);
    let mut t = Tui::open_in(cwd, &["--lang", "zh"], 24, 80);
    assert!(t.wait_for("海港大厦", 10.0), "the map opens:\n{}", t.text());
    t.send(&format!("/{building} {unit}\r"));
    t.send("b");
    assert!(t.wait_for("备案", 3.0), "b opens the filing:\n{}", t.text());
    t.send("\r");
    assert!(t.wait_for("已备案", 5.0), "Enter files it:\n{}", t.text());
    t.send("q");
    assert!(t.exited(10.0), "q quits:\n{}", t.text());
}

/// After the map's filing and the step's line: one company in the unit, with the step's figures.
fn one_company_filed_twice(cwd: &Path, home: &Path, line: &str) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (building, company) = (words[3], words[4]);
    let unit = company.strip_prefix('u').unwrap_or(company);
    let out = shell(cwd, home, &format!("loupan company list {building} --json"));
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("company list --json");
    let here: Vec<&serde_json::Value> = all
        .as_array()
        .expect("a list")
        .iter()
        .filter(|c| {
            c["units"]
                .as_array()
                .is_some_and(|u| u.iter().any(|u| u == unit))
        })
        .collect();
    assert_eq!(here.len(), 1, "one company in {unit}: {all:#}");
    assert_eq!(here[0]["status"], "resumed", "{all:#}");
}

#[test]
fn the_readme_quick_start_works_word_for_word() {
    follow_the_quick_start(false);
}

#[test]
fn the_quick_start_holds_when_the_company_was_filed_on_the_map_first() {
    follow_the_quick_start(true);
}

fn follow_the_quick_start(filed_first: bool) {
    let section = quick_start();
    let lines = commands(&section);
    assert!(
        lines.len() >= 8,
        "the quick start has its commands: {lines:?}"
    );
    let root = tempfile::tempdir().expect("tempdir");
    let mut cwd: PathBuf = root.path().to_path_buf();
    let mut opened_map = false;
    for line in &lines {
        if let Some(dir) = line.strip_prefix("cd ") {
            cwd = cwd.join(dir.trim());
            assert!(cwd.is_dir(), "`{line}`: no such folder {}", cwd.display());
            continue;
        }
        if line == "loupan" {
            walk_the_map(&section, &cwd);
            opened_map = true;
            continue;
        }
        if filed_first && line.starts_with("loupan company set ") {
            file_on_the_map_first(&cwd, line);
        }
        let out = shell(&cwd, root.path(), line);
        assert!(
            out.status.success(),
            "`{line}` in {} exited {:?}\nstdout:\n{}\nstderr:\n{}",
            cwd.display(),
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if filed_first && line.starts_with("loupan company set ") {
            one_company_filed_twice(&cwd, root.path(), line);
        }
    }
    assert!(opened_map, "the quick start opens the map with `loupan`");
    // what the last step promises: the day's work reached the shared remote, the personal values did not
    let remote = root.path().join("站点.git");
    let log = Command::new("git")
        .args(["log", "--all", "--oneline"])
        .current_dir(&remote)
        .output()
        .expect("git log");
    assert!(
        !String::from_utf8_lossy(&log.stdout).trim().is_empty(),
        "loupan sync pushed to the remote"
    );
    let objects = Command::new("sh")
        .arg("-c")
        .arg("git cat-file --batch-all-objects --batch | grep -a -c 13847374369 || true")
        .current_dir(&remote)
        .output()
        .expect("git cat-file");
    assert_eq!(
        String::from_utf8_lossy(&objects.stdout).trim(),
        "0",
        "no phone number reached the shared remote"
    );
}
