// The whole-programme figures read tallies the database keeps with triggers; filtered
// figures count raw records. A date range wider than any record selects everything
// while forcing the raw count, so the two must agree after any change to the records.
#include "KpiFigures.hpp"
#include "TempFolder.hpp"

#include "app/DemoProgramme.hpp"
#include "store/Database.hpp"
#include "store/KpiQuery.hpp"

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace mwangaza;
using mwangaza::store::Database;

namespace {

void check_tallies_match_records(Database& db, std::vector<std::string> areas = {})
{
    core::KpiFilter tallied;
    tallied.areas = areas;
    core::KpiFilter counted = tallied;
    counted.from = "0001-01-01";
    counted.to = "9999-12-31";
    const auto a = test::figures(store::compute_kpis(db.sql(), tallied));
    const auto b = test::figures(store::compute_kpis(db.sql(), counted));
    for (const auto& [name, value] : b) {
        INFO(name);
        REQUIRE(a.count(name) == 1);
        CHECK(a.at(name) == value);
    }
    CHECK(a.size() == b.size());
}

} // namespace

TEST_CASE("Whole-programme figures follow every change to the raw records", "[app][kpi]")
{
    test::TempFolder dir("mwangaza-tally");
    app::SilentProgress progress;
    app::create_demo(dir / "demo.mwz", {}, progress);
    auto db = Database::open(dir / "demo.mwz");
    auto& sql = db.sql();

    check_tallies_match_records(db);
    check_tallies_match_records(db, {"child_labour", "wfcl"});
    const auto before = store::compute_kpis(sql, {});

    // Triage moves incidents between statuses; a correction changes an area.
    sql.exec("UPDATE incident SET status = 'in_review' WHERE status = 'new' AND id % 3 = 0");
    sql.exec("UPDATE incident SET status = 'verified' WHERE status = 'in_review' AND id % 2 = 0");
    sql.exec("UPDATE incident SET risk_area = 'wfcl' WHERE risk_area = 'child_labour' AND id % 5 = 0");
    // Deletions, and a new incident in an area the programme had not seen at that site.
    sql.exec("DELETE FROM incident WHERE status = 'rejected' AND id % 2 = 1");
    sql.exec("DELETE FROM incident WHERE id IN (SELECT incident_id FROM risk_incident LIMIT 40)");
    sql.exec("INSERT INTO incident(observed_on, site_id, risk_area, status, created_at, updated_at) "
             "VALUES ('2021-08-01', 1, 'ihl', 'verified', 'x', 'x'), ('2021-08-02', NULL, 'water', 'new', 'x', 'x')");
    // Actions progress, are withdrawn, move to another risk, or their risk changes area.
    sql.exec("UPDATE corrective_action SET status = 'in_progress' WHERE status = 'issued' AND id % 2 = 0");
    sql.exec("UPDATE corrective_action SET status = 'cancelled', status_reason = 'test', issued_on = NULL "
             "WHERE status = 'draft' AND id % 2 = 0");
    sql.exec("UPDATE corrective_action SET status = 'issued', issued_on = '2022-03-30' WHERE status = 'draft'");
    sql.exec("DELETE FROM corrective_action WHERE status = 'implemented' AND id % 7 = 0");
    sql.exec("UPDATE corrective_action SET risk_id = (SELECT id FROM risk WHERE risk_area = 'wfcl' LIMIT 1) "
             "WHERE id IN (SELECT id FROM corrective_action WHERE status = 'in_progress' LIMIT 25)");
    sql.exec("UPDATE risk SET risk_area = 'child_labour' WHERE id IN (SELECT id FROM risk WHERE risk_area = 'ohs' LIMIT 3)");

    const auto after = store::compute_kpis(sql, {});
    CHECK(after.incidents_verified != before.incidents_verified);
    CHECK(after.actions_progressing != before.actions_progressing);
    CHECK(after.child_labour_actions_issued != before.child_labour_actions_issued);
    check_tallies_match_records(db);
    check_tallies_match_records(db, {"child_labour", "wfcl"});
    check_tallies_match_records(db, {"ohs", "ihl", "water"});
}

TEST_CASE("Tallies start from the records present when the database is upgraded", "[app][kpi]")
{
    test::TempFolder dir("mwangaza-tally");
    const auto path = dir / "old.mwz";
    {
        // A programme written before the tallies existed (schema version 2).
        auto db = Database::open(path, Database::Mode::Create, 2);
        db.sql().exec("INSERT INTO site(id, code, name, country, province, minerals) VALUES (1, 'S', 'S', 'CD', 'Lualaba', 'cobalt')");
        db.sql().exec("INSERT INTO incident(observed_on, site_id, risk_area, status, created_at, updated_at) VALUES "
                      "('2021-05-01', 1, 'wfcl', 'verified', 'x', 'x'), ('2021-05-02', 1, 'ohs', 'verified', 'x', 'x'), "
                      "('2021-05-03', 1, 'ohs', 'new', 'x', 'x')");
        db.sql().exec("INSERT INTO risk(id, site_id, risk_area, title, opened_on) VALUES (1, 1, 'wfcl', 'r', '2021-05-01')");
        db.sql().exec("INSERT INTO corrective_action(risk_id, site_id, title, issued_on, status, created_at, updated_at) "
                      "VALUES (1, 1, 'a', '2021-06-01', 'in_progress', 'x', 'x'), (1, 1, 'b', NULL, 'draft', 'x', 'x')");
    }
    auto db = Database::open(path);
    REQUIRE(db.schema_version() == Database::latest_version());
    const auto k = store::compute_kpis(db.sql(), {});
    CHECK(k.incidents_verified == 2);
    CHECK(k.wfcl_incidents == 1);
    CHECK(k.incidents_awaiting_triage == 1);
    CHECK(k.actions_issued == 1);
    CHECK(k.child_labour_actions_progressing == 1);
    check_tallies_match_records(db);
}

