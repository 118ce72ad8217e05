//! A paste (the terminal marks it with bracketed paste) goes whole into the field being typed and
//! never acts as keys: a line break becomes a space, other control characters are left out (an
//! escape sequence's printable rest stays visible as text). Outside a text field it is ignored,
//! and the status line says so. No I/O.

use super::app::{App, Notice};
use super::modes::{Mode, search};
use loupan_core::i18n::Text;
use loupan_core::tr;

/// Pasted text as one line: each line break (`\r\n`, `\n`, `\r`) and tab a space, other control
/// characters dropped.
pub fn one_line(s: &str) -> String {
    // the line end a copied line carries is not part of what was meant
    let s = s.trim_end_matches(['\r', '\n']);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

impl App {
    /// A paste: into the field being typed, or refused with a notice.
    pub(crate) fn on_paste(&mut self, raw: &str) {
        let text = one_line(raw);
        let mode = std::mem::take(&mut self.mode);
        let (mode, refused) = self.paste_into(mode, &text);
        self.mode = mode;
        if let Some(why) = refused {
            self.notice = Some(Notice::Info(why));
        }
    }

    fn paste_into(&mut self, mode: Mode, text: &str) -> (Mode, Option<Text>) {
        match mode {
            Mode::Search(mut s) => {
                s.query.push_str(text);
                (search::typed(self, s).0, None)
            }
            Mode::Form(mut f) if !f.quitting => {
                let refused = f.paste(text).err();
                (Mode::Form(f), refused)
            }
            Mode::Filing(mut f) if !f.quitting => {
                f.paste(text);
                (Mode::Filing(f), None)
            }
            Mode::Commit { mut message } => {
                message.push_str(text);
                (Mode::Commit { message }, None)
            }
            Mode::FollowUp(mut f) if !f.quitting && f.note.is_some() => {
                f.note.get_or_insert_with(String::new).push_str(text);
                (Mode::FollowUp(f), None)
            }
            other => (
                other,
                Some(tr!(
                    "paste ignored: no text field here (Enter opens the unit's form, c then Enter a follow-up's note)",
                    "已忽略粘贴的内容：这里没有输入框（Enter 打开本户表单，c 再按 Enter 可写随访备注）"
                )),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn a_paste_is_one_line_without_control_characters() {
        assert_eq!(one_line("a\nb\r\nc\rd\te"), "a b c d e");
        assert_eq!(one_line("张小明 13600001111\n"), "张小明 13600001111");
        assert_eq!(one_line("x\u{1b}[2Jy\u{7}\u{9b}z"), "x[2Jyz");
        assert_eq!(one_line("  keep  "), "  keep  ");
    }
}
