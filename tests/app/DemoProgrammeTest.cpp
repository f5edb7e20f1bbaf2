#include "KpiFigures.hpp"
#include "TempFolder.hpp"

#include "app/DemoProgramme.hpp"
#include "core/Error.hpp"
#include "core/Kpi.hpp"
#include "core/Lifecycle.hpp"
#include "core/Taxonomy.hpp"
#include "store/Database.hpp"
#include "store/KpiQuery.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

using namespace mwangaza;
using mwangaza::store::Database;
using mwangaza::test::TempFolder;
namespace fs = std::filesystem;

namespace {

std::int64_t count(Database& db, const std::string& sql)
{
    return db.sql().execAndGet(sql).getInt64();
}

core::KpiFigures kpis(Database& db, core::KpiFilter filter = {})
{
    return store::compute_kpis(db.sql(), filter);
}

core::KpiFilter site_quarter(const std::string& site, const std::string& from, const std::string& to)
{
    core::KpiFilter f;
    f.site_code = site;
    f.from = from;
    f.to = to;
    return f;
}

// FNV-1a over every value of every row the query returns.
std::uint64_t hash_query(Database& db, const std::string& sql)
{
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](const std::string& s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0x1F;
        h *= 1099511628211ULL;
    };
    SQLite::Statement q(db.sql(), sql);
    while (q.executeStep())
        for (int i = 0; i < q.getColumnCount(); ++i)
            mix(q.getColumn(i).isNull() ? std::string("\x01") : q.getColumn(i).getString());
    return h;
}

// Cancels at the first poll after the writing has started.
class CancelWhileWriting : public app::Progress {
public:
    void report(double fraction, const std::string&) override { m_started = m_started || fraction > 0.0; ++m_reports; }
    bool cancelled() const override
    {
        ++m_polls;
        return m_polls > 2;
    }
    int reports() const { return m_reports; }

private:
    bool m_started = false;
    int m_reports = 0;
    mutable int m_polls = 0;
};

} // namespace

TEST_CASE("The demo programme reproduces every published figure", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    app::SilentProgress progress;
    const auto summary = app::create_demo(dir / "demo.mwz", {}, progress);
    CHECK(summary.sites == 48);
    CHECK(summary.workshops == 140);
    CHECK(summary.actions > 1098);   // drafts come on top of the issued actions
    CHECK(summary.incidents > 2048); // incidents still in triage or rejected too
    CHECK(summary.stakeholders > 48);

    auto db = Database::open(dir / "demo.mwz");
    const auto k = kpis(db);
    CHECK(k.sites_total == 48);
    CHECK(k.sites_active == 32);
    CHECK(k.incidents_verified == 2048);
    CHECK(k.risk_areas_covered == 26);
    CHECK(k.child_labour_incidents == 240);
    CHECK(k.wfcl_incidents >= 100); // about half of them
    CHECK(k.wfcl_incidents <= 140);
    CHECK(k.actions_issued == 1098);
    CHECK(k.actions_progressing == 888);
    CHECK(core::percent(k.actions_progressing, k.actions_issued) == 81);
    CHECK(core::implementation_rate(k.actions_progressing, k.actions_issued) == Approx(0.8087).margin(0.00005));
    CHECK(k.child_labour_actions_issued == 122);
    CHECK(k.child_labour_actions_progressing == 97);
    CHECK(k.workshops == 140);
    CHECK(k.incidents_awaiting_triage >= 100);
    CHECK(k.incidents_awaiting_triage <= 600);

    CHECK(db.setting("period_start") == "2021-04-01");
    CHECK(db.setting("period_end") == "2022-03-31");
    CHECK_FALSE(db.setting("name").empty());
    CHECK(count(db, "SELECT count(*) FROM incident WHERE observed_on NOT BETWEEN '2021-04-01' AND '2022-03-31'") == 0);

    // The Lualaba cobalt site: 33 child labour incidents in July-September 2021, 7 in
    // October-December 2021.
    CHECK(count(db, "SELECT count(*) FROM site WHERE code = 'CD-KOL-01' AND province = 'Lualaba' "
                    "AND minerals LIKE '%cobalt%'") == 1);
    CHECK(kpis(db, site_quarter("CD-KOL-01", "2021-07-01", "2021-09-30")).child_labour_incidents == 33);
    CHECK(kpis(db, site_quarter("CD-KOL-01", "2021-10-01", "2021-12-31")).child_labour_incidents == 7);

    core::KpiFilter rwanda;
    rwanda.country = "RW";
    const auto rw = kpis(db, rwanda);
    CHECK(rw.sites_total == 25);
    CHECK(rw.child_labour_incidents == 4);
    CHECK(rw.wfcl_incidents == 3);

    core::KpiFilter child;
    child.areas = {"child_labour", "wfcl"};
    const auto cl = kpis(db, child);
    CHECK(cl.incidents_verified == 240);
    CHECK(cl.actions_issued == 122);
    CHECK(cl.actions_progressing == 97);
}

