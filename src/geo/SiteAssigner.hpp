#pragma once
// The site assignment rules on data held in memory, behind spatial indexes (R-trees):
// a point inside a concession that holds sites goes to the nearest of those sites;
// otherwise to the nearest site within the radius (geodesic distance); otherwise to none.
// AreaIndex answers "which polygon contains this point" (concessions, protected areas).
#include "geo/Polygons.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace mwangaza::geo {

struct IndexedArea {
    std::int64_t id = 0;
    MultiPolygon shape;
};

class AreaIndex {
public:
    explicit AreaIndex(std::vector<IndexedArea> areas);
    AreaIndex(AreaIndex&&) noexcept;
    AreaIndex& operator=(AreaIndex&&) noexcept;
    ~AreaIndex();

    std::size_t size() const { return m_areas.size(); }
    // Calls `found` with the position (in the constructor's vector) of every area that
    // contains `p`.
    void for_each_containing(LonLat p, const std::function<void(std::size_t)>& found) const;
    // The area containing `p` with the smallest id, if any (a stable answer when areas overlap).
    std::optional<std::int64_t> first_containing(LonLat p) const;
    const IndexedArea& area(std::size_t position) const { return m_areas[position]; }

private:
    struct Tree;
    std::vector<IndexedArea> m_areas;
    std::unique_ptr<Tree> m_tree;
};

struct IndexedSite {
    std::int64_t id = 0;
    LonLat at;
};

enum class SiteMethod { None, InsideConcession, NearestWithinRadius };

struct SiteChoice {
    SiteMethod method = SiteMethod::None;
    std::int64_t site_id = 0;       // when method != None
    double distance_m = 0;          // geodesic distance to the site
    std::int64_t concession_id = 0; // InsideConcession: the concession holding the site
};

class SiteAssigner {
public:
    SiteAssigner(std::vector<IndexedSite> sites, std::vector<IndexedArea> concessions, double radius_m);
    SiteAssigner(SiteAssigner&&) noexcept;
    SiteAssigner& operator=(SiteAssigner&&) noexcept;
    ~SiteAssigner();

    SiteChoice assign(LonLat p) const;
    std::size_t concessions_holding_sites() const;

private:
    struct SiteTree;
    std::vector<IndexedSite> m_sites;
    AreaIndex m_concessions;
    std::vector<std::vector<std::size_t>> m_sites_in; // per concession position: site positions inside it
    double m_radius_m;
    std::unique_ptr<SiteTree> m_tree;
};

} // namespace mwangaza::geo
