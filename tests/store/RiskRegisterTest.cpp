// The risk register on real SQLite files: verification feeds risks, assessments on the
// current matrix version with OECD Annex II floors, matrix versions, escalation and the
// six-month review, the programme-wide view against the raw records.
#include "core/Error.hpp"
#include "core/RiskEscalation.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"
#include "store/IncidentStatusChange.hpp"
#include "store/MatrixStore.hpp"
#include "store/RiskAssessmentStore.hpp"
#include "store/RiskRegister.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "TempFolder.hpp"

#include <catch2/catch.hpp>

using namespace mwangaza;
using mwangaza::store::Database;
using I = mwangaza::core::IncidentStatus;
using L = mwangaza::core::RiskLevel;

namespace {

struct Programme {
    test::TempFolder dir{"mwangaza-risks"};
    Database db = Database::open(dir / "p.mwz", Database::Mode::Create);
    std::int64_t next_incident = 1;

    Programme()
    {
        db.sql().exec("INSERT INTO site(id, code, name, country, province, minerals) VALUES "
                      "(1, 'CD-KOL-01', 'Kasulo', 'CD', 'Lualaba', 'cobalt'), "
                      "(2, 'RW-RUT-01', 'Rutongo', 'RW', 'Northern', 'cassiterite')");
    }

    // An incident in review (ready to be verified); site 0 for none.
    std::int64_t incident(std::int64_t site, const std::string& area, const std::string& observed = "2021-09-14",
                          bool flag = false)
    {
        const auto id = next_incident++;
        SQLite::Statement q(db.sql(), "INSERT INTO incident(id, observed_on, site_id, risk_area, annex_flag, status, "
                                      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'in_review', 'x', 'x')");
        q.bind(1, id);
        q.bind(2, observed);
        if (site)
            q.bind(3, site);
        else
            q.bind(3);
        q.bind(4, area);
        q.bind(5, flag ? 1 : 0);
        q.exec();
        return id;
    }
    void verify(std::int64_t id) { store::change_incident_status(db, {id, I::Verified, "", "expert.kolwezi"}); }
    std::int64_t risk_of(std::int64_t incident)
    {
        SQLite::Statement q(db.sql(), "SELECT risk_id FROM risk_incident WHERE incident_id = ?");
        q.bind(1, incident);
        return q.executeStep() ? q.getColumn(0).getInt64() : 0;
    }
    std::int64_t count(const std::string& sql) { return db.sql().execAndGet(sql).getInt64(); }
    std::int64_t verified_risk(std::int64_t site, const std::string& area, bool flag = false)
    {
        const auto id = incident(site, area, "2021-09-14", flag);
        verify(id);
        return risk_of(id);
    }
    store::RiskAssessmentResult assess(std::int64_t risk, int s, int l, const std::string& on = "2021-10-01",
                                       std::optional<core::EscalationDecision> d = std::nullopt)
    {
        store::RiskAssessmentInput in;
        in.risk_id = risk;
        in.severity = s;
        in.likelihood = l;
        in.rationale = "two pits visited, children seen at one";
        in.assessor = "n.tshibangu";
        in.assessed_on = on;
        in.decision = d;
        return store::assess_risk(db, in);
    }
};

} // namespace

TEST_CASE("verifying an incident attaches it to the open risk of its site and area, created if needed",
          "[store][risk]")
{
    Programme p;
    const auto a = p.incident(1, "child_labour");
    const auto b = p.incident(1, "child_labour", "2021-10-02");
    const auto c = p.incident(2, "child_labour");
    const auto d = p.incident(1, "ohs");
    CHECK(p.count("SELECT count(*) FROM risk") == 0);
    p.verify(a);
    const auto risk = p.risk_of(a);
    REQUIRE(risk != 0);
    CHECK(p.count("SELECT count(*) FROM risk") == 1);
    p.verify(b);
    CHECK(p.risk_of(b) == risk); // same site and area: same risk
    p.verify(c);
    p.verify(d);
    CHECK(p.risk_of(c) != risk); // other site
    CHECK(p.risk_of(d) != risk); // other area
    CHECK(p.count("SELECT count(*) FROM risk") == 3);
    CHECK(p.count("SELECT count(*) FROM risk_incident") == 4);
    // Every incident belongs to exactly one risk.
    CHECK(p.count("SELECT count(*) FROM (SELECT incident_id FROM risk_incident GROUP BY incident_id HAVING count(*) > 1)") ==
          0);
    CHECK(p.db.sql().execAndGet("SELECT title FROM risk WHERE id = " + std::to_string(risk)).getString() ==
          "Child labour at Kasulo");
    CHECK(p.count("SELECT count(*) FROM audit_log WHERE entity = 'risk' AND operation = 'create'") == 3);

    const auto rows = store::list_risks(p.db.sql(), {std::string("CD-KOL-01"), {}, false, false, "", "2021-11-01"});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].area == "child_labour"); // taxonomy order
    CHECK(rows[0].incidents == 2);
    CHECK_FALSE(rows[0].level); // not assessed yet
    const auto detail = store::risk_detail(p.db.sql(), risk, "2021-11-01");
    REQUIRE(detail.trend.size() == 2);
    CHECK(detail.trend[0].month == "2021-09");
    CHECK(detail.trend[1].n == 1);
}

