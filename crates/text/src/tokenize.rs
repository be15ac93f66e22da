//! Tokenisation with clitic segmentation.
//!
//! Text is normalised with the conservative profile, cut into runs of one script (Arabic
//! letters, Latin/other letters, numbers, punctuation), and every Arabic run is split into
//! clitic pieces by the [`Lexicon`]. Every token carries the span of the original characters
//! it came from, so a token of `وَبِالرِّبَاطِ` points at the diacritised letters.

use rasd_doc::{Clitic, Span, Token, TokenKind};

use crate::normalize::{normalize, search_key, Normalized, Profile};
use crate::script::is_arabic_letter;
use crate::segment::Lexicon;

/// Splits text into tokens; built once, shared across threads.
#[derive(Debug, Clone, Copy)]
pub struct Tokenizer<'a> {
    lexicon: &'a Lexicon,
}

impl Default for Tokenizer<'static> {
    fn default() -> Self {
        Tokenizer { lexicon: Lexicon::builtin() }
    }
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer using `lexicon` for clitic decisions.
    pub fn with_lexicon(lexicon: &'a Lexicon) -> Tokenizer<'a> {
        Tokenizer { lexicon }
    }

    /// Tokenises original text.
    ///
    /// ```
    /// use rasd_text::Tokenizer;
    /// let text = "التقى الحموشي بيرنز في الرباط.";
    /// let tokens = Tokenizer::default().tokenize(text);
    /// let forms: Vec<&str> = tokens.iter().map(|t| t.form.as_str()).collect();
    /// assert_eq!(forms, ["التقى", "ال", "حموشي", "بيرنز", "في", "ال", "رباط", "."]);
    /// assert_eq!(tokens[6].span.slice(text), "رباط");
    /// ```
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        self.tokenize_normalized(&normalize(text, Profile::Conservative))
    }

    /// Tokenises text already normalised with [`Profile::Conservative`].
    pub fn tokenize_normalized(&self, norm: &Normalized) -> Vec<Token> {
        let text = norm.as_str();
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut word = 0u32;
        let mut iter = text.char_indices().peekable();
        while let Some((start, c)) = iter.next() {
            if c.is_whitespace() {
                continue;
            }
            let mut end = start + c.len_utf8();
            let kind = if is_arabic_letter(c) {
                while let Some(&(i, n)) = iter.peek() {
                    if !is_arabic_letter(n) {
                        break;
                    }
                    end = i + n.len_utf8();
                    iter.next();
                }
                // Two words run together after a letter that does not join the next one
                // (`غداةإعلان`, `ومنظمتاالأمم`): read as two words.
                match self.glued(norm, start, end, &mut tokens, word) {
                    Some(at) => {
                        self.push_arabic(norm, start, at, word, &mut tokens);
                        self.push_arabic(norm, at, end, word + 1, &mut tokens);
                        word += 2;
                    }
                    None => word += 1,
                }
                continue;
            } else if c.is_ascii_digit() {
                end = number_end(text, start);
                while iter.peek().is_some_and(|&(i, _)| i < end) {
                    iter.next();
                }
                TokenKind::Number
            } else if crate::script::is_alphanumeric(c) {
                while let Some(&(i, n)) = iter.peek() {
                    if !crate::script::is_alphanumeric(n) || is_arabic_letter(n) {
                        break;
                    }
                    end = i + n.len_utf8();
                    iter.next();
                }
                TokenKind::Latin
            } else if is_punct(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            // Never cut inside the expansion of one original character (… → "...").
            while end < text.len() && norm.original_offset(end) == norm.original_offset(end - 1) {
                end += 1;
            }
            while iter.peek().is_some_and(|&(i, _)| i < end) {
                iter.next();
            }
            let piece = &text[start..end];
            tokens.push(Token {
                span: norm.to_original(start, end),
                text: piece.to_string(),
                form: piece.to_string(),
                kind,
                clitic: Clitic::None,
                word,
            });
            word += 1;
        }
        tokens
    }

    /// Where a run of Arabic letters is two words written without the space between: the
    /// run is unknown to the lexicon and cannot be read as clitics and a stem, and after one
    /// of the letters that never join the next (ا د ذ ر ز و ة ى ء and alef with hamza or
    /// madda) it splits into two words the lexicon knows ([`GLUED_MIN_FREQ`] times or
    /// more each, both at least three letters, the second not an ending such as `تين`). The most frequent such pair wins.
    ///
    /// When it is one word, it is pushed as such (its segmentation is computed once).
    fn glued(
        &self,
        norm: &Normalized,
        start: usize,
        end: usize,
        out: &mut Vec<Token>,
        word: u32,
    ) -> Option<usize> {
        let run = &norm.as_str()[start..end];
        let pieces = self.lexicon.segment(run);
        // Two words of three letters or more: six letters (two bytes each) at least.
        let candidate = pieces.len() == 1 && run.len() >= 12 && self.lexicon.freq(run) == 0;
        let at = if candidate { self.glued_at(norm, start, run) } else { None };
        if at.is_none() {
            self.push_pieces(norm, start, end, word, pieces, out);
        }
        at
    }

    fn glued_at(&self, norm: &Normalized, start: usize, run: &str) -> Option<usize> {
        run.char_indices()
            .skip(2)
            .filter(|&(i, c)| {
                i + c.len_utf8() < run.len()
                    && matches!(
                        c,
                        'ا' | 'أ' | 'إ' | 'آ' | 'د' | 'ذ' | 'ر' | 'ز' | 'و' | 'ة' | 'ى' | 'ء'
                    )
            })
            .map(|(i, c)| i + c.len_utf8())
            .filter(|&at| norm.original_offset(start + at) != norm.original_offset(start + at - 1))
            .filter_map(|at| {
                let (left, right) = run.split_at(at);
                let weakest = self.lexicon.freq(left).min(self.lexicon.freq(right));
                let words = left.chars().count() >= 3 && right.chars().count() >= 3;
                // Not a verb's endings (`تضربان`، `حذروهم`): the second word does not start
                // with a letter that begins clitics, nor read as clitics and a stem.
                let suffix = GLUED_NOT_WORDS.contains(&right)
                    || right.starts_with(['و', 'ب', 'ف', 'ل', 'ك', 'ي', 'ت', 'ن'])
                    || self.lexicon.segment(right).len() > 1;
                (words && !suffix && weakest >= GLUED_MIN_FREQ).then_some((weakest, at))
            })
            .max()
            .map(|(_, at)| start + at)
    }

    fn push_arabic(
        &self,
        norm: &Normalized,
        start: usize,
        end: usize,
        word: u32,
        out: &mut Vec<Token>,
    ) {
        let pieces = self.lexicon.segment(&norm.as_str()[start..end]);
        self.push_pieces(norm, start, end, word, pieces, out);
    }

    /// Pushes a word's segmentation as tokens.
    fn push_pieces(
        &self,
        norm: &Normalized,
        start: usize,
        end: usize,
        word: u32,
        pieces: Vec<crate::segment::Piece>,
        out: &mut Vec<Token>,
    ) {
        let text = &norm.as_str()[start..end];
        // A piece boundary inside one original character (a ligature such as ﻻ expanded by
        // NFKC) cannot be given separate spans: keep such a word whole.
        let splits_a_char = pieces.iter().skip(1).any(|p| {
            norm.original_offset(start + p.start) == norm.original_offset(start + p.start - 1)
        });
        if splits_a_char || pieces.len() == 1 {
            let clitic =
                pieces.first().filter(|_| !splits_a_char).map_or(Clitic::None, |p| p.clitic);
            out.push(Token {
                span: norm.to_original(start, end),
                text: text.to_string(),
                form: text.to_string(),
                kind: TokenKind::Arabic,
                clitic,
                word,
            });
            return;
        }
        for p in pieces {
            out.push(Token {
                span: norm.to_original(start + p.start, start + p.end),
                text: text[p.start..p.end].to_string(),
                form: p.form,
                kind: TokenKind::Arabic,
                clitic: p.clitic,
                word,
            });
        }
    }
}

