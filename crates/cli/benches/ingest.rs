//! Ingest throughput (parse → analyse → store) on a generated corpus of 10,000 documents.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasd::ingest::{run, Settings, Silent};
use rasd_store::SqliteStore;

const DOCS: usize = 10_000;

/// Writes 10,000 news-like JSON lines built from the example articles' sentences.
fn generate(dir: &std::path::Path) -> PathBuf {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/ex-01-rabat-visit.txt");
    let base = std::fs::read_to_string(examples).expect("examples/ex-01-rabat-visit.txt");
    let sentences: Vec<&str> =
        base.split_inclusive(['.', '،']).map(str::trim).filter(|s| !s.is_empty()).collect();
    let mut out = String::new();
    for i in 0..DOCS {
        let text: Vec<&str> = (0..8).map(|k| sentences[(i * 3 + k) % sentences.len()]).collect();
        let line = serde_json::json!({"id": format!("b{i}"), "title": format!("خبر {i}"), "published": "2023-04-09", "text": text.join(" ")});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, out).expect("write corpus");
    path
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generate(dir.path());
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Elements(DOCS as u64));
    group.sample_size(10);
    for jobs in [1, 2] {
        group.bench_function(format!("10k_docs_jobs{jobs}"), |b| {
            let mut i = 0;
            b.iter(|| {
                i += 1;
                let db = dir.path().join(format!("bench-{jobs}-{i}.db"));
                let mut store = SqliteStore::open(&db).expect("open store");
                let settings = Settings { jobs, ..Settings::default() };
                let summary =
                    run(std::slice::from_ref(&corpus), &mut store, &settings, &mut Silent)
                        .expect("ingest");
                assert_eq!(summary.new, DOCS);
                drop(store);
                let _ = std::fs::remove_file(&db);
                summary.new
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
