#include "geo/SiteAssigner.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mwangaza::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;

namespace {

// A fast distance on a sphere of the mean radius (equirectangular, exact enough below a few
// hundred km): within 0.6% of the geodesic distance, so it only rules out candidates that
// are clearly too far before the exact (and slower) geodesic computation.
double approximate_m(LonLat a, LonLat b)
{
    constexpr double k_rad = M_PI / 180, k_radius = 6371008.8;
    const double x = (b.lon - a.lon) * k_rad * std::cos((a.lat + b.lat) * 0.5 * k_rad);
    const double y = (b.lat - a.lat) * k_rad;
    return k_radius * std::sqrt(x * x + y * y);
}
constexpr double k_margin = 1.02; // approximate_m / geodesic is within [0.98, 1.02] here

} // namespace

struct AreaIndex::Tree {
    bgi::rtree<std::pair<BBox, std::size_t>, bgi::rstar<16>> tree;
};

AreaIndex::AreaIndex(std::vector<IndexedArea> areas) : m_areas(std::move(areas)), m_tree(std::make_unique<Tree>())
{
    std::vector<std::pair<BBox, std::size_t>> boxes;
    boxes.reserve(m_areas.size());
    for (std::size_t i = 0; i < m_areas.size(); ++i) {
        const auto b = m_areas[i].shape.box();
        if (b.min_lon > b.max_lon)
            continue; // no outer ring
        boxes.emplace_back(BBox(BPoint(b.min_lon, b.min_lat), BPoint(b.max_lon, b.max_lat)), i);
    }
    m_tree->tree = decltype(m_tree->tree)(boxes.begin(), boxes.end()); // packed (bulk) load
}

AreaIndex::AreaIndex(AreaIndex&&) noexcept = default;
AreaIndex& AreaIndex::operator=(AreaIndex&&) noexcept = default;
AreaIndex::~AreaIndex() = default;

void AreaIndex::for_each_containing(LonLat p, const std::function<void(std::size_t)>& found) const
{
    const BPoint q(p.lon, p.lat);
    for (auto it = m_tree->tree.qbegin(bgi::intersects(q)); it != m_tree->tree.qend(); ++it)
        if (m_areas[it->second].shape.contains(p))
            found(it->second);
}

std::optional<std::int64_t> AreaIndex::first_containing(LonLat p) const
{
    std::optional<std::int64_t> best;
    for_each_containing(p, [&](std::size_t i) {
        if (!best || m_areas[i].id < *best)
            best = m_areas[i].id;
    });
    return best;
}

struct SiteAssigner::SiteTree {
    bgi::rtree<std::pair<BPoint, std::size_t>, bgi::rstar<16>> tree;
};

SiteAssigner::SiteAssigner(std::vector<IndexedSite> sites, std::vector<IndexedArea> concessions, double radius_m)
    : m_sites(std::move(sites)), m_concessions(std::move(concessions)), m_radius_m(radius_m),
      m_tree(std::make_unique<SiteTree>())
{
    std::vector<std::pair<BPoint, std::size_t>> points;
    points.reserve(m_sites.size());
    m_sites_in.resize(m_concessions.size());
    for (std::size_t i = 0; i < m_sites.size(); ++i) {
        points.emplace_back(BPoint(m_sites[i].at.lon, m_sites[i].at.lat), i);
        m_concessions.for_each_containing(m_sites[i].at, [&](std::size_t c) { m_sites_in[c].push_back(i); });
    }
    m_tree->tree = decltype(m_tree->tree)(points.begin(), points.end());
}

SiteAssigner::SiteAssigner(SiteAssigner&&) noexcept = default;
SiteAssigner& SiteAssigner::operator=(SiteAssigner&&) noexcept = default;
SiteAssigner::~SiteAssigner() = default;

std::size_t SiteAssigner::concessions_holding_sites() const
{
    return std::size_t(std::count_if(m_sites_in.begin(), m_sites_in.end(), [](const auto& v) { return !v.empty(); }));
}

namespace {

struct Candidate {
    double rough;          // approximate_m
    std::size_t site;      // position in m_sites
    std::size_t concession; // position in the concession index (inside a concession)
};

// Candidates nearest first by the approximate distance, so the exact distance is computed
// for the few that can still win (usually one). The sort is stable: a site held by two
// concessions stays with the one visited first.
std::vector<Candidate>& sorted(std::vector<Candidate>& candidates)
{
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.rough < b.rough; });
    return candidates;
}

} // namespace

SiteChoice SiteAssigner::assign(LonLat p) const
{
    thread_local std::vector<Candidate> candidates;
    candidates.clear();
    SiteChoice choice;
    // 1. Inside one or more concessions holding sites: the nearest of their sites. Ties
    // (same distance) go to the smaller site id, so a run is reproducible.
    m_concessions.for_each_containing(p, [&](std::size_t c) {
        for (std::size_t s : m_sites_in[c])
            candidates.push_back({approximate_m(p, m_sites[s].at), s, c});
    });
    for (const auto& c : sorted(candidates)) {
        if (choice.method != SiteMethod::None && c.rough > choice.distance_m * k_margin)
            break;
        const auto& site = m_sites[c.site];
        const double d = geodesic_distance_m(p, site.at);
        if (choice.method == SiteMethod::None || d < choice.distance_m ||
            (d == choice.distance_m && site.id < choice.site_id)) {
            choice.method = SiteMethod::InsideConcession;
            choice.site_id = site.id;
            choice.distance_m = d;
            choice.concession_id = m_concessions.area(c.concession).id;
        }
    }
    if (choice.method != SiteMethod::None)
        return choice;

    // 2. The nearest site within the radius. The candidate box is wider than the radius in
    // every direction (a degree of latitude is at least 110.5 km; a degree of longitude
    // shrinks with the cosine of the latitude), so no site within the radius is missed.
    if (m_radius_m <= 0)
        return choice;
    const double dlat = m_radius_m / 110000.0;
    const double lat_far = std::min(89.9, std::abs(p.lat) + dlat);
    const double dlon = std::min(360.0, m_radius_m / (111000.0 * std::cos(lat_far * M_PI / 180.0)));
    const BBox window(BPoint(p.lon - dlon, p.lat - dlat), BPoint(p.lon + dlon, p.lat + dlat));
    candidates.clear();
    for (auto it = m_tree->tree.qbegin(bgi::intersects(window)); it != m_tree->tree.qend(); ++it) {
        const double rough = approximate_m(p, m_sites[it->second].at);
        if (rough <= m_radius_m * k_margin)
            candidates.push_back({rough, it->second, 0});
    }
    for (const auto& c : sorted(candidates)) {
        if (choice.method != SiteMethod::None && c.rough > choice.distance_m * k_margin)
            break;
        const auto& site = m_sites[c.site];
        const double d = geodesic_distance_m(p, site.at);
        if (d > m_radius_m)
            continue;
        if (choice.method == SiteMethod::None || d < choice.distance_m ||
            (d == choice.distance_m && site.id < choice.site_id)) {
            choice.method = SiteMethod::NearestWithinRadius;
            choice.site_id = site.id;
            choice.distance_m = d;
        }
    }
    return choice;
}

} // namespace mwangaza::geo
