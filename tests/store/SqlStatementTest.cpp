// The store's statement over SQLite's C API: every failure reaches the user's Fail with
// where it happened, and text is bound as given.
#include "core/Error.hpp"
#include "store/SqlStatement.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace mwangaza;
using store::SqlPhase;

namespace {

// The statement of these tests: its failures say the phase and SQLite's message.
class Probe : public store::SqlStatement<Probe> {
public:
    Probe(sqlite3* db, const char* sql)
        : SqlStatement(db, sql, [](Phase phase, int, sqlite3* h) {
              const char* name = phase == SqlPhase::Prepare ? "prepare" : phase == SqlPhase::Bind ? "bind" : "step";
              throw StorageError(std::string(name) + ": " + sqlite3_errmsg(h));
          })
    {
    }
};

struct Memory {
    sqlite3* db = nullptr;
    Memory()
    {
        REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER)", nullptr,
                             nullptr, nullptr) == SQLITE_OK);
    }
    ~Memory() { sqlite3_close(db); }
    std::string one(const char* sql)
    {
        Probe q(db, sql);
        REQUIRE(q.step());
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
        return p ? p : "<null>";
    }
};

} // namespace

TEST_CASE("a statement's failures go to its Fail, named by where they happened", "[store]")
{
    Memory m;
    CHECK_THROWS_WITH(Probe(m.db, "INSERT INTO missing VALUES (1)"), "prepare: no such table: missing");
    Probe insert(m.db, "INSERT INTO t(name, n) VALUES (?, ?)");
    CHECK_THROWS_WITH(insert.integer(3, 1), "bind: column index out of range");
    CHECK(insert.text(1, "Kasulo").integer(2, 4).run() == 1);
    CHECK_THROWS_WITH(insert.text(1, "Kasulo").null(2).run(), "step: UNIQUE constraint failed: t.name");
    // Reset after the failure: the statement runs again.
    CHECK(insert.text(1, "Kalimbi").optional(2, std::optional<std::int64_t>()).run() == 1);
    CHECK(m.one("SELECT count(*) FROM t") == "2");
    CHECK(m.one("SELECT n FROM t WHERE name = 'Kalimbi'") == "<null>");
}

TEST_CASE("an empty text is bound as text, and a copied text outlives its string", "[store]")
{
    Memory m;
    Probe insert(m.db, "INSERT INTO t(name, n) VALUES (:name, :n)");
    CHECK(insert.parameter(":n") == 2);
    CHECK(insert.text(insert.parameter(":name"), std::string_view()).integer(2, 0).run() == 1);
    CHECK(m.one("SELECT typeof(name) FROM t WHERE n = 0") == "text");
    insert.text_copy(1, std::string("Nyabibwe, bound from a temporary")).integer(2, 1);
    CHECK(insert.run() == 1);
    CHECK(m.one("SELECT name FROM t WHERE n = 1") == "Nyabibwe, bound from a temporary");
    // text_or_null binds an empty text as NULL, which the column refuses.
    CHECK_THROWS_WITH(insert.text_or_null(1, "").integer(2, 2).run(), "step: NOT NULL constraint failed: t.name");
}
