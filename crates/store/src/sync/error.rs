//! Why a sync stopped, as data; its words (both languages) and its exit code. Every case says
//! whether anything was lost — nothing ever is: a sync that stops keeps every local commit.

use crate::git::runner::GitError;
use loupan_core::codec::Located;
use loupan_core::display::inline;
use loupan_core::exit::Exit;
use loupan_core::i18n::Text;
use loupan_core::tr;
use std::path::PathBuf;

/// Why a sync stopped.
#[derive(Debug)]
pub enum SyncError {
    /// git itself: not installed, no identity, or a failure with its words.
    Git(GitError),
    /// The folder is not in a git repository.
    NotARepo(PathBuf),
    /// The repository has no remote to sync with.
    NoRemote,
    /// A merge was started (by hand) and not finished; these files are still in conflict.
    UnfinishedMerge(Vec<String>),
    /// loupan files that do not read: nothing was committed or sent.
    Unreadable(Vec<Located>),
    /// Personal values written into loupan files that would leave the station (in the work tree,
    /// or in a commit not yet sent): nothing was committed or sent.
    Personal {
        located: Vec<Located>,
        committed: bool,
    },
    /// The remote's changes clash with ours in these files; the merge was undone.
    Clash(Vec<String>),
    /// The remote's history was rewritten; ours is kept under `kept`.
    Rewritten { kept: String },
    /// The remote could not be reached; `kept` local commits wait for the next sync.
    Unreachable { said: String, kept: usize },
    /// The remote refused: no permission, or its guard said no.
    Refused(String),
    /// Others pushed first every time.
    Busy(usize),
    /// Something of loupan's own (its lock, its merge driver's setting).
    Other(Text),
}

impl From<GitError> for SyncError {
    fn from(e: GitError) -> SyncError {
        match e {
            GitError::Refused(s) => SyncError::Refused(s),
            GitError::Unreachable(said) => SyncError::Unreachable { said, kept: 0 },
            e => SyncError::Git(e),
        }
    }
}

impl From<Text> for SyncError {
    fn from(t: Text) -> SyncError {
        SyncError::Other(t)
    }
}

impl SyncError {
    /// The exit code a script acts on.
    pub fn exit(&self) -> Exit {
        match self {
            SyncError::UnfinishedMerge(_) | SyncError::Clash(_) | SyncError::Rewritten { .. } => {
                Exit::Conflict
            }
            SyncError::Unreachable { .. } | SyncError::Busy(_) => Exit::Unreachable,
            SyncError::Refused(_) => Exit::Refused,
            SyncError::Unreadable(_) => Exit::Unreadable,
            SyncError::Personal { .. } => Exit::Refused,
            SyncError::NotARepo(_) | SyncError::NoRemote => Exit::Usage,
            SyncError::Git(_) | SyncError::Other(_) => Exit::Attention,
        }
    }

    /// What happened and what to do, in both languages.
    pub fn text(&self) -> Text {
        match self {
            SyncError::Git(e) => git_text(e),
            SyncError::NotARepo(d) => {
                let d = inline(&d.display().to_string()).into_owned();
                tr!(
                    "{d} is not in a git repository; clone the street's repository first (docs/sync.md)",
                    "{d} 不在 git 仓库里；请先克隆街道的共享仓库（见 docs/sync.md）"
                )
            }
            SyncError::NoRemote => tr!(
                "this repository has no shared remote to sync with; add the street's: git remote add origin URL",
                "这个仓库没有可同步的共享远端；请添加街道的远端：git remote add origin 地址"
            ),
            SyncError::UnfinishedMerge(files) => unfinished(files),
            SyncError::Unreadable(ps) => unreadable(ps),
            SyncError::Personal { located, committed } => personal(located, *committed),
            SyncError::Clash(files) => clash(files),
            SyncError::Rewritten { kept } => rewritten(kept),
            SyncError::Unreachable { said, kept } => unreachable(said, *kept),
            SyncError::Refused(said) => tr!(
                "the shared remote refused this sync ({said}); nothing is lost: your commits stay here. Ask whoever runs the street's repository for access, or see what its guard said above",
                "共享远端拒绝了这次同步（{said}）；没有丢失任何内容：你的提交保留在本机。请向街道仓库的管理员申请权限，或查看上面远端检查给出的原因"
            ),
            SyncError::Busy(n) => tr!(
                "others pushed first {n} times in a row (the shared remote is busy); nothing is lost: your commits stay here — run `loupan sync` again in a moment",
                "连续 {n} 次都有人先推送（共享远端繁忙）；没有丢失任何内容：你的提交保留在本机——请稍后再运行 `loupan sync`"
            ),
            SyncError::Other(t) => t.clone(),
        }
    }
}

