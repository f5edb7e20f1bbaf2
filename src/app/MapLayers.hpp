#pragma once
// The map's built-in layers, read from a programme database: the sites, coloured by their
// highest current risk level, and the incidents, coloured by risk category and drawn as
// clusters with counts when they are too many to show one by one. Plus the opener the GUI
// and `mwangaza-cli map render` share, and the document a new map starts with.
#include "geo/MapLayer.hpp"
#include "store/IncidentQuery.hpp"
#include "store/MapQuery.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mwangaza::app {

// One row of a legend: a code, its translated label and its colour (0xRRGGBBAA).
struct LegendEntry {
    std::string code;
    std::string label;
    std::uint32_t colour = 0;
};

// Site symbol colour for a level: 0 none (grey), 1 low .. 4 very high.
std::uint32_t risk_level_colour(int level);
// Incident colour of a risk category (index in core::risk_categories()).
std::uint32_t category_colour(int category_index);
// The legends the GUI shows beside the map: levels (none first), categories in taxonomy order.
std::vector<LegendEntry> site_legend();
std::vector<LegendEntry> incident_legend();

class SitesLayer final : public geo::MapLayer {
public:
    explicit SitesLayer(std::vector<store::MapSite> sites);

    std::string name() const override;
    std::string kind() const override { return "sites"; }
    geo::MapRect extent() const override { return m_extent; }
    std::vector<std::string> fields() const override;
    void draw(cairo_t* cr, const geo::Viewport& view, const geo::LayerStyle& style,
              const std::atomic<bool>& cancel) const override;
    std::vector<geo::IdentifyHit> identify(const geo::Viewport& view, double px, double py,
                                           double tolerance_px) const override;

    const std::vector<store::MapSite>& sites() const { return m_sites; }
    geo::MapPoint position(std::size_t i) const { return m_points[i]; }

private:
    std::vector<store::MapSite> m_sites;
    std::vector<geo::MapPoint> m_points; // map coordinates, same order
    geo::MapRect m_extent;
};

// Incidents as compact arrays (map coordinates as float, category byte, id).
class IncidentsLayer final : public geo::MapLayer {
public:
    // Reads the incidents `filter` selects; `db` is kept to read an incident's details
    // for identify(). Throws StorageError / InvalidInput.
    static std::shared_ptr<const IncidentsLayer> load(const std::filesystem::path& db,
                                                      const store::IncidentQuery& filter = {});

    // A layer over rows already read (no database: identify() finds nothing).
    static std::shared_ptr<const IncidentsLayer> from_rows(const std::vector<store::MapIncidentRow>& rows);

    std::string name() const override;
    std::string kind() const override { return "incidents"; }
    geo::MapRect extent() const override { return m_extent; }
    void draw(cairo_t* cr, const geo::Viewport& view, const geo::LayerStyle& style,
              const std::atomic<bool>& cancel) const override;
    std::vector<geo::IdentifyHit> identify(const geo::Viewport& view, double px, double py,
                                           double tolerance_px) const override;

    std::size_t size() const { return m_ids.size(); }
    // Bytes the loaded arrays take, the counted squares included.
    std::size_t memory_bytes() const;
    std::size_t levels_bytes() const;

    // What a frame shows: single points, or clusters of one grid cell each (the grid is
    // fixed in map coordinates, so clusters do not jump while panning).
    struct Cluster {
        double px = 0, py = 0;       // pixel position: the mean of its points
        std::uint32_t count = 0;
        int category = 0;            // the category most of its incidents have
    };
    struct Plan {
        std::size_t in_view = 0;     // incidents inside the frame
        bool clustered = false;
        std::vector<Cluster> clusters;   // clustered: one per non-empty cell
        std::vector<std::uint32_t> points; // not clustered: indexes of the incidents to draw
    };
    // Points are drawn one by one up to this many in view, and never more than one per
    // k_min_pixels_per_point pixels of the frame; beyond, clusters of k_cell_px cells.
    static constexpr std::size_t k_max_points = 4000;
    static constexpr double k_min_pixels_per_point = 64;
    static constexpr int k_cell_px = 56;
    Plan plan(const geo::Viewport& view, const std::atomic<bool>& cancel) const;

    IncidentsLayer() = default;

private:
    void add(const store::MapIncidentRow& row);
    // Orders the arrays by the buckets of a k_buckets x k_buckets grid over the extent, so
    // that a frame reads only the buckets it overlaps.
    void index();
    static constexpr std::size_t k_buckets = 256;
    std::vector<std::uint32_t> m_bucket_start; // k_buckets^2 + 1 offsets, row-major (y, x)
    double m_bucket_w = 1, m_bucket_h = 1;

    // Incidents already counted per square of 2^k metres (k_min_level <= k <= k_max_level),
    // for frames whose clusters are much larger than the squares: such a frame adds up
    // squares instead of reading every incident. A level that would hold more than an
    // eighth as many squares as incidents is not kept (reading the incidents is as fast).
    struct Square {
        std::int32_t cx = 0, cy = 0;
        std::uint32_t count = 0;
        float mx = 0, my = 0;  // mean position
        std::array<std::uint32_t, 7> per_category{};
    };
    static constexpr int k_min_level = 6, k_max_level = 22;
    void build_levels();
    std::vector<std::vector<Square>> m_levels; // by k - k_min_level, sorted by (cy, cx); empty: not kept

    std::filesystem::path m_db;
    std::vector<float> m_x, m_y;
    std::vector<std::uint8_t> m_category;
    std::vector<std::int64_t> m_ids;
    geo::MapRect m_extent;
};

std::shared_ptr<const SitesLayer> load_sites_layer(const std::filesystem::path& db);

// Opens "builtin:sites", "builtin:incidents" (with `incidents_filter`), "builtin:basemap"
// (geo::open_basemap_layer) and vector or raster files (geo::open_file_layer). Throws
// GeoError naming the file when it cannot be opened, StorageError for the database.
std::shared_ptr<const geo::MapLayer> open_map_layer(const std::filesystem::path& db, const geo::LayerSource& source,
                                                    const store::IncidentQuery& incidents_filter = {});

// A new map: the basemap when the program has one, the incidents, the sites on top.
// Entries whose layer cannot be opened carry the error instead.
geo::MapDocument default_map_document(const std::filesystem::path& db);

} // namespace mwangaza::app