TEST_CASE("Filtered figures equal direct counts of the raw records", "[app][kpi]")
{
    test::TempFolder dir("mwangaza-tally");
    app::SilentProgress progress;
    app::DemoOptions options;
    options.scale = 2;
    app::create_demo(dir / "demo.mwz", options, progress);
    auto db = Database::open(dir / "demo.mwz");
    auto count = [&](const std::string& sql) { return db.sql().execAndGet(sql).getInt64(); };

    struct Case {
        core::KpiFilter filter;
        std::string sites;     // SQL condition on site s
        std::string incidents; // SQL condition on incident i (besides the site)
        std::string actions;   // on corrective_action a
        std::string workshops; // on workshop w
    };
    std::vector<Case> cases(5);
    cases[0].filter.province = "South Kivu";
    cases[0].sites = "s.province = 'South Kivu'";
    cases[1].filter.site_code = "CD-KOL-01-002";
    cases[1].filter.from = "2021-07-01";
    cases[1].filter.to = "2021-12-31";
    cases[1].sites = "s.code = 'CD-KOL-01-002'";
    cases[1].incidents = "i.observed_on BETWEEN '2021-07-01' AND '2021-12-31'";
    cases[1].actions = "a.issued_on BETWEEN '2021-07-01' AND '2021-12-31'";
    cases[1].workshops = "w.held_on BETWEEN '2021-07-01' AND '2021-12-31'";
    cases[2].filter.country = "RW";
    cases[2].filter.areas = {"ohs", "water"};
    cases[2].sites = "s.country = 'RW'";
    cases[2].incidents = "i.risk_area IN ('ohs', 'water')";
    cases[2].actions = "a.risk_id IN (SELECT id FROM risk WHERE risk_area IN ('ohs', 'water'))";
    cases[2].workshops = "EXISTS (SELECT 1 FROM corrective_action a WHERE a.issued_workshop_id = w.id AND a.risk_id IN "
                         "(SELECT id FROM risk WHERE risk_area IN ('ohs', 'water')))";
    cases[3].filter.from = "2021-10-01";
    cases[3].filter.areas = {"wfcl", "wfcl", "gender"};
    cases[3].sites = "1";
    cases[3].incidents = "i.observed_on >= '2021-10-01' AND i.risk_area IN ('wfcl', 'gender')";
    cases[3].actions = "a.issued_on >= '2021-10-01' AND a.risk_id IN (SELECT id FROM risk WHERE risk_area IN ('wfcl', 'gender'))";
    cases[3].workshops = "w.held_on >= '2021-10-01' AND EXISTS (SELECT 1 FROM corrective_action a WHERE "
                         "a.issued_workshop_id = w.id AND a.risk_id IN (SELECT id FROM risk WHERE risk_area IN ('wfcl', 'gender')))";
    cases[4].filter.to = "2021-06-30";
    cases[4].sites = "1";
    cases[4].incidents = "i.observed_on <= '2021-06-30'";
    cases[4].actions = "a.issued_on <= '2021-06-30'";
    cases[4].workshops = "w.held_on <= '2021-06-30'";

    for (const auto& c : cases) {
        const std::string in_sites = "(SELECT s.id FROM site s WHERE " + c.sites + ")";
        const std::string inc = c.incidents.empty() ? "1" : c.incidents;
        const std::string act = c.actions.empty() ? "1" : c.actions;
        const std::string ws = c.workshops.empty() ? "1" : c.workshops;
        INFO(in_sites << " / " << inc);
        const auto k = store::compute_kpis(db.sql(), c.filter);
        CHECK(k.sites_total == count("SELECT count(*) FROM site s WHERE " + c.sites));
        CHECK(k.incidents_verified == count("SELECT count(*) FROM incident i WHERE i.status = 'verified' AND i.site_id IN " +
                                            in_sites + " AND " + inc));
        CHECK(k.wfcl_incidents == count("SELECT count(*) FROM incident i WHERE i.status = 'verified' AND i.risk_area = "
                                        "'wfcl' AND i.site_id IN " + in_sites + " AND " + inc));
        CHECK(k.incidents_awaiting_triage ==
              count("SELECT count(*) FROM incident i WHERE i.status IN ('new', 'in_review', 'needs_info') AND i.site_id IN " +
                    in_sites + " AND " + inc));
        CHECK(k.actions_issued == count("SELECT count(*) FROM corrective_action a WHERE a.issued_on IS NOT NULL AND "
                                        "a.site_id IN " + in_sites + " AND " + act));
        CHECK(k.actions_progressing ==
              count("SELECT count(*) FROM corrective_action a WHERE a.status IN ('in_progress', 'implemented') AND "
                    "a.site_id IN " + in_sites + " AND " + act));
        CHECK(k.workshops == count("SELECT count(*) FROM workshop w WHERE w.site_id IN " + in_sites + " AND " + ws));
        CHECK(k.incidents_verified > 0);
    }
}
