#include "geo/VectorData.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "geo/FileLayer.hpp"
#include "geo/MapRenderer.hpp"

#include <cairo.h>
#include <cpl_error.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <memory>

namespace mwangaza::geo {

namespace {

struct OgrFeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};

// Collects a geometry's vertices (in the file's CRS) into VectorData, one feature per
// kind of geometry it holds.
// Longitude/latitude rings that cross the antimeridian (a jump of more than 180 degrees
// between two vertices, as in TopoJSON made on the sphere) or go round a pole are cut
// into pieces within -180..180, so that a flat map does not draw them across the world.
bool crosses_antimeridian(const std::vector<MapPoint>& part)
{
    for (std::size_t i = 1; i < part.size(); ++i)
        if (std::abs(part[i].x - part[i - 1].x) > 180)
            return true;
    return false;
}

std::vector<MapPoint> clip_longitudes(const std::vector<MapPoint>& ring, double lo, double hi)
{
    std::vector<MapPoint> in = ring, out;
    auto clip = [&](auto inside, double x) {
        out.clear();
        if (in.empty())
            return;
        MapPoint prev = in.back();
        bool prev_in = inside(prev);
        for (const auto& p : in) {
            const bool p_in = inside(p);
            if (p_in != prev_in)
                out.push_back({x, prev.y + (p.y - prev.y) * (x - prev.x) / (p.x - prev.x)});
            if (p_in)
                out.push_back(p);
            prev = p;
            prev_in = p_in;
        }
        std::swap(in, out);
    };
    clip([&](MapPoint p) { return p.x >= lo; }, lo);
    clip([&](MapPoint p) { return p.x <= hi; }, hi);
    return in;
}

std::vector<std::vector<MapPoint>> cut_ring_at_antimeridian(std::vector<MapPoint> ring)
{
    double lat_sum = 0;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        while (ring[i].x - ring[i - 1].x > 180)
            ring[i].x -= 360;
        while (ring[i].x - ring[i - 1].x < -180)
            ring[i].x += 360;
        lat_sum += ring[i].y;
    }
    if (std::abs(ring.back().x - ring.front().x) > 180) {
        // Round a pole: close the ring along it.
        const double pole = lat_sum < 0 ? -90 : 90;
        const MapPoint first = ring.front(), last = ring.back();
        ring.push_back({last.x, pole});
        ring.push_back({first.x, pole});
        ring.push_back(first);
    }
    std::vector<std::vector<MapPoint>> pieces;
    for (double shift : {-720.0, -360.0, 0.0, 360.0, 720.0}) {
        std::vector<MapPoint> shifted = ring;
        for (auto& p : shifted)
            p.x += shift;
        auto piece = clip_longitudes(shifted, -180, 180);
        if (piece.size() >= 3)
            pieces.push_back(std::move(piece));
    }
    return pieces;
}

class Flattener {
public:
    Flattener(VectorData& data, bool geographic) : m_data(data), m_geographic(geographic) {}

    void add(const OGRGeometry& geometry, std::int64_t fid, std::uint32_t row)
    {
        std::unique_ptr<OGRGeometry> linear;
        const OGRGeometry* g = &geometry;
        if (geometry.hasCurveGeometry()) {
            linear.reset(geometry.getLinearGeometry());
            if (!linear)
                return;
            g = linear.get();
        }
        m_point_parts.clear();
        m_line_parts.clear();
        m_polygon_parts.clear();
        m_largest_polygon = nullptr;
        m_largest_area = -1;
        m_longest_line = nullptr;
        m_longest = -1;
        collect(*g);
        emit(GeomKind::Polygon, m_polygon_parts, fid, row);
        emit(GeomKind::Line, m_line_parts, fid, row);
        emit(GeomKind::Point, m_point_parts, fid, row);
    }

    // Label anchors, in the file's CRS, of the features emitted (same order).
    std::vector<MapPoint> anchors;

private:
    using Part = std::vector<MapPoint>;

