#pragma once
// KPI definitions: what the dashboard and `mwangaza-cli kpi` report, and how filters
// apply. The figures are computed by the store from raw records; nothing is stored.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mwangaza::core {

// Every figure is restricted by every filter that applies to it:
// - site, province, country: sites, incidents, actions and workshops at those sites;
// - areas: incidents in those risk areas, actions on risks in those areas, and the
//   workshops that issued at least one of those actions;
// - from/to (inclusive ISO dates): incidents by observation date, actions by issue
//   date, workshops by the date they were held.
struct KpiFilter {
    std::optional<std::string> site_code;
    std::optional<std::string> province;
    std::optional<std::string> country; // CD or RW
    std::vector<std::string> areas;
    std::optional<std::string> from; // YYYY-MM-DD
    std::optional<std::string> to;   // YYYY-MM-DD

    bool restricts_areas() const { return !areas.empty(); }
};

struct KpiFigures {
    std::int64_t sites_total = 0;
    std::int64_t sites_active = 0;
    std::int64_t incidents_verified = 0;
    std::int64_t risk_areas_covered = 0;       // distinct areas with a verified incident
    std::int64_t child_labour_incidents = 0;   // child_labour + wfcl, verified
    std::int64_t wfcl_incidents = 0;
    std::int64_t actions_issued = 0;           // actions with an issue date
    std::int64_t actions_progressing = 0;      // of those, in progress or implemented
    std::int64_t child_labour_actions_issued = 0;
    std::int64_t child_labour_actions_progressing = 0;
    std::int64_t workshops = 0;
    std::int64_t incidents_awaiting_triage = 0; // new, in review or needs information
    // Verified incidents per risk category code, every category present (0 if none).
    std::map<std::string, std::int64_t> verified_by_category;
    // Verified incidents per risk area code (areas with none are absent).
    std::map<std::string, std::int64_t> verified_by_area;
};

// The integer figures with their stable keys (the CLI's JSON keys), in report order.
struct KpiCount {
    const char* key;
    std::int64_t KpiFigures::*member;
};
std::span<const KpiCount> kpi_counts();

// Implementation (success) rate = (in progress + implemented) / issued; 0 when nothing
// has been issued.
double implementation_rate(std::int64_t progressing, std::int64_t issued);

// Rounded percentage for display, e.g. 81 for 888/1098.
int percent(std::int64_t part, std::int64_t whole);

// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& text);

// Throws InvalidInput naming the bad field (a bad date, from after to, an unknown area).
void validate(const KpiFilter& filter);

} // namespace mwangaza::core
