//! Why a command stopped, and the one place its words are written with its exit code.

use super::Ctx;
use loupan_core::exit::Exit;
use loupan_core::i18n::Text;
use loupan_store::WriteError;

/// Why a command stopped: something to tell the user (with the exit code that goes with it), or
/// an output stream that failed.
pub(crate) enum Fail {
    /// Said, exit 1.
    Said(Text),
    /// Said, with its own exit code (docs/exit-codes.md).
    Exit(Exit, Text),
    Io(std::io::Error),
}

impl Fail {
    /// A command line that asks for something impossible (exit 2).
    pub fn usage(t: Text) -> Fail {
        Fail::Exit(Exit::Usage, t)
    }
}

impl From<loupan_store::sync::SyncError> for Fail {
    fn from(e: loupan_store::sync::SyncError) -> Fail {
        Fail::Exit(e.exit(), e.text())
    }
}

impl From<loupan_store::street::StreetError> for Fail {
    fn from(e: loupan_store::street::StreetError) -> Fail {
        use loupan_store::street::StreetError;
        match e {
            StreetError::Unreadable(t) => Fail::Exit(Exit::Unreadable, t),
            StreetError::Not(t) => Fail::Said(t),
        }
    }
}

impl From<Text> for Fail {
    fn from(t: Text) -> Fail {
        Fail::Said(t)
    }
}

impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Fail {
        Fail::Io(e)
    }
}

impl From<serde_json::Error> for Fail {
    fn from(e: serde_json::Error) -> Fail {
        Fail::Io(e.into())
    }
}

impl From<WriteError> for Fail {
    fn from(e: WriteError) -> Fail {
        let code = match &e {
            WriteError::Broken(_) => Exit::Unreadable,
            WriteError::Conflict { .. } => Exit::Conflict,
            WriteError::Invalid { .. } => Exit::Usage,
            // a unit that is not in the layout: said, exit 1 (as before exit codes had names)
            WriteError::NoSuchUnit(_) | WriteError::Company(..) | WriteError::Io(_) => {
                Exit::Attention
            }
        };
        Fail::Exit(code, e.text())
    }
}

pub(crate) type Res = Result<i32, Fail>;

/// The one place a failed command's words are written: `loupan: …` on stderr, then its code.
pub(crate) fn said(ctx: &mut Ctx<'_>, t: &Text, code: Exit) -> i32 {
    let lang = ctx.lang;
    let _ = writeln!(
        ctx.err,
        "{}{}",
        lang.pick("loupan: ", "loupan："),
        t.get(lang)
    );
    code.code()
}
