-- Migration 13: issued actions counted per responsible stakeholder (0: none) and status,
-- kept by triggers like the tallies of migration 3, so that the implementation rate by
-- stakeholder reads one row per stakeholder instead of every action (549,000 issued
-- actions on the x500 demo). store/KpiBreakdown reads it; the program never writes it.

CREATE TABLE action_responsible_tally (
    responsible_id  INTEGER PRIMARY KEY,          -- stakeholder id, 0 for no responsible
    issued          INTEGER NOT NULL DEFAULT 0,   -- every action with an issue date
    still_issued    INTEGER NOT NULL DEFAULT 0,   -- of those, by status
    in_progress     INTEGER NOT NULL DEFAULT 0,
    implemented     INTEGER NOT NULL DEFAULT 0,
    not_implemented INTEGER NOT NULL DEFAULT 0,
    cancelled       INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER action_responsible_tally_insert AFTER INSERT ON corrective_action
    WHEN NEW.issued_on IS NOT NULL
BEGIN
    INSERT INTO action_responsible_tally(responsible_id, issued, still_issued, in_progress, implemented,
                                         not_implemented, cancelled)
        VALUES (coalesce(NEW.responsible_id, 0), 1, NEW.status = 'issued', NEW.status = 'in_progress',
                NEW.status = 'implemented', NEW.status = 'not_implemented', NEW.status = 'cancelled')
        ON CONFLICT(responsible_id) DO UPDATE SET
            issued = issued + 1, still_issued = still_issued + excluded.still_issued,
            in_progress = in_progress + excluded.in_progress, implemented = implemented + excluded.implemented,
            not_implemented = not_implemented + excluded.not_implemented, cancelled = cancelled + excluded.cancelled;
END;

CREATE TRIGGER action_responsible_tally_delete AFTER DELETE ON corrective_action
    WHEN OLD.issued_on IS NOT NULL
BEGIN
    UPDATE action_responsible_tally SET
        issued = issued - 1, still_issued = still_issued - (OLD.status = 'issued'),
        in_progress = in_progress - (OLD.status = 'in_progress'), implemented = implemented - (OLD.status = 'implemented'),
        not_implemented = not_implemented - (OLD.status = 'not_implemented'),
        cancelled = cancelled - (OLD.status = 'cancelled')
        WHERE responsible_id = coalesce(OLD.responsible_id, 0);
END;

CREATE TRIGGER action_responsible_tally_update AFTER UPDATE OF status, issued_on, responsible_id ON corrective_action
    WHEN OLD.status IS NOT NEW.status OR (OLD.issued_on IS NULL) IS NOT (NEW.issued_on IS NULL)
      OR OLD.responsible_id IS NOT NEW.responsible_id
BEGIN
    UPDATE action_responsible_tally SET
        issued = issued - 1, still_issued = still_issued - (OLD.status = 'issued'),
        in_progress = in_progress - (OLD.status = 'in_progress'), implemented = implemented - (OLD.status = 'implemented'),
        not_implemented = not_implemented - (OLD.status = 'not_implemented'),
        cancelled = cancelled - (OLD.status = 'cancelled')
        WHERE responsible_id = coalesce(OLD.responsible_id, 0) AND OLD.issued_on IS NOT NULL;
    INSERT INTO action_responsible_tally(responsible_id, issued, still_issued, in_progress, implemented,
                                         not_implemented, cancelled)
        SELECT coalesce(NEW.responsible_id, 0), 1, NEW.status = 'issued', NEW.status = 'in_progress',
               NEW.status = 'implemented', NEW.status = 'not_implemented', NEW.status = 'cancelled'
        WHERE NEW.issued_on IS NOT NULL
        ON CONFLICT(responsible_id) DO UPDATE SET
            issued = issued + 1, still_issued = still_issued + excluded.still_issued,
            in_progress = in_progress + excluded.in_progress, implemented = implemented + excluded.implemented,
            not_implemented = not_implemented + excluded.not_implemented, cancelled = cancelled + excluded.cancelled;
END;

INSERT INTO action_responsible_tally(responsible_id, issued, still_issued, in_progress, implemented, not_implemented,
                                     cancelled)
    SELECT coalesce(responsible_id, 0), count(*), sum(status = 'issued'), sum(status = 'in_progress'),
           sum(status = 'implemented'), sum(status = 'not_implemented'), sum(status = 'cancelled')
      FROM corrective_action WHERE issued_on IS NOT NULL GROUP BY 1;
