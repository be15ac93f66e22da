//! Event mentions: one event as one sentence of one document reports it.

use serde::{Deserialize, Serialize};

use crate::Span;

/// An event as one sentence of one document states it, before merging across documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// PLOVER type (`CONSULT`, `ACCUSE`, …).
    pub etype: String,
    /// CONSULT mode (`meet`, `visit`, `host`, `phone`, `multilateral`).
    pub mode: Option<String>,
    /// Indices into the document's mentions: the participants.
    pub participants: Vec<usize>,
    /// Participants the text implies without naming them as such, by name: the country of
    /// a visited city, which hosts the visit when no host is named (`زار الرباط` → المغرب).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implied: Vec<String>,
    /// Index into the document's mentions: the place.
    pub location: Option<usize>,
    /// ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or none.
    pub date: Option<String>,
    /// The sentence in the original text.
    pub sentence: Span,
    /// The trigger in the original text.
    pub trigger: Span,
    /// The rule that fired (`consult:visit:زيارة`).
    pub rule: String,
}

/// A role or title as a document states it (`مدير وكالة المخابرات المركزية الأمريكية`), with
/// the person holding it when the document names one beside it or elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The phrase in the original text.
    pub span: Span,
    /// The phrase as written.
    pub text: String,
    /// The head word's search key (`مدير`, `وزير`).
    pub head: String,
    /// The organisation or place the role belongs to, by name.
    pub org: Option<String>,
    /// The country its nationality adjective names.
    pub country: Option<String>,
    /// The holder's name.
    pub holder: Option<String>,
}
