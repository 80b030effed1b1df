//! Rules of the code base that a reviewer would otherwise check by hand
//! (ARCHITECTURE.md, "Invariants"): files stay small, field names live in
//! `src/index/schema.rs` only, and no function takes more than one bool.

use std::path::{Path, PathBuf};

/// Longest a source file may grow, in lines, tests included.
const MAX_LINES: usize = 500;

/// The one file where index field names are spelled out.
const SCHEMA: &str = "src/index/schema.rs";

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src")).sort_by_file_name() {
        let entry = entry.expect("walk src/");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let rel = entry
                .path()
                .strip_prefix(root)
                .expect("under root")
                .to_path_buf();
            let text = std::fs::read_to_string(entry.path()).expect("read source");
            out.push((rel, text));
        }
    }
    assert!(out.len() > 20, "found the sources");
    out
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_LINES)
        .map(|(path, text)| format!("{}: {} lines", display(path), text.lines().count()))
        .collect();
    assert!(
        long.is_empty(),
        "split these by what they do:\n{}",
        long.join("\n")
    );
}

/// The field names `schema.rs` declares.
fn field_names(schema: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"add_[a-z0-9]+_field\(\s*"([a-z_]+)""#).expect("regex");
    re.captures_iter(schema).map(|c| c[1].to_owned()).collect()
}

#[test]
fn field_names_are_spelled_only_in_the_schema() {
    let all = sources();
    let schema = &all
        .iter()
        .find(|(p, _)| display(p) == SCHEMA)
        .expect(SCHEMA)
        .1;
    let names = field_names(schema);
    assert!(names.len() >= 20, "{names:?}");
    // A name passed to a tantivy call that looks a field up by name.
    let lookup = regex::Regex::new(
        r#"\.(?:str|u64|i64|f64|date|bool|bytes|get_field|for_field|order_by_[a-z_]*(?:::<[^>]*>)?|column[a-z_]*)\(\s*"([a-z_]+)""#,
    )
    .expect("regex");
    // Names no output uses as a label: any string of them is a field name.
    let internal = [
        "hash",
        "stamp",
        "council_exact",
        "committee_exact",
        "body",
        "span_start",
        "span_end",
        "origins",
        "indexed_at",
        "text_hash",
    ];
    let mut found = Vec::new();
    for (path, text) in all.iter().filter(|(p, _)| display(p) != SCHEMA) {
        for (n, line) in text.lines().enumerate() {
            let by_call = lookup
                .captures_iter(line)
                .any(|c| names.iter().any(|name| *name == c[1]));
            let literal = internal
                .iter()
                .any(|name| line.contains(&format!("\"{name}\"")));
            if by_call || literal {
                found.push(format!("{}:{}: {}", display(path), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "take the Field from index::Fields instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_function_takes_more_than_one_bool() {
    let signature = regex::Regex::new(r"\bfn\s+(\w+)\s*(?:<[^>{]*>)?\s*\(").expect("regex");
    let mut found = Vec::new();
    for (path, text) in sources() {
        for m in signature.captures_iter(&text) {
            let whole = m.get(0).expect("match");
            // The parameters: up to the parenthesis that closes the list.
            let mut depth = 1;
            let mut end = whole.end();
            for (i, c) in text[whole.end()..].char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = whole.end() + i;
                    break;
                }
            }
            let params = &text[whole.end()..end];
            let bools = params.matches(": bool").count();
            if bools > 1 {
                found.push(format!(
                    "{}: fn {} takes {bools} bools",
                    display(&path),
                    &m[1]
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "use an options struct or an enum:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_rules_catch_what_they_are_for() {
    // A field looked up by name, and a two-bool function, are both seen.
    let lookup = regex::Regex::new(r#"\.(?:u64)\(\s*"([a-z_]+)""#).expect("regex");
    assert!(lookup.is_match(r#"let c = fast.u64("text_hash")?;"#));
    let names =
        field_names(r#"b.add_text_field("council_exact", STRING); b.add_u64_field("run", FAST);"#);
    assert_eq!(names, ["council_exact", "run"]);
}
