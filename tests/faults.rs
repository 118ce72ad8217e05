//! When the world misbehaves: a full disk, a read-only data directory, a file replaced by
//! `git checkout` under an open map. Each gives a clear message and changes nothing it should not.

mod common;
use common::screen::Harness;
use common::*;
use loupan::core::i18n::Lang;
use loupan::tui::theme::ColorMode;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions
    unsafe { libc::geteuid() == 0 }
}

/// A tmpfs mounted for one test, unmounted when dropped; `None` where this machine does not let
/// the test mount one (not root, or no mount permission in a container).
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
        if !is_root() {
            return None;
        }
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(at.to_path_buf()))
    }

    fn read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn set_in(dir: &Path, args: &[&str], limit: Option<u64>) -> std::process::Output {
    let mut c = Command::new(bin());
    c.arg("--dir")
        .arg(dir)
        .args(["--lang", "en", "set"])
        .args(args)
        .env("LOUPAN_CONFIG", "/nonexistent");
    if let Some(bytes) = limit {
        // SAFETY: only async-signal-safe calls between fork and exec
        unsafe {
            c.pre_exec(move || {
                // a write past the limit fails with EFBIG instead of killing the process
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let lim = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    c.output().expect("run loupan")
}

#[test]
fn a_file_size_limit_gives_a_clear_message_and_changes_nothing() {
    let (_t, d) = data_dir();
    let p = new_building(&d, "t", 10, 10);
    let before = std::fs::read(&p).unwrap();
    assert!(before.len() > 2048);
    let o = set_in(&d, &["t", "1001", "vacant"], Some(1024));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot save") && stderr(&o).contains("too large"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&p).unwrap(), before, "unchanged");
    assert!(temp_files(&d).is_empty(), "{:?}", temp_files(&d));
}

#[test]
fn a_full_disk_gives_a_clear_message_and_changes_nothing() {
    let t = tempfile::tempdir().unwrap();
    let Some(m) = Mount::tmpfs(&t.path().join("disk"), "64k") else {
        eprintln!(
            "skipped: this machine does not let the test mount a tmpfs (the size-limit test covers the path)"
        );
        return;
    };
    let d = m.0.join("buildings");
    let p = new_building(&d, "t", 10, 10);
    let before = std::fs::read(&p).unwrap();
    // fill the disk but for less than a copy of the building
    let free = 64 * 1024 - before.len() as u64 - 2 * 4096;
    std::fs::write(m.0.join("ballast"), vec![0u8; free as usize]).unwrap();
    let o = set_in(
        &d,
        &["t", "1001", "vacant", "--note", &"备注".repeat(300)],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("the disk is full"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&p).unwrap(), before, "unchanged");
    assert!(temp_files(&d).is_empty(), "{:?}", temp_files(&d));
}

#[test]
fn a_read_only_data_directory_gives_a_clear_message_and_changes_nothing() {
    let t = tempfile::tempdir().unwrap();
    let mount = Mount::tmpfs(&t.path().join("ro"), "1m");
    let d = match &mount {
        Some(m) => m.0.join("buildings"),
        None => t.path().join("buildings"),
    };
    let p = new_building(&d, "t", 2, 2);
    let before = std::fs::read(&p).unwrap();
    use std::os::unix::fs::PermissionsExt;
    match &mount {
        Some(m) => assert!(m.read_only(), "remount read-only"),
        None if !is_root() => {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o555)).unwrap()
        }
        None => {
            eprintln!("skipped: root without mount permission cannot make a directory read-only");
            return;
        }
    }
    let o = set_in(&d, &["t", "101", "vacant"], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the data directory is read-only for you"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&p).unwrap(), before);
    // reading still works
    ok(&d, &["check"]);
    if mount.is_none() {
        let _ = std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_checkout_under_an_open_map_is_picked_up_never_overwritten() {
    let mut h = Harness::with("t:2x2", Lang::En, ColorMode::Ansi16);
    let repo = h.dir.parent().unwrap().to_path_buf();
    git_init(&repo);
    h.outside(
        "t",
        "201",
        change(&[("status", "isolating"), ("people", "22")]),
    );
    git_ok(&repo, &["commit", "-qam", "v2"]);
    h.rescan();
    assert_eq!(h.app.building().unwrap().units[0].record.people, Some(22));
    // someone checks the old version out while the map shows v2
    git_ok(&repo, &["checkout", "HEAD~1", "--", "buildings/t.toml"]);
    // an edit of the unit the checkout changed is refused: the screen showed v2
    h.keys("1");
    assert!(
        matches!(h.app.mode, loupan::tui::modes::Mode::Conflict(_)),
        "{:?}",
        h.app.mode
    );
    assert_eq!(h.status("t", "201"), "unknown", "the checked-out 201 stays");
    h.keys("<Esc>");
    // an edit of another unit: applied to what is on disk, v2 not restored
    h.keys("l5");
    assert_eq!(h.status("t", "202"), "vacant");
    assert_eq!(h.status("t", "201"), "unknown");
    assert_eq!(h.unit("t", "201").people, None);
    // and the map shows the checkout
    assert_eq!(
        h.app.building().unwrap().units[0].record.status.key(),
        "unknown"
    );
}
