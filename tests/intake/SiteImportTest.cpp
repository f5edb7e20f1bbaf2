// Sites, concessions and protected areas from vector files the tests write with GDAL
// (Shapefile in UTM, GeoPackage, KML, CSV): field mapping, reprojection, per-feature
// skips, idempotence, dry runs, broken inputs that write nothing; the polygon and distance
// code of the assignment against OGR; migration 10 on a version-9 file.
#include "CliRunner.hpp"
#include "TempFolder.hpp"
#include "cli/Json.hpp"
#include "core/Error.hpp"
#include "geo/Polygons.hpp"
#include "geo/SiteAssigner.hpp"
#include "store/Database.hpp"
#include "store/IncidentEdit.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <geodesic.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <cmath>
#include <random>

using namespace mwangaza;
using test::Json;
using test::JsonReader;
using test::run_cli;
using test::TempFolder;
namespace fs = std::filesystem;

namespace {

struct Feature {
    std::vector<std::pair<std::string, std::string>> fields; // empty value: null
    std::string wkt;                                         // empty: no geometry
};

void write_vector(const fs::path& path, const char* driver, int epsg, OGRwkbGeometryType type,
                  const std::vector<std::string>& field_names, const std::vector<Feature>& features)
{
    GDALAllRegister();
    auto* drv = GetGDALDriverManager()->GetDriverByName(driver);
    REQUIRE(drv);
    std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    auto* layer = ds->CreateLayer("things", &srs, type, nullptr);
    REQUIRE(layer);
    for (const auto& name : field_names) {
        if (layer->GetLayerDefn()->GetFieldIndex(name.c_str()) >= 0)
            continue; // KML's own Name
        OGRFieldDefn f(name.c_str(), OFTString);
        REQUIRE(layer->CreateField(&f) == OGRERR_NONE);
    }
    for (const auto& in : features) {
        OGRFeature f(layer->GetLayerDefn());
        for (const auto& [k, v] : in.fields)
            if (!v.empty())
                f.SetField(k.c_str(), v.c_str());
        if (!in.wkt.empty()) {
            OGRGeometry* g = nullptr;
            REQUIRE(OGRGeometryFactory::createFromWkt(in.wkt.c_str(), &srs, &g) == OGRERR_NONE);
            f.SetGeometryDirectly(g);
        }
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
}

Json run_json(const TempFolder& dir, const std::vector<std::string>& args)
{
    const auto r = run_cli(dir, args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return JsonReader::parse(r.out);
}

std::int64_t count(const std::string& db, const std::string& sql)
{
    SQLite::Database d(db);
    return d.execAndGet(sql).getInt64();
}

} // namespace

TEST_CASE("sites from a Shapefile in UTM are reprojected; bad features are skipped and named", "[assign][import]")
{
    TempFolder dir("mwangaza-site-import");
    const std::string db = (dir / "p.mwz").string();
    REQUIRE(run_cli(dir, {"init", db}).status == 0);
    // UTM zone 35S (EPSG:32735): Bukavu area. Points projected with OGR for the check.
    const fs::path shp = dir / "sites.shp";
    write_vector(shp, "ESRI Shapefile", 32735, wkbPoint, {"code", "nom", "province", "pays", "minerais"},
                 {
                     {{{"code", "S1"}, {"nom", "Nyabibwe"}, {"province", "South Kivu"}, {"pays", "RDC"},
                       {"minerais", "cassiterite,coltan"}},
                      "POINT (700000 9750000)"},
                     {{{"code", "S2"}, {"nom", "Rubaya"}, {"province", ""}, {"pays", "Rwanda"}}, "POINT (710000 9760000)"},
                     {{{"code", ""}, {"nom", "No code"}, {"pays", "CD"}}, "POINT (720000 9770000)"},
                     {{{"code", "S4"}, {"nom", "No geometry"}, {"pays", "CD"}}, ""},
                     {{{"code", "S5"}, {"nom", "Far"}, {"pays", "Kenya"}}, "POINT (730000 9780000)"},
                     {{{"code", "S1"}, {"nom", "Twice"}, {"pays", "CD"}}, "POINT (740000 9790000)"},
                     {{{"code", "S7"}, {"nom", ""}, {"pays", "CD"}}, "POINT (740000 9790000)"},
                 });
    const std::vector<std::string> args{"sites", "import", db, shp.string(), "--code-field", "code", "--name-field",
                                        "nom", "--province-field", "province", "--country-field", "pays",
                                        "--minerals-field", "minerais", "--json"};
    auto dry = args;
    dry.push_back("--dry-run");
    auto r = run_json(dir, dry);
    CHECK(r["dry_run"].boolean);
    CHECK(r["imported"].integer() == 2);
    CHECK(count(db, "SELECT count(*) FROM site") == 0);

    r = run_json(dir, args);
    CHECK(r["reprojected"].boolean);
    CHECK(r["features"].integer() == 7);
    CHECK(r["imported"].integer() == 2);
    CHECK(r["skipped"].integer() == 5);
    const auto& d = r["diagnostics"].items;
    REQUIRE(d.size() == 5);
    CHECK(d[0]["feature"].integer() == 3);
    CHECK(d[0]["field"].text == "code");
    CHECK(d[0]["message"].text.find("no site code") != std::string::npos);
    CHECK(d[1]["feature"].integer() == 4);
    CHECK(d[1]["message"].text.find("no geometry") != std::string::npos);
    CHECK(d[2]["field"].text == "pays");
    CHECK(d[2]["message"].text.find("Kenya") != std::string::npos);
    CHECK(d[3]["message"].text.find("feature 1") != std::string::npos); // duplicate code S1
    CHECK(d[4]["field"].text == "nom");

    OGRSpatialReference utm, wgs84;
    utm.importFromEPSG(32735);
    wgs84.importFromEPSG(4326);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&utm, &wgs84));
    double x = 700000, y = 9750000;
    REQUIRE(ct->Transform(1, &x, &y));
    SQLite::Database sql(db);
    SQLite::Statement s1(sql, "SELECT name, country, province, minerals, lon, lat FROM site WHERE code = 'S1'");
    REQUIRE(s1.executeStep());
    CHECK(s1.getColumn(0).getString() == "Nyabibwe");
    CHECK(s1.getColumn(1).getString() == "CD");
    CHECK(s1.getColumn(2).getString() == "South Kivu");
    CHECK(s1.getColumn(3).getString() == "cassiterite,coltan");
    CHECK(s1.getColumn(4).getDouble() == Approx(x).margin(1e-9));
    CHECK(s1.getColumn(5).getDouble() == Approx(y).margin(1e-9));
    CHECK(x == Approx(28.8).margin(0.3)); // east of Lake Kivu: really reprojected
    CHECK(sql.execAndGet("SELECT country || ' ' || province FROM site WHERE code = 'S2'").getString() == "RW unknown");

