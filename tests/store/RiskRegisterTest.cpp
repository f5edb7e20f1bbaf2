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

TEST_CASE("escalation decisions on their own: red flag required, history kept, the review clock", "[store][risk][annex]")
{
    Programme p;
    auto decide = [&](std::int64_t risk, core::EscalationDecision d, const std::string& on,
                      const std::string& why = "call with the purchaser on 3 March") {
        return store::record_risk_decision(p.db, {risk, d, on, why, "a.mukendi"});
    };
    auto review = [&](std::int64_t risk, const std::string& on, const std::string& note = "plan on track: 2 of 3 steps") {
        return store::record_risk_review(p.db, {risk, on, note, "a.mukendi"});
    };
    auto row = [&](std::int64_t risk, const std::string& on) { return *store::find_risk(p.db.sql(), risk, on); };

    // No red flag: refused, nothing written.
    const auto plain = p.verified_risk(1, "ohs");
    p.assess(plain, 5, 5, "2021-10-01");
    CHECK_THROWS_WITH(decide(plain, core::EscalationDecision::Suspend, "2021-10-02"),
                      Catch::Contains("risk " + std::to_string(plain)) && Catch::Contains("red flag"));
    // A serious-abuse area not yet assessed has no red flag either: assess it first.
    const auto armed = p.verified_risk(1, "non_state_armed_groups");
    CHECK_THROWS_WITH(decide(armed, core::EscalationDecision::Mitigate, "2021-08-31"), Catch::Contains("red flag"));
    CHECK(p.count("SELECT count(*) FROM risk_decision") == 0);
    CHECK(p.count("SELECT count(*) FROM audit_log WHERE operation = 'decide'") == 0);

    // Assessed on the lowest cell: floored at high, red flag, decision needed.
    const auto a = p.assess(armed, 1, 1, "2021-08-20");
    REQUIRE(a.red_flag);
    CHECK(a.level == L::High);
    CHECK(row(armed, "2021-08-21").decision_needed);
    // Refusals name the field or value.
    CHECK_THROWS_WITH(decide(armed, core::EscalationDecision::Mitigate, "2021-08-31", "  "),
                      Catch::Contains("rationale"));
    CHECK_THROWS_WITH(decide(armed, core::EscalationDecision::Mitigate, "2021-02-30"), Catch::Contains("2021-02-30"));
    CHECK_THROWS_WITH(review(armed, "2021-09-01"), Catch::Contains("no escalation decision"));
    CHECK_THROWS_WITH(decide(999, core::EscalationDecision::Mitigate, "2021-08-31"), Catch::Contains("999"));

    // Mitigate, without a new assessment: the level stands (the floor too), review in six months.
    const auto m = decide(armed, core::EscalationDecision::Mitigate, "2021-08-31");
    CHECK(m.current);
    REQUIRE(m.review_due);
    CHECK(*m.review_due == "2022-02-28");
    CHECK(p.count("SELECT count(*) FROM risk_assessment WHERE risk_id = " + std::to_string(armed)) == 1);
    auto r = row(armed, "2022-02-28");
    CHECK(r.level == L::High);
    CHECK(r.decision == "mitigate");
    CHECK(r.decided_on == "2021-08-31");
    CHECK_FALSE(r.decision_needed);
    CHECK(r.review_due == std::optional<std::string>("2022-02-28"));
    CHECK_FALSE(r.review_overdue);
    CHECK(row(armed, "2022-03-01").review_overdue); // overdue on a given date
    CHECK(p.count("SELECT count(*) FROM audit_log WHERE entity = 'risk' AND operation = 'decide' AND entity_id = " +
                  std::to_string(armed) + " AND actor = 'a.mukendi' AND after LIKE '%call with the purchaser%'") == 1);

    // A review: before the decision refused; then on 2022-03-10 (late): no longer overdue,
    // the clock restarts from the review.
    CHECK_THROWS_WITH(review(armed, "2021-08-30"), Catch::Contains("before"));
    CHECK_THROWS_WITH(review(armed, "2022-03-10", ""), Catch::Contains("note"));
    const auto v = review(armed, "2022-03-10");
    CHECK(v.review_due == "2022-09-10");
    r = row(armed, "2022-03-11");
    CHECK(r.reviewed_on == "2022-03-10");
    CHECK_FALSE(r.review_overdue);
    CHECK(r.review_due == std::optional<std::string>("2022-09-10"));
    CHECK(row(armed, "2022-09-11").review_overdue);
    CHECK(p.count("SELECT count(*) FROM audit_log WHERE operation = 'review' AND entity_id = " + std::to_string(armed)) ==
          1);
    // A re-assessment without a decision keeps the decision and its clock.
    p.assess(armed, 2, 2, "2022-04-01");
    r = row(armed, "2022-04-02");
    CHECK(r.decision == "mitigate");
    CHECK(r.review_due == std::optional<std::string>("2022-09-10"));

    // A later decision clears the overdue review: suspend has nothing to review.
    decide(armed, core::EscalationDecision::Suspend, "2022-10-01", "no improvement after a year");
    r = row(armed, "2022-12-01");
    CHECK(r.decision == "suspend");
    CHECK_FALSE(r.review_due);
    CHECK_FALSE(r.review_overdue);
    CHECK(r.reviewed_on.empty());
    CHECK_THROWS_WITH(review(armed, "2022-12-01"), Catch::Contains("suspend"));
    // Mitigate again: a fresh clock from the new decision, earlier reviews do not count.
    decide(armed, core::EscalationDecision::Mitigate, "2023-01-15", "the armed group left the site");
    r = row(armed, "2023-07-15");
    CHECK(r.review_due == std::optional<std::string>("2023-07-15"));
    CHECK(r.reviewed_on.empty());
    CHECK(row(armed, "2023-07-16").review_overdue);
    // A decision dated before the current one is kept in the history but does not replace it.
    const auto old = decide(armed, core::EscalationDecision::Disengage, "2021-12-01", "recorded late");
    CHECK_FALSE(old.current);
    CHECK(row(armed, "2023-01-16").decision == "mitigate");

    // The history: every decision and the review, oldest first, with who and why.
    const auto d = store::risk_detail(p.db.sql(), armed, "2023-01-16");
    REQUIRE(d.decisions.size() == 5);
    CHECK(d.decisions[0].decision == "mitigate");
    CHECK(d.decisions[0].dated_on == "2021-08-31");
    CHECK(d.decisions[0].decided_by == "a.mukendi");
    CHECK(d.decisions[1].dated_on == "2021-12-01"); // the late one, by its date
    CHECK(d.decisions[2].review);
    CHECK(d.decisions[2].note == "plan on track: 2 of 3 steps");
    CHECK(d.decisions[3].decision == "suspend");
    CHECK(d.decisions[4].note == "the armed group left the site");
    // Kept as recorded.
    CHECK_THROWS(p.db.sql().exec("UPDATE risk_decision SET note = 'x'"));

    // A decision taken with an assessment joins the same history.
    const auto wfcl = p.verified_risk(2, "wfcl");
    p.assess(wfcl, 3, 3, "2021-10-01", core::EscalationDecision::Mitigate);
    const auto w = store::risk_detail(p.db.sql(), wfcl, "2021-10-02");
    REQUIRE(w.decisions.size() == 1);
    CHECK(w.decisions[0].assessment_id == w.history.back().id);
    CHECK(w.risk.review_due == std::optional<std::string>("2022-04-01"));
    // The register's red-flag filter lists both with their current decision.
    const auto flagged = store::list_risks(p.db.sql(), {{}, {}, true, false, "", "2023-07-16"});
    REQUIRE(flagged.size() == 2);
    for (const auto& f : flagged) {
        CHECK(f.decision == "mitigate");
        CHECK(f.review_overdue);
    }
}

