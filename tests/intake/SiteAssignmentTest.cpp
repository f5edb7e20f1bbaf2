// Site assignment on the real IPIS geodata (read in place): sites and mining titles
// imported with the real CLI, incidents generated around known sites, `assign --json`
// run, and every assignment checked against an independent computation made here with
// GDAL's own geometry predicates (OGRGeometry::Contains) and Vincenty's formula.
#include "CliRunner.hpp"
#include "TempFolder.hpp"
#include "cli/Json.hpp"
#include "store/Database.hpp"
#include "store/IncidentEdit.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <catch2/catch.hpp>
#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>

using namespace mwangaza;
using test::Json;
using test::JsonReader;
using test::run_cli;
using test::TempFolder;
namespace fs = std::filesystem;

namespace {

const fs::path k_ipis = fs::path(MWANGAZA_SHARED_DATA_DIR) / "ipis";

// Vincenty's inverse formula on WGS84 (metres): an algorithm independent of the one the
// program uses (Karney's, through PROJ); both agree to well under a millimetre.
double vincenty_m(double lon1, double lat1, double lon2, double lat2)
{
    const double a = 6378137.0, f = 1 / 298.257223563, b = a * (1 - f);
    const double rad = M_PI / 180;
    const double L = (lon2 - lon1) * rad;
    const double U1 = std::atan((1 - f) * std::tan(lat1 * rad));
    const double U2 = std::atan((1 - f) * std::tan(lat2 * rad));
    const double sinU1 = std::sin(U1), cosU1 = std::cos(U1), sinU2 = std::sin(U2), cosU2 = std::cos(U2);
    double lambda = L, prev = 0, sinSigma = 0, cosSigma = 0, sigma = 0, cosSqAlpha = 0, cos2SigmaM = 0;
    for (int i = 0; i < 200; ++i) {
        const double sinLambda = std::sin(lambda), cosLambda = std::cos(lambda);
        sinSigma = std::sqrt((cosU2 * sinLambda) * (cosU2 * sinLambda) +
                             (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda));
        if (sinSigma == 0)
            return 0;
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
        sigma = std::atan2(sinSigma, cosSigma);
        const double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
        cosSqAlpha = 1 - sinAlpha * sinAlpha;
        cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0;
        const double C = f / 16 * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
        prev = lambda;
        lambda = L + (1 - C) * f * sinAlpha *
                         (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        if (std::abs(lambda - prev) < 1e-12)
            break;
    }
    const double uSq = cosSqAlpha * (a * a - b * b) / (b * b);
    const double A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
    const double B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
    const double dSigma =
        B * sinSigma *
        (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                               B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return b * A * (sigma - dSigma);
}

struct Shape {
    std::string name;
    std::unique_ptr<OGRGeometry> geometry;
    OGREnvelope box;
};

std::vector<Shape> read_shapes(const fs::path& file)
{
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    std::vector<Shape> out;
    for (auto& f : *ds->GetLayer(0)) {
        Shape s;
        s.name = f->GetFieldAsString("name");
        s.geometry.reset(f->StealGeometry());
        s.geometry->getEnvelope(&s.box);
        out.push_back(std::move(s));
    }
    return out;
}

bool in_box(const OGREnvelope& e, double lon, double lat)
{
    return lon >= e.MinX && lon <= e.MaxX && lat >= e.MinY && lat <= e.MaxY;
}

bool contains(const Shape& s, const OGRPoint& p)
{
    return in_box(s.box, p.getX(), p.getY()) && s.geometry->Contains(&p);
}

struct Site {
    std::int64_t id;
    double lon, lat;
};

std::int64_t count(SQLite::Database& db, const std::string& sql)
{
    return db.execAndGet(sql).getInt64();
}

Json run_json(const TempFolder& dir, const std::vector<std::string>& args)
{
    const auto r = run_cli(dir, args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return JsonReader::parse(r.out);
}

} // namespace

TEST_CASE("IPIS sites and titles are imported, and every assignment matches GDAL's own predicates",
          "[assign][ipis]")
{
    if (!fs::exists(k_ipis / "mine_sites.geojson"))
        FAIL("the IPIS data is missing: " + (k_ipis / "mine_sites.geojson").string());
    TempFolder dir("mwangaza-assign");
    const std::string db = (dir / "p.mwz").string();
    REQUIRE(run_cli(dir, {"init", db}).status == 0);

    const std::vector<std::string> site_args{"sites",   "import", db, (k_ipis / "mine_sites.geojson").string(),
                                             "--code-field", "FID", "--code-prefix", "IPIS-", "--name-field",
                                             "name",    "--country", "CD", "--json"};
    auto sites_json = run_json(dir, site_args);
    CHECK(sites_json["features"].integer() == 2058);
    CHECK(sites_json["imported"].integer() == 2058);
    CHECK(sites_json["skipped"].integer() == 0);
    const std::vector<std::string> title_args{"concessions", "import", db, (k_ipis / "mining_titles.geojson").string(),
                                              "--id-field", "name", "--holder-field", "parties", "--type-field",
                                              "type", "--status-field", "statut", "--json"};
    auto titles_json = run_json(dir, title_args);
    CHECK(titles_json["features"].integer() == 2903);
    // Title 2791 is drawn as two features: one concession of two parts.
    CHECK(titles_json["imported"].integer() == 2902);
    CHECK(titles_json["merged"].integer() == 1);
    CHECK(titles_json["skipped"].integer() == 0);

    // Again: nothing duplicated, nothing changed.
    sites_json = run_json(dir, site_args);
    CHECK(sites_json["unchanged"].integer() == 2058);
    CHECK(sites_json["imported"].integer() == 0);
    titles_json = run_json(dir, title_args);
    CHECK(titles_json["unchanged"].integer() == 2902);
    CHECK(titles_json["imported"].integer() == 0);

    auto pa_json = run_json(dir, {"protected-areas", "import", db, (k_ipis / "protected_areas.geojson").string(),
                                  "--name-field", "name", "--designation-field", "source", "--json"});
    CHECK(pa_json["features"].integer() == 49);
    CHECK(pa_json["imported"].integer() + pa_json["merged"].integer() == 49);

    // Independent reference: the IPIS files read with OGR, not the database.
    const auto titles = read_shapes(k_ipis / "mining_titles.geojson");
    const auto parks = read_shapes(k_ipis / "protected_areas.geojson");
    REQUIRE(titles.size() == 2903);
    std::vector<Site> sites;
    {
        SQLite::Database sql(db);
        CHECK(count(sql, "SELECT count(*) FROM site") == 2058);
        CHECK(count(sql, "SELECT count(*) FROM concession") == 2902);
        CHECK(count(sql, "SELECT count(*) FROM concession_bbox") == 2902);
        GDALAllRegister();
        std::unique_ptr<GDALDataset> ds(
            GDALDataset::Open((k_ipis / "mine_sites.geojson").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        SQLite::Statement id(sql, "SELECT id, lon, lat FROM site WHERE code = ?");
        for (auto& f : *ds->GetLayer(0)) {
            id.bind(1, "IPIS-" + std::to_string(f->GetFID()));
            REQUIRE(id.executeStep());
            const auto* p = f->GetGeometryRef()->toPoint();
            CHECK(id.getColumn(1).getDouble() == p->getX());
            CHECK(id.getColumn(2).getDouble() == p->getY());
            sites.push_back({id.getColumn(0).getInt64(), p->getX(), p->getY()});
            id.reset();
        }
    }
    REQUIRE(sites.size() == 2058);
    // Titles holding sites, by title position.
    std::vector<std::vector<std::size_t>> sites_in(titles.size());
    for (std::size_t s = 0; s < sites.size(); ++s) {
        OGRPoint p(sites[s].lon, sites[s].lat);
        for (std::size_t t = 0; t < titles.size(); ++t)
            if (contains(titles[t], p))
                sites_in[t].push_back(s);
    }

    // Incidents: around every fifth site (within 0-3 km), 1-8 km around others, and
    // anywhere over the titles' extent; a few are decided or chosen by hand.
    std::mt19937 rng(20241127);
    std::uniform_real_distribution<double> unit(0, 1);
    struct Generated {
        double lon, lat;
    };
    std::vector<Generated> points;
    for (std::size_t s = 0; s < sites.size(); s += 5) {
        const double r_km = (s % 2 ? 3.0 : 8.0) * unit(rng);
        const double angle = 2 * M_PI * unit(rng);
        const double lat = sites[s].lat + r_km / 110.6 * std::sin(angle);
        const double lon = sites[s].lon + r_km / (111.3 * std::cos(sites[s].lat * M_PI / 180)) * std::cos(angle);
        points.push_back({lon, lat});
    }
    for (int i = 0; i < 1200; ++i)
        points.push_back({23.5 + 7.5 * unit(rng), -10.5 + 15.0 * unit(rng)});
    points.push_back({12.3, -5.9}); // the Atlantic coast, far from every site
    {
        SQLite::Database sql(db, SQLite::OPEN_READWRITE);
        SQLite::Transaction tx(sql);
        SQLite::Statement ins(sql, "INSERT INTO incident(observed_on, risk_area, lat, lon, status, created_at, "
                                   "updated_at) VALUES ('2024-01-01', 'ohs', ?, ?, ?, '2024-01-01T00:00:00Z', "
                                   "'2024-01-01T00:00:00Z')");
        for (std::size_t i = 0; i < points.size(); ++i) {
            ins.bind(1, points[i].lat);
            ins.bind(2, points[i].lon);
            ins.bind(3, i % 97 == 3 ? "verified" : "new");
            ins.exec();
            ins.reset();
        }
        tx.commit();
    }
    // Two incidents get a site chosen by an expert before any assignment.
    {
        auto store_db = store::Database::open(db);
        const std::vector<store::IncidentSiteChange> manual{{1, "IPIS-17"}, {2, ""}};
        store::change_incident_sites(store_db, manual, "expert");
    }

    const auto first = run_json(dir, {"assign", db, "--json"});

    // Expected, independently.
    std::size_t inside = 0, nearest = 0, unassigned = 0, decided = 0, in_park = 0;
    SQLite::Database sql(db);
    // The rows were written without SQLite's per-row CHECK and foreign key tests (see
    // store/UncheckedWrites.hpp): they pass both.
    CHECK(sql.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
    CHECK(sql.execAndGet("SELECT count(*) FROM incident WHERE site_method IS NOT NULL AND site_method NOT IN "
                         "('manual', 'inside_concession', 'nearest_within_radius')")
              .getInt() == 0);
    // Most incidents moved: the indexes over the site were built again after the writes,
    // with their definitions, and hold every row.
    CHECK(sql.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(sql.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'incident_status'").getString() ==
          "CREATE INDEX incident_status ON incident(status, site_id, observed_on, risk_area)");
    CHECK(sql.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'incident_site_observed'").getString() ==
          "CREATE INDEX incident_site_observed ON incident(site_id, observed_on)");
    CHECK(sql.execAndGet("SELECT count(*) FROM incident INDEXED BY incident_site_observed WHERE site_id > 0").getInt() ==
          sql.execAndGet("SELECT count(*) FROM incident NOT INDEXED WHERE site_id > 0").getInt());
    SQLite::Statement row(sql, "SELECT i.site_id, i.site_method, i.site_distance_m, c.code, i.protected_area, "
                               "i.status FROM incident i LEFT JOIN concession c ON c.id = i.concession_id "
                               "WHERE i.id = ?");
    std::size_t checked = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::int64_t id = std::int64_t(i) + 1;
        row.bind(1, id);
        REQUIRE(row.executeStep());
        const auto site_id = row.getColumn(0).isNull() ? std::optional<std::int64_t>() : row.getColumn(0).getInt64();
        const std::string method = row.getColumn(1).isNull() ? "" : row.getColumn(1).getString();
        const double distance = row.getColumn(2).isNull() ? -1 : row.getColumn(2).getDouble();
        const std::string concession = row.getColumn(3).isNull() ? "" : row.getColumn(3).getString();
        const std::string park = row.getColumn(4).isNull() ? "" : row.getColumn(4).getString();
        const std::string status = row.getColumn(5).getString();
        row.reset();
        INFO("incident " << id << " at " << points[i].lon << ", " << points[i].lat);
        const OGRPoint p(points[i].lon, points[i].lat);

        std::set<std::string> parks_here;
        for (const auto& park_shape : parks)
            if (contains(park_shape, p))
                parks_here.insert(park_shape.name);
        CHECK((park.empty() ? parks_here.empty() : parks_here.count(park) == 1));
        in_park += parks_here.empty() ? 0 : 1;

        if (id == 1 || id == 2) {
            CHECK(method == "manual");
            CHECK((id == 1 ? site_id.has_value() : !site_id.has_value()));
            continue;
        }
        if (status == "verified") {
            ++decided;
            CHECK(!site_id);
            CHECK(method.empty());
            continue;
        }
        // Rule 1: inside titles holding sites -> nearest of their sites.
        double best = -1;
        std::set<std::int64_t> best_ids;
        std::set<std::string> holding_titles;
        auto consider = [&](std::size_t s) {
            const double d = vincenty_m(points[i].lon, points[i].lat, sites[s].lon, sites[s].lat);
            if (best < 0 || d < best - 0.01) {
                best = d;
                best_ids = {sites[s].id};
            } else if (std::abs(d - best) <= 0.01) {
                best_ids.insert(sites[s].id);
            }
        };
        std::set<std::string> titles_here;
        for (std::size_t t = 0; t < titles.size(); ++t)
            if (contains(titles[t], p)) {
                titles_here.insert(titles[t].name);
                if (!sites_in[t].empty())
                    holding_titles.insert(titles[t].name);
                for (std::size_t s : sites_in[t])
                    consider(s);
            }
        std::string expected_method;
        if (best >= 0) {
            expected_method = "inside_concession";
            ++inside;
            CHECK(holding_titles.count(concession) == 1);
        } else {
            CHECK((concession.empty() ? titles_here.empty() : titles_here.count(concession) == 1));
            for (std::size_t s = 0; s < sites.size(); ++s)
                if (vincenty_m(points[i].lon, points[i].lat, sites[s].lon, sites[s].lat) <= 5000.0)
                    consider(s);
            if (best >= 0) {
                expected_method = "nearest_within_radius";
                ++nearest;
            } else {
                ++unassigned;
            }
        }
        CHECK(method == expected_method);
        if (best >= 0) {
            REQUIRE(site_id);
            CHECK(best_ids.count(*site_id) == 1);
            CHECK(std::abs(distance - best) < 0.1);
        } else {
            CHECK(!site_id);
        }
        ++checked;
    }
    CHECK(checked + decided + 2 == points.size());
    CHECK(first["inside_concession"].integer() == std::int64_t(inside));
    CHECK(first["nearest_within_radius"].integer() == std::int64_t(nearest));
    CHECK(first["unassigned"].integer() == std::int64_t(unassigned));
    CHECK(first["kept_manual"].integer() == 2);
    CHECK(first["kept_decided"].integer() == std::int64_t(decided));
    CHECK(first["in_protected_area"].integer() == std::int64_t(in_park));
    // The generated points exercise every rule.
    CHECK(inside > 20);
    CHECK(nearest > 20);
    CHECK(unassigned > 20);
    CHECK(in_park > 0);

    // An expert overrides an automatic assignment; a second run keeps it and changes nothing else.
    const std::int64_t overridden = sql.execAndGet("SELECT min(id) FROM incident WHERE site_method = "
                                                   "'inside_concession'").getInt64();
    {
        auto store_db = store::Database::open(db);
        const std::vector<store::IncidentSiteChange> manual{{overridden, "IPIS-3"}};
        store::change_incident_sites(store_db, manual, "expert");
    }
    const auto second = run_json(dir, {"assign", db, "--json"});
    CHECK(second["kept_manual"].integer() == 3);
    CHECK(second["inside_concession"].integer() == std::int64_t(inside) - 1);
    CHECK(second["nearest_within_radius"].integer() == std::int64_t(nearest));
    CHECK(second["unassigned"].integer() == std::int64_t(unassigned));
    CHECK(second["changed"].integer() == 0);
    CHECK(sql.execAndGet("SELECT s.code || ' ' || i.site_method FROM incident i JOIN site s ON s.id = i.site_id "
                         "WHERE i.id = " + std::to_string(overridden))
              .getString() == "IPIS-3 manual");
    CHECK(count(sql, "SELECT count(*) FROM incident WHERE id = 1 AND site_method = 'manual' AND site_id IS NOT NULL") ==
          1);
    CHECK(count(sql, "SELECT count(*) FROM audit_log WHERE entity = 'incident' AND operation = 'site'") == 3);

    // A smaller radius: fewer nearest-site assignments, never more.
    const auto small = run_json(dir, {"assign", db, "--radius-km", "1", "--json"});
    CHECK(small["nearest_within_radius"].integer() < std::int64_t(nearest));
    CHECK(small["inside_concession"].integer() == std::int64_t(inside) - 1);
}
