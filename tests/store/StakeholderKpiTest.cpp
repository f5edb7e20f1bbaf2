#include "core/Error.hpp"
#include "store/ActionQuery.hpp"
#include "store/Database.hpp"
#include "store/KpiBreakdown.hpp"
#include "store/KpiQuery.hpp"
#include "store/StakeholderStore.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <map>

using namespace mwangaza;
using mwangaza::store::Database;
using D = mwangaza::store::KpiDimension;
using M = mwangaza::store::KpiMeasure;

namespace {

template <typename Set>
store::ActionFilter make(Set set)
{
    store::ActionFilter f;
    set(f);
    return f;
}

// Two sites, three stakeholders, actions whose figures are counted by hand below.
struct SmallProgramme {
    test::TempFolder dir{"mwangaza-stakeholders"};
    Database db = Database::open(dir / "p.mwz", Database::Mode::Create);

    SmallProgramme()
    {
        db.sql().exec(R"SQL(
INSERT INTO site(id, code, name, country, province, minerals, active) VALUES
  (1, 'LUA-1', 'Kasulo', 'CD', 'Lualaba', 'cobalt', 1), (2, 'SK-1', 'Nyabibwe', 'CD', 'South Kivu', 'tin', 1);
INSERT INTO stakeholder(id, name, type, contact, languages) VALUES
  (1, 'COMAKAT', 'cooperative', '+243 97 000 0000', 'fr,sw'), (2, 'Radio Kolwezi', 'media', NULL, 'fr'),
  (3, 'SAEMAPE Sud-Kivu', 'state_service', NULL, 'fr');
INSERT INTO stakeholder_site VALUES (1, 1), (2, 1), (3, 2);
INSERT INTO risk(id, site_id, risk_area, title, opened_on) VALUES
  (1, 1, 'wfcl', 'Children carrying ore', '2021-07-10'), (2, 2, 'ohs', 'Pit collapses', '2021-07-15');
INSERT INTO workshop(id, site_id, held_on) VALUES (1, 1, '2021-07-30'), (2, 2, '2021-08-30'), (3, 1, '2021-10-30');
INSERT INTO corrective_action(id, risk_id, site_id, title, responsible_id, issued_workshop_id, issued_on, due_on, status, status_reason, created_at, updated_at) VALUES
  (1, 1, 1, 'Register of children', 1, 1, '2021-07-30', '2021-08-30', 'implemented', NULL, 'x', 'x'),
  (2, 1, 1, 'Radio campaign', 2, 1, '2021-07-30', '2021-09-30', 'in_progress', NULL, 'x', 'x'),
  (3, 1, 1, 'Caregiver visits', 1, 3, '2021-10-30', '2021-11-30', 'issued', NULL, 'x', 'x'),
  (4, 2, 2, 'Shore pits', 3, 2, '2021-08-30', '2021-09-15', 'not_implemented', 'no timber', 'x', 'x'),
  (5, 2, 2, 'Helmets', NULL, 2, '2021-08-30', '2021-10-15', 'issued', NULL, 'x', 'x'),
  (6, 2, 2, 'Draft only', 3, NULL, NULL, '2021-10-01', 'draft', NULL, 'x', 'x');
INSERT INTO action_supporter VALUES (1, 2), (3, 2), (5, 1);
)SQL");
    }

    const store::KpiBreakdownRow& row(const std::vector<store::KpiBreakdownRow>& rows, const std::string& key)
    {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.key == key; });
        REQUIRE(it != rows.end());
        return *it;
    }
};

} // namespace

