//! NER model files: any bytes give a model or a typed error (bad magic, version,
//! truncation, indices out of range), never a panic or an unbounded allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasd_ner::Model;

fuzz_target!(|data: &[u8]| {
    let _ = Model::from_bytes(data);
});
