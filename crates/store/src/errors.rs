//! Store errors.

use std::path::PathBuf;

/// An error of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No database exists at the path (for commands that only read).
    #[error("no database at {path}: run `rasd ingest` first, or pass --db")]
    NotFound {
        /// The path looked at.
        path: PathBuf,
    },
    /// A SQLite error, with the database path.
    #[error("database {path}: {source}")]
    Sqlite {
        /// Database path.
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },
    /// The database was written by a newer rasd.
    #[error("database {path} has schema v{found}, newer than this rasd (v{known}); upgrade rasd")]
    TooNew {
        /// Database path.
        path: PathBuf,
        /// Schema version found.
        found: i64,
        /// Newest schema version known.
        known: i64,
    },
    /// A search query that cannot be run.
    #[error("bad query: {0}")]
    BadQuery(String),
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
