#pragma once
// The writes of an incident import, streamed: a session opens one IMMEDIATE transaction,
// takes the new and updated incidents one by one as the file is read, and commits at the
// end. Nothing is visible before commit; a session destroyed without commit rolls
// everything back (a failed or cancelled import writes nothing). The source row of each
// incident goes to incident_source (migration 7).
//
// Large loads (1,000 rows or more):
// - the full-text and tally triggers are dropped for the session; at commit the new
//   incidents' status history and full-text entries are written by one statement each
//   over their id range, and the tallies by one upsert per risk area;
// - when the load is larger than the incident table, its secondary indexes (not the
//   partial ones, which take no new incident) are dropped and built again at commit,
//   each sorted in small runs with a second thread;
// - into an empty programme, the full-text index is built on a second thread while the
//   other indexes are (FullTextSideBuild), and copied in before COMMIT;
// - when no other connection has the file open, the load runs with the rollback journal
//   instead of WAL, and the file goes back to WAL after it (see the constructor).
// Triggers and indexes are recreated inside the same transaction: no other connection
// ever sees them missing.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

// Calls `each(source_id, id, status, source_hash)` for every incident that has a source
// id (one pass over the table).
void for_each_imported_incident(
    Database& db,
    const std::function<void(std::string_view, std::int64_t, std::string_view, std::string_view)>& each);

// Incidents in the database (all of them, with or without a source id).
std::int64_t incident_count(Database& db);

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
    std::string raw_source;  // the source row: JSON array of its values (names: the batch's columns)
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
    // The source's column names (JSON array), naming the values of every stored source row.
    std::string columns;
};

class IncidentImportWriter {
public:
    // Begins the transaction and writes the import batch (file name, profile, actor; its
    // counts and file digest are set by commit). `expected_rows` is the number of rows
    // the file holds (a hint that chooses the large-load mode). Throws StorageError.
    IncidentImportWriter(Database& db, const ImportBatchRecord& batch, std::int64_t expected_rows);
    ~IncidentImportWriter(); // rolls back unless committed
    IncidentImportWriter(const IncidentImportWriter&) = delete;
    IncidentImportWriter& operator=(const IncidentImportWriter&) = delete;

    std::int64_t batch_id() const;

    // A new incident (status `new`); returns its id.
    std::int64_t insert(const IncidentImportRecord& record);
    // An edited resubmission of incident `incident_id`, which must still be `new`:
    // StorageError otherwise. Audited with its previous and new row hash.
    void update(std::int64_t incident_id, const IncidentImportRecord& record);

    // Status history of the new incidents, tallies, full-text index, indexes, the batch's
    // final counts and digest, the audit entry; then COMMIT. Returns the batch id.
    std::int64_t commit(const ImportBatchRecord& final_counts);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace mwangaza::store