TEST_CASE("an incident without a site cannot be verified, nothing is written", "[store][risk]")
{
    Programme p;
    const auto id = p.incident(0, "child_labour");
    CHECK_THROWS_WITH(p.verify(id), Catch::Contains("incident " + std::to_string(id)) &&
                                        Catch::Contains("assign a site first"));
    CHECK(p.db.sql().execAndGet("SELECT status FROM incident WHERE id = " + std::to_string(id)).getString() ==
          "in_review");
    CHECK(p.count("SELECT count(*) FROM risk") == 0);
    CHECK(p.count("SELECT count(*) FROM incident_status_history") == 0);
}

TEST_CASE("undoing a verification detaches the incident and removes a risk it alone held", "[store][risk]")
{
    Programme p;
    const auto a = p.incident(1, "water");
    p.verify(a);
    CHECK(p.risk_of(a) != 0);
    const std::vector<store::IncidentStatusUndo> undo{{a, I::Verified, I::InReview, "expert.kolwezi"}};
    store::undo_incident_statuses(p.db, undo);
    CHECK(p.risk_of(a) == 0);
    CHECK(p.count("SELECT count(*) FROM risk") == 0);

    // A risk that holds an assessment stays when its incident is no longer verified.
    p.verify(a);
    const auto again = p.risk_of(a);
    CHECK(again != 0);
    CHECK(p.count("SELECT count(*) FROM risk") == 1);
    p.assess(again, 2, 2);
    store::undo_incident_statuses(p.db, undo);
    CHECK(p.risk_of(a) == 0);
    CHECK(p.count("SELECT count(*) FROM risk") == 1);
    CHECK(p.count("SELECT count(*) FROM audit_log WHERE operation = 'detach_incident'") == 2);
}

TEST_CASE("an assessment uses the current matrix version, a new version leaves old assessments as they were",
          "[store][risk][matrix]")
{
    Programme p;
    const auto risk = p.verified_risk(1, "ohs");
    auto first = p.assess(risk, 3, 3, "2021-10-01");
    CHECK(first.matrix_version == 1);
    CHECK(first.level == L::Medium); // default matrix: moderate x possible
    CHECK_FALSE(first.red_flag);

    auto cells = store::current_matrix(p.db).matrix.cells();
    cells[std::size_t((3 - 1) * 5 + (3 - 1))] = L::VeryHigh;
    const auto v2 = store::create_matrix_version(p.db, "Stricter on moderate harm", cells, "programme.lead");
    CHECK(v2.version == 2);
    const auto versions = store::list_matrix_versions(p.db);
    REQUIRE(versions.size() == 2);
    CHECK_FALSE(versions[0].current);
    CHECK(versions[1].current);
    CHECK(versions[0].assessments == 1);
    CHECK(store::current_matrix(p.db).matrix.level(3, 3) == L::VeryHigh);
    CHECK(store::matrix_version(p.db, 1).matrix.level(3, 3) == L::Medium);

    auto second = p.assess(risk, 3, 3, "2022-01-10");
    CHECK(second.matrix_version == 2);
    CHECK(second.level == L::VeryHigh);
    const auto d = store::risk_detail(p.db.sql(), risk, "2022-02-01");
    REQUIRE(d.history.size() == 2);
    CHECK(d.history[0].matrix_version == 1);
    CHECK(d.history[0].level == L::Medium);
    CHECK(d.history[1].matrix_version == 2);
    CHECK(d.risk.level == L::VeryHigh); // the current level is the latest assessment's
    CHECK(d.risk.matrix_version == 2);
    // An assessment back-dated before the latest does not become current.
    p.assess(risk, 1, 1, "2021-12-01");
    CHECK(store::find_risk(p.db.sql(), risk, "2022-02-01")->level == L::VeryHigh);
    // Assessments are kept as made.
    CHECK_THROWS(p.db.sql().exec("UPDATE risk_assessment SET level = 'low'"));
    CHECK(p.count("SELECT count(*) FROM audit_log WHERE entity = 'matrix_version'") == 1);

    CHECK_THROWS_AS(store::parse_matrix_cells("low,low"), InvalidInput);
    CHECK_THROWS_WITH(store::parse_matrix_cells(std::string(24 * 4, ' ') + "low,low,low,low,low,low,low,low,low,low,"
                                                "low,low,low,low,low,low,low,low,low,low,low,low,low,low,severe"),
                      Catch::Contains("cell 25") && Catch::Contains("severe"));
    CHECK_THROWS_AS(store::create_matrix_version(p.db, " ", cells, "lead"), InvalidInput);
}

