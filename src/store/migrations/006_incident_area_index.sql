-- Migration 6: incidents by risk area for the triage queue and `incidents list --area`.
-- Without it an area filter walks the whole observation-date index and reads every
-- incident row (1.2 s on 1.2M incidents); with it the query reads only the index entries
-- of the areas asked for, date range and status included (0.03 s), then sorts them.
CREATE INDEX incident_area_observed ON incident(risk_area, observed_on, status);