fn git_text(e: &GitError) -> Text {
    match e {
        GitError::Missing => tr!(
            "cannot run git; is it installed? (Debian: apt-get install git)",
            "无法运行 git；是否已安装？（Debian：apt-get install git）"
        ),
        GitError::NoIdentity => tr!(
            "git does not know who you are, so it cannot commit. Set your name once: git config --global user.name \"王芳\" and git config --global user.email \"wangfang@example.org\"",
            "git 还不知道你是谁，所以无法提交。请先设置一次姓名：git config --global user.name \"王芳\"，以及 git config --global user.email \"wangfang@example.org\""
        ),
        e => {
            let said = e.said();
            tr!("git: {said}", "git 出错：{said}")
        }
    }
}

fn list(files: &[String]) -> String {
    files
        .iter()
        .map(|f| inline(f).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

fn unfinished(files: &[String]) -> Text {
    let f = list(files);
    tr!(
        "a merge is not finished ({f}); nothing was committed or sent. Open the map (`loupan`) and settle each clash in its conflict window, or run `loupan check` to see them; then `git commit` and `loupan sync` again. To give the merge up instead: git merge --abort",
        "有未完成的合并（{f}）；没有提交或发送任何内容。请打开地图（`loupan`）在冲突窗口逐一处理，或运行 `loupan check` 查看；然后 `git commit`，再运行 `loupan sync`。如要放弃这次合并：git merge --abort"
    )
}

fn unreadable(ps: &[Located]) -> Text {
    let mut t = tr!(
        "these files do not read, so nothing was committed or sent (fix each, or restore it with `git checkout -- FILE`):",
        "以下文件无法读取，因此没有提交或发送任何内容（请逐一修正，或用 `git checkout -- 文件` 恢复）："
    );
    for p in ps {
        let en = p.render(loupan_core::i18n::Lang::En);
        let zh = p.render(loupan_core::i18n::Lang::Zh);
        t = t.join(("\n  ", "\n  "), &tr!("{en}", "{zh}"));
    }
    t
}

fn personal(ps: &[Located], committed: bool) -> Text {
    let mut t = if committed {
        tr!(
            "commits not yet sent hold personal values (names, phone numbers, notes) in shared files, so nothing was sent; they must never leave the station: `loupan migrate --rewrite-history` takes them out of every commit, then `loupan sync`",
            "尚未发送的提交里，共享文件中含有个人信息（姓名、电话、备注），因此没有发送任何内容；这些信息绝不能离开工作站：请运行 `loupan migrate --rewrite-history` 把它们从每个提交中去掉，然后再 `loupan sync`"
        )
    } else {
        tr!(
            "these files hold personal values (names, phone numbers, notes) where they would leave the station, so nothing was committed or sent; `loupan migrate` moves them into the private store, then `loupan sync`:",
            "以下文件在会离开工作站的地方含有个人信息（姓名、电话、备注），因此没有提交或发送任何内容；请运行 `loupan migrate` 把它们移到私密存储，然后再 `loupan sync`："
        )
    };
    for p in ps.iter().take(20) {
        let en = p.render(loupan_core::i18n::Lang::En);
        let zh = p.render(loupan_core::i18n::Lang::Zh);
        t = t.join(("\n  ", "\n  "), &tr!("{en}", "{zh}"));
    }
    if ps.len() > 20 {
        let more = ps.len() - 20;
        t = t.join(
            ("\n  ", "\n  "),
            &tr!("… and {more} more", "……另有 {more} 处"),
        );
    }
    t
}

fn clash(files: &[String]) -> Text {
    let f = list(files);
    tr!(
        "the remote's changes clash with yours in {f} (the same field of a unit changed both ways); nothing was merged or lost. Run `git pull --no-rebase`, then open the map (`loupan`): its conflict window shows each clash and settles it; then `loupan sync`",
        "远端的修改与你的修改在 {f} 冲突（同一单元的同一字段两边都改了）；没有合并，也没有丢失任何内容。请运行 `git pull --no-rebase`，再打开地图（`loupan`），在冲突窗口逐一处理；然后运行 `loupan sync`"
    )
}

fn rewritten(kept: &str) -> Text {
    let k = inline(kept).into_owned();
    tr!(
        "the shared remote's history was rewritten (a history rewrite ran there, so it no longer continues yours); nothing was merged or sent, and nothing is lost: your commits are kept on branch {k}. The way back: make a new clone of the street's repository, copy your changed building files from {k} into it (`git diff --stat origin/HEAD {k}` lists them), and run `loupan sync` there",
        "共享远端的历史已被改写（那里运行过历史改写，不再接续你的历史）；没有合并或发送任何内容，也没有丢失：你的提交保存在分支 {k}。恢复办法：重新克隆街道仓库，把 {k} 上改过的楼栋文件复制进去（`git diff --stat origin/HEAD {k}` 可列出），然后在新克隆里运行 `loupan sync`"
    )
}

fn unreachable(said: &str, kept: usize) -> Text {
    if kept > 0 {
        tr!(
            "cannot reach the shared remote ({said}); nothing is lost: your {kept} commits stay here and go up at the next `loupan sync`",
            "无法连接共享远端（{said}）；没有丢失任何内容：你的 {kept} 个提交保留在本机，下次 `loupan sync` 时再上传"
        )
    } else {
        tr!(
            "cannot reach the shared remote ({said}); nothing is lost — try `loupan sync` again later",
            "无法连接共享远端（{said}）；没有丢失任何内容——请稍后再运行 `loupan sync`"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use loupan_core::i18n::Lang;

    #[test]
    fn each_case_has_its_exit_code() {
        let cases = [
            (SyncError::Clash(vec!["t.toml".into()]), 3),
            (SyncError::UnfinishedMerge(vec![]), 3),
            (SyncError::Rewritten { kept: "k".into() }, 3),
            (
                SyncError::Unreachable {
                    said: "x".into(),
                    kept: 1,
                },
                4,
            ),
            (SyncError::Busy(20), 4),
            (SyncError::Refused("hook".into()), 5),
            (SyncError::Unreadable(vec![]), 6),
            (
                SyncError::Personal {
                    located: vec![],
                    committed: false,
                },
                5,
            ),
            (SyncError::NoRemote, 2),
        ];
        for (e, code) in cases {
            assert_eq!(e.exit().code(), code, "{e:?}");
        }
    }

    #[test]
    fn git_errors_become_what_they_mean() {
        assert_eq!(
            SyncError::from(GitError::Refused("no".into())).exit(),
            Exit::Refused
        );
        assert_eq!(
            SyncError::from(GitError::Unreachable("gone".into())).exit(),
            Exit::Unreachable
        );
    }

    #[test]
    fn a_clash_names_its_files_and_unreachable_stays_on_one_line() {
        let t = SyncError::Clash(vec!["stations/s1/t1.toml".into()]).text();
        assert!(t.get(Lang::En).contains("stations/s1/t1.toml"));
        assert!(t.get(Lang::Zh).contains("stations/s1/t1.toml"));
        let said = GitError::Unreachable("fatal: unable to access".into());
        let t = SyncError::from(said).text();
        assert!(t.get(Lang::En).contains("fatal: unable to access"));
        assert!(t.get(Lang::Zh).contains("没有丢失任何内容"));
    }
}