    // Again: unchanged. A name changed in the file: updated, not duplicated.
    r = run_json(dir, args);
    CHECK(r["unchanged"].integer() == 2);
    CHECK(r["imported"].integer() == 0);
}

TEST_CASE("concessions and protected areas from GeoPackage, KML and CSV sources", "[assign][import]")
{
    TempFolder dir("mwangaza-concession-import");
    const std::string db = (dir / "p.mwz").string();
    REQUIRE(run_cli(dir, {"init", db}).status == 0);
    const fs::path gpkg = dir / "titles.gpkg";
    write_vector(gpkg, "GPKG", 4326, wkbUnknown, {"num", "holder", "kind", "state"},
                 {
                     {{{"num", "PE 1"}, {"holder", "Coop A"}, {"kind", "PE"}, {"state", "active"}},
                      "MULTIPOLYGON (((28 -2, 29 -2, 29 -1, 28 -1, 28 -2), (28.4 -1.6, 28.6 -1.6, 28.6 -1.4, 28.4 -1.4, "
                      "28.4 -1.6)))"},
                     {{{"num", "PE 2"}, {"holder", "Coop B"}}, "POLYGON ((30 -2, 31 -1, 30 -1, 31 -2, 30 -2))"},
                     {{{"num", "PE 3"}}, "POLYGON ((27 -3, 27.5 -3, 27.5 -2.5, 27 -2.5, 27 -3))"},
                 });
    auto r = run_json(dir, {"concessions", "import", db, gpkg.string(), "--id-field", "num", "--holder-field",
                            "holder", "--type-field", "kind", "--status-field", "state", "--json"});
    CHECK(r["imported"].integer() == 2);
    CHECK(r["skipped"].integer() == 1);
    CHECK(r["diagnostics"].items.at(0)["message"].text.find("invalid polygon") != std::string::npos);
    CHECK(r["diagnostics"].items.at(0)["feature"].integer() == 2);
    SQLite::Database sql(db);
    CHECK(sql.execAndGet("SELECT holder || '/' || type || '/' || status FROM concession WHERE code = 'PE 1'").getString() ==
          "Coop A/PE/active");
    CHECK(sql.execAndGet("SELECT count(*) FROM concession_bbox WHERE min_lon <= 28.5 AND max_lon >= 28.5 AND "
                         "min_lat <= -1.5 AND max_lat >= -1.5")
              .getInt64() == 1);
    // The stored WKB reads back; the hole is a hole.
    {
        SQLite::Statement w(sql, "SELECT wkb FROM concession WHERE code = 'PE 1'");
        REQUIRE(w.executeStep());
        const auto* p = static_cast<const std::uint8_t*>(w.getColumn(0).getBlob());
        const auto mp = geo::multipolygon_from_wkb({p, std::size_t(w.getColumn(0).getBytes())});
        CHECK(mp.contains({28.2, -1.8}));
        CHECK_FALSE(mp.contains({28.5, -1.5}));
        CHECK_FALSE(mp.contains({29.5, -1.5}));
    }

    // KML protected area; CSV sites with lon/lat columns.
    const fs::path kml = dir / "parks.kml";
    write_vector(kml, "KML", 4326, wkbPolygon, {"Name"},
                 {{{{"Name", "Kahuzi-Biega"}}, "POLYGON ((28.3 -1.9, 28.7 -1.9, 28.7 -1.7, 28.3 -1.7, 28.3 -1.9))"}});
    r = run_json(dir, {"protected-areas", "import", db, kml.string(), "--name-field", "Name", "--json"});
    CHECK(r["imported"].integer() == 1);
    const fs::path csv = dir / "sites.csv";
    {
        std::ofstream out(csv);
        out << "code,name,lon,lat\nC1,Inside,28.2,-1.8\nC2,Outside,28.0,-2.02\n";
    }
    r = run_json(dir, {"sites", "import", db, csv.string(), "--code-field", "code", "--name-field", "name",
                       "--country", "CD", "--json"});
    CHECK(r["imported"].integer() == 2);
    CHECK(sql.execAndGet("SELECT lon || ',' || lat FROM site WHERE code = 'C2'").getString() == "28.0,-2.02");

    // Incidents: inside PE 1 (-> C1, the only site inside), in the hole (-> C1 too? no: the
    // hole is outside the title, 5 km radius finds none), just south of the title (-> C2).
    {
        SQLite::Database w(db, SQLite::OPEN_READWRITE);
        w.exec("INSERT INTO incident(observed_on, risk_area, lat, lon, created_at, updated_at) VALUES "
               "('2024-01-01', 'ohs', -1.2, 28.9, 'x', 'x'), ('2024-01-01', 'ohs', -1.5, 28.5, 'x', 'x'), "
               "('2024-01-01', 'ohs', -2.03, 28.01, 'x', 'x'), ('2024-01-01', 'ohs', -1.8, 28.4, 'x', 'x')");
    }
    r = run_json(dir, {"assign", db, "--json"});
    CHECK(r["inside_concession"].integer() == 2);
    CHECK(r["nearest_within_radius"].integer() == 1);
    CHECK(r["unassigned"].integer() == 1);
    CHECK(r["in_protected_area"].integer() == 1);
    CHECK(sql.execAndGet("SELECT group_concat(coalesce(s.code, '-') || ':' || coalesce(i.site_method, '-') || ':' || "
                         "coalesce(i.protected_area, '-'), ' ') FROM incident i LEFT JOIN site s ON s.id = i.site_id")
              .getString() ==
          "C1:inside_concession:- -:-:- C2:nearest_within_radius:- C1:inside_concession:Kahuzi-Biega");
    // incidents list --json shows the method and the protected area; the filter lists them.
    const auto list = run_cli(dir, {"incidents", "list", db, "--json"});
    REQUIRE(list.status == 0);
    CHECK(list.out.find("\"site_method\": \"inside_concession\"") != std::string::npos);
    CHECK(list.out.find("\"protected_area\": \"Kahuzi-Biega\"") != std::string::npos);
}

