-- The programme-wide risk view computed by plain GROUP BYs over the raw records (risks,
-- their latest assessment, actions, incidents), in the format of risk_view_bench: one
-- line per risk area in taxonomy order. tests/bench/run_risks.sh runs it with sqlite3.
WITH cur AS (
    SELECT r.risk_area AS area,
           (SELECT a.level FROM risk_assessment a WHERE a.risk_id = r.id
             ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS level,
           (SELECT a.red_flag FROM risk_assessment a WHERE a.risk_id = r.id
             ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS red
      FROM risk r WHERE r.status = 'open'),
risks AS (
    SELECT area, count(*) AS open, sum(level IS NULL) AS unassessed, sum(level = 'low') AS low,
           sum(level = 'medium') AS medium, sum(level = 'high') AS high, sum(level = 'very_high') AS very_high,
           sum(coalesce(red, 0)) AS red
      FROM cur GROUP BY area),
actions AS (
    SELECT r.risk_area AS area, count(*) AS n FROM corrective_action c JOIN risk r ON r.id = c.risk_id
     WHERE c.status IN ('issued', 'in_progress') GROUP BY r.risk_area),
incidents AS (
    SELECT risk_area AS area, count(*) AS n FROM incident WHERE status = 'verified' GROUP BY risk_area)
SELECT ra.code, coalesce(k.open, 0), coalesce(k.unassessed, 0), coalesce(k.low, 0), coalesce(k.medium, 0),
       coalesce(k.high, 0), coalesce(k.very_high, 0), coalesce(k.red, 0), coalesce(a.n, 0), coalesce(i.n, 0)
  FROM risk_area ra LEFT JOIN risks k ON k.area = ra.code LEFT JOIN actions a ON a.area = ra.code
  LEFT JOIN incidents i ON i.area = ra.code
 ORDER BY ra.position;