TEST_CASE("stakeholders are added and edited with their sites, languages and an audit entry", "[store][stakeholders]")
{
    SmallProgramme p;
    store::Stakeholder s;
    s.name = "  Paroisse de Kasulo ";
    s.type = "religious_leader";
    s.languages = "FR, sw";
    s.site_codes = {"LUA-1", "SK-1", "LUA-1"};
    const auto id = store::save_stakeholder(p.db, s, "expert");
    auto back = store::read_stakeholder(p.db.sql(), id);
    CHECK(back.name == "Paroisse de Kasulo");
    CHECK(back.languages == "fr,sw");
    CHECK(back.site_codes == std::vector<std::string>{"LUA-1", "SK-1"});

    back.site_codes = {"SK-1"};
    back.contact = "Abbé Jean, +243 81 000 0000";
    CHECK(store::save_stakeholder(p.db, back, "expert") == id);
    const auto edited = store::read_stakeholder(p.db.sql(), id);
    CHECK(edited.site_codes == std::vector<std::string>{"SK-1"});
    CHECK(edited.contact == "Abbé Jean, +243 81 000 0000");
    CHECK(p.db.sql().execAndGet("SELECT count(*) FROM audit_log WHERE entity = 'stakeholder'").getInt() == 2);
    CHECK(store::list_stakeholders(p.db.sql()).size() == 4);

    store::Stakeholder bad = s;
    bad.type = "chief";
    CHECK_THROWS_WITH(store::save_stakeholder(p.db, bad, "expert"),
                      Catch::Contains("'chief'") && Catch::Contains("traditional_authority"));
    bad = s;
    bad.site_codes = {"XX-9"};
    CHECK_THROWS_WITH(store::save_stakeholder(p.db, bad, "expert"), Catch::Contains("XX-9"));
    bad = s;
    bad.languages = "français";
    CHECK_THROWS_WITH(store::save_stakeholder(p.db, bad, "expert"), Catch::Contains("languages"));
    bad = s;
    bad.name = " ";
    CHECK_THROWS_WITH(store::save_stakeholder(p.db, bad, "expert"), Catch::Contains("name"));
    CHECK(store::list_stakeholders(p.db.sql()).size() == 4);
}

TEST_CASE("a stakeholder's workload counts open and overdue actions as responsible and supporter", "[store][stakeholders]")
{
    SmallProgramme p;
    const auto loads = store::stakeholder_workloads(p.db.sql(), "2021-10-01");
    auto of = [&](std::int64_t id) {
        return *std::find_if(loads.begin(), loads.end(), [&](const auto& w) { return w.stakeholder_id == id; });
    };
    const auto comakat = of(1);
    CHECK(comakat.responsible_open == 1);    // action 3 (1 is implemented)
    CHECK(comakat.responsible_overdue == 0); // due 2021-11-30
    CHECK(comakat.supporting_open == 1);     // action 5, due 2021-10-15
    CHECK(comakat.supporting_overdue == 0);
    CHECK(comakat.issued == 2);
    CHECK(comakat.progressing == 1);
    CHECK(comakat.rate() == Approx(0.5));
    const auto radio = of(2);
    CHECK(radio.responsible_open == 1); // action 2, due 2021-09-30: overdue on 2021-10-01
    CHECK(radio.responsible_overdue == 1);
    CHECK(radio.supporting_open == 1); // action 3 (action 1 is implemented)
    CHECK(radio.rate() == Approx(1.0));
    const auto saemape = of(3);
    CHECK(saemape.responsible_open == 0); // not implemented, and a draft
    CHECK(saemape.issued == 1);
    CHECK(saemape.rate() == Approx(0.0));
    CHECK(of(1).supporting_overdue == 0);
    CHECK(store::stakeholder_workloads(p.db.sql(), "2021-10-16")[0].supporting_overdue == 1); // COMAKAT, action 5
    CHECK_THROWS_AS(store::stakeholder_workloads(p.db.sql(), "16/10/2021"), InvalidInput);
}

TEST_CASE("the actions list filters by site, stakeholder, status and overdue on a date", "[store][actions]")
{
    SmallProgramme p;
    auto ids = [&](const store::ActionFilter& f) {
        std::vector<std::int64_t> out;
        for (const auto& r : store::list_actions(p.db.sql(), f))
            out.push_back(r.id);
        return out;
    };
    using V = std::vector<std::int64_t>;
    CHECK(ids({}) == V{1, 2, 3, 4, 5, 6});
    CHECK(ids(make([](store::ActionFilter& f) { f.site_code = "SK-1"; })) == V{4, 5, 6});
    CHECK(ids(make([](store::ActionFilter& f) { f.stakeholder_id = 1; })) == V{1, 3, 5}); // responsible for 1 and 3, supports 5
    CHECK(ids(make([](store::ActionFilter& f) { f.status = core::ActionStatus::Issued; })) == V{3, 5});
    CHECK(ids(make([](store::ActionFilter& f) { f.risk_area = "wfcl"; })) == V{1, 2, 3});
    CHECK(ids(make([](store::ActionFilter& f) { f.overdue_on = "2021-10-01"; })) == V{2});
    CHECK(ids(make([](store::ActionFilter& f) { f.overdue_on = "2021-10-16"; })) == V{2, 5});
    CHECK(ids(make([](store::ActionFilter& f) { f.overdue_on = "2022-01-01"; })) == V{2, 3, 5});
    CHECK(ids(make([](store::ActionFilter& f) { f.site_code = "LUA-1"; f.overdue_on = "2022-01-01"; })) == V{2, 3});
    const auto rows = store::list_actions(p.db.sql(), make([](store::ActionFilter& f) { f.site_code = "LUA-1"; }));
    CHECK(rows[0].responsible_name == "COMAKAT");
    CHECK(rows[0].risk_area == "wfcl");
    CHECK_THROWS_WITH(store::list_actions(p.db.sql(), make([](store::ActionFilter& f) { f.site_code = "XX"; })), Catch::Contains("XX"));
    CHECK_THROWS_WITH(store::list_actions(p.db.sql(), make([](store::ActionFilter& f) { f.stakeholder_id = 99; })), Catch::Contains("99"));
    CHECK_THROWS_WITH(store::list_actions(p.db.sql(), make([](store::ActionFilter& f) { f.overdue_on = "2021-13-01"; })), Catch::Contains("2021-13-01"));
}

