//! Why an input could not be read.

/// Why an input was skipped. Messages are lowercase and name the cause.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file has no bytes, or only whitespace.
    #[error("empty file")]
    Empty,
    /// The file looks like binary data, not text.
    #[error("binary file (not text)")]
    Binary,
    /// The file exceeds the size limit.
    #[error("too large: {size} bytes, limit {limit} (raise it with --max-size)")]
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// Limit in bytes.
        limit: u64,
    },
    /// Mostly UTF-8 but with bytes that are not: a damaged file that no encoding explains.
    #[error("invalid UTF-8 at byte {offset} (the rest of the file is UTF-8, so no legacy encoding explains it)")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// Bytes that do not decode in the detected or declared encoding.
    #[error("undecodable text: not valid {encoding}")]
    Undecodable {
        /// The encoding tried.
        encoding: &'static str,
    },
    /// An HTML page or feed entry with no readable text.
    #[error("no article text found")]
    NoText,
    /// A JSON line that does not parse or lacks a required field.
    #[error("line {line}: {message}")]
    Json {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A second document with an id already read in the same run.
    #[error(
        "duplicate document id {id:?} (already read from {first}); give one of them another id"
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// Where the first document with this id came from.
        first: String,
    },
    /// The pipeline failed on the document.
    #[error("processing failed: {0}")]
    Processing(String),
    /// A feed that does not parse.
    #[error("not a valid RSS/Atom feed: {0}")]
    Feed(String),
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
