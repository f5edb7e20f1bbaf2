#pragma once
// Corrections an expert makes while triaging: the risk area and the site of incidents
// still awaiting a decision. Written with an audit entry per incident, all in one transaction or none.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
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

// How a site was chosen, as recorded with it: the method ('manual', 'inside_concession',
// 'nearest_within_radius', or none) and the distance to the site.
struct SiteChoiceRecord {
    std::optional<std::string> method;
    std::optional<double> distance_m;
    bool operator==(const SiteChoiceRecord&) const = default;
};

struct IncidentSiteChange {
    IncidentSiteChange() = default;
    IncidentSiteChange(std::int64_t id, std::string code, std::optional<SiteChoiceRecord> how = std::nullopt)
        : incident_id(id), site_code(std::move(code)), recorded(std::move(how))
    {
    }

    std::int64_t incident_id = 0;
    std::string site_code; // empty: not assigned to a site
    // nullopt: the site is the expert's choice (method 'manual', no distance), which
    // `assign` keeps. Set (an undo): the method and distance go back to these.
    std::optional<SiteChoiceRecord> recorded;
    bool operator==(const IncidentSiteChange&) const = default;
};

// Sets the site of each incident, with the same rules as risk areas (decided incidents
// keep theirs, an audit entry per incident, all or nothing). InvalidInput for an unknown
// site code or method. Returns the changes that put back what each incident had (its site
// code, "" when unassigned, and how that site had been chosen), in the same order.
std::vector<IncidentSiteChange> change_incident_sites(Database& db, std::span<const IncidentSiteChange> changes,
                                                      const std::string& actor);

} // namespace mwangaza::store
