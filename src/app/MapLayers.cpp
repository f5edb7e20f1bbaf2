#include "app/MapLayers.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "core/RiskMatrix.hpp"
#include "core/Taxonomy.hpp"
#include "geo/FileLayer.hpp"
#include "geo/MapRenderer.hpp"
#include "store/Database.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>

namespace mwangaza::app {

namespace {

// Same colours as the dashboard's categories, in taxonomy order.
constexpr std::array<std::uint32_t, 7> k_category_colours{
    0xc0392bff, // human_rights
    0x8e44adff, // security
    0xd97b1eff, // working_conditions
    0x2b6cb0ff, // community
    0x5d6d7eff, // legality
    0x16a085ff, // traceability
    0x3e8e41ff, // environment
};

constexpr std::array<std::uint32_t, 5> k_level_colours{
    0x9e9e9eff, // no current risk
    0x66bb6aff, // low
    0xfdd835ff, // medium
    0xfb8c00ff, // high
    0xd50000ff, // very high
};

std::string count_label(std::uint32_t n) {
    char buffer[16];
    if (n < 1000)
        std::snprintf(buffer, sizeof buffer, "%u", n);
    else if (n < 10000)
        std::snprintf(buffer, sizeof buffer, "%.1fk", n / 1000.0);
    else if (n < 1000000)
        std::snprintf(buffer, sizeof buffer, "%uk", (n + 500) / 1000);
    else
        std::snprintf(buffer, sizeof buffer, "%.1fM", n / 1e6);
    return buffer;
}

bool cancelled(const std::atomic<bool>& cancel) { return cancel.load(std::memory_order_relaxed); }

} // namespace

std::uint32_t risk_level_colour(int level) {
    return k_level_colours[static_cast<std::size_t>(std::clamp(level, 0, 4))];
}

std::uint32_t category_colour(int category_index) {
    if (category_index < 0 || category_index >= static_cast<int>(k_category_colours.size()))
        return 0x7f8c8dff;
    return k_category_colours[static_cast<std::size_t>(category_index)];
}

std::vector<LegendEntry> site_legend() {
    std::vector<LegendEntry> legend{{"none", core::tr("No open risk"), risk_level_colour(0)}};
    for (int level = 1; level <= 4; ++level) {
        const auto l = static_cast<core::RiskLevel>(level);
        legend.push_back({std::string(core::risk_level_code(l)), core::tr(core::risk_level_label(l)),
                          risk_level_colour(level)});
    }
    return legend;
}

std::vector<LegendEntry> incident_legend() {
    std::vector<LegendEntry> legend;
    int i = 0;
    for (const auto& c : core::risk_categories())
        legend.push_back({std::string(c.code), core::tr(c.label), category_colour(i++)});
    return legend;
}

// ---------------------------------------------------------------------------- sites

SitesLayer::SitesLayer(std::vector<store::MapSite> sites) : m_sites(std::move(sites)) {
    m_points.reserve(m_sites.size());
    for (const auto& s : m_sites) {
        m_points.push_back(geo::lonlat_to_map(s.lon, s.lat));
        m_extent.expand(m_points.back());
    }
}

std::string SitesLayer::name() const { return core::tr("Sites"); }

std::vector<std::string> SitesLayer::fields() const { return {"code", "name", "province"}; }

void SitesLayer::draw(cairo_t* cr, const geo::Viewport& view, const geo::LayerStyle& style,
                      const std::atomic<bool>& cancel) const {
    const double size = std::max(3.0, style.symbol_size);
    const double margin = size + 2;
    // Where sites crowd closer than a symbol, one symbol per cell of a grid fixed in map
    // coordinates stands for them: the site of the highest level (the one that would be
    // drawn on top anyway). The frame then costs the same for 50 sites as for 50,000.
    const double cell = std::max(4.0, size * 0.75) * view.resolution;
    std::unordered_map<std::uint64_t, std::size_t> best;
    for (std::size_t i = 0; i < m_sites.size(); ++i) {
        double px = 0, py = 0;
        view.to_pixel(m_points[i], px, py);
        if (px < -margin || py < -margin || px > view.width + margin || py > view.height + margin)
            continue;
        const auto cx = static_cast<std::int64_t>(std::floor(m_points[i].x / cell));
        const auto cy = static_cast<std::int64_t>(std::floor(m_points[i].y / cell));
        const std::uint64_t key = (static_cast<std::uint64_t>(cx) << 32) ^ static_cast<std::uint32_t>(cy);
        auto [it, inserted] = best.try_emplace(key, i);
        if (!inserted && m_sites[i].highest_level > m_sites[it->second].highest_level)
            it->second = i;
    }
    std::vector<std::size_t> order;
    order.reserve(best.size());
    for (const auto& [key, i] : best)
        order.push_back(i);
    // Highest levels last, so they stay on top where symbols overlap.
    std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
        return m_sites[a].highest_level != m_sites[b].highest_level ? m_sites[a].highest_level < m_sites[b].highest_level
                                                                    : a < b;
    });
    cairo_save(cr);
    cairo_set_line_width(cr, std::max(0.5, style.stroke_width));
    std::size_t n = 0;
    for (std::size_t i : order) {
        if ((++n & 1023) == 0 && cancelled(cancel))
            break;
        double px = 0, py = 0;
        view.to_pixel(m_points[i], px, py);
        // A white ring under the symbol keeps it readable on any background.
        geo::symbol_path(cr, style.symbol, px, py, size + 3);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_fill(cr);
        geo::symbol_path(cr, style.symbol, px, py, size);
        geo::set_source_rgba(cr, risk_level_colour(m_sites[i].highest_level));
        cairo_fill_preserve(cr);
        geo::set_source_rgba(cr, style.stroke);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    // Labels only where they can be read: not over a thousand symbols.
    if (style.label_field.empty() || cancelled(cancel) || order.size() > 1000)
        return;
    // Labels right of the symbols; one that would cover a symbol or a label already drawn
    // is left out.
    std::vector<std::array<double, 4>> taken;
    taken.reserve(order.size() * 2);
    for (std::size_t i : order) {
        double px = 0, py = 0;
        view.to_pixel(m_points[i], px, py);
        taken.push_back({px - size / 2 - 1, py - size / 2 - 1, px + size / 2 + 1, py + size / 2 + 1});
    }
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_from_string("Sans");
    pango_font_description_set_absolute_size(font, 11 * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const auto& s = m_sites[*it];
        const std::string& text = style.label_field == "name" ? s.name
                                  : style.label_field == "province" ? s.province
                                                                    : s.code;
        if (text.empty())
            continue;
        pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
        int w = 0, h = 0;
        pango_layout_get_pixel_size(layout, &w, &h);
        double px = 0, py = 0;
        view.to_pixel(m_points[*it], px, py);
        const std::array<double, 4> box{px + size / 2 + 3, py - h / 2.0, px + size / 2 + 3 + w, py + h / 2.0};
        const bool overlaps = std::any_of(taken.begin(), taken.end(), [&](const auto& b) {
            return box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1];
        });
        if (overlaps)
            continue;
        taken.push_back(box);
        geo::draw_halo_layout(cr, layout, box[0], box[1]);
    }
    g_object_unref(layout);
}

