//! The shape of the code, checked: the crates depend one way (read from `cargo metadata`), each
//! layer does only what it may, no function is longer than 80 lines and no file than 500, `unsafe` is in one file, and docs/keys.md's key tables are the binding tables.

use std::path::{Path, PathBuf};

fn sources(under: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(under)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap().flatten() {
                stack.push(e.path());
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((p, text));
        }
    }
    out.sort();
    out
}

/// Code with comments and the contents of string and char literals blanked out (newlines kept),
/// so that what remains is what the compiler sees as paths and braces.
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or('\0');
        if c == '/' && next == '/' {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == '*' {
            let mut depth = 0;
            loop {
                if i + 1 < b.len() && b[i] == '/' && b[i + 1] == '*' {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if i + 1 < b.len() && b[i] == '*' && b[i + 1] == '/' {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                } else {
                    break;
                }
            }
        } else if c == 'r'
            && (next == '"' || next == '#')
            && !b
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // raw string: r"…" or r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while j < b.len() && b[j] == '#' {
                hashes += 1;
                j += 1;
            }
            if j >= b.len() || b[j] != '"' {
                out.push(c);
                i += 1;
                continue;
            }
            out.push('"');
            i = j + 1;
            while i < b.len() {
                if b[i] == '"' && (0..hashes).all(|k| b.get(i + 1 + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(b[i]));
                i += 1;
            }
            out.push('"');
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && (b.get(i + 2) == Some(&'\'') || next == '\\') {
            // a char literal ('x' or '\n', '\u{..}'); a lifetime ('a) has no closing quote
            out.push('\'');
            i += 1;
            while i < b.len() && b[i] != '\'' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push('\'');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the code of a layer names anything on the list.
fn violations(under: &str, forbidden: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in sources(under) {
        let code = code_only(&text);
        // tests inside a file may use what the file itself may not (temp files, say)
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            for f in forbidden {
                if line.contains(f) {
                    out.push(format!("{}:{}: uses `{f}`", path.display(), n + 1));
                }
            }
        }
    }
    out
}

/// The workspace's dependency graph as cargo resolves it for this machine: each package's
/// name → the names of the packages it depends on (normal and build dependencies, not dev).
fn dependency_graph() -> std::collections::BTreeMap<String, Vec<String>> {
    let host = std::process::Command::new("rustc")
        .arg("-vV")
        .output()
        .unwrap();
    let host = String::from_utf8(host.stdout).unwrap();
    let host = host
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .unwrap()
        .to_string();
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let name_of = |id: &str| {
        meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["name"].as_str().unwrap().to_string())
            .unwrap()
    };
    let mut graph = std::collections::BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().unwrap() {
        let deps = node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"] != "dev")
            })
            .map(|d| name_of(d["pkg"].as_str().unwrap()))
            .collect();
        graph.insert(name_of(node["id"].as_str().unwrap()), deps);
    }
    graph
}

/// Everything a package pulls in, directly or through others.
fn reachable(graph: &std::collections::BTreeMap<String, Vec<String>>, from: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut stack = graph[from].clone();
    while let Some(p) = stack.pop() {
        if !seen.contains(&p) {
            stack.extend(graph.get(&p).cloned().unwrap_or_default());
            seen.push(p);
        }
    }
    seen
}

#[test]
fn the_crates_depend_one_way() {
    let graph = dependency_graph();
    let terminal = ["ratatui", "crossterm"];
    let forbidden: [(&str, &[&str]); 4] = [
        (
            "loupan-core",
            &[
                "ratatui",
                "crossterm",
                "notify",
                "clap",
                "signal-hook",
                "loupan-store",
                "loupan-tui",
                "loupan-output",
                "loupan",
            ],
        ),
        (
            "loupan-store",
            &[
                "ratatui",
                "crossterm",
                "clap",
                "loupan-tui",
                "loupan-output",
                "loupan",
            ],
        ),
        (
            "loupan-output",
            &[
                "ratatui",
                "crossterm",
                "clap",
                "notify",
                "loupan-store",
                "loupan-tui",
                "loupan",
            ],
        ),
        ("loupan-tui", &["clap", "loupan-output", "loupan"]),
    ];
    let mut bad = Vec::new();
    for (krate, never) in forbidden {
        let all = reachable(&graph, krate);
        for n in never {
            if all.iter().any(|p| p == n) {
                bad.push(format!("{krate} depends on {n}"));
            }
        }
    }
    // the terminal is the TUI's alone: no other crate of ours names it as a dependency
    for (krate, deps) in &graph {
        if krate.starts_with("loupan") && krate != "loupan-tui" {
            for t in terminal {
                if deps.iter().any(|d| d == t) {
                    bad.push(format!("{krate} names {t} directly"));
                }
            }
        }
    }
    // crossterm is named once, through ratatui's re-export
    assert!(!graph["loupan-tui"].iter().any(|d| d == "crossterm"));
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // the check sees a dependency where there is one
    assert!(reachable(&graph, "loupan").iter().any(|p| p == "ratatui"));
}

