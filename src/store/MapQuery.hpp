#pragma once
// What the map's built-in layers read from a programme database: the sites with their
// highest current risk level, and the incidents' positions and risk categories.
#include "store/IncidentQuery.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::store {

struct MapSite {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::string province;
    std::string country;     // CD, RW
    std::string minerals;    // comma-separated mineral codes
    double lon = 0;
    double lat = 0;
    // Highest level among the latest assessments of the site's open risks: 0 none,
    // then core::RiskLevel (1 low .. 4 very high).
    int highest_level = 0;
    std::int64_t incidents = 0;  // every incident assigned to the site
    std::int64_t open_risks = 0;
};

// The sites that have coordinates, by code. Throws StorageError.
std::vector<MapSite> load_map_sites(SQLite::Database& db);

// One incident as the map draws it: its position (WGS84; the site's position when the
// incident has none of its own) and the index of its risk category in
// core::risk_categories().
struct MapIncidentRow {
    std::int64_t id = 0;
    double lon = 0;
    double lat = 0;
    int category = 0;
};

// Calls `row` for every incident with a position that `filter` selects (the same filters
// as the incidents list). Throws InvalidInput for a bad filter, StorageError on SQLite
// failures.
void for_each_map_incident(SQLite::Database& db, const IncidentQuery& filter,
                           const std::function<void(const MapIncidentRow&)>& row);

} // namespace mwangaza::store