TEST_CASE("each risk's open actions, incidents and current assessment equal the raw records after every change",
          "[store][risk]")
{
    Programme p;
    const auto a = p.verified_risk(1, "child_labour");
    const auto b = p.verified_risk(2, "child_labour");
    const auto extra = p.incident(1, "child_labour", "2021-10-05");
    p.verify(extra);
    p.assess(a, 3, 3, "2021-10-01");
    p.assess(a, 4, 2, "2021-09-01"); // older: not current
    p.assess(b, 2, 5, "2021-11-01");
    auto action = [&](std::int64_t risk, const std::string& status) {
        p.db.sql().exec("INSERT INTO corrective_action(risk_id, site_id, title, status, issued_on, created_at, "
                        "updated_at) SELECT id, site_id, 'register of children', '" + status + "', " +
                        (status == "draft" ? "NULL" : "'2021-10-10'") + ", 'x', 'x' FROM risk WHERE id = " +
                        std::to_string(risk));
        return p.db.sql().getLastInsertRowid();
    };
    const auto x1 = action(a, "issued");
    const auto x2 = action(a, "draft");
    const auto x3 = action(b, "in_progress");
    action(a, "implemented");
    p.db.sql().exec("UPDATE corrective_action SET status = 'issued', issued_on = '2021-10-11' WHERE id = " +
                    std::to_string(x2));
    p.db.sql().exec("UPDATE corrective_action SET status = 'implemented' WHERE id = " + std::to_string(x1));
    p.db.sql().exec("UPDATE corrective_action SET risk_id = " + std::to_string(a) + " WHERE id = " + std::to_string(x3));
    const auto gone = action(b, "issued");
    p.db.sql().exec("DELETE FROM corrective_action WHERE id = " + std::to_string(gone));
    // Undoing a verification detaches the incident.
    const store::IncidentStatusUndo undo{extra, I::Verified, I::InReview, "expert.kolwezi"};
    store::undo_incident_statuses(p.db, std::span(&undo, 1));
    store::create_matrix_version(p.db, "v2", store::parse_matrix_cells(
        "low,low,low,medium,medium,low,low,medium,medium,high,low,medium,medium,high,high,medium,medium,high,high,"
        "very_high,medium,high,high,very_high,very_high"), "expert");
    p.assess(b, 5, 5, "2021-12-01");

    const auto mismatches = p.count(
        "SELECT count(*) FROM risk r WHERE r.open_actions != (SELECT count(*) FROM corrective_action c "
        "WHERE c.risk_id = r.id AND c.status IN ('issued', 'in_progress')) "
        "OR r.incidents != (SELECT count(*) FROM risk_incident ri WHERE ri.risk_id = r.id) "
        "OR r.current_severity != coalesce((SELECT a.severity FROM risk_assessment a WHERE a.risk_id = r.id "
        "ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1), 0) "
        "OR r.current_likelihood != coalesce((SELECT a.likelihood FROM risk_assessment a WHERE a.risk_id = r.id "
        "ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1), 0) "
        "OR r.assessed_on != coalesce((SELECT max(a.assessed_on) FROM risk_assessment a WHERE a.risk_id = r.id), '') "
        "OR r.matrix_version != coalesce((SELECT v.version FROM risk_assessment a JOIN matrix_version v "
        "ON v.id = a.matrix_version_id WHERE a.risk_id = r.id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1), 0)");
    CHECK(mismatches == 0);
    // The register's narrow rows follow the risks.
    CHECK(p.count("SELECT count(*) FROM risk_list") == p.count("SELECT count(*) FROM risk"));
    CHECK(p.count("SELECT count(*) FROM risk r JOIN risk_list l ON l.risk_id = r.id "
                  "WHERE l.counts != (r.open_actions | (r.incidents << 32)) OR l.site_id != r.site_id "
                  "OR (l.state >> 8) & 15 != r.current_severity OR (l.state >> 12) & 15 != r.current_likelihood "
                  "OR l.assessed_on != CAST(replace(r.assessed_on, '-', '') AS INTEGER) "
                  "OR (l.state >> 28) & 1 != (r.status = 'open')") == 0);
    const auto ra = *store::find_risk(p.db.sql(), a, "2022-01-01");
    CHECK(ra.open_actions == 2); // x2 issued, x3 moved here in progress
    CHECK(ra.incidents == 1);
    CHECK(ra.severity == 3);
    CHECK(ra.likelihood == 3);
    CHECK(ra.assessed_on == "2021-10-01");
    CHECK(ra.assessor == "n.tshibangu");
    CHECK(ra.matrix_version == 1);
    const auto rb = *store::find_risk(p.db.sql(), b, "2022-01-01");
    CHECK(rb.open_actions == 0);
    CHECK(rb.severity == 5);
    CHECK(rb.matrix_version == 2);
}