std::vector<geo::IdentifyHit> SitesLayer::identify(const geo::Viewport& view, double px, double py,
                                                   double tolerance_px) const {
    std::vector<geo::IdentifyHit> hits;
    for (std::size_t i = 0; i < m_sites.size(); ++i) {
        double x = 0, y = 0;
        view.to_pixel(m_points[i], x, y);
        const double d = std::hypot(x - px, y - py);
        if (d > tolerance_px)
            continue;
        const auto& s = m_sites[i];
        geo::IdentifyHit hit;
        hit.layer = name();
        hit.kind = "site";
        hit.id = s.id;
        hit.title = s.code + " " + s.name;
        hit.distance_px = d;
        hit.attributes = {
            {core::tr("Code"), s.code},
            {core::tr("Name"), s.name},
            {core::tr("Province"), s.province},
            {core::tr("Country"), core::country_label(s.country)},
            {core::tr("Minerals"), core::minerals_label(s.minerals)},
            {core::tr("Incidents"), std::to_string(s.incidents)},
            {core::tr("Open risks"), std::to_string(s.open_risks)},
            {core::tr("Highest current risk level"),
             s.highest_level == 0 ? core::tr("none")
                                  : core::tr(core::risk_level_label(static_cast<core::RiskLevel>(s.highest_level)))},
        };
        hits.push_back(std::move(hit));
    }
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.distance_px < b.distance_px; });
    return hits;
}