TEST_CASE("Demo sites are where the programme works", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    app::SilentProgress progress;
    app::create_demo(dir / "demo.mwz", {}, progress);
    auto db = Database::open(dir / "demo.mwz");

    CHECK(count(db, "SELECT count(*) FROM site WHERE country = 'RW'") == 25);
    CHECK(count(db, "SELECT count(*) FROM site WHERE province IN ('South Kivu', 'North Kivu', 'Maniema')") == 13);
    CHECK(count(db, "SELECT count(*) FROM site WHERE province = 'Haut-Katanga'") == 3);
    CHECK(count(db, "SELECT count(*) FROM site WHERE province = 'Lualaba'") == 7);
    CHECK(count(db, "SELECT count(*) FROM site WHERE province IN ('Haut-Katanga', 'Lualaba') "
                    "AND (minerals NOT LIKE '%cobalt%' OR minerals NOT LIKE '%copper%')") == 0);
    CHECK(count(db, "SELECT count(*) FROM site WHERE country = 'RW' AND minerals LIKE '%cobalt%'") == 0);
    const auto miners = count(db, "SELECT sum(miners) FROM site");
    CHECK(miners >= 54000);
    CHECK(miners <= 56000);
    CHECK(count(db, "SELECT count(*) FROM site WHERE operator IS NULL OR territory IS NULL") == 0);

    // Every site lies inside a rough box around its province.
    struct Box {
        const char* province;
        double lat_min, lat_max, lon_min, lon_max;
    };
    const Box boxes[] = {
        {"Lualaba", -12.0, -7.5, 21.5, 27.0},     {"Haut-Katanga", -13.5, -7.0, 25.5, 30.8},
        {"South Kivu", -5.0, -1.6, 26.8, 29.3},   {"North Kivu", -2.1, 0.9, 27.2, 29.9},
        {"Maniema", -5.0, 0.0, 24.8, 28.5},       {"Western Province", -2.6, -1.4, 28.8, 29.8},
        {"Northern Province", -1.9, -1.3, 29.5, 30.3}, {"Southern Province", -2.8, -1.9, 29.3, 30.1},
        {"Eastern Province", -2.4, -1.0, 30.0, 30.9},  {"Kigali City", -2.1, -1.8, 29.95, 30.3},
    };
    SQLite::Statement q(db.sql(), "SELECT code, province, lat, lon FROM site");
    int checked = 0;
    while (q.executeStep()) {
        const std::string code = q.getColumn(0).getString();
        const std::string province = q.getColumn(1).getString();
        const double lat = q.getColumn(2).getDouble(), lon = q.getColumn(3).getDouble();
        const Box* box = nullptr;
        for (const auto& b : boxes)
            if (province == b.province)
                box = &b;
        INFO(code << " in " << province << " at " << lat << ", " << lon);
        REQUIRE(box != nullptr);
        CHECK(lat >= box->lat_min);
        CHECK(lat <= box->lat_max);
        CHECK(lon >= box->lon_min);
        CHECK(lon <= box->lon_max);
        ++checked;
    }
    CHECK(checked == 48);

    // Stakeholders of the listed types, linked to sites.
    std::set<std::string> types;
    SQLite::Statement t(db.sql(), "SELECT DISTINCT type FROM stakeholder");
    while (t.executeStep())
        types.insert(t.getColumn(0).getString());
    for (const char* type : {"cooperative", "asm_miners", "community_representative", "traditional_authority",
                             "religious_leader", "upstream_industry", "ngo", "state_service", "government",
                             "security_sector", "development_partner", "media"})
        CHECK(types.count(type) == 1);
    for (const char* name : {"SAEMAPE Lualaba", "CEEC Lualaba", "UNICEF RDC", "GIZ Rwanda"})
        CHECK(count(db, std::string("SELECT count(*) FROM stakeholder WHERE name = '") + name + "'") == 1);
    CHECK(count(db, "SELECT count(*) FROM stakeholder WHERE name LIKE 'Rwanda Mines, Petroleum and Gas Board%'") == 5);
    CHECK(count(db, "SELECT count(*) FROM stakeholder s WHERE NOT EXISTS "
                    "(SELECT 1 FROM stakeholder_site l WHERE l.stakeholder_id = s.id)") == 0);
}

