//! Sentences and tokens.

use serde::{Deserialize, Serialize};

use crate::Span;

/// One sentence of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where the sentence lies in the original text (trimmed of surrounding space).
    pub span: Span,
}

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word, or a piece of one, in Arabic script.
    Arabic,
    /// A word in Latin (or another non-Arabic) script, possibly with digits.
    Latin,
    /// A number: digits with internal `.`, `,`, `/`, `-` or `:` (3.5, 7/4/2023, 2023-04-07).
    Number,
    /// A punctuation mark.
    Punct,
    /// Any other symbol.
    Symbol,
}

/// The clitic role of an Arabic token piece.
///
/// Arabic attaches conjunctions, prepositions, the article and pronouns to words
/// (`وبالرباط` = و + ب + ال + رباط); the tokenizer splits them and records the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clitic {
    /// Not a clitic: the stem of a word, or a whole word.
    None,
    /// The conjunctions و and ف.
    Conjunction,
    /// The prepositions ب ل ك.
    Preposition,
    /// The future particle س.
    Future,
    /// The definite article ال (also the ل of fused لل).
    Article,
    /// An attached pronoun (ه ها هم هما كم نا ي …).
    Pronoun,
}

/// A token: a word or a clitic piece of one, with its span in the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token lies in the original text.
    pub span: Span,
    /// The conservative normalisation of exactly the original characters under `span`.
    pub text: String,
    /// The piece's written form when it differs from `text`: `ال` for the article hidden in
    /// fused `لل`, a restored `ة` in `حكومته`. Equal to `text` otherwise.
    pub form: String,
    /// What kind of token this is.
    pub kind: TokenKind,
    /// Its clitic role, for Arabic pieces.
    pub clitic: Clitic,
    /// Index of the whitespace-delimited word this piece belongs to (pieces of one word share it).
    pub word: u32,
}

impl Token {
    /// Whether this token is a content piece (not a clitic, not punctuation).
    pub fn is_content(&self) -> bool {
        self.clitic == Clitic::None && !matches!(self.kind, TokenKind::Punct | TokenKind::Symbol)
    }
}
