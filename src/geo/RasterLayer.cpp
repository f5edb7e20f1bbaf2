#include "geo/RasterLayer.hpp"

#include "core/Error.hpp"
#include "geo/FileLayer.hpp"
#include "geo/Gdal.hpp"

#include <cairo.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <mutex>

namespace mwangaza::geo {

namespace {

OpenLimits raster_limits(const std::string& table)
{
    OpenLimits limits;
    limits.allowed_drivers = {"GTiff", "MBTiles", "GPKG"};
    limits.max_file_bytes = std::uintmax_t(64) << 30; // tiled rasters are read by window
    if (!table.empty())
        limits.open_options = {"TABLE=" + table};
    return limits;
}

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};

// GDAL's own utilities (gdal_translate, gdalwarp) to an in-memory VRT.
DatasetPtr run_utility(GDALDatasetH source, const std::vector<std::string>& args, bool warp, const std::string& file)
{
    CPLStringList argv;
    for (const auto& a : args)
        argv.AddString(a.c_str());
    GDALDatasetH out = nullptr;
    int usage_error = 0;
    if (warp) {
        auto* options = GDALWarpAppOptionsNew(argv.List(), nullptr);
        out = GDALWarp("", nullptr, 1, &source, options, &usage_error);
        GDALWarpAppOptionsFree(options);
    } else {
        auto* options = GDALTranslateOptionsNew(argv.List(), nullptr);
        out = GDALTranslate("", source, options, &usage_error);
        GDALTranslateOptionsFree(options);
    }
    if (!out)
        throw GeoError("cannot open " + file + ": " +
                       (warp ? "it cannot be warped to Web Mercator: " : "its colours cannot be read: ") +
                       CPLGetLastErrorMsg());
    return DatasetPtr(GDALDataset::FromHandle(out));
}

class RasterLayer final : public MapLayer {
public:
    RasterLayer(std::string name, std::string file, DatasetPtr source, std::vector<DatasetPtr> steps, DatasetPtr warped)
        : m_name(std::move(name)), m_file(std::move(file)), m_source(std::move(source)), m_steps(std::move(steps)),
          m_warped(std::move(warped))
    {
        m_warped->GetGeoTransform(m_gt);
        m_width = m_warped->GetRasterXSize();
        m_height = m_warped->GetRasterYSize();
        make_preview();
        m_extent.expand(MapPoint{m_gt[0], m_gt[3]});
        m_extent.expand(MapPoint{m_gt[0] + m_width * m_gt[1], m_gt[3] + m_height * m_gt[5]});
        m_source->GetGeoTransform(m_source_gt);
        OGRSpatialReference mercator;
        mercator.importFromEPSG(3857);
        mercator.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRSpatialReference srs(*m_source->GetSpatialRef());
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        m_to_source.reset(OGRCreateCoordinateTransformation(&mercator, &srs));
    }

    ~RasterLayer() override
    {
        // The warped VRT and the steps before it read the source: close them first, last first.
        m_preview.reset();
        m_warped.reset();
        while (!m_steps.empty())
            m_steps.pop_back();
        m_source.reset();
    }

    std::string name() const override { return m_name; }
    std::string kind() const override { return "raster"; }
    MapRect extent() const override { return m_extent; }

