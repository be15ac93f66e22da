//! The pipeline component trait.

use crate::{Doc, Result};

/// One stage of the pipeline: enriches a document in place.
///
/// A component is built once (loading its data or model) and then shared across documents
/// and threads, so it must be `Send + Sync` and its `process` takes `&self`.
pub trait Component: Send + Sync {
    /// A short name for logs and errors.
    fn name(&self) -> &'static str;

    /// Adds this component's layer to `doc`.
    fn process(&self, doc: &mut Doc) -> Result<()>;
}
