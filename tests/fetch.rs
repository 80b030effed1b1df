//! `minutes fetch` against recorded ModernGov and Legistar answers served on
//! 127.0.0.1: what lands in the corpus, politeness, failures, reruns and a
//! killed run resumed. No test reaches any other address.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::fetch_server::{Hit, Reply, Server};
use crate::pdf_maker::{Page, pdf};
use crate::util::Env;

pub const PDF_ID: &str = "/mgConvert2PDF.aspx?ID=60860";
pub const MEETING: &str = "/mgWebService.asmx/GetMeeting?lMeetingId=4967";
pub const FOLDER: &str = "manchester-city-council/audit-committee/2026-02-10";

pub fn fixture(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fetch")
        .join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The recorded answer with the council's addresses pointed at the server.
pub fn pointed(text: &str, hit: &Hit) -> String {
    let here = format!("http://{}", hit.header("host").unwrap_or("127.0.0.1"));
    text.replace("https://democracy.manchester.gov.uk", &here)
        .replace("https://legistar.example.gov", &here)
}

pub fn minutes_pdf() -> Vec<u8> {
    pdf(&[Page::column(
        "Manchester City Council\nMinutes of the Audit Committee\nheld on 25 November 2025\nThe committee noted the caseload report.",
    )])
}

/// An answer that honours `If-None-Match` for `etag`.
pub fn tagged(hit: &Hit, etag: &str, reply: Reply) -> Reply {
    if hit.header("if-none-match") == Some(etag) {
        Reply::status(304)
    } else {
        reply.header("ETag", etag)
    }
}

/// A ModernGov site: the recorded answers, unless `special` answers first.
pub fn moderngov(special: impl Fn(&Hit, usize) -> Option<Reply> + Send + Sync + 'static) -> Server {
    Server::start(move |hit, nth| {
        if let Some(reply) = special(hit, nth) {
            return reply;
        }
        let xml = |name: &str| Reply::ok("text/xml; charset=utf-8", pointed(&fixture(name), hit));
        let t = hit.target.as_str();
        if t == "/robots.txt" {
            Reply::ok("text/plain", "User-agent: *\nDisallow: /private/\n")
        } else if t.starts_with("/mgWebService.asmx/GetCommittees") {
            xml("moderngov/GetCommittees.xml")
        } else if t.starts_with("/mgWebService.asmx/GetMeetings?lCommitteeId=144") {
            xml("moderngov/GetMeetings.xml")
        } else if t == MEETING {
            tagged(hit, "\"m1\"", xml("moderngov/GetMeeting-4967.xml"))
        } else if t == PDF_ID {
            tagged(hit, "\"p1\"", Reply::ok("application/pdf", minutes_pdf()))
        } else {
            Reply::status(404)
        }
    })
}

/// The config for `server`, with `extra` lines under `[fetch]`.
pub fn config(env: &Env, server: &Server, extra: &str) {
    let text = format!(
        "[fetch]\ncontact = \"tests@example.org\"\n{extra}\n\n[[site]]\nname = \"manchester\"\nkind = \"moderngov\"\nbase = \"{}\"\ncouncil = \"Manchester City Council\"\ncommittees = [\"Audit Committee\"]\nsince = \"2026-01-01\"\n",
        server.base
    );
    fs::write(env.dir.path().join("minutes.toml"), text).expect("config");
}

/// Run `minutes fetch --json`; the summary and stderr.
pub fn fetch(env: &Env, expect_success: bool) -> (serde_json::Value, String) {
    let assert = env.cmd().args(["fetch", "--json"]).assert();
    let assert = if expect_success {
        assert.success()
    } else {
        assert.failure().code(1)
    };
    let out = assert.get_output();
    let summary = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON summary ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (summary, String::from_utf8_lossy(&out.stderr).into_owned())
}

pub fn site(summary: &serde_json::Value) -> &serde_json::Value {
    &summary["sites"][0]
}

/// Every file under the corpus, relative, except the fetch state.
pub fn files(env: &Env) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(&env.corpus)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            e.path()
                .strip_prefix(&env.corpus)
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .filter(|p| !p.starts_with(".minutes-fetch"))
        .collect();
    out.sort();
    out
}

