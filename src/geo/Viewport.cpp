#include "geo/Viewport.hpp"

#include <cmath>
#include <numbers>

namespace mwangaza::geo {

namespace {
constexpr double k_deg = std::numbers::pi / 180.0;
}

MapPoint lonlat_to_map(double lon, double lat) {
    lat = std::clamp(lat, -k_max_mercator_lat, k_max_mercator_lat);
    return {k_earth_radius_m * lon * k_deg,
            k_earth_radius_m * std::log(std::tan(std::numbers::pi / 4 + lat * k_deg / 2))};
}

void map_to_lonlat(MapPoint p, double& lon, double& lat) {
    lon = p.x / k_earth_radius_m / k_deg;
    lat = (2 * std::atan(std::exp(p.y / k_earth_radius_m)) - std::numbers::pi / 2) / k_deg;
}

void MapRect::expand(MapPoint p) {
    if (empty()) {
        min_x = max_x = p.x;
        min_y = max_y = p.y;
        return;
    }
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
}

void MapRect::expand(const MapRect& o) {
    if (o.empty())
        return;
    expand(MapPoint{o.min_x, o.min_y});
    expand(MapPoint{o.max_x, o.max_y});
}

MapRect MapRect::from_lonlat(double min_lon, double min_lat, double max_lon, double max_lat) {
    const MapPoint a = lonlat_to_map(min_lon, min_lat);
    const MapPoint b = lonlat_to_map(max_lon, max_lat);
    return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
}

MapRect Viewport::extent() const {
    const double hw = width * resolution / 2, hh = height * resolution / 2;
    return {center_x - hw, center_y - hh, center_x + hw, center_y + hh};
}

MapPoint Viewport::to_map(double px, double py) const {
    return {center_x + (px - width / 2.0) * resolution, center_y - (py - height / 2.0) * resolution};
}

void Viewport::to_pixel(MapPoint p, double& px, double& py) const {
    px = (p.x - center_x) / resolution + width / 2.0;
    py = (center_y - p.y) / resolution + height / 2.0;
}

Viewport Viewport::zoomed(double factor, double px, double py) const {
    if (!(factor > 0))
        return *this;
    const MapPoint anchor = to_map(px, py);
    Viewport v = *this;
    v.resolution = resolution / factor;
    // Keep `anchor` under (px, py).
    v.center_x = anchor.x - (px - width / 2.0) * v.resolution;
    v.center_y = anchor.y + (py - height / 2.0) * v.resolution;
    return v;
}

Viewport Viewport::panned(double dx_px, double dy_px) const {
    Viewport v = *this;
    v.center_x -= dx_px * resolution;
    v.center_y += dy_px * resolution;
    return v;
}

Viewport Viewport::resized(int new_width, int new_height) const {
    Viewport v = *this;
    v.width = new_width;
    v.height = new_height;
    return v;
}

Viewport Viewport::fit(const MapRect& rect, int width, int height, double margin, double min_resolution) {
    Viewport v;
    v.width = width;
    v.height = height;
    if (rect.empty()) {
        v.resolution = min_resolution;
        return v;
    }
    v.center_x = (rect.min_x + rect.max_x) / 2;
    v.center_y = (rect.min_y + rect.max_y) / 2;
    const double usable = std::max(0.05, 1.0 - 2 * margin);
    const double rx = rect.width() / std::max(1.0, width * usable);
    const double ry = rect.height() / std::max(1.0, height * usable);
    v.resolution = std::max({rx, ry, min_resolution});
    return v;
}

double Viewport::ground_resolution() const {
    double lon = 0, lat = 0;
    map_to_lonlat({center_x, center_y}, lon, lat);
    return resolution * std::cos(lat * k_deg);
}

} // namespace mwangaza::geo
