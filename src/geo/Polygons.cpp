#include "geo/Polygons.hpp"

#include "core/Error.hpp"

#include <geodesic.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

namespace mwangaza::geo {

namespace {

constexpr std::size_t k_banded_ring = 64; // vertices from which a ring gets bands

// Whether the edge a-b crosses the ray from p towards east. Computed from the lower end
// whatever the edge's direction, so that the banded and the plain tests agree exactly.
bool crosses(LonLat a, LonLat b, LonLat p)
{
    if (a.lat > b.lat)
        std::swap(a, b);
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
        const double x = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
        return p.lon < x;
    }
    return false;
}

bool banded_ring_contains(const std::vector<LonLat>& ring, const RingBands& bands, LonLat p)
{
    const std::size_t n = ring.size();
    const double at = (p.lat - bands.min_lat) / bands.band_height;
    const std::size_t count = bands.first.size() - 1;
    if (!(at >= 0) || at > double(count) + 1e-9)
        return false; // below or above every edge
    const std::size_t band = std::min(count - 1, std::size_t(at));
    bool inside = false;
    for (std::uint32_t k = bands.first[band]; k < bands.first[band + 1]; ++k) {
        const std::uint32_t i = bands.edges[k];
        if (crosses(ring[i], ring[i + 1 == n ? 0 : i + 1], p))
            inside = !inside;
    }
    return inside;
}

RingBands make_bands(const std::vector<LonLat>& ring)
{
    RingBands b;
    const std::size_t n = ring.size();
    double lo = ring[0].lat, hi = ring[0].lat;
    for (const auto& p : ring) {
        lo = std::min(lo, p.lat);
        hi = std::max(hi, p.lat);
    }
    const std::size_t count = std::max<std::size_t>(1, n / 8);
    b.min_lat = lo;
    b.band_height = hi > lo ? (hi - lo) / double(count) : 1;
    auto band_of = [&](double lat) {
        const double at = (lat - lo) / b.band_height;
        return std::min(count - 1, std::size_t(std::max(0.0, at)));
    };
    std::vector<std::uint32_t> sizes(count, 0);
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1) {
            b.first.assign(count + 1, 0);
            for (std::size_t i = 0; i < count; ++i)
                b.first[i + 1] = b.first[i] + sizes[i];
            b.edges.resize(b.first[count]);
            std::fill(sizes.begin(), sizes.end(), 0);
        }
        for (std::size_t i = 0; i < n; ++i) {
            const LonLat a = ring[i], c = ring[i + 1 == n ? 0 : i + 1];
            const std::size_t from = band_of(std::min(a.lat, c.lat)), to = band_of(std::max(a.lat, c.lat));
            for (std::size_t k = from; k <= to; ++k) {
                if (pass == 1)
                    b.edges[b.first[k] + sizes[k]] = std::uint32_t(i);
                ++sizes[k];
            }
        }
    }
    return b;
}

bool ring_contains(const std::vector<LonLat>& ring, LonLat p)
{
    bool inside = false;
    const std::size_t n = ring.size();
    if (n < 3)
        return false;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++)
        if (crosses(ring[i], ring[j], p))
            inside = !inside;
    return inside;
}

class WkbReader {
public:
    explicit WkbReader(std::span<const std::uint8_t> data) : m_data(data) {}

    MultiPolygon read()
    {
        MultiPolygon result;
        const auto [type, dims] = header();
        if (type == 3) {
            result.polygons.push_back(polygon(dims));
        } else if (type == 6) {
            const std::uint32_t n = count();
            for (std::uint32_t i = 0; i < n; ++i) {
                const auto [part, part_dims] = header();
                if (part != 3)
                    fail("a multipolygon part is not a polygon");
                result.polygons.push_back(polygon(part_dims));
            }
        } else {
            fail("geometry type " + std::to_string(type) + " is not a polygon or multipolygon");
        }
        return result;
    }

private:
    [[noreturn]] void fail(const std::string& why) const { throw GeoError("unreadable stored polygon: " + why); }

    void need(std::size_t bytes) const
    {
        if (m_pos + bytes > m_data.size())
            fail("the data ends too early");
    }

