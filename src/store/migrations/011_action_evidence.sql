-- Migration 11: evidence files of action progress updates, kept in the database (file
-- name, media type, size, SHA-256 and the bytes) so that a shared package carries them
-- with the records; indexes for the actions of a stakeholder (as responsible, as
-- supporter) behind the actions list, the stakeholder workload and the KPI breakdowns.

CREATE TABLE action_evidence (
    id          INTEGER PRIMARY KEY,
    progress_id INTEGER NOT NULL REFERENCES action_progress(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL CHECK (file_name <> ''),
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    content     BLOB NOT NULL,
    CHECK (length(CAST(content AS BLOB)) = size)
);
CREATE INDEX action_evidence_progress ON action_evidence(progress_id);

CREATE INDEX corrective_action_responsible ON corrective_action(responsible_id, status, issued_on, due_on);
CREATE INDEX action_supporter_stakeholder ON action_supporter(stakeholder_id);
