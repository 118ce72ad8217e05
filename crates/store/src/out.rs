//! Where a command's output goes (`--out`): a regular file replaced whole or not at all, a FIFO or
//! a device written through, a symlink followed; the data directory and read-only files refused.

use super::errors::io_text;
use loupan_core::display::inline;
use loupan_core::i18n::Text;
use loupan_core::tr;
use std::io::Write;
use std::path::Path;

/// A file a command writes (`--out`), as docs/spec.md §7 says: a regular file is replaced whole or not
/// at all, keeping its permissions; a symlink is followed and stays a symlink; a FIFO or a device
/// is written straight through; a file in the data directory, a directory, or a file nobody may
/// write is refused before anything is written. Written as it is made (an export of a million
/// rows need not be held in memory first).
pub struct Out {
    sink: Sink,
    target: std::path::PathBuf,
    /// Git was told to ignore it here (it holds personal values and sits in a working tree).
    pub excluded: bool,
}

enum Sink {
    /// Nothing replaces the target until `commit`.
    Whole(atomic_write_file::AtomicWriteFile),
    /// A FIFO or a device: what is written goes through as it is written.
    Through(std::fs::File),
}

impl Out {
    /// `data` is the data directory: nothing in it is replaced by a command's output. `revealed`:
    /// the output holds personal values unmasked (`--reveal`), so it is refused inside a git
    /// repository's working tree unless git ignores the path — a `git add -A` or a sync there
    /// would send it where purge cannot reach.
    pub fn create(target: &Path, data: &Path, revealed: bool) -> Result<Out, Text> {
        use std::os::unix::fs::FileTypeExt;
        let real = follow(target).map_err(|e| out_error(target, &e))?;
        let refuse = |en: &str, zh: &str| {
            let p = inline(&target.display().to_string()).into_owned();
            Err(Text::new(format!("{p}: {en}"), format!("{p}：{zh}")))
        };
        if within(&real, data) {
            return refuse(
                "that is in the data directory; write outputs elsewhere (nothing was changed)",
                "这是数据目录里的文件；请把输出写到别处（未做任何修改）",
            );
        }
        let special = std::fs::metadata(&real)
            .is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_char_device());
        // with --reveal inside a git working tree: git is told to ignore it (this clone's
        // `.git/info/exclude`), so no `git add -A` or sync sends it; a file git already tracks is refused
        let mut excluded = false;
        if revealed && !special {
            match exclude_from_git(&real) {
                Ok(e) => excluded = e,
                Err(()) => {
                    return refuse(
                        "with --reveal it would hold names and phone numbers in a file git tracks, so a commit would send them; write it outside the repository (nothing was written)",
                        "加了 --reveal，这个文件会含有姓名和电话，而它已被 git 跟踪，一次提交就会把它发出去；请写到仓库之外（未写入任何内容）",
                    );
                }
            }
        }
        let sink = match std::fs::metadata(&real) {
            Ok(m) if m.file_type().is_fifo() || m.file_type().is_char_device() => {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&real)
                    .map_err(|e| out_error(target, &e))?;
                Sink::Through(f)
            }
            Ok(m) if m.is_dir() => {
                return refuse("that is a folder; name a file", "这是文件夹；请写文件名");
            }
            Ok(m) if !m.is_file() => {
                return refuse("that is not a regular file", "这不是普通文件");
            }
            Ok(m) if m.permissions().readonly() => {
                return refuse(
                    "the file is read-only; nothing was changed (make it writable, or choose another name)",
                    "文件是只读的；未做任何修改（请改为可写，或换一个文件名）",
                );
            }
            _ => Sink::Whole(
                atomic_write_file::AtomicWriteFile::options()
                    .open(&real)
                    .map_err(|e| out_error(target, &e))?,
            ),
        };
        Ok(Out {
            sink,
            target: target.to_path_buf(),
            excluded,
        })
    }

    pub fn commit(self) -> Result<(), Text> {
        let target = self.target.clone();
        match self.sink {
            Sink::Whole(f) => f.commit().map_err(|e| out_error(&target, &e)),
            Sink::Through(mut f) => f.flush().map_err(|e| out_error(&target, &e)),
        }
    }
}

/// The path a write lands on: a symlink's target (followed link by link, so a dangling link
/// gets its file created where it points), else the path itself.
fn follow(target: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut p = target.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Makes git ignore a file that will hold personal values, when it lies in a working tree git
/// would add it from (`check-ignore` exits 0 for an ignored path, 1 for one git would add, 128
/// outside a repository): one line in this clone's `info/exclude`, never shared. `Ok(true)` when
/// the line was added; `Err` when git already tracks the file. Without git nothing can send it.
fn exclude_from_git(path: &Path) -> Result<bool, ()> {
    use crate::git::runner;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let (Ok(dir), Some(name)) = (
        parent.map_or_else(std::env::current_dir, std::fs::canonicalize),
        path.file_name(),
    ) else {
        return Ok(false);
    };
    let ask = |args: &[&str]| {
        let mut c = runner::in_dir(&dir);
        c.args(args);
        runner::output(c).ok()
    };
    let mut c = runner::in_dir(&dir);
    c.args(["check-ignore", "-q", "--"]).arg(name);
    if !runner::output(c).is_ok_and(|o| o.status.code() == Some(1)) {
        return Ok(false);
    }
    let mut c = runner::in_dir(&dir);
    c.args(["ls-files", "--error-unmatch", "--"]).arg(name);
    if runner::output(c).is_ok_and(|o| o.status.success()) {
        return Err(());
    }
    let text = |o: Option<std::process::Output>| {
        o.map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim_end_matches('\n')
                .to_string()
        })
    };
    let (Some(prefix), Some(exclude)) = (
        text(ask(&["rev-parse", "--show-prefix"])),
        text(ask(&["rev-parse", "--git-path", "info/exclude"])),
    ) else {
        return Err(());
    };
    let exclude = dir.join(exclude);
    let line = format!("/{prefix}{}\n", name.to_string_lossy());
    let _ = std::fs::create_dir_all(exclude.parent().unwrap_or(&dir));
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&exclude)
        .map_err(|_| ())?;
    f.write_all(line.as_bytes()).map_err(|_| ())?;
    Ok(true)
}

/// Whether `path` is inside `dir` (both as they really are on disk).
fn within(path: &Path, dir: &Path) -> bool {
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return false;
    };
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let real_parent = match parent {
        Some(p) => std::fs::canonicalize(p),
        None => std::env::current_dir(),
    };
    real_parent.is_ok_and(|p| p.starts_with(&dir))
}

fn out_error(target: &Path, e: &std::io::Error) -> Text {
    let (p, why) = (target.display(), io_text(e));
    tr!("cannot write {p}: {why}", "无法写入 {p}：{why}")
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.sink {
            Sink::Whole(f) => f.write(buf),
            Sink::Through(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Whole(f) => f.flush(),
            Sink::Through(f) => f.flush(),
        }
    }
}
