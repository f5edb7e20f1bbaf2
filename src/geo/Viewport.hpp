#pragma once
// Map coordinates and the frame a map is drawn in. The map CRS is spherical Web Mercator
// (EPSG:3857, metres); WGS84 points from the database go to it by the closed formulas
// below (no PROJ on the hot path). File layers in other CRSs are reprojected with PROJ
// when they are opened.
#include <algorithm>

namespace mwangaza::geo {

struct MapPoint {
    double x = 0;
    double y = 0;
};

// Web Mercator's valid latitude range; points beyond are clamped.
inline constexpr double k_max_mercator_lat = 85.05112878;
inline constexpr double k_earth_radius_m = 6378137.0;

MapPoint lonlat_to_map(double lon, double lat);
void map_to_lonlat(MapPoint p, double& lon, double& lat);

struct MapRect {
    double min_x = 0, min_y = 0, max_x = -1, max_y = -1; // empty by default

    bool empty() const { return max_x < min_x || max_y < min_y; }
    double width() const { return empty() ? 0 : max_x - min_x; }
    double height() const { return empty() ? 0 : max_y - min_y; }
    bool contains(MapPoint p) const { return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y; }
    bool intersects(const MapRect& o) const {
        return !empty() && !o.empty() && o.min_x <= max_x && o.max_x >= min_x && o.min_y <= max_y && o.max_y >= min_y;
    }
    void expand(MapPoint p);
    void expand(const MapRect& o);
    static MapRect from_lonlat(double min_lon, double min_lat, double max_lon, double max_lat);
};

// A frame: its centre in map units, the map units (metres of Web Mercator) per pixel,
// and its size in pixels. Pixel (0, 0) is the top-left corner; y grows downwards.
struct Viewport {
    double center_x = 0;
    double center_y = 0;
    double resolution = 1000;      // map units per pixel
    int width = 0;
    int height = 0;

    MapRect extent() const;
    MapPoint to_map(double px, double py) const;
    void to_pixel(MapPoint p, double& px, double& py) const;
    // The map point under (px, py) stays under it; factor > 1 zooms in.
    Viewport zoomed(double factor, double px, double py) const;
    Viewport zoomed(double factor) const { return zoomed(factor, width / 2.0, height / 2.0); }
    // Content moves by (dx, dy) pixels, as when it is dragged.
    Viewport panned(double dx_px, double dy_px) const;
    Viewport resized(int new_width, int new_height) const; // same centre and resolution
    // Shows `rect` whole, with `margin` (a fraction of the frame) around it. An empty or
    // point-sized rect is shown at `min_resolution` metres per pixel.
    static Viewport fit(const MapRect& rect, int width, int height, double margin = 0.05,
                        double min_resolution = 2.0);
    // True ground metres per pixel at the frame's centre (Web Mercator stretches by
    // 1 / cos(latitude)): what a scale bar measures.
    double ground_resolution() const;
};

} // namespace mwangaza::geo
