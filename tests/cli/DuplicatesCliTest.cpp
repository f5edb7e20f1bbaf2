// `incidents duplicates` and `incidents merge`, run as the real program on a programme
// the test writes; the database is then read back directly.
#include "Json.hpp"
#include "CliRunner.hpp"
#include "TempFolder.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

using mwangaza::test::Json;
using mwangaza::test::JsonReader;
using mwangaza::test::TempFolder;

namespace {

using Result = mwangaza::test::CliResult;

// KOL-01 child labour: #11 (English) and #12 (French, two days later) report one event,
// #13 is another event at another pit; #14 the same event in another risk area. KOL-02:
// #21 and #22, one event told twice in Swahili and English.
struct Programme {
    TempFolder dir{"mwangaza-duplicates-cli"};

    Programme()
    {
        const auto r = run({"init", "p.mwz"});
        INFO(r.err);
        REQUIRE(r.status == 0);
        SQLite::Database db((dir / "p.mwz").string(), SQLite::OPEN_READWRITE);
        db.exec("INSERT INTO site(id, code, name, country, province, minerals) VALUES "
                "(1, 'CD-KOL-01', 'Kasulo', 'CD', 'Lualaba', 'cobalt'), (2, 'CD-KOL-02', 'Kapata', 'CD', 'Lualaba', 'cobalt')");
        SQLite::Statement q(db, "INSERT INTO incident(id, site_id, risk_area, observed_on, submitted_at, reporter, "
                                "description, children, status, created_at, updated_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')");
        auto add = [&](int id, int site, const char* area, const char* observed, const char* reporter,
                       const char* text, int children, const char* status) {
            q.reset();
            q.bind(1, id);
            q.bind(2, site);
            q.bind(3, area);
            q.bind(4, observed);
            q.bind(5, std::string(observed) + "T12:00:00Z");
            q.bind(6, reporter);
            q.bind(7, text);
            q.bind(8, children);
            q.bind(9, status);
            q.exec();
        };
        add(11, 1, "child_labour", "2021-09-10", "agent.17", "5 children carrying sacks of ore between pit P7 and the washing point.", 5, "new");
        add(12, 1, "child_labour", "2021-09-12", "agent.04",
            "Cinq enfants transportent des sacs de minerai entre le puits P7 et le point de lavage.", 5, "needs_info");
        add(13, 1, "child_labour", "2021-09-11", "agent.17", "3 children carrying sacks of ore between pit P31 and the washing point.", 3, "new");
        add(14, 1, "ohs", "2021-09-10", "agent.17", "5 children carrying sacks of ore between pit P7 and the washing point.", 5, "new");
        add(21, 2, "wfcl", "2021-10-02", "agent.09",
            "Watoto wanne wanafanya kazi chini ya ardhi kwenye shimo namba 9 bila vifaa vya kujikinga.", 4, "new");
        add(22, 2, "wfcl", "2021-10-04", "agent.02", "4 children working underground in pit 9 without protective equipment.", 4, "in_review");
    }

    Result run(const std::vector<std::string>& args) const
    {
        return mwangaza::test::run_cli(dir, args, {"USER=expert.kolwezi"});
    }

    std::string query(const std::string& sql) const
    {
        SQLite::Database db((dir / "p.mwz").string());
        return db.execAndGet(sql).getString();
    }
    std::string status(int id) const { return query("SELECT status FROM incident WHERE id = " + std::to_string(id)); }
};

std::vector<std::int64_t> ids(const Json& list, const char* key = "id")
{
    std::vector<std::int64_t> out;
    for (const auto& item : list.items)
        out.push_back(item[key].integer());
    return out;
}

} // namespace

