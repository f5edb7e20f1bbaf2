#include "store/Database.hpp"

#include "TempFolder.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using mwangaza::store::Database;

namespace {

std::vector<long long> search(SQLite::Database& db, const std::string& words)
{
    SQLite::Statement q(db, "SELECT rowid FROM incident_fts WHERE incident_fts MATCH ? ORDER BY rowid");
    q.bind(1, words);
    std::vector<long long> ids;
    while (q.executeStep())
        ids.push_back(q.getColumn(0).getInt64());
    return ids;
}

} // namespace

TEST_CASE("full-text search follows incident descriptions, accents folded", "[store][search]")
{
    mwangaza::test::TempFolder dir("mwangaza-fts");
    auto db = Database::open(dir / "p.mwz", Database::Mode::Create);
    auto& sql = db.sql();
    sql.exec(R"SQL(
INSERT INTO incident(id, observed_on, risk_area, description, created_at, updated_at) VALUES
  (1, '2021-07-10', 'child_labour', 'Trois enfants vus au lavage du minerai', 'x', 'x'),
  (2, '2021-07-11', 'general_security', 'Sécurité du site: vol de sacs la nuit', 'x', 'x'),
  (3, '2021-07-12', 'ohs', 'Children seen near an unsupported pit wall', 'x', 'x');
)SQL");
    CHECK(search(sql, "enfants") == std::vector<long long>{1});
    CHECK(search(sql, "securite") == std::vector<long long>{2});
    CHECK(search(sql, "SÉCURITÉ") == std::vector<long long>{2});
    CHECK(search(sql, "children OR enfants") == std::vector<long long>{1, 3});

    sql.exec("UPDATE incident SET description = 'Two children carrying sacks' WHERE id = 1");
    CHECK(search(sql, "enfants").empty());
    CHECK(search(sql, "children") == std::vector<long long>{1, 3});
    sql.exec("DELETE FROM incident WHERE id = 3");
    CHECK(search(sql, "children") == std::vector<long long>{1});
    // The index agrees with its content table.
    CHECK_NOTHROW(sql.exec("INSERT INTO incident_fts(incident_fts, rank) VALUES ('integrity-check', 1)"));
}

TEST_CASE("an upgraded schema-1 file gets its descriptions indexed", "[store][search][migration]")
{
    mwangaza::test::TempFolder dir("mwangaza-fts-upgrade");
    std::filesystem::copy_file(std::filesystem::path(MWANGAZA_TEST_DATA_DIR) / "programme-v1.mwz", dir / "old.mwz");
    auto db = Database::open(dir / "old.mwz");
    CHECK(search(db.sql(), "pit") == std::vector<long long>{1, 3});
    CHECK(search(db.sql(), "minerai") == std::vector<long long>{2});
    // Migration 17: the index keeps no per-document sizes, and still agrees with the
    // descriptions after the rebuild and later edits.
    CHECK(db.sql().execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'incident_fts_docsize'").getInt() == 0);
    db.sql().exec("UPDATE incident SET description = 'Wall of the pit collapsed' WHERE id = 2");
    CHECK(search(db.sql(), "pit") == std::vector<long long>{1, 2, 3});
    CHECK(search(db.sql(), "minerai").empty());
    CHECK_NOTHROW(db.sql().exec("INSERT INTO incident_fts(incident_fts, rank) VALUES ('integrity-check', 1)"));
}
