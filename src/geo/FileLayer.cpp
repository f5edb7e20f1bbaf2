#include "geo/FileLayer.hpp"

#include "core/Error.hpp"
#include "core/InstallPaths.hpp"
#include "geo/Gdal.hpp"
#include "geo/RasterLayer.hpp"
#include "geo/VectorData.hpp"

#include <cairo.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace mwangaza::geo {

namespace {

OpenLimits vector_limits(const std::filesystem::path& path)
{
    OpenLimits limits;
    limits.allowed_drivers = {"GPKG", "ESRI Shapefile", "GeoJSON", "GeoJSONSeq", "TopoJSON",
                              "LIBKML", "KML", "CSV", "FlatGeobuf"};
    limits.max_file_bytes = k_max_layer_file_bytes;
    if (lower_extension(path) == ".csv")
        limits.open_options = {
            "X_POSSIBLE_NAMES=lon,long,lng,longitude,x,easting,*_lon,*_long,*_longitude,*longitude",
            "Y_POSSIBLE_NAMES=lat,latitude,y,northing,*_lat,*_latitude,*latitude",
            "GEOM_POSSIBLE_NAMES=geometry,geom,wkt,the_geom",
            "KEEP_GEOM_COLUMNS=YES",
        };
    return limits;
}

// A shapefile is three files at least; GDAL would otherwise open a .shp without its
// attributes or index and say little about it.
void check_shapefile(const std::filesystem::path& path)
{
    if (lower_extension(path) != ".shp")
        return;
    for (const char* ext : {".dbf", ".shx"}) {
        auto lower = path;
        lower.replace_extension(ext);
        std::string upper_ext = ext;
        for (auto& c : upper_ext)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        auto upper = path;
        upper.replace_extension(upper_ext);
        std::error_code ec;
        if (!std::filesystem::exists(lower, ec) && !std::filesystem::exists(upper, ec))
            throw GeoError("cannot open " + path.string() + ": the shapefile has no " + ext +
                           " file beside it (a shapefile is the .shp, .shx and .dbf files together)");
    }
}

bool has_geometry(OGRLayer* layer)
{
    return layer && layer->GetLayerDefn()->GetGeomFieldCount() > 0;
}

class VectorLayer final : public MapLayer {
public:
    VectorLayer(std::string name, VectorData data) : m_name(std::move(name)), m_data(std::move(data)) {}

    std::string name() const override { return m_name; }
    std::string kind() const override { return "vector"; }
    MapRect extent() const override { return m_data.extent; }
    std::vector<std::string> fields() const override { return m_data.fields; }
    std::string note() const override { return m_data.note; }

    void draw(cairo_t* cr, const Viewport& view, const LayerStyle& style, const std::atomic<bool>& cancel) const override
    {
        LabelPlacer labels(cr, "Sans 9", 0x333333ff);
        draw_vector(cr, view, m_data, style, cancel, &labels);
    }

    std::vector<IdentifyHit> identify(const Viewport& view, double px, double py, double tolerance_px) const override
    {
        return identify_vector(m_data, m_name, view, px, py, tolerance_px);
    }

    const VectorData& data() const { return m_data; }

private:
    std::string m_name;
    VectorData m_data;
};

std::shared_ptr<const MapLayer> open_vector_layer(const LayerSource& source)
{
    const std::filesystem::path path(source.uri);
    register_map_drivers();
    check_shapefile(path);
    auto ds = open_vector(path, vector_limits(path));
    OGRLayer* layer = nullptr;
    if (!source.sublayer.empty()) {
        layer = ds->GetLayerByName(source.sublayer.c_str());
        if (!layer)
            throw GeoError("cannot open " + path.string() + ": it has no layer named " + source.sublayer);
    } else {
        for (int i = 0; i < ds->GetLayerCount() && !layer; ++i)
            if (has_geometry(ds->GetLayer(i)))
                layer = ds->GetLayer(i);
        if (!layer && ds->GetLayerCount() > 0)
            layer = ds->GetLayer(0);
        if (!layer)
            throw GeoError("cannot open " + path.string() + ": the file holds no layer");
    }
    auto data = read_vector(*layer, path.string());
    if (data.features.empty() && data.rows == 0 && layer->GetFeatureCount() > 0)
        throw GeoError("cannot open " + path.string() + ": no feature of the layer has a geometry");
    const std::string name = ds->GetLayerCount() > 1 ? std::string(layer->GetName()) : path.stem().string();
    return std::make_shared<VectorLayer>(name, std::move(data));
}

// ---------------------------------------------------------------------------------------
// Basemap

class BasemapLayer final : public MapLayer {
public:
    BasemapLayer(VectorData land, VectorData countries) : m_land(std::move(land)), m_countries(std::move(countries))
    {
        m_name_field = m_countries.field_index("name");
    }

    std::string name() const override { return "Natural Earth"; }
    std::string kind() const override { return "basemap"; }
    MapRect extent() const override { return m_land.extent; }
    std::vector<std::string> fields() const override { return m_countries.fields; }

