//! Ingest: any bytes, read as each input kind (decoding, HTML, JSON Lines, RSS/Atom),
//! give items or per-item errors, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use rasd_ingest::{parse_bytes, Kind, Options};

fuzz_target!(|data: &[u8]| {
    let opts = Options::default();
    for kind in [Kind::Text, Kind::Html, Kind::Jsonl, Kind::Feed] {
        let _ = parse_bytes(data, Path::new("fuzz.input"), kind, &opts);
    }
});
