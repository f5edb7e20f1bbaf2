// File layers: real files written by the tests with GDAL (or by hand for text formats),
// the IPIS geodata read in place, drawn into cairo image surfaces and probed pixel by pixel.
#include "core/Error.hpp"
#include "geo/FileLayer.hpp"
#include "geo/Gdal.hpp"
#include "geo/Viewport.hpp"

#include "TempFolder.hpp"

#include <cairo.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

using namespace mwangaza;
namespace fs = std::filesystem;

namespace {

const fs::path k_ipis = fs::path(MWANGAZA_SHARED_DATA_DIR) / "ipis";

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

// Draws `layer` over a white frame.
Surface render(const geo::MapLayer& layer, const geo::Viewport& view, const geo::LayerStyle& style,
               const char* png_name = nullptr)
{
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, view.width, view.height));
    cairo_t* cr = cairo_create(surface.get());
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    std::atomic<bool> cancel{false};
    layer.draw(cr, view, style, cancel);
    cairo_destroy(cr);
    cairo_surface_flush(surface.get());
    // MWANGAZA_TEST_PNG_DIR=folder keeps the frames to look at.
    if (const char* dir = std::getenv("MWANGAZA_TEST_PNG_DIR"); dir && png_name)
        cairo_surface_write_to_png(surface.get(), (fs::path(dir) / png_name).c_str());
    return surface;
}

// 0xRRGGBB of an opaque pixel.
std::uint32_t pixel(cairo_surface_t* s, double x, double y)
{
    const auto* data = cairo_image_surface_get_data(s);
    const int stride = cairo_image_surface_get_stride(s);
    const auto* p = reinterpret_cast<const std::uint32_t*>(data + static_cast<int>(y) * stride) + static_cast<int>(x);
    return *p & 0xffffff;
}

// A colour close to `rgb` (antialiasing, premultiplied alpha).
bool near_colour(std::uint32_t got, std::uint32_t want, int tolerance = 40)
{
    for (int shift : {0, 8, 16}) {
        const int a = static_cast<int>((got >> shift) & 0xff), b = static_cast<int>((want >> shift) & 0xff);
        if (std::abs(a - b) > tolerance)
            return false;
    }
    return true;
}

geo::LayerStyle red_points()
{
    geo::LayerStyle style;
    style.fill = 0xff0000ff;
    style.stroke = 0xff0000ff;
    style.symbol_size = 9;
    return style;
}

// Three sites in the Kivus and their names.
struct Site {
    double lon, lat;
    const char* name;
};
const Site k_sites[] = {{28.85, -2.49, "Bukavu"}, {29.22, -1.68, "Goma"}, {30.06, -1.95, "Kigali"}};

// Writes the sites as points with GDAL's driver `driver`, in `epsg`.
void write_points(const fs::path& path, const char* driver, int epsg = 4326)
{
    geo::register_map_drivers();
    auto* drv = GetGDALDriverManager()->GetDriverByName(driver);
    REQUIRE(drv);
    std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, &srs));
    auto* layer = ds->CreateLayer("sites", &srs, wkbPoint, nullptr);
    REQUIRE(layer);
    OGRFieldDefn name("name", OFTString);
    REQUIRE(layer->CreateField(&name) == OGRERR_NONE);
    for (const auto& s : k_sites) {
        double x = s.lon, y = s.lat;
        REQUIRE(ct->Transform(1, &x, &y));
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("name", s.name);
        OGRPoint p(x, y);
        f.SetGeometry(&p);
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
}

geo::Viewport kivu_view()
{
    return geo::Viewport::fit(geo::MapRect::from_lonlat(28.5, -2.8, 30.4, -1.4), 400, 300);
}

void check_sites_drawn(const geo::MapLayer& layer, const char* png)
{
    const auto view = kivu_view();
    auto surface = render(layer, view, red_points(), png);
    for (const auto& s : k_sites) {
        double x, y;
        view.to_pixel(geo::lonlat_to_map(s.lon, s.lat), x, y);
        CAPTURE(s.name, x, y);
        CHECK(near_colour(pixel(surface.get(), x, y), 0xff0000));
        // 15 pixels away: nothing.
        CHECK(pixel(surface.get(), x, y + 15) == 0xffffff);
    }
}

} // namespace

