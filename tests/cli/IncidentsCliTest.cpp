// `incidents list` and `incidents set-status`, run as the real program on a demo database;
// the database is then read back directly to check what was (or was not) written.
#include "Json.hpp"
#include "CliRunner.hpp"
#include "TempFolder.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include <sys/wait.h>

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

Result run(const TempFolder& dir, const std::vector<std::string>& args)
{
    return mwangaza::test::run_cli(dir, args, {"USER=expert.bukavu"});
}

struct Demo {
    TempFolder dir{"mwangaza-incidents"};
    Demo()
    {
        const auto r = run(dir, {"demo", "create", "demo.mwz"});
        INFO(r.err);
        REQUIRE(r.status == 0);
    }
    fs::path db() const { return dir / "demo.mwz"; }

    Json list(std::vector<std::string> filters)
    {
        std::vector<std::string> args{"incidents", "list", "demo.mwz", "--json"};
        args.insert(args.end(), filters.begin(), filters.end());
        const auto r = run(dir, args);
        INFO(r.err);
        REQUIRE(r.status == 0);
        REQUIRE(r.err.empty());
        return JsonReader::parse(r.out);
    }
    std::int64_t count(const std::string& sql)
    {
        SQLite::Database db(this->db().string());
        return db.execAndGet(sql).getInt64();
    }
    std::string text(const std::string& sql)
    {
        SQLite::Database db(this->db().string());
        return db.execAndGet(sql).getString();
    }
    // Incident ids in `status`, lowest first.
    std::vector<std::int64_t> ids(const std::string& status, int n)
    {
        SQLite::Database db(this->db().string());
        SQLite::Statement q(db, "SELECT id FROM incident WHERE status = ? ORDER BY id LIMIT ?");
        q.bind(1, status);
        q.bind(2, n);
        std::vector<std::int64_t> out;
        while (q.executeStep())
            out.push_back(q.getColumn(0).getInt64());
        return out;
    }
};

} // namespace

TEST_CASE("incidents list --json gives every key, newest first, filters applied", "[cli][triage]")
{
    Demo demo;
    const Json all = demo.list({});
    REQUIRE(all.type == Json::Type::Array);
    CHECK(std::int64_t(all.items.size()) == demo.count("SELECT count(*) FROM incident"));
    for (const char* key : {"id", "source_id", "site_code", "area", "status", "observed_on", "lat", "lon",
                            "description"})
        CHECK(all.items.front().has(key));
    for (std::size_t i = 1; i < all.items.size(); ++i)
        REQUIRE(all.items[i - 1]["observed_on"].text >= all.items[i]["observed_on"].text);

    const Json verified = demo.list({"--status", "verified", "--site", "CD-KOL-01", "--area", "child_labour"});
    CHECK(std::int64_t(verified.items.size()) ==
          demo.count("SELECT count(*) FROM incident i JOIN site s ON s.id = i.site_id WHERE i.status = 'verified' "
                     "AND s.code = 'CD-KOL-01' AND i.risk_area = 'child_labour'"));
    REQUIRE(!verified.items.empty());
    for (const auto& i : verified.items) {
        CHECK(i["status"].text == "verified");
        CHECK(i["site_code"].text == "CD-KOL-01");
        CHECK(i["area"].text == "child_labour");
    }

    const Json awaiting = demo.list({"--status", "new,in_review,needs_info"});
    CHECK(std::int64_t(awaiting.items.size()) ==
          demo.count("SELECT count(*) FROM incident WHERE status IN ('new', 'in_review', 'needs_info')"));
    CHECK(demo.list({"--site", "XX-NOWHERE-99"}).items.empty());
    CHECK(demo.list({"--limit", "3"}).items.size() == 3);
}