std::shared_ptr<const SitesLayer> load_sites_layer(const std::filesystem::path& db) {
    auto database = store::Database::open(db, store::Database::Mode::ReadOnly);
    return std::make_shared<const SitesLayer>(store::load_map_sites(database.sql()));
}

// ------------------------------------------------------------------------ incidents

std::shared_ptr<const IncidentsLayer> IncidentsLayer::load(const std::filesystem::path& db,
                                                           const store::IncidentQuery& filter) {
    auto database = store::Database::open(db, store::Database::Mode::ReadOnly);
    auto layer = std::make_shared<IncidentsLayer>();
    layer->m_db = db;
    store::for_each_map_incident(database.sql(), filter, [&](const store::MapIncidentRow& r) { layer->add(r); });
    layer->index();
    return layer;
}

void IncidentsLayer::index() {
    const std::size_t n = m_ids.size();
    m_bucket_w = std::max(1.0, m_extent.width() / k_buckets);
    m_bucket_h = std::max(1.0, m_extent.height() / k_buckets);
    auto bucket_of = [&](std::size_t i) {
        const auto bx = std::min<std::size_t>(k_buckets - 1, static_cast<std::size_t>(std::max(0.0, (m_x[i] - m_extent.min_x) / m_bucket_w)));
        const auto by = std::min<std::size_t>(k_buckets - 1, static_cast<std::size_t>(std::max(0.0, (m_y[i] - m_extent.min_y) / m_bucket_h)));
        return by * k_buckets + bx;
    };
    // A counting sort by bucket; within a bucket the order of reading stays.
    m_bucket_start.assign(k_buckets * k_buckets + 1, 0);
    std::vector<std::uint32_t> bucket(n);
    for (std::size_t i = 0; i < n; ++i) {
        bucket[i] = static_cast<std::uint32_t>(bucket_of(i));
        ++m_bucket_start[bucket[i] + 1];
    }
    for (std::size_t b = 0; b < k_buckets * k_buckets; ++b)
        m_bucket_start[b + 1] += m_bucket_start[b];
    std::vector<std::uint32_t> next(m_bucket_start.begin(), m_bucket_start.end() - 1);
    std::vector<float> x(n), y(n);
    std::vector<std::uint8_t> category(n);
    std::vector<std::int64_t> ids(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t to = next[bucket[i]]++;
        x[to] = m_x[i];
        y[to] = m_y[i];
        category[to] = m_category[i];
        ids[to] = m_ids[i];
    }
    m_x = std::move(x);
    m_y = std::move(y);
    m_category = std::move(category);
    m_ids = std::move(ids);
    build_levels();
}