TEST_CASE("vector layers of every allowed format open, reproject and draw their features in place", "[geo][map]")
{
    test::TempFolder dir("mwangaza-filelayer");
    struct Format {
        const char* driver;
        const char* file;
    };
    for (const auto& fmt : {Format{"GPKG", "sites.gpkg"}, Format{"ESRI Shapefile", "sites.shp"},
                            Format{"GeoJSON", "sites.geojson"}, Format{"LIBKML", "sites.kml"},
                            Format{"FlatGeobuf", "sites.fgb"}}) {
        SECTION(fmt.driver)
        {
            write_points(dir / fmt.file, fmt.driver);
            auto layer = geo::open_file_layer({(dir / fmt.file).string(), ""});
            CHECK(layer->kind() == "vector");
            const auto fields = layer->fields();
            // KML has its own "Name" field.
            CHECK(std::count_if(fields.begin(), fields.end(), [](const std::string& f) { return f == "name" || f == "Name"; }) == 1);
            check_sites_drawn(*layer, (std::string("format-") + fmt.file + ".png").c_str());
            CHECK(layer->note().empty()); // the file says its CRS

            // identify finds the point under the click with its attributes.
            const auto view = kivu_view();
            double x, y;
            view.to_pixel(geo::lonlat_to_map(29.22, -1.68), x, y);
            auto hits = layer->identify(view, x + 2, y + 1, 6);
            REQUIRE(hits.size() == 1);
            CHECK(hits[0].title == "Goma");
            CHECK(hits[0].distance_px > 0);
            CHECK(hits[0].distance_px < 3);
            CHECK(layer->identify(view, x + 40, y, 6).empty());
        }
    }
    SECTION("CSV with longitude/latitude columns")
    {
        std::ofstream(dir / "sites.csv") << "name,longitude,latitude\nBukavu,28.85,-2.49\nGoma,29.22,-1.68\n"
                                            "Kigali,30.06,-1.95\n";
        auto layer = geo::open_file_layer({(dir / "sites.csv").string(), ""});
        check_sites_drawn(*layer, "format-csv.png");
        CHECK_THAT(layer->note(), Catch::Contains("taken as WGS 84"));
    }
    SECTION("CSV with X/Y columns")
    {
        std::ofstream(dir / "xy.csv") << "X;Y;name\n28.85;-2.49;Bukavu\n29.22;-1.68;Goma\n30.06;-1.95;Kigali\n";
        auto layer = geo::open_file_layer({(dir / "xy.csv").string(), ""});
        check_sites_drawn(*layer, "format-xy-csv.png");
    }
    SECTION("TopoJSON")
    {
        // Quantised TopoJSON: x = 28 + q * 0.01, y = -3 + q * 0.01.
        std::ofstream(dir / "sites.topojson")
            << R"({"type":"Topology","transform":{"scale":[0.01,0.01],"translate":[28,-3]},"arcs":[],)"
               R"("objects":{"sites":{"type":"GeometryCollection","geometries":[)"
               R"({"type":"Point","coordinates":[85,51],"properties":{"name":"Bukavu"}},)"
               R"({"type":"Point","coordinates":[122,132],"properties":{"name":"Goma"}},)"
               R"({"type":"Point","coordinates":[206,105],"properties":{"name":"Kigali"}}]}}})";
        auto layer = geo::open_file_layer({(dir / "sites.topojson").string(), ""});
        check_sites_drawn(*layer, "format-topojson.png");
    }
}

TEST_CASE("a layer in UTM 35S lands on the same pixels as the same points in WGS 84", "[geo][map]")
{
    test::TempFolder dir("mwangaza-filelayer-utm");
    write_points(dir / "utm.gpkg", "GPKG", 32735);
    write_points(dir / "wgs84.gpkg", "GPKG", 4326);
    auto utm = geo::open_file_layer({(dir / "utm.gpkg").string(), ""});
    auto wgs = geo::open_file_layer({(dir / "wgs84.gpkg").string(), ""});
    CHECK(utm->extent().min_x == Approx(wgs->extent().min_x).margin(0.01));
    CHECK(utm->extent().max_y == Approx(wgs->extent().max_y).margin(0.01));
    check_sites_drawn(*utm, "utm35s.png");

    // Same frames, pixel for pixel.
    const auto view = kivu_view();
    auto a = render(*utm, view, red_points());
    auto b = render(*wgs, view, red_points());
    const int n = cairo_image_surface_get_stride(a.get()) * view.height;
    CHECK(std::equal(cairo_image_surface_get_data(a.get()), cairo_image_surface_get_data(a.get()) + n,
                     cairo_image_surface_get_data(b.get())));
}

