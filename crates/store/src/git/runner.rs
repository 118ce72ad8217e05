//! The one place loupan starts git. Every call is `git` in the C locale (so what git prints is
//! the same on every laptop), and a failure is classified into a `GitError` from the exit status
//! and machine-readable output (`push --porcelain`, `git var`), never from translated prose.

use loupan_core::display::inline;
use std::path::Path;
use std::process::{Command, Output};

/// A git command, not yet run: the only constructor of `git` processes in loupan.
pub(crate) fn new() -> Command {
    let mut c = Command::new("git");
    c.env("LC_ALL", "C");
    c
}

/// A git command run in `dir` (`git -C dir`).
pub(crate) fn in_dir(dir: &Path) -> Command {
    let mut c = new();
    c.arg("-C").arg(dir);
    c
}

/// Why git did not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GitError {
    /// git is not installed (or not on the PATH).
    Missing,
    /// git does not know who is committing (`user.name` / `user.email` unset).
    NoIdentity,
    /// The remote said no: no permission, or a hook refused the push (its words kept).
    Refused(String),
    /// The remote moved on: someone else pushed first.
    Behind,
    /// The remote could not be reached (offline, a wrong URL, a missing repository).
    Unreachable(String),
    /// Anything else, with git's words.
    Failed(String),
}

impl GitError {
    /// git's own words, on one line and safe to print.
    pub fn said(&self) -> &str {
        match self {
            GitError::Missing | GitError::NoIdentity | GitError::Behind => "",
            GitError::Refused(s) | GitError::Unreachable(s) | GitError::Failed(s) => s,
        }
    }
}

/// What a finished git process printed, stdout and stderr together, on one safe line.
pub(crate) fn words(o: &Output) -> String {
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    // git's lines joined with spaces (its `\r\n` never shown as escapes), then made safe
    let one: Vec<&str> = out
        .lines()
        .chain(err.lines())
        .flat_map(|l| l.split(['\r', '\t']))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    inline(&one.join(" ")).into_owned()
}

/// Runs a command to its end; `Missing` when git cannot be started.
pub(crate) fn output(mut c: Command) -> Result<Output, GitError> {
    c.output().map_err(|_| GitError::Missing)
}

/// Runs a command that must succeed; its stdout.
pub(crate) fn must(c: Command) -> Result<String, GitError> {
    let o = output(c)?;
    if o.status.success() {
        Ok(String::from_utf8_lossy(&o.stdout).into_owned())
    } else {
        Err(GitError::Failed(words(&o)))
    }
}

/// Whether git knows who commits in `dir` (`git var` exits non-zero when it does not).
pub(crate) fn has_identity(dir: &Path) -> Result<bool, GitError> {
    let mut c = in_dir(dir);
    c.args(["var", "GIT_COMMITTER_IDENT"]);
    Ok(output(c)?.status.success())
}

/// What a `git push --porcelain` said about its one ref: ok, behind (someone was first), refused
/// by the remote (a hook, permissions), or nothing at all (the transport failed first).
pub(crate) fn push_outcome(o: &Output) -> Result<(), GitError> {
    let stdout = String::from_utf8_lossy(&o.stdout);
    // porcelain: `<flag>\t<from>:<to>\t<summary> (<reason>)`, flag `!` for a rejected ref
    let rejected = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("!\t"))
        .map(|l| l.split('\t').nth(1).unwrap_or(""))
        .next();
    match rejected {
        None if o.status.success() => Ok(()),
        Some(summary) if summary.starts_with("[rejected]") => Err(GitError::Behind),
        // two pushes at the same moment: the remote's ref moved under it (a race, not a refusal)
        Some(summary)
            if summary.starts_with("[remote rejected] (failed to update ref")
                || summary.starts_with("[remote rejected] (cannot lock ref") =>
        {
            Err(GitError::Behind)
        }
        Some(_) => Err(GitError::Refused(words(o))),
        None => Err(transport(o)),
    }
}

