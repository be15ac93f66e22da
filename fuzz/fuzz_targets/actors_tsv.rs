//! A user's actor dictionary (`--actors FILE`): any text gives actors (bad lines skipped).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = rasd_actors::parse_actors(text);
});
