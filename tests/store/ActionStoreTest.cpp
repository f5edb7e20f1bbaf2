#include "core/ActionDue.hpp"
#include "core/Error.hpp"
#include "core/Sha256.hpp"
#include "store/ActionStore.hpp"
#include "store/Database.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace mwangaza;
using mwangaza::store::Database;
using S = mwangaza::core::ActionStatus;

namespace {

// One site with a risk, three stakeholders and two workshops (one at another site).
struct OneRisk {
    test::TempFolder dir{"mwangaza-actions"};
    Database db = Database::open(dir / "p.mwz", Database::Mode::Create);

    OneRisk()
    {
        db.sql().exec(R"SQL(
INSERT INTO site(id, code, name, country, province, minerals, active) VALUES
  (1, 'LUA-1', 'Kasulo', 'CD', 'Lualaba', 'cobalt', 1), (2, 'SK-1', 'Nyabibwe', 'CD', 'South Kivu', 'tin', 1);
INSERT INTO risk(id, site_id, risk_area, title, opened_on) VALUES (5, 1, 'child_labour', 'Children at the pits', '2021-07-10');
INSERT INTO stakeholder(id, name, type) VALUES (1, 'COMAKAT', 'cooperative'), (2, 'Radio Kolwezi', 'media'),
  (3, 'SAEMAPE Lualaba', 'state_service');
INSERT INTO workshop(id, site_id, held_on) VALUES (1, 1, '2021-07-30'), (2, 2, '2021-07-31');
)SQL");
    }

    std::int64_t draft(std::string title = "Register of every child found on site")
    {
        store::ActionDraft d;
        d.risk_id = 5;
        d.title = std::move(title);
        d.responsible_id = 1;
        d.supporter_ids = {2, 3, 1, 2};
        d.due_on = "2021-09-30";
        d.priority = "high";
        d.actor = "expert.kolwezi";
        return store::draft_action(db, d);
    }

    std::string status(std::int64_t id)
    {
        return db.sql().execAndGet("SELECT status FROM corrective_action WHERE id = " + std::to_string(id)).getString();
    }
    int count(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }
};

// Moves a fresh draft to `from` along legal steps.
std::int64_t action_in(OneRisk& t, S from)
{
    const auto id = t.draft();
    auto go = [&](S to) { store::change_action_status(t.db, {id, to, "because", "", "2021-08-01", 1, "pm"}); };
    switch (from) {
    case S::Draft: break;
    case S::Issued: go(S::Issued); break;
    case S::InProgress: go(S::Issued); go(S::InProgress); break;
    case S::Implemented: go(S::Issued); go(S::InProgress); go(S::Implemented); break;
    case S::NotImplemented: go(S::Issued); go(S::NotImplemented); break;
    case S::Cancelled: go(S::Cancelled); break;
    }
    return id;
}

} // namespace

TEST_CASE("a draft keeps its risk's site, responsible and supporters once each", "[store][actions]")
{
    OneRisk t;
    const auto id = t.draft();
    const auto a = store::read_action(t.db, id);
    CHECK(a.status == S::Draft);
    CHECK(a.site_code == "LUA-1");
    CHECK(a.risk_area == "child_labour");
    CHECK(a.responsible_name == "COMAKAT");
    CHECK(a.supporter_names == std::vector<std::string>{"Radio Kolwezi", "SAEMAPE Lualaba"});
    CHECK(a.due_on == "2021-09-30");
    CHECK(a.priority == "high");
    CHECK(a.issued_on.empty());
    CHECK(a.history.empty());
    CHECK(t.count("SELECT count(*) FROM audit_log WHERE entity = 'corrective_action' AND operation = 'draft'") == 1);

    store::ActionDraft bad;
    bad.risk_id = 5;
    bad.title = "x";
    bad.actor = "expert";
    bad.priority = "urgent";
    CHECK_THROWS_WITH(store::draft_action(t.db, bad), Catch::Contains("urgent"));
    bad.priority = "low";
    bad.risk_id = 99;
    CHECK_THROWS_WITH(store::draft_action(t.db, bad), Catch::Contains("no risk has the id 99"));
    bad.risk_id = 5;
    bad.supporter_ids = {42};
    CHECK_THROWS_WITH(store::draft_action(t.db, bad), Catch::Contains("no stakeholder has the id 42"));
    bad.supporter_ids = {};
    bad.due_on = "2021-02-30";
    CHECK_THROWS_WITH(store::draft_action(t.db, bad), Catch::Contains("2021-02-30"));
    CHECK(t.count("SELECT count(*) FROM corrective_action") == 1);
}

