//! Why bytes are not a building file before they are even TOML (empty, binary, not UTF-8), and the
//! TOML parser's messages in words a station worker understands. Pure.

use super::{Problem, position};
use crate::display::inline;
use crate::i18n::Text;
use crate::tr;

/// The bytes as UTF-8 text, or a located reason why they are not a building file.
pub(super) fn as_text(bytes: &[u8]) -> Result<&str, Vec<Problem>> {
    let one = |(l, c), message| Err(vec![Problem::error(l, c, message)]);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return one(
            (1, 1),
            tr!(
                "the file is empty; a building needs `name`, `floors`, `units-per-floor` and a [units] table (`loupan new` writes one)",
                "文件是空的；一栋楼需要 `name`、`floors`、`units-per-floor` 和 [units] 表（可用 `loupan new` 新建）"
            ),
        );
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        let before = String::from_utf8_lossy(&bytes[..at]);
        return one(
            position(&before, before.len()),
            tr!(
                "this is not a text file (it contains binary data); restore it from git",
                "这不是文本文件（含有二进制数据）；请从 git 恢复"
            ),
        );
    }
    std::str::from_utf8(bytes).or_else(|e| {
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
        one(
            position(good, good.len()),
            tr!(
                "this is not UTF-8 text (binary data, or another encoding such as GBK); save it as UTF-8 or restore it from git",
                "这不是 UTF-8 文本（二进制数据，或 GBK 等其他编码）；请另存为 UTF-8 或从 git 恢复"
            ),
        )
    })
}

/// The toml crate's messages, in words a station worker understands.
pub(super) fn friendly_syntax_error(message: &str, text: &str, offset: usize) -> Text {
    let m = &*inline(message.trim());
    let low = m.to_lowercase();
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    if low.contains("duplicate key") {
        return tr!(
            "this key is already set above: a unit (or field) listed twice; keep one line per unit",
            "这个键在上面已经出现过：某个单元（或字段）写了两次；每个单元只保留一行"
        );
    }
    if line.matches('"').count() % 2 == 1 {
        return tr!(
            "a quoted text is not closed: add the missing `\"` on this line",
            "引号没有闭合：在这一行补上缺少的 `\"`"
        );
    }
    if low.contains("unclosed inline table") || low.contains("unclosed table") {
        return tr!(
            "this unit's line is not finished: it must be `LABEL = {{ status = \"…\", … }}` with the closing `}}` on the same line",
            "这个单元的行没有写完：应为 `门牌 = {{ status = \"…\", … }}`，右括号 `}}` 要在同一行"
        );
    }
    if low.contains("invalid date") || low.contains("day") && low.contains("month") {
        return tr!(
            "this is not a real date ({m}); write dates as 2020-02-10",
            "这不是有效日期（{m}）；日期请写成 2020-02-10"
        );
    }
    if low.contains("must be quoted") {
        return tr!(
            "text must be in quotes, e.g. status = \"healthy\", name = \"王家\"",
            "文字要加引号，例如 status = \"healthy\"、name = \"王家\""
        );
    }
    if low.contains("key with no value") {
        return tr!(
            "`=` is missing after the key; write e.g. 1203 = {{ status = \"healthy\" }}",
            "键后面缺少 `=`；例如 1203 = {{ status = \"healthy\" }}"
        );
    }
    if low.contains("missing value")
        || low.contains("invalid literal string")
        || low.contains("expected value")
    {
        return tr!(
            "a value is missing after `=` on this line; e.g. status = \"healthy\"",
            "这一行 `=` 后面缺少值；例如 status = \"healthy\""
        );
    }
    tr!(
        "this line is not valid TOML ({m}); check quotes, `=`, commas and braces",
        "这一行不符合 TOML 格式（{m}）；请检查引号、`=`、逗号和括号"
    )
}
