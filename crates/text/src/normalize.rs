//! Normalisation profiles with an offset map back to the original text.
//!
//! Two profiles, as in charabia's lossless/lossy split:
//!
//! - [`Profile::Conservative`] — for models, display and dates: compatibility forms folded
//!   (NFKC: presentation-form ligatures such as `ﻻ` become `لا`), tatweel, diacritics and
//!   invisible characters removed, combining hamza/madda composed, Arabic-Indic and Persian
//!   digits mapped to ASCII, quotes, dashes and spaces unified. Letters keep their spelling.
//! - [`Profile::Search`] — for search and name matching: the conservative profile, then the
//!   spelling variants that Arabic writers mix freely are folded (أ إ آ ٱ → ا, ى → ي,
//!   ة → ه, ؤ → و, ئ → ي) and Latin is lowercased. Never feed it to a model.
//!
//! Both keep, for every byte of the normalised text, the original byte range it came from,
//! so that any span found in normalised text maps back to the original exactly.

use rasd_doc::Span;
use unicode_normalization::UnicodeNormalization;

use crate::script::{is_arabic_mark, is_invisible};

/// A normalisation profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Reversible-in-spirit normalisation for models, display and dates.
    Conservative,
    /// Lossy folding for search keys and name matching.
    Search,
}

/// Normalised text plus its map to the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    /// Original start byte for each normalised byte.
    starts: Vec<u32>,
    /// Original end byte for each normalised byte.
    ends: Vec<u32>,
    original_len: usize,
}

impl Normalized {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Consumes the value, returning the normalised text.
    pub fn into_string(self) -> String {
        self.text
    }

    /// Maps a byte range of the normalised text to the original text.
    ///
    /// The result covers every original character that produced a byte of the range
    /// (including removed diacritics attached to them). An empty range maps to an empty span
    /// at the corresponding original position.
    pub fn to_original(&self, start: usize, end: usize) -> Span {
        let start = start.min(self.text.len());
        let end = end.clamp(start, self.text.len());
        if start == end {
            let at = if start < self.starts.len() {
                self.starts[start] as usize
            } else {
                self.original_len
            };
            return Span::new(at, at);
        }
        Span::new(self.starts[start] as usize, self.ends[end - 1] as usize)
    }

    /// The original byte offset where normalised byte `at` comes from.
    pub fn original_offset(&self, at: usize) -> usize {
        self.starts.get(at).map_or(self.original_len, |&s| s as usize)
    }
}

/// Normalises `text` with `profile`, keeping the offset map.
///
/// ```
/// use rasd_text::{normalize, Profile};
/// let n = normalize("أمريكـــا ٢٠٢٣", Profile::Search);
/// assert_eq!(n.as_str(), "امريكا 2023");
/// let span = n.to_original(0, "امريكا".len());
/// assert_eq!(span.slice("أمريكـــا ٢٠٢٣"), "أمريكـــا");
/// ```
pub fn normalize(text: &str, profile: Profile) -> Normalized {
    let mut out = Normalizer::new(text.len(), true);
    run(text, profile, &mut out);
    Normalized { text: out.text, starts: out.starts, ends: out.ends, original_len: text.len() }
}

/// Normalises `text` without building the offset map (for keys and queries).
pub fn normalize_str(text: &str, profile: Profile) -> String {
    let mut out = Normalizer::new(text.len(), false);
    run(text, profile, &mut out);
    out.text
}

/// Folds one conservative-normalised character to its search form (see [`Profile::Search`]).
pub fn fold_search(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    }
}

/// Folds one character to the lexicon key form: alef variants and alef maqsura only.
///
/// This is milder than [`fold_search`]: ة stays distinct from ه so that a final ة is never
/// mistaken for the attached pronoun ه.
pub fn fold_lexicon(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        c => c,
    }
}

/// Applies [`fold_search`] and Latin lowercasing to an already conservative string.
pub fn search_key(conservative: &str) -> String {
    let mut out = String::with_capacity(conservative.len());
    for c in conservative.chars() {
        let f = fold_search(c);
        // ASCII is lowercased by fold_search and Arabic has no case: only other scripts need
        // the Unicode tables.
        if f.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&f) || !f.is_uppercase() {
            out.push(f);
        } else {
            out.extend(f.to_lowercase());
        }
    }
    out
}

