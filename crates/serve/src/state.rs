//! Shared server state: store connections, the analysis snapshot, the write lock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use rasd_analysis::{Analysis, Corpus};
use rasd_pipeline::Pipeline;
use rasd_store::{DocumentStore, DocumentSummary, SqliteStore};

use crate::{ApiError, Config};

/// The cross-document analysis with the indexes the API needs, immutable once built.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Entities and merged events.
    pub analysis: Analysis,
    /// (document, sentence start, type) → index of the merged event that sentence supports.
    pub evidence: HashMap<(String, usize, String), usize>,
    /// Event id → index.
    pub event_ids: HashMap<String, usize>,
    /// Documents in the store when it was built.
    pub documents: i64,
    /// Document id → listing line (title, outlet, date), to say who reported an event.
    pub summaries: HashMap<String, DocumentSummary>,
}

impl Snapshot {
    /// The snapshot of an analysis of `store`.
    pub fn from_analysis(store: &SqliteStore, analysis: Analysis) -> rasd_store::Result<Snapshot> {
        let documents = store.stats()?.documents;
        let summaries = store
            .documents(documents.max(0) as usize, 0)?
            .into_iter()
            .map(|d| (d.id.clone(), d))
            .collect();
        let mut evidence = HashMap::new();
        let mut event_ids = HashMap::new();
        for (i, e) in analysis.events.iter().enumerate() {
            event_ids.insert(e.id.clone(), i);
            for ev in &e.evidence {
                evidence.insert((ev.document.clone(), ev.start, e.etype.clone()), i);
            }
        }
        Ok(Snapshot { analysis, evidence, event_ids, documents, summaries })
    }
}

/// What every request shares.
pub struct AppState {
    config: Config,
    pool: Mutex<Vec<SqliteStore>>,
    snapshot: RwLock<Arc<Snapshot>>,
    /// The analysis inputs of every document, updated document by document on writes.
    corpus: Mutex<Corpus>,
    /// One writer at a time.
    pub(crate) write: tokio::sync::Mutex<()>,
    pipeline: OnceLock<Pipeline>,
}

impl AppState {
    /// Opens the store (which must exist) and builds the first snapshot.
    pub fn open(config: Config) -> rasd_store::Result<AppState> {
        let store = SqliteStore::open_existing(&config.db)?;
        let corpus = Corpus::load(&store)?;
        let snapshot = Snapshot::from_analysis(&store, corpus.analysis())?;
        Ok(AppState {
            config,
            pool: Mutex::new(vec![store]),
            snapshot: RwLock::new(Arc::new(snapshot)),
            corpus: Mutex::new(corpus),
            write: tokio::sync::Mutex::new(()),
            pipeline: OnceLock::new(),
        })
    }

    /// The configured write token.
    pub fn token(&self) -> Option<&str> {
        self.config.token.as_deref().filter(|t| !t.is_empty())
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Replaces the snapshot.
    pub(crate) fn set_snapshot(&self, s: Snapshot) {
        let mut guard = match self.snapshot.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        *guard = Arc::new(s);
    }

    /// Re-reads the given documents into the corpus and replaces the snapshot: the other
    /// documents are not read or resolved again.
    pub(crate) fn update_snapshot(
        &self,
        store: &SqliteStore,
        ids: &[String],
    ) -> rasd_store::Result<()> {
        let mut corpus = match self.corpus.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        corpus.update(store, ids)?;
        let snapshot = Snapshot::from_analysis(store, corpus.analysis())?;
        self.set_snapshot(snapshot);
        Ok(())
    }

    /// The ingest pipeline, loaded on first use (the NER model takes a moment).
    pub(crate) fn pipeline(&self) -> &Pipeline {
        self.pipeline.get_or_init(Pipeline::default)
    }

    /// Runs `f` with a store connection on a blocking thread.
    pub(crate) async fn with_store<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteStore, &AppState) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let conn = state.pool.lock().ok().and_then(|mut p| p.pop());
            let mut store = match conn {
                Some(s) => s,
                None => SqliteStore::open_existing(&state.config.db)?,
            };
            let out = f(&mut store, &state);
            if let Ok(mut p) = state.pool.lock() {
                if p.len() < 16 {
                    p.push(store);
                }
            }
            out
        })
        .await
        .map_err(ApiError::internal)?
    }
}
