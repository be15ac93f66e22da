-- rasd schema v4: event mentions (issue 6): one row per event as one sentence states it.
-- Participants and location are indices into the same document's mentions (mentions.idx).

CREATE TABLE event_mentions (
    docno        INTEGER NOT NULL REFERENCES documents(docno) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    etype        TEXT NOT NULL,
    mode         TEXT,
    -- Space-separated mention indices.
    participants TEXT NOT NULL,
    -- Implied participants by name (the country of a visited city), tab-separated.
    implied      TEXT NOT NULL DEFAULT '',
    location     INTEGER,
    date         TEXT,
    sent_start   INTEGER NOT NULL,
    sent_end     INTEGER NOT NULL,
    trig_start   INTEGER NOT NULL,
    trig_end     INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    PRIMARY KEY (docno, idx)
) WITHOUT ROWID;

CREATE INDEX event_mentions_etype ON event_mentions(etype);

-- Documents stored before this layer existed have no event mentions: forgetting their hash
-- makes the next ingest of the same files process them again (reported as updated).
UPDATE documents SET hash = '';