TEST_CASE("broken inputs are refused with a message naming the problem, and nothing is written",
          "[assign][import]")
{
    TempFolder dir("mwangaza-import-broken");
    const std::string db = (dir / "p.mwz").string();
    REQUIRE(run_cli(dir, {"init", db}).status == 0);
    const auto audit_before = count(db, "SELECT count(*) FROM audit_log");
    const fs::path gpkg = dir / "sites.gpkg";
    write_vector(gpkg, "GPKG", 4326, wkbPoint, {"code", "name"}, {{{{"code", "A"}, {"name", "a"}}, "POINT (28 -2)"}});
    const fs::path polys = dir / "polys.gpkg";
    write_vector(polys, "GPKG", 4326, wkbPolygon, {"code", "name"},
                 {{{{"code", "A"}, {"name", "a"}}, "POLYGON ((28 -2, 29 -2, 29 -1, 28 -2))"}});
    const fs::path junk = dir / "junk.geojson";
    {
        std::ofstream out(junk);
        out << "{ this is not json";
    }

    auto r = run_cli(dir, {"sites", "import", db, gpkg.string(), "--code-field", "kode", "--name-field", "name",
                           "--country", "CD"});
    CHECK(r.status == 2);
    CHECK(r.err.find("no field 'kode'") != std::string::npos);
    CHECK(r.err.find("code, name") != std::string::npos);

    r = run_cli(dir, {"sites", "import", db, polys.string(), "--code-field", "code", "--name-field", "name",
                      "--country", "CD"});
    CHECK(r.status == 2);
    CHECK(r.err.find("not points") != std::string::npos);
    r = run_cli(dir, {"concessions", "import", db, gpkg.string(), "--id-field", "code"});
    CHECK(r.status == 2);
    CHECK(r.err.find("not polygons") != std::string::npos);

    r = run_cli(dir, {"concessions", "import", db, junk.string(), "--id-field", "code"});
    CHECK(r.status == 2);
    CHECK(r.err.find("junk.geojson") != std::string::npos);
    r = run_cli(dir, {"sites", "import", db, (dir / "missing.gpkg").string(), "--code-field", "code", "--name-field",
                      "name", "--country", "CD"});
    CHECK(r.status == 2);
    CHECK(r.err.find("no such file") != std::string::npos);
    r = run_cli(dir, {"sites", "import", db, gpkg.string(), "--code-field", "code", "--name-field", "name"});
    CHECK(r.status == 2);
    CHECK(r.err.find("country") != std::string::npos);
    r = run_cli(dir, {"sites", "import", db, gpkg.string(), "--name-field", "name", "--country", "CD"});
    CHECK(r.status == 1);
    CHECK(r.err.find("--code-field") != std::string::npos);
    r = run_cli(dir, {"assign", db, "--radius-km", "-3"});
    CHECK(r.status == 2);

    CHECK(count(db, "SELECT count(*) FROM site") == 0);
    CHECK(count(db, "SELECT count(*) FROM concession") == 0);
    CHECK(count(db, "SELECT count(*) FROM audit_log") == audit_before);
}