void IncidentsLayer::build_levels() {
    m_levels.assign(k_max_level - k_min_level + 1, {});
    const std::size_t n = m_ids.size();
    if (n == 0)
        return;
    auto key = [](std::int32_t cx, std::int32_t cy) {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(cy) ^ 0x80000000u) << 32) |
               (static_cast<std::uint32_t>(cx) ^ 0x80000000u);
    };
    // The finest level from the incidents, each coarser one from the level below it.
    std::vector<Square> level;
    {
        const double size = std::ldexp(1.0, k_min_level);
        std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto cx = static_cast<std::int32_t>(std::floor(m_x[i] / size));
            const auto cy = static_cast<std::int32_t>(std::floor(m_y[i] / size));
            keyed[i] = {key(cx, cy), static_cast<std::uint32_t>(i)};
        }
        std::sort(keyed.begin(), keyed.end());
        for (std::size_t a = 0; a < n;) {
            std::size_t b = a;
            Square sq;
            double sx = 0, sy = 0;
            const std::uint32_t first = keyed[a].second;
            sq.cx = static_cast<std::int32_t>(std::floor(m_x[first] / size));
            sq.cy = static_cast<std::int32_t>(std::floor(m_y[first] / size));
            for (; b < n && keyed[b].first == keyed[a].first; ++b) {
                const std::uint32_t i = keyed[b].second;
                sx += m_x[i];
                sy += m_y[i];
                ++sq.count;
                ++sq.per_category[std::min<std::size_t>(m_category[i], 6)];
            }
            sq.mx = static_cast<float>(sx / sq.count);
            sq.my = static_cast<float>(sy / sq.count);
            level.push_back(sq);
            a = b;
        }
    }
    for (int k = k_min_level;; ++k) {
        if (level.size() <= n / 8)
            m_levels[k - k_min_level] = level;
        if (k == k_max_level)
            break;
        // Halve: squares (cx, cy) -> (cx >> 1, cy >> 1) (arithmetic shift is floor).
        std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(level.size());
        for (std::size_t i = 0; i < level.size(); ++i)
            keyed[i] = {key(level[i].cx >> 1, level[i].cy >> 1), static_cast<std::uint32_t>(i)};
        std::sort(keyed.begin(), keyed.end());
        std::vector<Square> coarser;
        for (std::size_t a = 0; a < keyed.size();) {
            std::size_t b = a;
            Square sq;
            sq.cx = level[keyed[a].second].cx >> 1;
            sq.cy = level[keyed[a].second].cy >> 1;
            double sx = 0, sy = 0;
            for (; b < keyed.size() && keyed[b].first == keyed[a].first; ++b) {
                const Square& f = level[keyed[b].second];
                sx += double(f.mx) * f.count;
                sy += double(f.my) * f.count;
                sq.count += f.count;
                for (std::size_t c = 0; c < sq.per_category.size(); ++c)
                    sq.per_category[c] += f.per_category[c];
            }
            sq.mx = static_cast<float>(sx / sq.count);
            sq.my = static_cast<float>(sy / sq.count);
            coarser.push_back(sq);
            a = b;
        }
        level = std::move(coarser);
    }
}

std::shared_ptr<const IncidentsLayer> IncidentsLayer::from_rows(const std::vector<store::MapIncidentRow>& rows) {
    auto layer = std::make_shared<IncidentsLayer>();
    layer->m_x.reserve(rows.size());
    layer->m_y.reserve(rows.size());
    layer->m_category.reserve(rows.size());
    layer->m_ids.reserve(rows.size());
    for (const auto& r : rows)
        layer->add(r);
    layer->index();
    return layer;
}

void IncidentsLayer::add(const store::MapIncidentRow& r) {
    const geo::MapPoint p = geo::lonlat_to_map(r.lon, r.lat);
    m_x.push_back(static_cast<float>(p.x));
    m_y.push_back(static_cast<float>(p.y));
    m_category.push_back(static_cast<std::uint8_t>(std::clamp(r.category, 0, 7)));
    m_ids.push_back(r.id);
    m_extent.expand(p);
}

std::string IncidentsLayer::name() const { return core::tr("Incidents"); }

std::size_t IncidentsLayer::levels_bytes() const {
    std::size_t bytes = 0;
    for (const auto& level : m_levels)
        bytes += level.capacity() * sizeof(Square);
    return bytes;
}

std::size_t IncidentsLayer::memory_bytes() const {
    return m_x.capacity() * sizeof(float) + m_y.capacity() * sizeof(float) + m_category.capacity() +
           m_ids.capacity() * sizeof(std::int64_t) + m_bucket_start.capacity() * sizeof(std::uint32_t) +
           levels_bytes() + sizeof(*this);
}

