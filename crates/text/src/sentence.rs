//! Sentence splitting for Arabic news.
//!
//! Boundaries are `.` `!` `?` `؟` `…` and line breaks. The Arabic comma `،` and semicolon
//! `؛` are not boundaries: Arabic news chains clauses with them across whole paragraphs.
//! A full stop is not a boundary between digits (`3.5`, `7.4.2023`), when a word character
//! follows it directly (`www.example.com`), or after a single letter (initials such as
//! `J.` or `د.`).

use rasd_doc::Sentence;

use crate::normalize::Normalized;
use crate::script::{is_closing, is_sentence_end};

/// Splits conservative-normalised text into sentences with spans in the original text.
///
/// ```
/// use rasd_text::{normalize, split_sentences, Profile};
/// let text = "قال الوزير إن النمو بلغ 3.5 في المئة. وأضاف، في بيان، أن العمل مستمر!";
/// let n = normalize(text, Profile::Conservative);
/// let s = split_sentences(&n);
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[1].span.slice(text), "وأضاف، في بيان، أن العمل مستمر!");
/// ```
pub fn split_sentences(norm: &Normalized) -> Vec<Sentence> {
    let text = norm.as_str();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut sentences = Vec::new();
    let mut start: Option<usize> = None;
    let push = |start: &mut Option<usize>, end: usize, out: &mut Vec<Sentence>| {
        if let Some(s) = start.take() {
            let trimmed_end = s + text[s..end].trim_end().len();
            if trimmed_end > s {
                out.push(Sentence { span: norm.to_original(s, trimmed_end) });
            }
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '\n' {
            push(&mut start, at, &mut sentences);
            i += 1;
            continue;
        }
        if start.is_none() {
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            start = Some(at);
        }
        if is_sentence_end(c) && is_boundary(&chars, i) {
            // Take the run of end marks and closing quotes/brackets with the sentence.
            let mut j = i + 1;
            while j < chars.len() && (is_sentence_end(chars[j].1) || is_closing(chars[j].1)) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            push(&mut start, end, &mut sentences);
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut start, text.len(), &mut sentences);
    sentences
}

fn is_boundary(chars: &[(usize, char)], i: usize) -> bool {
    let c = chars[i].1;
    if c != '.' {
        return true;
    }
    let prev = i.checked_sub(1).map(|p| chars[p].1);
    let next = chars.get(i + 1).map(|&(_, c)| c);
    // 3.5, www.example.com, a.b: something glued on the right.
    if next.is_some_and(crate::script::is_alphanumeric) {
        return false;
    }
    // Initials: a single letter word before the dot (J. د.).
    if prev.is_some_and(crate::script::is_alphabetic) {
        let before = i.checked_sub(2).map(|p| chars[p].1);
        if before.is_none_or(|b| !crate::script::is_alphanumeric(b)) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{normalize, Profile};

    fn split(text: &str) -> Vec<&str> {
        let n = normalize(text, Profile::Conservative);
        split_sentences(&n).into_iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn comma_is_not_a_boundary() {
        assert_eq!(split("التقى الوزير، ثم غادر، وعاد."), ["التقى الوزير، ثم غادر، وعاد."]);
    }

    #[test]
    fn question_and_exclamation() {
        assert_eq!(split("ما الخبر؟ لا شيء! انتهى"), ["ما الخبر؟", "لا شيء!", "انتهى"]);
    }

    #[test]
    fn line_breaks_are_boundaries() {
        assert_eq!(split("عنوان\n\nنص أول\nنص ثان"), ["عنوان", "نص أول", "نص ثان"]);
    }

    #[test]
    fn no_split_inside_numbers_and_dates() {
        assert_eq!(
            split("بلغ 3.5 في المئة يوم 7/4/2023. ثم"),
            ["بلغ 3.5 في المئة يوم 7/4/2023.", "ثم"]
        );
        assert_eq!(split("في 7.4.2023 حدث ذلك."), ["في 7.4.2023 حدث ذلك."]);
    }

    #[test]
    fn no_split_after_initials() {
        assert_eq!(
            split("قال د. أحمد إن J. Smith وصل. ثم"),
            ["قال د. أحمد إن J. Smith وصل.", "ثم"]
        );
    }

    #[test]
    fn closing_quotes_stay_with_sentence() {
        assert_eq!(split("قال: «انتهى الأمر.» ثم غادر."), ["قال: «انتهى الأمر.»", "ثم غادر."]);
    }

    #[test]
    fn spans_keep_diacritics() {
        assert_eq!(split("قالَ. ذهبَ"), ["قالَ.", "ذهبَ"]);
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("").is_empty());
        assert!(split(" \n\n \t").is_empty());
    }
}
