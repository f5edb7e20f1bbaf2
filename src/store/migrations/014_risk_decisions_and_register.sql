-- Migration 14, part 1: the escalation decisions of red-flagged (OECD Annex II) risks and
-- the reviews of their mitigation plans, kept as a history of their own: a risk expert decides
-- (suspend, disengage, mitigate) at another moment than the assessment, e.g. after a call
-- with the purchaser, and reviews a mitigation plan every six months. A decision taken
-- with an assessment (risk_assessment.escalation_decision) is copied here by a trigger, so
-- the history holds every decision. Each risk carries its current decision (the latest by
-- date, then id) and the date of the latest review of it, kept by triggers; the program
-- never writes these columns. Rows are never changed: a new decision or review is added.

CREATE TABLE risk_decision (
    id            INTEGER PRIMARY KEY,
    risk_id       INTEGER NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('decision', 'review')),
    decision      TEXT NOT NULL CHECK (decision IN ('suspend', 'disengage', 'mitigate')), -- a review: the one reviewed
    dated_on      TEXT NOT NULL,  -- YYYY-MM-DD of the decision or of the review
    note          TEXT NOT NULL,  -- the rationale of a decision, what a review found
    decided_by    TEXT NOT NULL,
    assessment_id INTEGER REFERENCES risk_assessment(id) ON DELETE CASCADE, -- taken with this assessment
    recorded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX risk_decision_risk ON risk_decision(risk_id, kind, dated_on);
CREATE INDEX risk_decision_assessment ON risk_decision(assessment_id); -- the foreign key's lookups

ALTER TABLE risk ADD COLUMN decision TEXT NOT NULL DEFAULT '';    -- '' when none
ALTER TABLE risk ADD COLUMN decided_on TEXT NOT NULL DEFAULT '';
ALTER TABLE risk ADD COLUMN reviewed_on TEXT NOT NULL DEFAULT ''; -- latest review of a current mitigate decision

INSERT INTO risk_decision(risk_id, kind, decision, dated_on, note, decided_by, assessment_id, recorded_at)
    SELECT risk_id, 'decision', escalation_decision, coalesce(escalation_on, assessed_on), rationale, assessor, id,
           assessed_on || 'T00:00:00Z'
      FROM risk_assessment WHERE escalation_decision IS NOT NULL ORDER BY id;

UPDATE risk SET
    decision = (SELECT d.decision FROM risk_decision d WHERE d.risk_id = risk.id AND d.kind = 'decision'
                 ORDER BY d.dated_on DESC, d.id DESC LIMIT 1),
    decided_on = (SELECT d.dated_on FROM risk_decision d WHERE d.risk_id = risk.id AND d.kind = 'decision'
                   ORDER BY d.dated_on DESC, d.id DESC LIMIT 1)
 WHERE id IN (SELECT risk_id FROM risk_decision);

CREATE TRIGGER risk_decision_from_assessment AFTER INSERT ON risk_assessment
    WHEN NEW.escalation_decision IS NOT NULL
BEGIN
    INSERT INTO risk_decision(risk_id, kind, decision, dated_on, note, decided_by, assessment_id)
        VALUES (NEW.risk_id, 'decision', NEW.escalation_decision, coalesce(NEW.escalation_on, NEW.assessed_on),
                NEW.rationale, NEW.assessor, NEW.id);
END;

-- The risk's current decision and the latest review on or after it (mitigate only),
-- computed again for that one risk through the index.
CREATE TRIGGER risk_decision_insert AFTER INSERT ON risk_decision
BEGIN
    UPDATE risk SET
        decision = coalesce((SELECT d.decision FROM risk_decision d WHERE d.risk_id = NEW.risk_id AND d.kind = 'decision'
                              ORDER BY d.dated_on DESC, d.id DESC LIMIT 1), ''),
        decided_on = coalesce((SELECT d.dated_on FROM risk_decision d WHERE d.risk_id = NEW.risk_id AND d.kind = 'decision'
                                ORDER BY d.dated_on DESC, d.id DESC LIMIT 1), '')
     WHERE id = NEW.risk_id;
    UPDATE risk SET
        reviewed_on = CASE WHEN decision = 'mitigate' THEN
            coalesce((SELECT max(v.dated_on) FROM risk_decision v WHERE v.risk_id = NEW.risk_id AND v.kind = 'review'
                        AND v.dated_on >= risk.decided_on), '') ELSE '' END
     WHERE id = NEW.risk_id;
