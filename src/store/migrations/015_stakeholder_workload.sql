-- Migration 15: what store::stakeholder_workloads needs without reading every action
-- (571,500 actions and 605,500 supporter links on the x500 demo).
-- * Open actions (issued or in progress) by due date, as responsible: a partial index.
-- * The open actions each stakeholder supports, with their due date: a copy of the
--   supporter links of open actions kept by triggers, indexed by due date.
-- * The number of open actions each stakeholder supports: a tally kept by triggers on
--   that copy.
-- Overdue depends on the day asked for, so it is not stored: it is counted from the two
-- due-date indexes, over the open actions due before that day or over those due on or
-- after it, whichever are fewer. The program never writes these tables.

CREATE INDEX corrective_action_open_due ON corrective_action(due_on, responsible_id)
    WHERE status IN ('issued', 'in_progress');

CREATE TABLE open_action_supporter (
    action_id      INTEGER NOT NULL,
    stakeholder_id INTEGER NOT NULL,
    due_on         TEXT,
    PRIMARY KEY (action_id, stakeholder_id)
) WITHOUT ROWID;
CREATE INDEX open_action_supporter_due ON open_action_supporter(due_on, stakeholder_id);

CREATE TABLE supporter_open_tally (
    stakeholder_id INTEGER PRIMARY KEY,
    open           INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER supporter_open_tally_insert AFTER INSERT ON open_action_supporter
BEGIN
    INSERT INTO supporter_open_tally(stakeholder_id, open) VALUES (NEW.stakeholder_id, 1)
        ON CONFLICT(stakeholder_id) DO UPDATE SET open = open + 1;
END;

CREATE TRIGGER supporter_open_tally_delete AFTER DELETE ON open_action_supporter
BEGIN
    UPDATE supporter_open_tally SET open = open - 1 WHERE stakeholder_id = OLD.stakeholder_id;
END;

CREATE TRIGGER open_action_supporter_link AFTER INSERT ON action_supporter
BEGIN
    INSERT OR IGNORE INTO open_action_supporter(action_id, stakeholder_id, due_on)
        SELECT a.id, NEW.stakeholder_id, a.due_on FROM corrective_action a
         WHERE a.id = NEW.action_id AND a.status IN ('issued', 'in_progress');
END;

CREATE TRIGGER open_action_supporter_unlink AFTER DELETE ON action_supporter
BEGIN
    DELETE FROM open_action_supporter WHERE action_id = OLD.action_id AND stakeholder_id = OLD.stakeholder_id;
END;

CREATE TRIGGER open_action_supporter_relink AFTER UPDATE ON action_supporter
BEGIN
    DELETE FROM open_action_supporter WHERE action_id = OLD.action_id AND stakeholder_id = OLD.stakeholder_id;
    INSERT OR IGNORE INTO open_action_supporter(action_id, stakeholder_id, due_on)
        SELECT a.id, NEW.stakeholder_id, a.due_on FROM corrective_action a
         WHERE a.id = NEW.action_id AND a.status IN ('issued', 'in_progress');
END;

CREATE TRIGGER open_action_supporter_action_update AFTER UPDATE OF status, due_on, id ON corrective_action
    WHEN OLD.status IS NOT NEW.status OR OLD.due_on IS NOT NEW.due_on OR OLD.id IS NOT NEW.id
BEGIN
    DELETE FROM open_action_supporter WHERE action_id = OLD.id;
    INSERT OR IGNORE INTO open_action_supporter(action_id, stakeholder_id, due_on)
        SELECT NEW.id, x.stakeholder_id, NEW.due_on FROM action_supporter x
         WHERE x.action_id = NEW.id AND NEW.status IN ('issued', 'in_progress');
END;

CREATE TRIGGER open_action_supporter_action_delete AFTER DELETE ON corrective_action
BEGIN
    DELETE FROM open_action_supporter WHERE action_id = OLD.id;
END;

INSERT INTO open_action_supporter(action_id, stakeholder_id, due_on)
    SELECT a.id, x.stakeholder_id, a.due_on
      FROM action_supporter x JOIN corrective_action a ON a.id = x.action_id
     WHERE a.status IN ('issued', 'in_progress');
