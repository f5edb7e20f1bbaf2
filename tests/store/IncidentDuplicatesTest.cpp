#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/IncidentDuplicates.hpp"
#include "store/IncidentStatusChange.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "TempFolder.hpp"

#include <catch2/catch.hpp>

using namespace mwangaza;
using mwangaza::store::Database;
using I = mwangaza::core::IncidentStatus;

namespace {

// Two sites. At KOL-01, child labour: #1 and #2 report one event (English, then French
// two days later), #3 is another event at another pit the same week, #4 the same event
// as #1 but observed 9 days later (outside the window), #5 the same text in another risk
// area, #6 a rejected copy, #7 a verified copy reported first. At KOL-02: #8, the same
// text at another site.
struct Programme {
    test::TempFolder dir{"mwangaza-duplicates"};
    Database db = Database::open(dir / "p.mwz", Database::Mode::Create);

    Programme()
    {
        auto& sql = db.sql();
        sql.exec("INSERT INTO site(id, code, name, country, province, minerals) VALUES "
                 "(1, 'CD-KOL-01', 'Kasulo', 'CD', 'Lualaba', 'cobalt'), "
                 "(2, 'CD-KOL-02', 'Kapata', 'CD', 'Lualaba', 'cobalt')");
        const char* en = "5 children carrying sacks of ore between pit P7 and the washing point.";
        const char* fr = "Cinq enfants transportent des sacs de minerai entre le puits P7 et le point de lavage.";
        const char* other = "3 children carrying sacks of ore between pit P31 and the washing point.";
        add(1, 1, "child_labour", "2021-09-10", "2021-09-10T09:00:00Z", en, 5, "new");
        add(2, 1, "child_labour", "2021-09-12", "2021-09-12T15:00:00Z", fr, 5, "in_review");
        add(3, 1, "child_labour", "2021-09-11", "2021-09-11T08:00:00Z", other, 3, "new");
        add(4, 1, "child_labour", "2021-09-19", "2021-09-19T08:00:00Z", en, 5, "needs_info");
        add(5, 1, "ohs", "2021-09-10", "2021-09-10T10:00:00Z", en, 5, "new");
        add(6, 1, "child_labour", "2021-09-11", "2021-09-11T10:00:00Z", en, 5, "rejected");
        add(8, 2, "child_labour", "2021-09-10", "2021-09-10T10:00:00Z", en, 5, "new");
    }

    void add(int id, int site, const char* area, const char* observed, const char* submitted, const char* text,
             int children, const char* status)
    {
        SQLite::Statement q(db.sql(), "INSERT INTO incident(id, site_id, risk_area, observed_on, submitted_at, "
                                      "description, children, status, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')");
        q.bind(1, id);
        q.bind(2, site);
        q.bind(3, area);
        q.bind(4, observed);
        q.bind(5, submitted);
        q.bind(6, text);
        q.bind(7, children);
        q.bind(8, status);
        q.exec();
    }

    std::string status(int id)
    {
        return db.sql().execAndGet("SELECT status FROM incident WHERE id = " + std::to_string(id)).getString();
    }
    int rows(const std::string& table) { return db.sql().execAndGet("SELECT count(*) FROM " + table).getInt(); }
};

std::vector<std::int64_t> ids_of(const std::vector<store::DuplicateCandidate>& c)
{
    std::vector<std::int64_t> ids;
    for (const auto& x : c)
        ids.push_back(x.id);
    return ids;
}

} // namespace

TEST_CASE("candidates: same site and risk area, within 7 days, similar, not rejected", "[store][duplicates]")
{
    Programme p;
    auto& sql = p.db.sql();
    const auto c1 = store::duplicate_candidates(sql, 1);
    CHECK(ids_of(c1) == std::vector<std::int64_t>{2});
    REQUIRE(c1.size() == 1);
    CHECK(c1[0].status == "in_review");
    CHECK(c1[0].observed_on == "2021-09-12");
    CHECK(c1[0].similarity.score >= core::k_duplicate_threshold);
    CHECK(ids_of(store::duplicate_candidates(sql, 2)) == (std::vector<std::int64_t>{1, 4}));
    // #3 is another event, #4 was observed 9 days after #1 but 7 after #2.
    CHECK(store::duplicate_candidates(sql, 3).empty());
    CHECK(ids_of(store::duplicate_candidates(sql, 4)) == std::vector<std::int64_t>{2});
    CHECK(store::duplicate_candidates(sql, 5).empty());  // alone in its risk area
    CHECK(store::duplicate_candidates(sql, 6).empty());  // rejected
    CHECK(store::duplicate_candidates(sql, 8).empty());  // alone at its site
    CHECK(store::duplicate_candidates(sql, 99).empty()); // unknown
    // The threshold is a parameter: at 0 every neighbour in the window is listed.
    CHECK(ids_of(store::duplicate_candidates(sql, 1, 0.0)).size() == 2);

    const std::vector<std::int64_t> page{1, 2, 3, 4, 5, 6, 8};
    CHECK(store::duplicate_candidate_counts(sql, page) == std::vector<int>{1, 2, 0, 1, 0, 0, 0});

    // A verified report of the same event is a candidate for the others, and the one kept.
    p.add(7, 1, "child_labour", "2021-09-10", "2021-09-10T11:00:00Z",
          "Five children carry ore sacks from pit P7 to the washing point.", 5, "verified");
    CHECK(ids_of(store::duplicate_candidates(sql, 7)) == std::vector<std::int64_t>{1, 2});
    const std::vector<std::int64_t> group{1, 2, 7};
    CHECK(store::default_kept_incident(sql, group) == 7);
}

