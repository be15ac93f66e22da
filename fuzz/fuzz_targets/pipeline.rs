//! The whole analysis pipeline (text layer, time, NER and its rules, actors, roles, events)
//! on any text: it never panics, and every mention's span lies on the original text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rasd_doc::{Document, Format};
use rasd_pipeline::Pipeline;

fuzz_target!(|input: (&str, Option<&str>)| {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    let pipeline = PIPELINE.get_or_init(Pipeline::default);
    let (text, title) = input;
    let document = Document {
        id: "fuzz".into(),
        title: title.map(str::to_string),
        url: None,
        source: None,
        author: None,
        published: None,
        origin: "fuzz".into(),
        format: Format::Text,
        text: text.to_string(),
    };
    if let Ok(p) = pipeline.process(document) {
        for m in &p.doc.mentions {
            assert!(
                text.get(m.span.start..m.span.end).is_some(),
                "mention {:?} off the text",
                m.span
            );
        }
    }
});
