-- The stakeholders' workloads on the day @on computed by plain GROUP BYs over the raw
-- actions and supporter links, in the format of stakeholder_workloads_bench
-- ("id|responsible open|overdue|supporting open|overdue|issued|progressing"; the
-- stakeholders with neither an issued action as responsible nor an open one as supporter,
-- all zeros, are left out as store::stakeholder_workloads leaves them out).
-- tests/bench/run_stakeholder_workloads.sh sets @on and runs it with sqlite3.
WITH r AS (
    SELECT responsible_id AS id, sum(status IN ('issued', 'in_progress')) AS open,
           sum(status IN ('issued', 'in_progress') AND due_on < @on) AS overdue, count(*) AS issued,
           sum(status IN ('in_progress', 'implemented')) AS progressing
      FROM corrective_action
     WHERE responsible_id IS NOT NULL AND issued_on IS NOT NULL
     GROUP BY responsible_id),
s AS (
    SELECT x.stakeholder_id AS id, count(*) AS open, sum(a.due_on < @on) AS overdue
      FROM action_supporter x JOIN corrective_action a ON a.id = x.action_id
     WHERE a.status IN ('issued', 'in_progress')
     GROUP BY x.stakeholder_id)
SELECT k.id, coalesce(r.open, 0), coalesce(r.overdue, 0), coalesce(s.open, 0), coalesce(s.overdue, 0),
       coalesce(r.issued, 0), coalesce(r.progressing, 0)
  FROM stakeholder k LEFT JOIN r ON r.id = k.id LEFT JOIN s ON s.id = k.id
 WHERE r.id IS NOT NULL OR s.id IS NOT NULL;
