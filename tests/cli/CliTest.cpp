// Runs the real build/bin/mwangaza-cli as a separate process and reads what it prints.
#include "Json.hpp"
#include "CliRunner.hpp"
#include "TempFolder.hpp"

#include "core/I18n.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

using mwangaza::test::Json;
using mwangaza::test::JsonReader;
using mwangaza::test::TempFolder;
namespace fs = std::filesystem;

namespace {

using Result = mwangaza::test::CliResult;

// The language comes from `language` (the LANGUAGE variable; empty means a neutral C
// locale), unless the arguments say otherwise.
Result run(const TempFolder& dir, const std::vector<std::string>& args, const std::string& language = "")
{
    return mwangaza::test::run_cli(dir, args, mwangaza::test::language_env(language));
}

// A folder holding the demo programme, created through the CLI.
struct DemoFolder {
    TempFolder dir{"mwangaza-cli"};
    DemoFolder()
    {
        const auto r = run(dir, {"demo", "create", "demo.mwz"});
        INFO(r.err);
        REQUIRE(r.status == 0);
        REQUIRE(r.err.empty()); // no progress when stderr is not a terminal
    }
};

Json kpi_json(const TempFolder& dir, const std::vector<std::string>& filters = {})
{
    std::vector<std::string> args{"kpi", "demo.mwz", "--json"};
    args.insert(args.end(), filters.begin(), filters.end());
    const Result r = run(dir, args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    REQUIRE(r.err.empty());
    return JsonReader::parse(r.out);
}

} // namespace

TEST_CASE("demo create then kpi --json gives every published figure", "[cli]")
{
    DemoFolder demo;
    const Json k = kpi_json(demo.dir);
    CHECK(k["sites_total"].integer() == 48);
    CHECK(k["sites_active"].integer() == 32);
    CHECK(k["incidents_verified"].integer() == 2048);
    CHECK(k["risk_areas_covered"].integer() == 26);
    CHECK(k["child_labour_incidents"].integer() == 240);
    CHECK(k["wfcl_incidents"].integer() >= 100); // about half
    CHECK(k["wfcl_incidents"].integer() <= 140);
    CHECK(k["actions_issued"].integer() == 1098);
    CHECK(k["actions_progressing"].integer() == 888);
    CHECK(k["implementation_rate"].type == Json::Type::Number);
    CHECK(k["implementation_rate"].text == "0.8087");
    CHECK(k["child_labour_actions_issued"].integer() == 122);
    CHECK(k["child_labour_actions_progressing"].integer() == 97);
    CHECK(k["workshops"].integer() == 140);
    CHECK(k["incidents_awaiting_triage"].integer() > 0);
    std::int64_t by_category = 0;
    for (const auto& [code, n] : k["verified_by_category"].members)
        by_category += n.integer();
    CHECK(k["verified_by_category"].members.size() == 7);
    CHECK(by_category == 2048);
    CHECK(k["verified_by_area"].members.size() == 26);
    CHECK(k["programme"]["period_start"].text == "2021-04-01");
    CHECK(k["programme"]["period_end"].text == "2022-03-31");
}

TEST_CASE("kpi filters restrict every figure", "[cli]")
{
    DemoFolder demo;
    // The Lualaba cobalt site, quarter by quarter.
    const Json q3 = kpi_json(demo.dir, {"--site", "CD-KOL-01", "--from", "2021-07-01", "--to", "2021-09-30"});
    CHECK(q3["sites_total"].integer() == 1);
    CHECK(q3["child_labour_incidents"].integer() == 33);
    const Json q4 = kpi_json(demo.dir, {"--site", "CD-KOL-01", "--from", "2021-10-01", "--to", "2021-12-31"});
    CHECK(q4["child_labour_incidents"].integer() == 7);
    CHECK(q4["filter"]["site"].text == "CD-KOL-01");

    const Json rw = kpi_json(demo.dir, {"--country", "RW"});
    CHECK(rw["sites_total"].integer() == 25);
    CHECK(rw["child_labour_incidents"].integer() == 4);
    CHECK(rw["wfcl_incidents"].integer() == 3);

    const Json child = kpi_json(demo.dir, {"--area", "child_labour,wfcl"});
    CHECK(child["incidents_verified"].integer() == 240);
    CHECK(child["child_labour_incidents"].integer() == 240);
    CHECK(child["actions_issued"].integer() == 122);
    CHECK(child["actions_progressing"].integer() == 97);
    CHECK(child["child_labour_actions_issued"].integer() == 122);
    CHECK(child["risk_areas_covered"].integer() == 2);

    const Json lualaba = kpi_json(demo.dir, {"--province", "Lualaba"});
    CHECK(lualaba["sites_total"].integer() == 7);
    CHECK(lualaba["sites_active"].integer() == 7);
    CHECK(lualaba["incidents_verified"].integer() > 0);
    CHECK(lualaba["incidents_verified"].integer() < 2048);

    // Provinces partition the programme: their figures add up to the whole.
    const auto sites = run(demo.dir, {"sites", "list", "demo.mwz", "--json"});
    REQUIRE(sites.status == 0);
    std::set<std::string> provinces;
    for (const auto& s : JsonReader::parse(sites.out).items)
        provinces.insert(s["province"].text);
    CHECK(provinces.size() == 10);
    std::int64_t incidents = 0, actions = 0, workshops = 0;
    for (const auto& p : provinces) {
        const Json k = kpi_json(demo.dir, {"--province", p});
        incidents += k["incidents_verified"].integer();
        actions += k["actions_issued"].integer();
        workshops += k["workshops"].integer();
    }
    CHECK(incidents == 2048);
    CHECK(actions == 1098);
    CHECK(workshops == 140);
}

TEST_CASE("kpi prints a readable table", "[cli]")
{
    DemoFolder demo;
    const auto r = run(demo.dir, {"--lang", "en", "kpi", "demo.mwz", "--site", "CD-KOL-01", "--area", "wfcl"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Implementation rate") != std::string::npos);
    CHECK(r.out.find("Filters: site CD-KOL-01; risk areas Worst forms of child labour") != std::string::npos);
    CHECK(r.out.find("Worst forms of child labour ") != std::string::npos);
    const auto all = run(demo.dir, {"--lang", "en", "kpi", "demo.mwz"});
    CHECK(all.out.find("2,048") != std::string::npos);
    CHECK(all.out.find("80.9%") != std::string::npos);
    CHECK(all.out.find("Human rights") != std::string::npos);
}

TEST_CASE("sites list prints every site as text or JSON", "[cli]")
{
    DemoFolder demo;
    const auto r = run(demo.dir, {"sites", "list", "demo.mwz", "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const Json sites = JsonReader::parse(r.out);
    REQUIRE(sites.type == Json::Type::Array);
    CHECK(sites.items.size() == 48);
    int active = 0;
    bool kasulo = false;
    for (const auto& s : sites.items) {
        for (const char* key : {"code", "name", "country", "province", "minerals", "active", "lat", "lon"})
            CHECK(s.has(key));
        active += s["active"].boolean ? 1 : 0;
        if (s["code"].text == "CD-KOL-01") {
            kasulo = true;
            CHECK(s["province"].text == "Lualaba");
            CHECK(s["minerals"].items.size() == 2);
            CHECK(s["lat"].number == Approx(-10.712));
            CHECK(s["lon"].number == Approx(25.476));
        }
    }
    CHECK(active == 32);
    CHECK(kasulo);

    const auto text = run(demo.dir, {"--lang", "en", "sites", "list", "demo.mwz"});
    REQUIRE(text.status == 0);
    CHECK(std::count(text.out.begin(), text.out.end(), '\n') == 49); // header and 48 sites
    CHECK(text.out.find("Kasulo") != std::string::npos);
    CHECK(text.out.find("Haut-Katanga") != std::string::npos);
}

TEST_CASE("init creates an empty programme database and refuses an existing file", "[cli]")
{
    TempFolder dir("mwangaza-cli");
    const auto r = run(dir, {"init", "empty.mwz"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(fs::exists(dir / "empty.mwz"));
    const auto k = run(dir, {"kpi", "empty.mwz", "--json"});
    REQUIRE(k.status == 0);
    const Json figures = JsonReader::parse(k.out);
    CHECK(figures["sites_total"].integer() == 0);
    CHECK(figures["incidents_verified"].integer() == 0);
    CHECK(figures["implementation_rate"].number == 0.0);
    const auto sites = run(dir, {"sites", "list", "empty.mwz", "--json"});
    CHECK(JsonReader::parse(sites.out).items.empty());

    const auto size = fs::file_size(dir / "empty.mwz");
    const auto again = run(dir, {"init", "empty.mwz"});
    CHECK(again.status != 0);
    CHECK(again.err.find("empty.mwz") != std::string::npos);
    CHECK(fs::file_size(dir / "empty.mwz") == size);
}

TEST_CASE("demo create refuses an existing file unless --force", "[cli]")
{
    DemoFolder demo;
    const auto refused = run(demo.dir, {"demo", "create", "demo.mwz", "--scale", "2"});
    CHECK(refused.status != 0);
    CHECK(refused.err.find("--force") != std::string::npos);
    CHECK(kpi_json(demo.dir)["sites_total"].integer() == 48);

    const auto forced = run(demo.dir, {"demo", "create", "demo.mwz", "--scale", "2", "--force"});
    INFO(forced.err);
    REQUIRE(forced.status == 0);
    CHECK(forced.out.find("demo.mwz") != std::string::npos);
    const Json k = kpi_json(demo.dir);
    CHECK(k["sites_total"].integer() == 96);
    CHECK(k["incidents_verified"].integer() == 4096);
    CHECK(demo.dir.entries().size() == 1); // no temporary file left beside it
}

TEST_CASE("Bad arguments give a non-zero exit and a message on stderr", "[cli]")
{
    DemoFolder demo;
    {
        std::ofstream(demo.dir / "notes.txt") << "not a database\n";
    }
    struct Case {
        std::vector<std::string> args;
        std::string message; // a fragment the message must contain
    };
    const std::vector<Case> cases{
        {{}, "missing command"},
        {{"frobnicate"}, "frobnicate"},
        {{"--frobnicate"}, "--frobnicate"},
        {{"kpi"}, "DB"},
        {{"kpi", "demo.mwz", "extra"}, "extra"},
        {{"kpi", "demo.mwz", "--frob"}, "--frob"},
        {{"kpi", "demo.mwz", "--from"}, "--from"},
        {{"kpi", "demo.mwz", "--from", "2021-02-30"}, "2021-02-30"},
        {{"kpi", "demo.mwz", "--to", "31/03/2022"}, "31/03/2022"},
        {{"kpi", "demo.mwz", "--from", "2022-01-01", "--to", "2021-01-01"}, "--from"},
        {{"kpi", "demo.mwz", "--area", "child_labor"}, "child_labor"},
        {{"kpi", "demo.mwz", "--area", "wfcl,,ohs"}, "--area"},
        {{"kpi", "demo.mwz", "--site", "XX-NOPE-99"}, "XX-NOPE-99"},
        {{"kpi", "demo.mwz", "--province", "Atlantis"}, "Atlantis"},
        {{"kpi", "demo.mwz", "--country", "FR"}, "FR"},
        {{"kpi", "demo.mwz", "--json", "--json"}, "--json"},
        {{"kpi", "missing.mwz"}, "missing.mwz"},
        {{"kpi", "notes.txt"}, "notes.txt"},
        {{"sites"}, "list"},
        {{"sites", "show", "demo.mwz"}, "show"},
        {{"sites", "list"}, "DB"},
        {{"sites", "list", "missing.mwz"}, "missing.mwz"},
        {{"demo"}, "create"},
        {{"demo", "destroy", "x.mwz"}, "destroy"},
        {{"demo", "create"}, "DB"},
        {{"demo", "create", "x.mwz", "--scale", "0"}, "--scale"},
        {{"demo", "create", "x.mwz", "--scale", "1001"}, "1001"},
        {{"demo", "create", "x.mwz", "--scale", "two"}, "two"},
        {{"demo", "create", "no-such-folder/x.mwz"}, "no-such-folder"},
        {{"init"}, "DB"},
        {{"init", "demo.mwz"}, "demo.mwz"},
        {{"--lang", "de", "kpi", "demo.mwz"}, "de"},
        {{"kpi", "demo.mwz", "--lang"}, "--lang"},
    };
    for (const auto& c : cases) {
        std::string line;
        for (const auto& a : c.args)
            line += a + " ";
        INFO("mwangaza-cli " << line);
        const Result r = run(demo.dir, c.args);
        INFO("stderr: " << r.err);
        CHECK(r.status != 0);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("mwangaza-cli: ", 0) == 0);
        CHECK(r.err.find(c.message) != std::string::npos);
    }
    // Nothing was created by the failed calls.
    auto entries = demo.dir.entries();
    std::sort(entries.begin(), entries.end());
    CHECK(entries == std::vector<std::string>{"demo.mwz", "notes.txt"});
}

TEST_CASE("Every command has --help, and the program a version", "[cli]")
{
    TempFolder dir("mwangaza-cli");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"-h"}, {"help"}, {"init", "--help"}, {"demo", "--help"}, {"demo", "create", "--help"},
             {"kpi", "--help"}, {"kpi", "-h"}, {"sites", "--help"}, {"sites", "list", "--help"}, {"help", "kpi"},
             {"incidents", "--help"}, {"risks", "--help"}, {"matrix", "-h"}, {"actions", "--help"},
             {"stakeholders", "--help"}, {"workshop", "--help"}}) {
        std::vector<std::string> with_lang{"--lang", "en"};
        with_lang.insert(with_lang.end(), args.begin(), args.end());
        const Result r = run(dir, with_lang);
        INFO(args[0] << " " << (args.size() > 1 ? args[1] : ""));
        CHECK(r.status == 0);
        CHECK(r.out.rfind("Usage: mwangaza-cli", 0) == 0);
        CHECK(r.err.empty());
    }
    const auto kpi = run(dir, {"--lang", "en", "kpi", "--help"});
    for (const char* option : {"--site", "--province", "--country", "--area", "--from", "--to", "--json"})
        CHECK(kpi.out.find(option) != std::string::npos);
    const auto top = run(dir, {"--lang", "en", "--help"});
    for (const char* command : {"init", "demo create", "kpi", "sites list", "--lang", "--version"})
        CHECK(top.out.find(command) != std::string::npos);

    // A command with subcommands names them when one is missing or unknown (exit 1).
    const auto missing = run(dir, {"--lang", "en", "stakeholders"});
    CHECK(missing.status == 1);
    CHECK(missing.err.find("missing the subcommand (list, add, edit, show)") != std::string::npos);
    const auto unknown = run(dir, {"--lang", "en", "workshop", "issue"});
    CHECK(unknown.status == 1);
    CHECK(unknown.err.find("unknown subcommand 'issue' (expected: plan, list, record, pack)") != std::string::npos);
    const auto risks = run(dir, {"--lang", "en", "risks", "--help"});
    for (const char* sub : {"risks list", "risks overview", "risks show", "risks assess", "risks decide", "risks review"})
        CHECK(risks.out.find(sub) != std::string::npos);

    const auto version = run(dir, {"--version"});
    CHECK(version.status == 0);
    CHECK(version.out.rfind("mwangaza-cli ", 0) == 0);
    CHECK(version.out.find('.') != std::string::npos);
}

TEST_CASE("French output with --lang fr or a French environment", "[cli][i18n]")
{
    // The translations the French catalog gives, read from the built catalog itself.
    const fs::path mo = fs::path(MWANGAZA_BINARY_DIR) / "share" / "locale" / "fr" / "LC_MESSAGES" / "mwangaza.mo";
    REQUIRE(fs::exists(mo));
    const auto catalog = mwangaza::core::MoCatalog::load(mo);
    const std::string* verified = catalog.find("Verified incidents");
    const std::string* human_rights = catalog.find("Human rights");
    REQUIRE(verified != nullptr);
    REQUIRE(human_rights != nullptr);

    DemoFolder demo;
    const auto fr = run(demo.dir, {"--lang", "fr", "kpi", "demo.mwz", "--area", "child_labour,wfcl"});
    INFO(fr.err);
    REQUIRE(fr.status == 0);
    CHECK(fr.out.find(*verified) != std::string::npos);
    CHECK(fr.out.find(*human_rights) != std::string::npos);
    CHECK(fr.out.find("Travail des enfants") != std::string::npos); // the form's own label (domain.md)
    CHECK(fr.out.find("Verified incidents") == std::string::npos);
    CHECK(fr.out.find("Child labour") == std::string::npos);
    CHECK(fr.out.find("240") != std::string::npos);

    const auto env = run(demo.dir, {"kpi", "demo.mwz"}, "fr_FR:fr");
    REQUIRE(env.status == 0);
    CHECK(env.out.find(*verified) != std::string::npos);
    CHECK(env.out.find("2\u202F048") != std::string::npos);

    const auto en = run(demo.dir, {"--lang", "en", "kpi", "demo.mwz"}, "fr_FR:fr");
    REQUIRE(en.status == 0);
    CHECK(en.out.find("Verified incidents") != std::string::npos);

    // JSON keys do not depend on the language.
    const auto json = run(demo.dir, {"--lang", "fr", "kpi", "demo.mwz", "--json"});
    CHECK(JsonReader::parse(json.out)["incidents_verified"].integer() == 2048);
}