TEST_CASE("KPI breakdowns add up to the programme figures and drill down to their actions", "[store][kpi]")
{
    SmallProgramme p;
    const auto k = store::compute_kpis(p.db.sql(), {});
    REQUIRE(k.actions_issued == 5);
    REQUIRE(k.actions_progressing == 2);
    for (auto d : {D::Site, D::Stakeholder, D::Area, D::Category, D::Month, D::Quarter}) {
        INFO(std::string(store::kpi_dimension_code(d)));
        const auto rows = store::kpi_breakdown(p.db.sql(), d);
        std::int64_t issued = 0, progressing = 0;
        for (const auto& r : rows) {
            issued += r.issued;
            progressing += r.progressing();
            CHECK(r.issued == r.in_progress + r.implemented + r.not_implemented + r.cancelled + r.still_issued);
            CHECK(store::kpi_breakdown_actions(p.db.sql(), d, r.key, M::Issued).size() == std::size_t(r.issued));
            CHECK(store::kpi_breakdown_actions(p.db.sql(), d, r.key, M::Progressing).size() ==
                  std::size_t(r.progressing()));
        }
        CHECK(issued == k.actions_issued);
        CHECK(progressing == k.actions_progressing);
        CHECK(store::kpi_dimension_from_code(store::kpi_dimension_code(d)) == d);
    }
    using V = std::vector<std::int64_t>;
    const auto by_site = store::kpi_breakdown(p.db.sql(), D::Site);
    CHECK(p.row(by_site, "LUA-1").issued == 3);
    CHECK(p.row(by_site, "LUA-1").rate() == Approx(2.0 / 3.0));
    CHECK(p.row(by_site, "LUA-1").label == "Kasulo");
    CHECK(store::kpi_breakdown_actions(p.db.sql(), D::Site, "SK-1", M::Issued) == V{4, 5});
    const auto by_stakeholder = store::kpi_breakdown(p.db.sql(), D::Stakeholder);
    CHECK(p.row(by_stakeholder, "1").label == "COMAKAT");
    CHECK(p.row(by_stakeholder, "").issued == 1); // action 5 has no responsible stakeholder
    CHECK(by_stakeholder.back().key.empty());      // listed last
    CHECK(store::kpi_breakdown_actions(p.db.sql(), D::Stakeholder, "1", M::Progressing) == V{1});
    CHECK(store::kpi_breakdown_actions(p.db.sql(), D::Stakeholder, "", M::Issued) == V{5});
    const auto by_category = store::kpi_breakdown(p.db.sql(), D::Category);
    CHECK(p.row(by_category, "human_rights").issued == 3);
    CHECK(p.row(by_category, "working_conditions").issued == 2);
    CHECK(store::kpi_breakdown_actions(p.db.sql(), D::Category, "working_conditions", M::NotImplemented) == V{4});
    const auto by_month = store::kpi_breakdown(p.db.sql(), D::Month);
    CHECK(p.row(by_month, "2021-07").issued == 2);
    CHECK(p.row(by_month, "2021-08").issued == 2);
    const auto by_quarter = store::kpi_breakdown(p.db.sql(), D::Quarter);
    CHECK(p.row(by_quarter, "2021-Q3").issued == 4);
    CHECK(p.row(by_quarter, "2021-Q4").issued == 1);
    CHECK(store::kpi_breakdown_actions(p.db.sql(), D::Quarter, "2021-Q4", M::StillIssued) == V{3});
    CHECK_THROWS_AS(store::kpi_breakdown_actions(p.db.sql(), D::Month, "2021-13", M::Issued), InvalidInput);
    CHECK_THROWS_AS(store::kpi_breakdown_actions(p.db.sql(), D::Area, "mining", M::Issued), InvalidInput);
    CHECK_THROWS_AS(store::kpi_breakdown_actions(p.db.sql(), D::Quarter, "2021-Q5", M::Issued), InvalidInput);
}

