//! PDF input end to end: text with pages, scans and hostile files named
//! with their reason, the reader missing, failing or hanging. The PDFs are
//! made here (`pdf_maker`); tests that need poppler's pdftotext skip with
//! a message where it is not installed (CI installs it).

use std::path::Path;
use std::process::Command;

use crate::pdf_maker::{Page, deeply_nested, encrypted, image_only, pdf, read_pgm};
use crate::util::{Env, csv_table, parse_lines};

/// Whether pdftotext runs here; says why a test is skipped when not.
fn have_pdftotext(test: &str) -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        eprintln!("skipping {test}: pdftotext is not installed (apt-get install poppler-utils)");
    }
    found
}

const HEADER: &str = "Testshire County Council - Cabinet - 30 January 2025";

/// Three pages of minutes with a running header; "pelican crossing" runs
/// over a line break on page 2.
fn minutes_pdf() -> Vec<u8> {
    let page = |body: &str| {
        Page::column(&format!(
            "{HEADER}\n{body}\nfiller line one\nfiller line two\nfiller line three"
        ))
    };
    pdf(&[
        page(
            "TESTSHIRE COUNTY COUNCIL\nCABINET\nMINUTES of a meeting of the Cabinet held on Thursday, 30 January 2025.\n1. Apologies\nApologies were received from Mr Jones.",
        ),
        page(
            "2. Road safety near schools\nMembers discussed the proposed pelican\ncrossing on the High Street near the primary school.\nRESOLVED that the crossing be built in 2025.",
        ),
        page("3. Any other business\nThere was none.\nThe meeting closed at 11.40 am."),
    ])
}