TEST_CASE("incidents duplicates lists the groups of the triage queue, and one incident's candidates", "[cli][duplicates]")
{
    Programme p;
    auto r = p.run({"incidents", "duplicates", "p.mwz", "--json"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const Json groups = JsonReader::parse(r.out);
    REQUIRE(groups.items.size() == 2);
    CHECK(groups.items[0]["site_code"].text == "CD-KOL-01");
    CHECK(groups.items[0]["area"].text == "child_labour");
    CHECK(groups.items[0]["keep"].integer() == 11); // reported first
    CHECK(ids(groups.items[0]["incidents"]) == std::vector<std::int64_t>{11, 12});
    CHECK(groups.items[0]["incidents"].items[1]["reporter"].text == "agent.04");
    CHECK(groups.items[1]["site_code"].text == "CD-KOL-02");
    CHECK(ids(groups.items[1]["incidents"]) == std::vector<std::int64_t>{21, 22});
    CHECK(groups.items[0]["score"].number >= 0.55);

    r = p.run({"incidents", "duplicates", "p.mwz", "--site", "CD-KOL-02", "--json"});
    REQUIRE(r.status == 0);
    CHECK(JsonReader::parse(r.out).items.size() == 1);

    r = p.run({"incidents", "duplicates", "p.mwz", "--id", "12", "--json"});
    REQUIRE(r.status == 0);
    const Json one = JsonReader::parse(r.out);
    CHECK(one["id"].integer() == 12);
    REQUIRE(one["candidates"].items.size() == 1);
    CHECK(one["candidates"].items[0]["id"].integer() == 11);
    CHECK(one["candidates"].items[0]["numbers"].number == Approx(1.0));
    CHECK(one["candidates"].items[0]["people"].number == Approx(1.0));
    r = p.run({"incidents", "duplicates", "p.mwz", "--id", "13", "--json"});
    REQUIRE(r.status == 0);
    CHECK(JsonReader::parse(r.out)["candidates"].items.empty());

    // Text for a person, in English or French.
    r = p.run({"incidents", "duplicates", "p.mwz"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("CD-KOL-01  Child labour") != std::string::npos);
    CHECK(r.out.find("#12") != std::string::npos);
    CHECK(r.out.find("kept by default") != std::string::npos);
    CHECK(r.out.find("2 groups of possible duplicates") != std::string::npos);
    r = mwangaza::test::run_cli(p.dir, {"--lang", "fr", "incidents", "duplicates", "p.mwz", "--id", "11"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Travail des enfants") != std::string::npos);
    CHECK(r.out.find("Informations requises") != std::string::npos); // #12 needs information

    // Usage and input errors.
    CHECK(p.run({"incidents", "duplicates"}).status == 1);
    CHECK(p.run({"incidents", "duplicates", "p.mwz", "--id", "x"}).status == 2);
    CHECK(p.run({"incidents", "duplicates", "p.mwz", "--id", "99"}).status == 2);
    r = p.run({"incidents", "duplicates", "p.mwz", "--site", "NOPE"});
    CHECK(r.status == 2);
    CHECK(r.err.find("NOPE") != std::string::npos);
    CHECK(p.run({"incidents", "duplicates", "--help"}).status == 0);
}

TEST_CASE("incidents merge keeps one and rejects the others as its duplicates", "[cli][duplicates]")
{
    Programme p;
    auto r = p.run({"incidents", "merge", "p.mwz", "11", "12", "--reason", "same photos"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out == "Incident 12: Needs information -> Rejected (duplicate of #11)\n");
    CHECK(p.status(11) == "new");
    CHECK(p.status(12) == "rejected");
    CHECK(p.query("SELECT reason FROM incident_status_history WHERE incident_id = 12 AND to_status = 'rejected'") ==
          "duplicate of #11: same photos");
    CHECK(p.query("SELECT group_concat(to_status, ',') FROM incident_status_history WHERE incident_id = 12") ==
          "in_review,rejected");
    CHECK(p.query("SELECT actor FROM audit_log WHERE operation = 'merge' AND entity_id = 11") == "expert.kolwezi");
    // The group left the list.
    r = p.run({"incidents", "duplicates", "p.mwz", "--json"});
    CHECK(JsonReader::parse(r.out).items.size() == 1);

    // Refusals write nothing and exit 2; a wrong call exits 1.
    r = p.run({"incidents", "merge", "p.mwz", "12", "11"});
    CHECK(r.status == 2);
    CHECK(r.err.find("#12 is rejected") != std::string::npos);
    r = p.run({"incidents", "merge", "p.mwz", "11", "14"});
    CHECK(r.status == 2);
    CHECK(r.err.find("nothing was merged") != std::string::npos);
    CHECK(p.status(14) == "new");
    CHECK(p.run({"incidents", "merge", "p.mwz", "11", "11"}).status == 2);
    CHECK(p.run({"incidents", "merge", "p.mwz", "11"}).status == 1);
    CHECK(p.run({"incidents", "merge", "p.mwz", "11", "13", "13"}).status == 2);
    CHECK(p.status(13) == "new");
    // --force merges across risk areas.
    r = p.run({"incidents", "merge", "p.mwz", "11", "14", "--force", "--as", "n.tshibangu"});
    CHECK(r.status == 0);
    CHECK(p.status(14) == "rejected");
    CHECK(p.query("SELECT changed_by FROM incident_status_history WHERE incident_id = 14 AND to_status = 'rejected'") ==
          "n.tshibangu");
}
