//! Many objects through one `git cat-file --batch`: trees read as (id, blob) lists, blobs handed
//! over one at a time as they stream, so no more than one is held.

use super::{Files, Result, git};
use loupan_core::ids::BuildingId;
use loupan_core::tr;
use std::path::Path;

/// The building files (id, blob id) of `dir` at each commit, sorted by id; `None` where the
/// directory did not exist at that commit. One `git cat-file --batch` for all of them.
pub(crate) fn trees(dir: &Path, commits: &[String]) -> Result<Vec<Option<Files>>> {
    let asks: Vec<String> = commits.iter().map(|c| format!("{c}:./")).collect();
    let mut out = vec![None; commits.len()];
    batch(dir, &asks, |i, body| {
        let hash_len = if commits[i].len() == 64 { 32 } else { 20 };
        out[i] = body.map(|b| tree_entries(b, hash_len));
    })?;
    Ok(out)
}

/// A raw tree object: `<mode> <name>\0<hash>` repeated; building files only.
fn tree_entries(mut b: &[u8], hash_len: usize) -> Files {
    let mut files = Vec::new();
    while let Some(sp) = b.iter().position(|c| *c == b' ') {
        let Some(nul) = b.iter().position(|c| *c == 0) else {
            break;
        };
        let Some(hash) = b.get(nul + 1..nul + 1 + hash_len) else {
            break;
        };
        let (mode, name) = (&b[..sp], String::from_utf8_lossy(&b[sp + 1..nul]));
        if !mode.starts_with(b"4")
            && let Some(Ok(id)) = name.strip_suffix(".toml").map(BuildingId::parse)
        {
            // a tree per day and thousands of entries each: no string per byte
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let hex: String = hash
                .iter()
                .flat_map(|x| [HEX[usize::from(x >> 4)], HEX[usize::from(x & 15)]])
                .map(char::from)
                .collect();
            files.push((id, hex));
        }
        b = &b[nul + 1 + hash_len..];
    }
    files.sort();
    files
}

/// Asks one `git cat-file --batch` for every object in `asks` (ids or `rev:path`), and hands each
/// answer to `each` in order as it arrives (`None`: missing), so that no more than one object
/// is held at a time.
pub(crate) fn batch(
    dir: &Path,
    asks: &[String],
    each: impl FnMut(usize, Option<&[u8]>),
) -> Result<()> {
    if asks.is_empty() {
        return Ok(());
    }
    let input: String = asks.iter().map(|a| format!("{a}\n")).collect();
    let mut c = git(dir);
    c.args(["cat-file", "--batch"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = c.spawn().map_err(|_| {
        tr!(
            "cannot run git; is it installed? (Debian: apt-get install git)",
            "无法运行 git；是否已安装？（Debian：apt-get install git）"
        )
    })?;
    let mut stdin = child.stdin.take();
    // written from a thread: a large answer fills the pipe before a large question is asked
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(input.as_bytes());
        }
    });
    if let Some(out) = child.stdout.take() {
        let mut r = std::io::BufReader::with_capacity(1 << 16, out);
        read_answers(&mut r, asks.len(), each);
    }
    let _ = child.wait();
    let _ = writer.join();
    Ok(())
}

/// Reads `cat-file --batch` answers until `most` are read or the stream ends, handing each body
/// (`None`: missing) to `each`.
pub(super) fn read_answers(
    r: &mut impl std::io::BufRead,
    most: usize,
    mut each: impl FnMut(usize, Option<&[u8]>),
) {
    let mut head = String::new();
    let mut body = Vec::new();
    for i in 0..most {
        head.clear();
        if r.read_line(&mut head).unwrap_or(0) == 0 {
            break;
        }
        // "<oid> <type> <size>" or "<ask> missing"
        let size = head
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse::<usize>().ok());
        match size {
            Some(size) if !head.trim_end().ends_with(" missing") => {
                body.resize(size + 1, 0);
                if r.read_exact(&mut body).is_err() {
                    break;
                }
                each(i, Some(&body[..size]));
            }
            _ => each(i, None),
        }
    }
}

/// Every object of the repository (`git cat-file --batch-all-objects --batch`: loose and packed,
/// reachable or not), each body handed to `each` as it streams.
pub(crate) fn all_objects(dir: &Path, mut each: impl FnMut(&[u8])) -> Result<()> {
    let mut c = git(dir);
    c.args(["cat-file", "--batch-all-objects", "--batch"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = c.spawn().map_err(|_| {
        tr!(
            "cannot run git; is it installed? (Debian: apt-get install git)",
            "无法运行 git；是否已安装？（Debian：apt-get install git）"
        )
    })?;
    if let Some(out) = child.stdout.take() {
        let mut r = std::io::BufReader::with_capacity(1 << 16, out);
        read_answers(&mut r, usize::MAX, |_, body| each(body.unwrap_or_default()));
    }
    let ok = child.wait().is_ok_and(|s| s.success());
    if ok {
        Ok(())
    } else {
        Err(tr!(
            "git could not read every object of the repository",
            "git 无法读取仓库的全部对象"
        ))
    }
}
