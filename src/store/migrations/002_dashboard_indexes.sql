-- Migration 2: covering indexes so the dashboard figures read index pages only, even on
-- a million incidents. Partial: only verified incidents count in the KPIs.
CREATE INDEX incident_verified_kpi ON incident(risk_area, site_id, observed_on) WHERE status = 'verified';
CREATE INDEX incident_verified_site ON incident(site_id, observed_on, risk_area) WHERE status = 'verified';
CREATE INDEX corrective_action_kpi ON corrective_action(status, issued_on, site_id, risk_id) WHERE issued_on IS NOT NULL;
-- Incident lists: newest observation first, for all sites or one site.
CREATE INDEX incident_observed ON incident(observed_on);
DROP INDEX incident_site;
CREATE INDEX incident_site_observed ON incident(site_id, observed_on);
