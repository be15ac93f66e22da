//! Byte spans into the original text.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A half-open byte range `start..end` into a document's original text.
///
/// Spans always refer to the original, unnormalised text so that evidence can be shown
/// exactly as the article wrote it.
///
/// ```
/// use rasd_doc::Span;
/// let text = "في الرباط";
/// let span = Span::try_new(text, 5, 17).unwrap();
/// assert_eq!(span.slice(text), "الرباط");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Builds a span, panicking if `start > end` (a bug in the caller, never input-derived).
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Builds a span checked against `text`: in bounds and on character boundaries.
    pub fn try_new(text: &str, start: usize, end: usize) -> Result<Span> {
        if start > end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return Err(Error::InvalidSpan { start, end, len: text.len() });
        }
        Ok(Span { start, end })
    }

    /// The text this span covers; empty if the span does not fit `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_spans_off_char_boundaries() {
        let text = "رصد";
        assert!(Span::try_new(text, 0, 2).is_ok());
        assert!(Span::try_new(text, 0, 1).is_err());
        assert!(Span::try_new(text, 4, 2).is_err());
        assert!(Span::try_new(text, 0, 7).is_err());
    }

    #[test]
    #[should_panic]
    fn new_panics_on_reversed_span() {
        let _ = Span::new(3, 1);
    }

    #[test]
    fn contains_and_len() {
        let outer = Span::new(2, 10);
        assert!(outer.contains(Span::new(2, 4)));
        assert!(!outer.contains(Span::new(1, 4)));
        assert_eq!(outer.len(), 8);
        assert!(Span::new(3, 3).is_empty());
    }
}
