// The import command's contract, through the real mwangaza-cli binary: --json keys and
// their reconciliation, exit status 0 (processed), 2 (rejected, nothing written), 1 (usage).
#include "CliRunner.hpp"
#include "Fixtures.hpp"
#include "cli/Json.hpp"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <sstream>

using namespace mwangaza;
using test::Json;
using test::JsonReader;
using test::Submission;
using test::TempFolder;
namespace fs = std::filesystem;

namespace {

using Result = mwangaza::test::CliResult;

Result cli(const TempFolder& dir, const std::vector<std::string>& args, const std::string& language = "")
{
    return mwangaza::test::run_cli(dir, args, mwangaza::test::language_env(language));
}

std::int64_t incidents(const fs::path& db)
{
    SQLite::Database sql(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement s(sql, "SELECT count(*) FROM incident");
    s.executeStep();
    return s.getColumn(0).getInt64();
}

void check_reconciles(const Json& j)
{
    for (const char* key : {"read", "imported", "updated", "unchanged", "skipped", "conflicts", "diagnostics"})
        REQUIRE(j.has(key));
    CHECK(j["read"].integer() == j["imported"].integer() + j["updated"].integer() + j["unchanged"].integer() +
                                     j["skipped"].integer() + j["conflicts"].integer());
    for (const auto& d : j["diagnostics"].items)
        for (const char* key : {"row", "column", "severity", "message"})
            CHECK(d.has(key));
}

} // namespace

TEST_CASE("import --json: the contract's keys, exit 0 with skipped rows, idempotent", "[intake][cli]")
{
    TempFolder dir("mwangaza-import-cli");
    { auto db = test::programme_database(dir / "p.mwz"); }
    Submission a, b;
    a.uuid = "c-1";
    b.uuid = "c-2";
    b.area = "Sorcellerie";
    test::write_kobo_csv(dir / "kobo.csv", {a, b});

    auto dry = cli(dir, {"import", "p.mwz", "kobo.csv", "--dry-run", "--json"});
    INFO(dry.err);
    REQUIRE(dry.status == 0);
    auto j = JsonReader::parse(dry.out);
    check_reconciles(j);
    CHECK(j["imported"].integer() == 1);
    CHECK(incidents(dir / "p.mwz") == 0);

    auto r = cli(dir, {"import", "p.mwz", "kobo.csv", "--json"});
    REQUIRE(r.status == 0);
    j = JsonReader::parse(r.out);
    check_reconciles(j);
    CHECK(j["read"].integer() == 2);
    CHECK(j["imported"].integer() == 1);
    CHECK(j["skipped"].integer() == 1);
    REQUIRE(j["diagnostics"].items.size() == 1);
    CHECK(j["diagnostics"].items[0]["row"].integer() == 3);
    CHECK(j["diagnostics"].items[0]["column"].text == "incident/risk_area");
    CHECK(j["diagnostics"].items[0]["severity"].text == "error");
    CHECK(incidents(dir / "p.mwz") == 1);

    r = cli(dir, {"import", "p.mwz", "kobo.csv", "--profile", "kobo", "--json"});
    REQUIRE(r.status == 0);
    j = JsonReader::parse(r.out);
    CHECK(j["unchanged"].integer() == 1);
    CHECK(j["imported"].integer() == 0);
    CHECK(incidents(dir / "p.mwz") == 1);
}

TEST_CASE("import: rejected files exit 2 and write nothing; usage errors exit 1", "[intake][cli]")
{
    TempFolder dir("mwangaza-import-cli");
    { auto db = test::programme_database(dir / "p.mwz"); }
    test::write_text(dir / "no_id.csv", "incident/risk_area;incident/observed_on;incident/site_code\n"
                                        "child_labour;2021-07-01;CD-KOL-01\n");
    auto r = cli(dir, {"import", "p.mwz", "no_id.csv", "--json"});
    CHECK(r.status == 2);
    CHECK(r.err.find("source_id") != std::string::npos);
    const auto j = JsonReader::parse(r.out);
    check_reconciles(j);
    CHECK(j["read"].integer() == 0);
    CHECK(incidents(dir / "p.mwz") == 0);

    test::write_text(dir / "empty.csv", "");
    CHECK(cli(dir, {"import", "p.mwz", "empty.csv"}).status == 2);
    CHECK(cli(dir, {"import", "p.mwz", "missing.csv"}).status == 2);

    test::write_text(dir / "latin1.csv", "_uuid;incident/risk_area;incident/observed_on\n"
                                         "u1;Travail des enfants;2021-07-01\nu2;S\xE9" "curit\xE9 g\xE9" "n\xE9" "rale;2021-07-02\n");
    r = cli(dir, {"import", "p.mwz", "latin1.csv"});
    CHECK(r.status == 2);
    CHECK(r.err.find("line 3") != std::string::npos);
    CHECK(r.err.find("UTF-8") != std::string::npos);

    // A declared size of 2 GB (sparse file) is refused from the size alone.
    test::write_text(dir / "huge.csv", "");
    REQUIRE(::truncate((dir / "huge.csv").c_str(), (off_t(2) << 30) + 1) == 0);
    r = cli(dir, {"import", "p.mwz", "huge.csv", "--json"});
    CHECK(r.status == 2);
    CHECK(JsonReader::parse(r.out)["diagnostics"].items.at(0)["message"].text.find("limit") != std::string::npos);
    CHECK(incidents(dir / "p.mwz") == 0);

    CHECK(cli(dir, {"import", "p.mwz"}).status == 1);
    CHECK(cli(dir, {"import", "p.mwz", "empty.csv", "--profile", "excel"}).status == 1);
    CHECK(cli(dir, {"import", "p.mwz", "empty.csv", "--frobnicate"}).status == 1);
    CHECK(incidents(dir / "p.mwz") == 0);
}

TEST_CASE("import prints a translated summary and the diagnostics table", "[intake][cli]")
{
    TempFolder dir("mwangaza-import-cli");
    { auto db = test::programme_database(dir / "p.mwz"); }
    Submission a;
    a.uuid = "t-1";
    a.site = "CD-XXX-99";
    test::write_odk_csv(dir / "odk.csv", {a});
    auto r = cli(dir, {"import", "p.mwz", "odk.csv"}, "fr");
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Ignorées") != std::string::npos);
    CHECK(r.out.find("incident-site_code") != std::string::npos);
    CHECK(r.out.find("CD-XXX-99") != std::string::npos);
    CHECK(r.out.find("code de site inconnu") != std::string::npos);
}