TEST_CASE("the register's compact list has the rows, order and figures of the full one, for every filter",
          "[store][risk]")
{
    Programme p;
    p.db.sql().exec("INSERT INTO site(id, code, name, country, province, minerals) VALUES "
                    "(3, 'CD-AAA-01', 'Aardvark', 'CD', 'Lualaba', 'cobalt')");
    std::vector<std::int64_t> risks;
    for (std::int64_t site : {2, 1, 3})
        for (const char* area : {"ohs", "child_labour", "wfcl", "non_state_armed_groups", "water"})
            risks.push_back(p.verified_risk(site, area));
    for (std::size_t i = 0; i < risks.size(); ++i)
        if (i % 3 != 2)
            p.assess(risks[i], int(i % 5) + 1, int(i * 2 % 5) + 1, "2021-10-0" + std::to_string(i % 9 + 1));
    const auto wfcl = risks[7]; // CD-KOL-01, assessed: red flag
    store::record_risk_decision(p.db, {wfcl, core::EscalationDecision::Mitigate, "2021-10-05", "plan agreed", "x"});
    store::record_risk_review(p.db, {wfcl, "2022-03-01", "on track", "x"});
    const auto armed = risks[3]; // RW-RUT-01, assessed: red flag; a decision at a month's end
    store::record_risk_decision(p.db, {armed, core::EscalationDecision::Mitigate, "2023-08-31", "plan", "x"});
    p.db.sql().exec("UPDATE risk SET status = 'closed', closed_on = '2021-12-01' WHERE id = " + std::to_string(risks[4]));

    std::vector<store::RiskFilter> filters(7);
    filters[1].site_code = "CD-KOL-01";
    filters[2].level = L::High;
    filters[3].red_flag_only = true;
    filters[4].include_closed = true;
    filters[5].text = "KASULO";
    filters[6].text = "armed";
    for (auto& f : filters)
        f.on = "2022-10-01";
    for (const auto& f : filters) {
        const auto full = store::list_risks(p.db.sql(), f);
        const auto compact = store::list_register(p.db.sql(), f);
        REQUIRE(compact.rows.size() == full.size());
        CHECK_FALSE(full.empty());
        for (std::size_t i = 0; i < full.size(); ++i) {
            const auto& a = full[i];
            const auto& b = compact.rows[i];
            INFO(i);
            CHECK(a.id == b.id);
            CHECK(a.site_code == compact.site_code(b));
            CHECK(a.area == compact.area_code(b));
            CHECK(a.level == b.level);
            CHECK(a.severity == int(b.severity));
            CHECK(a.likelihood == int(b.likelihood));
            CHECK(a.red_flag == b.red_flag);
            CHECK(a.decision_needed == b.decision_needed);
            CHECK(a.decision == (b.decision ? std::string(core::escalation_code(*b.decision)) : std::string()));
            CHECK(a.decided_on == store::register_date(b.decided_on));
            CHECK(a.review_due.value_or("") == store::register_date(b.review_due));
            CHECK(a.review_overdue == b.review_overdue);
            CHECK(a.assessed_on == store::register_date(b.assessed_on));
            CHECK(a.open_actions == b.open_actions);
            CHECK(a.incidents == b.incidents);
        }
    }
    // Sorted by site code first: CD-AAA-01 before CD-KOL-01 before RW-RUT-01.
    const auto all = store::list_register(p.db.sql(), filters[0]);
    CHECK(all.site_code(all.rows.front()) == "CD-AAA-01");
    CHECK(all.site_code(all.rows.back()) == "RW-RUT-01");
    // The review of 2022-03-01 moved the due date to 2022-09-01: overdue on 2022-10-01.
    int found = 0;
    for (const auto& r : all.rows) {
        if (r.id == wfcl) {
            ++found;
            CHECK(store::register_date(r.review_due) == "2022-09-01");
            CHECK(r.review_overdue);
        }
        if (r.id == armed) {
            ++found;
            CHECK(store::register_date(r.review_due) == "2024-02-29"); // a leap year's February
            CHECK_FALSE(r.review_overdue);
        }
    }
    CHECK(found == 2);
    CHECK_THROWS_WITH(store::list_register(p.db.sql(), {std::string("XX-1"), {}, false, false, "", ""}),
                      Catch::Contains("XX-1"));
}