TEST_CASE("incidents list --category, --from and --to narrow the list as the triage filters do", "[cli][triage]")
{
    Demo demo;
    const Json listed = demo.list({"--status", "verified", "--category", "human_rights", "--from", "2021-07-01", "--to",
                                   "2021-09-30", "--site", "CD-KOL-01"});
    const auto expected = demo.count(
        "SELECT count(*) FROM incident i JOIN site s ON s.id = i.site_id JOIN risk_area a ON a.code = i.risk_area "
        "WHERE i.status = 'verified' AND a.category_code = 'human_rights' AND s.code = 'CD-KOL-01' "
        "AND i.observed_on BETWEEN '2021-07-01' AND '2021-09-30'");
    REQUIRE(expected > 0);
    CHECK(std::int64_t(listed.items.size()) == expected);
    for (const auto& i : listed.items) {
        CHECK(i["observed_on"].text >= "2021-07-01");
        CHECK(i["observed_on"].text <= "2021-09-30");
        CHECK(demo.text("SELECT category_code FROM risk_area WHERE code = '" + i["area"].text + "'") == "human_rights");
    }
    // The bounds are days, both included.
    const Json day = demo.list({"--from", "2021-09-30", "--to", "2021-09-30"});
    CHECK(std::int64_t(day.items.size()) == demo.count("SELECT count(*) FROM incident WHERE observed_on = '2021-09-30'"));

    const auto bad_category = run(demo.dir, {"incidents", "list", "demo.mwz", "--category", "humans"});
    CHECK(bad_category.status != 0);
    CHECK(bad_category.err.find("humans") != std::string::npos);
    const auto bad_date = run(demo.dir, {"incidents", "list", "demo.mwz", "--from", "2021-13-01"});
    CHECK(bad_date.status != 0);
    CHECK(bad_date.err.find("2021-13-01") != std::string::npos);
}

TEST_CASE("incidents list --text finds French and English words, accents and case folded", "[cli][triage][search]")
{
    Demo demo;
    const auto ecole = demo.count("SELECT count(*) FROM incident WHERE description LIKE '%l''école%'");
    REQUIRE(ecole > 0);
    CHECK(std::int64_t(demo.list({"--text", "ecole"}).items.size()) == ecole);
    CHECK(std::int64_t(demo.list({"--text", "ÉCOLE"}).items.size()) == ecole);
    CHECK(std::int64_t(demo.list({"--text", "école"}).items.size()) == ecole);

    const Json underground = demo.list({"--text", "children underground"});
    CHECK(std::int64_t(underground.items.size()) ==
          demo.count("SELECT count(*) FROM incident WHERE description LIKE '%children%' "
                     "AND description LIKE '%underground%'"));
    REQUIRE(!underground.items.empty());
    for (const auto& i : underground.items)
        CHECK(i["description"].text.find("underground") != std::string::npos);

    // FTS5 syntax in the words is plain text, never an error.
    for (const std::string words : {"\"enfants", "enfants)", "NEAR(enfants", "description:enfants", "-", "*"})
        demo.list({"--text", words});
}

TEST_CASE("incidents list text output says how many matched", "[cli][triage]")
{
    Demo demo;
    const auto r = run(demo.dir, {"incidents", "list", "demo.mwz", "--limit", "5"});
    REQUIRE(r.status == 0);
    const auto total = demo.count("SELECT count(*) FROM incident");
    CHECK(r.out.find("the first 5 are shown") != std::string::npos);
    std::string grouped = std::to_string(total);
    for (int pos = int(grouped.size()) - 3; pos > 0; pos -= 3)
        grouped.insert(std::size_t(pos), ",");
    CHECK(r.out.find(grouped + " incidents match") != std::string::npos);
    const auto fr = run(demo.dir, {"--lang", "fr", "incidents", "list", "demo.mwz", "--status", "rejected"});
    REQUIRE(fr.status == 0);
    CHECK(fr.out.find("Rejeté") != std::string::npos);

    CHECK(run(demo.dir, {"incidents", "list", "demo.mwz", "--status", "done"}).status == 2);
    CHECK(run(demo.dir, {"incidents", "list", "demo.mwz", "--area", "child_labor"}).status == 2);
    CHECK(run(demo.dir, {"incidents", "list"}).status == 1);
    CHECK(run(demo.dir, {"incidents", "list", "demo.mwz", "--bogus"}).status == 1);
}

