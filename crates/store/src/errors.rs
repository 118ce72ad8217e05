//! Operating-system errors in words a station worker reads, in both languages.

use loupan_core::i18n::Text;
use std::io::ErrorKind;

/// What went wrong with a file or a directory, without the English-only OS message.
pub fn io_text(e: &std::io::Error) -> Text {
    let (en, zh) = match e.kind() {
        ErrorKind::NotFound => ("not found", "找不到"),
        ErrorKind::PermissionDenied => ("permission denied", "没有权限"),
        ErrorKind::AlreadyExists => ("it already exists", "已经存在"),
        ErrorKind::ReadOnlyFilesystem => ("the file system is read-only", "文件系统是只读的"),
        ErrorKind::StorageFull => ("the disk is full", "磁盘已满"),
        ErrorKind::QuotaExceeded => ("the disk quota is used up", "磁盘配额已用完"),
        ErrorKind::FileTooLarge => ("the file would be too large", "文件过大"),
        ErrorKind::IsADirectory => ("it is a directory", "这是一个目录"),
        ErrorKind::NotADirectory => ("it is not a directory", "这不是目录"),
        ErrorKind::InvalidData => ("the data is not valid text", "数据不是有效文本"),
        ErrorKind::Interrupted => ("interrupted", "被中断"),
        _ => return Text::new(e.to_string(), format!("系统错误：{e}")),
    };
    Text::new(en, zh)
}
