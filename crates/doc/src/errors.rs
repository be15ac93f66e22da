//! Errors of the data model.

/// An error raised while building or enriching a document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A span did not fit the text it was meant for.
    #[error("invalid span {start}..{end} for a text of {len} bytes")]
    InvalidSpan {
        /// Start byte offset.
        start: usize,
        /// End byte offset.
        end: usize,
        /// Length of the text in bytes.
        len: usize,
    },
    /// A pipeline component failed on a document.
    #[error("component {component} failed on document {doc}: {message}")]
    Component {
        /// Name of the component.
        component: &'static str,
        /// Document id.
        doc: String,
        /// What went wrong.
        message: String,
    },
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
