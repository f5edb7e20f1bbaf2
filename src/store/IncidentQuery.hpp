#pragma once
// The incident filters behind the triage queue and `incidents list`: status, site,
// province/country, risk areas or category, observation dates and full-text words over
// descriptions (FTS5, accents and case folded). Returns ids, newest observation first;
// the lists load the rows by id (load_incidents), so a million matches stay cheap.
#include "core/Lifecycle.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::store {

struct IncidentQuery {
    std::vector<core::IncidentStatus> statuses; // empty: every status
    std::optional<std::string> site_code;
    std::optional<std::string> province;
    std::optional<std::string> country;          // CD, RW
    std::vector<std::string> areas;              // risk area codes; empty: every area
    std::optional<std::string> category;         // risk category code
    std::optional<std::string> from;             // observed on or after, YYYY-MM-DD
    std::optional<std::string> to;               // observed on or before
    std::string text;                            // words, all required (see fts_match_expression)
    bool in_protected_area = false;              // only incidents inside a protected area (see assign)

    bool restricts() const;
};

// Turns what a person typed into a safe FTS5 query: every whitespace-separated word is
// quoted as an FTS5 string (so quotes, operators, parentheses or column filters in the
// input are plain text), and the words are AND-ed. A word ending in '*' matches as a
// prefix ("enfan*"). Words without a letter or digit are dropped. Empty when no word is
// left.
std::string fts_match_expression(std::string_view words);

// Throws InvalidInput for an unknown risk area or category code, or a date that is not
// YYYY-MM-DD; StorageError on SQLite failures.
void validate(const IncidentQuery& query);

// Matching incident ids, newest observation first (then highest id).
std::vector<std::int64_t> query_incident_ids(SQLite::Database& db, const IncidentQuery& query);

// How many incidents of the whole programme have one of these statuses (every incident
// when empty). Reads the incident tally (migration 3), so it costs the same on a million
// incidents as on ten.
std::int64_t count_incidents_with_status(SQLite::Database& db, const std::vector<core::IncidentStatus>& statuses);

// Everything the triage detail pane and `incidents list --json` show about an incident.
struct IncidentDetail {
    std::int64_t id = 0;
    std::string source_id;   // empty when entered by hand
    std::string observed_on;
    std::string submitted_at;
    std::string reporter;
    std::string site_code;   // empty when not yet assigned to a site
    std::string site_name;
    std::string risk_area;   // code
    bool annex_flag = false;
    std::string status;      // code
    std::string description;
    std::string language;
    std::optional<double> lat;
    std::optional<double> lon;
    int children = 0;
    int women = 0;
    int men = 0;
    std::vector<std::string> attachments; // file names
    std::string raw_source;               // the source row as imported (JSON object: column -> value), or empty
    // Site assignment (migration 10): how the site was chosen ("" when by the field form,
    // "manual", "inside_concession", "nearest_within_radius"), the distance to it for an
    // automatic choice, the concession and protected area the coordinates fall in.
    std::string site_method;
    std::optional<double> site_distance_m;
    std::string concession_code;
    std::string protected_area;
};

// The details for `ids`, in the same order. Unknown ids are skipped.
std::vector<IncidentDetail> load_incident_details(SQLite::Database& db, const std::vector<std::int64_t>& ids);

struct StatusHistoryEntry {
    std::string from_status; // empty for the first entry
    std::string to_status;
    std::string reason;
    std::string changed_by;
    std::string changed_at;
};

// An incident's status history, oldest first.
std::vector<StatusHistoryEntry> incident_status_history(SQLite::Database& db, std::int64_t incident_id);

struct AuditEntry {
    std::string at;
    std::string actor;
    std::string operation; // "status", "status_undo", "import", ...
    std::string before;    // JSON, or empty
    std::string after;     // JSON, or empty
};

// The audit trail of an incident, oldest first.
std::vector<AuditEntry> incident_audit_trail(SQLite::Database& db, std::int64_t incident_id);

} // namespace mwangaza::store
