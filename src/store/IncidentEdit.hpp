#pragma once
// Corrections an expert makes while triaging: the risk area and the site of incidents
// still awaiting a decision. Written with an audit entry per incident, all in one transaction or none.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mwangaza::store {

class Database;

struct IncidentAreaChange {
    std::int64_t incident_id = 0;
    std::string area; // a taxonomy code
};

// Sets the risk area of each incident. Verified or rejected incidents keep theirs (their
// figures are published): InvalidInput naming the incident, and nothing is written. Also
// InvalidInput for an unknown area or incident, or a blank actor. Returns the areas the
// incidents had before, in the same order.
std::vector<std::string> change_incident_risk_areas(Database& db, std::span<const IncidentAreaChange> changes,
                                                    const std::string& actor);

struct IncidentSiteChange {
    std::int64_t incident_id = 0;
    std::string site_code; // empty: not assigned to a site
};

// Sets the site of each incident, with the same rules as risk areas (decided incidents
// keep theirs, an audit entry per incident, all or nothing). InvalidInput for an unknown
// site code. Returns the site codes the incidents had before ("" when unassigned). The
// site is recorded as the expert's choice (site_method 'manual'), which `assign` keeps.
std::vector<std::string> change_incident_sites(Database& db, std::span<const IncidentSiteChange> changes,
                                               const std::string& actor);

} // namespace mwangaza::store