TEST_CASE("the DRC-Rwanda border of the IPIS country borders is drawn where it is", "[geo][map]")
{
    auto layer = geo::open_file_layer({(k_ipis / "country_borders.geojson").string(), ""});
    REQUIRE(layer->kind() == "vector");

    // A point of the shared border, computed independently with OGR/GEOS.
    auto ds = geo::open_vector(k_ipis / "country_borders.geojson");
    auto* ogr_layer = ds->GetLayer(0);
    std::unique_ptr<OGRGeometry> drc, rwanda;
    for (auto& f : *ogr_layer) {
        const std::string name = f->GetFieldAsString("NOM");
        if (name == "Rwanda")
            rwanda.reset(f->GetGeometryRef()->clone());
        else if (name.find("Democratique du Congo") != std::string::npos)
            drc.reset(f->GetGeometryRef()->clone());
    }
    REQUIRE(drc);
    REQUIRE(rwanda);
    std::unique_ptr<OGRGeometry> drc_edge(drc->Boundary()), rwanda_edge(rwanda->Boundary());
    std::unique_ptr<OGRGeometry> shared(drc_edge->Intersection(rwanda_edge.get()));
    REQUIRE(shared);
    REQUIRE(!shared->IsEmpty());
    OGRPoint on_border;
    REQUIRE(shared->Centroid(&on_border) == OGRERR_NONE);
    // The centroid of a long line may be off it: take the nearest vertex of the border.
    OGRPoint vertex;
    {
        std::unique_ptr<OGRGeometry> g(shared->clone());
        double best = 1e9;
        auto consider = [&](const OGRLineString& l) {
            for (int i = 0; i < l.getNumPoints(); ++i) {
                const double d = std::hypot(l.getX(i) - on_border.getX(), l.getY(i) - on_border.getY());
                if (d < best) {
                    best = d;
                    vertex = OGRPoint(l.getX(i), l.getY(i));
                }
            }
        };
        const auto type = wkbFlatten(g->getGeometryType());
        if (type == wkbLineString)
            consider(*g->toLineString());
        else if (type == wkbMultiLineString || type == wkbGeometryCollection)
            for (const auto* part : *g->toGeometryCollection())
                if (wkbFlatten(part->getGeometryType()) == wkbLineString)
                    consider(*part->toLineString());
        REQUIRE(best < 1e9);
    }
    OGRPoint rwanda_inside(0, 0); // GDAL 3.6 refuses an empty point here
    REQUIRE(rwanda->toPolygon()->PointOnSurface(&rwanda_inside) == OGRERR_NONE);

    geo::LayerStyle style;
    style.fill = 0;
    style.stroke = 0x0000ffff;
    style.stroke_width = 2;
    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(28.7, -2.9, 30.95, -1.0), 600, 500);
    auto surface = render(*layer, view, style, "ipis-borders-rwanda.png");
    double x, y;
    view.to_pixel(geo::lonlat_to_map(vertex.getX(), vertex.getY()), x, y);
    CAPTURE(vertex.getX(), vertex.getY(), x, y);
    CHECK(near_colour(pixel(surface.get(), x, y), 0x0000ff, 90));
    double ix, iy;
    view.to_pixel(geo::lonlat_to_map(rwanda_inside.getX(), rwanda_inside.getY()), ix, iy);
    CHECK(pixel(surface.get(), ix, iy) == 0xffffff);

    // Clicking inside Rwanda names it.
    auto hits = layer->identify(view, ix, iy, 4);
    REQUIRE(!hits.empty());
    CHECK(hits[0].title == "Rwanda");
    CHECK(hits[0].distance_px == 0);
}