IncidentsLayer::Plan IncidentsLayer::plan(const geo::Viewport& view, const std::atomic<bool>& cancel) const {
    Plan plan;
    if (view.width <= 0 || view.height <= 0 || m_ids.empty())
        return plan;
    // Frame bounds in map units, with a margin of a symbol.
    const geo::MapRect frame = view.extent();
    const double pad = 4 * view.resolution;
    const float min_x = static_cast<float>(frame.min_x - pad), max_x = static_cast<float>(frame.max_x + pad);
    const float min_y = static_cast<float>(frame.min_y - pad), max_y = static_cast<float>(frame.max_y + pad);
    const std::size_t n = m_ids.size();
    const std::size_t limit = std::min<std::size_t>(
        k_max_points, static_cast<std::size_t>(view.width * double(view.height) / k_min_pixels_per_point));

    // One pass: the incidents in view, counted into a grid of k_cell_px pixels anchored at
    // the map origin, and listed while they are few enough to be drawn one by one.
    const double cell = k_cell_px * view.resolution;
    const auto gx0 = static_cast<std::int64_t>(std::floor((frame.min_x - pad) / cell));
    const auto gy0 = static_cast<std::int64_t>(std::floor((frame.min_y - pad) / cell));
    const auto gx1 = static_cast<std::int64_t>(std::floor((frame.max_x + pad) / cell));
    const auto gy1 = static_cast<std::int64_t>(std::floor((frame.max_y + pad) / cell));
    const auto cols = static_cast<std::size_t>(gx1 - gx0 + 1), rows = static_cast<std::size_t>(gy1 - gy0 + 1);
    struct Acc {
        double sx = 0, sy = 0;
        std::uint32_t count = 0;
        std::array<std::uint32_t, 8> per_category{};
    };
    std::vector<Acc> cells(cols * rows);
    const double inv_cell = 1.0 / cell;
    const double ox = static_cast<double>(gx0), oy = static_cast<double>(gy0);
    plan.points.reserve(std::min(limit + 1, n));
    auto finish_clusters = [&]() -> Plan {
        for (const Acc& a : cells) {
            if (a.count == 0)
                continue;
            Cluster c;
            c.count = a.count;
            view.to_pixel({a.sx / a.count, a.sy / a.count}, c.px, c.py);
            c.category = static_cast<int>(std::max_element(a.per_category.begin(), a.per_category.end()) -
                                          a.per_category.begin());
            plan.clusters.push_back(c);
        }
        // Small clusters first, so the big ones and their counts stay on top.
        std::sort(plan.clusters.begin(), plan.clusters.end(),
                  [](const Cluster& a, const Cluster& b) { return a.count < b.count; });
        return std::move(plan);
    };
    // The buckets the frame overlaps; each row of them is one run of the arrays.
    auto bucket_range = [](double lo, double hi, double origin, double size, std::size_t& first, std::size_t& last) {
        const double a = std::floor((lo - origin) / size), b = std::floor((hi - origin) / size);
        if (b < 0 || a > double(k_buckets - 1))
            return false;
        first = static_cast<std::size_t>(std::max(0.0, a));
        last = static_cast<std::size_t>(std::min(double(k_buckets - 1), b));
        return true;
    };
    std::size_t bx0 = 0, bx1 = 0, by0 = 0, by1 = 0;
    if (!bucket_range(min_x, max_x, m_extent.min_x, m_bucket_w, bx0, bx1) ||
        !bucket_range(min_y, max_y, m_extent.min_y, m_bucket_h, by0, by1))
        return plan;

    // Many incidents to read: add up the squares of a level four times finer than the
    // clusters instead, when that level is kept.
    std::size_t to_read = 0;
    for (std::size_t by = by0; by <= by1; ++by)
        to_read += m_bucket_start[by * k_buckets + bx1 + 1] - m_bucket_start[by * k_buckets + bx0];
    const int level = static_cast<int>(std::floor(std::log2(cell / 4)));
    if (to_read > 4 * limit && level >= k_min_level && to_read > 65536) {
        const auto& squares = m_levels[static_cast<std::size_t>(std::min(level, k_max_level) - k_min_level)];
        if (!squares.empty()) {
            const double size = std::ldexp(1.0, std::min(level, k_max_level));
            const auto sx0 = static_cast<std::int32_t>(std::floor(min_x / size)) - 1;
            const auto sx1 = static_cast<std::int32_t>(std::floor(max_x / size)) + 1;
            const auto sy0 = static_cast<std::int32_t>(std::floor(min_y / size)) - 1;
            const auto sy1 = static_cast<std::int32_t>(std::floor(max_y / size)) + 1;
            for (std::int32_t cy = sy0; cy <= sy1; ++cy) {
                auto it = std::lower_bound(squares.begin(), squares.end(), std::pair{cy, sx0},
                                           [](const Square& q, const std::pair<std::int32_t, std::int32_t>& k) {
                                               return q.cy != k.first ? q.cy < k.first : q.cx < k.second;
                                           });
                for (; it != squares.end() && it->cy == cy && it->cx <= sx1; ++it) {
                    const float x = it->mx, y = it->my;
                    if (x < min_x || x > max_x || y < min_y || y > max_y)
                        continue;
                    plan.in_view += it->count;
                    const auto cx = std::min(cols - 1, static_cast<std::size_t>(std::max(0.0, x * inv_cell - ox)));
                    const auto ccy = std::min(rows - 1, static_cast<std::size_t>(std::max(0.0, y * inv_cell - oy)));
                    Acc& a = cells[ccy * cols + cx];
                    a.sx += double(x) * it->count;
                    a.sy += double(y) * it->count;
                    a.count += it->count;
                    for (std::size_t c = 0; c < it->per_category.size(); ++c)
                        a.per_category[c] += it->per_category[c];
                }
            }
            if (plan.in_view > limit) {
                plan.clustered = true;
                plan.points.clear();
                return finish_clusters();
            }
            // Few after all (the squares' estimate): read them one by one below.
            plan.in_view = 0;
            std::fill(cells.begin(), cells.end(), Acc{});
        }
    }
    const auto origin_x = static_cast<float>(ox * cell), origin_y = static_cast<float>(oy * cell);
    const auto inv_cell_f = static_cast<float>(inv_cell);
    std::size_t scanned = 0;
    for (std::size_t by = by0; by <= by1; ++by) {
        const std::size_t begin = m_bucket_start[by * k_buckets + bx0];
        const std::size_t end = m_bucket_start[by * k_buckets + bx1 + 1];
        for (std::size_t i = begin; i < end; ++i) {
            const float x = m_x[i], y = m_y[i];
            if (x < min_x || x > max_x || y < min_y || y > max_y)
                continue;
            ++plan.in_view;
            if (plan.points.size() <= limit)
                plan.points.push_back(static_cast<std::uint32_t>(i));
            // Non-negative (x >= min_x >= the grid's origin, up to rounding): truncation is floor.
            const auto cx = std::min(cols - 1, static_cast<std::size_t>(std::max(0.0f, (x - origin_x) * inv_cell_f)));
            const auto cy = std::min(rows - 1, static_cast<std::size_t>(std::max(0.0f, (y - origin_y) * inv_cell_f)));
            Acc& a = cells[cy * cols + cx];
            a.sx += x;
            a.sy += y;
            ++a.count;
            ++a.per_category[m_category[i] & 7];
        }
        scanned += end - begin;
        if (scanned > (std::size_t(1) << 18)) {
            scanned = 0;
            if (cancelled(cancel))
                return plan;
        }
    }
    if (plan.in_view <= limit)
        return plan;
    plan.clustered = true;
    plan.points.clear();
    plan.points.shrink_to_fit();
    return finish_clusters();
}

