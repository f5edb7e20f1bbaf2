// Planning and recording workshops on the demo programme (a real SQLite file): drafts
// issued in one step at the workshop, progress and attendees kept, all or nothing.
#include "TempFolder.hpp"

#include "app/DemoProgramme.hpp"
#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/WorkshopStore.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <chrono>

using namespace mwangaza;

namespace {

std::int64_t scalar(store::Database& db, const std::string& sql)
{
    SQLite::Statement q(db.sql(), sql);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getInt64();
}

std::string text(store::Database& db, const std::string& sql)
{
    SQLite::Statement q(db.sql(), sql);
    REQUIRE(q.executeStep());
    return q.getColumn(0).isNull() ? std::string() : q.getColumn(0).getString();
}

} // namespace

TEST_CASE("A workshop is planned, then recorded with attendees, issued actions and progress", "[workshop][store]")
{
    test::TempFolder dir("workshop-store");
    const auto path = dir / "demo.mwz";
    app::SilentProgress progress;
    app::create_demo(path, {}, progress);
    auto db = store::Database::open(path);

    // The site with the most drafts waiting.
    const std::string site = text(db, "SELECT s.code FROM corrective_action a JOIN site s ON s.id = a.site_id "
                                      "WHERE a.status = 'draft' GROUP BY s.id ORDER BY count(*) DESC, s.code LIMIT 1");
    const std::int64_t site_id = scalar(db, "SELECT id FROM site WHERE code = '" + site + "'");
    const std::int64_t drafts_before = scalar(db, "SELECT count(*) FROM corrective_action WHERE status = 'draft' "
                                                  "AND site_id = " + std::to_string(site_id));
    REQUIRE(drafts_before >= 2);

    const std::int64_t id = store::plan_workshop(db, {site, "2022-04-12", "Grace Kalenga", "tester"});
    CHECK_THROWS_AS(store::plan_workshop(db, {site, "2022-04-12", "", "tester"}), InvalidInput);
    CHECK_THROWS_AS(store::plan_workshop(db, {"XX-NONE", "2022-04-12", "", "tester"}), InvalidInput);
    CHECK_THROWS_AS(store::plan_workshop(db, {site, "2022-04-31", "", "tester"}), InvalidInput);

    const auto listed = store::list_workshops(db, site);
    REQUIRE_FALSE(listed.empty());
    CHECK(listed.front().id == id);
    CHECK(listed.front().held_on == "2022-04-12");
    CHECK_FALSE(listed.front().recorded);

    const auto sites = store::list_site_workshops(db, "2022-04-01");
    const auto it = std::find_if(sites.begin(), sites.end(), [&](const auto& s) { return s.code == site; });
    REQUIRE(it != sites.end());
    REQUIRE(it->next);
    CHECK(it->next->id == id);
    REQUIRE(it->last);
    CHECK(it->last->held_on < "2022-04-01");

    const auto choices = store::workshop_choices(db, id);
    REQUIRE(choices.drafts.size() == std::size_t(drafts_before));
    REQUIRE_FALSE(choices.stakeholders.empty());
    REQUIRE_FALSE(choices.open_actions.empty());

    SECTION("an action of another site is refused and nothing is written")
    {
        const std::int64_t other = scalar(db, "SELECT id FROM corrective_action WHERE status = 'draft' AND site_id <> " +
                                                  std::to_string(site_id) + " LIMIT 1");
        store::WorkshopRecord record;
        record.workshop_id = id;
        record.attendees = {{std::nullopt, "Mama Furaha", "community representative"}};
        record.issue = {choices.drafts[0].id, other};
        record.minutes = "Should not stay";
        record.actor = "tester";
        CHECK_THROWS_AS(store::record_workshop(db, record), InvalidInput);
        CHECK(scalar(db, "SELECT count(*) FROM workshop_attendee WHERE workshop_id = " + std::to_string(id)) == 0);
        CHECK(text(db, "SELECT status FROM corrective_action WHERE id = " + std::to_string(choices.drafts[0].id)) ==
              "draft");
        CHECK(text(db, "SELECT minutes FROM workshop WHERE id = " + std::to_string(id)).empty());
    }

    SECTION("drafts are issued in one step, progress and attendees are kept")
    {
        store::WorkshopRecord record;
        record.workshop_id = id;
        record.held_on = "2022-04-13";
        record.attendees = {{choices.stakeholders[0].id, "", "chair"}, {std::nullopt, "Mama Furaha", ""}};
        for (const auto& d : choices.drafts)
            record.issue.push_back(d.id);
        record.progress = {{choices.open_actions[0].id, "Register checked at the meeting", std::nullopt, ""}};
        record.minutes = "Drafts agreed with the cooperative.";
        record.actor = "tester";
        const auto started = std::chrono::steady_clock::now();
        const auto result = store::record_workshop(db, record);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        CHECK(ms < 2000);
        CHECK(result.attendees == 2);
        CHECK(result.issued == drafts_before);
        CHECK(result.progress_updates == 1);

        const std::string w = std::to_string(id);
        CHECK(scalar(db, "SELECT count(*) FROM corrective_action WHERE status = 'draft' AND site_id = " +
                             std::to_string(site_id)) == 0);
        CHECK(scalar(db, "SELECT count(*) FROM corrective_action WHERE status = 'issued' AND issued_workshop_id = " + w +
                             " AND issued_on = '2022-04-13'") == drafts_before);
        CHECK(scalar(db, "SELECT count(*) FROM action_progress WHERE workshop_id = " + w +
                             " AND from_status = 'draft' AND to_status = 'issued'") == drafts_before);
        CHECK(scalar(db, "SELECT count(*) FROM action_progress WHERE workshop_id = " + w + " AND action_id = " +
                             std::to_string(choices.open_actions[0].id) + " AND note = 'Register checked at the meeting'") == 1);
        CHECK(scalar(db, "SELECT count(*) FROM workshop_attendee WHERE workshop_id = " + w +
                             " AND stakeholder_id = " + std::to_string(choices.stakeholders[0].id) +
                             " AND name = (SELECT name FROM stakeholder WHERE id = stakeholder_id) AND role = 'chair'") == 1);
        CHECK(text(db, "SELECT held_on || ' ' || minutes FROM workshop WHERE id = " + w) ==
              "2022-04-13 Drafts agreed with the cooperative.");
        CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE entity = 'workshop' AND entity_id = " + w) == 2);

        // Issued actions cannot be issued again.
        store::WorkshopRecord again;
        again.workshop_id = id;
        again.issue = {choices.drafts[0].id};
        again.actor = "tester";
        CHECK_THROWS_AS(store::record_workshop(db, again), InvalidInput);

        const auto after = store::list_workshops(db, site);
        CHECK(after.front().recorded);
        CHECK(after.front().actions_issued == drafts_before);
        CHECK(after.front().attendees == 2);
    }
}