TEST_CASE("the IPIS layers open and draw: mine sites, titles, protected areas, lakes", "[geo][map]")
{
    for (const char* file : {"mine_sites.geojson", "mining_titles.geojson", "protected_areas.geojson", "lakes.geojson"}) {
        auto layer = geo::open_file_layer({(k_ipis / file).string(), ""});
        CAPTURE(file);
        CHECK(!layer->extent().empty());
        const auto view = geo::Viewport::fit(layer->extent(), 800, 600);
        geo::LayerStyle style;
        style.fill = 0x2e8b5766;
        style.stroke = 0x1b5e3bff;
        style.symbol_size = 4;
        style.stroke_width = 0.7;
        auto surface = render(*layer, view, style, (std::string("ipis-") + file + ".png").c_str());
        int drawn = 0;
        for (int y = 0; y < view.height; y += 4)
            for (int x = 0; x < view.width; x += 4)
                drawn += pixel(surface.get(), x, y) != 0xffffff ? 1 : 0;
        CHECK(drawn > 50);
    }
}

TEST_CASE("broken or incomplete files are refused with a message naming the file and the reason", "[geo][map]")
{
    test::TempFolder dir("mwangaza-filelayer-broken");
    SECTION("garbage bytes")
    {
        std::ofstream(dir / "garbage.gpkg") << "\x01\x02 this is not a geopackage \xff\xfe";
        CHECK_THROWS_WITH(geo::open_file_layer({(dir / "garbage.gpkg").string(), ""}),
                          Catch::Contains("garbage.gpkg"));
        std::ofstream(dir / "garbage.geojson") << "{ \"type\": \"FeatureCollection\", \"features\": [ {{{";
        CHECK_THROWS_AS(geo::open_file_layer({(dir / "garbage.geojson").string(), ""}), GeoError);
    }
    SECTION("a shapefile without its .dbf")
    {
        write_points(dir / "sites.shp", "ESRI Shapefile");
        fs::remove(dir / "sites.dbf");
        CHECK_THROWS_WITH(geo::open_file_layer({(dir / "sites.shp").string(), ""}),
                          Catch::Contains("sites.shp") && Catch::Contains(".dbf"));
    }
    SECTION("a CSV without coordinates")
    {
        std::ofstream(dir / "table.csv") << "name,province\nKamituga,Sud-Kivu\n";
        CHECK_THROWS_WITH(geo::open_file_layer({(dir / "table.csv").string(), ""}),
                          Catch::Contains("table.csv") && Catch::Contains("coordinate"));
    }
    SECTION("a CRS that cannot be transformed to the map's")
    {
        write_points(dir / "grid.shp", "ESRI Shapefile");
        std::ofstream(dir / "grid.prj", std::ios::trunc) << R"(LOCAL_CS["mine survey grid",UNIT["metre",1]])";
        CHECK_THROWS_WITH(geo::open_file_layer({(dir / "grid.shp").string(), ""}),
                          Catch::Contains("grid.shp") && Catch::Contains("cannot be transformed"));
    }
    SECTION("a missing file")
    {
        CHECK_THROWS_WITH(geo::open_file_layer({(dir / "gone.gpkg").string(), ""}),
                          Catch::Contains("gone.gpkg") && Catch::Contains("no such file"));
    }
    SECTION("an unknown layer name")
    {
        write_points(dir / "sites.gpkg", "GPKG");
        CHECK_THROWS_WITH(geo::open_file_layer({(dir / "sites.gpkg").string(), "rivers"}), Catch::Contains("rivers"));
        CHECK(geo::file_sublayers(dir / "sites.gpkg") == std::vector<std::string>{"sites"});
    }
}

