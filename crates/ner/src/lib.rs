//! Arabic named-entity recognition for rasd.
//!
//! A structured linear model (averaged perceptron over BIO tags, first-order transitions,
//! Viterbi decoding constrained to valid BIO sequences) with features computed on the
//! conservative normalisation and the clitic segmentation of `rasd-text`: word, stem
//! without clitics, proclitic pattern, pronoun suffix, affixes, shape, a ±2 window,
//! gazetteer flags (countries, cities, regions, first and family names, notable people,
//! demonyms, organisation head words, titles, person cues), multi-word gazetteer matches,
//! word clusters and a name lexicon self-trained on unlabeled news ([`lexicon`]). Two
//! passes: the second also sees how the first tagged each word elsewhere in the document
//! ([`history`]). Features are hashed into a fixed table, so the model is a flat array.
//!
//! Shaped like vaporetto: [`Model`] (versioned file), `trainer` (behind the `train`
//! feature), [`Tagger`] (inference) and [`metrics`] (CoNLL P/R/F1).
#![deny(missing_docs)]
// Numeric kernels (Viterbi, forward-backward, perceptron updates) index several arrays with
// one loop variable; iterator chains would hide that.
#![allow(clippy::needless_range_loop)]

pub mod analysis;
#[cfg(feature = "train")]
pub mod clusters;
pub mod conll;
mod errors;
mod features;
pub mod history;
pub mod lexicon;
pub mod metrics;
pub mod model;
#[cfg(feature = "train")]
pub mod svd;
mod tagger;
pub mod tags;
#[cfg(feature = "train")]
pub mod trainer;

pub use errors::{Error, Result};
pub use model::Model;
pub use tagger::{mentions, NerLayer, Tagger};
