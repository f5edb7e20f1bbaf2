-- Migration 8: a source row is stored as the array of its values, in the file's column
-- order; the column names are kept once, with the import batch. Spelling the names out in
-- every row made the stored rows two to three times larger than the export itself, and
-- writing them was a fifth of a million-row import. Rows stored earlier as JSON objects
-- stay as they are. The view gives every source row as an object again (column name ->
-- value; "_geometry" -> [lon, lat] when the source had a geometry).

ALTER TABLE import_batch ADD COLUMN columns TEXT; -- JSON array of the source's column names

CREATE VIEW incident_source_row(incident_id, raw_source) AS
SELECT r.incident_id,
       CASE WHEN json_type(r.raw_source) = 'array' AND b.columns IS NOT NULL THEN
           (SELECT '{' || coalesce(group_concat(pair, ','), '') || '}'
              FROM (SELECT json_quote(c.value) || ':' ||
                           CASE WHEN v.type IN ('array', 'object') THEN v.value ELSE json_quote(v.value) END AS pair
                      FROM json_each(b.columns) c JOIN json_each(r.raw_source) v ON v.key = c.key
                     ORDER BY c.key))
       ELSE r.raw_source END
  FROM incident_source r
  JOIN incident i ON i.id = r.incident_id
  LEFT JOIN import_batch b ON b.id = i.import_batch_id;
