//! `minutes fetch` over several meetings and systems: a run killed halfway
//! and resumed, documents linked twice stored once, Legistar's answers, a
//! site that fails beside one that works, and what `index` makes of the
//! sidecars.

use std::fs;
use std::time::{Duration, Instant};

use crate::fetch::{
    FOLDER, PDF_ID, config, fetch, files, fixture, minutes_pdf, moderngov, pointed, site,
};
use crate::fetch_server::{Hit, Reply, Server};
use crate::pdf_maker::{Page, pdf};
use crate::util::Env;

const DECISIONS: &str = "/mgConvert2PDF.aspx?ID=60909";
const SECOND: &str = "/mgWebService.asmx/GetMeeting?lMeetingId=4968";

fn decisions_pdf() -> Vec<u8> {
    pdf(&[Page::column(
        "Manchester City Council\nDecisions of the Audit Committee\n10 March 2026\nRESOLVED that the annual governance statement be approved.",
    )])
}

/// The Audit Committee with a second meeting in March, which links the
/// February minutes again and its own decisions.
fn two_meetings(special: impl Fn(&Hit, usize) -> Option<Reply> + Send + Sync + 'static) -> Server {
    moderngov(move |hit, nth| {
        if let Some(reply) = special(hit, nth) {
            return Some(reply);
        }
        let t = hit.target.as_str();
        if t.starts_with("/mgWebService.asmx/GetMeetings?lCommitteeId=144") {
            let march = "<meeting>\n        <meetingid>4968</meetingid>\n        <meetingdate>10/03/2026</meetingdate>\n        <meetingstatus>Confirmed</meetingstatus>\n      </meeting>\n    </committeemeetings>";
            let xml = fixture("moderngov/GetMeetings.xml").replace("</committeemeetings>", march);
            return Some(Reply::ok("text/xml", xml));
        }
        if t == SECOND {
            let xml = pointed(&fixture("moderngov/GetMeeting-4967.xml"), hit)
                .replace("4967", "4968")
                .replace("10/02/2026", "10/03/2026")
                .replace(
                    "DRAFT WP  FEBRUARY 2026",
                    "Decisions of the Audit Committee",
                );
            return Some(Reply::ok("text/xml", xml));
        }
        (t == DECISIONS).then(|| Reply::ok("application/pdf", decisions_pdf()))
    })
}

const MARCH: &str = "manchester-city-council/audit-committee/2026-03-10";

#[test]
fn a_run_killed_halfway_resumes_without_fetching_finished_files_or_leaving_partial_ones() {
    let env = Env::new();
    let server = two_meetings(|hit, nth| {
        (hit.target == DECISIONS && nth == 0).then(|| Reply {
            stall_after: Some(decisions_pdf().len() / 2),
            ..Reply::ok("application/pdf", decisions_pdf())
        })
    });
    config(&env, &server, "");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("minutes"))
        .current_dir(env.dir.path())
        .arg("--index")
        .arg(env.index())
        .arg("--corpus")
        .arg(&env.corpus)
        .args(["fetch", "--quiet"])
        .spawn()
        .expect("spawn");
    let waited = Instant::now();
    while server.hits_to(DECISIONS).is_empty() && waited.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run must still be fetching when it is killed"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let pdf_name = format!("{FOLDER}/6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025.pdf");
    let stored = files(&env);
    assert!(
        stored.iter().all(|f| !f.contains("Decisions")),
        "no half file: {stored:?}"
    );
    assert_eq!(fs::read(env.corpus.join(&pdf_name)).unwrap(), minutes_pdf());
    let tmp = env.corpus.join(".minutes-fetch/tmp");
    assert_eq!(fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0), 0);

    let (summary, stderr) = fetch(&env, true);
    let s = site(&summary);
    assert_eq!(
        s["documents_new"], 1,
        "only the decisions are new: {summary}\n{stderr}"
    );
    // February's meeting is finished and older than the window: not asked;
    // its minutes linked again from March were fetched by the killed run.
    assert_eq!(s["settled"], 1, "{summary}");
    assert_eq!(s["resumed"], 1, "{summary}");
    assert_eq!(
        s["unchanged"], 1,
        "March's joined minutes, stored before the kill: {summary}"
    );
    assert_eq!(
        server.hits_to(PDF_ID).len(),
        1,
        "the finished PDF is not fetched again"
    );
    assert_eq!(
        server
            .hits_to("/mgWebService.asmx/GetMeeting?lMeetingId=4967")
            .len(),
        1
    );
    let decisions = format!("{MARCH}/Decisions of the Audit Committee.pdf");
    assert_eq!(
        fs::read(env.corpus.join(&decisions)).unwrap(),
        decisions_pdf()
    );
    assert!(files(&env).contains(&format!("{decisions}.meta.json")));
}