TEST_CASE("every action transition: legal ones are written, the others refused", "[store][actions]")
{
    for (S from : core::all_action_statuses()) {
        for (S to : core::all_action_statuses()) {
            OneRisk t;
            const auto id = action_in(t, from);
            const int history = t.count("SELECT count(*) FROM action_progress");
            const int audit = t.count("SELECT count(*) FROM audit_log");
            const auto legal = core::find_transition(from, to);
            INFO(std::string(core::status_code(from)) + " -> " + std::string(core::status_code(to)));
            if (!legal) {
                CHECK_THROWS_AS(store::change_action_status(t.db, {id, to, "a reason", "", "2021-09-01", {}, "pm"}),
                                IllegalTransition);
                CHECK(t.status(id) == core::status_code(from));
                CHECK(t.count("SELECT count(*) FROM action_progress") == history);
                continue;
            }
            if (legal->needs_reason) {
                CHECK_THROWS_WITH(store::change_action_status(t.db, {id, to, " ", "", "2021-09-01", {}, "pm"}),
                                  Catch::Contains("action " + std::to_string(id)) && Catch::Contains("reason"));
                CHECK(t.status(id) == core::status_code(from));
            }
            const std::string reason = legal->needs_reason ? "the cooperative was dissolved" : "";
            CHECK(store::change_action_status(t.db, {id, to, reason, "", "2021-09-01", 1, "pm.kolwezi"}) == from);
            const auto a = store::read_action(t.db, id);
            CHECK(a.status == to);
            CHECK(a.status_reason == reason);
            REQUIRE(t.count("SELECT count(*) FROM action_progress") == history + 1);
            CHECK(t.count("SELECT count(*) FROM audit_log") == audit + 1);
            const auto& last = a.history.back();
            CHECK(last.from_status == core::status_code(from));
            CHECK(last.to_status == core::status_code(to));
            CHECK(last.recorded_on == "2021-09-01");
            CHECK(last.recorded_by == "pm.kolwezi");
            CHECK(last.note == reason);
            if (to == S::Issued) {
                CHECK(a.issued_on == "2021-09-01");
                CHECK(a.issued_workshop_id == 1);
            }
        }
    }
}

TEST_CASE("issuing at another site's workshop or without an actor is refused", "[store][actions]")
{
    OneRisk t;
    const auto id = t.draft();
    CHECK_THROWS_WITH(store::change_action_status(t.db, {id, S::Issued, "", "", "2021-07-31", 2, "pm"}),
                      Catch::Contains("another site"));
    CHECK_THROWS_AS(store::change_action_status(t.db, {id, S::Issued, "", "", "2021-07-31", 1, " "}), InvalidInput);
    CHECK_THROWS_WITH(store::change_action_status(t.db, {id, S::Issued, "", "", "31/07/2021", 1, "pm"}),
                      Catch::Contains("31/07/2021"));
    CHECK_THROWS_WITH(store::change_action_status(t.db, {77, S::Issued, "", "", "", 1, "pm"}),
                      Catch::Contains("no action has the id 77"));
    CHECK(t.status(id) == "draft");
    CHECK(t.count("SELECT count(*) FROM corrective_action WHERE issued_on IS NOT NULL") == 0);
}

TEST_CASE("inside a caller's transaction a refused change undoes only itself", "[store][actions]")
{
    OneRisk t;
    const auto a = t.draft("first");
    const auto b = t.draft("second");
    {
        SQLite::Transaction tx(t.db.sql());
        store::change_action_status(t.db, {a, S::Issued, "", "", "2021-07-30", 1, "pm"});
        CHECK_THROWS_AS(store::change_action_status(t.db, {b, S::Implemented, "", "", "2021-07-30", 1, "pm"}),
                        IllegalTransition);
        store::change_action_status(t.db, {b, S::Issued, "", "", "2021-07-30", 1, "pm"});
        tx.commit();
    }
    CHECK(t.status(a) == "issued");
    CHECK(t.status(b) == "issued");
    {
        SQLite::Transaction tx(t.db.sql());
        store::change_action_status(t.db, {a, S::InProgress, "", "", "2021-08-30", {}, "pm"});
        // the caller gives up: nothing of it stays
    }
    CHECK(t.status(a) == "issued");
    CHECK(t.count("SELECT count(*) FROM action_progress") == 2);
}

