//! `minutes serve` in a real browser: headless Chromium driven through
//! ChromeDriver (WebDriver, fantoccini), as a person uses the pages.
//! Screenshots go to `target/tmp/screenshots/`. Without `chromium` and
//! `chromedriver` on PATH these tests say so and pass; `.ci/run` installs
//! both, so CI runs them.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::serve::write_hostile;
use crate::serve_util::Server;
use crate::util::Env;

/// ChromeDriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}

/// ChromeDriver and Chromium, or `None` (and a message) when either is missing.
fn driver() -> Option<(Driver, PathBuf)> {
    let (Some(chromedriver), Some(chromium)) = (on_path("chromedriver"), on_path("chromium"))
    else {
        eprintln!(
            "skipped: the browser tests need chromium and chromedriver on PATH (Debian: apt-get install chromium chromium-driver; .ci/run installs them)"
        );
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((Driver { child, port }, chromium))
}

/// A headless Chromium session with a fresh profile and no background
/// networking (this machine reaches nothing but loopback).
async fn browser(driver: &Driver, chromium: &Path, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    // ChromeDriver is on loopback: plain HTTP, no TLS stack.
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

async fn js(client: &Client, script: &str) -> Value {
    client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

async fn screenshot(client: &Client, name: &str) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write the screenshot");
}

/// The titles of the result cards on the page.
async fn titles(client: &Client) -> Vec<String> {
    let v = js(
        client,
        "return [...document.querySelectorAll('article.hit h2 a')].map(a => a.textContent)",
    )
    .await;
    serde_json::from_value(v).expect("titles")
}

async fn wait_for_url(client: &Client, part: &str) -> String {
    let start = Instant::now();
    loop {
        let url = client.current_url().await.expect("url").to_string();
        if url.contains(part) {
            return url;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never reached {part}: at {url}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journalist_searches_filters_reads_goes_back_and_follows_the_feed() {
    let Some((driver, chromium)) = driver() else {
        return;
    };
    let env = Env::shipped();
    env.build();
    let server = Server::start(&env);
    let client = browser(&driver, &chromium, &env.dir.path().join("profile")).await;

    client
        .goto(&format!("{}/", server.base))
        .await
        .expect("open");
    let q = client.find(Locator::Css("#q")).await.expect("query box");
    q.send_keys("council").await.expect("type");
    client
        .find(Locator::Css("form.search button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("search");
    wait_for_url(&client, "q=council").await;
    let all = titles(&client).await;
    assert!(!all.is_empty(), "no results for council");
    screenshot(&client, "search").await;

    // The first council facet narrows the list to that council.
    let facet = client
        .find(Locator::Css("section.facet li a"))
        .await
        .expect("a council facet");
    let council = facet.text().await.expect("facet text");
    facet.click().await.expect("click the facet");
    wait_for_url(&client, "council=").await;
    let places: Vec<String> = serde_json::from_value(
        js(
            &client,
            "return [...document.querySelectorAll('article.hit p.place')].map(p => p.textContent)",
        )
        .await,
    )
    .expect("places");
    assert!(!places.is_empty());
    for place in &places {
        assert!(place.starts_with(&council), "{place} is not of {council}");
    }
    let active = js(
        &client,
        "return document.querySelector('section.facet a.active').textContent",
    )
    .await;
    assert!(
        active.as_str().unwrap_or_default().contains(&council),
        "{active}"
    );
    let filtered = titles(&client).await;
    let filtered_url = client.current_url().await.expect("url").to_string();

    // A result opens at its first highlighted match.
    client
        .find(Locator::Css("article.hit h2 a"))
        .await
        .expect("a result")
        .click()
        .await
        .expect("open the result");
    let record_url = wait_for_url(&client, "/record?").await;
    assert!(record_url.ends_with("#match"), "{record_url}");
    let mark = js(&client, "const m = document.getElementById('match'); if (!m) return null; const r = m.getBoundingClientRect(); return {text: m.textContent, top: r.top, height: window.innerHeight};").await;
    assert!(mark.is_object(), "no highlighted match on {record_url}");
    assert_eq!(
        mark["text"].as_str().map(str::to_lowercase).as_deref(),
        Some("council")
    );
    let top = mark["top"].as_f64().unwrap_or(-1.0);
    assert!(
        top >= 0.0 && top < mark["height"].as_f64().unwrap_or(0.0),
        "the match is not in view: {mark}"
    );
    screenshot(&client, "record").await;

    // Back: the same results, the same address.
    client.back().await.expect("back");
    wait_for_url(&client, "council=").await;
    assert_eq!(
        client.current_url().await.expect("url").as_str(),
        filtered_url
    );
    assert_eq!(titles(&client).await, filtered);

    // The Atom link of this search is a feed of this council's records.
    let href = client
        .find(Locator::Css("a[type='application/atom+xml']"))
        .await
        .expect("the feed link")
        .attr("href")
        .await
        .expect("href")
        .expect("a feed address");
    let atom = server.get(&href);
    let feed = feed_rs::parser::parse(atom.body.as_bytes()).expect("the feed parses");
    assert!(!feed.entries.is_empty());
    for entry in &feed.entries {
        assert!(
            entry.categories.iter().any(|c| c.term == council),
            "an entry of another council: {:?}",
            entry.categories
        );
    }

    // Resolutions come whole; the trends chart has a line per council and
    // its table a row per count the API gives.
    client
        .goto(&format!("{}/resolutions", server.base))
        .await
        .expect("open");
    let whole = js(&client, "return [...document.querySelectorAll('article.hit')].map(a => [a.querySelector('.kind').textContent, !!a.querySelector('pre.text')])").await;
    let whole: Vec<(String, bool)> = serde_json::from_value(whole).expect("cards");
    assert!(!whole.is_empty(), "no resolutions listed");
    assert!(
        whole
            .iter()
            .all(|(kind, text)| kind == "resolution" && *text),
        "{whole:?}"
    );
    screenshot(&client, "resolutions").await;
    client
        .goto(&format!("{}/trends?q=council", server.base))
        .await
        .expect("open");
    let drawn = js(&client, "return [document.querySelectorAll('svg.chart polyline').length, document.querySelectorAll('table.trend tbody tr').length]").await;
    let api = server.get("/api/trends?q=council").json();
    let councils: std::collections::BTreeSet<&str> = api["trends"]
        .as_array()
        .expect("trends")
        .iter()
        .filter_map(|t| t["council"].as_str())
        .collect();
    assert_eq!(
        drawn[0].as_u64(),
        Some(councils.len().min(7) as u64),
        "{drawn}"
    );
    assert_eq!(
        drawn[1].as_u64(),
        Some(api["trends"].as_array().map_or(0, Vec::len) as u64)
    );
    screenshot(&client, "trends").await;

    // A phone: 390 pixels wide, nothing wider than the screen.
    client.set_window_size(390, 844).await.expect("resize");
    client
        .goto(&format!("{}/?q=council", server.base))
        .await
        .expect("open");
    let widths = js(
        &client,
        "return [document.documentElement.scrollWidth, window.innerWidth]",
    )
    .await;
    let (scroll, inner) = (
        widths[0].as_f64().unwrap_or(0.0),
        widths[1].as_f64().unwrap_or(0.0),
    );
    assert!(inner <= 400.0, "the window is {inner} wide");
    assert!(
        scroll <= inner,
        "the page scrolls sideways at {inner} px: {scroll} wide"
    );
    screenshot(&client, "search-390px").await;
    client.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_document_runs_no_script_and_its_markup_stays_text() {
    let Some((driver, chromium)) = driver() else {
        return;
    };
    let env = Env::new();
    write_hostile(&env);
    env.write(
        "evil-borough-council/cabinet/2019-04-01/page.html",
        "<html><body><h1>Cabinet</h1><p>Zebracrossing &lt;script&gt;window.pwned = 6&lt;/script&gt;</p>\
         <script>window.pwned = 7</script><a href=\"javascript:window.pwned=8\">plan</a></body></html>",
    );
    env.build();
    let server = Server::start(&env);
    let client = browser(&driver, &chromium, &env.dir.path().join("profile")).await;
    let pwned = "return [window.pwned === undefined, document.querySelectorAll('script, img, iframe, object').length, document.querySelectorAll('a[href^=\"javascript\" i]').length]";

    client
        .goto(&format!("{}/?q=zebracrossing", server.base))
        .await
        .expect("open");
    assert_eq!(
        js(&client, pwned).await,
        json!([true, 0, 0]),
        "on the search page"
    );
    let cards = titles(&client).await;
    assert!(
        cards.len() >= 2,
        "both hostile documents are found: {cards:?}"
    );
    let shown = js(&client, "return document.body.innerText").await;
    assert!(
        shown
            .as_str()
            .unwrap_or_default()
            .contains("<script>window.pwned"),
        "the markup is not shown as text"
    );
    screenshot(&client, "hostile-search").await;

    for n in 0..cards.len() {
        client
            .goto(&format!("{}/?q=zebracrossing", server.base))
            .await
            .expect("open");
        let links = client
            .find_all(Locator::Css("article.hit h2 a"))
            .await
            .expect("links");
        links[n].clone().click().await.expect("open the record");
        wait_for_url(&client, "/record?").await;
        assert_eq!(
            js(&client, pwned).await,
            json!([true, 0, 0]),
            "on record {n}"
        );
        let text = js(
            &client,
            "return document.querySelector('pre.text').innerText",
        )
        .await;
        assert!(
            text.as_str()
                .unwrap_or_default()
                .contains("<script>window.pwned = "),
            "{text}"
        );
    }
    screenshot(&client, "hostile-record").await;
    client.close().await.expect("close");
}