    void collect(const OGRGeometry& g)
    {
        switch (wkbFlatten(g.getGeometryType())) {
        case wkbPoint: {
            const auto& p = *g.toPoint();
            if (!p.IsEmpty())
                m_point_parts.push_back({{p.getX(), p.getY()}});
            break;
        }
        case wkbLineString:
        case wkbLinearRing: {
            const auto& l = *g.toLineString();
            Part part;
            part.reserve(static_cast<std::size_t>(l.getNumPoints()));
            for (int i = 0; i < l.getNumPoints(); ++i)
                part.push_back({l.getX(i), l.getY(i)});
            if (part.size() >= 2) {
                const double length = l.get_Length();
                if (length > m_longest) {
                    m_longest = length;
                    m_longest_line = &l;
                }
                if (m_geographic && crosses_antimeridian(part)) {
                    Part piece{part.front()};
                    for (std::size_t i = 1; i < part.size(); ++i) {
                        if (std::abs(part[i].x - part[i - 1].x) > 180) {
                            if (piece.size() >= 2)
                                m_line_parts.push_back(piece);
                            piece.clear();
                        }
                        piece.push_back(part[i]);
                    }
                    if (piece.size() >= 2)
                        m_line_parts.push_back(std::move(piece));
                } else {
                    m_line_parts.push_back(std::move(part));
                }
            }
            break;
        }
        case wkbPolygon: {
            const auto& poly = *g.toPolygon();
            for (const auto* ring : poly) {
                Part part;
                part.reserve(static_cast<std::size_t>(ring->getNumPoints()));
                for (int i = 0; i < ring->getNumPoints(); ++i)
                    part.push_back({ring->getX(i), ring->getY(i)});
                if (part.size() < 3)
                    continue;
                if (m_geographic && crosses_antimeridian(part)) {
                    for (auto& piece : cut_ring_at_antimeridian(std::move(part)))
                        m_polygon_parts.push_back(std::move(piece));
                } else {
                    m_polygon_parts.push_back(std::move(part));
                }
            }
            if (!poly.IsEmpty()) {
                const double area = poly.get_Area();
                if (area > m_largest_area) {
                    m_largest_area = area;
                    m_largest_polygon = &poly;
                }
            }
            break;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const auto* child : *g.toGeometryCollection())
                collect(*child);
            break;
        default:
            break;
        }
    }

    void emit(GeomKind kind, std::vector<Part>& parts, std::int64_t fid, std::uint32_t row)
    {
        if (parts.empty())
            return;
        VectorFeature f;
        f.fid = fid;
        f.row = row;
        f.kind = kind;
        f.first_part = static_cast<std::uint32_t>(m_data.part_start.size() - 1);
        f.part_count = static_cast<std::uint32_t>(parts.size());
        for (auto& part : parts) {
            m_data.coords.insert(m_data.coords.end(), part.begin(), part.end());
            m_data.part_start.push_back(static_cast<std::uint32_t>(m_data.coords.size()));
        }
        m_data.features.push_back(f);
        MapPoint anchor = parts.front().front();
        if (kind == GeomKind::Polygon && m_largest_polygon) {
            OGRPoint p(0, 0); // GDAL 3.6 refuses an empty point here
            if (m_largest_polygon->PointOnSurface(&p) == OGRERR_NONE && !p.IsEmpty())
                anchor = {p.getX(), p.getY()};
        } else if (kind == GeomKind::Line && m_longest_line && m_longest_line->getNumPoints() > 1) {
            // Half way along the longest line.
            const auto& l = *m_longest_line;
            double remaining = l.get_Length() / 2;
            anchor = {l.getX(0), l.getY(0)};
            for (int i = 1; i < l.getNumPoints(); ++i) {
                const double dx = l.getX(i) - l.getX(i - 1), dy = l.getY(i) - l.getY(i - 1);
                const double step = std::sqrt(dx * dx + dy * dy);
                if (step >= remaining && step > 0) {
                    anchor = {l.getX(i - 1) + dx * remaining / step, l.getY(i - 1) + dy * remaining / step};
                    break;
                }
                remaining -= step;
            }
        }
        anchors.push_back(anchor);
    }

