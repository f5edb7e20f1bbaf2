#include "core/Error.hpp"
#include "store/Browse.hpp"
#include "store/Database.hpp"
#include "store/IncidentEdit.hpp"
#include "store/IncidentQuery.hpp"
#include "store/IncidentStatusChange.hpp"

#include "TempFolder.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace mwangaza;
using mwangaza::store::Database;
using I = mwangaza::core::IncidentStatus;
using Ids = std::vector<std::int64_t>;

namespace {

struct Programme {
    test::TempFolder dir{"mwangaza-query"};
    Database db = Database::open(dir / "p.mwz", Database::Mode::Create);

    Programme()
    {
        db.sql().exec(R"SQL(
INSERT INTO site(id, code, name, country, province, minerals) VALUES
  (1, 'CD-KOL-01', 'Kolwezi', 'CD', 'Lualaba', 'co'),
  (2, 'CD-NYA-01', 'Nyabibwe', 'CD', 'Sud-Kivu', 'sn'),
  (3, 'RW-RUT-01', 'Rutongo', 'RW', 'Northern', 'sn');
INSERT INTO incident(id, observed_on, site_id, risk_area, description, status, created_at, updated_at) VALUES
  (1, '2021-07-10', 1, 'child_labour', 'Trois enfants vus au lavage du minerai', 'new', 'x', 'x'),
  (2, '2021-07-11', 2, 'general_security', 'Sécurité du site: vol de sacs la nuit', 'in_review', 'x', 'x'),
  (3, '2021-07-12', 3, 'ohs', 'Children seen near an unsupported pit wall', 'verified', 'x', 'x'),
  (4, '2021-07-12', 1, 'wfcl', 'Enfant dans un puits profond; "danger" (urgence)', 'needs_info', 'x', 'x'),
  (5, '2021-06-30', NULL, 'child_labour', 'ENFANTS au site, securite absente', 'rejected', 'x', 'x');
)SQL");
    }
    Ids ids(const store::IncidentQuery& q) { return store::query_incident_ids(db.sql(), q); }
    std::string status(int id)
    {
        return db.sql().execAndGet("SELECT status FROM incident WHERE id = " + std::to_string(id)).getString();
    }
    int rows(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }
};

store::IncidentQuery text(const std::string& words)
{
    store::IncidentQuery q;
    q.text = words;
    return q;
}

} // namespace

