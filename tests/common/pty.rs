//! The real binary in a pseudo-terminal, read back through a terminal emulator (portable-pty +
//! vt100), as a person at a keyboard would use it.

use super::bin;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Tui {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for what the screen does not show (OSC 52).
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Arc<Mutex<Box<dyn Write + Send>>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Tui {
    pub fn open(dir: &Path, args: &[&str]) -> Tui {
        Tui::open_with(dir, args, &[])
    }

    pub fn open_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Tui {
        Tui::open_sized(dir, args, env, 30, 110)
    }

    pub fn open_sized(
        dir: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Tui {
        let mut cmd = CommandBuilder::new(bin());
        cmd.arg("--dir");
        cmd.arg(dir);
        cmd.args(args);
        Tui::spawn(cmd, env, rows, cols)
    }

    /// loupan started in `cwd` with no `--dir`, as staff start it in a street's folders.
    pub fn open_in(cwd: &Path, args: &[&str], rows: u16, cols: u16) -> Tui {
        let mut cmd = CommandBuilder::new(bin());
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env_remove("LOUPAN_DIR");
        Tui::spawn(cmd, &[], rows, cols)
    }

    fn spawn(mut cmd: CommandBuilder, env: &[(&str, &str)], rows: u16, cols: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        cmd.env("TERM", "xterm-256color");
        cmd.env("LOUPAN_CONFIG", "/nonexistent");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        // a test run inside tmux does not ask that tmux about the clipboard
        cmd.env_remove("TMUX");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, w, r) = (screen.clone(), writer.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                // answer the cursor-position query a terminal would answer
                if buf[..n].windows(4).any(|x| x == b"\x1b[6n") {
                    let _ = w.lock().unwrap().write_all(b"\x1b[1;1R");
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Tui {
            screen,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn send(&self, keys: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
        drop(w);
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn wait_for(&self, what: &str, secs: f64) -> bool {
        wait(secs, || self.text().contains(what))
    }

    pub fn exited(&mut self, secs: f64) -> bool {
        let end = Instant::now() + Duration::from_secs_f64(secs);
        while Instant::now() < end {
            if self.child.try_wait().ok().flatten().is_some() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Polls with a deadline; never a fixed sleep standing in for "long enough".
pub fn wait(secs: f64, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + Duration::from_secs_f64(secs);
    while Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    f()
}