TEST_CASE("point-in-polygon with holes and parts agrees with OGR; distances are geodesic", "[assign][geo]")
{
    const char* wkt = "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2), (6 6, 8 6, 7 8, 6 6)),"
                      " ((20 0, 25 5, 20 10, 15 5, 20 0)))";
    OGRGeometry* g = nullptr;
    REQUIRE(OGRGeometryFactory::createFromWkt(wkt, nullptr, &g) == OGRERR_NONE);
    std::unique_ptr<OGRGeometry> owned(g);
    for (auto order : {wkbNDR, wkbXDR}) {
        std::vector<std::uint8_t> wkb(std::size_t(g->WkbSize()));
        g->exportToWkb(order, wkb.data(), wkbVariantIso);
        const auto mp = geo::multipolygon_from_wkb(wkb);
        REQUIRE(mp.polygons.size() == 2);
        CHECK(mp.polygons[0].rings.size() == 3);
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> x(-2, 27), y(-2, 12);
        int inside = 0;
        for (int i = 0; i < 5000; ++i) {
            const OGRPoint p(x(rng), y(rng));
            const bool expected = g->Contains(&p);
            CHECK(mp.contains({p.getX(), p.getY()}) == expected);
            inside += expected;
        }
        CHECK(inside > 1000);
    }
    // A ring of many vertices (banded) with a hole, against OGR, before and after prepare().
    {
        std::string star = "POLYGON ((";
        for (int i = 0; i <= 720; ++i) {
            const double a = (i % 720) * M_PI / 360, r = i % 2 ? 10 : 7;
            star += (i ? ", " : "") + std::to_string(30 + r * std::cos(a)) + " " + std::to_string(-5 + r * std::sin(a));
        }
        star += "), (29 -6, 31 -6, 31 -4, 29 -4, 29 -6))";
        OGRGeometry* s = nullptr;
        REQUIRE(OGRGeometryFactory::createFromWkt(star.c_str(), nullptr, &s) == OGRERR_NONE);
        std::unique_ptr<OGRGeometry> star_owned(s);
        std::vector<std::uint8_t> wkb(std::size_t(s->WkbSize()));
        s->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        auto plain = geo::multipolygon_from_wkb(wkb);
        auto banded = plain;
        banded.prepare();
        REQUIRE(!banded.polygons[0].bands.empty());
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> x(19, 41), y(-16, 6);
        for (int i = 0; i < 5000; ++i) {
            const OGRPoint p(x(rng), y(rng));
            const bool expected = s->Contains(&p);
            CHECK(plain.contains({p.getX(), p.getY()}) == expected);
            CHECK(banded.contains({p.getX(), p.getY()}) == expected);
        }
    }
    std::vector<std::uint8_t> line{1, 2, 0, 0, 0, 0, 0, 0, 0};
    CHECK_THROWS_AS(geo::multipolygon_from_wkb(line), GeoError);
    CHECK_THROWS_AS(geo::multipolygon_from_wkb(std::vector<std::uint8_t>{1, 3, 0, 0}), GeoError);

    // One degree of latitude at the equator: 110,574.4 m on WGS84; one of longitude: 111,319.5 m.
    CHECK(geo::geodesic_distance_m({25, 0}, {25, 1}) == Approx(110574.4).margin(0.1));
    CHECK(geo::geodesic_distance_m({25, 0}, {26, 0}) == Approx(111319.5).margin(0.1));
    CHECK(geo::geodesic_distance_m({27.5, -10.7}, {27.5, -10.7}) == 0);

    // Against PROJ's geodesic routines (Karney's algorithm), an independent computation:
    // pairs up to about 1,000 km apart over the programme's region and beyond, the poles'
    // neighbourhood and the equator included, agree within a millimetre.
    geod_geodesic wgs84;
    geod_init(&wgs84, 6378137.0, 1 / 298.257223563);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-89, 89), step(-9, 9);
    double worst = 0;
    for (int i = 0; i < 20000; ++i) {
        const geo::LonLat a{lon(rng), i % 10 == 0 ? 0.0 : lat(rng)};
        const geo::LonLat b{a.lon + step(rng), std::clamp(a.lat + step(rng), -89.9, 89.9)};
        double expected = 0;
        geod_inverse(&wgs84, a.lat, a.lon, b.lat, b.lon, &expected, nullptr, nullptr);
        worst = std::max(worst, std::abs(geo::geodesic_distance_m(a, b) - expected));
    }
    CHECK(worst < 0.001);
    // Nearly antipodal points, where the iteration does not settle: within half a percent.
    double antipodal = 0;
    geod_inverse(&wgs84, 0.5, 0, -0.5, 179.7, &antipodal, nullptr, nullptr);
    CHECK(geo::geodesic_distance_m({0, 0.5}, {179.7, -0.5}) == Approx(antipodal).epsilon(0.005));

    // The radius is honoured at the edge, at a high latitude too.
    const std::vector<geo::IndexedSite> sites{{1, {10, 60}}, {2, {10.2, 60}}};
    const geo::SiteAssigner assigner(sites, {}, 5000);
    const double d = geo::geodesic_distance_m({10.089, 60}, {10, 60});
    REQUIRE(d < 5000);
    auto c = assigner.assign({10.089, 60});
    CHECK(c.method == geo::SiteMethod::NearestWithinRadius);
    CHECK(c.site_id == 1);
    CHECK(c.distance_m == Approx(d));
    CHECK(assigner.assign({10.1, 60}).method == geo::SiteMethod::None);
}

