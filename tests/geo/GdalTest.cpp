#include "core/Error.hpp"
#include "geo/Gdal.hpp"
#include "geo/RegionIndex.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace mwangaza;
namespace fs = std::filesystem;

namespace {

const fs::path k_ipis = fs::path(MWANGAZA_SHARED_DATA_DIR) / "ipis";

} // namespace

TEST_CASE("IPIS mine sites open through the allowed drivers", "[geo]")
{
    auto ds = geo::open_vector(k_ipis / "mine_sites.geojson");
    REQUIRE(ds->GetLayerCount() == 1);
    CHECK(std::string(ds->GetDriver()->GetDescription()) == "GeoJSON");
    CHECK(ds->GetLayer(0)->GetFeatureCount() == 2058);
}

TEST_CASE("files outside the allowed drivers, too large or broken are refused with their name", "[geo]")
{
    geo::OpenLimits csv_only;
    csv_only.allowed_drivers = {"CSV"};
    CHECK_THROWS_AS(geo::open_vector(k_ipis / "mine_sites.geojson", csv_only), GeoError);
    CHECK_THROWS_WITH(geo::open_vector(k_ipis / "mine_sites.geojson", csv_only), Catch::Contains("mine_sites.geojson"));

    geo::OpenLimits tiny;
    tiny.max_file_bytes = 1000;
    CHECK_THROWS_WITH(geo::open_vector(k_ipis / "mine_sites.geojson", tiny), Catch::Contains("limit"));

    const auto broken = fs::temp_directory_path() / ("mwangaza-broken-" + std::to_string(::getpid()) + ".geojson");
    std::ofstream(broken) << "{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": ";
    CHECK_THROWS_AS(geo::open_vector(broken), GeoError);
    fs::remove(broken);
    CHECK_THROWS_WITH(geo::open_vector("/nonexistent/sites.gpkg"), Catch::Contains("no such file"));
}

TEST_CASE("country borders answer which country holds a point", "[geo]")
{
    auto countries = geo::RegionIndex::load(k_ipis / "country_borders.geojson", "NOM");
    CHECK(countries.size() == 9);
    CHECK(countries.region_at(25.47, -10.71) == "République Democratique du Congo"); // Kolwezi
    CHECK(countries.region_at(28.86, -2.51) == "République Democratique du Congo");  // Bukavu
    CHECK(countries.region_at(30.06, -1.95) == "Rwanda");                            // Kigali
    CHECK_FALSE(countries.region_at(10.0, -20.0));                                   // Atlantic
    CHECK_THROWS_WITH(geo::RegionIndex::load(k_ipis / "country_borders.geojson", "name_fr"),
                      Catch::Contains("name_fr"));
}
