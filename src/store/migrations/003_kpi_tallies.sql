-- Migration 3: programme-wide tallies behind the whole-programme dashboard figures, so
-- they read a few dozen rows instead of a million. The database keeps them itself:
-- triggers follow every insert, update and delete of incidents and actions (and a change
-- of a risk's area); the program never writes them. KpiQuery reads them only when no
-- site, province, country or date filter applies; every filtered figure is counted from
-- the raw records. The tallies start from the records already present.

CREATE TABLE incident_tally (
    risk_area TEXT NOT NULL,
    status    TEXT NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (risk_area, status)
) WITHOUT ROWID;

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

INSERT INTO incident_tally(risk_area, status, n)
    SELECT risk_area, status, count(*) FROM incident WHERE true GROUP BY risk_area, status;

-- Actions by the area of their risk ('' if the risk is missing), status, and whether
-- they have an issue date.
CREATE TABLE action_tally (
    risk_area TEXT NOT NULL,
    status    TEXT NOT NULL,
    issued    INTEGER NOT NULL CHECK (issued IN (0, 1)),
    n         INTEGER NOT NULL,
    PRIMARY KEY (risk_area, status, issued)
) WITHOUT ROWID;

CREATE TRIGGER action_tally_insert AFTER INSERT ON corrective_action
BEGIN
    INSERT INTO action_tally(risk_area, status, issued, n)
        VALUES (coalesce((SELECT risk_area FROM risk WHERE id = NEW.risk_id), ''), NEW.status,
                NEW.issued_on IS NOT NULL, 1)
        ON CONFLICT(risk_area, status, issued) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER action_tally_delete AFTER DELETE ON corrective_action
BEGIN
    UPDATE action_tally SET n = n - 1
        WHERE risk_area = coalesce((SELECT risk_area FROM risk WHERE id = OLD.risk_id), '')
          AND status = OLD.status AND issued = (OLD.issued_on IS NOT NULL);
END;

CREATE TRIGGER action_tally_update AFTER UPDATE OF status, issued_on, risk_id ON corrective_action
    WHEN OLD.status IS NOT NEW.status OR (OLD.issued_on IS NULL) IS NOT (NEW.issued_on IS NULL)
      OR OLD.risk_id IS NOT NEW.risk_id
BEGIN
    UPDATE action_tally SET n = n - 1
        WHERE risk_area = coalesce((SELECT risk_area FROM risk WHERE id = OLD.risk_id), '')
          AND status = OLD.status AND issued = (OLD.issued_on IS NOT NULL);
    INSERT INTO action_tally(risk_area, status, issued, n)
        VALUES (coalesce((SELECT risk_area FROM risk WHERE id = NEW.risk_id), ''), NEW.status,
                NEW.issued_on IS NOT NULL, 1)
        ON CONFLICT(risk_area, status, issued) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER action_tally_risk_area AFTER UPDATE OF risk_area ON risk
    WHEN OLD.risk_area IS NOT NEW.risk_area
BEGIN
    UPDATE action_tally SET n = n - (SELECT count(*) FROM corrective_action a
                                      WHERE a.risk_id = OLD.id AND a.status = action_tally.status
                                        AND (a.issued_on IS NOT NULL) = action_tally.issued)
        WHERE risk_area = OLD.risk_area;
    INSERT INTO action_tally(risk_area, status, issued, n)
        SELECT NEW.risk_area, status, issued_on IS NOT NULL, count(*) FROM corrective_action
            WHERE risk_id = NEW.id GROUP BY status, issued_on IS NOT NULL
        ON CONFLICT(risk_area, status, issued) DO UPDATE SET n = n + excluded.n;
END;

INSERT INTO action_tally(risk_area, status, issued, n)
    SELECT coalesce(r.risk_area, ''), a.status, a.issued_on IS NOT NULL, count(*)
        FROM corrective_action a LEFT JOIN risk r ON r.id = a.risk_id
        WHERE true GROUP BY 1, 2, 3;
