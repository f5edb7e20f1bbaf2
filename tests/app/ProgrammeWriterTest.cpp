// store::ProgrammeWriter as the demo generator uses it, and in its ordinary mode.
#include "TempFolder.hpp"

#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/ProgrammeWriter.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include <string>

using namespace mwangaza;
using mwangaza::store::Database;
using mwangaza::store::ProgrammeWriter;

namespace {

std::int64_t count(Database& db, const std::string& sql)
{
    return db.sql().execAndGet(sql).getInt64();
}

void write_small_programme(ProgrammeWriter& w, std::int64_t matrix_id)
{
    std::string code = "CD-KOL-01"; // views must only live for the call
    w.add_site({1, code, "Kasulo", "CD", "Lualaba", "Kolwezi", "cobalt,copper", true, -10.71, 25.48, "", 5200});
    code = "overwritten after the call";
    w.add_stakeholder({1, "SAEMAPE Lualaba", "state_service", "", "fr,sw"});
    w.link_stakeholder_site(1, 1);
    w.add_incident({1, "uuid-1", "2021-07-02T10:00:00Z", "2021-07-01", "AG-KOL-001", 1, -10.71, 25.48, "wfcl", false,
                    "3 enfants sous terre", "fr", 3, 0, 0, "", "verified", "2021-07-02T10:00:00Z",
                    "2021-07-03T10:00:00Z"});
    w.add_status_change({1, "", "new", "", "AG-KOL-001", "2021-07-02T10:00:00Z"});
    w.add_status_change({1, "new", "in_review", "", "d.kabongo", "2021-07-02T12:00:00Z"});
    w.add_status_change({1, "in_review", "verified", "", "d.kabongo", "2021-07-03T10:00:00Z"});
    w.add_risk({1, 1, "wfcl", "Worst forms of child labour at Kasulo", "open", "2021-07-03", ""});
    w.link_risk_incident(1, 1);
    w.add_assessment({1, matrix_id, 5, 2, "high", true, "mitigate", "2021-07-04", "1 verified incident", "d.kabongo",
                      "2021-07-03"});
    w.add_workshop({1, 1, "2021-07-14", "Patrick Ilunga", "minutes"});
    w.add_attendee({1, 1, "Jean Banza", "SAEMAPE Lualaba"});
    w.add_attendee({1, std::nullopt, "Patrick Ilunga", "facilitator"});
    store::ActionRecord a;
    a.id = 1;
    a.risk_id = 1;
    a.site_id = 1;
    a.title = "Remove children from underground work";
    a.responsible_id = 1;
    a.issued_workshop_id = 1;
    a.issued_on = "2021-07-14";
    a.due_on = "2021-08-14";
    a.priority = "high";
    a.status = "in_progress";
    a.created_at = "2021-07-10T09:00:00Z";
    a.updated_at = "2021-08-01T09:00:00Z";
    w.add_action(a);
    w.add_supporter(1, 1);
    w.add_progress({1, 1, "2021-07-14", "draft", "issued", "Issued at the CAP workshop", "", "Patrick Ilunga"});
    w.add_progress({1, std::nullopt, "2021-08-01", "issued", "in_progress", "Started", "photo.jpg", "d.kabongo"});
    w.set_setting("name", "Small programme");
}

} // namespace

TEST_CASE("ProgrammeWriter writes every table in one transaction, or nothing", "[app][store]")
{
    test::TempFolder dir("mwangaza-writer");
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    const auto matrix = store::load_current_matrix(db);
    CHECK(matrix.matrix.level(5, 5) == core::RiskLevel::VeryHigh);

    {
        ProgrammeWriter w(db);
        write_small_programme(w, matrix.id);
        CHECK(count(db, "SELECT count(*) FROM incident") == 1);
        // not committed: rolled back when the writer goes away
    }
    CHECK(count(db, "SELECT count(*) FROM site") == 0);
    CHECK(count(db, "SELECT count(*) FROM incident") == 0);

    {
        ProgrammeWriter w(db);
        write_small_programme(w, matrix.id);
        w.commit();
        CHECK_THROWS_AS(w.commit(), StorageError);
    }
    CHECK(count(db, "SELECT count(*) FROM site WHERE code = 'CD-KOL-01' AND operator IS NULL AND territory = 'Kolwezi'") == 1);
    CHECK(count(db, "SELECT count(*) FROM incident WHERE attachments IS NULL AND description = '3 enfants sous terre'") == 1);
    CHECK(count(db, "SELECT count(*) FROM incident_status_history WHERE from_status IS NULL") == 1);
    CHECK(count(db, "SELECT count(*) FROM workshop_attendee WHERE stakeholder_id IS NULL") == 1);
    CHECK(count(db, "SELECT count(*) FROM action_progress WHERE workshop_id IS NULL AND evidence = 'photo.jpg'") == 1);
    CHECK(count(db, "SELECT count(*) FROM risk_assessment WHERE red_flag = 1 AND escalation_decision = 'mitigate'") == 1);
    CHECK(db.setting("name") == "Small programme");
    CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("ProgrammeWriter names the table and row a write failed on", "[app][store]")
{
    test::TempFolder dir("mwangaza-writer");
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    ProgrammeWriter w(db);
    w.add_site({1, "S1", "Site", "CD", "Lualaba", "", "cobalt", true, -10.7, 25.5, "", 10});
    store::IncidentRecord r;
    r.id = 7;
    r.observed_on = "2021-07-01";
    r.site_id = 99; // no such site
    r.risk_area = "wfcl";
    r.status = "verified";
    r.created_at = r.updated_at = "x";
    try {
        w.add_incident(r);
        FAIL("a missing site was accepted");
    } catch (const StorageError& e) {
        const std::string message = e.what();
        CHECK(message.find("incident") != std::string::npos);
        CHECK(message.find("7") != std::string::npos);
        CHECK(message.find("FOREIGN KEY") != std::string::npos);
    }
    CHECK_THROWS_AS(w.add_site({2, "S2", "Site", "FR", "Nowhere", "", "gold", true, 0, 0, "", 1}), StorageError);
}

TEST_CASE("ProgrammeWriter's bulk mode rebuilds the indexes and full-text index it dropped", "[app][store]")
{
    test::TempFolder dir("mwangaza-writer");
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    const auto indexes = count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'");
    const auto triggers = count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'");
    const auto matrix = store::load_current_matrix(db);
    {
        ProgrammeWriter w(db, ProgrammeWriter::Mode::FreshFile);
        CHECK(count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'") < indexes);
        CHECK(count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'") < triggers);
        write_small_programme(w, matrix.id);
        w.commit();
    }
    CHECK(count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'") == indexes);
    CHECK(count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'") == triggers);
    // Every description written in bulk is searchable, and the index matches its table.
    CHECK(count(db, "SELECT count(*) FROM incident") > 0);
    CHECK(count(db, "SELECT count(*) FROM incident i WHERE i.description <> '' AND i.id NOT IN "
                    "(SELECT rowid FROM incident_fts WHERE incident_fts MATCH "
                    "'\"' || replace(substr(i.description, 1, instr(i.description || ' ', ' ') - 1), '\"', '') || '\"')") == 0);
    CHECK_NOTHROW(db.sql().exec("INSERT INTO incident_fts(incident_fts, rank) VALUES ('integrity-check', 1)"));
    CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(count(db, "SELECT count(*) FROM incident INDEXED BY incident_site_observed WHERE site_id = 1") == 1);
}