TEST_CASE("the basemap opens from the build tree and has Rwanda where Rwanda is", "[geo][map]")
{
    REQUIRE(fs::exists(geo::basemap_path()));
    auto basemap = geo::open_basemap_layer();
    CHECK(basemap->kind() == "basemap");

    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(8, -15, 42, 6), 900, 650);
    auto surface = render(*basemap, view, {}, "basemap-central-africa.png");
    double x, y;
    view.to_pixel(geo::lonlat_to_map(30.06, -1.95), x, y);
    auto hits = basemap->identify(view, x, y, 3);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].title == "Rwanda");
    // Land at Kisangani, water in the Gulf of Guinea.
    view.to_pixel(geo::lonlat_to_map(25.2, 0.5), x, y);
    const auto land = pixel(surface.get(), x, y);
    view.to_pixel(geo::lonlat_to_map(8.5, -5.0), x, y);
    const auto water = pixel(surface.get(), x, y);
    CHECK(land != water);
    CHECK(near_colour(land, 0xeceadb, 12));
    CHECK(near_colour(water, 0xdce8ee, 12));
    render(*basemap, geo::Viewport::fit(geo::MapRect::from_lonlat(-180, -60, 180, 80), 1200, 700), {}, "basemap-world.png");
    render(*basemap, geo::Viewport::fit(geo::MapRect::from_lonlat(28.0, -3.2, 31.2, -1.0), 900, 650), {}, "basemap-kivu.png");
}

namespace {

// A 200 x 100 RGB raster over lon 29..31, lat -2..-1, of one colour, as GeoTIFF in WGS 84.
void write_geotiff(const fs::path& path, std::uint8_t r, std::uint8_t g, std::uint8_t b)
{
    geo::register_map_drivers();
    auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    REQUIRE(drv);
    std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 200, 100, 3, GDT_Byte, nullptr));
    REQUIRE(ds);
    double gt[6] = {29.0, 0.01, 0, -1.0, 0, -0.01};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    ds->SetSpatialRef(&srs);
    const std::uint8_t values[3] = {r, g, b};
    for (int band = 1; band <= 3; ++band)
        REQUIRE(ds->GetRasterBand(band)->Fill(values[band - 1]) == CE_None);
}

// The same raster copied by GDAL's MBTiles or GPKG driver (which tile it in Web Mercator).
void write_tiles(const fs::path& path, const char* driver, std::uint8_t r, std::uint8_t g, std::uint8_t b)
{
    const auto tif = fs::path(path).replace_extension(".source.tif");
    write_geotiff(tif, r, g, b);
    std::unique_ptr<GDALDataset> src(GDALDataset::Open(tif.c_str(), GDAL_OF_RASTER));
    REQUIRE(src);
    auto* drv = GetGDALDriverManager()->GetDriverByName(driver);
    REQUIRE(drv);
    CPLStringList options;
    if (std::string(driver) == "GPKG") {
        options.AddString("TILING_SCHEME=GoogleMapsCompatible");
        options.AddString("RASTER_TABLE=coverage");
    }
    std::unique_ptr<GDALDataset> out(drv->CreateCopy(path.c_str(), src.get(), FALSE, options.List(), nullptr, nullptr));
    REQUIRE(out);
    out.reset();
    fs::remove(tif);
}

void check_raster_drawn(const geo::MapLayer& layer, std::uint32_t rgb, const char* png)
{
    CHECK(layer.kind() == "raster");
    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(28.0, -3.0, 32.0, 0.0), 400, 300);
    auto surface = render(layer, view, {}, png);
    double x, y;
    view.to_pixel(geo::lonlat_to_map(30.0, -1.5), x, y); // inside
    CHECK(near_colour(pixel(surface.get(), x, y), rgb, 12));
    view.to_pixel(geo::lonlat_to_map(29.05, -1.05), x, y); // just inside the corner
    CHECK(near_colour(pixel(surface.get(), x, y), rgb, 12));
    view.to_pixel(geo::lonlat_to_map(28.5, -1.5), x, y); // west of it: white
    CHECK(pixel(surface.get(), x, y) == 0xffffff);
    view.to_pixel(geo::lonlat_to_map(30.0, -2.5), x, y); // south of it: white
    CHECK(pixel(surface.get(), x, y) == 0xffffff);
}

} // namespace

