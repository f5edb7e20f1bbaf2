-- Migration 1: the programme schema. Codes are stable identifiers (see domain.md);
-- labels are translated by the program, never stored here.

CREATE TABLE programme (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE risk_category (
    code     TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE
);

CREATE TABLE risk_area (
    code          TEXT PRIMARY KEY,
    category_code TEXT NOT NULL REFERENCES risk_category(code),
    position      INTEGER NOT NULL UNIQUE,
    annex_ii      TEXT NOT NULL CHECK (annex_ii IN ('none', 'serious_abuse', 'mitigate', 'per_incident')),
    flagged_class TEXT NOT NULL DEFAULT 'none' CHECK (flagged_class IN ('none', 'serious_abuse', 'mitigate'))
);

CREATE TABLE site (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    country    TEXT NOT NULL CHECK (country IN ('CD', 'RW')),
    province   TEXT NOT NULL,
    territory  TEXT,
    minerals   TEXT NOT NULL,               -- comma-separated mineral codes
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    lat        REAL CHECK (lat BETWEEN -90 AND 90),
    lon        REAL CHECK (lon BETWEEN -180 AND 180),
    concession_wkt TEXT,                    -- optional concession polygon, WGS84
    operator   TEXT,                        -- operator or cooperative
    miners     INTEGER CHECK (miners >= 0)
);
CREATE INDEX site_province ON site(province);

CREATE TABLE stakeholder (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    type      TEXT NOT NULL CHECK (type IN ('asm_miners', 'cooperative', 'operator', 'community_representative',
                  'traditional_authority', 'religious_leader', 'upstream_industry', 'ngo', 'state_service',
                  'government', 'security_sector', 'development_partner', 'media')),
    contact   TEXT,
    languages TEXT                          -- comma-separated language codes
);

CREATE TABLE stakeholder_site (
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
    site_id        INTEGER NOT NULL REFERENCES site(id) ON DELETE CASCADE,
    PRIMARY KEY (stakeholder_id, site_id)
) WITHOUT ROWID;
CREATE INDEX stakeholder_site_site ON stakeholder_site(site_id);

CREATE TABLE incident (
    id           INTEGER PRIMARY KEY,
    source_id    TEXT UNIQUE,               -- Kobo _uuid, ODK meta-instanceID / KEY
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
    raw_source   TEXT,                      -- the source row as imported (JSON)
    status       TEXT NOT NULL DEFAULT 'new'
                 CHECK (status IN ('new', 'in_review', 'verified', 'rejected', 'needs_info')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX incident_site ON incident(site_id);
CREATE INDEX incident_status ON incident(status);

CREATE TABLE incident_status_history (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    reason      TEXT,
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE INDEX incident_status_history_incident ON incident_status_history(incident_id);

CREATE TABLE matrix_version (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1))
);
CREATE UNIQUE INDEX matrix_version_current ON matrix_version(is_current) WHERE is_current = 1;

CREATE TABLE matrix_cell (
    matrix_version_id INTEGER NOT NULL REFERENCES matrix_version(id) ON DELETE CASCADE,
    severity          INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
    likelihood        INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    level             TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high', 'very_high')),
    PRIMARY KEY (matrix_version_id, severity, likelihood)
) WITHOUT ROWID;

CREATE TABLE risk (
    id        INTEGER PRIMARY KEY,
    site_id   INTEGER NOT NULL REFERENCES site(id),
    risk_area TEXT NOT NULL REFERENCES risk_area(code),
    title     TEXT NOT NULL,
    status    TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_on TEXT NOT NULL,
    closed_on TEXT,
    UNIQUE (site_id, risk_area, opened_on)
);
CREATE INDEX risk_area_site ON risk(risk_area, site_id);

CREATE TABLE risk_incident (
    risk_id     INTEGER NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
    PRIMARY KEY (risk_id, incident_id)
) WITHOUT ROWID;
CREATE INDEX risk_incident_incident ON risk_incident(incident_id);

CREATE TABLE risk_assessment (
    id                  INTEGER PRIMARY KEY,
    risk_id             INTEGER NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
    matrix_version_id   INTEGER NOT NULL REFERENCES matrix_version(id),
    severity            INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
    likelihood          INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    level               TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high', 'very_high')),
    red_flag            INTEGER NOT NULL DEFAULT 0 CHECK (red_flag IN (0, 1)),
    escalation_decision TEXT CHECK (escalation_decision IN ('suspend', 'disengage', 'mitigate')),
    escalation_on       TEXT,
    rationale           TEXT NOT NULL,
    assessor            TEXT NOT NULL,
    assessed_on         TEXT NOT NULL
);
CREATE INDEX risk_assessment_risk ON risk_assessment(risk_id, assessed_on);

CREATE TABLE workshop (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES site(id),
    held_on     TEXT NOT NULL,
    facilitator TEXT,
    minutes     TEXT
);
CREATE INDEX workshop_site ON workshop(site_id, held_on);

CREATE TABLE workshop_attendee (
    id             INTEGER PRIMARY KEY,
    workshop_id    INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
    stakeholder_id INTEGER REFERENCES stakeholder(id),
    name           TEXT NOT NULL,
    role           TEXT
);
CREATE INDEX workshop_attendee_workshop ON workshop_attendee(workshop_id);

CREATE TABLE corrective_action (
    id                  INTEGER PRIMARY KEY,
    risk_id             INTEGER NOT NULL REFERENCES risk(id),
    site_id             INTEGER NOT NULL REFERENCES site(id),
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    responsible_id      INTEGER REFERENCES stakeholder(id),
    issued_workshop_id  INTEGER REFERENCES workshop(id),
    issued_on           TEXT,
    due_on              TEXT,
    priority            TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
    status              TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'issued', 'in_progress', 'implemented', 'not_implemented', 'cancelled')),
    status_reason       TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (status = 'draft' OR status = 'cancelled' OR issued_on IS NOT NULL)
);
CREATE INDEX corrective_action_risk ON corrective_action(risk_id);
CREATE INDEX corrective_action_site ON corrective_action(site_id);
CREATE INDEX corrective_action_workshop ON corrective_action(issued_workshop_id);

CREATE TABLE action_supporter (
    action_id      INTEGER NOT NULL REFERENCES corrective_action(id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholder(id),
    PRIMARY KEY (action_id, stakeholder_id)
) WITHOUT ROWID;

CREATE TABLE action_progress (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES corrective_action(id) ON DELETE CASCADE,
    workshop_id INTEGER REFERENCES workshop(id),
    recorded_on TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT,
    recorded_by TEXT NOT NULL
);
CREATE INDEX action_progress_action ON action_progress(action_id, recorded_on);

-- Append-only audit trail: who changed what, when, before and after (JSON).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    operation TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be deleted');
END;
