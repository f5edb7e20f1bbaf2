#pragma once
// Read-side queries behind the lists the GUI and CLI show: sites, and incidents fetched
// a page at a time so a million rows scroll without loading them all.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::store {

struct SiteRow {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::string country;  // ISO 3166-1 alpha-2: CD, RW
    std::string province;
    std::string territory;
    std::string minerals; // comma-separated codes
    bool active = false;
    std::optional<double> lat;
    std::optional<double> lon;
    std::int64_t verified_incidents = 0;
};

// Every site, by country, province and code, with its count of verified incidents
// (without the counts, verified_incidents stays 0: on a million incidents counting them
// takes 0.2 s warm and seconds cold, too long for a site picker).
std::vector<SiteRow> list_sites(SQLite::Database& db, bool with_counts = true);

struct IncidentRow {
    std::int64_t id = 0;
    std::string observed_on;
    std::string site_code;
    std::string risk_area; // code
    std::string status;    // code
    std::string reporter;
    std::string description;
    int children = 0;
    int women = 0;
    int men = 0;
};

// Incident ids, newest observation first (then highest id), optionally for one site.
// Cheap enough for a million rows (an index-only scan); the list fetches rows by id.
std::vector<std::int64_t> incident_ids(SQLite::Database& db, std::optional<std::int64_t> site_id = std::nullopt);

// The rows for `ids`, in the same order. Unknown ids are skipped.
std::vector<IncidentRow> load_incidents(SQLite::Database& db, std::span<const std::int64_t> ids);

} // namespace mwangaza::store
