//! Temporal tagging throughput: expressions found per second and MB/s of text scanned.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasd_time::TimeTagger;

fn corpus() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let text: String =
        paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect::<Vec<_>>().join("\n");
    text.repeat(1_000_000 / text.len().max(1) + 1)
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let tagger = TimeTagger::default();
    let dct = chrono::NaiveDate::from_ymd_opt(2023, 7, 15);
    let expected = tagger.find(&text, dct).len();
    assert!(expected > 1000, "corpus has only {expected} expressions");
    let mut group = c.benchmark_group("time");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("scan_bytes", |b| {
        b.iter(|| {
            let n = tagger.find(&text, dct).len();
            assert_eq!(n, expected);
            n
        })
    });
    group.throughput(Throughput::Elements(expected as u64));
    group.bench_function("expressions", |b| b.iter(|| tagger.find(&text, dct).len()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
