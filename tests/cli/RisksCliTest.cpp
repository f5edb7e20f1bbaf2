// `risks list|overview|show|assess` and `matrix show|new`, run as the real program on a
// demo database; the database is read back directly to check what was written.
#include "DemoCli.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

using mwangaza::test::Json;
using mwangaza::test::JsonReader;
namespace fs = std::filesystem;

namespace {

struct Demo : mwangaza::test::DemoCli {
    Demo() : DemoCli("mwangaza-risks-cli", "expert.kolwezi") {}
    // The open risk of a site in an area.
    std::int64_t risk(const std::string& site, const std::string& area)
    {
        return count("SELECT r.id FROM risk r JOIN site s ON s.id = r.site_id WHERE s.code = '" + site +
                     "' AND r.risk_area = '" + area + "' AND r.status = 'open'");
    }
};

} // namespace

TEST_CASE("risks list gives every open risk of a site with its current level and open actions", "[cli][risk]")
{
    Demo d;
    const Json rows = d.json({"risks", "list", "demo.mwz", "--site", "CD-KOL-01", "--json"});
    REQUIRE(rows.type == Json::Type::Array);
    CHECK(std::int64_t(rows.items.size()) ==
          d.count("SELECT count(*) FROM risk r JOIN site s ON s.id = r.site_id WHERE s.code = 'CD-KOL-01' AND "
                  "r.status = 'open'"));
    for (const auto& r : rows.items) {
        const auto id = std::to_string(r["id"].integer());
        CHECK(r["site"].text == "CD-KOL-01");
        CHECK(r["open_actions"].integer() ==
              d.count("SELECT count(*) FROM corrective_action WHERE risk_id = " + id +
                      " AND status IN ('issued', 'in_progress')"));
        CHECK(r["incidents"].integer() == d.count("SELECT count(*) FROM risk_incident WHERE risk_id = " + id));
        // The current level is that of the latest assessment.
        SQLite::Database db((d.dir / "demo.mwz").string(), SQLite::OPEN_READONLY);
        SQLite::Statement q(db, "SELECT level, severity, likelihood, red_flag FROM risk_assessment WHERE risk_id = ? "
                                "ORDER BY assessed_on DESC, id DESC LIMIT 1");
        q.bind(1, r["id"].integer());
        REQUIRE(q.executeStep());
        CHECK(r["level"].text == q.getColumn(0).getString());
        CHECK(r["severity"].integer() == q.getColumn(1).getInt());
        CHECK(r["likelihood"].integer() == q.getColumn(2).getInt());
        CHECK(r["red_flag"].boolean == (q.getColumn(3).getInt() != 0));
        CHECK(r.has("area"));
    }
    const auto text = d.run({"risks", "list", "demo.mwz", "--site", "CD-KOL-01"});
    CHECK(text.status == 0);
    CHECK_THAT(text.out, Catch::Contains("Worst forms of child labour") && Catch::Contains("red flag"));
    const auto unknown = d.run({"risks", "list", "demo.mwz", "--site", "XX-NONE"});
    CHECK(unknown.status == 2);
    CHECK_THAT(unknown.err, Catch::Contains("XX-NONE"));

    // The programme-wide view adds up to the register.
    const Json view = d.json({"risks", "overview", "demo.mwz", "--json"});
    CHECK(view["open_risks"].integer() == d.count("SELECT count(*) FROM risk WHERE status = 'open'"));
    CHECK(view["areas"].items.size() == 26);
    CHECK(view["verified_incidents"].integer() == d.count("SELECT count(*) FROM incident WHERE status = 'verified'"));
}