void IncidentsLayer::draw(cairo_t* cr, const geo::Viewport& view, const geo::LayerStyle& style,
                          const std::atomic<bool>& cancel) const {
    const Plan p = plan(view, cancel);
    if (cancelled(cancel))
        return;
    cairo_save(cr);
    if (!p.clustered) {
        // One path per category, filled once.
        const double size = std::max(2.0, style.symbol_size);
        for (int c = 0; c < static_cast<int>(k_category_colours.size()); ++c) {
            bool any = false;
            for (std::uint32_t i : p.points) {
                if (m_category[i] != c)
                    continue;
                double px = 0, py = 0;
                view.to_pixel({m_x[i], m_y[i]}, px, py);
                geo::symbol_path(cr, style.symbol, px, py, size);
                any = true;
            }
            if (!any)
                continue;
            cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
            cairo_set_line_width(cr, 1.0);
            cairo_stroke_preserve(cr);
            geo::set_source_rgba(cr, category_colour(c));
            cairo_fill(cr);
        }
        cairo_restore(cr);
        return;
    }
    // Discs first, then their counts above them (a site symbol drawn over a disc, where
    // incidents gather around their site, leaves the count readable).
    cairo_set_line_width(cr, 1.5);
    std::vector<double> radii;
    radii.reserve(p.clusters.size());
    for (const Cluster& c : p.clusters) {
        if (c.count == 1) {
            geo::symbol_path(cr, style.symbol, c.px, c.py, std::max(2.0, style.symbol_size));
            cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
            cairo_stroke_preserve(cr);
            geo::set_source_rgba(cr, category_colour(c.category));
            cairo_fill(cr);
            radii.push_back(0);
            continue;
        }
        const double r = std::min(k_cell_px / 2.0 - 4, 7 + 3.0 * std::log10(static_cast<double>(c.count)));
        radii.push_back(r);
        cairo_new_sub_path(cr);
        cairo_arc(cr, c.px, c.py, r, 0, 2 * M_PI);
        geo::set_source_rgba(cr, (category_colour(c.category) & 0xffffff00u) | 0xd9u);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_stroke(cr);
    }
    if (cancelled(cancel)) {
        cairo_restore(cr);
        return;
    }
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_from_string("Sans Bold");
    pango_font_description_set_absolute_size(font, 10.5 * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    // Biggest counts first; a count that would overlap one already drawn is left out.
    std::vector<std::array<double, 4>> taken;
    for (std::size_t k = p.clusters.size(); k-- > 0;) {
        const Cluster& c = p.clusters[k];
        if (c.count == 1)
            continue;
        const std::string text = count_label(c.count);
        pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
        int w = 0, h = 0;
        pango_layout_get_pixel_size(layout, &w, &h);
        const double x = c.px - w / 2.0, y = c.py - radii[k] - h + 1;
        const std::array<double, 4> box{x - 1, y, x + w + 1, y + h};
        if (std::any_of(taken.begin(), taken.end(), [&](const auto& b) {
                return box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1];
            }))
            continue;
        taken.push_back(box);
        cairo_move_to(cr, x, y);
        pango_cairo_layout_path(cr, layout);
        cairo_set_line_width(cr, 3);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
        cairo_stroke(cr);
        cairo_move_to(cr, x, y);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        pango_cairo_show_layout(cr, layout);
    }
    g_object_unref(layout);
    cairo_restore(cr);
}

