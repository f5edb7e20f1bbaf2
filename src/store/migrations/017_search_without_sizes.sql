-- Migration 17: the full-text index of incident descriptions without its per-document
-- sizes (FTS5 columnsize=0). Searches filter; nothing ranks their results by relevance,
-- which is all the sizes are for, and they were a row per incident: a million rows
-- written by the first import of a million incidents. The index is built again from
-- the descriptions.
DROP TABLE incident_fts;

CREATE VIRTUAL TABLE incident_fts USING fts5(
    description,
    content = 'incident',
    content_rowid = 'id',
    columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO incident_fts(incident_fts) VALUES ('rebuild');
