-- rasd schema v1: documents, sentences and the full-text index.
--
-- Every per-document layer hangs off documents.docno with ON DELETE CASCADE, so replacing
-- a changed document is "delete its layers, insert the new ones" in one transaction, and
-- later layers (mentions, timexes, events) are added by new migrations the same way.

CREATE TABLE documents (
    docno       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    title       TEXT,
    url         TEXT,
    source      TEXT,
    author      TEXT,
    published   TEXT,
    -- Document creation time used to anchor relative dates, and how it was obtained
    -- ('metadata', 'inferred: …'); filled by the temporal stage.
    dct         TEXT,
    dct_source  TEXT,
    origin      TEXT NOT NULL,
    format      TEXT NOT NULL,
    text        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    ingested_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX documents_published ON documents(published);

CREATE TABLE sentences (
    docno INTEGER NOT NULL REFERENCES documents(docno) ON DELETE CASCADE,
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    PRIMARY KEY (docno, idx)
) WITHOUT ROWID;

-- rowid = documents.docno. Columns hold search-profile terms (clitics split, letters
-- folded), produced by rasd-text, so the FTS tokenizer only has to split on spaces.
CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');