    VectorData& m_data;
    bool m_geographic;
    std::vector<Part> m_point_parts, m_line_parts, m_polygon_parts;
    const OGRPolygon* m_largest_polygon = nullptr;
    double m_largest_area = -1;
    const OGRLineString* m_longest_line = nullptr;
    double m_longest = -1;
};

} // namespace

int VectorData::field_index(const std::string& field) const
{
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i] == field)
            return static_cast<int>(i);
    return -1;
}

void VectorData::build_index()
{
    grid_nx = grid_ny = 0;
    cell_start.clear();
    cell_items.clear();
    if (features.size() < 64 || extent.empty())
        return;
    const int side = std::clamp(static_cast<int>(std::sqrt(static_cast<double>(features.size()) / 4.0)), 4, 512);
    grid_nx = grid_ny = side;
    const double cw = std::max(extent.width(), 1e-9) / grid_nx;
    const double ch = std::max(extent.height(), 1e-9) / grid_ny;
    auto cells_of = [&](const MapRect& b, int& x0, int& y0, int& x1, int& y1) {
        x0 = std::clamp(static_cast<int>((b.min_x - extent.min_x) / cw), 0, grid_nx - 1);
        x1 = std::clamp(static_cast<int>((b.max_x - extent.min_x) / cw), 0, grid_nx - 1);
        y0 = std::clamp(static_cast<int>((b.min_y - extent.min_y) / ch), 0, grid_ny - 1);
        y1 = std::clamp(static_cast<int>((b.max_y - extent.min_y) / ch), 0, grid_ny - 1);
    };
    std::vector<std::uint32_t> counts(static_cast<std::size_t>(grid_nx) * grid_ny + 1, 0);
    for (const auto& f : features) {
        int x0, y0, x1, y1;
        cells_of(f.bbox, x0, y0, x1, y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                ++counts[static_cast<std::size_t>(y) * grid_nx + x + 1];
    }
    for (std::size_t i = 1; i < counts.size(); ++i)
        counts[i] += counts[i - 1];
    cell_start = counts;
    cell_items.resize(cell_start.back());
    for (std::uint32_t i = 0; i < features.size(); ++i) {
        int x0, y0, x1, y1;
        cells_of(features[i].bbox, x0, y0, x1, y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                cell_items[counts[static_cast<std::size_t>(y) * grid_nx + x]++] = i;
    }
}

std::vector<std::uint32_t> VectorData::query(const MapRect& rect) const
{
    std::vector<std::uint32_t> out;
    if (!rect.intersects(extent))
        return out;
    if (grid_nx == 0) {
        for (std::uint32_t i = 0; i < features.size(); ++i)
            if (features[i].bbox.intersects(rect))
                out.push_back(i);
        return out;
    }
    const double cw = std::max(extent.width(), 1e-9) / grid_nx;
    const double ch = std::max(extent.height(), 1e-9) / grid_ny;
    const int x0 = std::clamp(static_cast<int>((rect.min_x - extent.min_x) / cw), 0, grid_nx - 1);
    const int x1 = std::clamp(static_cast<int>((rect.max_x - extent.min_x) / cw), 0, grid_nx - 1);
    const int y0 = std::clamp(static_cast<int>((rect.min_y - extent.min_y) / ch), 0, grid_ny - 1);
    const int y1 = std::clamp(static_cast<int>((rect.max_y - extent.min_y) / ch), 0, grid_ny - 1);
    std::vector<bool> seen(features.size(), false);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const auto cell = static_cast<std::size_t>(y) * grid_nx + x;
            for (auto k = cell_start[cell]; k < cell_start[cell + 1]; ++k) {
                const auto i = cell_items[k];
                if (!seen[i] && features[i].bbox.intersects(rect)) {
                    seen[i] = true;
                    out.push_back(i);
                }
            }
        }
    std::sort(out.begin(), out.end());
    return out;
}

VectorData read_vector(OGRLayer& layer, const std::string& source)
{
    VectorData data;
    data.name = layer.GetName();
    data.part_start.push_back(0);
    auto* defn = layer.GetLayerDefn();
    if (defn->GetGeomFieldCount() == 0)
        throw GeoError(source + ": the layer " + data.name +
                       " has no geometry (a CSV file needs coordinate columns such as lon/lat, longitude/latitude or x/y)");
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        data.fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());

    // Source CRS -> WGS 84 (longitude first) through PROJ; then the closed Web Mercator
    // formulas, which clamp the poles that PROJ refuses to project.
    const OGRSpatialReference* file_srs = layer.GetSpatialRef();
    std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> to_wgs84;
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!file_srs) {
        data.note = core::tr("no coordinate reference system in the file: taken as WGS 84 longitude/latitude");
    } else {
        OGRSpatialReference srs(*file_srs);
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!srs.IsGeographic() || !srs.IsSame(&wgs84)) {
            CPLPushErrorHandler(CPLQuietErrorHandler);
            CPLErrorReset();
            to_wgs84.reset(OGRCreateCoordinateTransformation(&srs, &wgs84));
            const std::string why = CPLGetLastErrorMsg();
            CPLPopErrorHandler();
            if (!to_wgs84) {
                const char* name = srs.GetName();
                throw GeoError(source + ": the coordinate reference system " + (name ? name : "of the file") +
                               " cannot be transformed to WGS 84 / Web Mercator" + (why.empty() ? "" : " (" + why + ")"));
            }
        }
    }

    Flattener flat(data, !to_wgs84);
    layer.ResetReading();
    std::uint32_t row = 0;
    for (std::unique_ptr<OGRFeature, OgrFeatureDeleter> f(layer.GetNextFeature()); f; f.reset(layer.GetNextFeature())) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty())
            continue;
        flat.add(*g, f->GetFID(), row);
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            data.values.emplace_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
        ++row;
        if (data.features.size() > k_max_layer_features)
            throw GeoError(source + ": more than " + std::to_string(k_max_layer_features) +
                           " features; split the file or filter it before adding it to the map");
    }
    data.rows = row;

    // Reproject the vertices and the label anchors in batches.
    auto project = [&](std::vector<MapPoint>& points) -> std::size_t {
        std::size_t failed = 0;
        constexpr std::size_t batch = 4096;
        std::vector<double> xs, ys;
        std::vector<int> ok;
        for (std::size_t start = 0; start < points.size(); start += batch) {
            const std::size_t n = std::min(batch, points.size() - start);
            if (to_wgs84) {
                xs.resize(n);
                ys.resize(n);
                ok.assign(n, 0);
                for (std::size_t i = 0; i < n; ++i) {
                    xs[i] = points[start + i].x;
                    ys[i] = points[start + i].y;
                }
                to_wgs84->Transform(static_cast<int>(n), xs.data(), ys.data(), nullptr, ok.data());
                for (std::size_t i = 0; i < n; ++i) {
                    if (!ok[i] || !std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
                        ++failed;
                        xs[i] = 0;
                        ys[i] = 0;
                    }
                    points[start + i] = lonlat_to_map(xs[i], ys[i]);
                }
            } else {
                for (std::size_t i = 0; i < n; ++i) {
                    auto& p = points[start + i];
                    p = lonlat_to_map(p.x, p.y);
                }
            }
        }
        return failed;
    };
    const auto failed = project(data.coords);
    if (failed > 0 && failed == data.coords.size())
        throw GeoError(source + ": no coordinate could be transformed to Web Mercator (is the declared CRS right?)");
    if (failed > 0)
        data.note += (data.note.empty() ? "" : "; ") +
                     core::format(core::tr("%1 vertices could not be transformed and were put at 0, 0"),
                                  {std::to_string(failed)});
    project(flat.anchors);

    for (std::size_t i = 0; i < data.features.size(); ++i) {
        auto& f = data.features[i];
        const auto begin = data.part_start[f.first_part];
        const auto end = data.part_start[f.first_part + f.part_count];
        for (auto k = begin; k < end; ++k)
            f.bbox.expand(data.coords[k]);
        f.label_at = flat.anchors[i];
        data.extent.expand(f.bbox);
    }
    data.build_index();
    return data;
}

