-- The implementation rate by responsible stakeholder computed by a plain GROUP BY over
-- the raw actions, in the format of kpi_breakdown_bench ("id|issued|progressing", "" for
-- actions without a responsible stakeholder). tests/bench/run_kpi_by.sh runs it with sqlite3.
SELECT coalesce(responsible_id, ''), count(*), sum(status IN ('in_progress', 'implemented'))
  FROM corrective_action
 WHERE issued_on IS NOT NULL
 GROUP BY responsible_id;
