//! Errors of the NER crate.

/// An error loading, training or evaluating a model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model file that is not a valid rasd NER model.
    #[error("invalid model: {0}")]
    InvalidModel(String),
    /// An I/O error.
    #[error("{0}")]
    Io(String),
    /// A malformed CoNLL line.
    #[error("{path}:{line}: {message}")]
    Conll {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
