//! Property tests: arbitrary input never panics, and every span maps back to its text.

use proptest::prelude::*;
use rasd_text::{normalize, normalize_str, split_sentences, Profile, Tokenizer};

/// Strings biased towards Arabic letters, marks, digits, ligatures and punctuation.
fn arabic_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "و",
        "ب",
        "ال",
        "لل",
        "ف",
        "ك",
        "س",
        "ه",
        "ها",
        "ة",
        "ت",
        "أ",
        "إ",
        "آ",
        "ى",
        "ي",
        "ؤ",
        "ئ",
        "ء",
        "رباط",
        "ولايات",
        "لبنان",
        "قال",
        "\u{064E}",
        "\u{0651}",
        "\u{0640}",
        "\u{0654}",
        "\u{0653}",
        "ﻻ",
        "ﷲ",
        "٣",
        "۴",
        "٫",
        "3",
        ".",
        "5",
        "/",
        "-",
        " ",
        "\n",
        "\r\n",
        "،",
        "؟",
        "!",
        "«",
        "»",
        "\u{200F}",
        "\u{FEFF}",
        "A",
        "b",
        "é",
        "…",
        "\t",
        "\u{00A0}",
        "😀",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    for profile in [Profile::Conservative, Profile::Search] {
        let n = normalize(text, profile);
        assert_eq!(n.as_str(), normalize_str(text, profile));
        // Every normalised character maps inside the original text on char boundaries.
        for (i, c) in n.as_str().char_indices() {
            let span = n.to_original(i, i + c.len_utf8());
            assert!(span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    let n = normalize(text, Profile::Conservative);
    for s in split_sentences(&n) {
        assert!(s.span.end <= text.len() && !s.span.is_empty());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
    }
    let tokens = Tokenizer::default().tokenize(text);
    let mut last_end = 0;
    for t in &tokens {
        assert!(t.span.start >= last_end, "tokens overlap or go backwards: {tokens:?}");
        assert!(t.span.end <= text.len());
        let original = t.span.slice(text);
        assert_eq!(original.len(), t.span.len(), "span not on char boundaries");
        // The token text is exactly the conservative normalisation of its original slice.
        assert_eq!(
            normalize_str(original, Profile::Conservative),
            t.text,
            "token {t:?} in {text:?}"
        );
        last_end = t.span.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn arabic_like_text_keeps_offsets(text in arabic_like()) {
        check(&text);
    }
}

#[test]
fn regression_ligature_inside_word() {
    check("وﻻية");
    check("ﷲ");
}

/// The reference the fast paths must agree with: the standard library's tables.
fn search_key_reference(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let f = rasd_text::fold_search(c);
            let lower: Vec<char> =
                if f.is_uppercase() { f.to_lowercase().collect() } else { vec![f] };
            lower
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn fast_character_classes_agree_with_std(c in any::<char>()) {
        prop_assert_eq!(rasd_text::is_alphabetic(c), c.is_alphabetic());
        prop_assert_eq!(rasd_text::is_alphanumeric(c), c.is_alphanumeric());
    }

    #[test]
    fn search_key_agrees_with_the_reference(text in any::<String>()) {
        prop_assert_eq!(rasd_text::search_key(&text), search_key_reference(&text));
    }

    #[test]
    fn search_key_agrees_on_arabic(text in arabic_like()) {
        prop_assert_eq!(rasd_text::search_key(&text), search_key_reference(&text));
    }
}

#[test]
fn fast_character_classes_cover_every_arabic_letter() {
    for c in ('\u{0600}'..='\u{08FF}').chain('\u{FB50}'..='\u{FEFF}') {
        assert_eq!(rasd_text::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        assert_eq!(rasd_text::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
    }
}