    void draw(cairo_t* cr, const Viewport& view, const LayerStyle&, const std::atomic<bool>& cancel) const override
    {
        const MapRect frame = view.extent();
        if (!frame.intersects(m_extent) || cancel.load())
            return;
        // Zoomed out further than the preview's pixels: read the preview.
        const bool use_preview = m_preview && view.resolution >= m_preview_gt[1] * 0.9;
        GDALDataset* ds = use_preview ? m_preview.get() : m_warped.get();
        const double* gt = use_preview ? m_preview_gt : m_gt;
        const int width = ds->GetRasterXSize(), height = ds->GetRasterYSize();
        // The frame's window in the raster's pixels, clipped to the raster.
        const double x0 = std::max(0.0, (frame.min_x - gt[0]) / gt[1]);
        const double x1 = std::min(double(width), (frame.max_x - gt[0]) / gt[1]);
        const double y0 = std::max(0.0, (frame.max_y - gt[3]) / gt[5]);
        const double y1 = std::min(double(height), (frame.min_y - gt[3]) / gt[5]);
        if (x1 <= x0 || y1 <= y0)
            return;
        // Where the window goes in the frame, in frame pixels.
        const double left = (gt[0] + x0 * gt[1] - frame.min_x) / view.resolution;
        const double top = (frame.max_y - (gt[3] + y0 * gt[5])) / view.resolution;
        const double out_w = (x1 - x0) * gt[1] / view.resolution;
        const double out_h = (y1 - y0) * -gt[5] / view.resolution;
        const int buf_w = std::clamp(static_cast<int>(std::ceil(out_w)), 1, view.width + 2);
        const int buf_h = std::clamp(static_cast<int>(std::ceil(out_h)), 1, view.height + 2);

        std::vector<std::uint8_t> rgba(static_cast<std::size_t>(buf_w) * buf_h * 4, 255);
        {
            std::lock_guard lock(m_mutex);
            const int bands = ds->GetRasterCount();
            GDALRasterIOExtraArg extra;
            INIT_RASTERIO_EXTRA_ARG(extra);
            // Enlarged pixels stay crisp; reduced ones are averaged.
            extra.eResampleAlg = out_w > (x1 - x0) ? GRIORA_NearestNeighbour : GRIORA_Bilinear;
            extra.bFloatingPointWindowValidity = TRUE;
            extra.dfXOff = x0;
            extra.dfYOff = y0;
            extra.dfXSize = x1 - x0;
            extra.dfYSize = y1 - y0;
            const int xoff = static_cast<int>(std::floor(x0)), yoff = static_cast<int>(std::floor(y0));
            const int xsize = std::max(1, std::min(width - xoff, static_cast<int>(std::ceil(x1)) - xoff));
            const int ysize = std::max(1, std::min(height - yoff, static_cast<int>(std::ceil(y1)) - yoff));
            // Bands: grey, grey+alpha, RGB, RGB+alpha (the warp adds the alpha).
            int map[4];
            if (bands >= 4)
                map[0] = 1, map[1] = 2, map[2] = 3, map[3] = 4;
            else if (bands == 3)
                map[0] = 1, map[1] = 2, map[2] = 3, map[3] = 0;
            else if (bands == 2)
                map[0] = 1, map[1] = 1, map[2] = 1, map[3] = 2;
            else
                map[0] = 1, map[1] = 1, map[2] = 1, map[3] = 0;
            for (int c = 0; c < 4; ++c) {
                if (map[c] == 0)
                    continue;
                auto* band = ds->GetRasterBand(map[c]);
                if (band->RasterIO(GF_Read, xoff, yoff, xsize, ysize, rgba.data() + c, buf_w, buf_h, GDT_Byte, 4,
                                   static_cast<GSpacing>(buf_w) * 4, &extra) != CE_None)
                    return;
            }
        }
        auto* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, buf_w, buf_h);
        auto* data = cairo_image_surface_get_data(surface);
        const int stride = cairo_image_surface_get_stride(surface);
        for (int y = 0; y < buf_h; ++y) {
            auto* row = reinterpret_cast<std::uint32_t*>(data + y * stride);
            const auto* in = rgba.data() + static_cast<std::size_t>(y) * buf_w * 4;
            for (int x = 0; x < buf_w; ++x, in += 4) {
                const std::uint32_t a = in[3];
                row[x] = (a << 24) | ((in[0] * a / 255) << 16) | ((in[1] * a / 255) << 8) | (in[2] * a / 255);
            }
        }
        cairo_surface_mark_dirty(surface);
        cairo_save(cr);
        cairo_translate(cr, left, top);
        cairo_scale(cr, out_w / buf_w, out_h / buf_h);
        cairo_set_source_surface(cr, surface, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_FAST);
        cairo_rectangle(cr, 0, 0, buf_w, buf_h);
        cairo_fill(cr);
        cairo_restore(cr);
        cairo_surface_destroy(surface);
    }