TEST_CASE("raster layers (GeoTIFF, MBTiles, GeoPackage tiles) draw their colour where they are", "[geo][map]")
{
    test::TempFolder dir("mwangaza-rasterlayer");
    SECTION("GeoTIFF")
    {
        write_geotiff(dir / "red.tif", 220, 30, 30);
        auto layer = geo::open_file_layer({(dir / "red.tif").string(), ""});
        check_raster_drawn(*layer, 0xdc1e1e, "raster-geotiff.png");
        // identify gives the pixel's values.
        const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(28.0, -3.0, 32.0, 0.0), 400, 300);
        double x, y;
        view.to_pixel(geo::lonlat_to_map(30.0, -1.5), x, y);
        auto hits = layer->identify(view, x, y, 3);
        REQUIRE(hits.size() == 1);
        REQUIRE(hits[0].attributes.size() == 3);
        CHECK(hits[0].attributes[0].second == "220");
        CHECK(hits[0].attributes[1].second == "30");
        view.to_pixel(geo::lonlat_to_map(28.5, -1.5), x, y);
        CHECK(layer->identify(view, x, y, 3).empty());
    }
    SECTION("MBTiles")
    {
        write_tiles(dir / "green.mbtiles", "MBTiles", 30, 160, 60);
        auto layer = geo::open_file_layer({(dir / "green.mbtiles").string(), ""});
        check_raster_drawn(*layer, 0x1ea03c, "raster-mbtiles.png");
    }
    SECTION("GeoPackage tiles")
    {
        write_tiles(dir / "blue.gpkg", "GPKG", 40, 70, 200);
        CHECK(geo::file_sublayers(dir / "blue.gpkg") == std::vector<std::string>{"coverage"});
        auto layer = geo::open_file_layer({(dir / "blue.gpkg").string(), ""});
        check_raster_drawn(*layer, 0x2846c8, "raster-gpkg.png");
        auto named = geo::open_file_layer({(dir / "blue.gpkg").string(), "coverage"});
        CHECK(named->kind() == "raster");
    }
    SECTION("a paletted GeoTIFF in UTM 35S")
    {
        // Lon 29..31, lat -2..-1 in UTM 35S metres (the corners' bounding box), index 1 = orange.
        auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
        {
            std::unique_ptr<GDALDataset> ds(drv->Create((dir / "classes.tif").c_str(), 250, 125, 1, GDT_Byte, nullptr));
            REQUIRE(ds);
            OGRSpatialReference utm, wgs84;
            utm.importFromEPSG(32735);
            wgs84.importFromEPSG(4326);
            wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, &utm));
            double xs[2] = {29.0, 31.0}, ys[2] = {-1.0, -2.0};
            REQUIRE(ct->Transform(2, xs, ys));
            double gt[6] = {xs[0], (xs[1] - xs[0]) / 250, 0, ys[0], 0, (ys[1] - ys[0]) / 125};
            ds->SetGeoTransform(gt);
            ds->SetSpatialRef(&utm);
            GDALColorTable table;
            GDALColorEntry transparent{0, 0, 0, 0}, orange{240, 140, 20, 255};
            table.SetColorEntry(0, &transparent);
            table.SetColorEntry(1, &orange);
            ds->GetRasterBand(1)->SetColorTable(&table);
            REQUIRE(ds->GetRasterBand(1)->Fill(1) == CE_None);
        }
        auto layer = geo::open_file_layer({(dir / "classes.tif").string(), ""});
        CHECK(layer->kind() == "raster");
        const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(28.0, -3.0, 32.0, 0.0), 400, 300);
        auto surface = render(*layer, view, {}, "raster-paletted-utm.png");
        double x, y;
        view.to_pixel(geo::lonlat_to_map(30.0, -1.5), x, y);
        CHECK(near_colour(pixel(surface.get(), x, y), 0xf08c14, 12));
        view.to_pixel(geo::lonlat_to_map(30.0, -2.5), x, y);
        CHECK(pixel(surface.get(), x, y) == 0xffffff);
        view.to_pixel(geo::lonlat_to_map(30.0, -1.5), x, y);
        auto hits = layer->identify(view, x, y, 3);
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].attributes.at(0).second == "1"); // the class, not its colour
    }
    SECTION("an elevation model (Float32) is stretched to grey, low dark, high light")
    {
        auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
        {
            std::unique_ptr<GDALDataset> ds(drv->Create((dir / "dem.tif").c_str(), 200, 100, 1, GDT_Float32, nullptr));
            REQUIRE(ds);
            double gt[6] = {29.0, 0.01, 0, -1.0, 0, -0.01};
            ds->SetGeoTransform(gt);
            OGRSpatialReference srs;
            srs.importFromEPSG(4326);
            ds->SetSpatialRef(&srs);
            std::vector<float> row(200);
            for (int x = 0; x < 200; ++x)
                row[x] = 1000.0f + 10.0f * x; // 1,000 m in the west to 2,990 m in the east
            for (int y = 0; y < 100; ++y)
                REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, y, 200, 1, row.data(), 200, 1, GDT_Float32, 0, 0,
                                                       nullptr) == CE_None);
        }
        auto layer = geo::open_file_layer({(dir / "dem.tif").string(), ""});
        const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(28.0, -3.0, 32.0, 0.0), 400, 300);
        auto surface = render(*layer, view, {}, "raster-dem.png");
        double x, y;
        view.to_pixel(geo::lonlat_to_map(29.1, -1.5), x, y);
        const auto west = pixel(surface.get(), x, y) & 0xff;
        view.to_pixel(geo::lonlat_to_map(30.9, -1.5), x, y);
        const auto east = pixel(surface.get(), x, y) & 0xff;
        CHECK(west < 30);
        CHECK(east > 225);
        auto hits = layer->identify(view, x, y, 3);
        REQUIRE(hits.size() == 1);
        CHECK(std::stod(hits[0].attributes.at(0).second) == Approx(2900).margin(60)); // metres, not grey
    }
    SECTION("a large raster without overviews is drawn zoomed out from a reduced copy")
    {
        // 4,200 pixels wide (more than twice the reduced copy's 2,048), a thin strip along
        // lat -1 from lon 29 to 31, square pixels.
        auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
        {
            std::unique_ptr<GDALDataset> ds(drv->Create((dir / "wide.tif").c_str(), 4200, 105, 3, GDT_Byte, nullptr));
            REQUIRE(ds);
            double gt[6] = {29.0, 2.0 / 4200, 0, -1.0, 0, -2.0 / 4200};
            ds->SetGeoTransform(gt);
            OGRSpatialReference srs;
            srs.importFromEPSG(4326);
            ds->SetSpatialRef(&srs);
            const std::uint8_t values[3] = {120, 40, 160};
            for (int band = 1; band <= 3; ++band)
                REQUIRE(ds->GetRasterBand(band)->Fill(values[band - 1]) == CE_None);
        }
        auto layer = geo::open_file_layer({(dir / "wide.tif").string(), ""});
        for (const auto& view : {geo::Viewport::fit(geo::MapRect::from_lonlat(28.0, -3.0, 32.0, 0.0), 400, 300),
                                 geo::Viewport::fit(geo::MapRect::from_lonlat(29.99, -1.035, 30.01, -1.015), 200, 200)}) {
            CAPTURE(view.resolution);
            auto surface = render(*layer, view, {}, "raster-wide.png");
            double x, y;
            view.to_pixel(geo::lonlat_to_map(30.0, -1.025), x, y);
            CHECK(near_colour(pixel(surface.get(), x, y), 0x7828a0, 12));
            view.to_pixel(geo::lonlat_to_map(30.0, -1.08), x, y);
            if (y < view.height) // the zoomed-out frame: south of the strip
                CHECK(pixel(surface.get(), x, y) == 0xffffff);
        }
    }
    SECTION("a raster without coordinates is refused")
    {
        auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
        std::unique_ptr<GDALDataset>(drv->Create((dir / "plain.tif").c_str(), 10, 10, 1, GDT_Byte, nullptr)).reset();
        CHECK_THROWS_WITH(geo::open_file_layer({(dir / "plain.tif").string(), ""}),
                          Catch::Contains("plain.tif") && Catch::Contains("coordinate reference system"));
    }
}

