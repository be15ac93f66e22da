//! CoNLL files: one token per line (first column), tag in the last column, blank lines
//! between sentences.

use crate::errors::{Error, Result};
use crate::tags::{parse, Tag};

/// A sentence: tokens and (if the file has them) tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Tokens.
    pub tokens: Vec<String>,
    /// Gold tags (empty when the file has only tokens).
    pub tags: Vec<Tag>,
}

/// Reads CoNLL text. `map` turns a file's tag into a model tag (`None` = not a tag: error).
/// Sentences longer than `max_len` tokens are cut after a `.` or at `max_len` (some corpora
/// have no sentence breaks).
pub fn parse_text(
    text: &str,
    path: &str,
    with_tags: bool,
    map: &dyn Fn(&str) -> Option<Tag>,
    max_len: usize,
) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let flush = |cur: &mut Sentence, out: &mut Vec<Sentence>| {
        if !cur.tokens.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        let cols: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
        let Some(&token) = cols.first() else { continue };
        cur.tokens.push(token.to_string());
        if with_tags {
            let raw =
                cols.last().copied().filter(|_| cols.len() >= 2).ok_or_else(|| Error::Conll {
                    path: path.to_string(),
                    line: i + 1,
                    message: "expected `token TAG`".into(),
                })?;
            let tag = map(raw).ok_or_else(|| Error::Conll {
                path: path.to_string(),
                line: i + 1,
                message: format!("unknown tag {raw:?}"),
            })?;
            cur.tags.push(tag);
        }
        if cur.tokens.len() >= max_len
            || (cur.tokens.len() >= 8 && token == "." && max_len < usize::MAX)
        {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    Ok(out)
}

/// Reads a CoNLL file with the standard tag set (PERS/PER, LOC, ORG, MISC/MIS).
pub fn read(path: &std::path::Path, with_tags: bool) -> Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    parse_text(&text, &path.display().to_string(), with_tags, &parse, usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentences_and_reports_bad_tags() {
        let s = parse_text("a B-PER\nb I-PER\n\nc O\n", "f", true, &parse, usize::MAX).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, [1, 2]);
        let e = parse_text("a B-XYZ\n", "f", true, &parse, usize::MAX).unwrap_err();
        assert_eq!(e.to_string(), "f:1: unknown tag \"B-XYZ\"");
        let s = parse_text("a\nb\n\n", "f", false, &parse, usize::MAX).unwrap();
        assert_eq!(s[0].tokens, ["a", "b"]);
        assert!(s[0].tags.is_empty());
    }
}
