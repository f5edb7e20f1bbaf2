-- Migration 16: the register's narrow rows (risk_list, migration 14) follow a change of a
-- risk's open actions or incidents with the one column that holds them, instead of
-- recomputing the whole row (area position, level, decision, four dates): each attached
-- incident and each issued or closed action changes only those counts, and the demo's
-- bulk load writes about a million of them at x500.

DROP TRIGGER risk_list_update;

CREATE TRIGGER risk_list_update AFTER UPDATE OF site_id, risk_area, status, opened_on, current_level, current_red_flag,
    decision, decided_on, reviewed_on, current_severity, current_likelihood, assessed_on ON risk
BEGIN
    UPDATE risk_list SET (site_id, state, opened_on, assessed_on, decided_on, review_from) = (NEW.site_id,
        coalesce((SELECT a.position FROM risk_area a WHERE a.code = NEW.risk_area), 255)
            | (NEW.current_severity << 8) | (NEW.current_likelihood << 12) | (NEW.current_red_flag << 16)
            | (CASE NEW.current_level WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3
                                      WHEN 'very_high' THEN 4 ELSE 0 END << 20)
            | (CASE NEW.decision WHEN 'suspend' THEN 1 WHEN 'disengage' THEN 2 WHEN 'mitigate' THEN 3 ELSE 0 END << 24)
            | ((NEW.status = 'open') << 28),
        CAST(replace(NEW.opened_on, '-', '') AS INTEGER),
        CAST(replace(NEW.assessed_on, '-', '') AS INTEGER),
        CAST(replace(NEW.decided_on, '-', '') AS INTEGER),
        CAST(replace(max(NEW.decided_on, NEW.reviewed_on), '-', '') AS INTEGER))
     WHERE risk_id = NEW.id;
END;

CREATE TRIGGER risk_list_counts AFTER UPDATE OF open_actions, incidents ON risk
    WHEN OLD.open_actions IS NOT NEW.open_actions OR OLD.incidents IS NOT NEW.incidents
BEGIN
    UPDATE risk_list SET counts = NEW.open_actions | (NEW.incidents << 32) WHERE risk_id = NEW.id;
END;
