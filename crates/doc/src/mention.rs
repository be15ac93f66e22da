//! Entity mentions.

use serde::{Deserialize, Serialize};

use crate::Span;

/// A mention of a person, organisation, place or other named thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is in the original text (attached conjunctions and prepositions excluded).
    pub span: Span,
    /// The original text.
    pub text: String,
    /// The name as written without attached clitics, conservatively normalised, with a
    /// fused article restored (`للمغرب` → `المغرب`): the form to match and display.
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
    /// How sure the tagger is, 0–1 (the mean over the mention's tokens of the tagger's
    /// normalised local score for the chosen tag).
    pub confidence: f32,
    /// What produced it (`ner`).
    pub source: String,
}