#[test]
fn each_layer_does_only_what_it_may() {
    // what the compiler cannot see from the graph: std's files, processes and clock
    let io = [
        "std::fs",
        "std::process",
        "std::net",
        "File::",
        "OpenOptions",
        "std::io::stdin",
        "std::io::stdout",
    ];
    let clock = [
        "Zoned::now",
        "ZonedDateTime::now",
        "Instant::now",
        "SystemTime",
    ];
    let mut bad = Vec::new();
    // the core: no I/O, no clock, no threads, no environment
    let mut core: Vec<&str> = io.to_vec();
    core.extend(clock);
    core.extend(["std::env", "std::thread"]);
    bad.extend(violations("crates/core/src", &core));
    bad.extend(violations("crates/output/src", &core));
    // the TUI: no files, no processes
    let mut tui: Vec<&str> = io
        .iter()
        .copied()
        .filter(|f| !f.starts_with("std::io::std"))
        .collect();
    tui.push("Command::new");
    bad.extend(violations("crates/tui/src", &tui));
    // the command line: writes and git only through the store
    bad.extend(violations(
        "src/cli",
        &[
            "std::fs",
            "std::process",
            "File::",
            "OpenOptions",
            "Command::new",
        ],
    ));
    assert!(bad.is_empty(), "forbidden uses:\n{}", bad.join("\n"));
}

#[test]
fn no_source_file_is_longer_than_500_lines() {
    let mut long = Vec::new();
    for dir in ["src", "crates"] {
        for (path, text) in sources(dir) {
            let n = text.lines().count();
            if n > 500 {
                long.push(format!("{}: {n} lines", path.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over 500 lines:\n{}",
        long.join("\n")
    );
}

/// `unsafe` lives in one place: the thin heap string in `core/text.rs`, small enough to read
/// whole, with every length around its limits tested (and run under valgrind when it was made).
#[test]
fn unsafe_code_is_only_in_the_thin_string() {
    let mut places: Vec<String> = Vec::new();
    for (path, text) in sources("src").into_iter().chain(sources("crates")) {
        if code_only(&text).contains("unsafe") {
            places.push(path.display().to_string());
        }
    }
    // and the binary's first line, which sets a street's time zone before any thread starts
    places.sort();
    assert_eq!(places.len(), 2, "{places:?}");
    assert!(places[0].ends_with("crates/core/src/text.rs"), "{places:?}");
    assert!(places[1].ends_with("src/main.rs"), "{places:?}");
}

#[test]
fn the_layer_check_can_see_a_forbidden_use() {
    // the scanner itself: a real use is seen, one in a string or a comment is not
    let code = code_only(
        "let a = \"std::fs\"; // std::fs\nuse std::fs;\nlet c = '{'; let r = r#\"std::fs\"#;",
    );
    assert_eq!(code.matches("std::fs").count(), 1, "{code}");
    assert!(!code.contains('{'));
}

/// (file, first line, length) of every function with a body.
fn functions() -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (path, text) in sources("src").into_iter().chain(sources("crates")) {
        let code = code_only(&text);
        let lines: Vec<&str> = code.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let t = lines[i].trim_start();
            let is_fn = t.starts_with("fn ")
                || t.contains(" fn ") && !t.contains("Fn(") && !t.starts_with("//");
            if !is_fn || !t.split_whitespace().any(|w| w == "fn") {
                i += 1;
                continue;
            }
            // find the body's opening brace (or a `;`: a declaration without a body)
            let (mut depth, mut started, mut j) = (0i32, false, i);
            'scan: while j < lines.len() {
                for ch in lines[j].chars() {
                    match ch {
                        ';' if !started && depth == 0 => break 'scan,
                        '{' => {
                            depth += 1;
                            started = true;
                        }
                        '}' => {
                            depth -= 1;
                            if started && depth == 0 {
                                out.push((path.display().to_string(), i + 1, j - i + 1));
                                break 'scan;
                            }
                        }
                        _ => {}
                    }
                }
                j += 1;
            }
            i += 1;
        }
    }
    out
}

fn line_of(path: &str, what: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(what)).unwrap() + 1
}

/// Whether the function starting at `line` (1-based) of `path` is a flat table: its doc comment
/// says `Flat table:` and its body is matches of one-call arms without a wildcard. The length
/// rule gives way for these — splitting a dispatch table in two (with a `_ =>` arm in the first)
/// would take exhaustiveness from the compiler, which matters more.
fn flat_table(path: &str, line: usize, len: usize) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| flat_table_in(&text, line, len))
}

