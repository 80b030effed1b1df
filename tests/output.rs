//! Output contracts: colour on terminals only, as NO_COLOR, CLICOLOR_FORCE
//! and TERM say; document text that cannot drive the terminal; typed JSON
//! lines for trends; completions and the manual page.

use std::io::Read;
use std::process::Stdio;

use crate::util::{Env, parse_lines};

/// Run `minutes search caseload` with stdout on a pseudo-terminal and
/// `env` set, and return what the terminal received.
#[cfg(unix)]
fn on_a_terminal(env: &Env, vars: &[(&str, &str)]) -> String {
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors into the integers given.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty failed");
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (mut master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("minutes"));
    cmd.arg("--index")
        .arg(env.index())
        .arg("--corpus")
        .arg(&env.corpus)
        .args(["search", "caseload"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("CI")
        .stdout(Stdio::from(slave))
        .stderr(Stdio::null());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let status = cmd.status().expect("run");
    assert!(status.success());
    drop(cmd);
    let mut out = Vec::new();
    // Reading past the end of a closed pty fails with EIO; what came before stays.
    let mut buf = [0u8; 4096];
    while let Ok(n) = master.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(unix)]
#[test]
fn colour_follows_the_terminal_term_and_no_color() {
    let env = Env::shipped();
    env.build();
    let coloured = on_a_terminal(&env, &[("TERM", "xterm-256color")]);
    assert!(coloured.contains("caseload"), "{coloured:?}");
    assert!(
        coloured.contains("\x1b["),
        "a colour terminal gets colour: {coloured:?}"
    );
    let dumb = on_a_terminal(&env, &[("TERM", "dumb")]);
    assert!(dumb.contains("caseload"), "{dumb:?}");
    assert!(
        !dumb.contains('\x1b'),
        "TERM=dumb gets no escape codes: {dumb:?}"
    );
    let no_color = on_a_terminal(&env, &[("TERM", "xterm-256color"), ("NO_COLOR", "1")]);
    assert!(
        !no_color.contains('\x1b'),
        "NO_COLOR gets none: {no_color:?}"
    );
}

#[test]
fn clicolor_force_colours_a_pipe_and_color_never_beats_it() {
    let env = Env::shipped();
    env.build();
    let forced = env
        .cmd()
        .env("CLICOLOR_FORCE", "1")
        .args(["search", "caseload"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&forced).contains("\x1b["));
    let never = env
        .cmd()
        .env("CLICOLOR_FORCE", "1")
        .args(["search", "caseload", "--color", "never"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8_lossy(&never).contains('\x1b'));
}

#[test]
fn control_and_bidi_characters_in_documents_are_shown_escaped() {
    let env = Env::new();
    env.write(
        "evil.txt",
        "Pelican report\u{1b}]0;owned\u{7}\n\nThe pelican \u{202e}gnissorc\u{202c} was noted.\n",
    );
    env.build();
    let out = env.stdout(&["search", "pelican", "--color", "always"]);
    // Normalising already turned the escape into a space; nothing of it
    // reaches the terminal as a command.
    assert!(out.contains("]0;owned"), "{out:?}");
    assert!(
        !out.contains("\u{1b}]") && !out.contains('\u{7}'),
        "{out:?}"
    );
    assert!(out.contains("\\u{202e}gnissorc"), "{out:?}");
    assert!(!out.contains('\u{202e}'), "{out:?}");
    // JSON carries the text as it is, for scripts.
    let hit = &env.search_json(&["pelican"])[0];
    assert!(hit["snippet"].as_str().unwrap_or("").contains('\u{202e}'));
}

#[test]
fn trend_lines_are_typed_and_end_with_a_summary() {
    let env = Env::shipped();
    let lines = parse_lines(
        &env.cmd()
            .args(["trends", "improvement", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    let (summary, rows) = lines.split_last().expect("lines");
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["type"] == "trend" && r["council"].is_string())
    );
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["shown"], rows.len());
    let records: u64 = rows.iter().filter_map(|r| r["records"].as_u64()).sum();
    // Each record counts in one bucket when counted by council and year.
    assert_eq!(summary["total"], records);
}

#[test]
fn highlights_are_given_in_characters_too() {
    let env = Env::new();
    env.write("a.txt", "Café – the pelican crossing was approved.\n");
    env.build();
    let hit = &env.search_json(&["pelican"])[0];
    let snippet: Vec<char> = hit["snippet"].as_str().expect("snippet").chars().collect();
    let [start, end] = [0, 1].map(|i| hit["highlights_chars"][0][i].as_u64().expect("n") as usize);
    assert_eq!(snippet[start..end].iter().collect::<String>(), "pelican");
    let bytes = hit["highlights"][0][0].as_u64().expect("n") as usize;
    assert!(
        bytes > start,
        "bytes and characters differ after 'é' and '–'"
    );
}

#[test]
fn completions_are_printed_for_bash_and_zsh() {
    let env = Env::new();
    let bash = env.stdout(&["completions", "bash"]);
    assert!(bash.contains("_minutes()"), "{bash}");
    assert!(
        bash.contains("resolutions") && bash.contains("--council"),
        "{bash}"
    );
    let zsh = env.stdout(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef minutes"), "{zsh}");
    env.cmd().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_manual_page_is_roff_and_can_be_written_per_subcommand() {
    let env = Env::new();
    let page = env.stdout(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH minutes 1"),
        "{page}"
    );
    assert!(page.contains("resolutions"), "{page}");
    let dir = env.dir.path().join("man");
    env.cmd()
        .args(["man", "--dir"])
        .arg(&dir)
        .assert()
        .success();
    for name in ["minutes.1", "minutes-search.1", "minutes-index.1"] {
        let text = std::fs::read_to_string(dir.join(name)).expect(name);
        assert!(text.contains(".TH"), "{name}: {text}");
    }
}
