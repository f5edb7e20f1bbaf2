// Readers added without rebuilding the program: the real mwangaza-cli finds a plugin the
// tests built through MWANGAZA_PLUGIN_PATH and imports a file only that plugin reads;
// refused plugins leave warnings and the import goes on; a broken plugin's file is
// rejected with nothing written.
#include "CliRunner.hpp"
#include "intake/Fixtures.hpp"
#include "cli/Json.hpp"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

using namespace mwangaza;
using test::JsonReader;
using test::TempFolder;
namespace fs = std::filesystem;

namespace {

const fs::path k_tests = MWANGAZA_TEST_PLUGIN_DIR;

test::CliResult cli(const TempFolder& dir, const std::vector<std::string>& args, const std::string& plugin_path)
{
    std::vector<std::string> env;
    if (!plugin_path.empty())
        env.push_back("MWANGAZA_PLUGIN_PATH=" + plugin_path);
    return test::run_cli(dir, args, env);
}

std::string query(const fs::path& db, const std::string& sql)
{
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement s(d, sql);
    std::string out;
    while (s.executeStep())
        out += (out.empty() ? "" : "|") + s.getColumn(0).getString();
    return out;
}

// What the gateway writes: one SMS per row, its own column names and theme codes.
void write_sms_csv(const fs::path& path)
{
    test::write_text(path, "msg_id,received_at,sender,day,site,theme,text,gps\n"
                           "SMS-0001,2021-07-15T06:02:11,+243970000001,2021-07-14,CD-KOL-01,TE,"
                           "Watoto wanne kwenye shimo,-10.7125 25.4301\n"
                           "SMS-0002,2021-07-15T06:05:40,+243970000002,2021-07-15,CD-KOL-01,SEC,"
                           "Barrière illégale sur la route du site,\n"
                           "SMS-0003,2021-07-16T17:44:02,+250780000003,2021-07-16,RW-NGO-01,SST,"
                           "Galerie effondrée,-1.86 29.62\n");
}

} // namespace

TEST_CASE("a reader plugin built apart imports its format, found through MWANGAZA_PLUGIN_PATH", "[plugins][cli]")
{
    TempFolder dir("mwangaza-plugin-import");
    { auto db = test::programme_database(dir / "p.mwz"); }
    write_sms_csv(dir / "sms.csv");

    // Without the plugin the file is not understood: no column for the submission id.
    const auto without = cli(dir, {"import", "p.mwz", "sms.csv", "--json"}, "");
    CHECK(without.status == 2);
    CHECK(query(dir / "p.mwz", "SELECT count(*) FROM incident") == "0");

    const auto listed = cli(dir, {"plugins", "list", "--json"}, (k_tests / "sms").string());
    REQUIRE(listed.status == 0);
    const auto plugins = JsonReader::parse(listed.out);
    REQUIRE(plugins.items.size() == 3);
    CHECK(plugins.items[0]["name"].text == "kobo");
    CHECK(plugins.items[1]["name"].text == "odk");
    CHECK(plugins.items[2]["name"].text == "sms_gateway");
    CHECK(plugins.items[2]["label"].text == "SMS gateway");
    CHECK(plugins.items[2]["abi"].integer() == 1);
    CHECK(plugins.items[2]["file"].text == (k_tests / "sms" / "sms_gateway.so").string());

    const auto r = cli(dir, {"import", "p.mwz", "sms.csv", "--json"}, (k_tests / "sms").string());
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto j = JsonReader::parse(r.out);
    CHECK(j["profile"].text == "sms_gateway");
    CHECK(j["imported"].integer() == 3);
    CHECK(j["skipped"].integer() == 0);
    CHECK(query(dir / "p.mwz", "SELECT source_id || ':' || risk_area || ':' || reporter FROM incident ORDER BY source_id") ==
          "SMS-0001:child_labour:+243970000001|SMS-0002:general_security:+243970000002|"
          "SMS-0003:ohs:+250780000003");
    CHECK(query(dir / "p.mwz", "SELECT lat FROM incident WHERE source_id = 'SMS-0001'") == "-10.7125");

    // Named explicitly, and again: nothing changes.
    const auto again = cli(dir, {"import", "p.mwz", "sms.csv", "--profile", "sms_gateway", "--json"},
                           (k_tests / "sms").string());
    REQUIRE(again.status == 0);
    CHECK(JsonReader::parse(again.out)["unchanged"].integer() == 3);

    // French label in a French run.
    const auto fr = cli(dir, {"--lang", "fr", "plugins", "list"}, (k_tests / "sms").string());
    CHECK_THAT(fr.out, Catch::Contains("Passerelle SMS") && Catch::Contains("Export KoboToolbox"));
}

