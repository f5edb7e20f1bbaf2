#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/KpiQuery.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "TempFolder.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace mwangaza;
using mwangaza::store::Database;
namespace fs = std::filesystem;

namespace {

std::int64_t count(SQLite::Database& db, const std::string& sql)
{
    return db.execAndGet(sql).getInt64();
}

} // namespace

TEST_CASE("migrations build the whole schema from an empty file", "[store][migration]")
{
    test::TempFolder dir("mwangaza-store");
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    CHECK(db.schema_version() == Database::latest_version());
    CHECK(Database::latest_version() >= 2);
    auto& sql = db.sql();
    CHECK(sql.execAndGet("PRAGMA page_size").getInt() == store::k_page_bytes);
    CHECK(sql.execAndGet("PRAGMA journal_mode").getString() == "wal");
    for (const char* table : {"site", "risk_category", "risk_area", "incident", "incident_status_history",
                              "stakeholder", "stakeholder_site", "risk", "risk_incident", "risk_assessment",
                              "matrix_version", "matrix_cell", "corrective_action", "action_supporter",
                              "action_progress", "workshop", "workshop_attendee", "audit_log", "programme"}) {
        INFO(table);
        CHECK(count(sql, std::string("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='") + table +
                             "'") == 1);
    }
    CHECK(count(sql, "SELECT count(*) FROM risk_category") == 7);
    CHECK(count(sql, "SELECT count(*) FROM risk_area") == 26);
    CHECK(count(sql, "SELECT count(*) FROM risk_area WHERE annex_ii='serious_abuse'") == 5);
    CHECK(count(sql, "SELECT count(*) FROM risk_area WHERE annex_ii='mitigate'") == 4);
    CHECK(sql.execAndGet("SELECT annex_ii FROM risk_area WHERE code='wfcl'").getString() == "serious_abuse");
    CHECK(count(sql, "SELECT count(*) FROM matrix_cell c JOIN matrix_version v ON v.id=c.matrix_version_id "
                     "WHERE v.is_current=1") == 25);
    CHECK(sql.execAndGet("SELECT level FROM matrix_cell WHERE severity=5 AND likelihood=1").getString() == "medium");
    CHECK(sql.execAndGet("SELECT level FROM matrix_cell WHERE severity=4 AND likelihood=5").getString() ==
          "very_high");
    CHECK(sql.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(count(sql, "PRAGMA foreign_keys") == 1);
    CHECK(count(sql, "PRAGMA busy_timeout") == 5000);
    CHECK(count(sql, "PRAGMA application_id") == store::k_application_id);
    // An empty programme: no records, no figures.
    CHECK(count(sql, "SELECT count(*) FROM incident") == 0);
    CHECK(count(sql, "SELECT count(*) FROM site") == 0);
}

TEST_CASE("a stored schema-1 file is upgraded in place and keeps its records", "[store][migration]")
{
    test::TempFolder dir("mwangaza-store");
    const auto copy = dir / "old.mwz";
    fs::copy_file(fs::path(MWANGAZA_TEST_DATA_DIR) / "programme-v1.mwz", copy);
    {
        SQLite::Database raw(copy.string());
        REQUIRE(count(raw, "PRAGMA user_version") == 1);
        REQUIRE(count(raw, "SELECT count(*) FROM sqlite_schema WHERE name='incident_verified_kpi'") == 0);
    }
    auto db = Database::open(copy);
    auto& sql = db.sql();
    CHECK(db.schema_version() == Database::latest_version());
    CHECK(count(sql, "SELECT count(*) FROM sqlite_schema WHERE name='incident_verified_kpi'") == 1);
    CHECK(count(sql, "SELECT count(*) FROM sqlite_schema WHERE name='incident_site'") == 0);
    CHECK(count(sql, "SELECT count(*) FROM incident") == 3);
    CHECK(count(sql, "SELECT count(*) FROM audit_log") == 1);
    CHECK(count(sql, "PRAGMA page_size") == 4096); // an existing file keeps its page size
    CHECK(db.setting("name") == "Schema version 1 fixture");
    const auto k = store::compute_kpis(sql, {});
    CHECK(k.sites_total == 2);
    CHECK(k.incidents_verified == 2);
    CHECK(k.child_labour_incidents == 2);
    CHECK(k.wfcl_incidents == 1);
    CHECK(k.incidents_awaiting_triage == 1);
    // Opening again is a no-op.
    auto again = Database::open(copy);
    CHECK(again.schema_version() == Database::latest_version());
}

TEST_CASE("schema 18 makes the incident table again with a named unique index on the submission id",
          "[store][migration]")
{
    test::TempFolder dir("mwangaza-store");
    const auto path = dir / "v17.mwz";
    const auto write_v17 = [&] {
        auto db = Database::open(path, Database::Mode::Create, 17);
        auto& sql = db.sql();
        sql.exec("INSERT INTO site(id, code, name, country, province, minerals) "
                 "VALUES (1, 'S1', 'S', 'CD', 'Maniema', 'tin')");
        sql.exec("INSERT INTO import_batch(id, file_name, file_sha256, profile, imported_at, imported_by, rows_read, "
                 "imported, updated, unchanged, skipped, conflicts, columns) "
                 "VALUES (1, 'f.csv', '', 'kobo', 'x', 'x', 2, 2, 0, 0, 0, 0, '[\"a\",\"b\"]')");
        sql.exec("INSERT INTO incident(id, source_id, observed_on, site_id, risk_area, description, status, "
                 "import_batch_id, created_at, updated_at) VALUES "
                 "(7, 'uuid-7', '2021-05-01', 1, 'water', 'Eaux boueuses dans la rivière', 'verified', 1, 'x', 'x'), "
                 "(9, 'uuid-9', '2021-05-02', NULL, 'child_labour', 'Enfants au puits', 'new', 1, 'x', 'x')");
        sql.exec("INSERT INTO incident_source(incident_id, raw_source) VALUES (7, '[\"1\",\"2\"]')");
        sql.exec("INSERT INTO incident_status_history(incident_id, from_status, to_status, reason, changed_by, "
                 "changed_at) VALUES (7, 'new', 'verified', 'seen', 'x', 'x')");
        sql.exec("INSERT INTO risk(id, site_id, risk_area, title, opened_on) VALUES (1, 1, 'water', 'Eau', '2021-05-01')");
        sql.exec("INSERT INTO risk_incident(risk_id, incident_id) VALUES (1, 7)");
        CHECK(count(sql, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_incident_1'") == 1);
        return db.schema_version();
    };
    REQUIRE(write_v17() == 17);

    auto db = Database::open(path);
    auto& sql = db.sql();
    CHECK(db.schema_version() == Database::latest_version());
    // The constraint is an index of its own now, which a large import may drop and make again.
    CHECK(count(sql, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_incident_1'") == 0);
    CHECK(count(sql, "SELECT count(*) FROM pragma_index_list('incident') WHERE name = 'incident_source_id' "
                     "AND \"unique\" = 1") == 1);
    CHECK_THROWS_WITH(sql.exec("INSERT INTO incident(source_id, observed_on, risk_area, created_at, updated_at) "
                               "VALUES ('uuid-9', '2021-05-03', 'water', 'x', 'x')"),
                      Catch::Contains("UNIQUE constraint failed: incident.source_id"));
    // Every row kept its id and what refers to it; the triggers and the view work again.
    CHECK(count(sql, "SELECT count(*) FROM incident") == 2);
    CHECK(sql.execAndGet("SELECT status FROM incident WHERE id = 7").getString() == "verified");
    CHECK(count(sql, "SELECT count(*) FROM incident_source_row WHERE incident_id = 7") == 1);
    CHECK(count(sql, "SELECT incidents FROM risk WHERE id = 1") == 1);
    CHECK(count(sql, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'riviere'") == 1);
    sql.exec("UPDATE incident SET status = 'rejected' WHERE id = 9");
    CHECK(count(sql, "SELECT n FROM incident_tally WHERE risk_area = 'child_labour' AND status = 'rejected'") == 1);
    sql.exec("INSERT INTO incident_fts(incident_fts) VALUES ('integrity-check')");
    CHECK(sql.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(count(sql, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(count(sql, "PRAGMA foreign_keys") == 1);
    // The same objects as a programme made at this version.
    const auto objects = [](SQLite::Database& d) {
        std::string all;
        SQLite::Statement q(d, "SELECT type || ' ' || name FROM sqlite_schema WHERE tbl_name = 'incident' OR "
                               "name = 'incident_source_row' ORDER BY 1");
        while (q.executeStep())
            all += q.getColumn(0).getString() + "\n";
        return all;
    };
    auto fresh = Database::open(dir / "fresh.mwz", Database::Mode::Create);
    CHECK(objects(sql) == objects(fresh.sql()));
}

TEST_CASE("an upgrade that would leave a broken reference is refused and changes nothing", "[store][migration]")
{
    test::TempFolder dir("mwangaza-store");
    const auto path = dir / "v17.mwz";
    {
        auto db = Database::open(path, Database::Mode::Create, 17);
        auto& sql = db.sql();
        sql.exec("PRAGMA foreign_keys = OFF");
        sql.exec("INSERT INTO incident_source(incident_id, raw_source) VALUES (41, '[]')");
    }
    CHECK_THROWS_WITH(Database::open(path), Catch::Contains("schema version 18") &&
                                                Catch::Contains("row 41 of incident_source refers to a missing row of incident"));
    SQLite::Database raw(path.string());
    CHECK(count(raw, "PRAGMA user_version") == 17);
    CHECK(count(raw, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_incident_1'") == 1);
}

TEST_CASE("a database from a newer program is refused with a clear message", "[store][migration]")
{
    test::TempFolder dir("mwangaza-store");
    const auto path = dir / "newer.mwz";
    {
        auto db = Database::open(path, Database::Mode::Create);
        db.sql().exec("PRAGMA user_version = " + std::to_string(Database::latest_version() + 1));
    }
    CHECK_THROWS_AS(Database::open(path), StorageError);
    CHECK_THROWS_WITH(Database::open(path), Catch::Contains("newer version of Mwangaza"));
    // Nothing was changed by the refused open.
    SQLite::Database raw(path.string());
    CHECK(count(raw, "PRAGMA user_version") == Database::latest_version() + 1);
}

TEST_CASE("files that are not programme databases are refused", "[store]")
{
    test::TempFolder dir("mwangaza-store");
    const auto text = dir / "notes.csv";
    std::ofstream(text) << "site_code;risk_area\nCD-LUA-01;child_labour\n";
    CHECK_THROWS_AS(Database::open(text), StorageError);

    const auto other = dir / "other.sqlite";
    {
        SQLite::Database raw(other.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("CREATE TABLE t(x)");
    }
    CHECK_THROWS_WITH(Database::open(other), Catch::Contains("not a Mwangaza programme database"));
    CHECK_THROWS_WITH(Database::open(dir / "missing.mwz"), Catch::Contains("no such file"));
    CHECK_THROWS_WITH(Database::open(dir.path()), Catch::Contains("folder"));

    const auto exists = dir / "exists.mwz";
    Database::open(exists, Database::Mode::Create);
    CHECK_THROWS_WITH(Database::open(exists, Database::Mode::Create), Catch::Contains("already exists"));
}

TEST_CASE("the audit trail is append-only", "[store][audit]")
{
    test::TempFolder dir("mwangaza-store");
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    db.audit("expert.bukavu", "incident", 42, "status", R"({"status":"in_review"})", R"({"status":"verified"})");
    auto& sql = db.sql();
    CHECK(count(sql, "SELECT count(*) FROM audit_log") == 1);
    CHECK_THROWS_AS(sql.exec("UPDATE audit_log SET actor = 'someone else'"), SQLite::Exception);
    CHECK_THROWS_WITH(sql.exec("UPDATE audit_log SET actor = 'x'"), Catch::Contains("append-only"));
    CHECK_THROWS_WITH(sql.exec("DELETE FROM audit_log"), Catch::Contains("append-only"));
    CHECK(sql.execAndGet("SELECT actor FROM audit_log").getString() == "expert.bukavu");
    CHECK(count(sql, "SELECT count(*) FROM audit_log") == 1);
}

TEST_CASE("schema constraints refuse inconsistent records", "[store]")
{
    test::TempFolder dir("mwangaza-store");
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    auto& sql = db.sql();
    // Unknown risk area: foreign key.
    CHECK_THROWS_AS(sql.exec("INSERT INTO incident(observed_on, risk_area, created_at, updated_at) "
                             "VALUES ('2021-05-01', 'kids', 'x', 'x')"),
                    SQLite::Exception);
    // Unknown status: check constraint.
    CHECK_THROWS_AS(sql.exec("INSERT INTO incident(observed_on, risk_area, status, created_at, updated_at) "
                             "VALUES ('2021-05-01', 'water', 'closed', 'x', 'x')"),
                    SQLite::Exception);
    sql.exec("INSERT INTO site(id, code, name, country, province, minerals) VALUES (1, 'S1', 'S', 'CD', 'Maniema', 'tin')");
    sql.exec("INSERT INTO risk(id, site_id, risk_area, title, opened_on) VALUES (1, 1, 'water', 'Water', '2021-05-01')");
    // An action in progress must have been issued.
    CHECK_THROWS_AS(sql.exec("INSERT INTO corrective_action(risk_id, site_id, title, status, created_at, updated_at) "
                             "VALUES (1, 1, 'Fence the settling pond', 'in_progress', 'x', 'x')"),
                    SQLite::Exception);
    CHECK_NOTHROW(sql.exec("INSERT INTO corrective_action(risk_id, site_id, title, status, created_at, updated_at) "
                           "VALUES (1, 1, 'Fence the settling pond', 'draft', 'x', 'x')"));
}
