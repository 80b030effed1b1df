//! A small HTTP/1.1 server on 127.0.0.1 for the fetch tests: each request
//! is logged with its time and headers and answered by the test's handler,
//! which may delay the answer or stall halfway through its body.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub at: Instant,
}

impl Hit {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An answer.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Send only this many bytes of the body, then hang.
    pub stall_after: Option<usize>,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            ..Reply::default()
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            ..Reply::default()
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = dyn Fn(&Hit, usize) -> Reply + Send + Sync;

/// The server; it runs until the test process ends.
pub struct Server {
    pub base: String,
    log: Arc<Mutex<Vec<Hit>>>,
}

impl Server {
    /// Start a server whose `handler` gets each request and how many
    /// requests for the same target came before it.
    pub fn start(handler: impl Fn(&Hit, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let shared = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&shared);
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || serve(stream, &log, &*handler));
            }
        });
        Server { base, log }
    }

    /// Every request so far.
    pub fn hits(&self) -> Vec<Hit> {
        self.log.lock().expect("log").clone()
    }

    /// Requests whose target starts with `prefix`.
    pub fn hits_to(&self, prefix: &str) -> Vec<Hit> {
        self.hits()
            .into_iter()
            .filter(|h| h.target.starts_with(prefix))
            .collect()
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Hit>>, handler: &Handler) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let hit = Hit {
        target: target.clone(),
        headers,
        at: Instant::now(),
    };
    let before = {
        let mut log = log.lock().expect("log");
        let before = log.iter().filter(|h| h.target == target).count();
        log.push(hit.clone());
        before
    };
    let reply = handler(&hit, before);
    std::thread::sleep(reply.delay);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} Answer\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    match reply.stall_after {
        Some(n) => {
            let _ = out.write_all(&reply.body[..n.min(reply.body.len())]);
            let _ = out.flush();
            std::thread::sleep(Duration::from_secs(120));
        }
        None => {
            let _ = out.write_all(&reply.body);
        }
    }
    let _ = out.flush();
}
