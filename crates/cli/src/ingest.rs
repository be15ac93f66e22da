//! The ingest driver: walk inputs, read and process in parallel, write in batches.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use rasd_ingest::{read_file, read_jsonl_lines, walk, Error as ReadError, Kind, Options, Skipped};
use rasd_pipeline::{Pipeline, Processed};
use rasd_store::{DocumentStore, WriteOutcome};
use rayon::prelude::*;
use serde::Serialize;

/// Settings of one ingest run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Reader options (size limit, defaults for plain text).
    pub options: Options,
    /// Worker threads for reading and processing (0 = all cores).
    pub jobs: usize,
    /// Documents (or files) per write transaction.
    pub batch_size: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { options: Options::default(), jobs: 0, batch_size: 256 }
    }
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Files found.
    pub files: usize,
    /// New documents stored.
    pub new: usize,
    /// Changed documents replaced.
    pub updated: usize,
    /// Documents already stored with the same content.
    pub unchanged: usize,
    /// Inputs skipped (files, JSON lines, feed entries).
    pub skipped: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// Receives progress and per-item reports while a run goes on.
pub trait Reporter {
    /// The number of files is known.
    fn start(&mut self, files: usize);
    /// One file has been read completely.
    fn file_done(&mut self, summary: &Summary);
    /// An input was skipped.
    fn skipped(&mut self, skipped: &Skipped);
    /// A document was written (or found unchanged).
    fn document(&mut self, id: &str, origin: &str, outcome: WriteOutcome);
}

/// A reporter that says nothing.
pub struct Silent;

impl Reporter for Silent {
    fn start(&mut self, _: usize) {}
    fn file_done(&mut self, _: &Summary) {}
    fn skipped(&mut self, _: &Skipped) {}
    fn document(&mut self, _: &str, _: &str, _: WriteOutcome) {}
}

/// Ingests `paths` into `store`.
pub fn run(
    paths: &[PathBuf],
    store: &mut dyn DocumentStore,
    settings: &Settings,
    reporter: &mut dyn Reporter,
) -> Result<Summary> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.jobs)
        .build()
        .context("cannot start worker threads")?;
    let (files, walk_skips) = walk(paths);
    let mut run = Run {
        store,
        pipeline: Pipeline::default(),
        settings,
        seen: HashMap::new(),
        summary: Summary { files: files.len(), ..Summary::default() },
        reporter,
    };
    run.reporter.start(files.len());
    for s in walk_skips {
        run.skip(s);
    }
    let batch = settings.batch_size.max(1);
    let mut group: Vec<(PathBuf, Kind)> = Vec::with_capacity(batch);
    for path in files {
        let kind = Kind::of(&path);
        if kind == Kind::Jsonl {
            run.flush_files(&pool, &mut group)?;
            run.jsonl(&pool, &path)?;
            run.reporter.file_done(&run.summary);
            continue;
        }
        group.push((path, kind));
        if group.len() >= batch {
            run.flush_files(&pool, &mut group)?;
        }
    }
    run.flush_files(&pool, &mut group)?;
    run.summary.seconds = started.elapsed().as_secs_f64();
    Ok(run.summary)
}

struct Run<'a> {
    store: &'a mut dyn DocumentStore,
    pipeline: Pipeline,
    settings: &'a Settings,
    /// Ids read in this run, with where they came from, to refuse duplicates.
    seen: HashMap<String, String>,
    summary: Summary,
    reporter: &'a mut dyn Reporter,
}

type Processed1 = std::result::Result<Processed, Skipped>;

