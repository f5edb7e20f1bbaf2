#pragma once
// The map's layer contract. Every layer (the programme's sites and incidents, a vector or
// raster file, the basemap) draws itself with cairo into a frame described by a Viewport,
// in the map CRS: Web Mercator (EPSG:3857), metres. The same layers and the same renderer
// serve the workbench canvas, `mwangaza-cli map render` and the reports, so what is
// printed is what the screen shows.
//
// Layers are immutable once opened: draw() and identify() are const and may run on a
// render thread while another frame is being prepared; a layer that reads a library
// object that is not thread-safe (a GDAL dataset) guards it itself. What the person
// changes (visibility, order, opacity, style) lives in LayerEntry, not in the layer.
#include "geo/Viewport.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

typedef struct _cairo cairo_t;

namespace mwangaza::geo {

enum class PointSymbol { Circle, Square, Triangle, Diamond, Cross };

// A simple per-layer style. Colours are 0xRRGGBBAA.
struct LayerStyle {
    std::uint32_t fill = 0x3388ff66;
    std::uint32_t stroke = 0x1f4e8cff;
    double stroke_width = 1.0;     // pixels
    PointSymbol symbol = PointSymbol::Circle;
    double symbol_size = 7.0;      // pixels, diameter or side
    std::string label_field;       // attribute drawn beside each feature; empty: none

    bool operator==(const LayerStyle&) const = default;
};

// One thing a click found.
struct IdentifyHit {
    std::string layer;             // the layer's name
    std::string kind;              // "site", "incident", "feature"
    std::int64_t id = 0;           // site id, incident id, or the feature's FID
    std::string title;             // one line: "CD-KOL-01 Kolwezi", "#1234", a feature's label
    std::vector<std::pair<std::string, std::string>> attributes; // shown in order
    double distance_px = 0;        // from the click, 0 inside a polygon
};

class MapLayer {
public:
    virtual ~MapLayer() = default;

    // Shown in the layer list (a file layer: the file's or the OGR layer's name).
    virtual std::string name() const = 0;
    // "sites", "incidents", "vector", "raster" or "basemap".
    virtual std::string kind() const = 0;
    // Where the layer is, in map coordinates; empty() when it has no data.
    virtual MapRect extent() const = 0;
    // Attribute names a style may label with (empty for rasters).
    virtual std::vector<std::string> fields() const { return {}; }
    // What the person should know about how the layer was read, for the layer list's
    // tooltip (e.g. "no coordinate reference system in the file: taken as WGS 84"); empty
    // when there is nothing to say.
    virtual std::string note() const { return {}; }

    // Draws into `cr`, whose user space is the frame's pixels (origin top left, y down),
    // already clipped to the frame. Returns early, leaving a partial drawing, when `cancel`
    // becomes true (polled at least every few thousand features).
    virtual void draw(cairo_t* cr, const Viewport& view, const LayerStyle& style,
                      const std::atomic<bool>& cancel) const = 0;

    // Features within `tolerance_px` of the pixel (px, py), nearest first.
    virtual std::vector<IdentifyHit> identify(const Viewport& view, double px, double py,
                                              double tolerance_px) const = 0;
};

// Where a layer comes from, as saved with the database: "builtin:sites",
// "builtin:incidents", "builtin:basemap", or a file path with an optional OGR layer name.
struct LayerSource {
    std::string uri;               // "builtin:..." or an absolute file path
    std::string sublayer;          // OGR layer name inside a multi-layer file; empty: the first

    bool operator==(const LayerSource&) const = default;
};

// A layer as the map shows it: what the person set, and the opened layer.
struct LayerEntry {
    LayerSource source;
    std::string title;             // shown in the layer list; defaults to layer->name()
    bool visible = true;
    double opacity = 1.0;          // 0..1
    LayerStyle style;
    std::shared_ptr<const MapLayer> layer; // null when the source could not be opened
    std::string error;             // why it could not be opened, for the layer list
};

// Layers bottom first: entries[0] is drawn first (the basemap), the last one on top.
using MapDocument = std::vector<LayerEntry>;

// Opens a layer from its source; throws GeoError (file layers) or StorageError (built-in
// layers) with a message naming the source. The GUI and the CLI compose one from the
// built-in layers and open_file_layer().
using LayerOpener = std::function<std::shared_ptr<const MapLayer>(const LayerSource&)>;

} // namespace mwangaza::geo