/// How often each of two glued words must occur in the lexicon's corpus to be split apart.
pub const GLUED_MIN_FREQ: u32 = 100;

/// Endings that are also words (`تين` "figs", `يين`): never the second of two glued words.
const GLUED_NOT_WORDS: [&str; 8] = ["تين", "يين", "يون", "يات", "تان", "تين", "ية", "ات"];

/// End of a number starting at `start`: digits with single internal `. , / : -` between digits.
fn number_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() {
        let separator = matches!(bytes[end], b'.' | b',' | b'/' | b':' | b'-')
            && end > start
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !bytes[end].is_ascii_digit() && !separator {
            break;
        }
        end += 1;
    }
    end
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '،' | '؛' | '؟' | '٪' | '۔' | '«' | '»' | '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}')
}

/// A search term: the search-profile key of a content token and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The folded key (`امريكا` for `أمريكا`, `مخابرات` for the stem of `والمخابرات`).
    pub key: String,
    /// The token's span in the original text.
    pub span: Span,
}

/// The search terms of a token stream: content pieces only (clitics and punctuation
/// dropped), folded with the search profile, so `والمخابرات` and `بالمخابرات` both index
/// as `مخابرات`.
pub fn search_terms(tokens: &[Token]) -> Vec<Term> {
    tokens
        .iter()
        .filter(|t| t.is_content())
        .map(|t| Term { key: search_key(&t.form), span: t.span })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        Tokenizer::default().tokenize(text).into_iter().map(|t| t.form).collect()
    }

    #[test]
    fn numbers_dates_and_latin() {
        assert_eq!(
            forms("يوم 7/4/2023 و2023-04-07 نمو 3.5% CIA G20"),
            ["يوم", "7/4/2023", "و", "2023-04-07", "نمو", "3.5", "%", "CIA", "G20"]
        );
    }

    #[test]
    fn two_words_without_a_space_are_two_words() {
        // After ة (which never joins the next letter) the missing space is invisible.
        let text = "غداةإعلان الرئيس";
        let tokens = Tokenizer::default().tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(words, ["غداة", "إعلان", "ال", "رئيس"]);
        assert_ne!(tokens[0].word, tokens[1].word);
        // Verb endings and known words stay whole.
        assert_eq!(forms("تضربان"), ["تضربان"]);
        assert_eq!(forms("والمنظمات"), ["و", "ال", "منظمات"]);
    }

    #[test]
    fn tatweel_article_alone() {
        let text = "مدير الـ(سي آي إيه)";
        let tokens = Tokenizer::default().tokenize(text);
        assert_eq!(tokens[1].form, "ال");
        assert_eq!(tokens[1].clitic, Clitic::Article);
        assert_eq!(tokens[1].span.slice(text), "الـ");
    }

    #[test]
    fn fused_lam_lam_spans() {
        let text = "للولايات";
        let tokens = Tokenizer::default().tokenize(text);
        let spans: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(spans, ["ل", "ل", "ولايات"]);
        assert_eq!(tokens[1].form, "ال");
        assert!(tokens.iter().all(|t| t.word == 0));
    }

    #[test]
    fn diacritics_stay_in_spans() {
        let text = "وَبِالرِّبَاطِ";
        let tokens = Tokenizer::default().tokenize(text);
        let spans: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(spans.concat(), text);
        assert_eq!(
            tokens.iter().map(|t| t.form.as_str()).collect::<Vec<_>>(),
            ["و", "ب", "ال", "رباط"]
        );
    }

    #[test]
    fn search_terms_drop_clitics_and_fold() {
        let tokens = Tokenizer::default().tokenize("والمخابرات في أمريكا.");
        let keys: Vec<String> = search_terms(&tokens).into_iter().map(|t| t.key).collect();
        assert_eq!(keys, ["مخابرات", "في", "امريكا"]);
    }
}
