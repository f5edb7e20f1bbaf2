#pragma once
// The writes of an incident import: the lookup of incidents already imported (by their
// source submission id, in batches), then the new incidents, the updated ones, their
// status history, the import batch and its audit entries, all in one transaction.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mwangaza::store {

class Database;

struct ImportedIncident {
    std::int64_t id = 0;
    std::string status;
    std::string source_hash;
};

// The incidents whose source_id is one of `source_ids` (queried in batches of a few
// hundred ids), keyed by source id.
std::unordered_map<std::string, ImportedIncident> find_incidents_by_source(Database& db,
                                                                          const std::vector<std::string>& source_ids);

// Site id by site code, for every site.
std::unordered_map<std::string, std::int64_t> site_ids_by_code(Database& db);

struct IncidentImportRecord {
    std::string source_id;
    std::string submitted_at; // "" when the export has none
    std::string observed_on;  // YYYY-MM-DD
    std::string reporter;
    std::optional<std::int64_t> site_id; // none: unassigned (coordinates only)
    std::optional<double> lat;
    std::optional<double> lon;
    std::string risk_area;
    std::string description;
    std::int64_t children = 0;
    std::int64_t women = 0;
    std::int64_t men = 0;
    std::string attachments; // file names, one per line
    std::string raw_source;  // the source row as JSON
    std::string source_hash;
};

struct ImportBatchRecord {
    std::string file_name;
    std::string file_sha256;
    std::string profile;
    std::string actor;
    std::int64_t rows_read = 0, imported = 0, updated = 0, unchanged = 0, skipped = 0, conflicts = 0;
    // A mapping profile to save (by name, replaced when it exists); empty name: none.
    std::string mapping_name;
    std::string mapping_definition; // JSON
};

struct IncidentUpdate {
    std::int64_t incident_id = 0;
    std::string previous_hash;
    IncidentImportRecord record;
};

// Writes everything in one IMMEDIATE transaction and returns the import batch id.
// `progress(fraction)` is called now and then; when it returns false the transaction is
// rolled back and Cancelled is thrown. An update finds its incident no longer `new`:
// StorageError, nothing written. SQLite failures become StorageError.
std::int64_t write_incident_import(Database& db, const ImportBatchRecord& batch,
                                   const std::vector<IncidentImportRecord>& inserts,
                                   const std::vector<IncidentUpdate>& updates,
                                   const std::function<bool(double)>& progress = {});

} // namespace mwangaza::store