TEST_CASE("labels from the style's label field are drawn beside the features, over the basemap", "[geo][map]")
{
    auto basemap = geo::open_basemap_layer();
    auto sites = geo::open_file_layer({(k_ipis / "mine_sites.geojson").string(), ""});
    auto titles = geo::open_file_layer({(k_ipis / "mining_titles.geojson").string(), ""});
    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(28.55, -3.25, 29.05, -2.75), 900, 700);

    geo::LayerStyle site_style;
    site_style.fill = 0xd95f0eff;
    site_style.stroke = 0x7f2704ff;
    site_style.symbol = geo::PointSymbol::Triangle;
    site_style.symbol_size = 8;
    geo::LayerStyle title_style;
    title_style.fill = 0x6a51a333;
    title_style.stroke = 0x54278fcc;
    title_style.stroke_width = 1;

    auto frame = [&](bool labels) {
        Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, view.width, view.height));
        cairo_t* cr = cairo_create(surface.get());
        std::atomic<bool> cancel{false};
        basemap->draw(cr, view, {}, cancel);
        titles->draw(cr, view, title_style, cancel);
        auto style = site_style;
        style.label_field = labels ? "name" : "";
        sites->draw(cr, view, style, cancel);
        cairo_destroy(cr);
        cairo_surface_flush(surface.get());
        return surface;
    };
    auto plain = frame(false);
    auto labelled = frame(true);
    if (const char* dir = std::getenv("MWANGAZA_TEST_PNG_DIR"))
        cairo_surface_write_to_png(labelled.get(), (fs::path(dir) / "labels-south-kivu.png").c_str());
    int changed = 0, white = 0;
    for (int y = 0; y < view.height; ++y)
        for (int x = 0; x < view.width; ++x) {
            const auto a = pixel(plain.get(), x, y), b = pixel(labelled.get(), x, y);
            if (a != b) {
                ++changed;
                white += near_colour(b, 0xffffff, 30) ? 1 : 0;
            }
        }
    CHECK(changed > 500);   // text was drawn
    CHECK(white > changed / 10); // with its halo
}

