//! Words of the normalised text, with clitics stripped where the temporal vocabulary says so.

use rasd_text::{is_arabic_letter, search_key, Normalized};

use crate::lexicon::Lexicon;

/// What a word is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Arabic (or other) letters; `key` is its search key.
    Word,
    /// ASCII digits.
    Number(i64, usize),
    /// A numeric date such as `7/4/2023` or `2023-04-07`.
    NumDate(String),
    /// A punctuation mark.
    Punct(char),
}

/// One word of the text.
#[derive(Debug, Clone)]
pub struct Word {
    /// Start of the word in normalised bytes, after stripped clitics.
    pub start: usize,
    /// End in normalised bytes.
    pub end: usize,
    /// Search key of the word without the stripped clitics.
    pub key: String,
    /// Search key of the whole word.
    pub full: String,
    /// Whether a conjunction or preposition was stripped.
    pub clitic: bool,
    /// Kind.
    pub kind: Kind,
}

/// Splits normalised text into words.
pub fn words(norm: &Normalized, lex: &Lexicon) -> Vec<Word> {
    let text = norm.as_str();
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_ascii_digit() {
            let mut sep = false;
            while let Some(&(i, n)) = it.peek() {
                let next_digit = text[i + n.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
                if n.is_ascii_digit() || (matches!(n, '/' | '-' | '.') && next_digit) {
                    sep |= !n.is_ascii_digit();
                    end = i + n.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let s = &text[start..end];
            let kind = if sep {
                Kind::NumDate(s.to_string())
            } else {
                Kind::Number(s.parse().unwrap_or(i64::MAX), s.len())
            };
            out.push(Word {
                start,
                end,
                key: s.to_string(),
                full: s.to_string(),
                clitic: false,
                kind,
            });
            continue;
        }
        if rasd_text::is_alphabetic(c) {
            while let Some(&(i, n)) = it.peek() {
                if !rasd_text::is_alphabetic(n) || is_arabic_letter(n) != is_arabic_letter(c) {
                    break;
                }
                end = i + n.len_utf8();
                it.next();
            }
            let full = search_key(&text[start..end]);
            let (skip, key) = strip(&full, lex);
            out.push(Word {
                start: start + skip,
                end,
                key,
                full,
                clitic: skip > 0,
                kind: Kind::Word,
            });
            continue;
        }
        out.push(Word {
            start,
            end,
            key: c.to_string(),
            full: c.to_string(),
            clitic: false,
            kind: Kind::Punct(c),
        });
    }
    out
}

/// Strips و ف then ب ل ك (and fused لل) when the rest is temporal vocabulary.
/// Returns the number of bytes stripped and the remaining key.
fn strip(full: &str, lex: &Lexicon) -> (usize, String) {
    if lex.knows(full) {
        return (0, full.to_string());
    }
    let mut candidates: Vec<(usize, String)> = Vec::new();
    let conj = ["و", "ف"].iter().find_map(|p| full.strip_prefix(p).map(|r| (p.len(), r)));
    let bases: Vec<(usize, &str)> = match conj {
        Some((n, r)) => vec![(n, r), (0, full)],
        None => vec![(0, full)],
    };
    for (n, rest) in bases {
        if n > 0 {
            candidates.push((n, rest.to_string()));
        }
        if let Some(r) = rest.strip_prefix("لل") {
            candidates.push((n + "ل".len(), format!("ال{r}")));
        }
        for p in ["ب", "ل", "ك"] {
            if let Some(r) = rest.strip_prefix(p) {
                candidates.push((n + p.len(), r.to_string()));
            }
        }
    }
    candidates
        .into_iter()
        .find(|(_, k)| k.chars().count() >= 2 && lex.knows(k))
        .unwrap_or((0, full.to_string()))
}