TEST_CASE("progress updates keep their evidence files in the database", "[store][actions]")
{
    OneRisk t;
    const auto id = action_in(t, S::Issued);
    const auto photo = t.dir / "register page 1.JPG";
    std::string bytes("\xff\xd8\xff\xe0 register photo", 20);
    bytes += std::string(1000, '\0');
    std::ofstream(photo, std::ios::binary) << bytes;
    auto file = store::read_evidence_file(photo);
    CHECK(file.file_name == "register page 1.JPG");
    CHECK(file.media_type == "image/jpeg");
    CHECK(file.content == bytes);

    store::ProgressUpdate u;
    u.action_id = id;
    u.note = "Register opened; 14 children listed";
    u.on = "2021-08-20";
    u.actor = "agent.kolwezi";
    u.evidence = {file, {"minutes.pdf", "", "%PDF-1.4 minutes"}};
    const auto progress = store::add_action_progress(t.db, u);

    const auto a = store::read_action(t.db, id);
    CHECK(a.status == S::Issued); // an update does not move the status
    REQUIRE(a.history.size() == 2);
    const auto& entry = a.history.back();
    CHECK(entry.id == progress);
    CHECK(entry.from_status == "issued");
    CHECK(entry.to_status == "issued");
    CHECK(entry.note == "Register opened; 14 children listed");
    REQUIRE(entry.evidence.size() == 2);
    CHECK(entry.evidence[0].size == 1020);
    CHECK(entry.evidence[0].sha256 == core::sha256_hex(bytes));
    CHECK(entry.evidence[1].media_type == "application/pdf");
    const auto back = store::read_evidence(t.db, entry.evidence[0].id);
    CHECK(back.content == bytes);
    CHECK(back.file_name == "register page 1.JPG");
    CHECK(t.count("SELECT count(*) FROM audit_log WHERE operation = 'progress'") == 1);
}

TEST_CASE("progress is refused on closed actions, without a note, and for files too large", "[store][actions]")
{
    OneRisk t;
    store::ProgressUpdate u;
    u.note = "visited";
    u.actor = "agent";
    u.action_id = action_in(t, S::Draft);
    CHECK_THROWS_WITH(store::add_action_progress(t.db, u), Catch::Contains("'draft'"));
    u.action_id = action_in(t, S::Implemented);
    CHECK_THROWS_WITH(store::add_action_progress(t.db, u), Catch::Contains("'implemented'"));
    u.action_id = action_in(t, S::InProgress);
    u.note = "  ";
    CHECK_THROWS_WITH(store::add_action_progress(t.db, u), Catch::Contains("note"));
    u.note = "visited";
    u.evidence = {{"video.mp4", "video/mp4", std::string(std::size_t(store::k_max_evidence_bytes) + 1, 'x')}};
    CHECK_THROWS_WITH(store::add_action_progress(t.db, u), Catch::Contains("video.mp4") && Catch::Contains("10 MB"));
    const auto big = t.dir / "big.jpg";
    std::ofstream(big, std::ios::binary) << std::string(std::size_t(store::k_max_evidence_bytes) + 1, 'x');
    CHECK_THROWS_WITH(store::read_evidence_file(big), Catch::Contains("big.jpg") && Catch::Contains("10 MB"));
    CHECK_THROWS_AS(store::read_evidence_file(t.dir / "missing.jpg"), InvalidInput);
    CHECK(t.count("SELECT count(*) FROM action_evidence") == 0);
    u.evidence.clear();
    CHECK(store::add_action_progress(t.db, u) > 0);
}

TEST_CASE("overdue is the due date passed on an open action", "[core][actions]")
{
    CHECK(core::is_overdue(S::Issued, "2021-09-30", "2021-10-01"));
    CHECK(core::is_overdue(S::InProgress, "2021-09-30", "2022-01-01"));
    CHECK_FALSE(core::is_overdue(S::Issued, "2021-09-30", "2021-09-30")); // due today: not yet
    CHECK_FALSE(core::is_overdue(S::Implemented, "2021-09-30", "2021-10-01"));
    CHECK_FALSE(core::is_overdue(S::NotImplemented, "2021-09-30", "2021-10-01"));
    CHECK_FALSE(core::is_overdue(S::Cancelled, "2021-09-30", "2021-10-01"));
    CHECK_FALSE(core::is_overdue(S::Draft, "2021-09-30", "2021-10-01"));
    CHECK_FALSE(core::is_overdue(S::Issued, "", "2021-10-01"));
}

TEST_CASE("due dates are counted in calendar days", "[core][actions]")
{
    CHECK(core::add_days("2021-07-30", 30) == "2021-08-29");
    CHECK(core::add_days("2021-12-15", 30) == "2022-01-14");
    CHECK(core::add_days("2024-02-28", 1) == "2024-02-29");
    CHECK(core::add_days("2021-03-01", -1) == "2021-02-28");
}
