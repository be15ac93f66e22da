-- rasd schema v3: named-entity mentions (issue 3).

CREATE TABLE mentions (
    docno      INTEGER NOT NULL REFERENCES documents(docno) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    name       TEXT NOT NULL,
    label      TEXT NOT NULL,
    confidence REAL NOT NULL,
    source     TEXT NOT NULL,
    PRIMARY KEY (docno, idx)
) WITHOUT ROWID;

CREATE INDEX mentions_label_name ON mentions(label, name);