TEST_CASE("migration 10 upgrades a version-9 file: sites already given are kept as chosen by a person",
          "[assign][migration]")
{
    TempFolder dir("mwangaza-migration-10");
    const auto path = dir / "v9.mwz";
    {
        auto db = store::Database::open(path, store::Database::Mode::Create, 9);
        REQUIRE(db.schema_version() == 9);
        db.sql().exec("INSERT INTO site(code, name, country, province, minerals, lat, lon) VALUES "
                      "('CD-A', 'A', 'CD', 'South Kivu', 'gold', -2.0, 28.0), "
                      "('CD-B', 'B', 'CD', 'South Kivu', 'gold', -2.0, 28.01)");
        db.sql().exec("INSERT INTO incident(observed_on, risk_area, site_id, lat, lon, created_at, updated_at) VALUES "
                      "('2024-01-01', 'ohs', 2, -2.0, 28.0, 'x', 'x'), "
                      "('2024-01-01', 'ohs', NULL, -2.0, 28.0, 'x', 'x')");
    }
    {
        auto db = store::Database::open(path);
        CHECK(db.schema_version() == store::Database::latest_version());
        CHECK(db.schema_version() >= 10);
        CHECK(db.sql().execAndGet("SELECT count(*) FROM incident WHERE site_method IS NULL").getInt64() == 2);
        CHECK(db.sql().execAndGet("SELECT count(*) FROM concession").getInt64() == 0);
    }
    const std::string db = path.string();
    auto r = run_json(dir, {"assign", db, "--json"});
    CHECK(r["kept_manual"].integer() == 1); // the form's site B stays
    CHECK(r["nearest_within_radius"].integer() == 1);
    SQLite::Database sql(db);
    CHECK(sql.execAndGet("SELECT group_concat(site_id || ':' || coalesce(site_method, '-'), ' ') FROM incident")
              .getString() == "2:- 1:nearest_within_radius");
}