fn flat_table_in(text: &str, line: usize, len: usize) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let doc = lines[..line - 1]
        .iter()
        .rev()
        .take_while(|l| l.trim_start().starts_with("///"))
        .any(|l| l.contains("Flat table:"));
    let body = &lines[line..(line + len - 1).min(lines.len())];
    doc && !body.iter().any(|l| l.trim_start().starts_with("_ =>"))
}

#[test]
fn no_function_is_longer_than_80_lines() {
    // the flat-table allowance sees a wildcard arm
    assert!(flat_table(
        "src/cli/mod.rs",
        line_of("src/cli/mod.rs", "fn command("),
        10
    ));
    let wild = "/// Flat table: one arm per command\nfn f(c: C) {\n    match c {\n        C::A => a(),\n        _ => b(),\n    }\n}\n";
    assert!(
        !flat_table_in(wild, 2, 6),
        "a wildcard arm is no flat table"
    );
    assert!(flat_table_in(&wild.replace("_ =>", "C::B =>"), 2, 6));
    let all = functions();
    assert!(
        all.len() > 300,
        "the scanner finds the functions: {}",
        all.len()
    );
    let long: Vec<String> = all
        .iter()
        .filter(|(f, l, n)| *n > 80 && !flat_table(f, *l, *n))
        .map(|(f, l, n)| format!("{f}:{l}: {n} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "functions over 80 lines:\n{}",
        long.join("\n")
    );
}

fn doc_section(text: &str, tag: &str) -> Option<String> {
    let (open, close) = (format!("<!-- {tag} -->\n"), format!("<!-- /{tag} -->"));
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&close)? + start;
    Some(text[start..end].to_string())
}

#[test]
fn the_documented_key_tables_are_the_binding_table() {
    use loupan::core::i18n::Lang;
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/keys.md"))
        .unwrap();
    let mut updated = doc.clone();
    // `UPDATE_DOCS=1 cargo test --test architecture` writes the tables (then review the diff)
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    use loupan::tui::keymap::ModeKind;
    let tables = [
        ("keys", ModeKind::Normal, Lang::En),
        ("keys-zh", ModeKind::Normal, Lang::Zh),
        ("keys-follow-up", ModeKind::FollowUp, Lang::En),
        ("keys-follow-up-zh", ModeKind::FollowUp, Lang::Zh),
        ("keys-today", ModeKind::Today, Lang::En),
        ("keys-today-zh", ModeKind::Today, Lang::Zh),
    ];
    for (tag, kind, lang) in tables {
        let want = loupan::tui::keymap::markdown_table(kind, lang);
        let have = doc_section(&doc, tag)
            .unwrap_or_else(|| panic!("docs/keys.md has no <!-- {tag} --> section"));
        let block = |t: &str| format!("<!-- {tag} -->\n{t}<!-- /{tag} -->");
        updated = updated.replacen(&block(&have), &block(&want), 1);
        if !update {
            assert_eq!(
                have, want,
                "docs/keys.md: the <!-- {tag} --> table differs from the binding table (UPDATE_DOCS=1 writes it); it should read:\n{want}"
            );
        }
    }
    if update {
        std::fs::write(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/keys.md"),
            updated,
        )
        .unwrap();
    }
}

#[test]
fn nothing_public_is_unused() {
    // a `pub` item named nowhere but its own definition is dead code kept alive by `pub`
    let mut all = String::new();
    for dir in ["src", "crates", "tests", "benches", "examples"] {
        for (_, text) in sources(dir) {
            all.push_str(&code_only(&text));
            all.push('\n');
        }
    }
    let word = |name: &str| {
        all.match_indices(name)
            .filter(|(i, _)| {
                let before = all[..*i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                let after = all[i + name.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                before && after
            })
            .count()
    };
    let mut unused = Vec::new();
    for (path, text) in sources("src").into_iter().chain(sources("crates")) {
        for line in code_only(&text).lines() {
            let t = line.trim_start();
            let Some(rest) = t
                .strip_prefix("pub ")
                .or_else(|| t.strip_prefix("pub(crate) "))
            else {
                continue;
            };
            let mut words = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty());
            let (Some(kind), Some(name)) = (words.next(), words.next()) else {
                continue;
            };
            let name = if kind == "const" && name == "fn" {
                words.next().unwrap_or("")
            } else {
                name
            };
            if matches!(kind, "fn" | "const" | "struct" | "enum" | "type" | "static")
                && word(name) <= 1
            {
                unused.push(format!("{}: {kind} {name}", path.display()));
            }
        }
    }
    assert!(
        unused.is_empty(),
        "public but used nowhere:\n{}",
        unused.join("\n")
    );
}
