//! Character classes used by normalisation, sentence splitting and tokenisation.

/// Arabic letters (the base letters, including Persian/Urdu additions, not marks or digits).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}')
}

/// `char::is_alphabetic`, answering ASCII and Arabic letters (most of what rasd reads)
/// without the Unicode tables.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    c.is_ascii_alphabetic() || is_arabic_letter(c) || (!c.is_ascii() && c.is_alphabetic())
}

/// `char::is_alphanumeric` with the same fast paths as [`is_alphabetic`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_arabic_letter(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// Arabic diacritics and Quranic marks that the conservative profile removes.
///
/// The combining hamza and madda (U+0653..U+0655) are not listed: they are composed with
/// the preceding letter instead (ا + ٔ → أ).
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{0652}' | '\u{0656}'..='\u{065F}'
        | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' | '\u{08CA}'..='\u{08FF}')
}

/// Invisible formatting characters removed by every profile: tatweel, zero-width
/// characters, bidirectional controls, the byte-order mark, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Punctuation marks that end a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

/// Closing quotes and brackets that belong to the sentence they close.
pub fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '»' | '”' | '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_arabic_letter('ب'));
        assert!(is_arabic_letter('ی'));
        assert!(!is_arabic_letter('\u{064E}'));
        assert!(is_arabic_mark('\u{064E}'));
        assert!(!is_arabic_mark('\u{0654}'));
        assert!(is_invisible('\u{0640}'));
        assert!(is_sentence_end('؟'));
        assert!(!is_sentence_end('،'));
    }
}