std::vector<geo::IdentifyHit> IncidentsLayer::identify(const geo::Viewport& view, double px, double py,
                                                       double tolerance_px) const {
    // The nearest incidents within the tolerance, at most a screenful.
    constexpr std::size_t k_max_hits = 20;
    const geo::MapPoint at = view.to_map(px, py);
    const double tol = tolerance_px * view.resolution;
    std::vector<std::pair<double, std::size_t>> near;
    for (std::size_t i = 0; i < m_ids.size(); ++i) {
        const double dx = m_x[i] - at.x, dy = m_y[i] - at.y;
        if (std::abs(dx) > tol || std::abs(dy) > tol)
            continue;
        const double d = std::hypot(dx, dy) / view.resolution;
        if (d <= tolerance_px)
            near.emplace_back(d, i);
    }
    std::sort(near.begin(), near.end());
    if (near.size() > k_max_hits)
        near.resize(k_max_hits);
    if (near.empty() || m_db.empty())
        return {};
    std::vector<std::int64_t> ids;
    for (const auto& [d, i] : near)
        ids.push_back(m_ids[i]);
    auto database = store::Database::open(m_db, store::Database::Mode::ReadOnly);
    const auto details = store::load_incident_details(database.sql(), ids);
    std::unordered_map<std::int64_t, const store::IncidentDetail*> by_id;
    for (const auto& d : details)
        by_id[d.id] = &d;
    std::vector<geo::IdentifyHit> hits;
    for (const auto& [d, i] : near) {
        auto it = by_id.find(m_ids[i]);
        if (it == by_id.end())
            continue;
        const store::IncidentDetail& incident = *it->second;
        const core::RiskArea* area = core::find_risk_area(incident.risk_area);
        std::string description = incident.description;
        if (description.size() > 120) {
            std::size_t cut = 117;
            while (cut > 0 && (static_cast<unsigned char>(description[cut]) & 0xc0) == 0x80)
                --cut; // not inside a UTF-8 character
            description = description.substr(0, cut) + "...";
        }
        geo::IdentifyHit hit;
        hit.layer = name();
        hit.kind = "incident";
        hit.id = incident.id;
        hit.title = "#" + std::to_string(incident.id);
        hit.distance_px = d;
        hit.attributes = {
            {core::tr("Incident"), std::to_string(incident.id)},
            {core::tr("Observed on"), incident.observed_on},
            {core::tr("Risk area"), area ? core::tr(area->label) : incident.risk_area},
            {core::tr("Status"), incident.status},
            {core::tr("Site"), incident.site_code.empty() ? core::tr("not assigned")
                                                          : incident.site_code + " " + incident.site_name},
            {core::tr("Description"), description},
        };
        hits.push_back(std::move(hit));
    }
    return hits;
}

