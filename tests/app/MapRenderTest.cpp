// The map renderer and its built-in layers on a real demo programme: `mwangaza-cli map
// render` writes PNG and PDF files that are read back and probed pixel by pixel.
#include "CliRunner.hpp"
#include "TempFolder.hpp"

#include "app/MapDocument.hpp"
#include "app/MapLayers.hpp"
#include "geo/MapRenderer.hpp"
#include "store/Database.hpp"
#include "store/MapQuery.hpp"

#include <cairo.h>
#include <catch2/catch.hpp>
#include <gdal.h>
#include <ogr_api.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <set>

using mwangaza::test::TempFolder;
namespace fs = std::filesystem;
namespace geo = mwangaza::geo;
namespace app = mwangaza::app;
namespace store = mwangaza::store;

namespace {

struct Demo {
    TempFolder dir{"mwangaza-map"};
    fs::path db = dir / "demo.mwz";
    Demo()
    {
        const auto r = mwangaza::test::run_cli(dir, {"demo", "create", "demo.mwz"});
        INFO(r.err);
        REQUIRE(r.status == 0);
    }
    std::vector<store::MapSite> sites() const
    {
        auto database = store::Database::open(db, store::Database::Mode::ReadOnly);
        return store::load_map_sites(database.sql());
    }
};

// A PNG read back: 0xRRGGBB of a pixel (the renderer's frames are opaque).
class Image {
public:
    explicit Image(const fs::path& file) : m_surface(cairo_image_surface_create_from_png(file.string().c_str()))
    {
        REQUIRE(cairo_surface_status(m_surface) == CAIRO_STATUS_SUCCESS);
    }
    ~Image() { cairo_surface_destroy(m_surface); }
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;
    int width() const { return cairo_image_surface_get_width(m_surface); }
    int height() const { return cairo_image_surface_get_height(m_surface); }
    std::uint32_t rgb(int x, int y) const
    {
        const auto* row = cairo_image_surface_get_data(m_surface) + y * cairo_image_surface_get_stride(m_surface);
        return reinterpret_cast<const std::uint32_t*>(row)[x] & 0xffffff;
    }

private:
    cairo_surface_t* m_surface;
};

std::uint32_t rgb_of(std::uint32_t rgba) { return rgba >> 8; }

// Close to a colour, channel by channel (anti-aliasing and rounding aside).
bool near_colour(std::uint32_t a, std::uint32_t b, int tolerance = 6)
{
    for (int shift : {0, 8, 16})
        if (std::abs(int((a >> shift) & 0xff) - int((b >> shift) & 0xff)) > tolerance)
            return false;
    return true;
}

std::string bbox_text(double a, double b, double c, double d)
{
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "%.6f,%.6f,%.6f,%.6f", a, b, c, d);
    return buffer;
}

// The sites' lon/lat box, with a margin.
std::array<double, 4> sites_box(const std::vector<store::MapSite>& sites)
{
    std::array<double, 4> box{180, 90, -180, -90};
    for (const auto& s : sites) {
        box[0] = std::min(box[0], s.lon);
        box[1] = std::min(box[1], s.lat);
        box[2] = std::max(box[2], s.lon);
        box[3] = std::max(box[3], s.lat);
    }
    return {box[0] - 0.5, box[1] - 0.5, box[2] + 0.5, box[3] + 0.5};
}

// The basemap alone in `view`, as a function (x, y) -> 0xRRGGBB; the plain background
// when the program has no basemap.
std::function<std::uint32_t(int, int)> basemap_frame(const fs::path& db, const geo::Viewport& view)
{
    geo::MapDocument doc;
    for (auto& entry : app::default_map_document(db))
        if (entry.source.uri == "builtin:basemap")
            doc.push_back(entry);
    const std::atomic<bool> never{false};
    auto frame = std::make_shared<geo::RenderedFrame>(geo::render_frame(doc, view, never));
    return [frame](int x, int y) {
        return reinterpret_cast<const std::uint32_t*>(frame->pixels.data() + y * frame->stride)[x] & 0xffffff;
    };
}

// A map of one incidents layer: `n` incidents on a diagonal south-east of (28, -2).
geo::MapDocument diagonal_of_incidents(std::int64_t n)
{
    std::vector<store::MapIncidentRow> rows;
    for (std::int64_t i = 0; i < n; ++i)
        rows.push_back({i + 1, 28 + double(i) * 0.001, -2 - double(i) * 0.001, 1});
    geo::MapDocument doc(1);
    doc[0].layer = app::IncidentsLayer::from_rows(rows);
    return doc;
}

} // namespace

