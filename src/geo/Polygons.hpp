#pragma once
// Polygons in WGS84 longitude/latitude without GDAL: a multipolygon read from the WKB the
// programme stores (concessions, protected areas), point-in-polygon with holes, and the
// geodesic distance on the WGS84 ellipsoid. Used by the site assignment, which tests
// hundreds of thousands of points and must not pay for OGR objects per test.
#include <cstdint>
#include <span>
#include <vector>

namespace mwangaza::geo {

struct LonLat {
    double lon = 0;
    double lat = 0;
};

struct LonLatBox {
    double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
    bool contains(LonLat p) const
    {
        return p.lon >= min_lon && p.lon <= max_lon && p.lat >= min_lat && p.lat <= max_lat;
    }
};

// Edges of a ring sorted into horizontal bands, so that a point test reads only the edges
// of its band: protected areas have rings of tens of thousands of vertices.
struct RingBands {
    double min_lat = 0;
    double band_height = 0;
    std::vector<std::uint32_t> first;  // per band, into `edges`; one more entry at the end
    std::vector<std::uint32_t> edges;  // edge i joins point i and point i+1 (or 0)
};

// Rings are closed or not (the closing point is implied); the first ring of a polygon is
// its outer boundary, the others its holes.
struct Polygon {
    std::vector<std::vector<LonLat>> rings;
    std::vector<RingBands> bands; // empty, or one per ring (see MultiPolygon::prepare)
};

struct MultiPolygon {
    std::vector<Polygon> polygons;
    LonLatBox box() const;
    // Builds the band index of rings with many vertices; `contains` gives the same answers,
    // faster.
    void prepare();
    // True when `p` is inside one of the polygons and in none of that polygon's holes
    // (even-odd rule per ring). A point exactly on an edge may fall either way.
    bool contains(LonLat p) const;
};

// Reads 2D WKB (either byte order) of a Polygon or MultiPolygon, ISO or extended, Z/M
// coordinates dropped. Throws GeoError for anything else or truncated data.
MultiPolygon multipolygon_from_wkb(std::span<const std::uint8_t> wkb);

// Geodesic distance in metres between two points on the WGS84 ellipsoid (Vincenty's
// inverse formula: within a millimetre of PROJ's geodesic routines, tested; near the
// antipode, where it does not converge, the great-circle distance on the mean sphere).
double geodesic_distance_m(LonLat a, LonLat b);

} // namespace mwangaza::geo