END;

CREATE TRIGGER risk_decision_delete AFTER DELETE ON risk_decision
BEGIN
    UPDATE risk SET
        decision = coalesce((SELECT d.decision FROM risk_decision d WHERE d.risk_id = OLD.risk_id AND d.kind = 'decision'
                              ORDER BY d.dated_on DESC, d.id DESC LIMIT 1), ''),
        decided_on = coalesce((SELECT d.dated_on FROM risk_decision d WHERE d.risk_id = OLD.risk_id AND d.kind = 'decision'
                                ORDER BY d.dated_on DESC, d.id DESC LIMIT 1), '')
     WHERE id = OLD.risk_id;
    UPDATE risk SET
        reviewed_on = CASE WHEN decision = 'mitigate' THEN
            coalesce((SELECT max(v.dated_on) FROM risk_decision v WHERE v.risk_id = OLD.risk_id AND v.kind = 'review'
                        AND v.dated_on >= risk.decided_on), '') ELSE '' END
     WHERE id = OLD.risk_id;
END;

CREATE TRIGGER risk_decision_no_update BEFORE UPDATE ON risk_decision
BEGIN
    SELECT RAISE(ABORT, 'a decision or review is kept as it was recorded: record a new one instead');
END;

-- Migration 14, part 2: the register's list reads one row per risk. Each risk carries its
-- open actions (issued or in progress) and attached incidents, counted by triggers on
-- corrective_action and risk_incident, and the severity, likelihood, date, assessor and
-- matrix version of its current assessment, copied when the current assessment changes
-- (migration 12 keeps which one it is). The full register (242,500 open risks on the x500
-- demo) then reads without a correlated count or a join per risk. No trigger on incident:
-- an import of new incidents pays nothing; a verified incident pays one rowid update.

ALTER TABLE risk ADD COLUMN open_actions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risk ADD COLUMN incidents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risk ADD COLUMN current_severity INTEGER NOT NULL DEFAULT 0;   -- 0 when never assessed
ALTER TABLE risk ADD COLUMN current_likelihood INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risk ADD COLUMN assessed_on TEXT NOT NULL DEFAULT '';
ALTER TABLE risk ADD COLUMN assessor TEXT NOT NULL DEFAULT '';
ALTER TABLE risk ADD COLUMN matrix_version INTEGER NOT NULL DEFAULT 0;     -- matrix_version.version

UPDATE risk SET
    open_actions = (SELECT count(*) FROM corrective_action c WHERE c.risk_id = risk.id
                     AND c.status IN ('issued', 'in_progress')),
    incidents = (SELECT count(*) FROM risk_incident ri WHERE ri.risk_id = risk.id)
 WHERE true;
UPDATE risk SET
    current_severity = (SELECT a.severity FROM risk_assessment a WHERE a.id = risk.current_assessment_id),
    current_likelihood = (SELECT a.likelihood FROM risk_assessment a WHERE a.id = risk.current_assessment_id),
    assessed_on = (SELECT a.assessed_on FROM risk_assessment a WHERE a.id = risk.current_assessment_id),
    assessor = (SELECT a.assessor FROM risk_assessment a WHERE a.id = risk.current_assessment_id),
    matrix_version = (SELECT v.version FROM risk_assessment a JOIN matrix_version v ON v.id = a.matrix_version_id
                       WHERE a.id = risk.current_assessment_id)
 WHERE current_assessment_id IS NOT NULL;

CREATE TRIGGER risk_current_details AFTER UPDATE OF current_assessment_id ON risk
    WHEN OLD.current_assessment_id IS NOT NEW.current_assessment_id
