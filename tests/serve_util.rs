//! A `minutes serve` process for tests: started on a free loopback port
//! (`--bind 127.0.0.1:0`, the address read from its first stdout line),
//! asked with a small HTTP client, stopped with SIGTERM when dropped.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::Env;

pub struct Server {
    child: Child,
    pub base: String,
}

/// One answer: status, content type, body and headers.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// Serve `env`'s index (built first if there is none).
    pub fn start(env: &Env) -> Server {
        let bin = assert_cmd::cargo::cargo_bin("minutes");
        let mut child = Command::new(bin)
            .current_dir(env.dir.path())
            .arg("--index")
            .arg(env.index())
            .arg("--corpus")
            .arg(&env.corpus)
            .args(["--quiet", "serve", "--bind", "127.0.0.1:0"])
            .env_remove("MINUTES_INDEX")
            .env_remove("MINUTES_CORPUS")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start minutes serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the address");
        let base = line.trim().trim_end_matches('/').to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "printed {line:?}");
        Server { child, base }
    }

    /// GET `path` (with its query string).
    pub fn get(&self, path: &str) -> Answer {
        self.request("GET", path)
    }

    pub fn request(&self, method: &str, path: &str) -> Answer {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let url = format!("{}{path}", self.base);
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .body(())
            .expect("request");
        let mut response = agent
            .run(request)
            .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let mut body = String::new();
        response
            .body_mut()
            .as_reader()
            .read_to_string(&mut body)
            .expect("body");
        Answer {
            status: response.status().as_u16(),
            content_type,
            body,
            headers,
        }
    }

    /// Send SIGTERM and wait for the exit, at most `within`.
    pub fn stop(mut self, within: Duration) -> Option<std::process::ExitStatus> {
        terminate(&self.child);
        let start = Instant::now();
        while start.elapsed() < within {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

fn terminate(child: &Child) {
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// `value` percent-encoded for a query string.
pub fn enc(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
