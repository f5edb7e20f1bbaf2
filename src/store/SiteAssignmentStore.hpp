#pragma once
// The SQL of site assignment: sites, concessions and protected areas imported from vector
// files (inserted or updated by their code, never duplicated), and the incidents the
// assignment reads and writes (migration 10 describes the columns).
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mwangaza::store {

class Database;

enum class UpsertOutcome { Imported, Updated, Unchanged };

struct SiteRecord {
    std::string code;
    std::string name;
    std::string country; // CD or RW
    std::string province;
    std::optional<std::string> territory;
    std::string minerals; // comma-separated, may be empty
    double lat = 0;
    double lon = 0;
};

struct AreaRecord {
    std::string code; // concession: its id; protected area: its name
    std::optional<std::string> holder; // concession holder / protected area designation
    std::optional<std::string> type;
    std::optional<std::string> status;
    std::vector<std::uint8_t> wkb;
    double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};

// Each writes its records in one transaction, compares every record with the stored one
// of the same code, and returns one outcome per record. With `dry_run` the transaction
// is rolled back: the outcomes say what an import would do. One audit entry per run that
// changes something. InvalidInput for a record the schema refuses (the message names its
// code); StorageError for I/O failures.
std::vector<UpsertOutcome> upsert_sites(Database& db, std::span<const SiteRecord> sites, bool dry_run,
                                        const std::string& actor);
std::vector<UpsertOutcome> upsert_concessions(Database& db, std::span<const AreaRecord> concessions, bool dry_run,
                                              const std::string& actor);
std::vector<UpsertOutcome> upsert_protected_areas(Database& db, std::span<const AreaRecord> areas, bool dry_run,
                                                  const std::string& actor);

struct StoredSiteLocation {
    std::int64_t id = 0;
    double lat = 0;
    double lon = 0;
};
struct StoredArea {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::uint8_t> wkb;
};

std::vector<StoredSiteLocation> site_locations(Database& db); // sites with coordinates
std::vector<StoredArea> stored_concessions(Database& db);
std::vector<StoredArea> stored_protected_areas(Database& db);

struct IncidentPlacement {
    std::int64_t id = 0;
    double lat = 0;
    double lon = 0;
    bool decided = false; // verified or rejected: keeps its site
    std::optional<std::int64_t> site_id;
    std::optional<std::string> site_method;
    std::optional<double> site_distance_m;
    std::optional<std::int64_t> concession_id;
    std::optional<std::string> protected_area;
    bool operator==(const IncidentPlacement&) const = default;
};

// Every incident with both coordinates, in id order.
std::vector<IncidentPlacement> placed_incidents(Database& db);

// Writes the site, method, distance, concession and protected area of each incident, in
// one transaction.
void write_placements(Database& db, std::span<const IncidentPlacement> placements);

} // namespace mwangaza::store