TEST_CASE("Demo incidents have plausible content and coherent status histories", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    app::SilentProgress progress;
    app::create_demo(dir / "demo.mwz", {}, progress);
    auto db = Database::open(dir / "demo.mwz");

    for (const char* status : {"new", "in_review", "needs_info", "rejected"})
        CHECK(count(db, std::string("SELECT count(*) FROM incident WHERE status = '") + status + "'") > 20);
    const auto total = count(db, "SELECT count(*) FROM incident");
    const auto swahili = count(db, "SELECT count(*) FROM incident WHERE language = 'sw'");
    CHECK(swahili > 0);
    CHECK(swahili * 10 < total);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE language = 'fr'") > 500);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE language = 'en'") > 500);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE description = '' OR description LIKE '%{%'") == 0);
    CHECK(count(db, "SELECT count(DISTINCT description) FROM incident") > 1000);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE reporter IS NULL OR source_id IS NULL") == 0);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE risk_area IN ('child_labour', 'wfcl') AND children = 0") == 0);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE site_id NOT IN (SELECT id FROM site WHERE active = 1)") == 0);

    // Each history starts at creation, chains from one status to the next through legal
    // transitions, ends at the incident's status, and gives the reasons rejections need.
    SQLite::Statement q(db.sql(), "SELECT i.id, i.status, h.from_status, h.to_status, coalesce(h.reason, '') "
                                  "FROM incident i JOIN incident_status_history h ON h.incident_id = i.id "
                                  "ORDER BY i.id, h.changed_at, h.id");
    std::int64_t current = -1, incidents = 0;
    std::string incident_status, last;
    int problems = 0;
    auto finish = [&] {
        if (current >= 0 && last != incident_status)
            ++problems;
    };
    while (q.executeStep()) {
        const auto id = q.getColumn(0).getInt64();
        const std::string from = q.getColumn(2).isNull() ? "" : q.getColumn(2).getString();
        const std::string to = q.getColumn(3).getString();
        const std::string reason = q.getColumn(4).getString();
        if (id != current) {
            finish();
            current = id;
            ++incidents;
            incident_status = q.getColumn(1).getString();
            if (!from.empty() || to != "new")
                ++problems;
        } else {
            const auto f = core::incident_status_from_code(from);
            const auto t = core::incident_status_from_code(to);
            if (from != last || !f || !t || !core::find_transition(*f, *t))
                ++problems;
            else if (core::find_transition(*f, *t)->needs_reason && reason.empty())
                ++problems;
        }
        last = to;
    }
    finish();
    CHECK(incidents == total);
    CHECK(problems == 0);
}

