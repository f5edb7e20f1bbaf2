#pragma once
// Assigning incidents with coordinates to sites (see app/SiteAssignment.hpp for the rules).
// Apart from the imports, which read files through GDAL, so that `mwangaza-cli assign`
// runs without loading GDAL.
#include <cstddef>

namespace mwangaza::store {
class Database;
}

namespace mwangaza::app {

struct AssignmentCounts {
    std::size_t inside_concession = 0;
    std::size_t nearest_within_radius = 0;
    std::size_t unassigned = 0;
    std::size_t kept_manual = 0;
    std::size_t kept_decided = 0;      // verified or rejected: not considered
    std::size_t in_protected_area = 0; // of every incident with coordinates
    std::size_t changed = 0;           // incidents whose record was rewritten
};

constexpr double k_default_radius_km = 5.0;

// InvalidInput for a radius that is not a positive number of at most 1000 km.
AssignmentCounts assign_sites(store::Database& db, double radius_km = k_default_radius_km);

} // namespace mwangaza::app