TEST_CASE("duplicate groups join pairs transitively, the incident kept by default first", "[store][duplicates]")
{
    Programme p;
    auto& sql = p.db.sql();
    auto groups = store::duplicate_groups(sql);
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].site_code == "CD-KOL-01");
    CHECK(groups[0].risk_area == "child_labour");
    CHECK(groups[0].ids == std::vector<std::int64_t>{1, 2, 4}); // #1 reported first
    CHECK(groups[0].best_score >= core::k_duplicate_threshold);
    CHECK(store::duplicate_groups(sql, std::string("CD-KOL-02")).empty());
    CHECK(store::duplicate_groups(sql, std::string("CD-KOL-01")).size() == 1);
    CHECK_THROWS_AS(store::duplicate_groups(sql, std::string("XX")), InvalidInput);
    // Once decided, the group leaves the list.
    const std::vector<std::int64_t> dups{2, 4};
    store::merge_incidents(p.db, 1, dups, "expert");
    CHECK(store::duplicate_groups(sql).empty());
}

TEST_CASE("merge rejects the duplicates through review, with history and audit; undo restores", "[store][duplicates]")
{
    Programme p;
    const int history = p.rows("incident_status_history");
    const int audit = p.rows("audit_log");
    const std::vector<std::int64_t> dups{2, 4};
    const auto undo = store::merge_incidents(p.db, 1, dups, "d.kabongo", {"same photos"});
    CHECK(p.status(1) == "new");
    CHECK(p.status(2) == "rejected");
    CHECK(p.status(4) == "rejected");
    // #2: in review -> rejected; #4: needs info -> in review -> rejected.
    CHECK(p.rows("incident_status_history") == history + 3);
    CHECK(p.rows("audit_log") == audit + 4); // 3 status changes and the merge
    auto& sql = p.db.sql();
    CHECK(sql.execAndGet("SELECT reason FROM incident_status_history WHERE incident_id = 4 AND to_status = 'rejected'")
              .getString() == "duplicate of #1: same photos");
    CHECK(sql.execAndGet("SELECT changed_by FROM incident_status_history WHERE incident_id = 2").getString() ==
          "d.kabongo");
    CHECK(sql.execAndGet("SELECT after FROM audit_log WHERE operation = 'merge' AND entity_id = 1").getString() ==
          R"({"duplicates":[2,4],"reason":"duplicate of #1: same photos"})");
    REQUIRE(undo.size() == 2);
    CHECK(undo[0].incident_id == 2);
    CHECK(undo[0].restore == I::InReview);
    CHECK(undo[1].restore == I::NeedsInfo);

    store::undo_incident_statuses(p.db, undo);
    CHECK(p.status(2) == "in_review");
    CHECK(p.status(4) == "needs_info");
    CHECK(sql.execAndGet("SELECT count(*) FROM audit_log WHERE operation = 'status_undo'").getInt() == 2);
    CHECK(store::duplicate_reason(12) == "duplicate of #12");
}

TEST_CASE("merge refuses what an expert would not want, and writes nothing then", "[store][duplicates]")
{
    Programme p;
    const int history = p.rows("incident_status_history");
    const int audit = p.rows("audit_log");
    auto merge = [&](std::int64_t keep, std::vector<std::int64_t> dups, store::MergeOptions options = {}) {
        return store::merge_incidents(p.db, keep, dups, "expert", options);
    };
    CHECK_THROWS_WITH(merge(1, {1}), Catch::Contains("into itself"));
    CHECK_THROWS_WITH(merge(6, {1}), Catch::Contains("#6 is rejected"));
    CHECK_THROWS_WITH(merge(1, {6}), Catch::Contains("#6 is already rejected"));
    CHECK_THROWS_WITH(merge(1, {2, 8}), Catch::Contains("#8 is not at the same site"));
    CHECK_THROWS_WITH(merge(1, {5}), Catch::Contains("#5 is not at the same site and in the same risk area"));
    CHECK_THROWS_WITH(merge(1, {99}), Catch::Contains("99"));
    CHECK_THROWS_WITH(merge(99, {1}), Catch::Contains("99"));
    CHECK_THROWS_AS(merge(1, {}), InvalidInput);
    CHECK_THROWS_AS(store::merge_incidents(p.db, 1, std::vector<std::int64_t>{2}, " "), InvalidInput);
    p.add(7, 1, "child_labour", "2021-09-10", "2021-09-10T11:00:00Z", "verified copy", 5, "verified");
    CHECK_THROWS_WITH(merge(1, {2, 7}), Catch::Contains("#7 is verified"));
    CHECK(p.status(2) == "in_review"); // the refused merge left #2 as it was
    CHECK(p.rows("incident_status_history") == history);
    CHECK(p.rows("audit_log") == audit);

    // Merging into a verified incident is what happens when a late report repeats it; and
    // across sites when the expert says so.
    merge(7, {1});
    CHECK(p.status(1) == "rejected");
    merge(2, {8, 5}, {"", true});
    CHECK(p.status(8) == "rejected");
    CHECK(p.status(5) == "rejected");
}