    std::uint32_t u32()
    {
        need(4);
        std::uint8_t b[4];
        std::memcpy(b, m_data.data() + m_pos, 4);
        m_pos += 4;
        if (!m_little)
            std::reverse(b, b + 4);
        std::uint32_t v;
        std::memcpy(&v, b, 4);
        return v;
    }

    double f64()
    {
        need(8);
        std::uint8_t b[8];
        std::memcpy(b, m_data.data() + m_pos, 8);
        m_pos += 8;
        if (!m_little)
            std::reverse(b, b + 8);
        double v;
        std::memcpy(&v, b, 8);
        return v;
    }

    std::uint32_t count()
    {
        const std::uint32_t n = u32();
        if (n > m_data.size())
            fail("a count larger than the data");
        return n;
    }

    // Returns the base type (1..7) and the number of coordinates per point.
    std::pair<std::uint32_t, int> header()
    {
        need(1);
        m_little = m_data[m_pos++] == 1;
        std::uint32_t raw = u32();
        int dims = 2;
        if (raw & 0x80000000u)
            ++dims; // extended Z
        if (raw & 0x40000000u)
            ++dims; // extended M
        raw &= 0x0FFFFFFFu;
        if (raw >= 3000)
            dims = 4, raw -= 3000;
        else if (raw >= 2000)
            dims = 3, raw -= 2000;
        else if (raw >= 1000)
            dims = 3, raw -= 1000;
        return {raw, dims};
    }

    Polygon polygon(int dims)
    {
        Polygon p;
        const std::uint32_t rings = count();
        p.rings.reserve(rings);
        for (std::uint32_t r = 0; r < rings; ++r) {
            const std::uint32_t points = count();
            std::vector<LonLat> ring;
            ring.reserve(points);
            for (std::uint32_t i = 0; i < points; ++i) {
                LonLat q;
                q.lon = f64();
                q.lat = f64();
                for (int d = 2; d < dims; ++d)
                    f64();
                ring.push_back(q);
            }
            p.rings.push_back(std::move(ring));
        }
        return p;
    }

    std::span<const std::uint8_t> m_data;
    std::size_t m_pos = 0;
    bool m_little = true;
};

const geod_geodesic& wgs84()
{
    static const geod_geodesic g = [] {
        geod_geodesic e;
        geod_init(&e, 6378137.0, 1 / 298.257223563);
        return e;
    }();
    return g;
}

} // namespace

LonLatBox MultiPolygon::box() const
{
    LonLatBox b{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (const auto& polygon : polygons)
        if (!polygon.rings.empty())
            for (const auto& p : polygon.rings.front()) {
                b.min_lon = std::min(b.min_lon, p.lon);
                b.min_lat = std::min(b.min_lat, p.lat);
                b.max_lon = std::max(b.max_lon, p.lon);
                b.max_lat = std::max(b.max_lat, p.lat);
            }
    return b;
}

void MultiPolygon::prepare()
{
    for (auto& polygon : polygons) {
        polygon.bands.clear();
        bool worth = false;
        for (const auto& ring : polygon.rings)
            worth = worth || ring.size() >= k_banded_ring;
        if (!worth)
            continue;
        for (const auto& ring : polygon.rings)
            polygon.bands.push_back(ring.size() >= 3 ? make_bands(ring) : RingBands{});
    }
}

bool MultiPolygon::contains(LonLat p) const
{
    for (const auto& polygon : polygons) {
        auto in_ring = [&](std::size_t r) {
            const auto& ring = polygon.rings[r];
            if (r < polygon.bands.size() && !polygon.bands[r].first.empty())
                return banded_ring_contains(ring, polygon.bands[r], p);
            return ring_contains(ring, p);
        };
        if (polygon.rings.empty() || !in_ring(0))
            continue;
        bool in_hole = false;
        for (std::size_t h = 1; h < polygon.rings.size() && !in_hole; ++h)
            in_hole = in_ring(h);
        if (!in_hole)
            return true;
    }
    return false;
}

MultiPolygon multipolygon_from_wkb(std::span<const std::uint8_t> wkb)
{
    return WkbReader(wkb).read();
}

double geodesic_distance_m(LonLat a, LonLat b)
{
    double s12 = 0;
    geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &s12, nullptr, nullptr);
    return s12;
}

} // namespace mwangaza::geo