TEST_CASE("lines draw along their course with labels; a cancelled frame draws nothing", "[geo][map]")
{
    test::TempFolder dir("mwangaza-filelayer-lines");
    // The Ulindi river, roughly, as a GeoJSON line, and a track as a two-part line.
    std::ofstream(dir / "rivers.geojson")
        << R"({"type":"FeatureCollection","features":[)"
           R"({"type":"Feature","properties":{"name":"Ulindi"},"geometry":{"type":"LineString",)"
           R"("coordinates":[[28.0,-2.0],[28.5,-2.2],[29.0,-2.1]]}},)"
           R"({"type":"Feature","properties":{"name":"Piste"},"geometry":{"type":"MultiLineString",)"
           R"("coordinates":[[[28.2,-2.6],[28.8,-2.6]],[[28.2,-2.8],[28.8,-2.8]]]}}]})";
    auto layer = geo::open_file_layer({(dir / "rivers.geojson").string(), ""});
    geo::LayerStyle style;
    style.stroke = 0x1f78b4ff;
    style.stroke_width = 3;
    style.label_field = "name";
    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(27.8, -3.0, 29.2, -1.8), 500, 420);
    auto surface = render(*layer, view, style, "lines.png");
    auto at = [&](double lon, double lat) {
        double x, y;
        view.to_pixel(geo::lonlat_to_map(lon, lat), x, y);
        return pixel(surface.get(), x, y);
    };
    CHECK(near_colour(at(28.25, -2.1), 0x1f78b4, 60)); // middle of the first segment
    CHECK(near_colour(at(28.5, -2.6), 0x1f78b4, 60));
    CHECK(near_colour(at(28.5, -2.8), 0x1f78b4, 60));
    CHECK(at(28.5, -2.7) == 0xffffff); // between the two parts of the track
    // identify: the nearest line within tolerance.
    double x, y;
    view.to_pixel(geo::lonlat_to_map(28.5, -2.6), x, y);
    auto hits = layer->identify(view, x, y + 4, 6);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].title == "Piste");
    CHECK(hits[0].distance_px == Approx(4).margin(0.6));

    // A frame cancelled before it starts leaves the surface as it was.
    Surface blank(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, view.width, view.height));
    cairo_t* cr = cairo_create(blank.get());
    std::atomic<bool> cancel{true};
    auto titles = geo::open_file_layer({(k_ipis / "mining_titles.geojson").string(), ""});
    titles->draw(cr, geo::Viewport::fit(titles->extent(), 500, 420), {}, cancel);
    layer->draw(cr, view, style, cancel);
    cairo_destroy(cr);
    cairo_surface_flush(blank.get());
    const auto* bytes = cairo_image_surface_get_data(blank.get());
    CHECK(std::all_of(bytes, bytes + cairo_image_surface_get_stride(blank.get()) * view.height,
                      [](unsigned char b) { return b == 0; }));
}
