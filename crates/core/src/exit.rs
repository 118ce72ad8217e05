//! The exit codes every command shares (docs/exit-codes.md), so that a script can tell "offline,
//! nothing lost" from "a clash needs a person". The codes are the contract; the words that go with
//! them are rendered at the edge.

/// Why a command ended, as the process's exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Exit {
    /// 0: done.
    Done,
    /// 1: done, and something needs attention (a missing report, a file that was not read).
    Attention,
    /// 2: the command line was wrong (an unknown flag, a date that is not a date, a bound passed).
    Usage,
    /// 3: a conflict that needs a person (a clash in a merge, an unfinished merge, a unit changed
    /// by someone else since it was read).
    Conflict,
    /// 4: the remote cannot be reached; nothing is lost, try again.
    Unreachable,
    /// 5: refused: no permission, or the remote's guard said no.
    Refused,
    /// 6: data unreadable: a file does not parse, and nothing was written or sent.
    Unreadable,
}

impl Exit {
    /// Every code, in order: for the docs' table and the tests that hold each one.
    pub const ALL: [Exit; 7] = [
        Exit::Done,
        Exit::Attention,
        Exit::Usage,
        Exit::Conflict,
        Exit::Unreachable,
        Exit::Refused,
        Exit::Unreadable,
    ];

    /// The process exit status.
    pub fn code(self) -> i32 {
        match self {
            Exit::Done => 0,
            Exit::Attention => 1,
            Exit::Usage => 2,
            Exit::Conflict => 3,
            Exit::Unreachable => 4,
            Exit::Refused => 5,
            Exit::Unreadable => 6,
        }
    }

    /// 1 when something needs attention, else 0: the common ending of a command that read files.
    pub fn attention_if(needed: bool) -> Exit {
        if needed { Exit::Attention } else { Exit::Done }
    }

    /// What the code means, for the docs, the man page and `--help`.
    pub fn meaning(self) -> (&'static str, &'static str) {
        match self {
            Exit::Done => ("done", "完成"),
            Exit::Attention => (
                "done, and something needs attention (a missing report, a file not read)",
                "完成，但有需要注意的事（缺报、有文件未读）",
            ),
            Exit::Usage => ("usage: the command line was wrong", "用法错误：命令行有误"),
            Exit::Conflict => (
                "a conflict that needs a person (a clash, an unfinished merge)",
                "需要人来处理的冲突（修改冲突、未完成的合并）",
            ),
            Exit::Unreachable => (
                "the remote cannot be reached; nothing is lost, try again",
                "无法连接远端；没有丢失任何内容，请稍后再试",
            ),
            Exit::Refused => (
                "refused: no permission, or the remote's guard said no",
                "被拒绝：没有权限，或远端的检查不允许",
            ),
            Exit::Unreadable => (
                "data unreadable: a file does not parse; nothing was written or sent",
                "数据无法读取：有文件格式错误；没有写入或发送任何内容",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_in_order() {
        let codes: Vec<i32> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes, (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn attention_only_when_needed() {
        assert_eq!(Exit::attention_if(true).code(), 1);
        assert_eq!(Exit::attention_if(false).code(), 0);
    }
}
