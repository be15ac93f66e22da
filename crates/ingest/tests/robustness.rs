//! Every reader survives arbitrary bytes: it returns documents or skip reasons, never panics.

use std::path::Path;

use proptest::prelude::*;
use rasd_ingest::{decode, parse_bytes, Kind, Options};

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragments = prop::sample::select(vec![
        b"<html>".to_vec(),
        b"<body>".to_vec(),
        b"<p>".to_vec(),
        b"</p>".to_vec(),
        b"<meta charset=\"windows-1256\">".to_vec(),
        b"<script type=\"application/ld+json\">{\"datePublished\":".to_vec(),
        b"<?xml version=\"1.0\"?><rss><channel>".to_vec(),
        b"<item><title>".to_vec(),
        b"</item>".to_vec(),
        b"{\"id\":".to_vec(),
        b"\"text\":\"".to_vec(),
        b"}\n".to_vec(),
        "التقى الوزير".as_bytes().to_vec(),
        vec![0xC7, 0xE1, 0xD1],
        vec![0xFF],
        vec![0],
        b"\n".to_vec(),
        b"\r\n".to_vec(),
        vec![0xEF, 0xBB, 0xBF],
        vec![0xFF, 0xFE],
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        prop::collection::vec(fragments, 0..30).prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn readers_never_panic(input in bytes()) {
        let _ = decode(&input, true);
        let _ = decode(&input, false);
        for kind in [Kind::Text, Kind::Html, Kind::Jsonl, Kind::Feed] {
            let items = parse_bytes(&input, Path::new("x.bin"), kind, &Options::default());
            for item in items {
                match item {
                    Ok(doc) => prop_assert!(!doc.text.trim().is_empty()),
                    Err(skip) => prop_assert!(skip.origin.starts_with("x.bin")),
                }
            }
        }
    }
}