TEST_CASE("Demo risks, assessments, workshops and actions hold together", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    app::SilentProgress progress;
    app::create_demo(dir / "demo.mwz", {}, progress);
    auto db = Database::open(dir / "demo.mwz");

    // Risks come from verified incidents of their site and area, each incident in one risk.
    CHECK(count(db, "SELECT count(*) FROM risk_incident ri JOIN incident i ON i.id = ri.incident_id "
                    "JOIN risk r ON r.id = ri.risk_id "
                    "WHERE i.status <> 'verified' OR i.site_id <> r.site_id OR i.risk_area <> r.risk_area") == 0);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE status = 'verified'") ==
          count(db, "SELECT count(DISTINCT incident_id) FROM risk_incident"));
    CHECK(count(db, "SELECT count(*) FROM risk_incident") == count(db, "SELECT count(DISTINCT incident_id) FROM risk_incident"));

    // Assessments on the current matrix; serious abuse never below high, red-flagged,
    // with an escalation decision; other levels read from the matrix cell.
    CHECK(count(db, "SELECT count(*) FROM risk r WHERE NOT EXISTS (SELECT 1 FROM risk_assessment a WHERE a.risk_id = r.id)") == 0);
    CHECK(count(db, "SELECT count(*) FROM risk_assessment WHERE matrix_version_id <> "
                    "(SELECT id FROM matrix_version WHERE is_current = 1)") == 0);
    CHECK(count(db, "SELECT count(*) FROM risk_assessment a JOIN risk r ON r.id = a.risk_id "
                    "JOIN risk_area ra ON ra.code = r.risk_area WHERE ra.annex_ii = 'serious_abuse' "
                    "AND (a.level NOT IN ('high', 'very_high') OR a.red_flag = 0 OR a.escalation_decision IS NULL "
                    "OR a.escalation_on IS NULL)") == 0);
    CHECK(count(db, "SELECT count(*) FROM risk_assessment a JOIN risk r ON r.id = a.risk_id "
                    "JOIN risk_area ra ON ra.code = r.risk_area "
                    "JOIN matrix_cell c ON c.matrix_version_id = a.matrix_version_id AND c.severity = a.severity "
                    "AND c.likelihood = a.likelihood "
                    "WHERE a.red_flag = 0 AND a.level <> c.level") == 0);
    CHECK(count(db, "SELECT count(*) FROM risk_assessment WHERE red_flag = 1") > 0);
    CHECK(count(db, "SELECT count(*) FROM risk_assessment WHERE red_flag = 0 AND escalation_decision IS NOT NULL") == 0);

    // Workshops at active sites, with attendees and minutes.
    CHECK(count(db, "SELECT count(*) FROM workshop w JOIN site s ON s.id = w.site_id WHERE s.active = 0") == 0);
    CHECK(count(db, "SELECT count(*) FROM workshop w WHERE (SELECT count(*) FROM workshop_attendee a "
                    "WHERE a.workshop_id = w.id) < 4 OR coalesce(minutes, '') = ''") == 0);
    CHECK(count(db, "SELECT count(*) FROM workshop WHERE held_on NOT BETWEEN '2021-04-01' AND '2022-03-31'") == 0);

    // Issued actions: at a workshop of their risk's site, on its date, with a responsible
    // stakeholder of that site, due after issue; reasons where the lifecycle needs them.
    CHECK(count(db, "SELECT count(*) FROM corrective_action a JOIN workshop w ON w.id = a.issued_workshop_id "
                    "JOIN risk r ON r.id = a.risk_id WHERE a.issued_on <> w.held_on OR w.site_id <> a.site_id "
                    "OR r.site_id <> a.site_id OR a.due_on <= a.issued_on") == 0);
    CHECK(count(db, "SELECT count(*) FROM corrective_action WHERE status <> 'draft' AND issued_workshop_id IS NULL") == 0);
    CHECK(count(db, "SELECT count(*) FROM corrective_action a WHERE a.responsible_id IS NULL OR NOT EXISTS "
                    "(SELECT 1 FROM stakeholder_site l WHERE l.stakeholder_id = a.responsible_id AND l.site_id = a.site_id)") == 0);
    CHECK(count(db, "SELECT count(*) FROM corrective_action WHERE status IN ('not_implemented', 'cancelled') "
                    "AND coalesce(status_reason, '') = ''") == 0);
    for (const char* status : {"issued", "in_progress", "implemented", "not_implemented", "cancelled", "draft"})
        CHECK(count(db, std::string("SELECT count(*) FROM corrective_action WHERE status = '") + status + "'") > 0);
    CHECK(count(db, "SELECT count(*) FROM corrective_action WHERE status = 'draft' AND issued_on IS NOT NULL") == 0);
    CHECK(count(db, "SELECT count(*) FROM action_supporter") > 1000);
    CHECK(count(db, "SELECT count(*) FROM corrective_action a JOIN risk r ON r.id = a.risk_id "
                    "WHERE r.risk_area = 'child_labour' AND a.title = "
                    "'Cooperative keeps a register of every child found on site'") > 0);

    // Progress records chain from draft to the action's status, never before its issue.
    SQLite::Statement q(db.sql(), "SELECT a.id, a.status, a.issued_on, p.from_status, p.to_status, p.recorded_on "
                                  "FROM corrective_action a JOIN action_progress p ON p.action_id = a.id "
                                  "ORDER BY a.id, p.recorded_on, p.id");
    std::int64_t current = -1;
    std::string status, last;
    int problems = 0, actions = 0;
    while (q.executeStep()) {
        const auto id = q.getColumn(0).getInt64();
        const std::string from = q.getColumn(3).getString(), to = q.getColumn(4).getString();
        if (id != current) {
            if (current >= 0 && last != status)
                ++problems;
            current = id;
            ++actions;
            status = q.getColumn(1).getString();
            last = "draft";
        }
        const auto f = core::action_status_from_code(from);
        const auto t = core::action_status_from_code(to);
        if (from != last || !f || !t || !core::find_transition(*f, *t) ||
            q.getColumn(5).getString() < q.getColumn(2).getString())
            ++problems;
        last = to;
    }
    if (current >= 0 && last != status)
        ++problems;
    CHECK(actions == 1098);
    CHECK(problems == 0);
}

