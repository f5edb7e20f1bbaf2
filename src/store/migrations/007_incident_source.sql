-- Migration 7: the source row an incident was imported from (the export's row as JSON)
-- moves to a table of its own. At about 1 KB a row it was most of an incident row: every
-- scan of the incident table (building an index, the full-text index, a list without a
-- covering index) read it for nothing, and a million-row import spent most of its time
-- there. incident.raw_source stays in the table for older files but is no longer written.

CREATE TABLE incident_source (
    incident_id INTEGER PRIMARY KEY REFERENCES incident(id) ON DELETE CASCADE,
    raw_source  TEXT NOT NULL
);

INSERT INTO incident_source(incident_id, raw_source)
    SELECT id, raw_source FROM incident WHERE raw_source IS NOT NULL;
UPDATE incident SET raw_source = NULL WHERE raw_source IS NOT NULL;