TEST_CASE("map render draws each site in the colour of its highest current risk level", "[map]")
{
    Demo demo;
    const auto sites = demo.sites();
    REQUIRE(sites.size() >= 20);
    std::set<int> levels;
    for (const auto& s : sites)
        levels.insert(s.highest_level);
    REQUIRE(levels.size() >= 3); // the demo has sites at several levels

    const auto box = sites_box(sites);
    const int width = 1000, height = 800;
    const auto r = mwangaza::test::run_cli(demo.dir, {"map", "render", "demo.mwz", "--out", "map.png", "--width",
                                                       std::to_string(width), "--height", std::to_string(height),
                                                       "--bbox", bbox_text(box[0], box[1], box[2], box[3])});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("map.png") != std::string::npos);
    const Image image(demo.dir / "map.png");
    REQUIRE(image.width() == width);
    REQUIRE(image.height() == height);

    // The same frame the command drew, computed here.
    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(box[0], box[1], box[2], box[3]), width, height, 0.0);
    std::vector<std::pair<double, double>> pixels;
    for (const auto& s : sites) {
        double px = 0, py = 0;
        view.to_pixel(geo::lonlat_to_map(s.lon, s.lat), px, py);
        pixels.emplace_back(px, py);
    }
    int probed = 0, matched = 0;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        // Sites whose centre another site's symbol may cover are left out (labels keep
        // clear of symbols).
        bool alone = true;
        for (std::size_t j = 0; j < sites.size(); ++j)
            if (j != i && std::hypot(pixels[j].first - pixels[i].first, pixels[j].second - pixels[i].second) < 16)
                alone = false;
        if (!alone)
            continue;
        ++probed;
        const std::uint32_t at = image.rgb(int(std::lround(pixels[i].first)), int(std::lround(pixels[i].second)));
        INFO(sites[i].code << " level " << sites[i].highest_level << " pixel " << std::hex << at);
        CHECK(near_colour(at, rgb_of(app::risk_level_colour(sites[i].highest_level))));
        matched += near_colour(at, rgb_of(app::risk_level_colour(sites[i].highest_level)));
    }
    CHECK(probed >= 10);
    CHECK(matched == probed);

    // Far from every site and incident: the basemap alone, as it draws without them.
    const auto basemap_alone = basemap_frame(demo.db, view);
    for (auto [x, y] : {std::pair{3, 3}, std::pair{width - 4, 3}, std::pair{width / 2, 3}})
        CHECK(near_colour(image.rgb(x, y), basemap_alone(x, y), 2));
}

