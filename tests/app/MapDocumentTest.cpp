// The map's layers and styles saved with the programme database: real database files,
// real layer files opened by geo::open_file_layer.
#include "app/MapDocument.hpp"
#include "core/Error.hpp"
#include "geo/FileLayer.hpp"
#include "store/Database.hpp"

#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace mwangaza;
namespace fs = std::filesystem;

namespace {

void write_csv(const fs::path& path)
{
    std::ofstream(path) << "name,lon,lat\nKamituga,28.18,-3.06\nNyabibwe,28.93,-1.96\n";
}

// A document of three layers: a built-in one, and two CSV layers with their own styles.
geo::MapDocument sample(const fs::path& folder)
{
    geo::MapDocument doc;
    geo::LayerEntry sites;
    sites.source = {"builtin:sites", ""};
    sites.title = "Sites";
    doc.push_back(sites);

    geo::LayerEntry a;
    a.source = {(folder / "layers" / "a.csv").string(), ""};
    a.title = "Points A";
    a.visible = false;
    a.opacity = 0.4;
    a.style.fill = 0x11223344;
    a.style.stroke = 0xaabbccdd;
    a.style.stroke_width = 2.5;
    a.style.symbol = geo::PointSymbol::Diamond;
    a.style.symbol_size = 11;
    a.style.label_field = "name";
    doc.push_back(a);

    geo::LayerEntry b;
    b.source = {(folder / "layers" / "b.csv").string(), "b"};
    b.title = "Points \"B\", accents: é";
    b.style.symbol = geo::PointSymbol::Cross;
    doc.push_back(b);
    return doc;
}

// Opens files with geo::open_file_layer; "builtin:..." as a placeholder layer (the
// basemap), as the GUI's opener would open its built-in layers.
geo::LayerOpener opener()
{
    return [](const geo::LayerSource& source) -> std::shared_ptr<const geo::MapLayer> {
        if (source.uri.rfind("builtin:", 0) == 0)
            return geo::open_basemap_layer();
        return geo::open_file_layer(source);
    };
}

void check_same_entries(const geo::MapDocument& got, const geo::MapDocument& want)
{
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CAPTURE(i);
        CHECK(got[i].source.sublayer == want[i].source.sublayer);
        CHECK(got[i].title == want[i].title);
        CHECK(got[i].visible == want[i].visible);
        CHECK(got[i].opacity == want[i].opacity);
        CHECK(got[i].style == want[i].style);
    }
}

} // namespace

TEST_CASE("map layers and styles survive closing and reopening the database, in order", "[app][map]")
{
    test::TempFolder dir("mwangaza-mapdoc");
    fs::create_directories(dir / "layers");
    write_csv(dir / "layers" / "a.csv");
    write_csv(dir / "layers" / "b.csv");
    const auto doc = sample(dir.path());
    {
        auto db = store::Database::open(dir / "p.mwz", store::Database::Mode::Create);
        CHECK(app::load_map_document(db, opener()).empty()); // nothing saved yet
        app::save_map_document(db, doc);
    }
    auto db = store::Database::open(dir / "p.mwz");
    const auto loaded = app::load_map_document(db, opener());
    check_same_entries(loaded, doc);
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        CAPTURE(i);
        CHECK(loaded[i].source.uri == doc[i].source.uri);
        CHECK(loaded[i].error.empty());
        CHECK(loaded[i].layer);
    }
    CHECK(loaded[1].layer->kind() == "vector");
}

TEST_CASE("a saved layer whose file is gone keeps its place with an error", "[app][map]")
{
    test::TempFolder dir("mwangaza-mapdoc-missing");
    fs::create_directories(dir / "layers");
    write_csv(dir / "layers" / "a.csv");
    write_csv(dir / "layers" / "b.csv");
    const auto doc = sample(dir.path());
    {
        auto db = store::Database::open(dir / "p.mwz", store::Database::Mode::Create);
        app::save_map_document(db, doc);
    }
    fs::remove(dir / "layers" / "a.csv");
    auto db = store::Database::open(dir / "p.mwz");
    const auto loaded = app::load_map_document(db, opener());
    check_same_entries(loaded, doc);
    CHECK(!loaded[1].layer);
    CHECK_THAT(loaded[1].error, Catch::Contains("a.csv"));
    CHECK(loaded[2].layer);

    // Saved again as it is, the entry is not lost.
    app::save_map_document(db, loaded);
    check_same_entries(app::load_map_document(db, opener()), doc);
}

TEST_CASE("a programme folder moved elsewhere finds its layers relative to the database", "[app][map]")
{
    test::TempFolder dir("mwangaza-mapdoc-moved");
    fs::create_directories(dir / "office" / "layers");
    write_csv(dir / "office" / "layers" / "a.csv");
    write_csv(dir / "office" / "layers" / "b.csv");
    const auto doc = sample(dir / "office");
    {
        auto db = store::Database::open(dir / "office" / "p.mwz", store::Database::Mode::Create);
        app::save_map_document(db, doc);
    }
    fs::rename(dir / "office", dir / "field");
    auto db = store::Database::open(dir / "field" / "p.mwz");
    const auto loaded = app::load_map_document(db, opener());
    check_same_entries(loaded, doc);
    CHECK(loaded[1].source.uri == (dir / "field" / "layers" / "a.csv").string());
    CHECK(loaded[1].error.empty());
    CHECK(loaded[1].layer);
}

TEST_CASE("a damaged or newer saved map is refused with a message", "[app][map]")
{
    test::TempFolder dir("mwangaza-mapdoc-bad");
    auto db = store::Database::open(dir / "p.mwz", store::Database::Mode::Create);
    db.set_setting(app::k_map_document_key, R"({"version": 99, "layers": []})");
    CHECK_THROWS_WITH(app::load_map_document(db, opener()), Catch::Contains("99"));
    db.set_setting(app::k_map_document_key, "{not json");
    CHECK_THROWS_AS(app::load_map_document(db, opener()), InvalidInput);
}

TEST_CASE("a file layer is added over the basemap and under the programme's layers, in a colour of its own",
          "[app][map]")
{
    const auto entry = [](const std::string& uri) {
        geo::LayerEntry e;
        e.source.uri = uri;
        return e;
    };
    geo::MapDocument doc{entry("builtin:basemap"), entry("builtin:incidents"), entry("builtin:sites")};
    CHECK(app::add_file_layer(doc, entry("/data/titles.gpkg")) == 1);
    CHECK(app::add_file_layer(doc, entry("/data/parks.geojson")) == 2);
    REQUIRE(doc.size() == 5);
    CHECK(doc[1].source.uri == "/data/titles.gpkg");
    CHECK(doc[2].source.uri == "/data/parks.geojson");
    CHECK(doc[3].source.uri == "builtin:incidents");
    CHECK(doc[4].source.uri == "builtin:sites");
    CHECK(doc[1].style.fill != doc[2].style.fill);
    CHECK(doc[1].style.stroke != doc[2].style.stroke);

    // A style the person chose is kept; a map without the programme's layers takes it on top.
    geo::MapDocument plain{entry("builtin:basemap")};
    auto styled = entry("/data/lakes.shp");
    styled.style.fill = 0x0000ffff;
    CHECK(app::add_file_layer(plain, styled) == 1);
    CHECK(plain[1].style.fill == 0x0000ffffu);
}