TEST_CASE("refused plugin files are named on stderr and the import goes on with the other readers", "[plugins][cli]")
{
    TempFolder dir("mwangaza-plugin-refused");
    { auto db = test::programme_database(dir / "p.mwz"); }
    test::Submission s;
    s.uuid = "refused-1";
    test::write_kobo_csv(dir / "kobo.csv", {s});

    const auto r = cli(dir, {"import", "p.mwz", "kobo.csv", "--json"}, (k_tests / "refused").string());
    REQUIRE(r.status == 0);
    CHECK(JsonReader::parse(r.out)["profile"].text == "kobo");
    CHECK(JsonReader::parse(r.out)["imported"].integer() == 1);
    CHECK_THAT(r.err, Catch::Contains("future_abi.so") && Catch::Contains("ABI version 2") &&
                          Catch::Contains("not_a_plugin.so") && Catch::Contains("kobo_again.so"));
    // The JSON carries them too, as warnings about the file as a whole (row 0).
    std::string refused;
    const auto summary = JsonReader::parse(r.out);
    for (const auto& d : summary["diagnostics"].items)
        if (d["row"].integer() == 0 && d["severity"].text == "warning")
            refused += d["message"].text + "\n";
    CHECK_THAT(refused, Catch::Contains("future_abi.so") && Catch::Contains("not_a_plugin.so") &&
                            Catch::Contains("kobo_again.so"));

    const auto listed = cli(dir, {"plugins", "list"}, (k_tests / "refused").string());
    CHECK(listed.status == 0);
    CHECK_THAT(listed.out, Catch::Contains("kobo") && Catch::Contains("odk"));
    CHECK_THAT(listed.err, Catch::Contains("future_abi.so"));

    const auto fr = test::run_cli(dir, {"--lang", "fr", "plugins", "list"},
                                  {"MWANGAZA_PLUGIN_PATH=" + (k_tests / "refused").string()});
    CHECK_THAT(fr.err, Catch::Contains("future_abi.so") && Catch::Contains("version 2 de l'ABI"));
}

TEST_CASE("a file claimed by a plugin whose bind fails is rejected, nothing written, no crash", "[plugins][cli]")
{
    TempFolder dir("mwangaza-plugin-broken");
    { auto db = test::programme_database(dir / "p.mwz"); }
    for (const std::string trouble : {"throw_in_bind", "garbage_index", "null_key"}) {
        test::write_text(dir / "broken.csv", "broken_marker," + trouble + ",_uuid,risk_area,observed_on,site_code\n"
                                             "x,y,u-1,child_labour,2021-07-14,CD-KOL-01\n");
        const auto r = cli(dir, {"import", "p.mwz", "broken.csv", "--json"}, (k_tests / "broken").string());
        INFO(trouble << ": " << r.err);
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("broken.so"));
        const auto j = JsonReader::parse(r.out);
        REQUIRE(j["diagnostics"].items.size() == 1);
        CHECK_THAT(j["diagnostics"].items[0]["message"].text, Catch::Contains("'broken'"));
        CHECK(query(dir / "p.mwz", "SELECT count(*) FROM incident") == "0");
    }
    // The same plugin does not disturb files it does not claim.
    test::Submission s;
    s.uuid = "ok-1";
    test::write_kobo_csv(dir / "kobo.csv", {s});
    const auto ok = cli(dir, {"import", "p.mwz", "kobo.csv", "--json"}, (k_tests / "broken").string());
    CHECK(ok.status == 0);
    CHECK(query(dir / "p.mwz", "SELECT count(*) FROM incident") == "1");
}