TEST_CASE("the rate by stakeholder follows every change of an action, as a GROUP BY over the actions says",
          "[store][kpi]")
{
    SmallProgramme p;
    auto& sql = p.db.sql();
    auto check = [&] {
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> plain;
        SQLite::Statement q(sql, "SELECT coalesce(responsible_id, ''), count(*), sum(status IN ('in_progress', "
                                 "'implemented')) FROM corrective_action WHERE issued_on IS NOT NULL GROUP BY 1");
        while (q.executeStep())
            plain[q.getColumn(0).getString()] = {q.getColumn(1).getInt64(), q.getColumn(2).getInt64()};
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> tallied;
        for (const auto& r : store::kpi_breakdown(sql, D::Stakeholder))
            tallied[r.key] = {r.issued, r.progressing()};
        CHECK(tallied == plain);
    };
    check();
    sql.exec("UPDATE corrective_action SET status = 'issued', issued_on = '2021-10-30' WHERE id = 6");
    check();
    sql.exec("UPDATE corrective_action SET status = 'in_progress' WHERE id = 6");
    sql.exec("UPDATE corrective_action SET responsible_id = 2 WHERE id = 5");
    check();
    sql.exec("UPDATE corrective_action SET responsible_id = NULL WHERE id = 1");
    sql.exec("DELETE FROM action_supporter WHERE action_id = 3");
    sql.exec("DELETE FROM corrective_action WHERE id = 3");
    check();
    sql.exec("INSERT INTO corrective_action(risk_id, site_id, title, responsible_id, issued_on, status, created_at, "
             "updated_at) VALUES (1, 1, 'New', 3, '2021-11-30', 'implemented', 'x', 'x')");
    check();
}

TEST_CASE("the stakeholders' workloads follow every change of actions and supporters, as a GROUP BY over them says",
          "[store][stakeholders]")
{
    SmallProgramme p;
    auto& sql = p.db.sql();
    // id -> {responsible open, overdue, supporting open, overdue, issued, progressing}, straight from the rows.
    using Figures = std::array<std::int64_t, 6>;
    auto plain = [&](const std::string& on) {
        std::map<std::int64_t, Figures> out;
        SQLite::Statement s(sql, "SELECT id FROM stakeholder");
        while (s.executeStep())
            out[s.getColumn(0).getInt64()] = {};
        SQLite::Statement r(sql, "SELECT responsible_id, sum(status IN ('issued', 'in_progress')), "
                                 "sum(status IN ('issued', 'in_progress') AND due_on < ?1), count(*), "
                                 "sum(status IN ('in_progress', 'implemented')) FROM corrective_action "
                                 "WHERE responsible_id IS NOT NULL AND issued_on IS NOT NULL GROUP BY 1");
        r.bind(1, on);
        while (r.executeStep()) {
            auto& f = out[r.getColumn(0).getInt64()];
            f[0] = r.getColumn(1).getInt64();
            f[1] = r.getColumn(2).getInt64();
            f[4] = r.getColumn(3).getInt64();
            f[5] = r.getColumn(4).getInt64();
        }
        SQLite::Statement x(sql, "SELECT x.stakeholder_id, count(*), sum(a.due_on < ?1) FROM action_supporter x "
                                 "JOIN corrective_action a ON a.id = x.action_id "
                                 "WHERE a.status IN ('issued', 'in_progress') GROUP BY 1");
        x.bind(1, on);
        while (x.executeStep()) {
            auto& f = out[x.getColumn(0).getInt64()];
            f[2] = x.getColumn(1).getInt64();
            f[3] = x.getColumn(2).getInt64();
        }
        return out;
    };
    auto figures = [](const store::StakeholderWorkload& w) {
        return Figures{w.responsible_open, w.responsible_overdue, w.supporting_open, w.supporting_overdue, w.issued,
                       w.progressing};
    };
    // Days before, between and after the due dates, so that both ways of counting overdue
    // (the actions due before the day, or those not yet due) are taken.
    auto check = [&] {
        for (const std::string on : {"2021-01-01", "2021-09-20", "2021-10-01", "2021-10-16", "2021-11-30", "2023-01-01"}) {
            INFO("on " << on);
            const auto expected = plain(on);
            // Stakeholders without any action are left out: their figures are all 0.
            std::map<std::int64_t, Figures> got;
            for (const auto& [id, f] : expected)
                got[id] = Figures{};
            std::int64_t previous = 0;
            for (const auto& w : store::stakeholder_workloads(sql, on)) {
                CHECK(expected.count(w.stakeholder_id) == 1);
                CHECK(w.stakeholder_id > previous); // in id order
                previous = w.stakeholder_id;
                CHECK(figures(w) != Figures{});
                got[w.stakeholder_id] = figures(w);
            }
            CHECK(got == expected);
            for (const auto& [id, f] : expected)
                CHECK(figures(store::stakeholder_workload(sql, id, on)) == f);
        }
    };
    check();
    sql.exec("UPDATE corrective_action SET status = 'issued', issued_on = '2021-10-30' WHERE id = 6"); // draft issued
    sql.exec("INSERT INTO action_supporter VALUES (6, 1), (6, 2)");
    check();
    sql.exec("UPDATE corrective_action SET due_on = '2021-12-31' WHERE id = 6");
    sql.exec("UPDATE corrective_action SET due_on = NULL WHERE id = 3");
    check();
    sql.exec("UPDATE corrective_action SET status = 'implemented' WHERE id = 6");
    sql.exec("UPDATE corrective_action SET status = 'in_progress' WHERE id = 4");
    sql.exec("UPDATE action_supporter SET stakeholder_id = 3 WHERE action_id = 5 AND stakeholder_id = 1");
    check();
    sql.exec("DELETE FROM action_supporter WHERE action_id = 3");
    sql.exec("INSERT INTO action_supporter VALUES (4, 1)");
    sql.exec("DELETE FROM corrective_action WHERE id = 5");
    check();
    p.db.sql().exec("INSERT INTO stakeholder(id, name, type) VALUES (9, 'Radio Okapi', 'media')");
    CHECK(figures(store::stakeholder_workload(sql, 9, "2021-10-01")) == Figures{});
    check();
    CHECK_THROWS_AS(store::stakeholder_workload(sql, 99, "2021-10-01"), InvalidInput);
    CHECK_THROWS_AS(store::stakeholder_workload(sql, 1, "2021-13-01"), InvalidInput);
}

