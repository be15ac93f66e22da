//! CoNLL token files (`rasd ner eval`, `rasd ner tag --conll`): any text parses or gives
//! an error naming the line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasd_ner::conll::parse_text;

fuzz_target!(|text: &str| {
    let _ = parse_text(text, "fuzz.conll", true, &rasd_ner::tags::parse, 200);
    let _ = parse_text(text, "fuzz.conll", false, &rasd_ner::tags::parse, usize::MAX);
});