TEST_CASE("Scale N multiplies every figure by N", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    app::SilentProgress progress;
    app::create_demo(dir / "one.mwz", {}, progress);
    app::DemoOptions two;
    two.scale = 2;
    const auto summary = app::create_demo(dir / "two.mwz", two, progress);
    CHECK(summary.sites == 96);
    CHECK(summary.workshops == 280);

    auto db1 = Database::open(dir / "one.mwz");
    auto db2 = Database::open(dir / "two.mwz");
    std::vector<core::KpiFilter> filters(4);
    filters[1].province = "Lualaba";
    filters[2].from = "2021-07-01";
    filters[2].to = "2021-09-30";
    filters[3].areas = {"child_labour", "wfcl", "ohs"};
    filters[3].country = "CD";
    for (const auto& f : filters) {
        const auto one = test::figures(kpis(db1, f));
        const auto twice = test::figures(kpis(db2, f));
        REQUIRE(one.size() == twice.size());
        for (const auto& [name, value] : one) {
            INFO(name);
            if (name == "risk_areas_covered")
                CHECK(twice.at(name) == value); // distinct areas, not a count of records
            else
                CHECK(twice.at(name) == 2 * value);
        }
    }
    // The copy's sites have their own codes and their own figures.
    CHECK(count(db2, "SELECT count(DISTINCT code) FROM site") == 96);
    CHECK(kpis(db2, site_quarter("CD-KOL-01-002", "2021-07-01", "2021-09-30")).child_labour_incidents == 33);
    CHECK(kpis(db2, site_quarter("CD-KOL-01", "2021-10-01", "2021-12-31")).child_labour_incidents == 7);
}

