// The plugin loader on real shared libraries built by the tests: refusals name the file
// and the versions, and a plugin that fails or answers garbage becomes an error naming it.
#include "app/ImportProfile.hpp"
#include "plugin/PluginLoader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace mwangaza;
namespace fs = std::filesystem;

namespace {

const fs::path k_tests = MWANGAZA_TEST_PLUGIN_DIR;
const fs::path k_shipped = MWANGAZA_SHIPPED_PLUGIN_DIR;

std::vector<std::string> names(const plugin::PluginSet& set)
{
    std::vector<std::string> out;
    for (const auto& p : set.plugins)
        out.push_back(p->name());
    return out;
}

const plugin::Plugin& only(const plugin::PluginSet& set, const std::string& name)
{
    const auto it = std::find_if(set.plugins.begin(), set.plugins.end(), [&](const auto& p) { return p->name() == name; });
    REQUIRE(it != set.plugins.end());
    return **it;
}

std::string bind_error(const plugin::Plugin& p, const std::vector<std::string>& columns)
{
    try {
        p.bind(columns);
    } catch (const plugin::PluginError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("the shipped Kobo and ODK readers load from the build tree's plugin folder", "[plugins]")
{
    const auto set = plugin::load_plugins({k_shipped}, {"auto", "generic"});
    CHECK(set.warnings.empty());
    CHECK(names(set) == std::vector<std::string>{"kobo", "odk"});
    const auto& kobo = only(set, "kobo");
    CHECK(kobo.abi_version() == 1);
    CHECK(kobo.file() == k_shipped / "kobo.so");
    CHECK(kobo.label("en") == "KoboToolbox export");
    CHECK(kobo.label("fr") == "Export KoboToolbox");
    // The folder the programs find from their own location is that one.
    const auto folders = plugin::plugin_folders();
    REQUIRE_FALSE(folders.empty());
    CHECK(fs::equivalent(folders.front(), k_shipped));
}

TEST_CASE("another ABI version, a library without the entry point and a taken name are refused by file",
          "[plugins]")
{
    const auto set = plugin::load_plugins({k_shipped, k_tests / "refused"}, {"auto", "generic"});
    CHECK(names(set) == std::vector<std::string>{"kobo", "odk"});
    CHECK(only(set, "kobo").version() == "1.0.0"); // the shipped one, not the clash
    REQUIRE(set.warnings.size() == 3);
    auto warning = [&](const std::string& file) {
        const auto it = std::find_if(set.warnings.begin(), set.warnings.end(),
                                     [&](const auto& w) { return w.find(file) != std::string::npos; });
        REQUIRE(it != set.warnings.end());
        return *it;
    };
    const auto future = warning("future_abi.so");
    CHECK_THAT(future, Catch::Contains("ABI version 2") && Catch::Contains("ABI version 1"));
    CHECK_THAT(warning("not_a_plugin.so"), Catch::Contains("mwangaza_plugin_entry"));
    CHECK_THAT(warning("kobo_again.so"), Catch::Contains("'kobo'") && Catch::Contains((k_shipped / "kobo.so").string()));
}

TEST_CASE("a built-in reader's name cannot be taken by a plugin", "[plugins]")
{
    const auto set = plugin::load_plugins({k_shipped}, {"auto", "generic", "odk"});
    CHECK(names(set) == std::vector<std::string>{"kobo"});
    REQUIRE(set.warnings.size() == 1);
    CHECK_THAT(set.warnings[0], Catch::Contains("odk.so") && Catch::Contains("built-in"));
}

TEST_CASE("a plugin whose bind fails or answers garbage is an error naming it, never a crash", "[plugins]")
{
    const auto set = plugin::load_plugins({k_tests / "broken"}, {"auto", "generic"});
    REQUIRE(set.warnings.empty());
    const auto& broken = only(set, "broken");
    CHECK(broken.label("fr") == "broken"); // no label given: the name

    const auto thrown = bind_error(broken, {"broken_marker", "throw_in_bind"});
    CHECK_THAT(thrown, Catch::Contains("broken.so") && Catch::Contains("the form definition could not be parsed"));
    CHECK_THAT(bind_error(broken, {"broken_marker", "garbage_index"}),
               Catch::Contains("column 999") && Catch::Contains("2 columns"));
    CHECK_THAT(bind_error(broken, {"broken_marker", "garbage_key"}), Catch::Contains("'risk_level'"));
    CHECK_THAT(bind_error(broken, {"broken_marker", "null_key"}), Catch::Contains("null field key"));
    CHECK_THAT(bind_error(broken, {"broken_marker", "null_value"}), Catch::Contains("null value"));
    CHECK_THROWS_WITH(broken.score({"broken_marker", "bad_score"}), Catch::Contains("250"));
    CHECK(broken.score({"broken_marker"}) == 100);
    CHECK(broken.bind({"broken_marker"}).columns.empty());
}

TEST_CASE("a third-party plugin binds its own columns and maps its own codes", "[plugins]")
{
    const auto set = plugin::load_plugins({k_tests / "sms"}, {"auto", "generic"});
    const auto& sms = only(set, "sms_gateway");
    CHECK(sms.label("fr") == "Passerelle SMS");
    const std::vector<std::string> columns{"msg_id", "received_at", "sender", "day", "site", "theme", "text", "gps"};
    CHECK(sms.score(columns) == 90);
    CHECK(sms.score({"_uuid", "_submission_time"}) == 0);
    const auto b = sms.bind(columns);
    CHECK(b.columns.size() == 8);
    CHECK(std::find(b.columns.begin(), b.columns.end(), std::pair<std::size_t, std::string>{5, "risk_area"}) !=
          b.columns.end());
    CHECK(std::find(b.values.begin(), b.values.end(),
                    std::tuple<std::string, std::string, std::string>{"risk_area", "TE", "child_labour"}) !=
          b.values.end());
}

TEST_CASE("the plugin field keys are the import's field keys", "[plugins]")
{
    const auto& keys = plugin::plugin_field_keys();
    CHECK(keys.size() == app::k_import_field_count);
    for (std::size_t i = 0; i < app::k_import_field_count; ++i)
        CHECK(keys[i] == app::field_key(app::ImportField(i)));
}
