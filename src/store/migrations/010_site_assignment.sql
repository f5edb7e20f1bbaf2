-- Migration 10: site assignment. Concessions (mining titles) and protected areas are
-- stored with their geometry (2D WKB, WGS84 longitude/latitude) and bounding box, the
-- box also in an R*Tree for "what is here" queries. Each incident records how its site
-- was chosen:
--   site_method NULL with a site:   chosen by a person (the site named in the field form)
--   'manual':                       chosen by an expert (triage "change site"); also
--                                   "no site" when site_id is NULL
--   'inside_concession':            automatic, the nearest site of a concession holding it
--   'nearest_within_radius':        automatic, the nearest site within the radius
-- site_distance_m is the geodesic distance to the site for an automatic assignment;
-- concession_id the concession the incident's coordinates fall in; protected_area the
-- name of the protected area they fall in. `assign` rewrites only automatic assignments.

CREATE TABLE concession (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,       -- the title's identifier in its source
    holder  TEXT,
    type    TEXT,
    status  TEXT,
    wkb     BLOB NOT NULL,              -- Polygon or MultiPolygon, WGS84
    min_lon REAL NOT NULL,
    min_lat REAL NOT NULL,
    max_lon REAL NOT NULL,
    max_lat REAL NOT NULL
);
CREATE VIRTUAL TABLE concession_bbox USING rtree(id, min_lon, max_lon, min_lat, max_lat);

CREATE TABLE protected_area (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    designation TEXT,
    wkb         BLOB NOT NULL,
    min_lon     REAL NOT NULL,
    min_lat     REAL NOT NULL,
    max_lon     REAL NOT NULL,
    max_lat     REAL NOT NULL
);
CREATE VIRTUAL TABLE protected_area_bbox USING rtree(id, min_lon, max_lon, min_lat, max_lat);

ALTER TABLE incident ADD COLUMN site_method TEXT
    CHECK (site_method IN ('manual', 'inside_concession', 'nearest_within_radius'));
ALTER TABLE incident ADD COLUMN site_distance_m REAL;
ALTER TABLE incident ADD COLUMN concession_id INTEGER REFERENCES concession(id) ON DELETE SET NULL;
ALTER TABLE incident ADD COLUMN protected_area TEXT;
CREATE INDEX incident_protected_area ON incident(protected_area) WHERE protected_area IS NOT NULL;