impl Run<'_> {
    fn skip(&mut self, s: Skipped) {
        self.summary.skipped += 1;
        self.reporter.skipped(&s);
    }

    fn process(pipeline: &Pipeline, item: rasd_ingest::Item) -> Processed1 {
        let doc = item?;
        let origin = doc.origin.clone();
        // A bug in a rule must not stop the run: the document is skipped with the reason
        // (the other documents are stored as usual).
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(doc)));
        match outcome {
            Ok(result) => {
                result.map_err(|e| Skipped { origin, error: ReadError::Processing(e.to_string()) })
            }
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(Skipped {
                    origin,
                    error: ReadError::Processing(format!(
                        "internal error in the pipeline (please report it): {what}"
                    )),
                })
            }
        }
    }

    fn flush_files(
        &mut self,
        pool: &rayon::ThreadPool,
        group: &mut Vec<(PathBuf, Kind)>,
    ) -> Result<()> {
        if group.is_empty() {
            return Ok(());
        }
        let opts = &self.settings.options;
        let pipeline = &self.pipeline;
        let results: Vec<Vec<Processed1>> = pool.install(|| {
            group
                .par_iter()
                .map(|(path, kind)| {
                    read_file(path, *kind, opts)
                        .into_iter()
                        .map(|item| Self::process(pipeline, item))
                        .collect()
                })
                .collect()
        });
        let files = results.len();
        self.write(results.into_iter().flatten().collect())?;
        for _ in 0..files {
            self.reporter.file_done(&self.summary);
        }
        group.clear();
        Ok(())
    }

    /// Streams a JSON Lines file in chunks so that large corpora need little memory.
    fn jsonl(&mut self, pool: &rayon::ThreadPool, path: &Path) -> Result<()> {
        let origin = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                self.skip(Skipped { origin, error: ReadError::Io(e.to_string()) });
                return Ok(());
            }
        };
        let mut reader = BufReader::new(file);
        let chunk_size = self.settings.batch_size.max(1);
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(chunk_size);
        let mut buf = Vec::new();
        let mut n = 0;
        let mut any = false;
        loop {
            buf.clear();
            let read = match reader.read_until(b'\n', &mut buf) {
                Ok(r) => r,
                Err(e) => {
                    self.skip(Skipped {
                        origin: format!("{origin}:{}", n + 1),
                        error: ReadError::Io(e.to_string()),
                    });
                    break;
                }
            };
            if read == 0 {
                break;
            }
            n += 1;
            let bytes = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            let bytes =
                if n == 1 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes };
            match std::str::from_utf8(bytes) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        any = true;
                        chunk.push((n, line.to_string()));
                    }
                }
                Err(e) => self.skip(Skipped {
                    origin: format!("{origin}:{n}"),
                    error: ReadError::Json {
                        line: n,
                        message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                    },
                }),
            }
            if chunk.len() >= chunk_size {
                self.jsonl_chunk(pool, path, &mut chunk)?;
            }
        }
        self.jsonl_chunk(pool, path, &mut chunk)?;
        if !any && n == 0 {
            self.skip(Skipped { origin, error: ReadError::Empty });
        }
        Ok(())
    }

    fn jsonl_chunk(
        &mut self,
        pool: &rayon::ThreadPool,
        path: &Path,
        chunk: &mut Vec<(usize, String)>,
    ) -> Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        let opts = &self.settings.options;
        let pipeline = &self.pipeline;
        let results: Vec<Processed1> = pool.install(|| {
            chunk
                .par_chunks(16)
                .flat_map_iter(|lines| {
                    read_jsonl_lines(lines, path, opts)
                        .into_iter()
                        .map(|item| Self::process(pipeline, item))
                })
                .collect()
        });
        chunk.clear();
        self.write(results)
    }

    fn write(&mut self, results: Vec<Processed1>) -> Result<()> {
        let mut docs = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(p) => {
                    let d = &p.doc.document;
                    if let Some(first) = self.seen.get(&d.id) {
                        let s = Skipped {
                            origin: d.origin.clone(),
                            error: ReadError::DuplicateId {
                                id: d.id.clone(),
                                first: first.clone(),
                            },
                        };
                        self.skip(s);
                        continue;
                    }
                    self.seen.insert(d.id.clone(), d.origin.clone());
                    docs.push(p);
                }
                Err(s) => self.skip(s),
            }
        }
        if docs.is_empty() {
            return Ok(());
        }
        let outcomes = self.store.write_batch(&docs).context("cannot write to the store")?;
        for (p, o) in docs.iter().zip(outcomes) {
            match o {
                WriteOutcome::New => self.summary.new += 1,
                WriteOutcome::Updated => self.summary.updated += 1,
                WriteOutcome::Unchanged => self.summary.unchanged += 1,
            }
            self.reporter.document(&p.doc.document.id, &p.doc.document.origin, o);
        }
        Ok(())
    }
}
