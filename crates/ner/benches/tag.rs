//! Tagging throughput (tokens/s on one core) and model load time.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasd_ner::{conll, Model, Tagger};

fn sentences() -> Vec<Vec<String>> {
    let test = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ner/anercorp/ANERCorp_CamelLab_test.txt");
    if let Ok(s) = conll::read(&test, false) {
        return s.into_iter().map(|s| s.tokens).collect();
    }
    // Without shared/data: the example articles, one sentence per line.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("examples/").flatten() {
        for line in std::fs::read_to_string(e.path()).unwrap_or_default().lines() {
            let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            if !words.is_empty() {
                out.push(words);
            }
        }
    }
    let copy = out.clone();
    (0..50).flat_map(|_| copy.clone()).collect()
}

fn bench(c: &mut Criterion) {
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin")).expect("model");
    let tagger = Tagger::new(Model::from_bytes(&bytes).expect("valid model"));
    let sents = sentences();
    let tokens: usize = sents.iter().map(Vec::len).sum();
    // The whole file as one run of sentences, as `rasd ner tag --conll` reads it: both
    // passes, the document context, Viterbi and the confidences.
    let count = || -> usize {
        tagger
            .tag_run(&sents, false)
            .iter()
            .map(|(t, _)| t.iter().filter(|&&t| t != 0).count())
            .sum()
    };
    let expected = count();
    let mut group = c.benchmark_group("ner");
    group.sample_size(10);
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("tag_tokens", |b| {
        b.iter(|| {
            let n = count();
            assert_eq!(n, expected);
            n
        })
    });
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("load_model", |b| {
        b.iter(|| Model::from_bytes(&bytes).expect("valid").buckets)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
