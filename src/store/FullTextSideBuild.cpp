#include "store/FullTextSideBuild.hpp"

#include "core/Error.hpp"

#include <sqlite3.h>

#include <thread>
#include <utility>

namespace mwangaza::store {

namespace {

std::string quoted(const std::string& name)
{
    std::string out = "\"";
    for (const char c : name)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// A statement that finalizes itself; throws StorageError naming `what` on failure.
class Query {
public:
    Query(sqlite3* db, const std::string& sql, const char* what) : m_db(db), m_what(what)
    {
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db);
            sqlite3_finalize(m_stmt);
            throw StorageError(std::string(what) + ": " + message);
        }
    }
    ~Query() { sqlite3_finalize(m_stmt); }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    sqlite3_stmt* get() { return m_stmt; }
    // Steps once: true for a row, false when done.
    bool step()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            fail();
        return false;
    }
    void run()
    {
        while (step()) {
        }
        sqlite3_reset(m_stmt);
    }
    [[noreturn]] void fail() { throw StorageError(std::string(m_what) + ": " + sqlite3_errmsg(m_db)); }

private:
    sqlite3* m_db;
    const char* m_what;
    sqlite3_stmt* m_stmt = nullptr;
};

void exec(sqlite3* db, const std::string& sql, const char* what)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        throw StorageError(std::string(what) + ": " + text);
    }
}

// Copies every row of table `name` from `from` into the same-named table of `to`,
// column values as they are, in the source's key order.
void copy_rows(sqlite3* from, sqlite3* to, const std::string& name, const char* verb)
{
    Query read(from, "SELECT * FROM " + quoted(name), "cannot read the built full-text index");
    const int columns = sqlite3_column_count(read.get());
    std::string insert = std::string(verb) + " INTO " + quoted(name) + " VALUES (";
    for (int i = 0; i < columns; ++i)
        insert += i ? ",?" : "?";
    Query write(to, insert + ")", "cannot write the full-text index");
    while (read.step()) {
        for (int i = 0; i < columns; ++i)
            sqlite3_bind_value(write.get(), i + 1, sqlite3_column_value(read.get(), i));
        write.run();
    }
}

} // namespace

bool full_text_index_is_empty(sqlite3* db, const std::string& table)
{
    Query q(db,
            "SELECT NOT EXISTS (SELECT 1 FROM " + quoted(table + "_docsize") + ") AND NOT EXISTS (SELECT 1 FROM " +
                quoted(table + "_idx") + ")",
            "cannot read the full-text index");
    return q.step() && sqlite3_column_int(q.get(), 0) == 1;
}

struct FullTextSideBuild::Worker {
    std::thread thread;
    sqlite3* side = nullptr;
    std::string error; // set by the thread when the build failed
    ~Worker()
    {
        if (thread.joinable())
            thread.join();
        sqlite3_close_v2(side);
    }
};

FullTextSideBuild::FullTextSideBuild(sqlite3* db, std::string table, std::string column)
    : m_table(std::move(table)), m_column(std::move(column))
{
    Query q(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", "cannot read the full-text index");
    sqlite3_bind_text(q.get(), 1, m_table.c_str(), int(m_table.size()), SQLITE_STATIC);
    if (!q.step())
        throw StorageError("the database has no full-text table " + m_table);
    m_create = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
}

FullTextSideBuild::~FullTextSideBuild() = default;

void FullTextSideBuild::add(std::int64_t rowid, std::string_view text)
{
    m_rowids.push_back(rowid);
    m_texts.append(text);
    m_ends.push_back(m_texts.size());
}

void FullTextSideBuild::start()
{
    if (m_rowids.empty() || m_worker)
        return;
    m_worker = std::make_unique<Worker>();
    if (sqlite3_open_v2(":memory:", &m_worker->side, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        throw StorageError("cannot open a database in memory for the full-text index");
    m_worker->thread = std::thread([this] { build(); });
}

void FullTextSideBuild::build() noexcept
{
    sqlite3* side = m_worker->side;
    try {
        exec(side, m_create, "cannot create the full-text index");
        // Pending terms in one large buffer and no merging while inserting: the fewest
        // segments for the least work (the database's own settings are not touched).
        const std::string t = quoted(m_table);
        exec(side,
             "INSERT INTO " + t + "(" + t + ", rank) VALUES ('hashsize', 67108864); INSERT INTO " + t + "(" + t +
                 ", rank) VALUES ('automerge', 0); BEGIN",
             "cannot set up the full-text index");
        Query insert(side, "INSERT INTO " + t + "(rowid, " + quoted(m_column) + ") VALUES (?, ?)",
                     "cannot index the descriptions");
        std::size_t begin = 0;
        for (std::size_t i = 0; i < m_rowids.size(); ++i) {
            sqlite3_bind_int64(insert.get(), 1, m_rowids[i]);
            sqlite3_bind_text(insert.get(), 2, m_texts.data() + begin, int(m_ends[i] - begin), SQLITE_STATIC);
            insert.run();
            begin = m_ends[i];
        }
        exec(side, "COMMIT", "cannot index the descriptions");
    } catch (const std::exception& e) {
        m_worker->error = e.what();
    }
    std::string().swap(m_texts);
    std::vector<std::size_t>().swap(m_ends);
    std::vector<std::int64_t>().swap(m_rowids);
}

void FullTextSideBuild::install(sqlite3* db)
{
    if (!m_worker)
        return; // nothing was added
    m_worker->thread.join();
    if (!m_worker->error.empty())
        throw StorageError(m_worker->error);
    sqlite3* side = m_worker->side;
    const std::string config = m_table + "_config";
    // The table's own settings, kept across the new table.
    exec(db, "CREATE TEMP TABLE mwangaza_fts_config AS SELECT * FROM " + quoted(config), "cannot keep the full-text settings");
    exec(db, "DROP TABLE " + quoted(m_table) + "; " + m_create + "; DELETE FROM " + quoted(m_table + "_data") +
                 "; INSERT OR REPLACE INTO " + quoted(config) + " SELECT * FROM temp.mwangaza_fts_config" +
                 "; DROP TABLE temp.mwangaza_fts_config",
         "cannot replace the full-text index");
    for (const char* suffix : {"_data", "_idx", "_docsize"})
        copy_rows(side, db, m_table + suffix, "INSERT");
}

} // namespace mwangaza::store