TEST_CASE("incidents set-status writes status, history and audit for every id, or nothing", "[cli][triage]")
{
    Demo demo;
    const auto fresh = demo.ids("new", 3);
    REQUIRE(fresh.size() == 3);
    const auto history = [&] { return demo.count("SELECT count(*) FROM incident_status_history"); };
    const auto audit = [&] { return demo.count("SELECT count(*) FROM audit_log WHERE operation = 'status'"); };
    const auto history0 = history();
    const auto audit0 = audit();
    const std::string a = std::to_string(fresh[0]), b = std::to_string(fresh[1]), c = std::to_string(fresh[2]);

    const auto review = run(demo.dir, {"incidents", "set-status", "demo.mwz", a, b, "--to", "in_review"});
    INFO(review.err);
    REQUIRE(review.status == 0);
    CHECK(demo.text("SELECT status FROM incident WHERE id = " + a) == "in_review");
    CHECK(demo.text("SELECT status FROM incident WHERE id = " + b) == "in_review");
    CHECK(history() == history0 + 2);
    CHECK(audit() == audit0 + 2);
    CHECK(demo.text("SELECT changed_by FROM incident_status_history ORDER BY id DESC LIMIT 1") == "expert.bukavu");

    // c is still new: verify is not legal for it, so the whole batch is refused.
    const auto refused = run(demo.dir, {"incidents", "set-status", "demo.mwz", a, c, "--to", "verified"});
    CHECK(refused.status == 2);
    CHECK(refused.err.find(c) != std::string::npos);
    CHECK(demo.text("SELECT status FROM incident WHERE id = " + a) == "in_review");
    CHECK(history() == history0 + 2);

    const auto no_reason = run(demo.dir, {"incidents", "set-status", "demo.mwz", b, "--to", "rejected"});
    CHECK(no_reason.status == 2);
    CHECK(no_reason.err.find("reason") != std::string::npos);
    CHECK(demo.text("SELECT status FROM incident WHERE id = " + b) == "in_review");

    CHECK(run(demo.dir, {"incidents", "set-status", "demo.mwz", "999999999", "--to", "in_review"}).status == 2);
    CHECK(run(demo.dir, {"incidents", "set-status", "demo.mwz", "12x", "--to", "in_review"}).status == 2);
    CHECK(run(demo.dir, {"incidents", "set-status", "demo.mwz", a}).status == 1);
    CHECK(history() == history0 + 2);

    const auto verified =
        run(demo.dir, {"incidents", "set-status", "demo.mwz", a, "--to", "verified", "--as", "expert.kolwezi"});
    REQUIRE(verified.status == 0);
    const auto rejected = run(demo.dir, {"incidents", "set-status", "demo.mwz", b, "--to", "rejected", "--reason",
                                         "photo of another site"});
    REQUIRE(rejected.status == 0);
    CHECK(demo.text("SELECT status FROM incident WHERE id = " + a) == "verified");
    CHECK(demo.text("SELECT status FROM incident WHERE id = " + b) == "rejected");
    CHECK(demo.text("SELECT changed_by FROM incident_status_history WHERE incident_id = " + a +
                    " ORDER BY id DESC LIMIT 1") == "expert.kolwezi");
    CHECK(demo.text("SELECT reason FROM incident_status_history WHERE incident_id = " + b +
                    " ORDER BY id DESC LIMIT 1") == "photo of another site");
    CHECK(demo.text("SELECT after FROM audit_log WHERE entity_id = " + b + " ORDER BY id DESC LIMIT 1") ==
          R"({"status":"rejected","reason":"photo of another site"})");
    CHECK(history() == history0 + 4);
    CHECK(audit() == audit0 + 4);
}
