#include "geo/FeatureReader.hpp"

#include "core/Error.hpp"
#include "geo/Gdal.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <mutex>

namespace mwangaza::geo {

namespace {

void register_feature_drivers()
{
    register_drivers();
    static std::once_flag once;
    std::call_once(once, [] {
        RegisterOGRShape();
        RegisterOGRKML();
    });
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool blank(const std::string& s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string trimmed(const std::string& s)
{
    const auto a = s.find_first_not_of(" \t\r\n");
    const auto b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

bool finite_lonlat(double lon, double lat)
{
    return std::isfinite(lon) && std::isfinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

void read_point(OGRGeometry* g, ReadFeature& f)
{
    if (wkbFlatten(g->getGeometryType()) != wkbPoint) {
        f.problem = std::string("not a point but a ") + OGRGeometryTypeToName(g->getGeometryType());
        return;
    }
    auto* p = g->toPoint();
    if (p->IsEmpty()) {
        f.problem = "an empty point";
        return;
    }
    if (!finite_lonlat(p->getX(), p->getY())) {
        f.problem = "coordinates out of range (" + std::to_string(p->getX()) + ", " + std::to_string(p->getY()) + ")";
        return;
    }
    f.point = {p->getX(), p->getY()};
}

void read_polygon(OGRGeometry* g, ReadFeature& f)
{
    std::unique_ptr<OGRGeometry> linear;
    if (g->hasCurveGeometry()) {
        linear.reset(g->getLinearGeometry());
        g = linear.get();
    }
    const auto type = wkbFlatten(g->getGeometryType());
    if (type != wkbPolygon && type != wkbMultiPolygon) {
        f.problem = std::string("not a polygon but a ") + OGRGeometryTypeToName(g->getGeometryType());
        return;
    }
    if (g->IsEmpty()) {
        f.problem = "an empty polygon";
        return;
    }
    g->flattenTo2D();
    OGREnvelope e;
    g->getEnvelope(&e);
    if (!finite_lonlat(e.MinX, e.MinY) || !finite_lonlat(e.MaxX, e.MaxY)) {
        f.problem = "coordinates out of range";
        return;
    }
    if (!g->IsValid()) {
        f.problem = "an invalid polygon (self-intersecting or badly nested rings)";
        return;
    }
    f.wkb.resize(std::size_t(g->WkbSize()));
    g->exportToWkb(wkbNDR, f.wkb.data(), wkbVariantIso);
    f.box = {e.MinX, e.MinY, e.MaxX, e.MaxY};
}

} // namespace

const std::vector<std::string>& feature_drivers()
{
    static const std::vector<std::string> drivers{"GPKG", "ESRI Shapefile", "GeoJSON", "KML", "CSV"};
    return drivers;
}

FeatureSet read_features(const std::filesystem::path& path, const FeatureReadOptions& options)
{
    register_feature_drivers();
    OpenLimits limits;
    limits.allowed_drivers = feature_drivers();
    if (lower(path.extension().string()) == ".csv")
        limits.open_options = {"X_POSSIBLE_NAMES=lon,longitude,long,lng,x", "Y_POSSIBLE_NAMES=lat,latitude,y",
                               "KEEP_GEOM_COLUMNS=NO", "AUTODETECT_TYPE=NO"};
    auto ds = open_vector(path, limits);
    const std::string file = path.string();

    OGRLayer* layer = nullptr;
    if (options.layer.empty()) {
        if (ds->GetLayerCount() < 1)
            throw GeoError(file + " has no layer");
        layer = ds->GetLayer(0);
    } else {
        layer = ds->GetLayerByName(options.layer.c_str());
        if (!layer) {
            std::string names;
            for (int i = 0; i < ds->GetLayerCount(); ++i)
                names += (i ? ", " : "") + std::string(ds->GetLayer(i)->GetName());
            throw GeoError(file + " has no layer '" + options.layer + "' (its layers: " + names + ")");
        }
    }
    FeatureSet set;
    set.layer = layer->GetName();
    set.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";

    OGRFeatureDefn* defn = layer->GetLayerDefn();
    std::vector<int> index;
    for (const auto& name : options.fields) {
        if (name == k_fid_field) {
            index.push_back(-1);
            continue;
        }
        const int i = defn->GetFieldIndex(name.c_str());
        if (i < 0) {
            std::string names;
            for (int k = 0; k < defn->GetFieldCount(); ++k)
                names += (k ? ", " : "") + std::string(defn->GetFieldDefn(k)->GetNameRef());
            throw GeoError("layer '" + set.layer + "' of " + file + " has no field '" + name + "' (its fields: " +
                           (names.empty() ? std::string("none") : names) + "; " + k_fid_field +
                           " stands for the feature id)");
        }
        index.push_back(i);
    }

    const auto declared = wkbFlatten(layer->GetGeomType());
    const bool point_kind = declared == wkbPoint || declared == wkbMultiPoint;
    const bool polygon_kind = declared == wkbPolygon || declared == wkbMultiPolygon || declared == wkbCurvePolygon ||
                              declared == wkbMultiSurface;
    const bool line_kind = declared == wkbLineString || declared == wkbMultiLineString ||
                           declared == wkbCircularString || declared == wkbCompoundCurve || declared == wkbMultiCurve;
    if (options.shape == FeatureShape::Point ? (polygon_kind || line_kind) : (point_kind || line_kind))
        throw GeoError("layer '" + set.layer + "' of " + file + " holds " + OGRGeometryTypeToName(layer->GetGeomType()) +
                       " geometries, not " + (options.shape == FeatureShape::Point ? "points" : "polygons"));

    std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
    if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRSpatialReference source(*srs);
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!source.IsSame(&wgs84)) {
            to_wgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
            if (!to_wgs84)
                throw GeoError("cannot reproject layer '" + set.layer + "' of " + file + " to WGS84 (EPSG:4326)");
            set.reprojected = true;
        }
    }

    layer->ResetReading();
    std::int64_t number = 0;
    for (auto& feature : *layer) {
        ReadFeature f;
        f.number = ++number;
        for (std::size_t k = 0; k < index.size(); ++k) {
            if (index[k] < 0) {
                f.values.emplace_back(std::to_string(feature->GetFID()));
            } else if (!feature->IsFieldSetAndNotNull(index[k])) {
                f.values.emplace_back(std::nullopt);
            } else {
                const std::string v = feature->GetFieldAsString(index[k]);
                f.values.emplace_back(blank(v) ? std::nullopt : std::optional<std::string>(trimmed(v)));
            }
        }
        OGRGeometry* g = feature->GetGeometryRef();
        if (!g) {
            f.problem = "no geometry";
        } else if (to_wgs84 && g->transform(to_wgs84.get()) != OGRERR_NONE) {
            f.problem = "a geometry that cannot be reprojected to WGS84";
        } else if (options.shape == FeatureShape::Point) {
            read_point(g, f);
        } else {
            read_polygon(g, f);
        }
        set.features.push_back(std::move(f));
    }
    return set;
}

} // namespace mwangaza::geo