TEST_CASE("a rationale and an assessor are required, bad scores and dates are refused", "[store][risk]")
{
    Programme p;
    const auto risk = p.verified_risk(1, "ohs");
    store::RiskAssessmentInput in{risk, 3, 3, "  ", "n.tshibangu", "2021-10-01", {}, {}};
    CHECK_THROWS_WITH(store::assess_risk(p.db, in), Catch::Contains("rationale"));
    in.rationale = "seen";
    in.assessor = "";
    CHECK_THROWS_WITH(store::assess_risk(p.db, in), Catch::Contains("assessor"));
    in.assessor = "x";
    in.severity = 6;
    CHECK_THROWS_AS(store::assess_risk(p.db, in), InvalidInput);
    in.severity = 3;
    in.assessed_on = "2021-02-30";
    CHECK_THROWS_AS(store::assess_risk(p.db, in), InvalidInput);
    in.assessed_on = "2021-10-01";
    in.risk_id = 999;
    CHECK_THROWS_WITH(store::assess_risk(p.db, in), Catch::Contains("999"));
    CHECK(p.count("SELECT count(*) FROM risk_assessment") == 0);
}

TEST_CASE("Annex II floors for every Annex II risk area of the taxonomy", "[store][risk][annex]")
{
    Programme p;
    int serious = 0, per_incident = 0;
    for (const auto& area : core::risk_areas()) {
        const std::string code(area.code);
        INFO(code);
        // Plain incidents: a serious-abuse area is floored at high and red-flagged even
        // on the lowest cell; every other area keeps the matrix level.
        const auto risk = p.verified_risk(1, code);
        const auto r = p.assess(risk, 1, 1);
        if (area.annex_ii == core::AnnexII::SeriousAbuse) {
            ++serious;
            CHECK(r.level == L::High);
            CHECK(r.red_flag);
            CHECK(r.decision_needed);
            // A high cell stays as it is.
            CHECK(p.assess(risk, 5, 5).level == L::VeryHigh);
        } else {
            CHECK(r.level == L::Low);
            CHECK_FALSE(r.red_flag);
        }
        // A flagged incident (widespread sexual violence, origin fraud) raises a
        // per-incident area to its flagged class.
        if (area.annex_ii == core::AnnexII::PerIncident) {
            ++per_incident;
            const auto flagged = p.verified_risk(2, code, true);
            const auto f = p.assess(flagged, 1, 1);
            const bool floor = area.flagged_class == core::AnnexII::SeriousAbuse;
            CHECK(f.red_flag == floor);
            CHECK(f.level == (floor ? L::High : L::Low));
        }
    }
    CHECK(serious >= 5);       // the taxonomy holds them; the test reads it
    CHECK(per_incident == 2);  // gender, chain of custody
    const auto flagged_rows = store::list_risks(p.db.sql(), {{}, {}, true, false, "", "2021-11-01"});
    CHECK(std::int64_t(flagged_rows.size()) == p.count("SELECT count(*) FROM risk WHERE current_red_flag = 1"));
    for (const auto& row : flagged_rows)
        CHECK(row.level >= L::High);
}

