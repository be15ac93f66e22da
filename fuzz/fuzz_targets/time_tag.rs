//! Temporal expressions: any text, with or without a publication date, gives expressions
//! whose spans lie on character boundaries of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasd_time::TimeTagger;

fuzz_target!(|input: (&str, Option<&str>)| {
    let (text, published) = input;
    let (_, found) = TimeTagger::default().tag(text, published);
    for t in found {
        assert!(text.get(t.span.start..t.span.end).is_some(), "span {:?} off the text", t.span);
    }
});
