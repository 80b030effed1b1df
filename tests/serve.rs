//! `minutes serve` through HTTP: the JSON API gives what the command line
//! gives, pages escape what documents hold, errors say what to do, the
//! server picks up a new index run and stops cleanly on SIGTERM.

use std::time::Duration;

use crate::serve_util::{Server, enc};
use crate::util::{Env, parse_lines};

/// A document written to attack the page: markup, a script, an event
/// handler, entities, and a `javascript:` source address.
pub fn write_hostile(env: &Env) {
    env.write(
        "evil-borough-council/cabinet/2019-03-04/minutes.txt",
        "Evil Borough Council\nCabinet\nMinutes of the meeting held on 4 March 2019\n\n\
         1. Zebracrossing scheme <script>window.pwned = 1</script>\n\
         The zebracrossing report <img src=x onerror=\"window.pwned = 2\"> was noted &amp; &lt;b&gt;agreed&lt;/b&gt;.\n\
         See <a href=\"javascript:window.pwned = 3\">the plan</a> and \"quotes\" & 'apostrophes'.\n",
    );
    env.write(
        "evil-borough-council/cabinet/2019-03-04/minutes.txt.meta.json",
        r#"{"url": "javascript:window.pwned = 4", "title": "Zebracrossing <script>window.pwned = 5</script>"}"#,
    );
}

/// The shipped corpus, indexed and served.
fn shipped_server() -> (Env, Server) {
    let env = Env::shipped();
    env.build();
    let server = Server::start(&env);
    (env, server)
}

#[test]
fn the_api_gives_the_same_hits_as_search_format_json() {
    let (env, server) = shipped_server();
    let cases: [(&str, &[&str]); 5] = [
        ("q=council", &["council"]),
        ("q=caseload", &["caseload"]),
        (
            "q=improvement&kind=item&sort=newest",
            &["improvement", "--kind", "item", "--sort=-date"],
        ),
        (
            "q=council&council=coventry",
            &["council", "--council", "coventry"],
        ),
        (
            "q=council&page=2&limit=3",
            &["council", "--offset", "3", "--limit", "3"],
        ),
    ];
    for (query, args) in cases {
        let answer = server.get(&format!("/api/search?{query}"));
        assert_eq!(answer.status, 200, "{query}: {}", answer.body);
        assert_eq!(answer.content_type, "application/json");
        let api = answer.json();
        let out = env.stdout(&[&["search", "--format", "json"], args].concat());
        let mut lines = parse_lines(out.as_bytes());
        let summary = lines.pop().expect("summary line");
        assert_eq!(api["summary"], summary, "{query}");
        assert!(!lines.is_empty(), "{query} found nothing to compare");
        assert_eq!(api["hits"].as_array().expect("hits"), &lines, "{query}");
    }
}

#[test]
fn api_trends_record_and_stats_are_the_commands_json() {
    let (env, server) = shipped_server();
    let api = server.get("/api/trends?q=council&by=committee").json();
    let out = env.stdout(&["trends", "council", "--by", "committee", "--format", "json"]);
    let mut lines = parse_lines(out.as_bytes());
    assert_eq!(api["summary"], lines.pop().expect("summary"));
    assert_eq!(api["trends"].as_array().expect("trends"), &lines);

    let id = api_first_id(&server, "caseload");
    let record = server.get(&format!("/api/record?id={}", enc(&id))).json();
    let shown: serde_json::Value =
        serde_json::from_str(&env.stdout(&["show", &id, "--format", "json"])).expect("show json");
    assert_eq!(record, shown);

    let stats = server.get("/api/stats").json();
    let cli: serde_json::Value =
        serde_json::from_str(&env.stdout(&["stats", "--format", "json"])).expect("stats json");
    assert_eq!(stats["records"], cli["records"]);
    assert_eq!(stats["councils"], cli["councils"]);
}

fn api_first_id(server: &Server, q: &str) -> String {
    let api = server.get(&format!("/api/search?q={q}")).json();
    api["hits"][0]["id"].as_str().expect("an id").to_owned()
}

