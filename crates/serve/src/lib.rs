//! `rasd serve`: a JSON API and a right-to-left web UI over a rasd store.
//!
//! The server reads the same SQLite store as the command line. Per-document layers
//! (text, mentions, timexes, event mentions) are read from SQLite per request; the
//! cross-document [`Analysis`] (canonical entities and merged events) is computed once at
//! start and again after each write, and kept in memory as an immutable snapshot that
//! requests share, so event and entity queries never wait on a recomputation.
//!
//! Every error reaches the client as JSON `{"error": {"code", "message", "param"}}` with a
//! 4xx status for anything the client can fix; panics are caught and reported as 500 JSON.
//! Writes (`POST /api/documents`) need a bearer token; with none configured they are off.
#![deny(missing_docs)]

mod api;
mod error;
mod places;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;

pub use error::ApiError;
pub use state::AppState;

/// Largest request body (`POST /api/documents`): 16 MiB.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store.
    pub db: PathBuf,
    /// Bearer token for writes; `None` disables writes.
    pub token: Option<String>,
}

/// Errors starting the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store could not be opened or read.
    #[error(transparent)]
    Store(#[from] rasd_store::Error),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// Serving failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// The API and UI routes over a prepared state.
pub fn router(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/stats", get(api::stats))
        .route("/api/search", get(api::search))
        .route("/api/documents", get(api::documents).post(api::post_documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/entities", get(api::entities))
        .route("/api/entities/{id}", get(api::entity))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/timeline", get(api::timeline))
        .route("/api/graph", get(api::graph))
        .route("/api/places", get(api::places))
        .route("/api/{*rest}", get(api::not_found).post(api::not_found))
        .with_state(state);
    Router::new()
        .route("/", get(api::ui_index))
        .route("/assets/{name}", get(api::ui_asset))
        .merge(api)
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(api::panic_response))
}

/// Serves until Ctrl-C, printing the address it listens on.
pub async fn serve(config: Config, addr: SocketAddr) -> Result<(), Error> {
    let state = Arc::new(AppState::open(config)?);
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|source| Error::Bind { addr, source })?;
    let local = listener.local_addr()?;
    eprintln!("rasd serve: http://{local}/  (API: http://{local}/api/openapi.json; Ctrl-C stops)");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