struct Normalizer {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    map: bool,
}

impl Normalizer {
    fn new(cap: usize, map: bool) -> Normalizer {
        let mapcap = if map { cap } else { 0 };
        Normalizer {
            text: String::with_capacity(cap),
            starts: Vec::with_capacity(mapcap),
            ends: Vec::with_capacity(mapcap),
            map,
        }
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        if self.map {
            for _ in 0..c.len_utf8() {
                self.starts.push(start as u32);
                self.ends.push(end as u32);
            }
        }
    }

    /// Extends the original range of the last output character to `end` (for removed marks).
    fn absorb(&mut self, end: usize) {
        if !self.map {
            return;
        }
        if let Some(last) = self.text.chars().next_back() {
            let n = last.len_utf8();
            let len = self.ends.len();
            for e in &mut self.ends[len - n..] {
                *e = end as u32;
            }
        }
    }

    /// Replaces the last output character (for hamza/madda composition).
    fn replace_last(&mut self, c: char, end: usize) {
        let Some(last) = self.text.pop() else { return };
        if self.map {
            let n = last.len_utf8();
            let start = self.starts[self.starts.len() - n];
            self.starts.truncate(self.starts.len() - n);
            self.ends.truncate(self.ends.len() - n);
            self.push(c, start as usize, end);
        } else {
            self.text.push(c);
        }
    }
}

fn run(text: &str, profile: Profile, out: &mut Normalizer) {
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        if is_invisible(c) || is_arabic_mark(c) {
            out.absorb(end);
            continue;
        }
        if let Some(composed) = compose_hamza(out.text.chars().next_back(), c) {
            let composed =
                if profile == Profile::Search { fold_search(composed) } else { composed };
            out.replace_last(composed, end);
            continue;
        }
        if matches!(c, '\u{0653}'..='\u{0655}') {
            out.absorb(end);
            continue;
        }
        if c == '\r' {
            if matches!(iter.peek(), Some((_, '\n'))) {
                // Keep "\r\n" as one line break mapped to both bytes.
                iter.next();
                out.push('\n', i, end + 1);
            } else {
                out.push('\n', i, end);
            }
            continue;
        }
        match map_char(c) {
            Mapped::One(m) => emit(out, profile, m, i, end),
            Mapped::Str(s) => {
                for m in s.chars() {
                    emit(out, profile, m, i, end);
                }
            }
            Mapped::Nfkc => {
                let mut any = false;
                for m in std::iter::once(c).nfkc() {
                    // Compatibility spacing forms (¯ → space + macron) keep only the mark.
                    if is_arabic_mark(m) || is_invisible(m) || m.is_whitespace() {
                        continue;
                    }
                    any = true;
                    match map_char(m) {
                        Mapped::One(mm) => emit(out, profile, mm, i, end),
                        Mapped::Str(s) => {
                            for mm in s.chars() {
                                emit(out, profile, mm, i, end);
                            }
                        }
                        Mapped::Nfkc => emit(out, profile, m, i, end),
                    }
                }
                if !any {
                    out.absorb(end);
                }
            }
        }
    }
}

fn emit(out: &mut Normalizer, profile: Profile, c: char, start: usize, end: usize) {
    match profile {
        Profile::Conservative => out.push(c, start, end),
        Profile::Search => {
            let f = fold_search(c);
            if f.is_uppercase() {
                for l in f.to_lowercase() {
                    out.push(l, start, end);
                }
            } else {
                out.push(f, start, end);
            }
        }
    }
}

