-- Migration 18: the uniqueness of an incident's source submission id (Kobo _uuid, ODK
-- instance id) moves from the column's UNIQUE constraint to a named index,
-- incident_source_id. SQLite keeps a column constraint in an index that cannot be dropped;
-- a named index can be. A first import of a large file drops it while its rows are written
-- and builds it again in one sorted pass at commit, where a repeated id still fails the
-- whole import: inserting a million random ids into it one row at a time was half of the
-- writing time of such an import.
--
-- SQLite cannot change a column constraint in place, so the table is made again as its
-- documentation describes (https://www.sqlite.org/lang_altertable.html#otheralter), with
-- foreign keys off while the migration runs (Database::migrate checks them before
-- committing). Every row keeps its id, so the rows referring to incidents, and the
-- full-text index over their descriptions, stay as they are. The indexes, triggers and
-- the view over the table are made again as they were.

CREATE TABLE incident_rebuilt (
    id           INTEGER PRIMARY KEY,
    source_id    TEXT,                      -- Kobo _uuid, ODK meta-instanceID / KEY (unique: incident_source_id)
    submitted_at TEXT,                      -- ISO 8601
    observed_on  TEXT NOT NULL,             -- YYYY-MM-DD
    reporter     TEXT,
    site_id      INTEGER REFERENCES site(id),
    lat          REAL,
    lon          REAL,
    risk_area    TEXT NOT NULL REFERENCES risk_area(code),
    annex_flag   INTEGER NOT NULL DEFAULT 0 CHECK (annex_flag IN (0, 1)),
    description  TEXT NOT NULL DEFAULT '',
    language     TEXT,
    children     INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
    women        INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
    men          INTEGER NOT NULL DEFAULT 0 CHECK (men >= 0),
    attachments  TEXT,                      -- attachment file names, one per line
    raw_source   TEXT,                      -- no longer written (migration 7: incident_source)
    status       TEXT NOT NULL DEFAULT 'new'
                 CHECK (status IN ('new', 'in_review', 'verified', 'rejected', 'needs_info')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    import_batch_id INTEGER REFERENCES import_batch(id),
    source_hash  TEXT,
    site_method  TEXT CHECK (site_method IN ('manual', 'inside_concession', 'nearest_within_radius')),
    site_distance_m REAL,
    concession_id INTEGER REFERENCES concession(id) ON DELETE SET NULL,
    protected_area TEXT
);

INSERT INTO incident_rebuilt SELECT * FROM incident;

DROP VIEW incident_source_row;
DROP TABLE incident;
ALTER TABLE incident_rebuilt RENAME TO incident;

CREATE UNIQUE INDEX incident_source_id ON incident(source_id);
CREATE INDEX incident_observed ON incident(observed_on);
CREATE INDEX incident_site_observed ON incident(site_id, observed_on);
CREATE INDEX incident_area_observed ON incident(risk_area, observed_on, status);
CREATE INDEX incident_status ON incident(status, site_id, observed_on, risk_area);
CREATE INDEX incident_verified_kpi ON incident(risk_area, site_id, observed_on) WHERE status = 'verified';
CREATE INDEX incident_verified_site ON incident(site_id, risk_area, observed_on, status) WHERE status = 'verified';
CREATE INDEX incident_verified_observed ON incident(risk_area, observed_on, status) WHERE status = 'verified';
CREATE INDEX incident_protected_area ON incident(protected_area) WHERE protected_area IS NOT NULL;

CREATE TRIGGER incident_tally_insert AFTER INSERT ON incident
BEGIN
    INSERT INTO incident_tally(risk_area, status, n) VALUES (NEW.risk_area, NEW.status, 1)
        ON CONFLICT(risk_area, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER incident_tally_delete AFTER DELETE ON incident
BEGIN
    UPDATE incident_tally SET n = n - 1 WHERE risk_area = OLD.risk_area AND status = OLD.status;
END;

CREATE TRIGGER incident_tally_update AFTER UPDATE OF risk_area, status ON incident
    WHEN OLD.risk_area IS NOT NEW.risk_area OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE incident_tally SET n = n - 1 WHERE risk_area = OLD.risk_area AND status = OLD.status;
    INSERT INTO incident_tally(risk_area, status, n) VALUES (NEW.risk_area, NEW.status, 1)
        ON CONFLICT(risk_area, status) DO UPDATE SET n = n + 1;
END;

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

CREATE VIEW incident_source_row(incident_id, raw_source) AS
SELECT r.incident_id,
       CASE WHEN json_type(r.raw_source) = 'array' AND b.columns IS NOT NULL THEN
           (SELECT '{' || coalesce(group_concat(pair, ','), '') || '}'
              FROM (SELECT json_quote(c.value) || ':' ||
                           CASE WHEN v.type IN ('array', 'object') THEN v.value ELSE json_quote(v.value) END AS pair
                      FROM json_each(b.columns) c JOIN json_each(r.raw_source) v ON v.key = c.key
                     ORDER BY c.key))
       ELSE r.raw_source END
  FROM incident_source r
  JOIN incident i ON i.id = r.incident_id
  LEFT JOIN import_batch b ON b.id = i.import_batch_id;