#[test]
fn the_openapi_description_names_every_api_route() {
    let (_env, server) = shipped_server();
    let spec = server.get("/api/openapi.json").json();
    assert_eq!(spec["openapi"], "3.0.3");
    for path in [
        "/api/search",
        "/api/resolutions",
        "/api/record",
        "/api/trends",
        "/api/stats",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path} is not described");
        let sample = match path {
            "/api/record" => format!("{path}?id={}", enc(&api_first_id(&server, "council"))),
            _ => format!("{path}?q=council"),
        };
        let answer = server.get(&sample);
        assert_eq!(answer.status, 200, "{sample}: {}", answer.body);
        let kind = answer.json()["type"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let schema = &spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"]["$ref"];
        let name = schema
            .as_str()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_lowercase();
        assert_eq!(kind, name, "{path} answers a {kind}, described as {name}");
    }
}

#[test]
fn pages_show_records_with_marks_citation_and_meeting() {
    let (env, server) = shipped_server();
    let page = server.get("/?q=caseload");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<mark>caseload</mark>"), "{}", page.body);
    assert!(
        page.body
            .contains("Lancashire County Council · Children&#39;s Services Scrutiny Committee")
            || page
                .body
                .contains("Lancashire County Council · Children's Services Scrutiny Committee")
    );
    for link in [
        "/search.csv?q=caseload",
        "/search.jsonl?q=caseload",
        "/search.atom?q=caseload",
    ] {
        assert!(page.body.contains(link), "no link {link}");
    }
    let id = api_first_id(&server, "caseload");
    let record = server.get(&format!("/record?id={}&q=caseload", enc(&id)));
    assert_eq!(record.status, 200);
    assert!(
        record.body.contains("<mark id=\"match\">"),
        "the first match is not marked"
    );
    assert!(record.body.contains("Cite this record"));
    assert!(
        record.body.contains("meeting of 18 January 2017"),
        "the citation has no meeting date"
    );
    assert!(
        record.body.contains("In the same file"),
        "the meeting's other records are not listed"
    );
    assert!(
        record.body.contains("(sidecar)")
            || record.body.contains("(text)")
            || record.body.contains("(path)")
    );

    let resolutions = server.get("/resolutions");
    assert_eq!(resolutions.status, 200);
    let api = server.get("/api/resolutions").json();
    let first = api["hits"][0]["title"]
        .as_str()
        .expect("a resolution")
        .to_owned();
    assert!(api["hits"][0]["text"].is_string(), "resolutions come whole");
    assert!(
        resolutions.body.contains(&maud_escape(&first)),
        "{first} not listed"
    );

    let trends = server.get("/trends?q=council");
    assert!(trends.body.contains("<svg"), "no chart");
    assert!(trends.body.contains("<polyline"), "no line in the chart");
    let csv = server.get("/trends.csv?q=council");
    assert!(csv.content_type.starts_with("text/csv"));
    assert_eq!(
        csv.body,
        env.stdout(&["trends", "council", "--format", "csv"])
    );

    let coverage = server.get("/coverage");
    assert!(coverage.body.contains("Latest meeting"));
    assert!(coverage.body.contains("Lancashire County Council"));
}

fn maud_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn downloads_are_the_commands_output_and_the_feed_parses() {
    let (env, server) = shipped_server();
    let csv = server.get("/search.csv?q=council&limit=5");
    assert_eq!(
        csv.body,
        env.stdout(&["search", "council", "--format", "csv", "--limit", "5"])
    );
    let jsonl = server.get("/search.jsonl?q=council&limit=5");
    assert_eq!(
        jsonl.body,
        env.stdout(&["search", "council", "--format", "json", "--limit", "5"])
    );
    let atom = server.get("/search.atom?q=council");
    assert!(atom.content_type.starts_with("application/atom+xml"));
    let feed = feed_rs::parser::parse(atom.body.as_bytes()).expect("the feed parses");
    assert!(!feed.entries.is_empty());
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("self") && l.href.contains("/search.atom?q=council")),
        "no rel=self link: {:?}",
        feed.links
    );
}

