//! The clipboard from inside tmux: tmux passes an application's OSC 52 on only with
//! `set-clipboard on`, or, wrapped in its passthrough sequence, with `allow-passthrough on`
//! (tmux 3.3 and later); otherwise the text goes nowhere. Asks tmux which holds, and keeps the
//! text in a file when neither does.

use loupan_core::i18n::Text;
use loupan_core::tr;
use std::path::PathBuf;

/// How a clipboard sequence reaches the terminal the user sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Not in tmux, or tmux takes OSC 52 (`set-clipboard on`): the sequence as it is.
    Direct,
    /// tmux lets it through wrapped (`allow-passthrough on`).
    Passthrough,
    /// tmux drops it: the user must set `set-clipboard on`.
    Blocked,
}

/// The route from this process's terminal ($TMUX says whether tmux is between).
pub fn route() -> Route {
    if std::env::var_os("TMUX").is_none_or(|v| v.is_empty()) {
        return Route::Direct;
    }
    let option = |name: &str| {
        std::process::Command::new("tmux")
            .args(["show-options", "-gv", name])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    if option("set-clipboard").as_deref() == Some("on") {
        return Route::Direct;
    }
    match option("allow-passthrough").as_deref() {
        Some("on" | "all") => Route::Passthrough,
        _ => Route::Blocked,
    }
}

/// The day's report in a file of the temporary folder, for when the clipboard cannot take it.
pub fn keep(text: &str, day: jiff::civil::Date) -> Result<PathBuf, Text> {
    let path = std::env::temp_dir().join(format!("loupan-report-{day}.txt"));
    super::write::atomic_write(&path, text.as_bytes())?;
    Ok(path)
}

/// An OSC 52 sequence wrapped for tmux's passthrough: `ESC P tmux; …ESC doubled… ESC \`.
pub fn passthrough(sequence: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
}

/// What the user must do when tmux drops the clipboard, and where the report is instead.
pub fn blocked_text(kept: &Result<PathBuf, Text>) -> Text {
    let how = "set -g set-clipboard on";
    match kept {
        Ok(p) => {
            let p = loupan_core::display::inline(&p.display().to_string()).into_owned();
            tr!(
                "tmux drops the clipboard: {how} (~/.tmux.conf); report in {p}",
                "tmux 未转发剪贴板：需 {how}（~/.tmux.conf）；日报在 {p}"
            )
        }
        Err(why) => {
            let (en, zh) = (&why.en, &why.zh);
            tr!(
                "tmux drops the clipboard: {how} (~/.tmux.conf); the report could not be saved: {en}",
                "tmux 未转发剪贴板：需 {how}（~/.tmux.conf）；日报也无法存入文件：{zh}"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passthrough_doubles_the_escapes_inside() {
        assert_eq!(
            super::passthrough("\x1b]52;c;aGk=\x07"),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
    }
}
