//! The embedded SQLite backend.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rasd_doc::{Dct, Document, EventMention, Format, Mention, Role, Sentence, Span, TimeExpr};
use rasd_pipeline::Processed;
use rasd_text::{search_terms, Tokenizer};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use crate::{
    DocumentRows, DocumentStore, DocumentSummary, Error, Hit, Query, Result, Stats, StoredDocument,
    WriteOutcome,
};

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_documents.sql"),
    include_str!("migrations/0002_timexes.sql"),
    include_str!("migrations/0003_mentions.sql"),
    include_str!("migrations/0004_event_mentions.sql"),
    include_str!("migrations/0005_roles.sql"),
];

/// Longest snippet, in characters, before it is cropped around the first match.
const SNIPPET_CHARS: usize = 320;

/// A store in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").field("path", &self.path).finish()
    }
}

impl SqliteStore {
    /// Opens the store at `path`, creating and migrating it as needed.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path).map_err(|e| sqlite_err(path, e))?;
        let mut store = SqliteStore { conn, path: path.to_path_buf() };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store for reading and querying; fails with [`Error::NotFound`] when
    /// there is none, rather than creating an empty one.
    pub fn open_existing(path: &Path) -> Result<SqliteStore> {
        if !path.is_file() {
            return Err(Error::NotFound { path: path.to_path_buf() });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sqlite_err(path, e))?;
        let mut store = SqliteStore { conn, path: path.to_path_buf() };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The database path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&mut self) -> Result<()> {
        let path = self.path.clone();
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
            )
            .map_err(|e| sqlite_err(&path, e))
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let err = |e| sqlite_err(&path, e);
        let version: i64 =
            self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err)?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::TooNew { path: path.clone(), found: version, known });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction().map_err(err)?;
            tx.execute_batch(sql).map_err(err)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64).map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(())
    }

    fn sentences(&self, docno: i64) -> Result<Vec<Sentence>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT start, end FROM sentences WHERE docno = ?1 ORDER BY idx")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([docno], |r| {
                let (s, e): (i64, i64) = (r.get(0)?, r.get(1)?);
                Ok(Sentence { span: Span::new(s as usize, e.max(s) as usize) })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn mentions(&self, docno: i64) -> Result<Vec<Mention>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT start, end, text, name, label, confidence, source FROM mentions WHERE docno = ?1 ORDER BY idx",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([docno], |r| {
                let (s, e): (i64, i64) = (r.get(0)?, r.get(1)?);
                Ok(Mention {
                    span: Span::new(s as usize, e.max(s) as usize),
                    text: r.get(2)?,
                    name: r.get(3)?,
                    label: r.get(4)?,
                    confidence: r.get::<_, f64>(5)? as f32,
                    source: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn timexes(&self, docno: i64) -> Result<Vec<TimeExpr>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT start, end, text, value, modifier, anchor, calendar FROM timexes WHERE docno = ?1 ORDER BY idx",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([docno], |r| {
                let (s, e): (i64, i64) = (r.get(0)?, r.get(1)?);
                Ok(TimeExpr {
                    span: Span::new(s as usize, e.max(s) as usize),
                    text: r.get(2)?,
                    value: r.get(3)?,
                    modifier: r.get(4)?,
                    anchor: r.get(5)?,
                    calendar: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn events(&self, docno: i64) -> Result<Vec<EventMention>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT etype, mode, participants, location, date, sent_start, sent_end, trig_start, trig_end, rule, implied
                 FROM event_mentions WHERE docno = ?1 ORDER BY idx",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([docno], event_row).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn roles(&self, docno: i64) -> Result<Vec<Role>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT start, end, text, head, org, country, holder FROM roles WHERE docno = ?1 ORDER BY idx",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([docno], |r| role_row(r, 0)).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        sqlite_err(&self.path, e)
    }
}

fn sqlite_err(path: &Path, source: rusqlite::Error) -> Error {
    Error::Sqlite { path: path.to_path_buf(), source }
}

/// Reads a role from the seven columns starting at `at` (start, end, text, head, org,
/// country, holder).
fn role_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Role> {
    let (s, e): (i64, i64) = (r.get(at)?, r.get(at + 1)?);
    Ok(Role {
        span: Span::new(s.max(0) as usize, e.max(s).max(0) as usize),
        text: r.get(at + 2)?,
        head: r.get(at + 3)?,
        org: r.get(at + 4)?,
        country: r.get(at + 5)?,
        holder: r.get(at + 6)?,
    })
}

fn summary_row(r: &rusqlite::Row) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        published: r.get(2)?,
        source: r.get(3)?,
        format: r.get(4)?,
        chars: r.get(5)?,
        version: r.get(6)?,
        sentences: r.get(7)?,
    })
}

