#include "app/DemoProgramme.hpp"
#include "geo/RegionIndex.hpp"
#include "store/Browse.hpp"
#include "store/Database.hpp"

#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace mwangaza;
namespace fs = std::filesystem;

TEST_CASE("every demo site lies inside its country on the IPIS borders", "[geo][demo]")
{
    test::TempFolder dir("mwangaza-demo-geo");
    app::SilentProgress progress;
    app::create_demo(dir / "demo.mwz", {}, progress);
    auto db = store::Database::open(dir / "demo.mwz");
    const auto sites = store::list_sites(db.sql());
    REQUIRE(sites.size() == 48);

    auto countries = geo::RegionIndex::load(fs::path(MWANGAZA_SHARED_DATA_DIR) / "ipis" / "country_borders.geojson",
                                            "NOM");
    for (const auto& s : sites) {
        INFO(s.code << " " << s.name << " (" << s.province << ")");
        REQUIRE(s.lat);
        REQUIRE(s.lon);
        const auto country = countries.region_at(*s.lon, *s.lat);
        REQUIRE(country);
        CHECK(*country == (s.country == "RW" ? "Rwanda" : "République Democratique du Congo"));
    }
}