TEST_CASE("map render of an area without sites shows no site symbol", "[map]")
{
    Demo demo;
    // The Gulf of Guinea: no site, no incident.
    const auto r = mwangaza::test::run_cli(demo.dir, {"map", "render", "demo.mwz", "--out", "sea.png", "--width", "400",
                                                       "--height", "300", "--bbox", "-5,-5,5,3"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const Image image(demo.dir / "sea.png");
    std::set<std::uint32_t> site_colours;
    for (int level = 0; level <= 4; ++level)
        site_colours.insert(rgb_of(app::risk_level_colour(level)));
    int site_pixels = 0;
    for (int y = 0; y < image.height() - 40; ++y) // above the scale bar and the credit
        for (int x = 0; x < image.width(); ++x)
            site_pixels += site_colours.count(image.rgb(x, y)) > 0;
    CHECK(site_pixels == 0);
    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(-5, -5, 5, 3), 400, 300, 0.0);
    CHECK(near_colour(image.rgb(200, 150), basemap_frame(demo.db, view)(200, 150), 2));
}

TEST_CASE("map render writes a vector PDF whose page is the frame in points", "[map]")
{
    Demo demo;
    const auto sites = demo.sites();
    const auto r = mwangaza::test::run_cli(demo.dir, {"map", "render", "demo.mwz", "--out", "map.pdf", "--width", "842",
                                                       "--height", "595"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto pdf = demo.dir / "map.pdf";
    REQUIRE(fs::file_size(pdf) > 1000);
    const auto info_file = demo.dir / "info.txt";
    REQUIRE(std::system(("pdfinfo " + mwangaza::test::shell_quote(pdf.string()) + " > " +
                         mwangaza::test::shell_quote(info_file.string()))
                            .c_str()) == 0);
    const std::string info = mwangaza::test::read_text(info_file);
    INFO(info);
    CHECK(info.find("Pages:           1\n") != std::string::npos);
    CHECK(info.find("Page size:       842 x 595 pts") != std::string::npos);
    // The labels are text in the PDF, not pixels: pdftotext finds the site codes.
    const auto text_file = demo.dir / "text.txt";
    REQUIRE(std::system(("pdftotext " + mwangaza::test::shell_quote(pdf.string()) + " " +
                         mwangaza::test::shell_quote(text_file.string()))
                            .c_str()) == 0);
    const std::string text = mwangaza::test::read_text(text_file);
    int codes_found = 0;
    for (const auto& s : sites)
        codes_found += text.find(s.code) != std::string::npos;
    CHECK(codes_found >= 5);
    CHECK(text.find(" km") != std::string::npos); // the scale bar
}

TEST_CASE("map render refuses bad arguments naming them", "[map]")
{
    Demo demo;
    auto run = [&](std::vector<std::string> args, const std::string& language = "") {
        std::vector<std::string> all{"map", "render", "demo.mwz"};
        all.insert(all.end(), args.begin(), args.end());
        return mwangaza::test::run_cli(demo.dir, all, mwangaza::test::language_env(language));
    };
    auto r = run({"--out", "x.png", "--bbox", "30,-5,20,0"});
    CHECK(r.status == 1);
    CHECK(r.err.find("--bbox") != std::string::npos);
    r = run({"--out", "x.png", "--bbox", "1,2,3"});
    CHECK(r.status == 1);
    CHECK(r.err.find("--bbox") != std::string::npos);
    r = run({"--out", "x.svg"});
    CHECK(r.status == 1);
    CHECK(r.err.find(".svg") != std::string::npos);
    r = run({"--out", "x.png", "--width", "wide"});
    CHECK(r.status == 1);
    CHECK(r.err.find("--width") != std::string::npos);
    r = run({"--out", "x.png", "--layer", "missing.geojson"});
    CHECK(r.status == 2);
    CHECK(r.err.find("missing.geojson") != std::string::npos);
    r = run({"--out", (demo.dir / "no-such-folder" / "x.png").string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("no-such-folder") != std::string::npos);
    r = mwangaza::test::run_cli(demo.dir, {"map", "render", "absent.mwz", "--out", "x.png"});
    CHECK(r.status == 2);
    CHECK(r.err.find("absent.mwz") != std::string::npos);
    r = run({"--out", "x.svg"}, "fr");
    CHECK(r.status == 1);
    CHECK(r.err.find("extension inconnue") != std::string::npos);
    CHECK(!fs::exists(demo.dir / "x.png"));
}

TEST_CASE("identify finds the site under its pixel, then the incidents there", "[map]")
{
    Demo demo;
    const auto doc = app::default_map_document(demo.db);
    const auto sites = demo.sites();
    geo::MapRect extent;
    for (const auto& s : sites)
        extent.expand(geo::lonlat_to_map(s.lon, s.lat));
    const auto view = geo::Viewport::fit(extent, 1200, 900);
    for (std::size_t i = 0; i < sites.size(); i += 7) {
        double px = 0, py = 0;
        view.to_pixel(geo::lonlat_to_map(sites[i].lon, sites[i].lat), px, py);
        const auto hits = geo::identify(doc, view, px + 1, py - 1);
        REQUIRE(!hits.empty());
        // Several sites may be within the tolerance; the nearest, on top, is this one.
        CHECK(hits.front().kind == "site");
        CHECK(hits.front().id == sites[i].id);
        CHECK(hits.front().title.find(sites[i].code) == 0);
    }
    // Zoomed onto one site, the incidents around it are found too, with their details.
    const auto busiest = std::max_element(sites.begin(), sites.end(),
                                           [](const auto& a, const auto& b) { return a.incidents < b.incidents; });
    REQUIRE(busiest->incidents > 0);
    const auto p = geo::lonlat_to_map(busiest->lon, busiest->lat);
    const geo::Viewport at_site{p.x, p.y, 50.0, 800, 600}; // 50 m a pixel, the site in the middle
    const auto hits = geo::identify(doc, at_site, 400, 300, 20);
    const auto incident = std::find_if(hits.begin(), hits.end(), [](const auto& h) { return h.kind == "incident"; });
    REQUIRE(incident != hits.end());
    CHECK(incident->id > 0);
    CHECK(incident->attributes.size() >= 5);
}

TEST_CASE("incidents are drawn as clusters with counts when they outnumber what a frame can show", "[map]")
{
    // 200,000 generated incidents around three places.
    std::mt19937 random(42);
    std::normal_distribution<double> spread(0.0, 0.4);
    const std::array<std::pair<double, double>, 3> centres{{{27.5, -3.0}, {29.2, -1.9}, {26.0, -10.7}}};
    std::vector<store::MapIncidentRow> rows;
    for (std::int64_t i = 0; i < 200000; ++i) {
        const auto& c = centres[static_cast<std::size_t>(i % 3)];
        rows.push_back({i + 1, c.first + spread(random), c.second + spread(random), int(i % 7)});
    }
    const auto layer = app::IncidentsLayer::from_rows(rows);
    REQUIRE(layer->size() == rows.size());
    CHECK(layer->memory_bytes() < rows.size() * 24);

    const std::atomic<bool> never{false};
    const auto view = geo::Viewport::fit(layer->extent(), 1920, 1080);
    const auto plan = layer->plan(view, never);
    CHECK(plan.in_view == rows.size());
    REQUIRE(plan.clustered);
    CHECK(plan.points.empty());
    std::uint64_t total = 0;
    for (const auto& c : plan.clusters)
        total += c.count;
    CHECK(total == plan.in_view);
    // One cluster per grid cell at most: a bounded number of things to draw.
    const std::size_t cells = (1920 / app::IncidentsLayer::k_cell_px + 2) * (1080 / app::IncidentsLayer::k_cell_px + 2);
    CHECK(plan.clusters.size() <= cells);
    CHECK(plan.clusters.size() > 20);

    // The biggest cluster is drawn as a disc of its category's colour, its count above it
    // in dark glyphs on a white halo.
    geo::MapDocument doc(1);
    doc[0].layer = layer;
    doc[0].style.symbol_size = 6;
    const auto frame = geo::render_frame(doc, view, never);
    REQUIRE(frame.complete);
    const auto& big = plan.clusters.back(); // sorted by count
    CHECK(big.count > 1000);
    auto pixel = [&](int x, int y) {
        return reinterpret_cast<const std::uint32_t*>(frame.pixels.data() + y * frame.stride)[x] & 0xffffff;
    };
    const std::uint32_t colour = rgb_of(app::category_colour(big.category));
    int coloured = 0;
    for (int dy = -4; dy <= 4; ++dy)
        for (int dx = -4; dx <= 4; ++dx)
            coloured += near_colour(pixel(int(big.px) + dx, int(big.py) + dy), colour, 40);
    CHECK(coloured > 60); // the disc, blended over the background
    int dark = 0;
    for (int y = int(big.py) - 40; y < int(big.py) - 10; ++y)
        for (int x = int(big.px) - 20; x <= int(big.px) + 20; ++x)
            dark += near_colour(pixel(x, y), 0x1a1a1a, 40);
    CHECK(dark > 8); // the count's glyphs

    // Zoomed in far enough, the few incidents in view are drawn one by one.
    const auto close = view.zoomed(400);
    const auto near_plan = layer->plan(close, never);
    CHECK(!near_plan.clustered);
    CHECK(near_plan.points.size() == near_plan.in_view);
    CHECK(near_plan.in_view <= app::IncidentsLayer::k_max_points);
}

TEST_CASE("render_frame stops when cancelled and says the frame is incomplete", "[map]")
{
    const geo::MapDocument doc = diagonal_of_incidents(1000);
    const auto view = geo::Viewport::fit(doc[0].layer->extent(), 300, 200);
    const std::atomic<bool> cancel{true};
    const auto frame = geo::render_frame(doc, view, cancel, 0x000000ff);
    CHECK(!frame.complete);
    CHECK(frame.stride >= 300 * 4);
    CHECK(frame.pixels.size() == std::size_t(frame.stride) * 200);
    const std::atomic<bool> never{false};
    const auto full = geo::render_frame(doc, view, never, 0x000000ff);
    CHECK(full.complete);
    CHECK(full.pixels != frame.pixels);
}

TEST_CASE("a cancelled PNG or PDF output writes nothing and leaves an earlier file as it was", "[map]")
{
    mwangaza::test::TempFolder dir("mwangaza-map-cancel");
    const geo::MapDocument doc = diagonal_of_incidents(1000);
    const auto view = geo::Viewport::fit(doc[0].layer->extent(), 300, 200);
    const std::atomic<bool> cancel{true};
    const std::atomic<bool> never{false};
    for (const char* name : {"view.png", "view.pdf"}) {
        INFO(name);
        const fs::path out = dir / name;
        const auto output = [&](const std::atomic<bool>& flag) {
            return out.extension() == ".pdf" ? geo::render_pdf(doc, view, out, flag)
                                             : geo::render_png(doc, view, out, flag);
        };
        CHECK_FALSE(output(cancel));
        CHECK(!fs::exists(out));
        REQUIRE(output(never));
        REQUIRE(fs::exists(out));
        const auto size = fs::file_size(out);
        CHECK(size > 100);
        // Cancelled over an earlier file: that file stays whole, and no part file is left.
        CHECK_FALSE(output(cancel));
        CHECK(fs::file_size(out) == size);
        CHECK(!fs::exists(fs::path(out.string() + ".part")));
    }
    // A folder that does not exist: an error naming the file, nothing left behind.
    CHECK_THROWS_WITH(geo::render_png(doc, view, dir / "missing" / "x.png", never), Catch::Contains("x.png"));
    CHECK(!fs::exists(dir / "missing"));
}

TEST_CASE("map render --layer draws a country border of the IPIS data where it is, and credits IPIS", "[map]")
{
    Demo demo;
    const fs::path borders = fs::path(MWANGAZA_SHARED_DATA_DIR) / "ipis" / "country_borders.geojson";
    REQUIRE(fs::exists(borders));
    // Rwanda's outline, read here with OGR itself.
    std::vector<std::pair<double, double>> ring;
    {
        GDALAllRegister();
        GDALDatasetH ds = GDALOpenEx(borders.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr,
                                     nullptr);
        REQUIRE(ds != nullptr);
        OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
        OGR_L_SetAttributeFilter(layer, "NOM = 'Rwanda'");
        OGRFeatureH feature = OGR_L_GetNextFeature(layer);
        REQUIRE(feature != nullptr);
        OGRGeometryH outer = OGR_G_GetGeometryRef(OGR_F_GetGeometryRef(feature), 0);
        for (int i = 0; i < OGR_G_GetPointCount(outer); ++i)
            ring.emplace_back(OGR_G_GetX(outer, i), OGR_G_GetY(outer, i));
        OGR_F_Destroy(feature);
        GDALClose(ds);
    }
    REQUIRE(ring.size() > 500);

    const int width = 900, height = 800;
    const std::string bbox = "28.7,-3.0,31.0,-0.9";
    auto render = [&](const std::string& out, bool with_layer) {
        std::vector<std::string> args{"map", "render", "demo.mwz", "--out", out, "--width", std::to_string(width),
                                      "--height", std::to_string(height), "--bbox", bbox};
        if (with_layer) {
            args.push_back("--layer");
            args.push_back(borders.string());
        }
        const auto r = mwangaza::test::run_cli(demo.dir, args);
        INFO(r.err);
        REQUIRE(r.status == 0);
    };
    render("borders.png", true);
    render("plain.png", false);
    const Image with(demo.dir / "borders.png");
    const Image without(demo.dir / "plain.png");
    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(28.7, -3.0, 31.0, -0.9), width, height, 0.0);

    // The layer's outline (LayerStyle's default stroke, a dark blue) within a pixel or two
    // of each probed vertex; the map without the layer has no such pixel there.
    auto stroke_near = [&](const Image& image, double px, double py) {
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const int x = int(std::lround(px)) + dx, y = int(std::lround(py)) + dy;
                if (x < 0 || y < 0 || x >= width || y >= height)
                    continue;
                const auto v = image.rgb(x, y);
                const int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
                if (b > r + 40 && b > g + 10 && (r + g + b) / 3 < 150)
                    return true;
            }
        return false;
    };
    int probes = 0, with_stroke = 0, without_stroke = 0;
    for (std::size_t i = 0; i < ring.size(); i += 25) {
        double px = 0, py = 0;
        view.to_pixel(geo::lonlat_to_map(ring[i].first, ring[i].second), px, py);
        if (px < 3 || py < 3 || px > width - 240 || py > height - 40)
            continue; // clear of the scale bar and the credit
        ++probes;
        with_stroke += stroke_near(with, px, py);
        without_stroke += stroke_near(without, px, py);
    }
    INFO(probes << " probes, " << with_stroke << " with the layer, " << without_stroke << " without");
    CHECK(probes >= 30);
    CHECK(with_stroke >= probes * 9 / 10);
    CHECK(without_stroke <= probes / 5);

    // The vector PDF names the data's sources.
    const auto pdf = mwangaza::test::run_cli(
        demo.dir, {"map", "render", "demo.mwz", "--out", "borders.pdf", "--bbox", bbox, "--layer", borders.string()});
    REQUIRE(pdf.status == 0);
    const auto text_file = demo.dir / "borders.txt";
    REQUIRE(std::system(("pdftotext " + mwangaza::test::shell_quote((demo.dir / "borders.pdf").string()) + " " +
                         mwangaza::test::shell_quote(text_file.string()))
                            .c_str()) == 0);
    CHECK(mwangaza::test::read_text(text_file).find("Map data: IPIS, Natural Earth") != std::string::npos);
}

TEST_CASE("map render draws the map saved with the database", "[map]")
{
    Demo demo;
    const auto sites = demo.sites();
    // The saved map: the default one with the sites hidden.
    {
        auto doc = app::default_map_document(demo.db);
        bool hidden = false;
        for (auto& entry : doc)
            if (entry.source.uri == "builtin:sites") {
                entry.visible = false;
                hidden = true;
            }
        REQUIRE(hidden);
        auto database = store::Database::open(demo.db);
        app::save_map_document(database, doc);
    }
    const auto box = sites_box(sites);
    const auto r = mwangaza::test::run_cli(demo.dir, {"map", "render", "demo.mwz", "--out", "saved.png", "--width",
                                                       "800", "--height", "600", "--bbox",
                                                       bbox_text(box[0], box[1], box[2], box[3])});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const Image image(demo.dir / "saved.png");
    const auto view = geo::Viewport::fit(geo::MapRect::from_lonlat(box[0], box[1], box[2], box[3]), 800, 600, 0.0);
    int site_coloured = 0;
    for (const auto& s : sites) {
        double px = 0, py = 0;
        view.to_pixel(geo::lonlat_to_map(s.lon, s.lat), px, py);
        site_coloured +=
            near_colour(image.rgb(int(std::lround(px)), int(std::lround(py))), rgb_of(app::risk_level_colour(s.highest_level)));
    }
    CHECK(site_coloured <= int(sites.size()) / 10);
}

TEST_CASE("the incidents layer holds the incidents the list's filter selects, in their category's colour", "[map]")
{
    Demo demo;
    const auto all = app::IncidentsLayer::load(demo.db);
    store::IncidentQuery filter;
    filter.category = "security";
    filter.statuses = {mwangaza::core::IncidentStatus::Verified};
    const auto some = app::IncidentsLayer::load(demo.db, filter);
    std::size_t expected = 0;
    {
        auto database = store::Database::open(demo.db, store::Database::Mode::ReadOnly);
        expected = store::query_incident_ids(database.sql(), filter).size();
    }
    CHECK(expected > 0);
    CHECK(some->size() == expected); // every demo incident has a position
    CHECK(some->size() < all->size());
    // Drawn in the colour of Security only.
    const std::atomic<bool> never{false};
    const auto view = geo::Viewport::fit(some->extent(), 1200, 900);
    const auto plan = some->plan(view, never);
    CHECK(plan.in_view == some->size());
    geo::MapDocument doc(1);
    doc[0].layer = some;
    const auto frame = geo::render_frame(doc, view, never);
    std::array<int, 7> per_colour{};
    for (int y = 0; y < view.height; ++y)
        for (int x = 0; x < view.width; ++x) {
            const auto v = reinterpret_cast<const std::uint32_t*>(frame.pixels.data() + y * frame.stride)[x] & 0xffffff;
            for (int c = 0; c < 7; ++c)
                per_colour[std::size_t(c)] += near_colour(v, rgb_of(app::category_colour(c)), 3);
        }
    CHECK(per_colour[1] > 50);
    for (int c : {0, 2, 3, 4, 5, 6})
        CHECK(per_colour[std::size_t(c)] == 0);
    const auto legend = app::incident_legend();
    REQUIRE(legend.size() == 7);
    CHECK(legend[1].code == "security");
    CHECK(legend[1].colour == app::category_colour(1));
}
