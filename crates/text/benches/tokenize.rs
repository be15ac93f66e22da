//! Normalisation and tokenisation throughput on the checked-in example articles.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasd_text::{normalize, split_sentences, Profile, Tokenizer};

fn corpus() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let text: String =
        paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect::<Vec<_>>().join("\n");
    // About 1 MB, so that per-call overhead does not dominate.
    text.repeat(1_000_000 / text.len().max(1) + 1)
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let tokenizer = Tokenizer::default();
    // Warm-up and check: the count is a property of the input, so a change shows up here.
    let expected = tokenizer.tokenize(&text).len();
    assert!(expected > 100_000, "corpus too small: {expected} tokens");
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("normalize_conservative", |b| {
        b.iter(|| normalize(&text, Profile::Conservative).as_str().len())
    });
    group.bench_function("normalize_search", |b| {
        b.iter(|| normalize(&text, Profile::Search).as_str().len())
    });
    group.bench_function("sentences", |b| {
        b.iter(|| split_sentences(&normalize(&text, Profile::Conservative)).len())
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            let n = tokenizer.tokenize(&text).len();
            assert_eq!(n, expected);
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
