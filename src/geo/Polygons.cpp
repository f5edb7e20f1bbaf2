#include "geo/Polygons.hpp"

#include "core/Error.hpp"

#include <algorithm>
#include <cmath>
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
    // Vincenty's inverse formula (1975) on the WGS84 ellipsoid: iterated on the
    // longitude difference on the auxiliary sphere, accurate to well under a millimetre
    // wherever it converges, which is everywhere but near the antipode of `a`.
    constexpr double k_a = 6378137.0, k_f = 1 / 298.257223563, k_b = k_a * (1 - k_f);
    constexpr double k_rad = M_PI / 180;
    if (a.lon == b.lon && a.lat == b.lat)
        return 0;
    const double L = (b.lon - a.lon) * k_rad;
    const double U1 = std::atan((1 - k_f) * std::tan(a.lat * k_rad));
    const double U2 = std::atan((1 - k_f) * std::tan(b.lat * k_rad));
    const double sinU1 = std::sin(U1), cosU1 = std::cos(U1), sinU2 = std::sin(U2), cosU2 = std::cos(U2);
    double lambda = L, sin_sigma = 0, cos_sigma = 0, sigma = 0, cos_sq_alpha = 0, cos_2sigma_m = 0;
    for (int iteration = 0;; ++iteration) {
        const double sin_lambda = std::sin(lambda), cos_lambda = std::cos(lambda);
        const double x = cosU2 * sin_lambda, y = cosU1 * sinU2 - sinU1 * cosU2 * cos_lambda;
        sin_sigma = std::sqrt(x * x + y * y);
        if (sin_sigma == 0)
            return 0; // the same point
        cos_sigma = sinU1 * sinU2 + cosU1 * cosU2 * cos_lambda;
        sigma = std::atan2(sin_sigma, cos_sigma);
        const double sin_alpha = cosU1 * cosU2 * sin_lambda / sin_sigma;
        cos_sq_alpha = 1 - sin_alpha * sin_alpha;
        cos_2sigma_m = cos_sq_alpha != 0 ? cos_sigma - 2 * sinU1 * sinU2 / cos_sq_alpha : 0; // on the equator
        const double C = k_f / 16 * cos_sq_alpha * (4 + k_f * (4 - 3 * cos_sq_alpha));
        const double previous = lambda;
        lambda = L + (1 - C) * k_f * sin_alpha *
                         (sigma + C * sin_sigma * (cos_2sigma_m + C * cos_sigma * (-1 + 2 * cos_2sigma_m * cos_2sigma_m)));
        if (std::abs(lambda - previous) < 1e-12)
            break;
        if (iteration == 200) {
            // Nearly antipodal points: the great-circle distance on the mean sphere (within
            // half a percent), far beyond any distance the assignment compares.
            const double h = std::sin((b.lat - a.lat) * k_rad / 2), w = std::sin(L / 2);
            const double q = h * h + std::cos(a.lat * k_rad) * std::cos(b.lat * k_rad) * w * w;
            return 2 * 6371008.8 * std::asin(std::min(1.0, std::sqrt(q)));
        }
    }
    const double u_sq = cos_sq_alpha * (k_a * k_a - k_b * k_b) / (k_b * k_b);
    const double A = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)));
    const double B = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)));
    const double delta_sigma =
        B * sin_sigma *
        (cos_2sigma_m + B / 4 *
                            (cos_sigma * (-1 + 2 * cos_2sigma_m * cos_2sigma_m) -
                             B / 6 * cos_2sigma_m * (-3 + 4 * sin_sigma * sin_sigma) *
                                 (-3 + 4 * cos_2sigma_m * cos_2sigma_m)));
    return k_b * A * (sigma - delta_sigma);
}

} // namespace mwangaza::geo
