//! Temporal expressions and the document creation time.

use serde::{Deserialize, Serialize};

use crate::Span;

/// A temporal expression found in a document, normalised to ISO 8601.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Where it is in the original text.
    pub span: Span,
    /// The original text of the expression.
    pub text: String,
    /// ISO 8601 value at the precision the text supports (`2023-04-07`, `2023-03`, `2023`,
    /// `199X`, `20XX`, `2023-W14`, `2023-SU`, `2023-04-07TEV`), a range `start/end`, or a
    /// TIMEX3 reference (`PAST_REF`, `FUTURE_REF`, `PRESENT_REF`); `None` when the
    /// expression needs an anchor that is unknown.
    pub value: Option<String>,
    /// Modifier: `EARLY`, `MID`, `LATE` or `APPROX`.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// What the value was resolved against: `none` (absolute), `dct` (the publication
    /// date) or `previous` (the previous date in the text).
    pub anchor: String,
    /// `gregorian` or `hijri` (the calendar the text used).
    pub calendar: String,
}

/// The document creation time (publication date) used to anchor relative expressions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dct {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// How it was obtained: `metadata`, `given`, or `inferred: …` with the evidence.
    pub source: String,
}