BEGIN
    UPDATE risk SET
        current_severity = coalesce((SELECT a.severity FROM risk_assessment a WHERE a.id = NEW.current_assessment_id), 0),
        current_likelihood = coalesce((SELECT a.likelihood FROM risk_assessment a WHERE a.id = NEW.current_assessment_id), 0),
        assessed_on = coalesce((SELECT a.assessed_on FROM risk_assessment a WHERE a.id = NEW.current_assessment_id), ''),
        assessor = coalesce((SELECT a.assessor FROM risk_assessment a WHERE a.id = NEW.current_assessment_id), ''),
        matrix_version = coalesce((SELECT v.version FROM risk_assessment a JOIN matrix_version v ON v.id = a.matrix_version_id
                                    WHERE a.id = NEW.current_assessment_id), 0)
     WHERE id = NEW.id;
END;

CREATE TRIGGER risk_incidents_insert AFTER INSERT ON risk_incident
BEGIN
    UPDATE risk SET incidents = incidents + 1 WHERE id = NEW.risk_id;
END;

CREATE TRIGGER risk_incidents_delete AFTER DELETE ON risk_incident
BEGIN
    UPDATE risk SET incidents = incidents - 1 WHERE id = OLD.risk_id;
END;

CREATE TRIGGER risk_incidents_update AFTER UPDATE OF risk_id ON risk_incident
    WHEN OLD.risk_id IS NOT NEW.risk_id
BEGIN
    UPDATE risk SET incidents = incidents - 1 WHERE id = OLD.risk_id;
    UPDATE risk SET incidents = incidents + 1 WHERE id = NEW.risk_id;
END;

CREATE TRIGGER risk_open_actions_insert AFTER INSERT ON corrective_action
    WHEN NEW.status IN ('issued', 'in_progress')
BEGIN
    UPDATE risk SET open_actions = open_actions + 1 WHERE id = NEW.risk_id;
END;

CREATE TRIGGER risk_open_actions_delete AFTER DELETE ON corrective_action
    WHEN OLD.status IN ('issued', 'in_progress')
BEGIN
    UPDATE risk SET open_actions = open_actions - 1 WHERE id = OLD.risk_id;
END;

CREATE TRIGGER risk_open_actions_update AFTER UPDATE OF status, risk_id ON corrective_action
    WHEN (OLD.status IN ('issued', 'in_progress')) IS NOT (NEW.status IN ('issued', 'in_progress'))
      OR OLD.risk_id IS NOT NEW.risk_id
BEGIN
    UPDATE risk SET open_actions = open_actions - 1
     WHERE id = OLD.risk_id AND OLD.status IN ('issued', 'in_progress');
    UPDATE risk SET open_actions = open_actions + 1
     WHERE id = NEW.risk_id AND NEW.status IN ('issued', 'in_progress');
END;

-- Migration 14, part 3: the implementation rate by site and by month of issue (quarters
-- add up months) from tallies of the issued actions kept by triggers on corrective_action,
-- like the tally by responsible stakeholder of migration 13, instead of a GROUP BY over
-- every action (549,000 issued on the x500 demo). store/KpiBreakdown reads them.

