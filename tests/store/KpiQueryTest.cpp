#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/KpiQuery.hpp"

#include <SQLiteCpp/Database.h>

#include "TempFolder.hpp"

#include <catch2/catch.hpp>


using namespace mwangaza;
using mwangaza::store::Database;

namespace {

// Two sites, a handful of incidents, actions and workshops whose figures are easy to
// count by hand; each filter is checked against that count.
struct SmallProgramme {
    test::TempFolder dir{"mwangaza-kpi"};
    Database db = Database::open(dir / "p.mwz", Database::Mode::Create);

    SmallProgramme()
    {
        db.sql().exec(R"SQL(
INSERT INTO site(id, code, name, country, province, minerals, active) VALUES
  (1, 'LUA-1', 'Kasulo', 'CD', 'Lualaba', 'cobalt', 1),
  (2, 'SK-1', 'Nyabibwe', 'CD', 'South Kivu', 'tin', 1),
  (3, 'RW-1', 'Rutsiro', 'RW', 'Western', 'tin', 0);
INSERT INTO incident(site_id, observed_on, risk_area, status, created_at, updated_at) VALUES
  (1, '2021-07-10', 'child_labour', 'verified', 'x', 'x'),
  (1, '2021-08-10', 'wfcl', 'verified', 'x', 'x'),
  (1, '2021-10-10', 'wfcl', 'verified', 'x', 'x'),
  (1, '2021-10-11', 'water', 'rejected', 'x', 'x'),
  (2, '2021-07-15', 'non_state_armed_groups', 'verified', 'x', 'x'),
  (2, '2021-07-16', 'ohs', 'new', 'x', 'x'),
  (3, '2021-09-01', 'wfcl', 'verified', 'x', 'x'),
  (3, '2021-09-02', 'wfcl', 'needs_info', 'x', 'x');
INSERT INTO risk(id, site_id, risk_area, title, opened_on) VALUES
  (1, 1, 'wfcl', 'Children carrying ore', '2021-07-10'),
  (2, 2, 'non_state_armed_groups', 'Armed group at the pit', '2021-07-15');
INSERT INTO workshop(id, site_id, held_on) VALUES (1, 1, '2021-07-30'), (2, 2, '2021-08-30'), (3, 1, '2021-10-30');
INSERT INTO corrective_action(risk_id, site_id, title, issued_workshop_id, issued_on, status, status_reason, created_at, updated_at) VALUES
  (1, 1, 'Register of children', 1, '2021-07-30', 'implemented', NULL, 'x', 'x'),
  (1, 1, 'Radio campaign', 1, '2021-07-30', 'in_progress', NULL, 'x', 'x'),
  (1, 1, 'Caregiver visits', 3, '2021-10-30', 'issued', NULL, 'x', 'x'),
  (2, 2, 'Report to mine police', 2, '2021-08-30', 'not_implemented', 'police absent', 'x', 'x'),
  (2, 2, 'Draft only', NULL, NULL, 'draft', NULL, 'x', 'x');
)SQL");
    }
};

} // namespace

TEST_CASE("KPI figures are counted from the records", "[store][kpi]")
{
    SmallProgramme p;
    const auto k = store::compute_kpis(p.db.sql(), {});
    CHECK(k.sites_total == 3);
    CHECK(k.sites_active == 2);
    CHECK(k.incidents_verified == 5);
    CHECK(k.risk_areas_covered == 3);
    CHECK(k.child_labour_incidents == 4);
    CHECK(k.wfcl_incidents == 3);
    CHECK(k.incidents_awaiting_triage == 2);
    CHECK(k.actions_issued == 4);
    CHECK(k.actions_progressing == 2);
    CHECK(k.child_labour_actions_issued == 3);
    CHECK(k.child_labour_actions_progressing == 2);
    CHECK(k.workshops == 3);
    CHECK(k.verified_by_category.size() == 7);
    CHECK(k.verified_by_category.at("human_rights") == 4);
    CHECK(k.verified_by_category.at("security") == 1);
    CHECK(k.verified_by_category.at("environment") == 0);
}

TEST_CASE("KPI filters restrict every figure", "[store][kpi]")
{
    SmallProgramme p;
    auto& sql = p.db.sql();
    core::KpiFilter f;
    f.site_code = "LUA-1";
    f.from = "2021-07-01";
    f.to = "2021-09-30";
    auto k = store::compute_kpis(sql, f);
    CHECK(k.sites_total == 1);
    CHECK(k.incidents_verified == 2);
    CHECK(k.child_labour_incidents == 2);
    CHECK(k.actions_issued == 2);
    CHECK(k.actions_progressing == 2);
    CHECK(k.workshops == 1);

    f = {};
    f.areas = {"non_state_armed_groups"};
    k = store::compute_kpis(sql, f);
    CHECK(k.incidents_verified == 1);
    CHECK(k.actions_issued == 1);
    CHECK(k.actions_progressing == 0);
    CHECK(k.child_labour_actions_issued == 0);
    CHECK(k.workshops == 1);

    f = {};
    f.country = "RW";
    k = store::compute_kpis(sql, f);
    CHECK(k.sites_total == 1);
    CHECK(k.sites_active == 0);
    CHECK(k.child_labour_incidents == 1);
    CHECK(k.wfcl_incidents == 1);
    CHECK(k.incidents_awaiting_triage == 1);
    CHECK(k.actions_issued == 0);

    f = {};
    f.province = "South Kivu";
    k = store::compute_kpis(sql, f);
    CHECK(k.incidents_verified == 1);
    CHECK(k.workshops == 1);
}

TEST_CASE("KPI filters that match nothing known are refused", "[store][kpi]")
{
    SmallProgramme p;
    core::KpiFilter f;
    f.site_code = "NOPE";
    CHECK_THROWS_WITH(store::compute_kpis(p.db.sql(), f), Catch::Contains("--site"));
    f = {};
    f.province = "Ituri";
    CHECK_THROWS_WITH(store::compute_kpis(p.db.sql(), f), Catch::Contains("Lualaba"));
    f = {};
    f.areas = {"kids"};
    CHECK_THROWS_AS(store::compute_kpis(p.db.sql(), f), InvalidInput);
}