    std::vector<IdentifyHit> identify(const Viewport& view, double px, double py, double) const override
    {
        const MapPoint p = view.to_map(px, py);
        if (!m_extent.contains(p) || !m_to_source)
            return {};
        double x = p.x, y = p.y;
        if (!m_to_source->Transform(1, &x, &y))
            return {};
        // Source pixel from the inverse of the source geotransform.
        double inv[6];
        if (!GDALInvGeoTransform(const_cast<double*>(m_source_gt), inv))
            return {};
        const int col = static_cast<int>(std::floor(inv[0] + x * inv[1] + y * inv[2]));
        const int row = static_cast<int>(std::floor(inv[3] + x * inv[4] + y * inv[5]));
        std::lock_guard lock(m_mutex);
        if (col < 0 || row < 0 || col >= m_source->GetRasterXSize() || row >= m_source->GetRasterYSize())
            return {};
        IdentifyHit hit;
        hit.layer = m_name;
        hit.kind = "feature";
        hit.id = static_cast<std::int64_t>(row) * m_source->GetRasterXSize() + col;
        hit.title = m_name + " (" + std::to_string(col) + ", " + std::to_string(row) + ")";
        for (int b = 1; b <= m_source->GetRasterCount(); ++b) {
            double value = 0;
            auto* band = m_source->GetRasterBand(b);
            if (band->RasterIO(GF_Read, col, row, 1, 1, &value, 1, 1, GDT_Float64, 0, 0, nullptr) != CE_None)
                continue;
            int has_nodata = 0;
            const double nodata = band->GetNoDataValue(&has_nodata);
            std::string text = has_nodata && value == nodata ? std::string("no data") : CPLSPrintf("%.10g", value);
            const char* description = band->GetDescription();
            const char* colour = GDALGetColorInterpretationName(band->GetColorInterpretation());
            std::string label = description && *description ? description : "band " + std::to_string(b);
            if (colour && std::strcmp(colour, "Undefined") != 0)
                label += " (" + std::string(colour) + ")";
            hit.attributes.emplace_back(label, text);
        }
        return {hit};
    }

private:
    // A large raster without overviews would be read whole for every zoomed-out frame:
    // keep one reduced copy (at most k_preview_side pixels a side) in memory instead.
    void make_preview()
    {
        constexpr int k_preview_side = 2048;
        if (m_warped->GetRasterBand(1)->GetOverviewCount() > 0 || std::max(m_width, m_height) <= 2 * k_preview_side)
            return;
        const double scale = std::max(m_width, m_height) / double(k_preview_side);
        const int pw = std::max(1, static_cast<int>(std::ceil(m_width / scale)));
        const int ph = std::max(1, static_cast<int>(std::ceil(m_height / scale)));
        const int bands = m_warped->GetRasterCount();
        auto* mem = GetGDALDriverManager()->GetDriverByName("MEM");
        if (!mem)
            return;
        DatasetPtr preview(mem->Create("", pw, ph, bands, GDT_Byte, nullptr));
        if (!preview)
            return;
        std::vector<std::uint8_t> buffer(static_cast<std::size_t>(pw) * ph * bands);
        GDALRasterIOExtraArg extra;
        INIT_RASTERIO_EXTRA_ARG(extra);
        extra.eResampleAlg = GRIORA_Average;
        if (m_warped->RasterIO(GF_Read, 0, 0, m_width, m_height, buffer.data(), pw, ph, GDT_Byte, bands, nullptr, 0, 0,
                               0, &extra) != CE_None ||
            preview->RasterIO(GF_Write, 0, 0, pw, ph, buffer.data(), pw, ph, GDT_Byte, bands, nullptr, 0, 0, 0,
                              nullptr) != CE_None)
            return;
        m_preview_gt[0] = m_gt[0];
        m_preview_gt[1] = m_gt[1] * m_width / pw;
        m_preview_gt[3] = m_gt[3];
        m_preview_gt[5] = m_gt[5] * m_height / ph;
        m_preview = std::move(preview);
    }