TEST_CASE("risks assess prints the level with the Annex II floor and records the assessment", "[cli][risk]")
{
    Demo d;
    const auto wfcl = d.risk("CD-KOL-01", "wfcl");
    REQUIRE(wfcl > 0);
    const auto before = d.count("SELECT count(*) FROM risk_assessment");
    auto r = d.run({"risks", "assess", "demo.mwz", std::to_string(wfcl), "--severity", "1", "--likelihood", "2",
                         "--rationale", "No child seen at the last two visits", "--on", "2022-03-10"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("level high") && Catch::Contains("Escalation decision needed"));
    CHECK(d.count("SELECT count(*) FROM risk_assessment") == before + 1);
    CHECK(d.count("SELECT count(*) FROM risk_assessment WHERE risk_id = " + std::to_string(wfcl) +
                  " AND assessed_on = '2022-03-10' AND level = 'high' AND red_flag = 1 AND assessor = 'expert.kolwezi' "
                  "AND rationale = 'No child seen at the last two visits' AND escalation_decision IS NULL") == 1);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE entity = 'risk' AND operation = 'assess'") == 1);

    // With a decision: the review date comes back; list shows it overdue after six months.
    const Json j = d.json({"risks", "assess", "demo.mwz", std::to_string(wfcl), "--severity", "1", "--likelihood", "2",
                           "--rationale", "Plan agreed with the cooperative", "--on", "2022-03-11", "--decision",
                           "mitigate", "--json"});
    CHECK(j["level"].text == "high");
    CHECK(j["matrix_level"].text == "low");
    CHECK(j["review_due"].text == "2022-09-11");
    const Json later = d.json({"risks", "list", "demo.mwz", "--site", "CD-KOL-01", "--red-flag", "--on", "2022-09-12",
                               "--json"});
    bool found = false;
    for (const auto& row : later.items)
        if (row["id"].integer() == wfcl) {
            found = true;
            CHECK(row["review_overdue"].boolean);
            CHECK(row["decision"].text == "mitigate");
        }
    CHECK(found);

    // Refused: no rationale, a score out of range, a decision on a risk without red flag.
    const auto ohs = d.risk("CD-KOL-01", "ohs");
    r = d.run({"risks", "assess", "demo.mwz", std::to_string(ohs), "--severity", "3", "--likelihood", "3"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("rationale"));
    r = d.run({"risks", "assess", "demo.mwz", std::to_string(ohs), "--severity", "7", "--likelihood", "3",
                    "--rationale", "x"});
    CHECK(r.status == 1);
    r = d.run({"risks", "assess", "demo.mwz", std::to_string(ohs), "--severity", "3", "--likelihood", "3",
                    "--rationale", "x", "--decision", "suspend"});
    CHECK(r.status == 2);
    CHECK(d.count("SELECT count(*) FROM risk_assessment") == before + 2);

    // French.
    r = d.run({"--lang", "fr", "risks", "assess", "demo.mwz", std::to_string(ohs), "--severity", "3",
                    "--likelihood", "3", "--rationale", "Étais absents au puits 2"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Risque") && Catch::Contains("medium"));
}

TEST_CASE("matrix new makes a version current, risks show keeps each assessment's version", "[cli][matrix]")
{
    Demo d;
    Json m = d.json({"matrix", "show", "demo.mwz", "--json"});
    CHECK(m["version"].integer() == 1);
    CHECK(m["cells"].items.at(4).items.at(0).text == "medium"); // severe x rare
    const std::string cells = "low,low,medium,medium,high, low,medium,medium,high,high, medium,medium,high,high,"
                              "very_high, medium,high,high,very_high,very_high, high,high,very_high,very_high,very_high";
    auto r = d.run({"matrix", "new", "demo.mwz", "--name", "2022 review", "--cells", cells});
    INFO(r.err);
    REQUIRE(r.status == 0);
    m = d.json({"matrix", "show", "demo.mwz", "--json"});
    CHECK(m["version"].integer() == 2);
    CHECK(m["name"].text == "2022 review");
    CHECK(m["cells"].items.at(2).items.at(2).text == "high"); // moderate x possible
    CHECK(m["versions"].items.size() == 2);
    r = d.run({"matrix", "new", "demo.mwz", "--name", "bad", "--cells", "low,high"});
    CHECK(r.status == 2);

    const auto ohs = d.risk("CD-KOL-01", "ohs");
    r = d.run({"risks", "assess", "demo.mwz", std::to_string(ohs), "--severity", "3", "--likelihood", "3",
                    "--rationale", "New pit walls unsupported", "--on", "2022-03-20"});
    CHECK_THAT(r.out, Catch::Contains("level high") && Catch::Contains("matrix version 2"));
    const Json show = d.json({"risks", "show", "demo.mwz", std::to_string(ohs), "--json"});
    const auto& history = show["assessments"].items;
    REQUIRE(history.size() >= 2);
    CHECK(history.front()["matrix_version"].integer() == 1);
    CHECK(history.back()["matrix_version"].integer() == 2);
    CHECK(show["level"].text == "high");
    CHECK_FALSE(show["trend"].items.empty());
}

TEST_CASE("risks decide and risks review record an escalation decision and a review without a new assessment",
          "[cli][risk][annex]")
{
    Demo d;
    const auto wfcl = d.risk("CD-KOL-01", "wfcl");
    const auto ohs = d.risk("CD-KOL-01", "ohs");
    REQUIRE(wfcl > 0);
    REQUIRE(ohs > 0);
    REQUIRE(d.count("SELECT current_red_flag FROM risk WHERE id = " + std::to_string(wfcl)) == 1);
    const auto assessments = d.count("SELECT count(*) FROM risk_assessment");
    const auto decisions = d.count("SELECT count(*) FROM risk_decision WHERE risk_id = " + std::to_string(wfcl));
    const std::string id = std::to_string(wfcl);

    // Refused: no red flag, no rationale, an unknown decision, a review of no mitigation plan.
    auto r = d.run({"risks", "decide", "demo.mwz", std::to_string(ohs), "--decision", "suspend", "--rationale", "x"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("red flag"));
    r = d.run({"risks", "decide", "demo.mwz", id, "--decision", "suspend"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("rationale"));
    r = d.run({"risks", "decide", "demo.mwz", id, "--decision", "pause", "--rationale", "x"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("pause"));
    r = d.run({"risks", "decide", "demo.mwz", id, "--rationale", "x"});
    CHECK(r.status != 0);
    CHECK_THAT(r.err, Catch::Contains("--decision"));

    // Suspend, then mitigate after a call with the purchaser, then a review.
    r = d.run({"risks", "decide", "demo.mwz", id, "--decision", "suspend", "--on", "2022-04-04", "--rationale",
               "Children found at pit 3 again"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Suspend") && Catch::Contains("2022-04-04"));
    r = d.run({"risks", "review", "demo.mwz", id, "--note", "x", "--on", "2022-04-05"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("suspend"));
    const Json m = d.json({"risks", "decide", "demo.mwz", id, "--decision", "mitigate", "--on", "2022-05-02",
                           "--rationale", "Purchaser agreed to a plan with the cooperative", "--as", "n.tshibangu",
                           "--json"});
    CHECK(m["current"].boolean);
    CHECK(m["current_decision"].text == "mitigate");
    CHECK(m["review_due"].text == "2022-11-02");
    CHECK(d.count("SELECT count(*) FROM risk_assessment") == assessments); // no new assessment
    CHECK(d.count("SELECT count(*) FROM risk_decision WHERE risk_id = " + id + " AND kind = 'decision' AND "
                  "decision = 'mitigate' AND dated_on = '2022-05-02' AND decided_by = 'n.tshibangu' AND note = "
                  "'Purchaser agreed to a plan with the cooperative'") == 1);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE entity = 'risk' AND entity_id = " + id +
                  " AND operation = 'decide'") == 2);

    // Overdue on a date after six months; the review clears it and restarts the clock.
    Json shown = d.json({"risks", "show", "demo.mwz", id, "--on", "2022-11-03", "--json"});
    CHECK(shown["review_overdue"].boolean);
    r = d.run({"risks", "list", "demo.mwz", "--site", "CD-KOL-01", "--red-flag", "--on", "2022-11-03"});
    CHECK_THAT(r.out, Catch::Contains("review overdue"));
    r = d.run({"risks", "review", "demo.mwz", id, "--on", "2022-11-20", "--note",
               "Register kept; no child seen at two visits"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("2023-05-20"));
    shown = d.json({"risks", "show", "demo.mwz", id, "--on", "2022-11-21", "--json"});
    CHECK_FALSE(shown["review_overdue"].boolean);
    CHECK(shown["review_due"].text == "2023-05-20");
    CHECK(shown["reviewed_on"].text == "2022-11-20");
    REQUIRE(std::int64_t(shown["decisions"].items.size()) == decisions + 3);
    const auto& last = shown["decisions"].items.back();
    CHECK(last["kind"].text == "review");
    CHECK(last["note"].text == "Register kept; no child seen at two visits");
    CHECK(last["by"].text == "expert.kolwezi");

    // The text of risks show: the history and the review state.
    r = d.run({"risks", "show", "demo.mwz", id, "--on", "2023-06-01"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Escalation decisions and reviews") &&
                          Catch::Contains("Purchaser agreed to a plan") && Catch::Contains("Review OVERDUE since 2023-05-20") &&
                          Catch::Contains("last reviewed on 2022-11-20"));
    // French.
    r = d.run({"--lang", "fr", "risks", "review", "demo.mwz", id, "--on", "2023-06-02", "--note", "Plan suivi"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("2023-12-02") && Catch::Contains("Risque"));
}