TEST_CASE("escalation: a decision needs a red flag, mitigate is reviewed within six months", "[store][risk][annex]")
{
    Programme p;
    const auto plain = p.verified_risk(1, "ohs");
    CHECK_THROWS_WITH(p.assess(plain, 3, 3, "2021-10-01", core::EscalationDecision::Suspend),
                      Catch::Contains("red flag"));

    const auto armed = p.verified_risk(1, "non_state_armed_groups");
    auto r = p.assess(armed, 2, 2, "2021-08-31", core::EscalationDecision::Mitigate);
    CHECK(r.red_flag);
    CHECK_FALSE(r.decision_needed);
    REQUIRE(r.review_due);
    CHECK(*r.review_due == "2022-02-28"); // six months, end of a shorter month
    auto row = *store::find_risk(p.db.sql(), armed, "2022-02-28");
    CHECK(row.decision == "mitigate");
    CHECK_FALSE(row.review_overdue);
    row = *store::find_risk(p.db.sql(), armed, "2022-03-01");
    CHECK(row.review_overdue);
    // Reviewed (a later assessment) with a suspension: nothing to review any more.
    p.assess(armed, 4, 4, "2022-03-05", core::EscalationDecision::Suspend);
    row = *store::find_risk(p.db.sql(), armed, "2022-12-01");
    CHECK_FALSE(row.review_overdue);
    CHECK_FALSE(row.review_due);
    CHECK(row.decision == "suspend");
    // Red flag without a decision: assessed, and shown as needing one.
    const auto wfcl = p.verified_risk(2, "wfcl");
    p.assess(wfcl, 1, 1, "2021-10-01");
    row = *store::find_risk(p.db.sql(), wfcl, "2021-10-02");
    CHECK(row.red_flag);
    CHECK(row.decision_needed);
    CHECK(core::add_months("2023-08-31", 6) == "2024-02-29");
}

TEST_CASE("the programme-wide view equals a GROUP BY over the raw records", "[store][risk]")
{
    Programme p;
    const char* areas[] = {"child_labour", "wfcl", "ohs", "water", "gender"};
    int i = 0;
    for (const char* area : areas)
        for (std::int64_t site : {1, 2}) {
            const auto risk = p.verified_risk(site, area, i % 3 == 0);
            if (i % 4 != 3)
                p.assess(risk, 1 + i % 5, 1 + (i * 2) % 5, "2021-10-0" + std::to_string(1 + i % 9));
            if (i % 2 == 0)
                p.assess(risk, 1 + (i + 2) % 5, 2, "2021-11-01");
            ++i;
        }
    p.db.sql().exec("UPDATE risk SET status = 'closed', closed_on = '2022-01-01' WHERE id = 2");
    const auto view = store::risk_overview(p.db.sql());
    SQLite::Statement q(p.db.sql(),
                        "SELECT r.risk_area, count(*), "
                        "sum((SELECT a.level FROM risk_assessment a WHERE a.risk_id = r.id ORDER BY a.assessed_on DESC, "
                        "a.id DESC LIMIT 1) = 'high'), "
                        "sum(coalesce((SELECT a.red_flag FROM risk_assessment a WHERE a.risk_id = r.id ORDER BY "
                        "a.assessed_on DESC, a.id DESC LIMIT 1), 0)), "
                        "sum(NOT EXISTS (SELECT 1 FROM risk_assessment a WHERE a.risk_id = r.id)) "
                        "FROM risk r WHERE r.status = 'open' GROUP BY r.risk_area");
    int areas_seen = 0;
    while (q.executeStep()) {
        const std::string area = q.getColumn(0).getString();
        INFO(area);
        const auto it = std::find_if(view.areas.begin(), view.areas.end(), [&](auto& s) { return s.area == area; });
        REQUIRE(it != view.areas.end());
        CHECK(it->open_risks == q.getColumn(1).getInt64());
        CHECK(it->by_level[2] == q.getColumn(2).getInt64());
        CHECK(it->red_flags == q.getColumn(3).getInt64());
        CHECK(it->unassessed == q.getColumn(4).getInt64());
        ++areas_seen;
    }
    CHECK(areas_seen == 5);
    CHECK(view.total.open_risks == 9);
    CHECK(view.total.verified_incidents == 10);
}