enum Mapped {
    One(char),
    Str(&'static str),
    Nfkc,
}

/// The conservative mapping of one character.
fn map_char(c: char) -> Mapped {
    match c {
        '\u{0660}'..='\u{0669}' => Mapped::One(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Mapped::One(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{066B}' => Mapped::One('.'),
        '\u{066C}' => Mapped::One(','),
        '\u{066A}' => Mapped::One('%'),
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '〝' | '〞' | '＂' => {
            Mapped::One('"')
        }
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => Mapped::One('\''),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⁃' => Mapped::One('-'),
        '…' => Mapped::Str("..."),
        'ک' => Mapped::One('ك'),
        'ی' | 'ې' => Mapped::One('ي'),
        'ۀ' => Mapped::One('ة'),
        'ە' => Mapped::One('ه'),
        '\t' | '\u{000B}' | '\u{000C}' => Mapped::One(' '),
        '\u{2028}' | '\u{2029}' | '\u{0085}' => Mapped::One('\n'),
        c if c.is_ascii() => Mapped::One(c),
        c if c != '\n' && c.is_whitespace() => Mapped::One(' '),
        '\u{0600}'..='\u{06FF}' => Mapped::One(c),
        c if c.is_control() => Mapped::Str(""),
        _ => Mapped::Nfkc,
    }
}

/// Composes a letter with a following combining hamza or madda.
fn compose_hamza(prev: Option<char>, c: char) -> Option<char> {
    match (prev?, c) {
        ('ا', '\u{0653}') => Some('آ'),
        ('ا', '\u{0654}') => Some('أ'),
        ('ا', '\u{0655}') => Some('إ'),
        ('و', '\u{0654}') => Some('ؤ'),
        ('ي', '\u{0654}') | ('ى', '\u{0654}') => Some('ئ'),
        ('ه', '\u{0654}') => Some('ۀ'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($name:ident, $profile:expr, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let got = normalize($input, $profile);
                assert_eq!(got.as_str(), $expected, "\ninput: {:?}", $input);
                assert_eq!(normalize_str($input, $profile), $expected);
            }
        };
    }

    use Profile::{Conservative as C, Search as S};
    t!(strips_diacritics, C, "وَبِالرِّبَاطِ", "وبالرباط");
    t!(strips_tatweel, C, "الـ(سي آي إيه)", "ال(سي آي إيه)");
    t!(maps_arabic_indic_digits, C, "٧ إبريل ٢٠٢٣", "7 إبريل 2023");
    t!(maps_persian_digits, C, "۱۲۳", "123");
    t!(unifies_quotes, C, "«مغرب أنتليجنس» “x”", "\"مغرب أنتليجنس\" \"x\"");
    t!(folds_lam_alef_ligature, C, "ﻻ", "لا");
    t!(folds_allah_ligature, C, "ﷲ", "الله");
    t!(composes_combining_hamza, C, "ا\u{0654}حمد", "أحمد");
    t!(keeps_hamza_in_conservative, C, "أمريكا إلى مؤتمر", "أمريكا إلى مؤتمر");
    t!(folds_alef_in_search, S, "أمريكا إلى آمال", "امريكا الي امال");
    t!(folds_ta_marbuta_in_search, S, "المديرية مؤتمر قائد", "المديريه موتمر قايد");
    t!(lowercases_latin_in_search, S, "CIA Burns", "cia burns");
    t!(removes_zero_width_and_bidi, C, "a\u{200F}b\u{200C}c\u{FEFF}", "abc");
    t!(unifies_spaces_keeps_newlines, C, "a\u{00A0}b\tc\r\nd", "a b c\nd");
    t!(decimal_separator, C, "٣٫٥", "3.5");

    #[test]
    fn offsets_cover_removed_marks() {
        let text = "قالَ الرئيسُ";
        let n = normalize(text, C);
        assert_eq!(n.as_str(), "قال الرئيس");
        // "الرئيس" in normalised text starts at byte 7.
        let span = n.to_original(7, n.as_str().len());
        assert_eq!(span.slice(text), "الرئيسُ");
        let span = n.to_original(0, 6);
        assert_eq!(span.slice(text), "قالَ");
    }

    #[test]
    fn offsets_for_expansions() {
        let text = "x…y";
        let n = normalize(text, C);
        assert_eq!(n.as_str(), "x...y");
        assert_eq!(n.to_original(1, 4).slice(text), "…");
        assert_eq!(n.to_original(2, 3).slice(text), "…");
    }

    #[test]
    fn empty_range_maps_to_position() {
        let n = normalize("ab", C);
        assert!(n.to_original(1, 1).is_empty());
        assert_eq!(n.to_original(2, 2).start, 2);
    }

    #[test]
    fn search_key_matches_profile() {
        let c = normalize_str("أمريكا مؤسسة ABC", C);
        assert_eq!(search_key(&c), normalize_str("أمريكا مؤسسة ABC", S));
    }
}