TEST_CASE("the rate by site, month and quarter follows every change of an action, as a GROUP BY says", "[store][kpi]")
{
    SmallProgramme p;
    auto& sql = p.db.sql();
    using Counts = std::map<std::string, std::vector<std::int64_t>>;
    auto plain = [&](const std::string& key) {
        Counts out;
        SQLite::Statement q(sql, "SELECT " + key + ", count(*), sum(status = 'issued'), sum(status = 'in_progress'), "
                                 "sum(status = 'implemented'), sum(status = 'not_implemented'), sum(status = "
                                 "'cancelled') FROM corrective_action a JOIN site s ON s.id = a.site_id "
                                 "WHERE issued_on IS NOT NULL GROUP BY 1");
        while (q.executeStep())
            for (int i = 1; i <= 6; ++i)
                out[q.getColumn(0).getString()].push_back(q.getColumn(i).getInt64());
        return out;
    };
    auto tallied = [&](D d) {
        Counts out;
        for (const auto& r : store::kpi_breakdown(sql, d))
            out[r.key] = {r.issued, r.still_issued, r.in_progress, r.implemented, r.not_implemented, r.cancelled};
        return out;
    };
    const std::string quarter = "substr(issued_on, 1, 5) || 'Q' || ((CAST(substr(issued_on, 6, 2) AS INTEGER) + 2) / 3)";
    int checks = 0;
    auto check = [&] {
        CHECK(tallied(D::Site) == plain("s.code"));
        CHECK(tallied(D::Month) == plain("substr(issued_on, 1, 7)"));
        CHECK(tallied(D::Quarter) == plain(quarter));
        ++checks;
    };
    check();
    REQUIRE(tallied(D::Site).size() >= 2);
    sql.exec("UPDATE corrective_action SET status = 'issued', issued_on = '2021-10-30' WHERE id = 6");
    check();
    sql.exec("UPDATE corrective_action SET status = 'in_progress' WHERE id = 6");
    sql.exec("UPDATE corrective_action SET issued_on = '2022-01-04' WHERE id = 5");
    check();
    sql.exec("UPDATE corrective_action SET site_id = (SELECT max(id) FROM site) WHERE id = 1");
    sql.exec("DELETE FROM action_supporter WHERE action_id = 3");
    sql.exec("DELETE FROM corrective_action WHERE id = 3");
    check();
    sql.exec("INSERT INTO corrective_action(risk_id, site_id, title, responsible_id, issued_on, status, created_at, "
             "updated_at) VALUES (1, 1, 'New', 3, '2021-11-30', 'implemented', 'x', 'x')");
    check();
    CHECK(checks == 5);
}
