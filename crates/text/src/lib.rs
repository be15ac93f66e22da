//! The Arabic text layer of rasd: pure functions, no I/O.
//!
//! - [`normalize`] with two [`Profile`]s (conservative for models and display, search for
//!   keys), each keeping a map from normalised bytes back to original offsets;
//! - [`split_sentences`] for Arabic news punctuation;
//! - [`Tokenizer`], which splits clitics (و ف ب ل ك س ال and attached pronouns) using a
//!   [`Lexicon`] of word frequencies learned from the project's corpora, so that the split
//!   of `وبالرباط` and the non-split of `لبنان` both come from evidence, not a blind strip.
//!
//! [`TextLayer`] wires these as a pipeline [`Component`](rasd_doc::Component).
#![deny(missing_docs)]

mod normalize;
mod script;
mod segment;
mod sentence;
mod tokenize;

pub use normalize::{
    fold_lexicon, fold_search, normalize, normalize_str, search_key, Normalized, Profile,
};
pub use script::{is_alphabetic, is_alphanumeric, is_arabic_letter, is_arabic_mark};
pub use segment::{key as lexicon_key, Lexicon, LexiconError, Piece};
pub use sentence::split_sentences;
pub use tokenize::{search_terms, Term, Tokenizer};

use rasd_doc::{Component, Doc};

/// The text stage of the pipeline: fills a document's sentences and tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextLayer;

impl Component for TextLayer {
    fn name(&self) -> &'static str {
        "text"
    }

    fn process(&self, doc: &mut Doc) -> rasd_doc::Result<()> {
        let norm = normalize(doc.text(), Profile::Conservative);
        doc.sentences = split_sentences(&norm);
        doc.tokens = Tokenizer::default().tokenize_normalized(&norm);
        Ok(())
    }
}
