-- Migration 5: intake of field exports (mapping profiles, import batches, the mapped
-- row's hash that tells an unchanged resubmission from an edited one) and full-text
-- search over incident descriptions (FTS5, accents folded so "enfant" finds "Enfant"
-- and "securite" finds "sécurité").

CREATE TABLE mapping_profile (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    definition TEXT NOT NULL CHECK (json_valid(definition)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE import_batch (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    profile     TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    rows_read   INTEGER NOT NULL CHECK (rows_read >= 0),
    imported    INTEGER NOT NULL CHECK (imported >= 0),
    updated     INTEGER NOT NULL CHECK (updated >= 0),
    unchanged   INTEGER NOT NULL CHECK (unchanged >= 0),
    skipped     INTEGER NOT NULL CHECK (skipped >= 0),
    conflicts   INTEGER NOT NULL CHECK (conflicts >= 0),
    CHECK (rows_read = imported + updated + unchanged + skipped + conflicts)
);

ALTER TABLE incident ADD COLUMN import_batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE incident ADD COLUMN source_hash TEXT;

CREATE VIRTUAL TABLE incident_fts USING fts5(
    description,
    content = 'incident',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER incident_fts_insert AFTER INSERT ON incident
BEGIN
    INSERT INTO incident_fts(rowid, description) VALUES (NEW.id, NEW.description);
END;

CREATE TRIGGER incident_fts_delete AFTER DELETE ON incident
BEGIN
    INSERT INTO incident_fts(incident_fts, rowid, description) VALUES ('delete', OLD.id, OLD.description);
END;

CREATE TRIGGER incident_fts_update AFTER UPDATE OF description ON incident
BEGIN
    INSERT INTO incident_fts(incident_fts, rowid, description) VALUES ('delete', OLD.id, OLD.description);
    INSERT INTO incident_fts(rowid, description) VALUES (NEW.id, NEW.description);
END;

INSERT INTO incident_fts(incident_fts) VALUES ('rebuild');
