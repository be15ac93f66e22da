//! Golden output of the text layer on an example article (insta snapshot).
//!
//! A change in normalisation, sentence splitting or clitic segmentation shows up here as a
//! readable diff; review it with `cargo insta review` (or set INSTA_UPDATE=always) and
//! commit the new snapshot when the change is intended.

use std::fmt::Write;

use rasd_text::{normalize, split_sentences, Profile, Tokenizer};

fn render(text: &str) -> String {
    let norm = normalize(text, Profile::Conservative);
    let tokens = Tokenizer::default().tokenize_normalized(&norm);
    let mut out = String::new();
    for (i, s) in split_sentences(&norm).iter().enumerate() {
        writeln!(out, "[{}] {}..{}", i + 1, s.span.start, s.span.end).unwrap();
        for t in tokens.iter().filter(|t| s.span.contains(t.span)) {
            let form = if t.form == t.text { String::new() } else { format!(" -> {}", t.form) };
            writeln!(
                out,
                "  {}..{} {}{} {:?} {:?}",
                t.span.start, t.span.end, t.text, form, t.kind, t.clitic
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn example_with_diacritics() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/ex-05-diacritics.txt");
    let text = std::fs::read_to_string(path).expect("example article");
    insta::assert_snapshot!(render(&text));
}

#[test]
fn example_visit() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/ex-01-rabat-visit.txt");
    let text = std::fs::read_to_string(path).expect("example article");
    insta::assert_snapshot!(render(&text));
}