TEST_CASE("words become a quoted FTS5 query that user syntax cannot break", "[store][search]")
{
    using store::fts_match_expression;
    CHECK(fts_match_expression("enfants") == R"("enfants")");
    CHECK(fts_match_expression("  enfants   puits ") == R"("enfants" AND "puits")");
    CHECK(fts_match_expression(R"(say "hi")") == R"("say" AND """hi""")");
    CHECK(fts_match_expression("enfan*") == R"("enfan" *)");
    CHECK(fts_match_expression("a OR b NOT c") == R"("a" AND "OR" AND "b" AND "NOT" AND "c")");
    CHECK(fts_match_expression("- ( ) *").empty());
    CHECK(fts_match_expression("").empty());
}

TEST_CASE("incident query filters combine, newest observation first", "[store][search]")
{
    Programme p;
    CHECK(p.ids({}) == Ids{4, 3, 2, 1, 5});

    store::IncidentQuery awaiting;
    awaiting.statuses = {I::New, I::InReview, I::NeedsInfo};
    CHECK(p.ids(awaiting) == Ids{4, 2, 1});

    store::IncidentQuery site;
    site.site_code = "CD-KOL-01";
    CHECK(p.ids(site) == Ids{4, 1});
    site.site_code = "XX-NONE";
    CHECK(p.ids(site).empty());

    store::IncidentQuery places;
    places.country = "CD";
    CHECK(p.ids(places) == Ids{4, 2, 1});
    places.province = "Sud-Kivu";
    CHECK(p.ids(places) == Ids{2});

    store::IncidentQuery areas;
    areas.areas = {"child_labour", "wfcl"};
    CHECK(p.ids(areas) == Ids{4, 1, 5});
    areas.category = "human_rights";
    areas.areas = {"wfcl"};
    CHECK(p.ids(areas) == Ids{4});
    areas.areas = {"ohs"}; // not a human rights area: nothing can match
    CHECK(p.ids(areas).empty());
    store::IncidentQuery category;
    category.category = "human_rights";
    CHECK(p.ids(category) == Ids{4, 1, 5});

    store::IncidentQuery dates;
    dates.from = "2021-07-11";
    dates.to = "2021-07-11";
    CHECK(p.ids(dates) == Ids{2});
    dates.to.reset();
    dates.statuses = {I::Verified};
    CHECK(p.ids(dates) == Ids{3});
}

TEST_CASE("incident query text search folds accents and case, AND-s the words", "[store][search]")
{
    Programme p;
    CHECK(p.ids(text("enfants")) == Ids{1, 5});
    CHECK(p.ids(text("securite")) == Ids{2, 5});
    CHECK(p.ids(text("SÉCURITÉ nuit")) == Ids{2});
    CHECK(p.ids(text("children pit")) == Ids{3});
    CHECK(p.ids(text("children enfants")).empty());
    CHECK(p.ids(text("enfan*")) == Ids{4, 1, 5});
    // FTS5 syntax and stray punctuation in the input are plain text, never an error.
    CHECK(p.ids(text(R"("danger")")) == Ids{4});
    CHECK(p.ids(text("urgence)")) == Ids{4});
    CHECK(p.ids(text("description:enfant")).empty());
    CHECK(p.ids(text("NEAR(pit wall)")).empty());
    CHECK(p.ids(text("-")).empty());
    store::IncidentQuery both = text("enfants");
    both.statuses = {I::New};
    CHECK(p.ids(both) == Ids{1});
}

TEST_CASE("incident query refuses unknown codes and bad dates", "[store][search]")
{
    Programme p;
    store::IncidentQuery q;
    q.areas = {"child_labor"};
    CHECK_THROWS_AS(p.ids(q), InvalidInput);
    q.areas.clear();
    q.category = "humans";
    CHECK_THROWS_AS(p.ids(q), InvalidInput);
    q.category.reset();
    q.from = "2021-13-01";
    CHECK_THROWS_AS(p.ids(q), InvalidInput);
}

TEST_CASE("a batch of status changes is written whole or not at all", "[store][triage]")
{
    Programme p;
    const std::vector<store::IncidentStatusChange> refused{
        {1, I::InReview, "", "expert"}, {2, I::Verified, "", "expert"}, {3, I::InReview, "", "expert"}};
    try {
        store::change_incident_statuses(p.db, refused);
        FAIL("the batch was accepted");
    } catch (const IllegalTransition& e) {
        CHECK(std::string(e.what()).find("incident 3") != std::string::npos);
    }
    CHECK(p.status(1) == "new");
    CHECK(p.status(2) == "in_review");
    CHECK(p.rows("SELECT count(*) FROM incident_status_history") == 0);
    CHECK(p.rows("SELECT count(*) FROM audit_log") == 0);

    const std::vector<store::IncidentStatusChange> good{{1, I::InReview, "", "expert"},
                                                        {2, I::Rejected, "photo of another site", "expert"}};
    CHECK(store::change_incident_statuses(p.db, good) == std::vector<I>{I::New, I::InReview});
    CHECK(p.status(1) == "in_review");
    CHECK(p.status(2) == "rejected");
    CHECK(p.rows("SELECT count(*) FROM incident_status_history") == 2);
    CHECK(p.rows("SELECT count(*) FROM audit_log WHERE operation = 'status'") == 2);
}

TEST_CASE("an undo restores the status before a decision, visibly, only if nobody changed it since",
          "[store][triage]")
{
    Programme p;
    // Verify a new incident in two steps, then undo the verification.
    const std::vector<store::IncidentStatusChange> verify{{1, I::InReview, "", "expert"}, {1, I::Verified, "", "expert"}};
    CHECK(store::change_incident_statuses(p.db, verify) == std::vector<I>{I::New, I::InReview});
    CHECK(p.status(1) == "verified");
    const std::vector<store::IncidentStatusUndo> stale{{1, I::Rejected, I::InReview, "expert"}};
    CHECK_THROWS_AS(store::undo_incident_statuses(p.db, stale), InvalidInput);
    const std::vector<store::IncidentStatusUndo> undo{{1, I::Verified, I::New, "expert"}};
    store::undo_incident_statuses(p.db, undo);
    CHECK(p.status(1) == "new");
    CHECK(p.rows("SELECT count(*) FROM incident_status_history WHERE incident_id = 1") == 3);
    CHECK(p.db.sql().execAndGet("SELECT reason FROM incident_status_history ORDER BY id DESC LIMIT 1").getString() ==
          store::k_undo_reason);
    CHECK(p.rows("SELECT count(*) FROM audit_log WHERE operation = 'status_undo' AND entity_id = 1") == 1);
    CHECK(store::incident_status_history(p.db.sql(), 1).size() == 3);
    const auto audit = store::incident_audit_trail(p.db.sql(), 1);
    REQUIRE(audit.size() == 3);
    CHECK(audit[0].operation == "status");
    CHECK(audit[2].operation == "status_undo");
    CHECK(audit[2].before == R"({"status":"verified"})");
    CHECK(audit[2].actor == "expert");
}

TEST_CASE("the risk area of incidents awaiting triage can be corrected, with an audit entry", "[store][triage]")
{
    Programme p;
    const std::vector<store::IncidentAreaChange> ids{{1, "wfcl"}, {2, "wfcl"}};
    CHECK(store::change_incident_risk_areas(p.db, ids, "expert") ==
          std::vector<std::string>{"child_labour", "general_security"});
    CHECK(p.rows("SELECT count(*) FROM incident WHERE id IN (1, 2) AND risk_area = 'wfcl'") == 2);
    CHECK(p.rows("SELECT count(*) FROM audit_log WHERE operation = 'risk_area'") == 2);
    // Incident 3 is verified: the whole batch is refused.
    const std::vector<store::IncidentAreaChange> with_verified{{1, "ohs"}, {3, "ohs"}};
    CHECK_THROWS_AS(store::change_incident_risk_areas(p.db, with_verified, "expert"), InvalidInput);
    CHECK(p.rows("SELECT count(*) FROM incident WHERE id = 1 AND risk_area = 'wfcl'") == 1);
    const std::vector<store::IncidentAreaChange> unknown{{1, "child_labor"}};
    CHECK_THROWS_AS(store::change_incident_risk_areas(p.db, unknown, "expert"), InvalidInput);
    CHECK(p.rows("SELECT count(*) FROM audit_log WHERE operation = 'risk_area'") == 2);
}

TEST_CASE("the site of incidents awaiting triage can be corrected or cleared, with an audit entry", "[store][triage]")
{
    Programme p;
    const std::vector<store::IncidentSiteChange> move{{1, "RW-RUT-01"}, {5, "CD-NYA-01"}};
    // Incident 5 is rejected: refused whole.
    CHECK_THROWS_AS(store::change_incident_sites(p.db, move, "expert"), InvalidInput);
    CHECK(p.rows("SELECT site_id FROM incident WHERE id = 1") == 1);
    // Incident 1's site was found by the assignment, 1,234.5 m away.
    p.db.sql().exec("UPDATE incident SET site_method = 'nearest_within_radius', site_distance_m = 1234.5 WHERE id = 1");
    const int restore_site_id_1 = p.rows("SELECT site_id FROM incident WHERE id = 1");
    const std::vector<store::IncidentSiteChange> good{{1, "RW-RUT-01"}, {2, ""}};
    const auto restore = store::change_incident_sites(p.db, good, "expert");
    REQUIRE(restore.size() == 2);
    CHECK(restore[0].site_code == "CD-KOL-01");
    CHECK(restore[1].site_code == "CD-NYA-01");
    CHECK(p.rows("SELECT count(*) FROM incident WHERE id IN (1, 2) AND site_method = 'manual'") == 2);
    CHECK(p.rows("SELECT site_id FROM incident WHERE id = 1") == 3);
    CHECK(p.rows("SELECT count(*) FROM incident WHERE id = 2 AND site_id IS NULL") == 1);
    CHECK(p.db.sql().execAndGet("SELECT after FROM audit_log WHERE operation = 'site' ORDER BY id DESC LIMIT 1")
              .getString() == R"({"site":null,"method":"manual"})");
    const std::vector<store::IncidentSiteChange> unknown{{1, "XX-NONE-01"}};
    CHECK_THROWS_AS(store::change_incident_sites(p.db, unknown, "expert"), InvalidInput);
    CHECK(p.rows("SELECT count(*) FROM audit_log WHERE operation = 'site'") == 2);

    // The undo puts back the sites and how they had been chosen (here by the assignment).
    CHECK(store::change_incident_sites(p.db, restore, "expert").size() == 2);
    CHECK(p.rows("SELECT site_id FROM incident WHERE id = 1") == restore_site_id_1);
    CHECK(p.rows("SELECT count(*) FROM incident WHERE id = 1 AND site_method IS 'nearest_within_radius' "
                 "AND site_distance_m = 1234.5") == 1);
    CHECK(p.rows("SELECT count(*) FROM incident WHERE id = 2 AND site_method IS NULL AND site_distance_m IS NULL") == 1);
    CHECK(p.rows("SELECT count(*) FROM audit_log WHERE operation = 'site'") == 4);
    const std::vector<store::IncidentSiteChange> bad_method{{1, "RW-RUT-01", store::SiteChoiceRecord{"guess", {}}}};
    CHECK_THROWS_AS(store::change_incident_sites(p.db, bad_method, "expert"), InvalidInput);
}

TEST_CASE("the triage filters combine: status, site, category, dates and words together", "[store][search]")
{
    Programme p;
    p.db.sql().exec(R"SQL(
INSERT INTO incident(id, observed_on, site_id, risk_area, description, status, created_at, updated_at) VALUES
  (6, '2021-08-02', 1, 'child_labour', 'Deux enfants au tamisage', 'new', 'x', 'x'),
  (7, '2021-09-30', 1, 'forced_labour', 'Enfants obliges de creuser pour une dette', 'in_review', 'x', 'x'),
  (8, '2021-10-01', 1, 'child_labour', 'Enfants au lavage, suite de la visite', 'new', 'x', 'x'),
  (9, '2021-08-15', 2, 'child_labour', 'Enfants au puits', 'new', 'x', 'x');
)SQL");
    store::IncidentQuery q;
    q.statuses = {I::New, I::InReview, I::NeedsInfo};
    q.site_code = "CD-KOL-01";
    q.category = "human_rights";
    q.from = "2021-07-11";
    q.to = "2021-09-30";
    // 4 (2021-07-12, wfcl), 6 and 7 are in; 1 is before the start, 8 after the end, 9 at another site.
    CHECK(p.ids(q) == Ids{7, 6, 4});
    q.text = "enfants";
    CHECK(p.ids(q) == Ids{7, 6});
    q.areas = {"child_labour"};
    CHECK(p.ids(q) == Ids{6});
    q.statuses = {I::InReview};
    CHECK(p.ids(q).empty());
    // The bounds are inclusive.
    store::IncidentQuery day;
    day.from = "2021-09-30";
    day.to = "2021-09-30";
    CHECK(p.ids(day) == Ids{7});
}

TEST_CASE("incidents by status are counted from the tally, which follows decisions", "[store][search]")
{
    Programme p;
    const std::vector<I> awaiting{I::New, I::InReview, I::NeedsInfo};
    auto raw = [&](const std::string& where) { return std::int64_t(p.rows("SELECT count(*) FROM incident" + where)); };
    CHECK(store::count_incidents_with_status(p.db.sql(), awaiting) ==
          raw(" WHERE status IN ('new', 'in_review', 'needs_info')"));
    CHECK(store::count_incidents_with_status(p.db.sql(), awaiting) == 3);
    CHECK(store::count_incidents_with_status(p.db.sql(), {}) == raw(""));
    CHECK(store::count_incidents_with_status(p.db.sql(), {I::Verified, I::Verified}) == 1);

    const std::vector<store::IncidentStatusChange> verify{{1, I::InReview, "", "expert"}, {1, I::Verified, "", "expert"}};
    store::change_incident_statuses(p.db, verify);
    CHECK(store::count_incidents_with_status(p.db.sql(), awaiting) == 2);
    CHECK(store::count_incidents_with_status(p.db.sql(), {I::Verified}) == 2);
    CHECK(store::count_incidents_with_status(p.db.sql(), {I::New}) == raw(" WHERE status = 'new'"));
}

TEST_CASE("the sites can be listed without their counts, for pickers", "[store][triage]")
{
    Programme p;
    const auto counted = store::list_sites(p.db.sql());
    const auto plain = store::list_sites(p.db.sql(), false);
    REQUIRE(plain.size() == 3);
    REQUIRE(counted.size() == plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
        CHECK(plain[i].code == counted[i].code);
        CHECK(plain[i].name == counted[i].name);
        CHECK(plain[i].province == counted[i].province);
        CHECK(plain[i].verified_incidents == 0);
    }
    // The counted list does count: RW-RUT-01 has the one verified incident.
    CHECK(counted.back().code == "RW-RUT-01");
    CHECK(counted.back().verified_incidents == 1);
}