/// A fetch or push that failed before any ref was told about: the remote was not reached, or it
/// turned us away at the door. ssh and http say "permission denied" / 401 / 403 in English
/// under the C locale; anything else is taken as unreachable, where trying again is right.
pub(crate) fn transport(o: &Output) -> GitError {
    let said = words(o);
    let lower = said.to_ascii_lowercase();
    let door = [
        "permission denied",
        "the requested url returned error: 401",
        "the requested url returned error: 403",
        "could not read username",
        "authentication failed",
        "insufficient permission",
    ];
    if door.iter().any(|d| lower.contains(d)) {
        GitError::Refused(said)
    } else {
        GitError::Unreachable(said)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    fn out(code: i32, stdout: &str, stderr: &str) -> Output {
        Output {
            status: ExitStatus::from_raw(code << 8),
            stdout: stdout.as_bytes().to_vec(),
            stderr: stderr.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_push_that_went_up_is_ok() {
        let o = out(
            0,
            "To ../r.git\n \trefs/heads/main:refs/heads/main\t1a2b..3c4d\nDone\n",
            "",
        );
        assert_eq!(push_outcome(&o), Ok(()));
    }

    #[test]
    fn someone_first_is_behind() {
        let o = out(
            1,
            "To ../r.git\n!\trefs/heads/main:refs/heads/main\t[rejected] (fetch first)\nDone\n",
            "error: failed to push some refs",
        );
        assert_eq!(push_outcome(&o), Err(GitError::Behind));
        let o = out(
            1,
            "!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)\n",
            "",
        );
        assert_eq!(push_outcome(&o), Err(GitError::Behind));
    }

    #[test]
    fn two_pushes_at_once_is_behind_not_refused() {
        let o = out(
            1,
            "!\tHEAD:refs/heads/main\t[remote rejected] (failed to update ref)\nDone\n",
            "remote: error: cannot lock ref 'refs/heads/main': is at f015 but expected d7d2",
        );
        assert_eq!(push_outcome(&o), Err(GitError::Behind));
    }

    #[test]
    fn a_hook_that_says_no_is_refused() {
        let o = out(
            1,
            "!\tHEAD:refs/heads/main\t[remote rejected] (pre-receive hook declined)\n",
            "remote: not loupan data: x.csv",
        );
        match push_outcome(&o) {
            Err(GitError::Refused(s)) => {
                assert!(
                    s.contains("x.csv") && !s.contains("\\t") && !s.contains('\t'),
                    "{s}"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_ref_line_is_the_transport() {
        let o = out(
            128,
            "",
            "fatal: '/gone.git' does not appear to be a git repository\r\nfatal: Could not read from remote repository.",
        );
        match push_outcome(&o) {
            Err(GitError::Unreachable(s)) => {
                assert!(
                    !s.contains('\r') && !s.contains("\\r") && !s.contains('\n'),
                    "{s}"
                );
                assert!(s.contains("git repository fatal: Could not"), "{s}");
            }
            other => panic!("{other:?}"),
        }
        let o = out(
            128,
            "",
            "git@127.0.0.1: Permission denied (publickey).\nfatal: Could not read from remote repository.",
        );
        assert!(matches!(push_outcome(&o), Err(GitError::Refused(_))));
    }

    #[test]
    fn identity_is_asked_of_git_var() {
        let t = tempfile::tempdir().unwrap();
        let mut c = in_dir(t.path());
        c.args(["init", "-q"]);
        must(c).unwrap();
        let mut c = in_dir(t.path());
        c.args(["config", "user.name", "王芳"]);
        must(c).unwrap();
        let mut c = in_dir(t.path());
        c.args(["config", "user.email", "w@example.org"]);
        must(c).unwrap();
        assert_eq!(has_identity(t.path()), Ok(true));
    }

    #[test]
    fn a_failure_keeps_gits_words_on_one_line() {
        let mut c = in_dir(Path::new("/nonexistent-loupan-dir"));
        c.args(["status"]);
        match must(c) {
            Err(GitError::Failed(s)) => assert!(!s.contains('\n') && s.contains("nonexistent")),
            other => panic!("{other:?}"),
        }
    }
}
