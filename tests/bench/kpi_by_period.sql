-- The implementation rate by site, by month and by quarter of issue computed by plain
-- GROUP BYs over the actions, one line per row "dimension|key|issued|progressing", the
-- format tests/bench/run_kpi_periods.sh makes of `mwangaza-cli kpi by DB site|month|quarter
-- --json`; the script compares the two.
SELECT 'site', s.code, count(*), sum(a.status IN ('in_progress', 'implemented'))
  FROM corrective_action a JOIN site s ON s.id = a.site_id WHERE a.issued_on IS NOT NULL GROUP BY a.site_id;
SELECT 'month', substr(issued_on, 1, 7), count(*), sum(status IN ('in_progress', 'implemented'))
  FROM corrective_action WHERE issued_on IS NOT NULL GROUP BY 2;
SELECT 'quarter', substr(issued_on, 1, 5) || 'Q' || ((CAST(substr(issued_on, 6, 2) AS INTEGER) + 2) / 3), count(*),
       sum(status IN ('in_progress', 'implemented'))
  FROM corrective_action WHERE issued_on IS NOT NULL GROUP BY 2;