/// Reads an event mention from the eleven columns starting at `etype`.
fn event_row(r: &rusqlite::Row) -> rusqlite::Result<EventMention> {
    event_row_at(r, 0)
}

fn event_row_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<EventMention> {
    let span = |a: usize, b: usize| -> rusqlite::Result<Span> {
        let (s, e): (i64, i64) = (r.get(at + a)?, r.get(at + b)?);
        Ok(Span::new(s.max(0) as usize, e.max(s).max(0) as usize))
    };
    let participants: String = r.get(at + 2)?;
    Ok(EventMention {
        etype: r.get(at)?,
        mode: r.get(at + 1)?,
        participants: participants.split_whitespace().filter_map(|p| p.parse().ok()).collect(),
        location: r.get::<_, Option<i64>>(at + 3)?.map(|l| l.max(0) as usize),
        date: r.get(at + 4)?,
        sentence: span(5, 6)?,
        trigger: span(7, 8)?,
        rule: r.get(at + 9)?,
        implied: r
            .get::<_, String>(at + 10)?
            .split('\t')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

fn format_from(s: &str) -> Format {
    match s {
        "html" => Format::Html,
        "jsonl" => Format::Jsonl,
        "feed" => Format::Feed,
        _ => Format::Text,
    }
}

impl DocumentStore for SqliteStore {
    fn write_batch(&mut self, docs: &[Processed]) -> Result<Vec<WriteOutcome>> {
        let path = self.path.clone();
        let err = |e| sqlite_err(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        {
            let mut find = tx
                .prepare_cached("SELECT docno, hash FROM documents WHERE id = ?1")
                .map_err(err)?;
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO documents (id, title, url, source, author, published, origin, format, text, hash, ingested_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                )
                .map_err(err)?;
            let mut update = tx
                .prepare_cached(
                    "UPDATE documents SET title=?2, url=?3, source=?4, author=?5, published=?6, origin=?7, format=?8, text=?9,
                     hash=?10, version=version+1, dct=NULL, dct_source=NULL, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE docno=?1",
                )
                .map_err(err)?;
            let mut del_sentences =
                tx.prepare_cached("DELETE FROM sentences WHERE docno = ?1").map_err(err)?;
            let mut del_fts =
                tx.prepare_cached("DELETE FROM doc_fts WHERE rowid = ?1").map_err(err)?;
            let mut del_timexes =
                tx.prepare_cached("DELETE FROM timexes WHERE docno = ?1").map_err(err)?;
            let mut add_timex = tx
                .prepare_cached(
                    "INSERT INTO timexes (docno, idx, start, end, text, value, modifier, anchor, calendar)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(err)?;
            let mut del_mentions =
                tx.prepare_cached("DELETE FROM mentions WHERE docno = ?1").map_err(err)?;
            let mut add_mention = tx
                .prepare_cached(
                    "INSERT INTO mentions (docno, idx, start, end, text, name, label, confidence, source)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(err)?;
            let mut del_events =
                tx.prepare_cached("DELETE FROM event_mentions WHERE docno = ?1").map_err(err)?;
            let mut add_event = tx
                .prepare_cached(
                    "INSERT INTO event_mentions (docno, idx, etype, mode, participants, location, date, sent_start, sent_end, trig_start, trig_end, rule, implied)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(err)?;
            let mut del_roles =
                tx.prepare_cached("DELETE FROM roles WHERE docno = ?1").map_err(err)?;
            let mut add_role = tx
                .prepare_cached(
                    "INSERT INTO roles (docno, idx, start, end, text, head, org, country, holder)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(err)?;
            let mut set_dct = tx
                .prepare_cached("UPDATE documents SET dct = ?2, dct_source = ?3 WHERE docno = ?1")
                .map_err(err)?;
            let mut add_sentence = tx
                .prepare_cached(
                    "INSERT INTO sentences (docno, idx, start, end) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            let mut add_fts = tx
                .prepare_cached("INSERT INTO doc_fts (rowid, title, body) VALUES (?1, ?2, ?3)")
                .map_err(err)?;
            for p in docs {
                let d = &p.doc.document;
                let existing: Option<(i64, String)> = find
                    .query_row([&d.id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
                    .map_err(err)?;
                let fields = (
                    &d.title,
                    &d.url,
                    &d.source,
                    &d.author,
                    &d.published,
                    &d.origin,
                    d.format.as_str(),
                    &d.text,
                    &p.hash,
                );
                let docno = match existing {
                    Some((_, hash)) if hash == p.hash => {
                        outcomes.push(WriteOutcome::Unchanged);
                        continue;
                    }
                    Some((docno, _)) => {
                        update
                            .execute(params![
                                docno, fields.0, fields.1, fields.2, fields.3, fields.4, fields.5,
                                fields.6, fields.7, fields.8
                            ])
                            .map_err(err)?;
                        del_sentences.execute([docno]).map_err(err)?;
                        del_fts.execute([docno]).map_err(err)?;
                        del_timexes.execute([docno]).map_err(err)?;
                        del_mentions.execute([docno]).map_err(err)?;
                        del_events.execute([docno]).map_err(err)?;
                        del_roles.execute([docno]).map_err(err)?;
                        outcomes.push(WriteOutcome::Updated);
                        docno
                    }
                    None => {
                        insert
                            .execute(params![
                                d.id, fields.0, fields.1, fields.2, fields.3, fields.4, fields.5,
                                fields.6, fields.7, fields.8
                            ])
                            .map_err(err)?;
                        outcomes.push(WriteOutcome::New);
                        tx.last_insert_rowid()
                    }
                };
                for (i, s) in p.doc.sentences.iter().enumerate() {
                    add_sentence
                        .execute(params![docno, i as i64, s.span.start as i64, s.span.end as i64])
                        .map_err(err)?;
                }
                add_fts.execute(params![docno, p.index_title, p.index_body]).map_err(err)?;
                for (i, t) in p.doc.timexes.iter().enumerate() {
                    add_timex
                        .execute(params![
                            docno,
                            i as i64,
                            t.span.start as i64,
                            t.span.end as i64,
                            t.text,
                            t.value,
                            t.modifier,
                            t.anchor,
                            t.calendar
                        ])
                        .map_err(err)?;
                }
                for (i, m) in p.doc.mentions.iter().enumerate() {
                    add_mention
                        .execute(params![
                            docno,
                            i as i64,
                            m.span.start as i64,
                            m.span.end as i64,
                            m.text,
                            m.name,
                            m.label,
                            m.confidence as f64,
                            m.source
                        ])
                        .map_err(err)?;
                }
                for (i, e) in p.doc.events.iter().enumerate() {
                    let participants: Vec<String> =
                        e.participants.iter().map(|i| i.to_string()).collect();
                    add_event
                        .execute(params![
                            docno,
                            i as i64,
                            e.etype,
                            e.mode,
                            participants.join(" "),
                            e.location.map(|l| l as i64),
                            e.date,
                            e.sentence.start as i64,
                            e.sentence.end as i64,
                            e.trigger.start as i64,
                            e.trigger.end as i64,
                            e.rule,
                            e.implied.join("\t")
                        ])
                        .map_err(err)?;
                }
                for (i, r) in p.doc.roles.iter().enumerate() {
                    add_role
                        .execute(params![
                            docno,
                            i as i64,
                            r.span.start as i64,
                            r.span.end as i64,
                            r.text,
                            r.head,
                            r.org,
                            r.country,
                            r.holder
                        ])
                        .map_err(err)?;
                }
                if let Some(dct) = &p.doc.dct {
                    set_dct.execute(params![docno, dct.date, dct.source]).map_err(err)?;
                }
            }
        }
        tx.commit().map_err(err)?;
        Ok(outcomes)
    }

    fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let row = self
            .conn
            .query_row(
                "SELECT docno, id, title, url, source, author, published, origin, format, text, hash, version, ingested_at, updated_at,
                        dct, dct_source
                 FROM documents WHERE id = ?1",
                [id],
                |r| {
                    let format: String = r.get(8)?;
                    Ok((
                        r.get::<_, i64>(0)?,
                        StoredDocument {
                            document: Document {
                                id: r.get(1)?,
                                title: r.get(2)?,
                                url: r.get(3)?,
                                source: r.get(4)?,
                                author: r.get(5)?,
                                published: r.get(6)?,
                                origin: r.get(7)?,
                                format: format_from(&format),
                                text: r.get(9)?,
                            },
                            hash: r.get(10)?,
                            version: r.get(11)?,
                            ingested_at: r.get(12)?,
                            updated_at: r.get(13)?,
                            dct: match (r.get::<_, Option<String>>(14)?, r.get::<_, Option<String>>(15)?) {
                                (Some(date), source) => Some(Dct { date, source: source.unwrap_or_default() }),
                                _ => None,
                            },
                            sentences: Vec::new(),
                            timexes: Vec::new(),
                            mentions: Vec::new(),
                            events: Vec::new(),
                            roles: Vec::new(),
                        },
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((docno, mut doc)) = row else { return Ok(None) };
        doc.sentences = self.sentences(docno)?;
        doc.timexes = self.timexes(docno)?;
        doc.mentions = self.mentions(docno)?;
        doc.events = self.events(docno)?;
        doc.roles = self.roles(docno)?;
        Ok(Some(doc))
    }

    fn summary(&self, id: &str) -> Result<Option<DocumentSummary>> {
        self.conn
            .prepare_cached(
                "SELECT d.id, d.title, d.published, d.source, d.format, length(d.text), d.version,
                        (SELECT count(*) FROM sentences s WHERE s.docno = d.docno)
                 FROM documents d WHERE d.id = ?1",
            )
            .and_then(|mut stmt| stmt.query_row([id], summary_row).optional())
            .map_err(|e| self.err(e))
    }

    fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.title, d.published, d.source, d.format, length(d.text), d.version,
                        (SELECT count(*) FROM sentences s WHERE s.docno = d.docno)
                 FROM documents d ORDER BY d.published IS NULL, d.published, d.id LIMIT ?1 OFFSET ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![limit as i64, offset as i64], summary_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn search(&self, query: &Query, limit: usize) -> Result<Vec<Hit>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.docno, d.id, d.title, d.published, d.source, d.text, bm25(doc_fts, 3.0, 1.0) AS score
                 FROM doc_fts JOIN documents d ON d.docno = doc_fts.rowid
                 WHERE doc_fts MATCH ?1 ORDER BY score LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![query.fts(), limit as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, f64>(6)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| match e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("fts5") => {
                Error::BadQuery(msg)
            }
            e => self.err(e),
        })?;
        let keys = query.keys();
        let mut hits = Vec::with_capacity(rows.len());
        for (docno, id, title, published, source, text, score) in rows {
            let sentences = self.sentences(docno)?;
            let (snippet, snippet_start, highlights) = snippet(&text, &sentences, &keys);
            hits.push(Hit {
                id,
                title,
                published,
                source,
                score: -score,
                snippet,
                snippet_start,
                highlights,
            });
        }
        Ok(hits)
    }

    fn all_mentions(&self) -> Result<Vec<(String, Mention)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.id, m.start, m.end, m.text, m.name, m.label, m.confidence, m.source
                 FROM mentions m JOIN documents d USING (docno) ORDER BY d.id, m.idx",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let (s, e): (i64, i64) = (r.get(1)?, r.get(2)?);
                Ok((
                    r.get::<_, String>(0)?,
                    Mention {
                        span: Span::new(s as usize, e.max(s) as usize),
                        text: r.get(3)?,
                        name: r.get(4)?,
                        label: r.get(5)?,
                        confidence: r.get::<_, f64>(6)? as f32,
                        source: r.get(7)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn all_event_mentions(&self) -> Result<Vec<(String, EventMention, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.id, substr(CAST(d.text AS BLOB), e.sent_start + 1, e.sent_end - e.sent_start),
                        e.etype, e.mode, e.participants, e.location, e.date, e.sent_start, e.sent_end,
                        e.trig_start, e.trig_end, e.rule, e.implied
                 FROM event_mentions e JOIN documents d USING (docno) ORDER BY d.id, e.idx",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let sentence: Vec<u8> = r.get(1)?;
                Ok((
                    r.get::<_, String>(0)?,
                    event_row_at(r, 2)?,
                    String::from_utf8_lossy(&sentence).into_owned(),
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn all_roles(&self) -> Result<Vec<(String, Option<String>, Role)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.id, coalesce(d.dct, d.published), r.start, r.end, r.text, r.head, r.org, r.country, r.holder
                 FROM roles r JOIN documents d USING (docno) ORDER BY d.id, r.idx",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, role_row(r, 2)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    fn document_rows(&self, id: &str) -> Result<Option<DocumentRows>> {
        let head = self
            .conn
            .query_row(
                "SELECT docno, coalesce(dct, published), text FROM documents WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((docno, date, text)) = head else { return Ok(None) };
        // Each event mention with its sentence, cut from the text as `all_event_mentions`
        // does in SQL (byte offsets).
        let event_mentions = self
            .events(docno)?
            .into_iter()
            .map(|e| {
                let bytes = text.as_bytes();
                let (a, b) = (e.sentence.start.min(bytes.len()), e.sentence.end.min(bytes.len()));
                let sentence = String::from_utf8_lossy(&bytes[a..b.max(a)]).into_owned();
                (e, sentence)
            })
            .collect();
        Ok(Some(DocumentRows {
            mentions: self.mentions(docno)?,
            event_mentions,
            roles: self.roles(docno)?,
            date,
        }))
    }

    fn stats(&self) -> Result<Stats> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences)",
                [],
                |r| Ok(Stats { documents: r.get(0)?, sentences: r.get(1)? }),
            )
            .map_err(|e| self.err(e))
    }
}

/// The sentence with the most distinct query words, cropped, with match ranges.
fn snippet(
    text: &str,
    sentences: &[Sentence],
    keys: &HashSet<&str>,
) -> (String, usize, Vec<(usize, usize)>) {
    let tokens = Tokenizer::default().tokenize(text);
    let matches: Vec<(Span, String)> = search_terms(&tokens)
        .into_iter()
        .filter(|t| keys.contains(t.key.as_str()))
        .map(|t| (t.span, t.key))
        .collect();
    let whole = Span::new(0, text.len());
    let best = sentences
        .iter()
        .map(|s| {
            let distinct: HashSet<&str> = matches
                .iter()
                .filter(|(m, _)| s.span.contains(*m))
                .map(|(_, k)| k.as_str())
                .collect();
            (distinct.len(), s.span)
        })
        .fold(None::<(usize, Span)>, |acc, cur| match acc {
            Some(a) if a.0 >= cur.0 => Some(a),
            _ => Some(cur),
        })
        .map_or(whole, |(_, s)| s);
    let in_best: Vec<Span> =
        matches.iter().map(|(m, _)| *m).filter(|m| best.contains(*m)).collect();
    // Crop long sentences to a window that starts a little before the first match.
    let mut start = best.start;
    let mut end = best.end;
    if text[start..end].chars().count() > SNIPPET_CHARS {
        let anchor = in_best.first().map_or(start, |m| m.start);
        start = back_chars(text, anchor, 60).max(best.start);
        end = forward_chars(text, start, SNIPPET_CHARS).min(best.end);
    }
    let highlights = in_best
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| (m.start - start, m.end - start))
        .collect();
    (text[start..end].to_string(), start, highlights)
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasd_pipeline::Pipeline;

    fn doc(id: &str, title: &str, text: &str) -> Processed {
        Pipeline::default()
            .process(Document {
                id: id.into(),
                title: Some(title.into()),
                url: None,
                source: None,
                author: None,
                published: Some("2023-04-09".into()),
                origin: format!("{id}.txt"),
                format: Format::Text,
                text: text.into(),
            })
            .unwrap()
    }

    fn store() -> (tempfile::TempDir, SqliteStore) {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        (dir, s)
    }

    #[test]
    fn write_is_idempotent_and_replaces_changed_content() {
        let (_d, mut s) = store();
        let a = doc("a", "زيارة", "التقى مدير المخابرات نظيره في الرباط.");
        assert_eq!(s.write_batch(std::slice::from_ref(&a)).unwrap(), [WriteOutcome::New]);
        assert_eq!(s.write_batch(&[a]).unwrap(), [WriteOutcome::Unchanged]);
        let a2 = doc("a", "زيارة", "التقى وزير الخارجية نظيره في واشنطن. ثم غادر.");
        assert_eq!(s.write_batch(&[a2]).unwrap(), [WriteOutcome::Updated]);
        let got = s.document("a").unwrap().unwrap();
        assert_eq!(got.version, 2);
        assert_eq!(got.sentences.len(), 2);
        assert!(got.document.text.contains("واشنطن"));
        assert_eq!(s.stats().unwrap().documents, 1);
        // The old text is gone from the index; the new one is there.
        assert!(s.search(&Query::parse("الرباط").unwrap(), 10).unwrap().is_empty());
        assert_eq!(s.search(&Query::parse("واشنطن").unwrap(), 10).unwrap().len(), 1);
    }

    #[test]
    fn search_folds_clitics_and_spelling_and_highlights() {
        let (_d, mut s) = store();
        s.write_batch(&[
            doc("a", "خبر", "قال مسؤول إن والمخابرات الأمريكية تعمل. جملة أخرى."),
            doc("b", "خبر آخر", "تعاون بالمخابرات مع أمريكا."),
            doc("c", "لا علاقة", "نص عن الزراعة."),
        ])
        .unwrap();
        let hits = s.search(&Query::parse("المخابرات").unwrap(), 10).unwrap();
        let mut ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["a", "b"]);
        let b = hits.iter().find(|h| h.id == "b").unwrap();
        let (hs, he) = b.highlights[0];
        assert_eq!(&b.snippet[hs..he], "مخابرات");
        let hits = s.search(&Query::parse("امريكا").unwrap(), 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "b");
        let hits = s.search(&Query::parse("\"المخابرات الأمريكية\"").unwrap(), 10).unwrap();
        assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a"]);
        let hits = s.search(&Query::parse("المخابرات -أمريكا").unwrap(), 10).unwrap();
        assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn open_existing_refuses_missing_and_non_databases() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.db");
        assert!(matches!(SqliteStore::open_existing(&missing), Err(Error::NotFound { .. })));
        assert!(!missing.exists());
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
        let e = SqliteStore::open_existing(&junk).unwrap_err().to_string();
        assert!(e.contains("junk.db"), "{e}");
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(SqliteStore::open(&path).unwrap());
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(SqliteStore::open(&path), Err(Error::TooNew { found: 99, .. })));
    }

    #[test]
    fn documents_listing() {
        let (_d, mut s) = store();
        s.write_batch(&[doc("b", "ب", "نص. نص."), doc("a", "أ", "نص.")]).unwrap();
        let list = s.documents(10, 0).unwrap();
        assert_eq!(list.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(list[1].sentences, 2);
    }
}
