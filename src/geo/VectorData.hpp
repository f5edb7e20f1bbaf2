#pragma once
// A vector layer held in memory in the map CRS, compact: every vertex in one flat array,
// parts (rings, line strings, points) as offsets into it, features as ranges of parts with
// their bounding box and label anchor, attribute values in one row-major table, and a grid
// over the extent for culling and identify. Read once from an OGR layer (reprojected
// through PROJ), then only read: safe to draw from several threads.
#include "geo/MapLayer.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

class OGRLayer;
typedef struct _PangoLayout PangoLayout;

namespace mwangaza::geo {

enum class GeomKind : std::uint8_t { Point, Line, Polygon };

struct VectorFeature {
    std::int64_t fid = 0;
    std::uint32_t row = 0;          // attribute row (several features share one for collections)
    GeomKind kind = GeomKind::Point;
    std::uint32_t first_part = 0;   // parts[first_part .. first_part + part_count)
    std::uint32_t part_count = 0;
    MapRect bbox;
    MapPoint label_at;
};

struct VectorData {
    std::string name;
    std::vector<std::string> fields;
    std::vector<MapPoint> coords;
    std::vector<std::uint32_t> part_start; // size = part count + 1; part i: [part_start[i], part_start[i+1])
    std::vector<VectorFeature> features;
    std::vector<std::string> values;       // row * fields.size() + field
    std::size_t rows = 0;
    MapRect extent;
    std::string note;                      // e.g. "no CRS in the file: taken as WGS 84"

    // Grid index: cells of the extent, each listing the features whose bbox touches it.
    int grid_nx = 0, grid_ny = 0;
    std::vector<std::uint32_t> cell_start; // size grid_nx * grid_ny + 1
    std::vector<std::uint32_t> cell_items;

    const std::string& value(std::uint32_t row, std::size_t field) const { return values[row * fields.size() + field]; }
    int field_index(const std::string& field) const;
    // Features whose bbox intersects `rect`, each once, in file order.
    std::vector<std::uint32_t> query(const MapRect& rect) const;
    void build_index();
};

// Reads every feature of `layer`, reprojected to the map CRS. `source` names the file in
// messages. Throws GeoError when the layer's CRS cannot be transformed, or it holds more
// than k_max_layer_features features.
VectorData read_vector(OGRLayer& layer, const std::string& source);

// Places labels without overlap within one frame.
class LabelPlacer {
public:
    LabelPlacer(cairo_t* cr, const char* font, std::uint32_t text_colour, bool upper_case = false);
    ~LabelPlacer();
    LabelPlacer(const LabelPlacer&) = delete;
    LabelPlacer& operator=(const LabelPlacer&) = delete;

    // Centre: centred on (x, y); Right: `offset` pixels right of it (points); Above:
    // centred, `offset` pixels above it (lines).
    enum class Anchor { Centre, Right, Above };
    // Draws `text` at pixel (x, y) with a white halo unless it overlaps a label already
    // placed or leaves the frame; `max_width` > 0 refuses labels wider than it.
    bool place(const std::string& text, double x, double y, Anchor anchor, double offset, double max_width = 0);

private:
    struct Box { double x0, y0, x1, y1; };
    cairo_t* m_cr;
    PangoLayout* m_layout;
    std::uint32_t m_colour;
    bool m_upper;
    std::vector<Box> m_placed;
    double m_width = 0, m_height = 0;
};

void set_source_colour(cairo_t* cr, std::uint32_t rgba);

// Draws the features of `data` within the frame with `style`; labels (style.label_field)
// go through `labels` when it is given. Polls `cancel` every 1,024 features.
void draw_vector(cairo_t* cr, const Viewport& view, const VectorData& data, const LayerStyle& style,
                 const std::atomic<bool>& cancel, LabelPlacer* labels);

// Polygons containing (px, py), points and lines within tolerance_px, nearest first.
std::vector<IdentifyHit> identify_vector(const VectorData& data, const std::string& layer_name, const Viewport& view,
                                         double px, double py, double tolerance_px);

} // namespace mwangaza::geo