#[test]
fn document_text_is_escaped_and_only_web_addresses_are_links() {
    let env = Env::new();
    write_hostile(&env);
    env.build();
    let server = Server::start(&env);
    let csp = server
        .get("/")
        .header("content-security-policy")
        .map(str::to_owned);
    assert!(
        csp.as_deref()
            .is_some_and(|c| c.contains("default-src 'none'") && !c.contains("script-src")),
        "{csp:?}"
    );
    for path in ["/?q=zebracrossing", "/resolutions?q=zebracrossing"] {
        let page = server.get(path);
        assert!(
            !page.body.contains("<script"),
            "{path}: markup escaped the page"
        );
        assert!(!page.body.contains("<img"), "{path}");
    }
    let id = api_first_id(&server, "zebracrossing");
    let record = server.get(&format!("/record?id={}&q=zebracrossing", enc(&id)));
    assert!(
        record.body.contains("&lt;script&gt;window.pwned = "),
        "{}",
        record.body
    );
    assert!(!record.body.contains("<script"));
    assert!(
        !record.body.contains("href=\"javascript:"),
        "a javascript: address became a link"
    );
    assert!(
        record
            .body
            .contains("<code>javascript:window.pwned = 4</code>")
    );
}

#[test]
fn wrong_requests_are_answered_with_what_to_do_and_nothing_writes() {
    let (_env, server) = shipped_server();
    for (path, status, says) in [
        ("/?from=31/02/2017", 400, "from=31/02/2017 is not a date"),
        ("/?page=abc", 400, "cannot read the address"),
        ("/?page=100000", 400, "narrow the search"),
        ("/api/search?kind=memo", 400, "kind=memo is not one of"),
        (
            "/api/record?id=..%2F..%2Fetc%2Fpasswd",
            400,
            "not a record id",
        ),
        ("/record?id=nothing.txt%230", 404, "there is no record"),
        ("/no/such/page", 404, "no page here"),
        ("/api/nothing", 404, "/api/openapi.json lists them"),
        ("/api/", 200, "\"openapi\""),
    ] {
        let answer = server.get(path);
        assert_eq!(answer.status, status, "{path}: {}", answer.body);
        assert!(answer.body.contains(says), "{path}: {}", answer.body);
    }
    let deep = format!("/api/search?q={}", "(".repeat(5000));
    let answer = server.get(&deep);
    assert_eq!(answer.status, 400, "a query bomb: {}", answer.body);
    assert_eq!(answer.json()["type"], "error");
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(
            server.request(method, "/api/search?q=x").status,
            405,
            "{method}"
        );
    }
    assert_eq!(
        server.get("/api/search?q=council").status,
        200,
        "the server still answers"
    );
}

#[test]
fn a_new_index_run_is_served_without_a_restart() {
    let env = Env::shipped_copy();
    env.build();
    let server = Server::start(&env);
    let before = server.get("/api/search?q=quokkaboard").json();
    assert_eq!(before["summary"]["total"], 0);
    env.write(
        "coventry-city-council/cabinet/2020-02-02/quokka.txt",
        "Coventry City Council\nCabinet\n2 February 2020\n\nThe quokkaboard was approved.\n",
    );
    env.cmd().args(["index", "--quiet"]).assert().success();
    let after = server.get("/api/search?q=quokkaboard").json();
    assert_eq!(
        after["hits"][0]["id"], "coventry-city-council/cabinet/2020-02-02/quokka.txt#0",
        "{after}"
    );
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let (_env, server) = shipped_server();
    assert_eq!(server.get("/").status, 200);
    let status = server.stop(Duration::from_secs(10)).expect("it stopped");
    assert!(status.success(), "{status:?}");
}

#[test]
fn serve_builds_the_index_first_and_says_where_it_listens() {
    let env = Env::shipped();
    let server = Server::start(&env);
    let page = server.get("/?q=caseload");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<mark>caseload</mark>"));
}

#[test]
fn an_address_in_use_is_a_clear_error() {
    let env = Env::shipped();
    env.build();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    env.cmd()
        .args(["serve", "--bind", &addr])
        .assert()
        .failure()
        .stderr(predicates::str::contains(format!(
            "cannot listen on {addr}"
        )))
        .stderr(predicates::str::contains("--bind"));
}
