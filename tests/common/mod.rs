//! Helpers shared by the integration tests: the built binary, temp data directories, git.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_loupan")
}

pub fn loupan(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("LOUPAN_DIR")
        .env("LOUPAN_CONFIG", "/nonexistent/loupan-test-config.toml")
        .output()
        .expect("run loupan")
}

pub fn ok(dir: &Path, args: &[&str]) -> String {
    let o = loupan(dir, args);
    assert!(
        o.status.success(),
        "loupan {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A temp root with a `buildings/` directory inside; returns (guard, data dir).
pub fn data_dir() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let d = t.path().join("buildings");
    std::fs::create_dir(&d).expect("mkdir");
    (t, d)
}

pub fn new_building(dir: &Path, id: &str, floors: usize, units: usize) -> PathBuf {
    ok(
        dir,
        &[
            "new",
            id,
            "--name",
            id,
            "--floors",
            &floors.to_string(),
            "--units",
            &units.to_string(),
        ],
    );
    dir.join(format!("{id}.toml"))
}

pub fn git(repo: &Path, args: &[&str]) -> Output {
    let path = format!(
        "{}:{}",
        Path::new(bin())
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("PATH", path)
        .env("GIT_AUTHOR_NAME", "Station")
        .env("GIT_AUTHOR_EMAIL", "station@example.org")
        .env("GIT_COMMITTER_NAME", "Station")
        .env("GIT_COMMITTER_EMAIL", "station@example.org")
        .output()
        .expect("run git")
}

pub fn git_ok(repo: &Path, args: &[&str]) -> String {
    let o = git(repo, args);
    assert!(
        o.status.success(),
        "git {args:?}: {}{}",
        stderr(&o),
        stdout(&o)
    );
    stdout(&o)
}

pub fn git_init(repo: &Path) {
    git_ok(repo, &["init", "-q", "-b", "main"]);
    git_ok(repo, &["config", "user.email", "station@example.org"]);
    git_ok(repo, &["config", "user.name", "Station"]);
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-q", "-m", "start"]);
}

pub fn unit_json(dir: &Path, building: &str, unit: &str) -> serde_json::Value {
    serde_json::from_str(&ok(dir, &["show", building, unit, "--json", "--reveal"])).expect("json")
}

pub fn status_of(dir: &Path, building: &str, unit: &str) -> String {
    unit_json(dir, building, unit)["status"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

pub fn temp_files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with('.')
                && !n.ends_with(".lock")
                && n != ".gitignore"
                && n != ".gitattributes"
                && n != ".private"
                && n != ".git"
        })
        .collect();
    // the private store's files are written the same way, beside them
    let private = dir.join(".private");
    if private.is_dir() {
        out.extend(
            temp_files(&private)
                .into_iter()
                .map(|n| format!(".private/{n}")),
        );
    }
    out
}

pub mod pty;
pub mod screen;
pub mod seed;

/// A patch from (field key, text) pairs, each checked by the schema as typed input would be:
/// `patch(&[("status", "resumed"), ("note", "theirs")])`.
pub fn patch(pairs: &[(&str, &str)]) -> loupan::core::edit::Patch {
    let mut p = loupan::core::edit::Patch::new();
    for (key, text) in pairs {
        let f = loupan::core::fields::Field::from_key(key).expect("a field key");
        p.set(
            f,
            f.parse(text, jiff::civil::date(2026, 11, 29))
                .expect("valid input"),
        );
    }
    p
}

/// The same, as a change for the write path.
pub fn change(pairs: &[(&str, &str)]) -> loupan::core::edit::Change {
    loupan::core::edit::Change::Patch(patch(pairs))
}

/// The command line in-process (no process start, no user config): exit code, stdout, stderr.
pub fn cli(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut argv: Vec<std::ffi::OsString> = vec!["loupan".into(), "--dir".into(), dir.into()];
    argv.extend(args.iter().map(|a| std::ffi::OsString::from(*a)));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = loupan::cli::run_with(
        argv,
        &loupan::store::config::Config::default(),
        &mut out,
        &mut err,
    );
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// Characters that must never reach a terminal raw (line breaks between lines are fine).
pub fn raw_hazards(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| *c != '\n' && (loupan::core::codec::is_hazard(*c) || *c == '\u{1b}'))
        .collect()
}

/// Today in a street: its time zone's day (Asia/Shanghai by default), not the machine's.
pub fn street_today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .in_tz(loupan::core::street::TIMEZONE)
        .expect("the zone data")
        .date()
}

pub fn real_today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

pub fn ago(days: i64) -> jiff::civil::Date {
    real_today()
        .checked_sub(jiff::Span::new().days(days))
        .expect("a day")
}

/// Git at 18:00 of `day` (author and committer dates both).
pub fn git_on(repo: &Path, day: jiff::civil::Date, args: &[&str]) {
    let stamp = format!("{day}T18:00:00");
    let o = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env("GIT_AUTHOR_NAME", "Station")
        .env("GIT_AUTHOR_EMAIL", "s@example.org")
        .env("GIT_COMMITTER_NAME", "Station")
        .env("GIT_COMMITTER_EMAIL", "s@example.org")
        .output()
        .expect("git");
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Commits everything on `day`.
pub fn commit_on(repo: &Path, day: jiff::civil::Date, message: &str) {
    git_ok(repo, &["add", "-A"]);
    git_on(repo, day, &["commit", "-q", "--allow-empty", "-m", message]);
}

/// The station whose data is in `dir`, opened as the binary opens it (without a user config).
/// A building as loupan reads it: its shared file and its personal values joined.
pub fn read_building(dir: &Path, id: &str) -> loupan::core::model::Building {
    station(dir)
        .load(&bid(id))
        .building
        .unwrap_or_else(|e| panic!("{id} does not read: {e:?}"))
}

pub fn station(dir: &Path) -> loupan::store::Station {
    loupan::store::Station::open(dir.to_path_buf(), Default::default())
}

/// A building id a test names.
pub fn bid(id: &str) -> loupan::core::ids::BuildingId {
    loupan::core::ids::BuildingId::parse(id).expect("a building id")
}

/// loupan run in a folder, as staff run it in a street (no `--dir`: the folder decides), with
/// the binary's folder first on PATH (git runs `loupan merge-driver`).
pub fn lp(cwd: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .env_remove("LOUPAN_DIR")
        .env("LOUPAN_CONFIG", "/nonexistent/loupan-test-config.toml")
        .env(
            "PATH",
            format!(
                "{}:{}",
                Path::new(bin()).parent().unwrap().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .output()
        .unwrap()
}

pub fn lp_ok(cwd: &Path, args: &[&str]) -> String {
    let o = lp(cwd, args);
    assert!(
        o.status.success(),
        "loupan {args:?} in {}: {}{}",
        cwd.display(),
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}