    std::string m_name;
    std::string m_file;
    mutable std::mutex m_mutex;
    DatasetPtr m_source;
    std::vector<DatasetPtr> m_steps; // VRTs between the source and the warp, in order
    DatasetPtr m_warped, m_preview;
    double m_preview_gt[6] = {0, 1, 0, 0, 0, -1};
    double m_gt[6] = {0, 1, 0, 0, 0, -1};
    double m_source_gt[6] = {0, 1, 0, 0, 0, -1};
    int m_width = 0, m_height = 0;
    MapRect m_extent;
    std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> m_to_source;
};

} // namespace

bool is_raster_file(const std::filesystem::path& path)
{
    const auto ext = lower_extension(path);
    if (ext == ".tif" || ext == ".tiff" || ext == ".mbtiles")
        return true;
    if (ext != ".gpkg")
        return false;
    register_map_drivers();
    try {
        OpenLimits limits = raster_limits("");
        auto ds = open_raster(path, limits);
        return ds->GetRasterCount() > 0 || CSLCount(ds->GetMetadata("SUBDATASETS")) > 0;
    } catch (const GeoError&) {
        return false;
    }
}

std::shared_ptr<const MapLayer> open_raster_layer(const LayerSource& source)
{
    const std::filesystem::path path(source.uri);
    register_map_drivers();
    auto ds = open_raster(path, raster_limits(source.sublayer));
    std::string name = source.sublayer.empty() ? path.stem().string() : source.sublayer;
    if (ds->GetRasterCount() == 0) {
        // A GeoPackage with several tile tables: the first.
        const char* first = CSLFetchNameValue(ds->GetMetadata("SUBDATASETS"), "SUBDATASET_1_NAME");
        if (!first)
            throw GeoError("cannot open " + path.string() + ": it holds no raster");
        std::string table = first;
        table = table.substr(table.rfind(':') + 1);
        ds = open_raster(path, raster_limits(table));
        name = table;
    }
    if (ds->GetRasterCount() == 0)
        throw GeoError("cannot open " + path.string() + ": it holds no raster");
    if (!ds->GetSpatialRef())
        throw GeoError("cannot open " + path.string() +
                       ": it has no coordinate reference system, so it cannot be placed on the map");
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None)
        throw GeoError("cannot open " + path.string() + ": it is not georeferenced (no geotransform)");

    std::vector<DatasetPtr> steps;
    GDALDatasetH input = GDALDataset::ToHandle(ds.get());
    // Paletted rasters become RGBA first, so the warp blends colours, not palette indexes.
    if (ds->GetRasterCount() == 1 && ds->GetRasterBand(1)->GetColorTable()) {
        steps.push_back(run_utility(input, {"-of", "VRT", "-expand", "rgba"}, false, path.string()));
        input = GDALDataset::ToHandle(steps.back().get());
    }
    // Other than bytes (elevations, 16-bit imagery): stretched from their range to 0..255.
    if (ds->GetRasterBand(1)->GetRasterDataType() != GDT_Byte) {
        double min_max[2] = {0, 0};
        GDALComputeRasterMinMax(GDALGetRasterBand(input, 1), TRUE, min_max);
        if (min_max[1] > min_max[0]) {
            steps.push_back(run_utility(input,
                                        {"-of", "VRT", "-ot", "Byte", "-scale", CPLSPrintf("%.17g", min_max[0]),
                                         CPLSPrintf("%.17g", min_max[1]), "0", "255"},
                                        false, path.string()));
        } else {
            steps.push_back(run_utility(input, {"-of", "VRT", "-ot", "Byte"}, false, path.string()));
        }
        input = GDALDataset::ToHandle(steps.back().get());
    }
    auto* in = GDALDataset::FromHandle(input);
    const bool has_alpha =
        in->GetRasterBand(in->GetRasterCount())->GetColorInterpretation() == GCI_AlphaBand;
    std::vector<std::string> args{"-of", "VRT", "-t_srs", "EPSG:3857", "-r", "bilinear"};
    if (!has_alpha)
        args.push_back("-dstalpha");
    auto warped = run_utility(input, args, true, path.string());
    return std::make_shared<RasterLayer>(name, path.string(), std::move(ds), std::move(steps), std::move(warped));
}

} // namespace mwangaza::geo
