-- rasd schema v2: temporal expressions (issue 4). The document's DCT goes in the existing
-- documents.dct / documents.dct_source columns.

CREATE TABLE timexes (
    docno    INTEGER NOT NULL REFERENCES documents(docno) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    value    TEXT,
    modifier TEXT,
    anchor   TEXT NOT NULL,
    calendar TEXT NOT NULL,
    PRIMARY KEY (docno, idx)
) WITHOUT ROWID;

CREATE INDEX timexes_value ON timexes(value);