CREATE TABLE action_site_tally (
    site_id         INTEGER PRIMARY KEY,
    issued          INTEGER NOT NULL DEFAULT 0,
    still_issued    INTEGER NOT NULL DEFAULT 0,
    in_progress     INTEGER NOT NULL DEFAULT 0,
    implemented     INTEGER NOT NULL DEFAULT 0,
    not_implemented INTEGER NOT NULL DEFAULT 0,
    cancelled       INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER action_site_tally_insert AFTER INSERT ON corrective_action
    WHEN NEW.issued_on IS NOT NULL
BEGIN
    INSERT INTO action_site_tally(site_id, issued, still_issued, in_progress, implemented, not_implemented, cancelled)
        VALUES (NEW.site_id, 1, NEW.status = 'issued', NEW.status = 'in_progress', NEW.status = 'implemented',
                NEW.status = 'not_implemented', NEW.status = 'cancelled')
        ON CONFLICT(site_id) DO UPDATE SET
            issued = issued + 1, still_issued = still_issued + excluded.still_issued,
            in_progress = in_progress + excluded.in_progress, implemented = implemented + excluded.implemented,
            not_implemented = not_implemented + excluded.not_implemented, cancelled = cancelled + excluded.cancelled;
END;

CREATE TRIGGER action_site_tally_delete AFTER DELETE ON corrective_action
    WHEN OLD.issued_on IS NOT NULL
BEGIN
    UPDATE action_site_tally SET
        issued = issued - 1, still_issued = still_issued - (OLD.status = 'issued'),
        in_progress = in_progress - (OLD.status = 'in_progress'), implemented = implemented - (OLD.status = 'implemented'),
        not_implemented = not_implemented - (OLD.status = 'not_implemented'),
        cancelled = cancelled - (OLD.status = 'cancelled')
        WHERE site_id = OLD.site_id;
END;

CREATE TRIGGER action_site_tally_update AFTER UPDATE OF status, issued_on, site_id ON corrective_action
    WHEN OLD.status IS NOT NEW.status OR OLD.issued_on IS NOT NEW.issued_on OR OLD.site_id IS NOT NEW.site_id
BEGIN
    UPDATE action_site_tally SET
        issued = issued - 1, still_issued = still_issued - (OLD.status = 'issued'),
        in_progress = in_progress - (OLD.status = 'in_progress'), implemented = implemented - (OLD.status = 'implemented'),
        not_implemented = not_implemented - (OLD.status = 'not_implemented'),
        cancelled = cancelled - (OLD.status = 'cancelled')
        WHERE site_id = OLD.site_id AND OLD.issued_on IS NOT NULL;
    INSERT INTO action_site_tally(site_id, issued, still_issued, in_progress, implemented, not_implemented, cancelled)
        SELECT NEW.site_id, 1, NEW.status = 'issued', NEW.status = 'in_progress', NEW.status = 'implemented',
               NEW.status = 'not_implemented', NEW.status = 'cancelled'
        WHERE NEW.issued_on IS NOT NULL
        ON CONFLICT(site_id) DO UPDATE SET
            issued = issued + 1, still_issued = still_issued + excluded.still_issued,
            in_progress = in_progress + excluded.in_progress, implemented = implemented + excluded.implemented,
            not_implemented = not_implemented + excluded.not_implemented, cancelled = cancelled + excluded.cancelled;
END;

CREATE TABLE action_month_tally (
    month           TEXT PRIMARY KEY, -- YYYY-MM of issue
    issued          INTEGER NOT NULL DEFAULT 0,
    still_issued    INTEGER NOT NULL DEFAULT 0,
    in_progress     INTEGER NOT NULL DEFAULT 0,
    implemented     INTEGER NOT NULL DEFAULT 0,
    not_implemented INTEGER NOT NULL DEFAULT 0,
    cancelled       INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER action_month_tally_insert AFTER INSERT ON corrective_action
    WHEN NEW.issued_on IS NOT NULL
BEGIN
    INSERT INTO action_month_tally(month, issued, still_issued, in_progress, implemented, not_implemented, cancelled)
        VALUES (substr(NEW.issued_on, 1, 7), 1, NEW.status = 'issued', NEW.status = 'in_progress', NEW.status = 'implemented',
                NEW.status = 'not_implemented', NEW.status = 'cancelled')
        ON CONFLICT(month) DO UPDATE SET
            issued = issued + 1, still_issued = still_issued + excluded.still_issued,
            in_progress = in_progress + excluded.in_progress, implemented = implemented + excluded.implemented,
            not_implemented = not_implemented + excluded.not_implemented, cancelled = cancelled + excluded.cancelled;
END;

CREATE TRIGGER action_month_tally_delete AFTER DELETE ON corrective_action
    WHEN OLD.issued_on IS NOT NULL
BEGIN
    UPDATE action_month_tally SET
        issued = issued - 1, still_issued = still_issued - (OLD.status = 'issued'),
        in_progress = in_progress - (OLD.status = 'in_progress'), implemented = implemented - (OLD.status = 'implemented'),
        not_implemented = not_implemented - (OLD.status = 'not_implemented'),
        cancelled = cancelled - (OLD.status = 'cancelled')
        WHERE month = substr(OLD.issued_on, 1, 7);
END;

CREATE TRIGGER action_month_tally_update AFTER UPDATE OF status, issued_on, site_id ON corrective_action
    WHEN OLD.status IS NOT NEW.status OR OLD.issued_on IS NOT NEW.issued_on OR OLD.site_id IS NOT NEW.site_id
BEGIN
    UPDATE action_month_tally SET
        issued = issued - 1, still_issued = still_issued - (OLD.status = 'issued'),
        in_progress = in_progress - (OLD.status = 'in_progress'), implemented = implemented - (OLD.status = 'implemented'),
        not_implemented = not_implemented - (OLD.status = 'not_implemented'),
        cancelled = cancelled - (OLD.status = 'cancelled')
        WHERE month = substr(OLD.issued_on, 1, 7) AND OLD.issued_on IS NOT NULL;
    INSERT INTO action_month_tally(month, issued, still_issued, in_progress, implemented, not_implemented, cancelled)
        SELECT substr(NEW.issued_on, 1, 7), 1, NEW.status = 'issued', NEW.status = 'in_progress', NEW.status = 'implemented',
               NEW.status = 'not_implemented', NEW.status = 'cancelled'
        WHERE NEW.issued_on IS NOT NULL
        ON CONFLICT(month) DO UPDATE SET
            issued = issued + 1, still_issued = still_issued + excluded.still_issued,
            in_progress = in_progress + excluded.in_progress, implemented = implemented + excluded.implemented,
            not_implemented = not_implemented + excluded.not_implemented, cancelled = cancelled + excluded.cancelled;
END;

INSERT INTO action_site_tally(site_id, issued, still_issued, in_progress, implemented, not_implemented, cancelled)
    SELECT site_id, count(*), sum(status = 'issued'), sum(status = 'in_progress'), sum(status = 'implemented'),
           sum(status = 'not_implemented'), sum(status = 'cancelled')
      FROM corrective_action WHERE issued_on IS NOT NULL GROUP BY site_id;
INSERT INTO action_month_tally(month, issued, still_issued, in_progress, implemented, not_implemented, cancelled)
    SELECT substr(issued_on, 1, 7), count(*), sum(status = 'issued'), sum(status = 'in_progress'),
           sum(status = 'implemented'), sum(status = 'not_implemented'), sum(status = 'cancelled')
      FROM corrective_action WHERE issued_on IS NOT NULL GROUP BY 1;

-- Migration 14, part 4: the register's list as the Risks page reads it, one narrow row of
-- integers per risk kept by triggers on risk: the full list (242,500 open risks on the
-- x500 demo) then decodes six integers a row instead of a dozen columns of a wide row.
-- store/RiskRegister (list_register) reads it; the program never writes it.
CREATE TABLE risk_list (
    risk_id     INTEGER PRIMARY KEY,  -- risk.id
    site_id     INTEGER NOT NULL,
    state       INTEGER NOT NULL,     -- bits 0-7 area position, 8-11 severity, 12-15 likelihood, 16 red flag,
                                      -- 20-23 level (1 low .. 4 very high), 24-27 decision (1 suspend,
                                      -- 2 disengage, 3 mitigate), 28 open
    counts      INTEGER NOT NULL,     -- open actions | incidents << 32
    opened_on   INTEGER NOT NULL,     -- dates as YYYYMMDD, 0 for none
    assessed_on INTEGER NOT NULL,
    decided_on  INTEGER NOT NULL,
    review_from INTEGER NOT NULL      -- the decision or its latest review: the review clock's start
);
CREATE INDEX risk_list_site ON risk_list(site_id);

CREATE TRIGGER risk_list_insert AFTER INSERT ON risk
BEGIN
    INSERT INTO risk_list(risk_id, site_id, state, counts, opened_on, assessed_on, decided_on, review_from)
    VALUES (NEW.id, NEW.site_id,
        coalesce((SELECT a.position FROM risk_area a WHERE a.code = NEW.risk_area), 255)
            | (NEW.current_severity << 8) | (NEW.current_likelihood << 12) | (NEW.current_red_flag << 16)
            | (CASE NEW.current_level WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3
                                      WHEN 'very_high' THEN 4 ELSE 0 END << 20)
            | (CASE NEW.decision WHEN 'suspend' THEN 1 WHEN 'disengage' THEN 2 WHEN 'mitigate' THEN 3 ELSE 0 END << 24)
            | ((NEW.status = 'open') << 28),
        NEW.open_actions | (NEW.incidents << 32),
        CAST(replace(NEW.opened_on, '-', '') AS INTEGER),
        CAST(replace(NEW.assessed_on, '-', '') AS INTEGER),
        CAST(replace(NEW.decided_on, '-', '') AS INTEGER),
        CAST(replace(max(NEW.decided_on, NEW.reviewed_on), '-', '') AS INTEGER));
END;

CREATE TRIGGER risk_list_update AFTER UPDATE OF site_id, risk_area, status, opened_on, current_level, current_red_flag,
    decision, decided_on, reviewed_on, open_actions, incidents, current_severity, current_likelihood, assessed_on ON risk
BEGIN
    UPDATE risk_list SET (site_id, state, counts, opened_on, assessed_on, decided_on, review_from) = (NEW.site_id,
        coalesce((SELECT a.position FROM risk_area a WHERE a.code = NEW.risk_area), 255)
            | (NEW.current_severity << 8) | (NEW.current_likelihood << 12) | (NEW.current_red_flag << 16)
            | (CASE NEW.current_level WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3
                                      WHEN 'very_high' THEN 4 ELSE 0 END << 20)
            | (CASE NEW.decision WHEN 'suspend' THEN 1 WHEN 'disengage' THEN 2 WHEN 'mitigate' THEN 3 ELSE 0 END << 24)
            | ((NEW.status = 'open') << 28),
        NEW.open_actions | (NEW.incidents << 32),
        CAST(replace(NEW.opened_on, '-', '') AS INTEGER),
        CAST(replace(NEW.assessed_on, '-', '') AS INTEGER),
        CAST(replace(NEW.decided_on, '-', '') AS INTEGER),
        CAST(replace(max(NEW.decided_on, NEW.reviewed_on), '-', '') AS INTEGER))
     WHERE risk_id = NEW.id;
END;

CREATE TRIGGER risk_list_delete AFTER DELETE ON risk
BEGIN
    DELETE FROM risk_list WHERE risk_id = OLD.id;
END;

INSERT INTO risk_list(risk_id, site_id, state, counts, opened_on, assessed_on, decided_on, review_from)
    SELECT id, site_id,
        coalesce((SELECT a.position FROM risk_area a WHERE a.code = risk_area), 255)
            | (current_severity << 8) | (current_likelihood << 12) | (current_red_flag << 16)
            | (CASE current_level WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3
                                      WHEN 'very_high' THEN 4 ELSE 0 END << 20)
            | (CASE decision WHEN 'suspend' THEN 1 WHEN 'disengage' THEN 2 WHEN 'mitigate' THEN 3 ELSE 0 END << 24)
            | ((status = 'open') << 28),
        open_actions | (incidents << 32),
        CAST(replace(opened_on, '-', '') AS INTEGER),
        CAST(replace(assessed_on, '-', '') AS INTEGER),
        CAST(replace(decided_on, '-', '') AS INTEGER),
        CAST(replace(max(decided_on, reviewed_on), '-', '') AS INTEGER) FROM risk WHERE true;
