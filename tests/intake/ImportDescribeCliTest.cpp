// The parts of `mwangaza-cli import` that the workbench drives, through the real program:
// --describe (columns, first rows, recognisers' scores, binding), --mapping-name (a
// profile saved in the database) and --progress-json (progress lines on stderr).
#include "CliRunner.hpp"
#include "Fixtures.hpp"
#include "cli/Json.hpp"
#include "store/MappingProfileStore.hpp"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include <sstream>

using namespace mwangaza;
using test::Json;
using test::JsonReader;
using test::Submission;
using test::TempFolder;
namespace fs = std::filesystem;

namespace {

test::CliResult cli(const TempFolder& dir, const std::vector<std::string>& args)
{
    return test::run_cli(dir, args);
}

std::int64_t count(const fs::path& db, const std::string& sql)
{
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement s(d, sql);
    s.executeStep();
    return s.getColumn(0).getInt64();
}

const Json& field(const Json& description, const std::string& key)
{
    for (const auto& f : description["fields"].items)
        if (f["key"].text == key)
            return f;
    FAIL("no field " << key);
    throw std::logic_error("unreachable");
}

std::vector<Submission> submissions(int n)
{
    std::vector<Submission> subs(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        subs[std::size_t(i)].uuid = "d-" + std::to_string(i);
    return subs;
}

} // namespace

TEST_CASE("import --describe --json: columns, rows, first rows, scores and binding, nothing written",
          "[intake][cli][describe]")
{
    TempFolder dir("mwangaza-describe-cli");
    { auto db = test::programme_database(dir / "p.mwz"); }
    auto subs = submissions(25);
    subs[0].description = "Enfants au puits; \"grand\" puits";
    test::write_kobo_csv(dir / "kobo.csv", subs);

    auto r = cli(dir, {"import", "p.mwz", "kobo.csv", "--describe", "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto j = JsonReader::parse(r.out);
    CHECK(j["file"].text == "kobo.csv");
    CHECK(j["driver"].text == "CSV");
    CHECK(j["separator"].text == ";");
    CHECK(j["rows"].integer() == 25);
    REQUIRE(j["columns"].items.size() == test::kobo_columns().size());
    CHECK(j["columns"].items[0].text == "start"); // BOM gone
    CHECK(j["profile"].text == "kobo");
    std::map<std::string, std::int64_t> scores;
    for (const auto& s : j["recognisers"].items)
        scores[s["name"].text] = s["score"].integer();
    CHECK(scores.count("odk") == 1);
    CHECK(scores.count("generic") == 1);
    CHECK(scores["kobo"] > scores["odk"]);
    CHECK(scores["kobo"] > scores["generic"]);

    REQUIRE(j["fields"].items.size() == 16);
    CHECK(field(j, "source_id")["column"].text == "_uuid");
    CHECK(field(j, "source_id")["required"].boolean);
    CHECK(field(j, "risk_area")["column"].text == "incident/risk_area");
    CHECK(field(j, "risk_area")["automatic"].text == "incident/risk_area");
    CHECK(field(j, "risk_area")["label"].text == "Risk area");
    CHECK_FALSE(field(j, "description")["required"].boolean);

    // The first 20 rows, values in column order, numbered as a person counts them.
    REQUIRE(j["preview"].items.size() == 20);
    CHECK(j["preview"].items[0]["row"].integer() == 2);
    CHECK(j["preview"].items[0]["values"].items[5].text == subs[0].description);
    CHECK(j["preview"].items[19]["values"].items[19].text == "d-19");
    CHECK(count(dir / "p.mwz", "SELECT count(*) FROM incident") == 0);
    CHECK(count(dir / "p.mwz", "SELECT count(*) FROM import_batch") == 0);

    // French labels, and a forced format.
    r = test::run_cli(dir, {"import", "p.mwz", "kobo.csv", "--describe", "--json", "--profile", "generic"},
                      test::language_env("fr"));
    REQUIRE(r.status == 0);
    const auto fr = JsonReader::parse(r.out);
    CHECK(fr["profile"].text == "generic");
    CHECK(field(fr, "risk_area")["label"].text == "Zone de risque");

    // Text for a person.
    r = cli(dir, {"import", "p.mwz", "kobo.csv", "--describe"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("incident/risk_area") != std::string::npos);
    CHECK(r.out.find("kobo") != std::string::npos);
}

TEST_CASE("import --describe: a file that cannot be read exits 2 with the reason", "[intake][cli][describe]")
{
    TempFolder dir("mwangaza-describe-cli");
    { auto db = test::programme_database(dir / "p.mwz"); }
    test::write_text(dir / "empty.csv", "");
    auto r = cli(dir, {"import", "p.mwz", "empty.csv", "--describe", "--json"});
    CHECK(r.status == 2);
    const auto j = JsonReader::parse(r.out);
    CHECK_FALSE(j["error"].text.empty());
    CHECK_FALSE(j.has("columns"));

    // A table without a submission id column is described, the missing field named.
    test::write_text(dir / "no_id.csv", "incident/risk_area;incident/observed_on;incident/site_code\n"
                                        "child_labour;2021-07-01;CD-KOL-01\n");
    r = cli(dir, {"import", "p.mwz", "no_id.csv", "--describe", "--json"});
    CHECK(r.status == 0);
    const auto d = JsonReader::parse(r.out);
    CHECK(d["error_column"].text == "source_id");
    CHECK(field(d, "source_id")["column"].text.empty());
    CHECK(d["rows"].integer() == 1);
}

TEST_CASE("import --mapping-name: a profile saved in the database binds columns and maps values",
          "[intake][cli][describe]")
{
    TempFolder dir("mwangaza-describe-cli");
    {
        auto db = test::programme_database(dir / "p.mwz");
        store::save_mapping_profile(db, "NGO Lualaba",
                                    R"({"name": "NGO Lualaba", "columns": {"source_id": "No", "risk_area": "Theme",
                                        "observed_on": "Date", "site_code": "Mine", "photo_1": ""},
                                        "values": {"risk_area": {"TE": "child_labour", "PFTE": "wfcl"}}})");
    }
    test::write_text(dir / "ngo.csv", "No,Theme,Date,Mine,Texte\n"
                                      "N-1,TE,2021-08-02,CD-KOL-01,Deux enfants au puits\n"
                                      "N-2,PFTE,2021-08-03,CD-KOL-01,Enfant dans la galerie\n"
                                      "N-3,XX,2021-08-03,CD-KOL-01,Inconnu\n");

    auto r = cli(dir, {"import", "p.mwz", "ngo.csv", "--describe", "--json", "--mapping-name", "NGO Lualaba"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto j = JsonReader::parse(r.out);
    CHECK(j["mapping"].text == "NGO Lualaba");
    CHECK(j["profile"].text == "generic");
    CHECK(field(j, "source_id")["column"].text == "No");
    CHECK(field(j, "source_id")["automatic"].text.empty());
    CHECK(field(j, "risk_area")["column"].text == "Theme");
    CHECK(j["values"]["risk_area"]["TE"].text == "child_labour");
    CHECK(j["values"]["risk_area"]["PFTE"].text == "wfcl");

    r = cli(dir, {"import", "p.mwz", "ngo.csv", "--json", "--mapping-name", "NGO Lualaba"});
    REQUIRE(r.status == 0);
    j = JsonReader::parse(r.out);
    CHECK(j["imported"].integer() == 2);
    CHECK(j["skipped"].integer() == 1);
    CHECK(j["diagnostics"].items.at(0)["column"].text == "Theme");
    CHECK(count(dir / "p.mwz", "SELECT count(*) FROM incident WHERE risk_area = 'child_labour'") == 1);
    CHECK(count(dir / "p.mwz", "SELECT count(*) FROM incident WHERE risk_area = 'wfcl'") == 1);

    // An unknown name writes nothing; --mapping and --mapping-name together are a usage error.
    r = cli(dir, {"import", "p.mwz", "ngo.csv", "--json", "--mapping-name", "Nobody"});
    CHECK(r.status == 2);
    CHECK(r.err.find("Nobody") != std::string::npos);
    CHECK(cli(dir, {"import", "p.mwz", "ngo.csv", "--mapping", "x.json", "--mapping-name", "NGO Lualaba"}).status == 1);

    // A profile naming a column the file lacks: described with the recogniser's binding, exit 2.
    test::write_text(dir / "other.csv", "_uuid,incident/risk_area,incident/observed_on,incident/site_code\n"
                                        "o-1,child_labour,2021-07-01,CD-KOL-01\n");
    r = cli(dir, {"import", "p.mwz", "other.csv", "--describe", "--json", "--mapping-name", "NGO Lualaba"});
    CHECK(r.status == 2);
    j = JsonReader::parse(r.out);
    CHECK(j["error"].text.find("'No'") != std::string::npos);
    CHECK(field(j, "source_id")["column"].text == "_uuid");
    CHECK(count(dir / "p.mwz", "SELECT count(*) FROM incident") == 2);
}

TEST_CASE("import --progress-json reports progress as JSON lines on stderr", "[intake][cli][describe]")
{
    TempFolder dir("mwangaza-describe-cli");
    { auto db = test::programme_database(dir / "p.mwz"); }
    test::write_kobo_csv(dir / "kobo.csv", submissions(600));
    const auto r = cli(dir, {"import", "p.mwz", "kobo.csv", "--json", "--progress-json"});
    REQUIRE(r.status == 0);
    CHECK(JsonReader::parse(r.out)["imported"].integer() == 600);
    std::istringstream lines(r.err);
    std::string line;
    double last = -1;
    int n = 0;
    while (std::getline(lines, line)) {
        const auto p = JsonReader::parse(line);
        CHECK(p["progress"].number >= last);
        CHECK(p["progress"].number <= 1.0);
        CHECK_FALSE(p["stage"].text.empty());
        last = p["progress"].number;
        ++n;
    }
    CHECK(n >= 3);
    CHECK(last >= 0.75);
}

TEST_CASE("profiles list, show, save and delete the mapping profiles of a programme", "[intake][cli][describe]")
{
    TempFolder dir("mwangaza-describe-cli");
    { auto db = test::programme_database(dir / "p.mwz"); }
    auto r = cli(dir, {"profiles", "list", "p.mwz"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("No mapping profile") != std::string::npos);

    test::write_text(dir / "ngo.json", R"({"name": "NGO Lualaba", "columns": {"source_id": "No", "risk_area": "Theme"},
                                          "values": {"risk_area": {"TE": "child_labour"}}})");
    r = cli(dir, {"profiles", "save", "p.mwz", "ngo.json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    r = cli(dir, {"profiles", "save", "p.mwz", "ngo.json", "--name", "copy"});
    REQUIRE(r.status == 0);

    r = cli(dir, {"profiles", "list", "p.mwz", "--json"});
    REQUIRE(r.status == 0);
    auto j = JsonReader::parse(r.out);
    REQUIRE(j.items.size() == 2);
    CHECK(j.items[0]["name"].text == "copy");
    CHECK(j.items[1]["name"].text == "NGO Lualaba");
    CHECK(j.items[1]["definition"]["columns"]["risk_area"].text == "Theme");
    r = cli(dir, {"profiles", "list", "p.mwz"});
    CHECK(r.out.find("NGO Lualaba") != std::string::npos);

    r = cli(dir, {"profiles", "show", "p.mwz", "NGO Lualaba"});
    REQUIRE(r.status == 0);
    CHECK(JsonReader::parse(r.out)["values"]["risk_area"]["TE"].text == "child_labour");

    // A profile with a field that does not exist is refused, naming it; nothing saved.
    test::write_text(dir / "bad.json", R"({"name": "bad", "columns": {"theme": "Theme"}})");
    r = cli(dir, {"profiles", "save", "p.mwz", "bad.json"});
    CHECK(r.status == 2);
    CHECK(r.err.find("theme") != std::string::npos);
    CHECK(cli(dir, {"profiles", "show", "p.mwz", "bad"}).status == 2);

    CHECK(cli(dir, {"profiles", "delete", "p.mwz", "copy"}).status == 0);
    CHECK(cli(dir, {"profiles", "delete", "p.mwz", "copy"}).status == 2);
    CHECK(count(dir / "p.mwz", "SELECT count(*) FROM mapping_profile") == 1);
    CHECK(cli(dir, {"profiles", "frobnicate", "p.mwz"}).status == 1);
    CHECK(cli(dir, {"profiles", "show", "p.mwz"}).status == 1);
    CHECK(cli(dir, {"profiles", "--help"}).status == 0);
}
