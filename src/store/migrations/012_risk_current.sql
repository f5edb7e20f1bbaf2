-- Migration 12: each risk carries its current assessment (the latest by date, then by id)
-- and that assessment's level and red flag, kept by triggers on risk_assessment; and a
-- programme-wide tally of risks by area, status, current level and red flag, kept by
-- triggers on risk, so the programme-wide risk view reads a few hundred rows instead of
-- every risk and assessment. The program never writes these columns or the tally.

ALTER TABLE risk ADD COLUMN current_assessment_id INTEGER;
ALTER TABLE risk ADD COLUMN current_level TEXT NOT NULL DEFAULT '';   -- '' when never assessed
ALTER TABLE risk ADD COLUMN current_red_flag INTEGER NOT NULL DEFAULT 0;

-- A new assessment becomes current unless the current one is later (by date, then id).
-- Only rowid lookups: it stays cheap while a bulk load has dropped the secondary indexes.
CREATE TRIGGER risk_current_insert AFTER INSERT ON risk_assessment
BEGIN
    UPDATE risk SET current_assessment_id = NEW.id, current_level = NEW.level, current_red_flag = NEW.red_flag
     WHERE id = NEW.risk_id
       AND (current_assessment_id IS NULL
            OR NOT EXISTS (SELECT 1 FROM risk_assessment c WHERE c.id = risk.current_assessment_id
                             AND (c.assessed_on > NEW.assessed_on
                                  OR (c.assessed_on = NEW.assessed_on AND c.id > NEW.id))));
END;

CREATE TRIGGER risk_current_delete AFTER DELETE ON risk_assessment
BEGIN
    UPDATE risk SET
        current_assessment_id = (SELECT a.id FROM risk_assessment a WHERE a.risk_id = OLD.risk_id
                                  ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1),
        current_level = coalesce((SELECT a.level FROM risk_assessment a WHERE a.risk_id = OLD.risk_id
                                   ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1), ''),
        current_red_flag = coalesce((SELECT a.red_flag FROM risk_assessment a WHERE a.risk_id = OLD.risk_id
                                      ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1), 0)
     WHERE id = OLD.risk_id AND current_assessment_id = OLD.id;
END;

CREATE TRIGGER risk_assessment_no_update BEFORE UPDATE ON risk_assessment
BEGIN
    SELECT RAISE(ABORT, 'an assessment is kept as it was made: record a new assessment instead');
END;

UPDATE risk SET
    current_assessment_id = (SELECT a.id FROM risk_assessment a WHERE a.risk_id = risk.id
                              ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)
 WHERE true;
UPDATE risk SET
    current_level = coalesce((SELECT a.level FROM risk_assessment a WHERE a.id = risk.current_assessment_id), ''),
    current_red_flag = coalesce((SELECT a.red_flag FROM risk_assessment a WHERE a.id = risk.current_assessment_id), 0)
 WHERE current_assessment_id IS NOT NULL;

CREATE TABLE risk_tally (
    risk_area TEXT NOT NULL,
    status    TEXT NOT NULL,
    level     TEXT NOT NULL,      -- '' for a risk never assessed
    red_flag  INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (risk_area, status, level, red_flag)
) WITHOUT ROWID;

CREATE TRIGGER risk_tally_insert AFTER INSERT ON risk
BEGIN
    INSERT INTO risk_tally(risk_area, status, level, red_flag, n)
        VALUES (NEW.risk_area, NEW.status, NEW.current_level, NEW.current_red_flag, 1)
        ON CONFLICT(risk_area, status, level, red_flag) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER risk_tally_delete AFTER DELETE ON risk
BEGIN
    UPDATE risk_tally SET n = n - 1
     WHERE risk_area = OLD.risk_area AND status = OLD.status AND level = OLD.current_level
       AND red_flag = OLD.current_red_flag;
END;

CREATE TRIGGER risk_tally_update AFTER UPDATE OF risk_area, status, current_level, current_red_flag ON risk
    WHEN OLD.risk_area IS NOT NEW.risk_area OR OLD.status IS NOT NEW.status
      OR OLD.current_level IS NOT NEW.current_level OR OLD.current_red_flag IS NOT NEW.current_red_flag
BEGIN
    UPDATE risk_tally SET n = n - 1
     WHERE risk_area = OLD.risk_area AND status = OLD.status AND level = OLD.current_level
       AND red_flag = OLD.current_red_flag;
    INSERT INTO risk_tally(risk_area, status, level, red_flag, n)
        VALUES (NEW.risk_area, NEW.status, NEW.current_level, NEW.current_red_flag, 1)
        ON CONFLICT(risk_area, status, level, red_flag) DO UPDATE SET n = n + 1;
END;

INSERT INTO risk_tally(risk_area, status, level, red_flag, n)
    SELECT risk_area, status, current_level, current_red_flag, count(*) FROM risk WHERE true
     GROUP BY risk_area, status, current_level, current_red_flag;

CREATE INDEX risk_site ON risk(site_id, risk_area, status);
-- The open actions of each risk in the register, counted from the index alone.
CREATE INDEX corrective_action_risk_status ON corrective_action(risk_id, status);