fn reasons(summary: &serde_json::Value, list: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = summary[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy();
            (name.into_owned(), s["reason"].as_str().unwrap().to_owned())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_phrase_over_a_line_break_is_found_with_its_page_everywhere() {
    if !have_pdftotext("a_phrase_over_a_line_break_is_found_with_its_page_everywhere") {
        return;
    }
    let env = Env::new();
    env.write(
        "testshire/cabinet/2025-01-30/Printed minutes.PDF",
        minutes_pdf(),
    );
    let (summary, _) = env.index_json(&[]);
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["skipped"], 0, "{summary}");

    let found = env.search_json(&["\"pelican crossing\""]);
    assert!(!found.is_empty(), "the phrase over the line break is found");
    let best = &found[0];
    assert_eq!(best["page"], 2, "{best}");
    assert_eq!(best["date"], "2025-01-30", "{best}");
    let doc = found
        .iter()
        .find(|h| h["kind"] == "document")
        .expect("the document is a hit");
    assert_eq!(doc["pages"], serde_json::json!([1, 3]));

    let csv = env.stdout(&["search", "\"pelican crossing\"", "--format", "csv"]);
    let (header, rows) = csv_table(csv.as_bytes());
    let at = |name: &str| rows[0][header.iter().position(|h| h == name).unwrap()].to_owned();
    assert_eq!(at("page"), "2");

    let text = env.stdout(&["search", "\"pelican crossing\""]);
    assert!(text.contains("| 2025-01-30 | p. 2\n"), "{text}");

    let id = doc["id"].as_str().unwrap();
    let shown = env.stdout(&["show", id]);
    assert!(shown.contains("pages      1-3"), "{shown}");
    let page2 = shown.find("[page 2]").expect("page 2 is marked");
    let page3 = shown.find("[page 3]").expect("page 3 is marked");
    let road = shown.find("Road safety").unwrap();
    assert!(page2 < road && road < page3, "{shown}");
    // The running header is kept where it first appears, and only there.
    let text = &shown[shown.find("pages      1-3").unwrap()..];
    assert_eq!(text.matches(HEADER).count(), 1, "{shown}");
}

#[test]
fn two_columns_read_one_after_the_other() {
    if !have_pdftotext("two_columns_read_one_after_the_other") {
        return;
    }
    let env = Env::new();
    let left = "Budget monitoring report\nThe forecast overspend on\nchildren's services is\nfour million pounds.\nMembers noted the report.";
    let right = "Parking charges review\nThe review of town centre\nparking charges was\ndeferred to March.\nNo vote was taken.";
    env.write(
        "c/cabinet/2025-02-01/columns.pdf",
        pdf(&[Page::two_columns(left, right)]),
    );
    env.index_json(&[]);
    let found = env.search_json(&["\"overspend on children's services\""]);
    assert_eq!(
        found.len(),
        1,
        "a sentence of the left column is whole: {found:?}"
    );
    let shown = env.stdout(&["show", found[0]["id"].as_str().unwrap()]);
    let last_left = shown.find("Members noted the report.").unwrap();
    let first_right = shown.find("Parking charges review").unwrap();
    assert!(
        last_left < first_right,
        "the left column comes first: {shown}"
    );
    assert!(
        env.search_json(&["\"parking charges was deferred\""]).len() == 1,
        "so does the right column's sentence"
    );
}

#[test]
fn hostile_pdfs_cost_their_own_file_only_and_are_named_once() {
    if !have_pdftotext("hostile_pdfs_cost_their_own_file_only_and_are_named_once") {
        return;
    }
    let env = Env::new();
    let good = minutes_pdf();
    env.write("c/good.pdf", &good);
    env.write(
        "c/encrypted.pdf",
        encrypted(&[Page::column("Secret minutes of the Cabinet")]),
    );
    env.write("c/truncated.pdf", &good[..good.len() / 3]);
    env.write("c/nested.pdf", deeply_nested(200_000));
    env.write("c/empty.pdf", b"");
    env.write(
        "c/scan.pdf",
        pdf(&[Page::graphics_only(), Page::graphics_only()]),
    );
    env.write(
        "c/half-scanned.pdf",
        pdf(&[
            Page::column("Planning committee minutes of 3 March 2025\nItem 1 Apologies"),
            Page::graphics_only(),
        ]),
    );
    let (summary, stderr) = env.index_json(&[]);
    assert_eq!(
        summary["added"], 2,
        "the good and the half-scanned: {summary}"
    );
    let skipped = reasons(&summary, "skipped_files");
    for (file, reason) in [
        ("empty.pdf", "damaged"),
        ("encrypted.pdf", "encrypted"),
        ("scan.pdf", "no-text"),
    ] {
        assert!(
            skipped.contains(&(file.to_owned(), reason.to_owned())),
            "{file} skipped as {reason}: {skipped:?}"
        );
    }
    // (poppler 22 reports both as damaged; another version may salvage a
    // page of the truncated one and find no text on it.)
    for file in ["nested.pdf", "truncated.pdf"] {
        let named = skipped
            .iter()
            .any(|(f, r)| f == file && (r == "damaged" || r == "no-text"));
        assert!(named, "{file} is named as damaged: {skipped:?}");
    }
    for (file, _) in &skipped {
        assert_eq!(
            stderr.matches(file.as_str()).count(),
            1,
            "{file} named once: {stderr}"
        );
    }
    assert_eq!(summary["skipped_by_reason"]["encrypted"], 1, "{summary}");
    assert_eq!(summary["skipped_by_reason"]["no-text"], 1, "{summary}");
    assert_eq!(
        reasons(&summary, "warnings"),
        vec![(
            "half-scanned.pdf".to_owned(),
            "pages-without-text".to_owned()
        )]
    );
    assert!(
        stderr.contains("half-scanned.pdf: 1 of its 2 pages has no text layer"),
        "{stderr}"
    );
    let stats = env.stdout(&["stats"]);
    assert!(
        stats.contains("Documents with pages without text (scanned?): 1"),
        "{stats}"
    );
    assert!(
        stats.contains("c/half-scanned.pdf  (1 of 2 pages)"),
        "{stats}"
    );
    assert!(stats.contains("(encrypted)"), "{stats}");
}

#[test]
fn a_missing_reader_is_said_once_and_the_rest_is_indexed() {
    let env = Env::new();
    env.write("c/a.pdf", pdf(&[Page::column("Cabinet minutes")]));
    env.write("c/b.pdf", pdf(&[Page::column("Council minutes")]));
    env.write(
        "c/notes.txt",
        "Minutes of the Cabinet held on 3 March 2025.",
    );
    let out = env
        .cmd()
        .env(
            "MINUTES_PDFTOTEXT",
            env.dir.path().join("no-such-pdftotext"),
        )
        .args(["index", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(
        reasons(&summary, "skipped_files"),
        vec![
            ("a.pdf".to_owned(), "no-pdf-reader".to_owned()),
            ("b.pdf".to_owned(), "no-pdf-reader".to_owned())
        ]
    );
    assert_eq!(
        stderr.matches("apt-get install poppler-utils").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("skipped 2 PDFs"), "{stderr}");
}

/// A stand-in for pdftotext that does `script` (sh) instead.
#[cfg(unix)]
fn fake_reader(env: &Env, script: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = env.dir.path().join("fake-pdftotext");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_reader_that_crashes_or_hangs_costs_that_file_only() {
    for (script, reason, extra) in [
        ("kill -SEGV $$", "reader-failed", vec![]),
        ("exec sleep 30", "timed-out", vec!["--pdf-timeout", "1"]),
    ] {
        let env = Env::new();
        env.write("c/a.pdf", pdf(&[Page::column("Cabinet minutes")]));
        env.write(
            "c/notes.txt",
            "Minutes of the Cabinet held on 3 March 2025.",
        );
        let started = std::time::Instant::now();
        let mut args = vec!["index", "--json"];
        args.extend(extra);
        let out = env
            .cmd()
            .env("MINUTES_PDFTOTEXT", fake_reader(&env, script))
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{script}");
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(summary["added"], 1, "{script}: {summary}");
        assert_eq!(
            reasons(&summary, "skipped_files"),
            vec![("a.pdf".to_owned(), reason.to_owned())],
            "{script}"
        );
        assert!(
            started.elapsed().as_secs() < 25,
            "{script}: the hang was cut short"
        );
    }
}

#[test]
fn pdf_text_is_read_once_and_kept_for_the_next_run() {
    if !have_pdftotext("pdf_text_is_read_once_and_kept_for_the_next_run") {
        return;
    }
    let env = Env::new();
    env.write("testshire/cabinet/2025-01-30/minutes.pdf", minutes_pdf());
    env.index_json(&[]);
    // With the reader gone, a full rebuild still has the text.
    let out = env
        .cmd()
        .env(
            "MINUTES_PDFTOTEXT",
            env.dir.path().join("no-such-pdftotext"),
        )
        .args(["index", "--full", "--json"])
        .output()
        .unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["skipped"], 0, "{summary}");
}

#[test]
fn files_of_other_types_are_counted_and_word_files_named() {
    let env = Env::new();
    env.write(
        "c/minutes.txt",
        "Minutes of the Cabinet held on 3 March 2025.",
    );
    env.write("c/Minutes 3 March.docx", b"PK\x03\x04");
    env.write("c/logo.png", b"\x89PNG");
    env.write("c/data.csv", "a,b");
    env.write("c/minutes.txt.meta.json", r#"{"council": "C Council"}"#);
    let (summary, stderr) = env.index_json(&[]);
    assert_eq!(summary["added"], 1);
    let skipped = reasons(&summary, "skipped_files");
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(skipped.iter().all(|(_, r)| r == "unsupported-type"));
    assert!(
        stderr.contains("Minutes 3 March.docx: a word-processor file (.docx)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("left out 2 files of types minutes does not read (.csv 1, .png 1)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("meta.json"),
        "a sidecar is no skipped file: {stderr}"
    );
    let again = env.cmd().arg("index").output().unwrap();
    let again = String::from_utf8_lossy(&again.stderr);
    assert!(again.contains("3 skipped (3 unsupported-type)"), "{again}");
    let lines = parse_lines(
        env.cmd()
            .args(["stats", "--format", "json"])
            .output()
            .unwrap()
            .stdout
            .as_slice(),
    );
    assert_eq!(lines[0]["last_build"]["summary"]["skipped"], 3);
}

/// Whether pdftoppm and tesseract run here; says why a test is skipped when not.
fn have_ocr(test: &str) -> bool {
    let found = ["pdftoppm", "tesseract"]
        .iter()
        .all(|tool| Command::new(tool).arg("-v").output().is_ok());
    if !found {
        eprintln!(
            "skipping {test}: pdftoppm or tesseract is not installed (apt-get install poppler-utils tesseract-ocr)"
        );
    }
    found
}

#[test]
fn a_scanned_page_is_read_with_ocr_and_only_once() {
    if !have_ocr("a_scanned_page_is_read_with_ocr_and_only_once") {
        return;
    }
    let env = Env::new();
    // A scan: a page of minutes rendered to pixels, with no text layer.
    let text = env.dir.path().join("typed.pdf");
    let body = "PLANNING COMMITTEE\n\nMINUTES of the meeting held on 3 March 2025\n\nThe committee approved the bicycle shelter\nat the railway station.";
    std::fs::write(&text, pdf(&[Page::column(body)])).unwrap();
    let image = env.dir.path().join("scan");
    let rendered = Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-singlefile"])
        .arg(&text)
        .arg(&image)
        .status()
        .unwrap();
    assert!(rendered.success());
    let (w, h, pixels) = read_pgm(&std::fs::read(image.with_extension("pgm")).unwrap());
    env.write("c/planning/scan.pdf", image_only(w, h, &pixels));

    let (summary, _) = env.index_json(&[]);
    assert_eq!(
        reasons(&summary, "skipped_files"),
        vec![("scan.pdf".to_owned(), "no-text".to_owned())],
        "without --ocr a scan has no text"
    );
    let (summary, _) = env.index_json(&["--ocr"]);
    assert_eq!(summary["added"], 1, "{summary}");
    let found = env.search_json(&["\"bicycle shelter\""]);
    assert_eq!(found.len(), 1, "the scanned words are found: {found:?}");
    assert_eq!(found[0]["page"], 1);

    // What OCR read is kept: a full rebuild with tesseract gone reads it back.
    let out = env
        .cmd()
        .env(
            "MINUTES_TESSERACT",
            env.dir.path().join("no-such-tesseract"),
        )
        .args(["index", "--full", "--ocr", "--json"])
        .output()
        .unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("apt-get install poppler-utils tesseract-ocr"),
        "{stderr}"
    );
    assert_eq!(summary["added"], 1, "{summary} {stderr}");
}

#[test]
fn a_word_hyphenated_over_a_line_break_is_found_whole() {
    if !have_pdftotext("a_word_hyphenated_over_a_line_break_is_found_whole") {
        return;
    }
    let env = Env::new();
    let body = "Members considered the environ-\nmental impact assessment and the long-\nterm plan for the harbour.";
    env.write(
        "c/cabinet/2025-02-01/hyphens.pdf",
        pdf(&[Page::column(body)]),
    );
    env.index_json(&[]);
    assert_eq!(
        env.search_json(&["environmental"]).len(),
        1,
        "the word is whole"
    );
    assert_eq!(
        env.search_json(&["\"environmental impact assessment\""])
            .len(),
        1,
        "and so is the phrase"
    );
}