// ---------------------------------------------------------------------------------------
// Drawing

void set_source_colour(cairo_t* cr, std::uint32_t rgba)
{
    cairo_set_source_rgba(cr, ((rgba >> 24) & 0xff) / 255.0, ((rgba >> 16) & 0xff) / 255.0,
                          ((rgba >> 8) & 0xff) / 255.0, (rgba & 0xff) / 255.0);
}

LabelPlacer::LabelPlacer(cairo_t* cr, const char* font, std::uint32_t text_colour, bool upper_case)
    : m_cr(cr), m_layout(pango_cairo_create_layout(cr)), m_colour(text_colour), m_upper(upper_case)
{
    auto* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(m_layout, desc);
    pango_font_description_free(desc);
    double x0, y0, x1, y1;
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    m_width = x1;
    m_height = y1;
}

LabelPlacer::~LabelPlacer()
{
    g_object_unref(m_layout);
}

bool LabelPlacer::place(const std::string& raw, double x, double y, Anchor anchor, double offset, double max_width)
{
    if (raw.empty())
        return false;
    std::string text = raw;
    if (m_upper)
        for (auto& c : text)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    pango_layout_set_text(m_layout, text.c_str(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_pixel_size(m_layout, &w, &h);
    if (max_width > 0 && w > max_width)
        return false;
    const double left = anchor == Anchor::Right ? x + offset : x - w / 2.0;
    const double top = anchor == Anchor::Above ? y - offset - h : y - h / 2.0;
    const Box box{left - 2, top - 1, left + w + 2, top + h + 1};
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > m_width || box.y1 > m_height)
        return false;
    for (const auto& b : m_placed)
        if (box.x0 < b.x1 && box.x1 > b.x0 && box.y0 < b.y1 && box.y1 > b.y0)
            return false;
    m_placed.push_back(box);
    cairo_save(m_cr);
    cairo_move_to(m_cr, std::round(left), std::round(top));
    pango_cairo_layout_path(m_cr, m_layout);
    cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(m_cr, 3.0);
    cairo_set_source_rgba(m_cr, 1, 1, 1, 0.85);
    cairo_stroke(m_cr);
    cairo_move_to(m_cr, std::round(left), std::round(top));
    set_source_colour(m_cr, m_colour);
    pango_cairo_show_layout(m_cr, m_layout);
    cairo_restore(m_cr);
    return true;
}

namespace {

struct Px {
    double x, y;
};

// Even-odd rule over all the feature's rings (holes and islands alike).
bool polygon_contains(const VectorData& data, const VectorFeature& f, MapPoint p)
{
    bool inside = false;
    for (auto part = f.first_part; part < f.first_part + f.part_count; ++part) {
        const auto begin = data.part_start[part], end = data.part_start[part + 1];
        for (auto i = begin, j = end - 1; i < end; j = i++) {
            const auto& a = data.coords[i];
            const auto& b = data.coords[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
                inside = !inside;
        }
    }
    return inside;
}

// Sutherland-Hodgman clipping of a ring to a rectangle (pixels): keeps cairo's fixed-point
// coordinates in range when a polygon reaches far beyond the frame.
std::vector<Px> clip_ring(const std::vector<Px>& ring, double x0, double y0, double x1, double y1)
{
    std::vector<Px> in = ring, out;
    auto clip = [&](auto inside, auto cross) {
        out.clear();
        if (in.empty())
            return;
        Px prev = in.back();
        bool prev_in = inside(prev);
        for (const auto& p : in) {
            const bool p_in = inside(p);
            if (p_in != prev_in)
                out.push_back(cross(prev, p));
            if (p_in)
                out.push_back(p);
            prev = p;
            prev_in = p_in;
        }
        std::swap(in, out);
    };
    auto at_x = [](Px a, Px b, double x) { return Px{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)}; };
    auto at_y = [](Px a, Px b, double y) { return Px{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y}; };
    clip([&](Px p) { return p.x >= x0; }, [&](Px a, Px b) { return at_x(a, b, x0); });
    clip([&](Px p) { return p.x <= x1; }, [&](Px a, Px b) { return at_x(a, b, x1); });
    clip([&](Px p) { return p.y >= y0; }, [&](Px a, Px b) { return at_y(a, b, y0); });
    clip([&](Px p) { return p.y <= y1; }, [&](Px a, Px b) { return at_y(a, b, y1); });
    return in;
}

// Liang-Barsky: the part of segment a-b inside the rectangle, if any.
bool clip_segment(Px& a, Px& b, double x0, double y0, double x1, double y1)
{
    double t0 = 0, t1 = 1;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - x0, x1 - a.x, a.y - y0, y1 - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
        } else {
            const double t = q[i] / p[i];
            if (p[i] < 0)
                t0 = std::max(t0, t);
            else
                t1 = std::min(t1, t);
        }
    }
    if (t0 > t1)
        return false;
    const Px a0 = a;
    a = {a0.x + t0 * dx, a0.y + t0 * dy};
    b = {a0.x + t1 * dx, a0.y + t1 * dy};
    return true;
}

} // namespace

