//! The walk, the read and the fingerprint on folders made for each case.

use super::*;

#[test]
fn formats_by_extension_and_skipped_names() {
    assert_eq!(Format::of("minutes.TXT"), Some(Format::Text));
    assert_eq!(Format::of("a.md"), Some(Format::Markdown));
    assert_eq!(Format::of("page.htm"), Some(Format::Html));
    assert_eq!(Format::of("README.md"), None);
    assert_eq!(Format::of("PROVENANCE.md"), None);
    assert_eq!(Format::of("LICENSE.txt"), None);
    assert_eq!(Format::of("x.meta.json"), None);
    assert_eq!(Format::of("report.PDF"), Some(Format::Pdf));
    assert_eq!(Format::of("noextension"), None);
    assert_eq!(FileKind::of("x.meta.json"), FileKind::Companion);
    assert_eq!(FileKind::of("_meta.json"), FileKind::Companion);
    assert_eq!(FileKind::of("LICENSE"), FileKind::Companion);
    assert_eq!(FileKind::of("docs.jsonl"), FileKind::Lines);
    assert_eq!(FileKind::of("minutes.docx"), FileKind::Unsupported);
    assert_eq!(FileKind::of("noextension"), FileKind::Unsupported);
    assert_eq!(extension("Minutes.DOCX"), ".docx");
    assert_eq!(extension(".hidden"), "(none)");
}

#[test]
fn files_of_other_types_are_named_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "minutes").unwrap();
    fs::write(dir.path().join("b.docx"), "PK").unwrap();
    fs::write(dir.path().join("README.md"), "about").unwrap();
    let walk = walk(dir.path());
    assert_eq!(walk.candidates.len(), 1);
    assert_eq!(walk.errors.len(), 1, "{:?}", walk.errors);
    assert_eq!(walk.errors[0].reason(), "unsupported-type");
    assert!(walk.errors[0].path.ends_with("b.docx"));
    assert!(
        walk.errors[0]
            .to_string()
            .contains("save it as PDF or text")
    );
}

#[test]
fn walk_finds_documents_with_folder_meta_and_sidecars() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("c/cabinet/2020-01-02")).unwrap();
    fs::write(root.join("c/_meta.json"), r#"{"council": "C Council"}"#).unwrap();
    fs::write(
        root.join("c/cabinet/_meta.json"),
        r#"{"committee": "The Cabinet"}"#,
    )
    .unwrap();
    fs::write(root.join("c/cabinet/2020-01-02/a.txt"), "hello").unwrap();
    fs::write(
        root.join("c/cabinet/2020-01-02/a.txt.meta.json"),
        r#"{"title": "A"}"#,
    )
    .unwrap();
    fs::write(root.join("c/README.md"), "not a document").unwrap();
    let walk = walk(root);
    assert!(walk.errors.is_empty(), "{:?}", walk.errors);
    assert_eq!(walk.candidates.len(), 1);
    let source = read(&walk.candidates[0], &Reader::default()).unwrap();
    assert_eq!(source.rel, "c/cabinet/2020-01-02/a.txt");
    assert_eq!(source.meta.council.as_deref(), Some("C Council"));
    assert_eq!(source.meta.committee.as_deref(), Some("The Cabinet"));
    assert_eq!(source.meta.title.as_deref(), Some("A"));
    assert_eq!(source.sidecar_meta.council, None);
}

#[test]
fn a_broken_sidecar_is_ignored_with_a_warning_and_its_document_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "one").unwrap();
    fs::write(dir.path().join("a.txt.meta.json"), "{ not json").unwrap();
    fs::write(dir.path().join("b.txt"), "two").unwrap();
    let walk = walk(dir.path());
    let results: Vec<_> = walk
        .candidates
        .iter()
        .map(|c| read(c, &Reader::default()))
        .collect();
    let a = results[0].as_ref().expect("a.txt is read");
    assert_eq!(a.text, "one");
    assert!(matches!(&a.warnings[..], [w] if matches!(w.problem, Problem::BadMeta(_))));
    assert!(results[1].as_ref().is_ok_and(|b| b.warnings.is_empty()));
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/a.txt"), "x").unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    let walk = walk(dir.path());
    assert_eq!(walk.candidates.len(), 1);
    assert!(
        walk.errors
            .iter()
            .any(|e| e.to_string().contains("loops back"))
    );
}

#[test]
fn stamp_changes_with_content_size() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, "one").unwrap();
    let first = walk(dir.path()).candidates[0].stamp;
    fs::write(&file, "one two").unwrap();
    let second = walk(dir.path()).candidates[0].stamp;
    assert_ne!(first, second);
}
