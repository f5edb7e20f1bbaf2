-- The risk register's full list (every open risk) computed from the raw records by plain
-- GROUP BYs: open actions per risk, attached incidents per risk, the latest assessment of
-- each risk. One line per risk "id|site|area|level|severity|likelihood|red_flag|
-- open_actions|incidents", sorted by id, the format risk_view_bench --list writes;
-- tests/bench/run_risks.sh runs it with sqlite3 and compares the two.
WITH latest AS (
    SELECT a.risk_id, a.level, a.severity, a.likelihood, a.red_flag,
           row_number() OVER (PARTITION BY a.risk_id ORDER BY a.assessed_on DESC, a.id DESC) AS n
      FROM risk_assessment a),
actions AS (
    SELECT risk_id, count(*) AS n FROM corrective_action WHERE status IN ('issued', 'in_progress') GROUP BY risk_id),
incidents AS (
    SELECT risk_id, count(*) AS n FROM risk_incident GROUP BY risk_id)
SELECT r.id, s.code, r.risk_area, coalesce(l.level, ''), coalesce(l.severity, 0), coalesce(l.likelihood, 0),
       coalesce(l.red_flag, 0), coalesce(x.n, 0), coalesce(i.n, 0)
  FROM risk r JOIN site s ON s.id = r.site_id
  LEFT JOIN latest l ON l.risk_id = r.id AND l.n = 1
  LEFT JOIN actions x ON x.risk_id = r.id
  LEFT JOIN incidents i ON i.risk_id = r.id
 WHERE r.status = 'open'
 ORDER BY r.id;