#[test]
fn a_document_linked_twice_or_under_two_addresses_is_stored_once() {
    let env = Env::new();
    let server = two_meetings(|hit, _| {
        // The March meeting's decisions are the February minutes' bytes
        // under another address.
        (hit.target == DECISIONS).then(|| Reply::ok("application/pdf", minutes_pdf()))
    });
    config(&env, &server, "");
    let (summary, _) = fetch(&env, true);
    let s = site(&summary);
    assert_eq!(s["duplicates"], 2, "{summary}");
    let pdfs: Vec<_> = files(&env)
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    assert_eq!(
        server.hits_to(PDF_ID).len(),
        1,
        "a link seen in this run is not asked again"
    );
}

fn legistar() -> Server {
    Server::start(|hit, _| {
        let json = |name: &str| {
            Reply::ok(
                "application/json; charset=utf-8",
                pointed(&fixture(name), hit),
            )
        };
        let t = hit.target.as_str();
        if t == "/robots.txt" {
            Reply::status(404)
        } else if t.starts_with("/v1/example/events?") {
            json("legistar/events.json")
        } else if t == "/v1/example/events/5001" {
            json("legistar/event-5001.json")
        } else if t.starts_with("/v1/example/events/5001/eventitems?") {
            json("legistar/eventitems-5001.json")
        } else if t == "/View.ashx?M=A&ID=5001" {
            Reply::ok(
                "text/html",
                "<html><head><title>Agenda</title></head><body><h1>Agenda</h1><p>1. Call To Order</p></body></html>",
            )
        } else {
            Reply::status(404)
        }
    })
}

#[test]
fn legistar_events_land_as_minutes_with_their_votes_and_a_broken_site_beside_it_is_reported() {
    let env = Env::new();
    let server = legistar();
    // The second site does not answer at all: reported, and the run still
    // succeeds because the first one worked.
    let text = format!(
        "[fetch]\ncontact = \"tests@example.org\"\n\n[[site]]\nname = \"fenwick\"\nkind = \"legistar\"\nbase = \"{}/v1/example\"\ncouncil = \"City of Fenwick\"\nsince = \"2026-01-01\"\n\n[[site]]\nname = \"gone\"\nkind = \"moderngov\"\nbase = \"http://127.0.0.1:9\"\ncouncil = \"Gone Council\"\n",
        server.base
    );
    fs::write(env.dir.path().join("minutes.toml"), text).unwrap();
    let (summary, stderr) = fetch(&env, true);
    let fenwick = &summary["sites"][0];
    assert_eq!(fenwick["ok"], true, "{summary}\n{stderr}");
    assert_eq!(fenwick["cancelled"], 1);
    // The minutes PDF is not served: one failure, named.
    assert_eq!(fenwick["failed"][0]["reason"], "status", "{summary}");
    assert_eq!(fenwick["documents_new"], 2, "{summary}");
    let gone = &summary["sites"][1];
    assert_eq!(gone["ok"], false);
    assert_eq!(gone["error"]["reason"], "network", "{summary}");
    assert!(stderr.contains("gone: cannot list meetings"), "{stderr}");
    let folder = "city-of-fenwick/parks-public-utilities-and-technology-committee/2026-03-10";
    let html = fs::read_to_string(env.corpus.join(format!("{folder}/minutes.html"))).unwrap();
    assert!(
        html.contains("Moved by Maria Rivera, seconded by Daniel Okafor, Pass (4-0)"),
        "{html}"
    );
    let filter = server.hits_to("/v1/example/events?")[0].target.clone();
    assert!(
        filter.contains("%24top=1000") && filter.contains("%24skip=0"),
        "{filter}"
    );
}

#[test]
fn fetched_documents_are_indexed_with_the_names_dates_and_addresses_of_their_sidecars() {
    let env = Env::new();
    let server = moderngov(|_, _| None);
    config(&env, &server, "");
    fetch(&env, true);
    env.build();
    let hits = env.search_json(&["\"work programme\""]);
    let hit = hits
        .iter()
        .find(|h| {
            h["id"]
                .as_str()
                .is_some_and(|id| id.starts_with(&format!("{FOLDER}/minutes.html")))
        })
        .unwrap_or_else(|| panic!("the joined minutes are found: {hits:?}"));
    let id = hit["id"]
        .as_str()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_owned()
        + "#0";
    let record = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(record["council"], "Manchester City Council", "{record}");
    assert_eq!(record["committee"], "Audit Committee");
    assert_eq!(record["date"], "2026-02-10");
    assert_eq!(
        record["url"],
        format!("{}/ieListDocuments.aspx?MId=4967", server.base)
    );
    for field in [
        "council_source",
        "committee_source",
        "date_source",
        "url_source",
    ] {
        assert_eq!(record[field], "sidecar", "{field}: {record}");
    }
    let text = env.stdout(&["show", &id]);
    assert!(text.contains("from sidecar"), "{text}");
}
