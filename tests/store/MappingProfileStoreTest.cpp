#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/MappingProfileStore.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace mwangaza;
using store::Database;

TEST_CASE("Mapping profiles are saved by name, replaced, listed, read back and deleted", "[store][mapping]")
{
    test::TempFolder dir{"mwangaza-mapping-store"};
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    CHECK(store::list_mapping_profiles(db).empty());
    CHECK_FALSE(store::find_mapping_profile(db, "NGO Lualaba"));

    store::save_mapping_profile(
        db, "NGO Lualaba",
        R"({"name": "NGO Lualaba", "columns": {"source_id": "No", "risk_area": "Theme"}, "values": {"risk_area": {"TE": "child_labour", "PFTE": "wfcl"}}})");
    store::save_mapping_profile(db, "agents rwanda", R"({"columns": {"site_code": "Mine"}})");

    const auto all = store::list_mapping_profiles(db);
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "agents rwanda"); // by name, case ignored
    CHECK(all[1].name == "NGO Lualaba");

    auto saved = store::find_mapping_profile(db, "NGO Lualaba");
    REQUIRE(saved);
    const auto created = saved->created_at;
    const auto entries = store::mapping_profile_entries(db, saved->definition);
    using Entry = std::pair<std::string, std::string>;
    CHECK(entries == std::vector<Entry>{{"name", "NGO Lualaba"},
                                        {"columns/source_id", "No"},
                                        {"columns/risk_area", "Theme"},
                                        {"values/risk_area/TE", "child_labour"},
                                        {"values/risk_area/PFTE", "wfcl"}});

    // Saving under the same name replaces the definition and keeps the creation time.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    store::save_mapping_profile(db, "NGO Lualaba", R"({"columns": {"source_id": "Numero"}})");
    saved = store::find_mapping_profile(db, "NGO Lualaba");
    REQUIRE(saved);
    CHECK(saved->created_at == created);
    CHECK(saved->updated_at > created);
    CHECK(store::mapping_profile_entries(db, saved->definition) == std::vector<Entry>{{"columns/source_id", "Numero"}});
    CHECK(store::list_mapping_profiles(db).size() == 2);

    CHECK(store::delete_mapping_profile(db, "NGO Lualaba"));
    CHECK_FALSE(store::delete_mapping_profile(db, "NGO Lualaba"));
    CHECK_FALSE(store::find_mapping_profile(db, "NGO Lualaba"));
    REQUIRE(store::list_mapping_profiles(db).size() == 1);
}

TEST_CASE("A mapping profile flattened by an import reads back as the same key paths", "[store][mapping]")
{
    test::TempFolder dir{"mwangaza-mapping-store"};
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    store::save_mapping_profile(db, "flat", R"({"name":"flat","columns/risk_area":"Theme","values/risk_area/TE":"child_labour"})");
    const auto saved = store::find_mapping_profile(db, "flat");
    REQUIRE(saved);
    using Entry = std::pair<std::string, std::string>;
    CHECK(store::mapping_profile_entries(db, saved->definition) ==
          std::vector<Entry>{{"name", "flat"}, {"columns/risk_area", "Theme"}, {"values/risk_area/TE", "child_labour"}});
}

TEST_CASE("A mapping profile without a name or with a definition that is not a JSON object is refused",
          "[store][mapping]")
{
    test::TempFolder dir{"mwangaza-mapping-store"};
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    CHECK_THROWS_AS(store::save_mapping_profile(db, "  ", "{}"), InvalidInput);
    CHECK_THROWS_AS(store::save_mapping_profile(db, "x", "{\"columns\": "), InvalidInput);
    CHECK_THROWS_AS(store::save_mapping_profile(db, "x", "[1, 2]"), InvalidInput);
    CHECK_THROWS_AS(store::mapping_profile_entries(db, "not json"), InvalidInput);
    CHECK(store::list_mapping_profiles(db).empty());
}
