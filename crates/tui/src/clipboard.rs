//! `Y`: the day's report text onto the clipboard of the terminal the user sits at, through ssh
//! and tmux, with OSC 52 — the evening's report pasted into the chat group without a file.

use super::app::{App, Effect, Notice};
use loupan_core::i18n::Text;
use loupan_core::tr;
pub use loupan_store::tmux::Route;

/// The report text as made by the worker, and how many buildings it could not read (it names
/// them and counts them nowhere).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    pub text: String,
    pub unread: usize,
    /// How the sequence reaches the terminal (through tmux or not).
    pub route: Route,
    /// Where the report was written when tmux drops the clipboard.
    pub kept: Option<Result<std::path::PathBuf, Text>>,
}

impl App {
    /// The effect that makes the shown day's report text.
    pub fn copy_report(&mut self) -> Vec<Effect> {
        vec![Effect::CopyReport {
            day: self.shown_day(),
            today: self.today,
            lang: self.lang,
        }]
    }

    /// The text goes to the terminal; the status line says so and what to do if nothing pastes.
    pub fn on_report(&mut self, r: Result<Copied, Text>) {
        match r {
            Ok(Copied {
                route: Route::Blocked,
                kept: Some(kept),
                text,
                ..
            }) => {
                self.notice = Some(Notice::Error(loupan_store::tmux::blocked_text(&kept)));
                self.clipboard = Some(osc52(&text));
            }
            Ok(c) => {
                let lines = c.text.lines().count();
                let unread = c.unread;
                self.notice = Some(Notice::Info(if unread == 0 {
                    tr!(
                        "report copied ({lines} lines); pastes nothing? see docs/guide",
                        "日报已复制（{lines} 行）；粘贴不出见 docs/guide"
                    )
                } else {
                    tr!(
                        "report copied ({lines} lines; {unread} unreadable buildings named, not counted)",
                        "日报已复制（{lines} 行；{unread} 栋读不出的楼已注明、未计入）"
                    )
                }));
                self.clipboard = Some(match c.route {
                    Route::Passthrough => loupan_store::tmux::passthrough(&osc52(&c.text)),
                    _ => osc52(&c.text),
                });
            }
            Err(why) => self.notice = Some(Notice::Error(why)),
        }
    }
}

/// The OSC 52 sequence that sets the clipboard (`c`) to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648), all OSC 52 asks for.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain:?}");
        }
        assert_eq!(base64("楼".as_bytes()), "5qW8");
    }

    #[test]
    fn the_sequence_is_osc_52_for_the_clipboard() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