#[test]
fn a_meetings_minutes_and_linked_minutes_land_with_sidecars_and_requests_are_paced() {
    let env = Env::new();
    let server = moderngov(|_, _| None);
    config(&env, &server, "");
    let (summary, stderr) = fetch(&env, true);
    let s = site(&summary);
    assert_eq!(s["ok"], true, "{summary}\n{stderr}");
    assert_eq!(s["meetings"], 2);
    assert_eq!(s["cancelled"], 1);
    assert_eq!(s["documents_new"], 2, "{summary}");
    let pdf_name = format!("{FOLDER}/6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025.pdf");
    assert_eq!(
        files(&env),
        vec![
            pdf_name.clone(),
            format!("{pdf_name}.meta.json"),
            format!("{FOLDER}/minutes.html"),
            format!("{FOLDER}/minutes.html.meta.json"),
        ]
    );
    let side: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(env.corpus.join(format!("{FOLDER}/minutes.html.meta.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(side["council"], "Manchester City Council");
    assert_eq!(side["committee"], "Audit Committee");
    assert_eq!(side["date"], "2026-02-10");
    assert_eq!(side["platform"], "moderngov");
    assert_eq!(side["meeting_id"], "4967");
    assert_eq!(
        side["url"],
        format!("{}/ieListDocuments.aspx?MId=4967", server.base)
    );
    let html = fs::read_to_string(env.corpus.join(format!("{FOLDER}/minutes.html"))).unwrap();
    assert!(html.contains("Work Programme"), "{html}");
    assert_eq!(fs::read(env.corpus.join(&pdf_name)).unwrap(), minutes_pdf());

    let hits = server.hits();
    // robots.txt first; the cancelled meeting, the work programme (not a
    // record) and the other committee are never asked for.
    assert_eq!(hits[0].target, "/robots.txt");
    assert!(hits.iter().all(|h| !h.target.contains("4966")
        && !h.target.contains("60909")
        && !h.target.contains("145")));
    assert!(hits.iter().all(|h| {
        h.header("user-agent")
            .is_some_and(|ua| ua.starts_with("minutes/") && ua.contains("tests@example.org"))
    }));
    // One request at a time, at least the interval apart (timestamps at the server).
    let gaps: Vec<Duration> = hits.windows(2).map(|w| w[1].at - w[0].at).collect();
    assert_eq!(hits.len(), 5, "{hits:?}");
    let least = gaps.iter().min().copied().unwrap_or_default();
    assert!(
        least >= Duration::from_millis(990),
        "requests {least:?} apart: {gaps:?}"
    );
    eprintln!(
        "pacing: {} requests, least gap {least:?}, gaps {gaps:?}",
        hits.len()
    );
}

#[test]
fn a_rerun_gets_304s_and_writes_nothing() {
    let env = Env::new();
    let server = moderngov(|_, _| None);
    config(&env, &server, "window_weeks = 520");
    fetch(&env, true);
    let before: Vec<_> = files(&env)
        .iter()
        .map(|f| {
            fs::metadata(env.corpus.join(f))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    let (summary, _) = fetch(&env, true);
    let s = site(&summary);
    assert_eq!(s["documents_new"], 0, "{summary}");
    assert_eq!(s["documents_updated"], 0, "{summary}");
    assert_eq!(s["not_modified"], 1, "the meeting answers 304: {summary}");
    let after: Vec<_> = files(&env)
        .iter()
        .map(|f| {
            fs::metadata(env.corpus.join(f))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    assert_eq!(before, after);
    let conditional = server.hits_to(MEETING);
    assert_eq!(conditional.len(), 2);
    assert_eq!(conditional[1].header("if-none-match"), Some("\"m1\""));
}

#[test]
fn a_rerun_outside_the_window_asks_nothing_of_settled_meetings() {
    let env = Env::new();
    let server = moderngov(|_, _| None);
    config(&env, &server, "");
    fetch(&env, true);
    let asked = server.hits().len();
    let (summary, _) = fetch(&env, true);
    // Only the listing is asked again: the meeting of February is older than
    // the eight-week window before the last run.
    let again: Vec<String> = server.hits()[asked..]
        .iter()
        .map(|h| h.target.clone())
        .collect();
    assert!(
        again.iter().all(|t| t == "/robots.txt"
            || t.starts_with("/mgWebService.asmx/GetCommittees")
            || t.starts_with("/mgWebService.asmx/GetMeetings")),
        "{again:?}"
    );
    assert_eq!(site(&summary)["documents_new"], 0);
}

#[test]
fn a_429_with_retry_after_is_waited_for() {
    let env = Env::new();
    let server = moderngov(|hit, nth| {
        (hit.target == MEETING && nth == 0).then(|| Reply::status(429).header("Retry-After", "3"))
    });
    config(&env, &server, "");
    let (summary, _) = fetch(&env, true);
    assert_eq!(site(&summary)["documents_new"], 2, "{summary}");
    let asked = server.hits_to(MEETING);
    assert_eq!(asked.len(), 2);
    let waited = asked[1].at - asked[0].at;
    assert!(
        waited >= Duration::from_millis(2990),
        "retried after {waited:?}"
    );
}

#[test]
fn server_errors_are_retried_with_backoff_until_an_answer() {
    let env = Env::new();
    let server =
        moderngov(|hit, nth| (hit.target == PDF_ID && nth < 2).then(|| Reply::status(503)));
    config(&env, &server, "");
    let (summary, _) = fetch(&env, true);
    assert_eq!(site(&summary)["documents_new"], 2, "{summary}");
    let asked = server.hits_to(PDF_ID);
    assert_eq!(asked.len(), 3);
    assert!(
        asked[2].at - asked[1].at > asked[1].at - asked[0].at,
        "backoff grows"
    );
}

#[test]
fn a_slow_answer_past_the_timeout_fails_that_document_only() {
    let env = Env::new();
    let server = moderngov(|hit, _| {
        (hit.target == PDF_ID).then(|| Reply {
            delay: Duration::from_secs(4),
            ..Reply::ok("application/pdf", minutes_pdf())
        })
    });
    config(&env, &server, "timeout_seconds = 1");
    let (summary, stderr) = fetch(&env, true);
    let s = site(&summary);
    assert_eq!(s["documents_new"], 1, "{summary}");
    assert_eq!(s["failed"][0]["reason"], "timeout", "{summary}");
    assert_eq!(summary["failed"]["timeout"], 1);
    assert!(stderr.contains("no answer within 1 s"), "{stderr}");
    assert!(files(&env).iter().all(|f| !f.ends_with(".pdf")));
}

#[test]
fn robots_txt_is_obeyed_for_a_path_and_for_a_whole_site() {
    let env = Env::new();
    let server = moderngov(|hit, _| {
        (hit.target == "/robots.txt").then(|| {
            Reply::ok(
                "text/plain",
                "User-agent: minutes\nDisallow: /mgConvert2PDF.aspx\n",
            )
        })
    });
    config(&env, &server, "");
    let (summary, _) = fetch(&env, true);
    assert_eq!(site(&summary)["failed"][0]["reason"], "robots", "{summary}");
    assert!(server.hits_to("/mgConvert2PDF").is_empty());

    let env = Env::new();
    let server = moderngov(|hit, _| {
        (hit.target == "/robots.txt")
            .then(|| Reply::ok("text/plain", "User-agent: *\nDisallow: /\n"))
    });
    config(&env, &server, "");
    let (summary, stderr) = fetch(&env, false);
    assert_eq!(site(&summary)["ok"], false);
    assert_eq!(site(&summary)["error"]["reason"], "robots");
    assert!(stderr.contains("nothing could be fetched"), "{stderr}");
    assert_eq!(server.hits().len(), 1, "only robots.txt is asked");
}

#[test]
fn malformed_xml_fails_its_meeting_and_a_broken_listing_fails_its_site() {
    let env = Env::new();
    let server = moderngov(|hit, _| {
        (hit.target == MEETING).then(|| Reply::ok("text/xml", "<meeting><agendaitems><agendaitem>"))
    });
    config(&env, &server, "");
    let (summary, stderr) = fetch(&env, true);
    assert_eq!(
        site(&summary)["failed"][0]["reason"],
        "malformed",
        "{summary}"
    );
    assert!(stderr.contains("not XML"), "{stderr}");

    let env = Env::new();
    let server = moderngov(|hit, _| {
        hit.target
            .starts_with("/mgWebService.asmx/GetCommittees")
            .then(|| Reply::ok("text/html", "<html><body>Service unavailable</body>"))
    });
    config(&env, &server, "");
    let (summary, _) = fetch(&env, false);
    assert_eq!(site(&summary)["error"]["reason"], "malformed", "{summary}");
}

#[test]
fn a_linked_document_too_large_is_not_stored() {
    let env = Env::new();
    let server = moderngov(|hit, _| {
        (hit.target == PDF_ID).then(|| {
            let mut big = minutes_pdf();
            big.resize(20_000, b' ');
            Reply::ok("application/pdf", big)
        })
    });
    config(&env, &server, "max_bytes = 10000");
    let (summary, _) = fetch(&env, true);
    let s = site(&summary);
    assert_eq!(s["failed"][0]["reason"], "too-large", "{summary}");
    assert_eq!(s["documents_new"], 1);
    assert!(files(&env).iter().all(|f| !f.ends_with(".pdf")));
}

#[test]
fn a_title_trying_to_climb_out_of_the_corpus_stays_inside() {
    let env = Env::new();
    let server = moderngov(|hit, _| {
        (hit.target == MEETING).then(|| {
            let xml = pointed(&fixture("moderngov/GetMeeting-4967.xml"), hit).replace(
                "6 - CHAIR APPROVED  Minutes Audit Committee 25 Nov 2025",
                "../../../../minutes\t/../x",
            );
            Reply::ok("text/xml", xml)
        })
    });
    config(&env, &server, "");
    fetch(&env, true);
    let stored = files(&env);
    assert!(
        stored.contains(&format!("{FOLDER}/minutes-x.pdf")),
        "{stored:?}"
    );
    let outside: Vec<_> = fs::read_dir(env.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        outside.len(),
        2,
        "only corpus and minutes.toml: {outside:?}"
    );
}

#[test]
fn a_redirect_loop_fails_that_document() {
    let env = Env::new();
    let server = moderngov(|hit, _| match hit.target.as_str() {
        PDF_ID => Some(Reply::status(302).header("Location", "/elsewhere")),
        "/elsewhere" => Some(Reply::status(301).header("Location", PDF_ID)),
        _ => None,
    });
    config(&env, &server, "");
    let (summary, _) = fetch(&env, true);
    let failed = &site(&summary)["failed"][0];
    assert_eq!(failed["reason"], "redirect", "{summary}");
    assert!(
        failed["message"].as_str().unwrap().contains("loop"),
        "{failed}"
    );
    assert_eq!(server.hits_to(PDF_ID).len(), 1);
}

#[test]
fn without_a_contact_or_a_config_fetch_says_what_to_write() {
    let env = Env::new();
    let out = env
        .cmd()
        .arg("fetch")
        .assert()
        .failure()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no config file") && stderr.contains("[[site]]"),
        "{stderr}"
    );
    fs::write(
        env.dir.path().join("minutes.toml"),
        "[[site]]\nkind = \"moderngov\"\nbase = \"http://127.0.0.1:9\"\ncouncil = \"C\"\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .arg("fetch")
        .assert()
        .failure()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a `contact`"), "{stderr}");
}
