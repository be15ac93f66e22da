//! Persistence for rasd: the [`DocumentStore`] API and its embedded SQLite backend.
//!
//! [`SqliteStore`] keeps everything in one file (WAL mode, versioned migrations, FTS5
//! full-text index). All SQL lives in this crate. The pipeline and the CLI talk to the
//! [`DocumentStore`] trait, so a PostgreSQL backend for many ingest workers can be added
//! beside SQLite without touching them.
//!
//! Writes are batched: [`DocumentStore::write_batch`] stores a batch in one transaction, so
//! a crash leaves every batch either fully stored or not at all, and re-running an ingest
//! completes the work (unchanged documents are recognised by their content hash).
#![deny(missing_docs)]

mod errors;
mod query;
mod sqlite;

pub use errors::{Error, Result};
pub use query::Query;
pub use sqlite::SqliteStore;

use rasd_doc::{Dct, Document, EventMention, Mention, Role, Sentence, TimeExpr};
use rasd_pipeline::Processed;
use serde::Serialize;

/// What writing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WriteOutcome {
    /// A new document id.
    New,
    /// A known id whose content changed: the old version was replaced.
    Updated,
    /// A known id with the same content: nothing was written.
    Unchanged,
}

/// A stored document with its metadata and sentences.
#[derive(Debug, Clone, Serialize)]
pub struct StoredDocument {
    /// The document as ingested.
    #[serde(flatten)]
    pub document: Document,
    /// Content hash.
    pub hash: String,
    /// Version: 1, plus one for each changed re-ingest.
    pub version: i64,
    /// When first ingested (UTC).
    pub ingested_at: String,
    /// When last changed (UTC).
    pub updated_at: String,
    /// The publication date used to anchor relative dates, and how it was obtained.
    pub dct: Option<Dct>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Temporal expressions in order.
    pub timexes: Vec<TimeExpr>,
    /// Named-entity mentions in order.
    pub mentions: Vec<Mention>,
    /// Event mentions in order (participants index `mentions`).
    pub events: Vec<EventMention>,
    /// Roles and titles in order, with their holders' names.
    pub roles: Vec<Role>,
}

/// One line of a document listing.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Input format.
    pub format: String,
    /// Length of the text in characters.
    pub chars: i64,
    /// Number of sentences.
    pub sentences: i64,
    /// Version.
    pub version: i64,
}

/// A search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Relevance (BM25; higher is better).
    pub score: f64,
    /// The best-matching sentence (cropped when long).
    pub snippet: String,
    /// Byte offset of the snippet in the original text.
    pub snippet_start: usize,
    /// Matched words as byte ranges inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
}

/// What the cross-document analysis reads of one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentRows {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Event mentions in text order, each with its sentence's text.
    pub event_mentions: Vec<(EventMention, String)>,
    /// Roles in text order.
    pub roles: Vec<Role>,
    /// The document's date (DCT, else publication date).
    pub date: Option<String>,
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: i64,
    /// Sentences.
    pub sentences: i64,
}

/// The storage API the rest of rasd uses.
pub trait DocumentStore {
    /// Stores a batch of processed documents in one transaction, returning what happened to
    /// each (in order). Unchanged documents (same id and hash) are not written.
    fn write_batch(&mut self, docs: &[Processed]) -> Result<Vec<WriteOutcome>>;

    /// A document by id.
    fn document(&self, id: &str) -> Result<Option<StoredDocument>>;

    /// A document's listing line by id.
    fn summary(&self, id: &str) -> Result<Option<DocumentSummary>>;

    /// Documents ordered by publication date then id.
    fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>>;

    /// Ranked full-text search.
    fn search(&self, query: &Query, limit: usize) -> Result<Vec<Hit>>;

    /// Counts.
    fn stats(&self) -> Result<Stats>;

    /// Every mention in the store with its document id, in document and text order.
    fn all_mentions(&self) -> Result<Vec<(String, Mention)>>;

    /// Every event mention with its document id and sentence text, in document and text
    /// order.
    fn all_event_mentions(&self) -> Result<Vec<(String, EventMention, String)>>;

    /// Every role with its document id and the document's date (DCT, else publication
    /// date), in document and text order.
    fn all_roles(&self) -> Result<Vec<(String, Option<String>, Role)>>;

    /// One document's mentions, event mentions and roles (`None` if there is no such
    /// document): what an incremental analysis re-reads when the document changes.
    fn document_rows(&self, id: &str) -> Result<Option<DocumentRows>>;
}