    void draw(cairo_t* cr, const Viewport& view, const LayerStyle&, const std::atomic<bool>& cancel) const override
    {
        // Water under everything, land above it, then borders, the coast, the names.
        cairo_save(cr);
        set_source_colour(cr, k_water);
        cairo_paint(cr);
        cairo_restore(cr);

        LayerStyle land;
        land.fill = k_land;
        land.stroke = 0;
        land.stroke_width = 0;
        draw_vector(cr, view, m_land, land, cancel, nullptr);

        LayerStyle borders;
        borders.fill = 0;
        borders.stroke = k_border;
        borders.stroke_width = view.resolution > 8000 ? 0.6 : 0.9;
        draw_vector(cr, view, m_countries, borders, cancel, nullptr);

        LayerStyle coast;
        coast.fill = 0;
        coast.stroke = k_coast;
        coast.stroke_width = view.resolution > 8000 ? 0.6 : 0.9;
        draw_vector(cr, view, m_land, coast, cancel, nullptr);

        if (view.resolution < 20000 && m_name_field >= 0) {
            LabelPlacer labels(cr, "Sans 8", k_label, true);
            LayerStyle names;
            names.fill = 0;
            names.stroke = 0;
            names.stroke_width = 0;
            names.label_field = "name";
            // Only the labels: geometry already drawn above.
            draw_labels_only(cr, view, names, cancel, labels);
        }
    }

    std::vector<IdentifyHit> identify(const Viewport& view, double px, double py, double tolerance_px) const override
    {
        auto hits = identify_vector(m_countries, name(), view, px, py, tolerance_px);
        std::vector<IdentifyHit> out;
        for (auto& hit : hits)
            if (hit.distance_px == 0) {
                hit.kind = "feature";
                out.push_back(std::move(hit));
            }
        return out;
    }

private:
    void draw_labels_only(cairo_t* cr, const Viewport& view, const LayerStyle& style, const std::atomic<bool>& cancel,
                          LabelPlacer& labels) const
    {
        // draw_vector with nothing to fill or stroke draws only the labels.
        draw_vector(cr, view, m_countries, style, cancel, &labels);
    }

    static constexpr std::uint32_t k_water = 0xdce8eeff;
    static constexpr std::uint32_t k_land = 0xeceadbff;
    static constexpr std::uint32_t k_border = 0x9a9184ff;
    static constexpr std::uint32_t k_coast = 0x9db4c0ff;
    static constexpr std::uint32_t k_label = 0x6e6a5eff;

    VectorData m_land;
    VectorData m_countries;
    int m_name_field = -1;
};

std::vector<std::string> vector_layer_names(const std::filesystem::path& path)
{
    register_map_drivers();
    check_shapefile(path);
    auto ds = open_vector(path, vector_limits(path));
    std::vector<std::string> names;
    for (int i = 0; i < ds->GetLayerCount(); ++i)
        if (has_geometry(ds->GetLayer(i)))
            names.emplace_back(ds->GetLayer(i)->GetName());
    return names;
}

// The tile tables of a GeoPackage.
std::vector<std::string> tile_tables(const std::filesystem::path& path)
{
    register_map_drivers();
    OpenLimits limits;
    limits.allowed_drivers = {"GPKG"};
    limits.max_file_bytes = std::uintmax_t(64) << 30;
    std::vector<std::string> names;
    DatasetPtr ds;
    try {
        ds = open_raster(path, limits);
    } catch (const GeoError&) {
        return names; // no raster in it
    }
    if (auto* result = ds->ExecuteSQL("SELECT table_name FROM gpkg_contents WHERE data_type = 'tiles' ORDER BY table_name",
                                      nullptr, nullptr)) {
        for (auto& f : *result)
            names.emplace_back(f->GetFieldAsString(0));
        ds->ReleaseResultSet(result);
    }
    return names;
}

std::string lower_ext(const std::filesystem::path& path)
{
    return lower_extension(path);
}

} // namespace

std::shared_ptr<const MapLayer> open_file_layer(const LayerSource& source)
{
    if (source.uri.empty())
        throw GeoError("cannot open a layer without a file name");
    const std::filesystem::path path(source.uri);
    const auto ext = lower_ext(path);
    if (ext == ".tif" || ext == ".tiff" || ext == ".mbtiles")
        return open_raster_layer(source);
    if (ext == ".gpkg") {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec))
            throw GeoError("cannot open " + path.string() + ": no such file");
        std::vector<std::string> vectors;
        try {
            vectors = vector_layer_names(path);
        } catch (const GeoError&) {
            if (!is_raster_file(path))
                throw;
        }
        const bool wants_vector = source.sublayer.empty()
                                      ? !vectors.empty()
                                      : std::find(vectors.begin(), vectors.end(), source.sublayer) != vectors.end();
        if (!wants_vector && is_raster_file(path))
            return open_raster_layer(source);
    }
    return open_vector_layer(source);
}

std::vector<std::string> file_sublayers(const std::filesystem::path& path)
{
    const auto ext = lower_ext(path);
    if (ext == ".tif" || ext == ".tiff" || ext == ".mbtiles")
        return {};
    if (ext != ".gpkg")
        return vector_layer_names(path);
    // A GeoPackage may hold vector layers, tile tables or both.
    std::vector<std::string> names;
    auto tables = tile_tables(path);
    try {
        names = vector_layer_names(path);
    } catch (const GeoError&) {
        if (tables.empty())
            throw;
    }
    for (auto& table : tables)
        names.push_back(std::move(table));
    return names;
}

std::filesystem::path basemap_path()
{
    if (const char* file = std::getenv("MWANGAZA_BASEMAP"); file && *file)
        return file;
    return core::install_path("share/mwangaza/basemap/natural-earth-50m.gpkg");
}

std::shared_ptr<const MapLayer> open_basemap_layer()
{
    const auto path = basemap_path();
    register_map_drivers();
    OpenLimits limits;
    limits.allowed_drivers = {"GPKG"};
    auto ds = open_vector(path, limits);
    auto* land = ds->GetLayerByName("land");
    auto* countries = ds->GetLayerByName("countries");
    if (!land || !countries)
        throw GeoError("cannot open the basemap " + path.string() + ": it lacks the land or countries layer");
    return std::make_shared<BasemapLayer>(read_vector(*land, path.string()), read_vector(*countries, path.string()));
}

} // namespace mwangaza::geo