// --------------------------------------------------------------------------- opener

std::shared_ptr<const geo::MapLayer> open_map_layer(const std::filesystem::path& db, const geo::LayerSource& source,
                                                    const store::IncidentQuery& incidents_filter) {
    if (source.uri == "builtin:sites")
        return load_sites_layer(db);
    if (source.uri == "builtin:incidents")
        return IncidentsLayer::load(db, incidents_filter);
    if (source.uri == "builtin:basemap")
        return geo::open_basemap_layer();
    if (source.uri.rfind("builtin:", 0) == 0)
        throw GeoError(core::format(core::tr("The map layer %1 cannot be opened: this program has no reader for it."),
                                    {source.uri}));
    return geo::open_file_layer(source);
}

geo::MapDocument default_map_document(const std::filesystem::path& db) {
    geo::MapDocument doc;
    // The basemap when the program has one; a map without it still shows the programme.
    try {
        geo::LayerEntry basemap;
        basemap.source.uri = "builtin:basemap";
        basemap.layer = geo::open_basemap_layer();
        basemap.title = basemap.layer->name();
        doc.push_back(std::move(basemap));
    } catch (const Error&) {
    }
    auto add = [&](const std::string& uri, geo::LayerStyle style) {
        geo::LayerEntry entry;
        entry.source.uri = uri;
        entry.style = std::move(style);
        try {
            entry.layer = open_map_layer(db, entry.source);
            entry.title = entry.layer->name();
        } catch (const Error& e) {
            entry.error = e.what();
            entry.title = uri;
        }
        doc.push_back(std::move(entry));
    };
    geo::LayerStyle incidents;
    incidents.symbol = geo::PointSymbol::Circle;
    incidents.symbol_size = 6;
    add("builtin:incidents", incidents);
    geo::LayerStyle sites;
    sites.symbol = geo::PointSymbol::Circle;
    sites.symbol_size = 12;
    sites.stroke = 0x202020ff;
    sites.stroke_width = 1.5;
    sites.label_field = "code";
    add("builtin:sites", sites);
    return doc;
}

} // namespace mwangaza::app