void draw_vector(cairo_t* cr, const Viewport& view, const VectorData& data, const LayerStyle& style,
                 const std::atomic<bool>& cancel, LabelPlacer* labels)
{
    const double margin_px = std::max(style.symbol_size, style.stroke_width) + 4;
    MapRect area = view.extent();
    area.min_x -= margin_px * view.resolution;
    area.max_x += margin_px * view.resolution;
    area.min_y -= margin_px * view.resolution;
    area.max_y += margin_px * view.resolution;
    if (cancel.load(std::memory_order_relaxed))
        return;
    const auto visible = data.query(area);
    if (visible.empty())
        return;

    // Clip rectangle in pixels, generously outside the frame so clipped edges stay unseen.
    const double cx0 = -margin_px * 4, cy0 = -margin_px * 4;
    const double cx1 = view.width + margin_px * 4, cy1 = view.height + margin_px * 4;
    const double far = 1e5;

    const int label_field = style.label_field.empty() ? -1 : data.field_index(style.label_field);
    const bool has_fill = (style.fill & 0xff) != 0;
    const bool has_stroke = (style.stroke & 0xff) != 0 && style.stroke_width > 0;

    cairo_save(cr);
    // Round joins show only on wide lines, and cost much on long thin outlines.
    cairo_set_line_join(cr, style.stroke_width >= 1.5 ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_width(cr, style.stroke_width);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);

    std::vector<Px> ring;
    std::size_t counter = 0;
    for (const auto index : visible) {
        if ((++counter & 1023) == 0 && cancel.load(std::memory_order_relaxed))
            break;
        const auto& f = data.features[index];
        if (!has_fill && !has_stroke)
            continue; // labels only
        double bx0, by0, bx1, by1;
        view.to_pixel({f.bbox.min_x, f.bbox.max_y}, bx0, by0);
        view.to_pixel({f.bbox.max_x, f.bbox.min_y}, bx1, by1);

        if (f.kind == GeomKind::Point) {
            for (auto part = f.first_part; part < f.first_part + f.part_count; ++part) {
                double x, y;
                view.to_pixel(data.coords[data.part_start[part]], x, y);
                symbol_path(cr, style.symbol, x, y, style.symbol_size);
                if (style.symbol != PointSymbol::Cross && has_fill) {
                    set_source_colour(cr, style.fill);
                    cairo_fill_preserve(cr);
                }
                set_source_colour(cr, style.stroke);
                cairo_set_line_width(cr, style.symbol == PointSymbol::Cross ? std::max(1.5, style.stroke_width)
                                                                             : style.stroke_width);
                cairo_stroke(cr);
            }
            continue;
        }

        // Much smaller than a pixel: one dot.
        if (bx1 - bx0 < 1.0 && by1 - by0 < 1.0) {
            set_source_colour(cr, has_stroke ? style.stroke : style.fill);
            cairo_rectangle(cr, std::floor((bx0 + bx1) / 2), std::floor((by0 + by1) / 2), 1, 1);
            cairo_fill(cr);
            continue;
        }
        const bool needs_clip = bx0 < -far || by0 < -far || bx1 > far || by1 > far;

        cairo_new_path(cr);
        for (auto part = f.first_part; part < f.first_part + f.part_count; ++part) {
            const auto begin = data.part_start[part];
            const auto end = data.part_start[part + 1];
            ring.clear();
            Px last{std::numeric_limits<double>::max(), 0};
            for (auto k = begin; k < end; ++k) {
                Px p;
                view.to_pixel(data.coords[k], p.x, p.y);
                // Vertices closer than a pixel to the last one kept add nothing.
                if (k + 1 < end && std::abs(p.x - last.x) < 1.0 && std::abs(p.y - last.y) < 1.0)
                    continue;
                ring.push_back(p);
                last = p;
            }
            if (f.kind == GeomKind::Polygon) {
                if (needs_clip)
                    ring = clip_ring(ring, cx0, cy0, cx1, cy1);
                if (ring.size() < 3)
                    continue;
                cairo_move_to(cr, ring[0].x, ring[0].y);
                for (std::size_t i = 1; i < ring.size(); ++i)
                    cairo_line_to(cr, ring[i].x, ring[i].y);
                cairo_close_path(cr);
            } else if (!needs_clip) {
                if (ring.size() < 2)
                    continue;
                cairo_move_to(cr, ring[0].x, ring[0].y);
                for (std::size_t i = 1; i < ring.size(); ++i)
                    cairo_line_to(cr, ring[i].x, ring[i].y);
            } else {
                for (std::size_t i = 1; i < ring.size(); ++i) {
                    Px a = ring[i - 1], b = ring[i];
                    if (clip_segment(a, b, cx0, cy0, cx1, cy1)) {
                        cairo_move_to(cr, a.x, a.y);
                        cairo_line_to(cr, b.x, b.y);
                    }
                }
            }
        }
        if (f.kind == GeomKind::Polygon && has_fill) {
            set_source_colour(cr, style.fill);
            if (has_stroke)
                cairo_fill_preserve(cr);
            else
                cairo_fill(cr);
        }
        if (has_stroke || f.kind == GeomKind::Line) {
            set_source_colour(cr, style.stroke);
            cairo_set_line_width(cr, style.stroke_width);
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
    }
    cairo_restore(cr);

    if (labels && label_field >= 0 && !cancel.load()) {
        std::size_t placed = 0;
        for (const auto index : visible) {
            if (placed > 3000 || ((++counter & 1023) == 0 && cancel.load(std::memory_order_relaxed)))
                break;
            const auto& f = data.features[index];
            const auto& text = data.value(f.row, static_cast<std::size_t>(label_field));
            if (text.empty())
                continue;
            double x, y;
            view.to_pixel(f.label_at, x, y);
            bool ok = false;
            if (f.kind == GeomKind::Point) {
                ok = labels->place(text, x, y, LabelPlacer::Anchor::Right, style.symbol_size / 2 + 3);
            } else if (f.kind == GeomKind::Polygon) {
                double room = f.bbox.width() / view.resolution;
                if (x < 0 || y < 0 || x > view.width || y > view.height) {
                    const MapRect frame = view.extent();
                    const MapRect seen{std::max(frame.min_x, f.bbox.min_x), std::max(frame.min_y, f.bbox.min_y),
                                       std::min(frame.max_x, f.bbox.max_x), std::min(frame.max_y, f.bbox.max_y)};
                    if (seen.empty())
                        continue;
                    // Its anchor is out of the frame: a point of its visible part, the
                    // one nearest the middle of a 5 x 5 grid over it that is inside it.
                    bool found = false;
                    for (int ring = 0; ring <= 2 && !found; ++ring)
                        for (int gy = -ring; gy <= ring && !found; ++gy)
                            for (int gx = -ring; gx <= ring && !found; ++gx) {
                                if (std::max(std::abs(gx), std::abs(gy)) != ring)
                                    continue;
                                const MapPoint c{seen.min_x + seen.width() * (0.5 + gx * 0.2),
                                                 seen.min_y + seen.height() * (0.5 + gy * 0.2)};
                                if (polygon_contains(data, f, c)) {
                                    view.to_pixel(c, x, y);
                                    found = true;
                                }
                            }
                    if (!found)
                        continue;
                    room = seen.width() / view.resolution;
                }
                ok = labels->place(text, x, y, LabelPlacer::Anchor::Centre, 0, room * 0.9);
            } else {
                ok = labels->place(text, x, y, LabelPlacer::Anchor::Above, style.stroke_width / 2 + 2,
                                   std::max(f.bbox.width(), f.bbox.height()) / view.resolution);
            }
            placed += ok ? 1 : 0;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Identify

namespace {

double segment_distance(MapPoint p, MapPoint a, MapPoint b)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

int title_field(const VectorData& data)
{
    static const char* names[] = {"name", "nom", "title", "label", "code", "id"};
    for (const char* n : names)
        for (std::size_t i = 0; i < data.fields.size(); ++i) {
            std::string lower = data.fields[i];
            for (auto& c : lower)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lower == n)
                return static_cast<int>(i);
        }
    return data.fields.empty() ? -1 : 0;
}

} // namespace

std::vector<IdentifyHit> identify_vector(const VectorData& data, const std::string& layer_name, const Viewport& view,
                                         double px, double py, double tolerance_px)
{
    const MapPoint p = view.to_map(px, py);
    const double tol = tolerance_px * view.resolution;
    const MapRect area{p.x - tol, p.y - tol, p.x + tol, p.y + tol};
    struct Found {
        std::uint32_t feature;
        double distance;
    };
    std::vector<Found> found;
    for (const auto index : data.query(area)) {
        const auto& f = data.features[index];
        double best = std::numeric_limits<double>::max();
        if (f.kind == GeomKind::Polygon) {
            if (polygon_contains(data, f, p))
                best = 0;
        } else {
            for (auto part = f.first_part; part < f.first_part + f.part_count; ++part) {
                const auto begin = data.part_start[part], end = data.part_start[part + 1];
                if (f.kind == GeomKind::Point || end - begin == 1) {
                    const auto& a = data.coords[begin];
                    best = std::min(best, std::hypot(a.x - p.x, a.y - p.y));
                } else {
                    for (auto k = begin + 1; k < end; ++k)
                        best = std::min(best, segment_distance(p, data.coords[k - 1], data.coords[k]));
                }
            }
            if (best > tol)
                continue;
        }
        if (best == std::numeric_limits<double>::max())
            continue;
        found.push_back({index, best / view.resolution});
    }
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.distance < b.distance; });

    std::vector<IdentifyHit> hits;
    std::vector<std::uint32_t> rows_seen;
    const int tf = title_field(data);
    for (const auto& fd : found) {
        const auto& f = data.features[fd.feature];
        if (std::find(rows_seen.begin(), rows_seen.end(), f.row) != rows_seen.end())
            continue;
        rows_seen.push_back(f.row);
        IdentifyHit hit;
        hit.layer = layer_name;
        hit.kind = "feature";
        hit.id = f.fid;
        hit.distance_px = fd.distance;
        if (tf >= 0)
            hit.title = data.value(f.row, static_cast<std::size_t>(tf));
        if (hit.title.empty())
            hit.title = layer_name + " #" + std::to_string(f.fid);
        for (std::size_t i = 0; i < data.fields.size(); ++i)
            hit.attributes.emplace_back(data.fields[i], data.value(f.row, i));
        hits.push_back(std::move(hit));
    }
    return hits;
}

} // namespace mwangaza::geo
