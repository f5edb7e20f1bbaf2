#include "store/FullTextSideBuild.hpp"

#include "core/Error.hpp"
#include "core/ThreadPriority.hpp"
#include "store/SqlStatement.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <mutex>
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

// A statement whose errors are StorageErrors naming `what`.
class Query : public SqlStatement<Query> {
public:
    Query(sqlite3* db, const std::string& sql, const char* what)
        : SqlStatement(db, sql, [what](Phase, int, sqlite3* h) {
              throw StorageError(std::string(what) + ": " + sqlite3_errmsg(h));
          })
    {
    }
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
    // No segment: the data table holds only the averages (id 1) and structure (id 10)
    // records, and the segment index nothing.
    Query q(db,
            "SELECT NOT EXISTS (SELECT 1 FROM " + quoted(table + "_data") + " WHERE id NOT IN (1, 10)) AND NOT EXISTS "
            "(SELECT 1 FROM " + quoted(table + "_idx") + ")",
            "cannot read the full-text index");
    return q.step() && sqlite3_column_int(q.get(), 0) == 1;
}

// Documents handed over in batches of this many.
constexpr std::size_t k_batch_documents = 4096;

struct FullTextSideBuild::Shared {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<Batch> queue;
    bool finished = false; // no more batches
    bool stop = false;     // give up (the load is abandoned)
    std::string error;     // set by the thread when the build failed
    sqlite3* side = nullptr;
    std::thread thread;
};

FullTextSideBuild::FullTextSideBuild(sqlite3* db, std::string table, std::string column)
    : m_table(std::move(table)), m_column(std::move(column)), m_shared(std::make_unique<Shared>())
{
    Query q(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", "cannot read the full-text index");
    sqlite3_bind_text(q.get(), 1, m_table.c_str(), int(m_table.size()), SQLITE_STATIC);
    if (!q.step())
        throw StorageError("the database has no full-text table " + m_table);
    m_create = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
    if (sqlite3_open_v2(":memory:", &m_shared->side, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(m_shared->side);
        throw StorageError("cannot open a database in memory for the full-text index");
    }
    m_shared->thread = std::thread([this] { run(); });
}

FullTextSideBuild::~FullTextSideBuild()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->stop = true;
    }
    m_shared->ready.notify_all();
    if (m_shared->thread.joinable())
        m_shared->thread.join();
    sqlite3_close_v2(m_shared->side);
}

void FullTextSideBuild::add(std::int64_t rowid, std::string_view text)
{
    m_added = true;
    m_filling.rowids.push_back(rowid);
    m_filling.texts.append(text);
    m_filling.ends.push_back(m_filling.texts.size());
    if (m_filling.rowids.size() == k_batch_documents)
        hand_over();
}

void FullTextSideBuild::hand_over()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->queue.push_back(std::move(m_filling));
    }
    m_shared->ready.notify_one();
    m_filling = Batch();
}

void FullTextSideBuild::run() noexcept
{
    core::lower_this_thread_priority();
    auto& shared = *m_shared;
    sqlite3* side = shared.side;
    std::unique_ptr<Query> insert;
    auto fail = [&](const std::exception& e) {
        std::lock_guard lock(shared.mutex);
        if (shared.error.empty())
            shared.error = e.what();
    };
    try {
        exec(side, m_create, "cannot create the full-text index");
        // Pending terms in one large buffer and no merging while inserting: the fewest
        // segments for the least work (the database's own settings are not touched).
        const std::string t = quoted(m_table);
        exec(side,
             "INSERT INTO " + t + "(" + t + ", rank) VALUES ('hashsize', 67108864); INSERT INTO " + t + "(" + t +
                 ", rank) VALUES ('automerge', 0); BEGIN",
             "cannot set up the full-text index");
        insert = std::make_unique<Query>(side, "INSERT INTO " + t + "(rowid, " + quoted(m_column) + ") VALUES (?, ?)",
                                         "cannot index the texts");
    } catch (const std::exception& e) {
        fail(e);
    }
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(shared.mutex);
            shared.ready.wait(lock, [&] { return shared.stop || shared.finished || !shared.queue.empty(); });
            if (shared.stop)
                return;
            if (shared.queue.empty())
                break; // finished
            batch = std::move(shared.queue.front());
            shared.queue.pop_front();
            if (!shared.error.empty())
                continue; // drained, not indexed
        }
        try {
            std::size_t begin = 0;
            for (std::size_t i = 0; i < batch.rowids.size(); ++i) {
                sqlite3_bind_int64(insert->get(), 1, batch.rowids[i]);
                sqlite3_bind_text(insert->get(), 2, batch.texts.data() + begin, int(batch.ends[i] - begin),
                                  SQLITE_STATIC);
                insert->run();
                begin = batch.ends[i];
            }
        } catch (const std::exception& e) {
            fail(e);
        }
    }
    try {
        insert.reset();
        std::lock_guard lock(shared.mutex);
        if (shared.error.empty())
            exec(side, "COMMIT", "cannot index the texts");
    } catch (const std::exception& e) {
        shared.error = e.what();
    }
}

void FullTextSideBuild::install(sqlite3* db)
{
    if (!m_added)
        return;
    if (!m_filling.rowids.empty())
        hand_over();
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->finished = true;
    }
    m_shared->ready.notify_all();
    m_shared->thread.join();
    if (!m_shared->error.empty())
        throw StorageError(m_shared->error);
    sqlite3* side = m_shared->side;
    const std::string config = m_table + "_config";
    // The table's own settings, kept across the new table.
    exec(db, "CREATE TEMP TABLE mwangaza_fts_config AS SELECT * FROM " + quoted(config), "cannot keep the full-text settings");
    exec(db, "DROP TABLE " + quoted(m_table) + "; " + m_create + "; DELETE FROM " + quoted(m_table + "_data") +
                 "; INSERT OR REPLACE INTO " + quoted(config) + " SELECT * FROM temp.mwangaza_fts_config" +
                 "; DROP TABLE temp.mwangaza_fts_config",
         "cannot replace the full-text index");
    // The index's shadow tables (_docsize only when the table keeps column sizes).
    Query tables(side, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN (?1 || '_data', ?1 || '_idx', ?1 || '_docsize')",
                 "cannot read the built full-text index");
    sqlite3_bind_text(tables.get(), 1, m_table.c_str(), int(m_table.size()), SQLITE_STATIC);
    while (tables.step())
        copy_rows(side, db, reinterpret_cast<const char*>(sqlite3_column_text(tables.get(), 0)), "INSERT");
}

} // namespace mwangaza::store
