-- Migration 4: covering indexes for filtered dashboard figures (a site, a province or a
-- country, a date range), so that on a million incidents they read only the index
-- entries of the sites and dates asked for. KpiQuery names them with INDEXED BY.
-- A partial index only covers a query when it also holds the column its WHERE tests,
-- hence the trailing status column.

-- Verified incidents per site, in area order so that counts per site and area need no
-- sort (replaces the version of migration 2).
DROP INDEX incident_verified_site;
CREATE INDEX incident_verified_site ON incident(site_id, risk_area, observed_on, status) WHERE status = 'verified';

-- Verified incidents of one area in a date range, for figures without a site filter.
CREATE INDEX incident_verified_observed ON incident(risk_area, observed_on, status) WHERE status = 'verified';

-- Incidents by status, then site and date: triage counts per site or period.
DROP INDEX incident_status;
CREATE INDEX incident_status ON incident(status, site_id, observed_on);

-- Issued actions per site, in status order.
CREATE INDEX corrective_action_site_kpi ON corrective_action(site_id, status, issued_on, risk_id)
    WHERE issued_on IS NOT NULL;

-- The actions a workshop issued and their risks: workshops filtered by risk area.
DROP INDEX corrective_action_workshop;
CREATE INDEX corrective_action_workshop ON corrective_action(issued_workshop_id, risk_id);
