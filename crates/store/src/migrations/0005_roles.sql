-- rasd schema v5: roles and titles with their holders (issue 5), one row per role phrase.

CREATE TABLE roles (
    docno   INTEGER NOT NULL REFERENCES documents(docno) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    head    TEXT NOT NULL,
    org     TEXT,
    country TEXT,
    holder  TEXT,
    PRIMARY KEY (docno, idx)
) WITHOUT ROWID;

CREATE INDEX roles_holder ON roles(holder);

-- Documents stored before this layer existed have no roles: the next ingest reprocesses them.
UPDATE documents SET hash = '';