TEST_CASE("The demo programme is the same on every run", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    app::SilentProgress progress;
    app::create_demo(dir / "a.mwz", {}, progress);
    app::create_demo(dir / "b.mwz", {}, progress);
    auto a = Database::open(dir / "a.mwz");
    auto b = Database::open(dir / "b.mwz");
    for (const char* sql : {"SELECT * FROM incident ORDER BY id", "SELECT * FROM incident_status_history ORDER BY id",
                            "SELECT * FROM corrective_action ORDER BY id", "SELECT * FROM action_progress ORDER BY id",
                            "SELECT * FROM risk_assessment ORDER BY id", "SELECT * FROM workshop_attendee ORDER BY id"}) {
        INFO(sql);
        CHECK(hash_query(a, sql) == hash_query(b, sql));
    }
    // The hash does see the data: a different table hashes differently.
    CHECK(hash_query(a, "SELECT * FROM incident ORDER BY id") != hash_query(a, "SELECT * FROM incident ORDER BY id DESC"));
}

TEST_CASE("An existing file is refused without force and replaced with it", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    const fs::path path = dir / "demo.mwz";
    {
        std::ofstream(path) << "someone's notes";
    }
    app::SilentProgress progress;
    CHECK_THROWS_AS(app::create_demo(path, {}, progress), InvalidInput);
    {
        std::ifstream in(path);
        std::string text;
        std::getline(in, text);
        CHECK(text == "someone's notes");
    }
    CHECK(dir.entries().size() == 1);

    app::DemoOptions force;
    force.force = true;
    app::create_demo(path, force, progress);
    auto db = Database::open(path);
    CHECK(kpis(db).incidents_verified == 2048);
}

TEST_CASE("A cancelled or failed run leaves nothing behind", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    {
        CancelWhileWriting progress;
        CHECK_THROWS_AS(app::create_demo(dir / "demo.mwz", {}, progress), Cancelled);
        CHECK(progress.reports() >= 1);
        CHECK(dir.entries().empty());
    }
    {
        app::SilentProgress progress;
        progress.cancel();
        CHECK_THROWS_AS(app::create_demo(dir / "demo.mwz", {}, progress), Cancelled);
        CHECK(dir.entries().empty());
    }
    // Cancelling a forced replacement keeps the old file as it was.
    app::SilentProgress ok;
    app::create_demo(dir / "demo.mwz", {}, ok);
    const auto before = fs::file_size(dir / "demo.mwz");
    app::DemoOptions options;
    options.force = true;
    options.scale = 3;
    CancelWhileWriting progress;
    CHECK_THROWS_AS(app::create_demo(dir / "demo.mwz", options, progress), Cancelled);
    CHECK(dir.entries() == std::vector<std::string>{"demo.mwz"});
    CHECK(fs::file_size(dir / "demo.mwz") == before);

    // A folder that does not exist, or a scale out of range, is refused before any work.
    CHECK_THROWS_AS(app::create_demo(dir / "missing" / "demo.mwz", {}, ok), InvalidInput);
    for (int scale : {0, -1, 1001}) {
        app::DemoOptions bad;
        bad.scale = scale;
        CHECK_THROWS_AS(app::create_demo(dir / "bad.mwz", bad, ok), InvalidInput);
    }
    CHECK(dir.entries() == std::vector<std::string>{"demo.mwz"});
}

TEST_CASE("A demo database has the schema of a new programme database", "[app][demo]")
{
    TempFolder dir("mwangaza-demo");
    app::SilentProgress progress;
    app::create_demo(dir / "demo.mwz", {}, progress);
    auto demo = Database::open(dir / "demo.mwz");
    auto fresh = Database::open(dir / "fresh.mwz", Database::Mode::Create);
    const char* schema = "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
                         "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name";
    CHECK(hash_query(demo, schema) == hash_query(fresh, schema));
    CHECK(demo.schema_version() == Database::latest_version());
    CHECK(demo.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(demo.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
    SQLite::Statement fk(demo.sql(), "PRAGMA foreign_key_check");
    CHECK_FALSE(fk.executeStep());
    CHECK(count(demo, "SELECT count(*) FROM audit_log WHERE operation = 'demo_create'") == 1);
}
