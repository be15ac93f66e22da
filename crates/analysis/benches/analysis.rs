//! The cross-document analysis on a real store: a full pass against an incremental update.
//!
//! Needs a store to read: `RASD_BENCH_DB=path/to.db cargo bench -p rasd-analysis` (make one
//! with `python3 benchmarks/load/gen.py ../shared/data 10000 c10k.jsonl` and
//! `rasd --db c10k.db ingest c10k.jsonl`). Without it the bench says so and does nothing.

use criterion::{criterion_group, criterion_main, Criterion};
use rasd_analysis::Corpus;
use rasd_store::{DocumentStore, SqliteStore};

fn bench(c: &mut Criterion) {
    let Some(path) = std::env::var_os("RASD_BENCH_DB") else {
        eprintln!("skipping: set RASD_BENCH_DB to a store (see the file's docs)");
        return;
    };
    let store = SqliteStore::open_existing(std::path::Path::new(&path)).expect("store");
    let docs = store.stats().expect("stats").documents;
    let last = store.documents(1, 0).expect("documents").pop().expect("one document").id;
    let mut g = c.benchmark_group(format!("analysis-{docs}-docs"));
    g.sample_size(10);
    g.bench_function("full: read store, resolve, merge", |b| {
        b.iter(|| Corpus::load(&store).expect("load").analysis())
    });
    let mut corpus = Corpus::load(&store).expect("load");
    g.bench_function("incremental: re-read one document, resolve, merge", |b| {
        b.iter(|| {
            corpus.update(&store, std::slice::from_ref(&last)).expect("update");
            corpus.analysis()
        })
    });
    g.bench_function("incremental: re-read one document, entities only", |b| {
        b.iter(|| {
            corpus.update(&store, std::slice::from_ref(&last)).expect("update");
            corpus.entities()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
