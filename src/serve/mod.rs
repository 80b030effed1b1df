//! `minutes serve`: the search as web pages and a JSON API, on the same
//! library calls and wire types as the command line.
//!
//! - [`state`] holds the open index and reopens it when a `minutes index`
//!   run commits, so a nightly build shows without a restart.
//! - [`params`] is a page's state as its query string (every view is a
//!   permalink), turned into the library's requests.
//! - [`html`] renders the pages (maud: every value escaped unless marked);
//!   [`api`] answers `/api/` with the CLI's wire types; [`downloads`]
//!   gives any search as CSV, JSON Lines or an Atom feed.
//! - This module binds, routes, adds the security headers and the request
//!   timeout, and shuts down on SIGINT or SIGTERM.
//!
//! Nothing here writes: every route is a GET that reads the index.

mod api;
mod downloads;
mod html;
pub mod params;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::index::{IndexError, OpenIndex};
use crate::search::SearchError;
pub use state::Current;

/// What the pages may load: their own style sheet, nothing else; no
/// script at all, inline or not, so a document's markup cannot run.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    pub index: PathBuf,
    /// The longest a request may take before it is answered 408.
    pub timeout: Duration,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "cannot listen on {addr}: {source}; pass another address with --bind, e.g. --bind 127.0.0.1:8081"
    )]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the web server failed: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Serve the index in `options.index` until SIGINT or SIGTERM; `ready` is
/// told the address once the socket listens.
pub fn serve(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let current = Arc::new(Current::open(&options.index)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|source| ServeError::Bind {
                addr: options.bind,
                source,
            })?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(current, options.timeout))
            .with_graceful_shutdown(shutdown())
            .await?;
        Ok(())
    })
}

/// Every route, with the headers and timeout every answer gets.
pub fn router(current: Arc<Current>, timeout: Duration) -> Router {
    let security = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ];
    let mut app = Router::new()
        .route("/", get(html::search::page))
        .route("/record", get(html::record::page))
        .route("/resolutions", get(html::resolutions::page))
        .route("/trends", get(html::trends::page))
        .route("/coverage", get(html::coverage::page))
        .route("/style.css", get(html::style))
        .route("/search.csv", get(downloads::csv))
        .route("/search.jsonl", get(downloads::jsonl))
        .route("/search.atom", get(downloads::atom))
        .route("/trends.csv", get(downloads::trends_csv))
        .route("/api/search", get(api::search))
        .route("/api/record", get(api::record))
        .route("/api/resolutions", get(api::resolutions))
        .route("/api/trends", get(api::trends))
        .route("/api/stats", get(api::stats))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api", get(api::openapi))
        .route("/api/", get(api::openapi))
        .fallback(html::not_found)
        .with_state(current)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ));
    for (name, value) in security {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM: requests in flight finish.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// A request that cannot be answered: its status and what to do, in words.
#[derive(Debug, Clone)]
pub struct WebError {
    pub status: StatusCode,
    pub message: String,
}

impl WebError {
    /// The request is wrong (a parameter, a query too long).
    pub fn bad(message: impl Into<String>) -> WebError {
        WebError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> WebError {
        WebError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> WebError {
        WebError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<SearchError> for WebError {
    fn from(err: SearchError) -> WebError {
        match err {
            SearchError::Query(_) | SearchError::Window { .. } => WebError::bad(err.to_string()),
            SearchError::Engine(_) => WebError::internal(err.to_string()),
        }
    }
}

impl From<IndexError> for WebError {
    fn from(err: IndexError) -> WebError {
        WebError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: err.to_string(),
        }
    }
}

/// Run `work` on the current index on a thread that may block (a search
/// reads files and uses the CPU), so the server keeps answering.
pub async fn blocking<T: Send + 'static>(
    current: &Arc<Current>,
    work: impl FnOnce(&OpenIndex) -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    let current = Arc::clone(current);
    tokio::task::spawn_blocking(move || {
        let open = current.get();
        work(&open)
    })
    .await
    .map_err(|e| WebError::internal(format!("the request failed: {e}")))?
}
