#include "store/IncidentImportWriter.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "store/Database.hpp"
#include "store/FullTextSideBuild.hpp"
#include "store/SqlStatement.hpp"
#include "store/UncheckedWrites.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>

namespace mwangaza::store {

namespace {

constexpr std::size_t k_lookup_batch = 500;
// A load of at least this many rows takes the large-load path (triggers' work done once).
constexpr std::int64_t k_bulk_rows = 1000;
// Page cache while importing (KiB): the source-id index and the pages being filled stay
// in memory instead of being spilled to the WAL and read back (the default is 2 MiB).
constexpr int k_import_cache_kib = 262144;
// Sort memory of the index builds at commit (KiB; SQLite takes it from the cache size).
constexpr int k_index_sort_kib = 4096;
// A large load writes the status history of its new incidents this many at a time, in
// one statement each, while the rows are read (see IncidentImportWriter::insert).
constexpr std::int64_t k_history_slice = 65536;

// The import's prepared statements: one that cannot be prepared names the import, any
// other error is SQLite's message.
class Statement : public SqlStatement<Statement> {
public:
    Statement(sqlite3* db, const char* sql) : SqlStatement(db, sql, &fail, true) {}

private:
    static void fail(Phase phase, int, sqlite3* db)
    {
        const std::string message = sqlite3_errmsg(db);
        if (phase == Phase::Prepare)
            throw StorageError("cannot prepare the import: " + message);
        throw StorageError(message);
    }
};

// Binds the mapped fields shared by INSERT and UPDATE, from parameter 1 on; returns the
// next free parameter index.
int bind_record(Statement& s, const IncidentImportRecord& r, std::int64_t batch_id)
{
    int i = 1;
    s.text_or_null(i++, r.submitted_at);
    s.text(i++, r.observed_on);
    s.text_or_null(i++, r.reporter);
    s.optional(i++, r.site_id);
    s.optional(i++, r.lat);
    s.optional(i++, r.lon);
    s.text(i++, r.risk_area);
    s.text(i++, r.description);
    s.integer(i++, r.children);
    s.integer(i++, r.women);
    s.integer(i++, r.men);
    s.text_or_null(i++, r.attachments);
    s.text(i++, r.source_hash);
    s.integer(i++, batch_id);
    return i;
}

// (name, CREATE statement) of the schema objects of `type` on `table` matching `names`
// ("" for any); indexes that SQLite makes for UNIQUE constraints have no statement and
// are left alone.
std::vector<std::pair<std::string, std::string>> schema_objects(SQLite::Database& sql, const char* type,
                                                                 const char* table, const std::vector<std::string>& names)
{
    std::vector<std::pair<std::string, std::string>> out;
    SQLite::Statement q(sql, "SELECT name, sql FROM sqlite_schema WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL "
                             "ORDER BY name");
    q.bind(1, type);
    q.bind(2, table);
    while (q.executeStep()) {
        std::string name = q.getColumn(0).getString();
        if (names.empty() || std::find(names.begin(), names.end(), name) != names.end())
            out.emplace_back(std::move(name), q.getColumn(1).getString());
    }
    return out;
}

// Phase timings of a load (wall and this thread's CPU), printed on stderr at commit when
// MWANGAZA_IMPORT_TIMING is set: what tests/bench/run_import.sh reports as its breakdown.
class PhaseTimer {
public:
    PhaseTimer() : m_on(std::getenv("MWANGAZA_IMPORT_TIMING") != nullptr) { mark(); }
    bool on() const { return m_on; }
    void lap(const char* phase)
    {
        if (!m_on)
            return;
        const double wall0 = m_wall, cpu0 = m_cpu;
        mark();
        m_lines += std::string(phase) + " " + std::to_string(m_wall - wall0) + " s wall, " +
                   std::to_string(m_cpu - cpu0) + " s cpu\n";
    }
    void print() const
    {
        if (m_on)
            std::fputs(("import timing:\n" + m_lines).c_str(), stderr);
    }

private:
    void mark()
    {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        m_cpu = double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
        m_wall = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    }
    bool m_on;
    double m_wall = 0, m_cpu = 0;
    std::string m_lines;
};

} // namespace

std::unordered_map<std::string, ImportedIncident> find_incidents_by_source(Database& db,
                                                                          const std::vector<std::string>& source_ids)
{
    std::unordered_map<std::string, ImportedIncident> found;
    try {
        auto& sql = db.sql();
        std::size_t start = 0;
        while (start < source_ids.size()) {
            const std::size_t n = std::min(k_lookup_batch, source_ids.size() - start);
            std::string query = "SELECT source_id, id, status, COALESCE(source_hash, '') FROM incident "
                                "WHERE source_id IN (";
            for (std::size_t i = 0; i < n; ++i)
                query += i ? ",?" : "?";
            query += ")";
            SQLite::Statement s(sql, query);
            for (std::size_t i = 0; i < n; ++i)
                s.bind(int(i + 1), source_ids[start + i]);
            while (s.executeStep())
                found[s.getColumn(0).getString()] =
                    ImportedIncident{s.getColumn(1).getInt64(), s.getColumn(2).getString(), s.getColumn(3).getString()};
            start += n;
        }
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot look up imported incidents: ") + e.what());
    }
    return found;
}

void for_each_imported_incident(
    Database& db, const std::function<void(std::string_view, std::int64_t, std::string_view, std::string_view)>& each)
{
    sqlite3* h = db.sql().getHandle();
    Statement s(h, "SELECT source_id, id, status, COALESCE(source_hash, '') FROM incident WHERE source_id IS NOT NULL");
    auto text = [&](int column) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), column));
        return std::string_view(p ? p : "", std::size_t(sqlite3_column_bytes(s.get(), column)));
    };
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
        each(text(0), sqlite3_column_int64(s.get(), 1), text(2), text(3));
    sqlite3_reset(s.get());
    if (rc != SQLITE_DONE)
        throw StorageError(std::string("cannot read the imported incidents: ") + sqlite3_errmsg(h));
}

std::int64_t incident_count(Database& db)
{
    try {
        return db.sql().execAndGet("SELECT count(*) FROM incident").getInt64();
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot count the incidents: ") + e.what());
    }
}

std::unordered_map<std::string, std::int64_t> site_ids_by_code(Database& db)
{
    std::unordered_map<std::string, std::int64_t> sites;
    try {
        SQLite::Statement s(db.sql(), "SELECT code, id FROM site");
        while (s.executeStep())
            sites.emplace(s.getColumn(0).getString(), s.getColumn(1).getInt64());
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the sites: ") + e.what());
    }
    return sites;
}

struct IncidentImportWriter::Impl {
    Database& db;
    SQLite::Database& sql;
    std::string file_name;
    std::string actor;
    std::string now;
    std::string reason;
    int previous_cache = 0;
    bool open = false;           // inside the transaction
    bool journal_switched = false; // rollback journal for this load, WAL again afterwards
    // A bulk load's rows are written without SQLite's per-row CHECK and foreign key
    // tests: check_record tests the counts, commit the sites and risk areas named.
    UncheckedWrites unchecked;
    std::int64_t batch_id = 0;

    bool bulk = false;
    std::vector<std::pair<std::string, std::string>> dropped_triggers;
    std::map<std::string, std::int64_t, std::less<>> new_by_area; // tallies of the new incidents

    std::vector<std::pair<std::string, std::string>> dropped_indexes;
    // The full-text index of a first large load, built on a second thread (see commit).
    std::unique_ptr<FullTextSideBuild> side_fts;
    std::int64_t first_id = 0, last_id = 0; // the range of consecutive new incidents
    std::int64_t history_next = 0;          // the first of them without its status history
    // Sites and risk areas the written rows name, checked at commit when the rows were
    // written without the per-row foreign key checks.
    std::set<std::int64_t> referenced_sites;
    std::set<std::string, std::less<>> referenced_areas;

    void note_references(const IncidentImportRecord& r)
    {
        if (!unchecked.foreign_keys_are_off())
            return;
        if (r.site_id)
            referenced_sites.insert(*r.site_id);
        if (referenced_areas.find(r.risk_area) == referenced_areas.end())
            referenced_areas.insert(r.risk_area);
    }
    std::unique_ptr<Statement> insert, source_new, source, history, history_range, fts, tally, update, previous_hash;
    PhaseTimer timer;

    // The status history of the new incidents from history_next to last_id, in one
    // statement over their ids.
    void write_history()
    {
        if (history_next == 0 || history_next > last_id)
            return;
        history_range->integer(1, history_next).integer(2, last_id).text(3, reason).text(4, actor).text(5, now).run();
        history_next = last_id + 1;
    }

    explicit Impl(Database& d) : db(d), sql(d.sql()), unchecked(d.sql()) {}

    // The incident table's CHECK constraints, as SQLite would test them, for the rows
    // written while the constraints are compiled out (see the constructor).
    void check_record(const IncidentImportRecord& r) const
    {
        if (!unchecked.checks_are_off())
            return;
        const char* failed = r.children < 0 ? "children >= 0"
                             : r.women < 0  ? "women >= 0"
                             : r.men < 0    ? "men >= 0"
                                            : nullptr;
        if (failed)
            throw StorageError(std::string("CHECK constraint failed: ") + failed);
    }

    void finalize()
    {
        insert.reset();
        source_new.reset();
        source.reset();
        fts.reset();
        history.reset();
        history_range.reset();
        tally.reset();
        update.reset();
        previous_hash.reset();
    }
    // Back to the connection's own settings, after COMMIT or ROLLBACK.
    void restore() noexcept
    {
        try {
            if (journal_switched) {
                journal_switched = false;
                sql.exec("PRAGMA journal_mode = WAL");
            }
            sql.exec("PRAGMA cache_size = " + std::to_string(previous_cache));
            unchecked.restore();
        } catch (const SQLite::Exception&) {
            // The next open sets WAL again; the cache size only lasts as long as the connection.
        }
    }
};

IncidentImportWriter::IncidentImportWriter(Database& db, const ImportBatchRecord& batch, std::int64_t expected_rows)
    : m_impl(std::make_unique<Impl>(db))
{
    auto& m = *m_impl;
    auto& sql = m.sql;
    sqlite3* h = sql.getHandle();
    m.file_name = batch.file_name;
    m.actor = batch.actor;
    m.now = utc_now();
    m.reason = "imported from " + batch.file_name;
    m.bulk = expected_rows >= k_bulk_rows;
    try {
        m.previous_cache = sql.execAndGet("PRAGMA cache_size").getInt();
        sql.exec("PRAGMA cache_size = -" + std::to_string(k_import_cache_kib));
        if (m.bulk) {
            // A load larger than the page cache spills pages before it commits. In WAL
            // mode every spilled page goes to the WAL, is looked up there on each later
            // read and is copied once more at the checkpoint: at a million rows that
            // costs more than the load itself. When no other connection has the file
            // open, the load uses the rollback journal instead (as crash-safe; pages
            // are written to the file once) and the file goes back to WAL afterwards.
            // With a reader present, the switch is refused at once and WAL is kept.
            sqlite3_busy_timeout(h, 0);
            try {
                m.journal_switched = sql.execAndGet("PRAGMA journal_mode = DELETE").getString() == "delete";
            } catch (const SQLite::Exception&) {
                m.journal_switched = false;
            }
            sqlite3_busy_timeout(h, 5000);
        }
        if (m.bulk) {
            // Every reference a new row holds is known valid when it is made (sites read
            // from this database, risk areas from the taxonomy, the batch and incident ids
            // just written), and commit checks the sites and areas named once: checking
            // each row's three references as it is inserted cost a tenth of the load.
            m.unchecked.foreign_keys_off();
        }
        sql.exec("BEGIN IMMEDIATE");
        m.open = true;
        m.timer.lap("begin");

        if (!batch.mapping_name.empty()) {
            SQLite::Statement save(sql, "INSERT INTO mapping_profile(name, definition, created_at, updated_at) "
                                        "VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                                        "definition = excluded.definition, updated_at = excluded.updated_at");
            save.bind(1, batch.mapping_name);
            save.bind(2, batch.mapping_definition);
            save.bind(3, m.now);
            save.bind(4, m.now);
            save.exec();
        }

        SQLite::Statement b(sql, "INSERT INTO import_batch(file_name, file_sha256, profile, imported_at, imported_by, "
                                 "rows_read, imported, updated, unchanged, skipped, conflicts, columns) "
                                 "VALUES (?, '', ?, ?, ?, 0, 0, 0, 0, 0, 0, ?)");
        b.bind(1, batch.file_name);
        b.bind(2, batch.profile);
        b.bind(3, m.now);
        b.bind(4, batch.actor);
        if (batch.columns.empty())
            b.bind(5);
        else
            b.bind(5, batch.columns);
        b.exec();
        m.batch_id = sql.getLastInsertRowid();

        if (m.bulk) {
            // The triggers' per-row work (full-text entry, tally upsert) is done once at
            // commit: one INSERT ... SELECT over the new ids, one upsert per risk area.
            m.dropped_triggers =
                schema_objects(sql, "trigger", "incident", {"incident_fts_insert", "incident_tally_insert"});
            // A load larger than the table builds its indexes again, each in one sorted
            // pass, rather than inserting into them at random row by row. That includes
            // the unique index of submission ids (a repeated id fails its CREATE at
            // commit, and with it the whole load). Partial indexes (verified incidents)
            // take no new row and stay.
            const std::int64_t existing = incident_count(db);
            if (expected_rows > existing) {
                SQLite::Statement partial(sql, "SELECT name FROM pragma_index_list('incident') WHERE partial");
                std::vector<std::string> skip;
                while (partial.executeStep())
                    skip.push_back(partial.getColumn(0).getString());
                for (auto& index : schema_objects(sql, "index", "incident", {}))
                    if (std::find(skip.begin(), skip.end(), index.first) == skip.end())
                        m.dropped_indexes.push_back(std::move(index));
                // Into an empty programme, the full-text index is built on a second
                // thread while this connection builds the others at commit.
                if (existing == 0 && full_text_index_is_empty(h, "incident_fts"))
                    m.side_fts = std::make_unique<FullTextSideBuild>(h, "incident_fts", "description");
            }
            for (const auto& [name, create] : m.dropped_triggers)
                sql.exec("DROP TRIGGER \"" + name + "\"");
            for (const auto& [name, create] : m.dropped_indexes)
                sql.exec("DROP INDEX \"" + name + "\"");
        }

        if (m.bulk) {
            // SQLite compiles `status IN (...)` of the incident table's CHECK into a
            // temporary table built and dropped at every row: two thirds of the cost of
            // an insert. The statements of the load are compiled without the CHECKs
            // (status is the literal 'new'; the counts are tested by check_record), and
            // the constraints are on again for the batch's counts and the audit entry.
            m.unchecked.checks_off();
        }
        m.insert = std::make_unique<Statement>(
            h, "INSERT INTO incident(submitted_at, observed_on, reporter, site_id, lat, lon, risk_area, description, "
               "children, women, men, attachments, source_hash, import_batch_id, source_id, status, "
               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?)");
        m.source_new = std::make_unique<Statement>(h, "INSERT INTO incident_source(incident_id, raw_source) VALUES (?, ?)");
        m.source = std::make_unique<Statement>(
            h, "INSERT INTO incident_source(incident_id, raw_source) VALUES (?, ?) "
               "ON CONFLICT(incident_id) DO UPDATE SET raw_source = excluded.raw_source");
        m.history = std::make_unique<Statement>(h, "INSERT INTO incident_status_history(incident_id, from_status, "
                                                   "to_status, reason, changed_by, changed_at) "
                                                   "VALUES (?, NULL, 'new', ?, ?, ?)");
        m.history_range = std::make_unique<Statement>(
            h, "WITH RECURSIVE ids(id) AS (SELECT ?1 UNION ALL SELECT id + 1 FROM ids WHERE id < ?2) "
               "INSERT INTO incident_status_history(incident_id, from_status, to_status, reason, changed_by, changed_at) "
               "SELECT id, NULL, 'new', ?3, ?4, ?5 FROM ids");
        m.fts = std::make_unique<Statement>(h, "INSERT INTO incident_fts(rowid, description) VALUES (?, ?)");
        m.tally = std::make_unique<Statement>(h, "INSERT INTO incident_tally(risk_area, status, n) VALUES (?, 'new', ?) "
                                                 "ON CONFLICT(risk_area, status) DO UPDATE SET n = n + excluded.n");
        m.update = std::make_unique<Statement>(
            h, "UPDATE incident SET submitted_at = ?, observed_on = ?, reporter = ?, site_id = ?, lat = ?, lon = ?, "
               "risk_area = ?, description = ?, children = ?, women = ?, men = ?, attachments = ?, raw_source = NULL, "
               "source_hash = ?, import_batch_id = ?, updated_at = ? WHERE id = ? AND status = 'new'");
        m.previous_hash = std::make_unique<Statement>(h, "SELECT COALESCE(source_hash, '') FROM incident WHERE id = ?");
    } catch (const SQLite::Exception& e) {
        m.finalize();
        if (m.open)
            sql.exec("ROLLBACK");
        m.open = false;
        m.restore();
        throw StorageError("cannot start the import of " + batch.file_name + ": " + e.what());
    }
}

IncidentImportWriter::~IncidentImportWriter()
{
    auto& m = *m_impl;
    m.finalize();
    try {
        if (m.open)
            m.sql.exec("ROLLBACK");
    } catch (const SQLite::Exception&) {
        // An unfinished transaction is rolled back when the connection closes.
    }
    m.restore();
}

std::int64_t IncidentImportWriter::batch_id() const
{
    return m_impl->batch_id;
}

std::int64_t IncidentImportWriter::insert(const IncidentImportRecord& r)
{
    auto& m = *m_impl;
    std::int64_t id = 0;
    try {
        m.check_record(r);
        m.note_references(r);
        const int i = bind_record(*m.insert, r, m.batch_id);
        m.insert->text(i, r.source_id).text(i + 1, m.now).text(i + 2, m.now).run();
        id = sqlite3_last_insert_rowid(m.sql.getHandle());
        m.source_new->integer(1, id).text(2, r.raw_source).run();
        if (!m.bulk) {
            m.history->integer(1, id).text(2, m.reason).text(3, m.actor).text(4, m.now).run();
            return id;
        }
        if (m.first_id == 0) {
            m.first_id = m.last_id = m.history_next = id;
        } else if (id == m.last_id + 1) {
            m.last_id = id;
            // Written while the next rows are read rather than all at commit, where
            // nothing else can go on beside it.
            if (m.last_id - m.history_next + 1 >= k_history_slice)
                m.write_history();
        } else {
            // Outside the range of new ids that commit indexes (ids are normally consecutive).
            m.history->integer(1, id).text(2, m.reason).text(3, m.actor).text(4, m.now).run();
            if (!m.side_fts)
                m.fts->integer(1, id).text(2, r.description).run();
        }
        if (m.side_fts)
            m.side_fts->add(id, r.description);
    } catch (const StorageError& e) {
        throw StorageError("cannot write the incident of submission " + r.source_id + ": " + e.what());
    }
    auto it = m.new_by_area.find(r.risk_area);
    if (it == m.new_by_area.end())
        it = m.new_by_area.emplace(r.risk_area, 0).first;
    ++it->second;
    return id;
}

void IncidentImportWriter::update(std::int64_t incident_id, const IncidentImportRecord& r)
{
    auto& m = *m_impl;
    if (m.side_fts) // chosen only for a load into an empty table, which has nothing to update
        throw StorageError("incident " + std::to_string(incident_id) + " cannot be updated by a first load");
    std::string previous;
    m.previous_hash->integer(1, incident_id);
    if (sqlite3_step(m.previous_hash->get()) == SQLITE_ROW)
        previous = reinterpret_cast<const char*>(sqlite3_column_text(m.previous_hash->get(), 0));
    sqlite3_reset(m.previous_hash->get());
    m.check_record(r);
    m.note_references(r);
    const int i = bind_record(*m.update, r, m.batch_id);
    m.update->text(i, m.now).integer(i + 1, incident_id);
    if (m.update->run() != 1)
        throw StorageError("incident " + std::to_string(incident_id) + " (source " + r.source_id +
                           ") is no longer new; the import was not written");
    m.source->integer(1, incident_id).text(2, r.raw_source).run();
    try {
        m.db.audit(m.actor, "incident", incident_id, "import_update",
                   "{\"source_hash\":" + core::json_string(previous) + "}",
                   "{\"source_hash\":" + core::json_string(r.source_hash) +
                       ",\"import_batch_id\":" + std::to_string(m.batch_id) + "}");
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot audit the import: ") + e.what());
    }
}

std::int64_t IncidentImportWriter::commit(const ImportBatchRecord& batch)
{
    auto& m = *m_impl;
    auto& sql = m.sql;
    m.timer.lap("rows written");
    try {
        if (m.unchecked.foreign_keys_are_off()) {
            // The references the rows were written without checking, checked once: every
            // distinct site and risk area the new rows name must exist.
            Statement site(sql.getHandle(), "SELECT 1 FROM site WHERE id = ?");
            for (const std::int64_t id : m.referenced_sites) {
                site.integer(1, id);
                const bool found = sqlite3_step(site.get()) == SQLITE_ROW;
                sqlite3_reset(site.get());
                if (!found)
                    throw StorageError("site #" + std::to_string(id) +
                                       " of the new incidents is not in the database; the import was not written");
            }
            Statement area(sql.getHandle(), "SELECT 1 FROM risk_area WHERE code = ?");
            for (const auto& code : m.referenced_areas) {
                area.text(1, code);
                const bool found = sqlite3_step(area.get()) == SQLITE_ROW;
                sqlite3_reset(area.get());
                if (!found)
                    throw StorageError("risk area " + code +
                                       " of the new incidents is not in the database; the import was not written");
            }
            m.timer.lap("references checked");
        }
        if (m.first_id > 0) {
            m.write_history(); // the last slice
            m.timer.lap("status history");
        }
        if (m.first_id > 0 && !m.side_fts) {
            // The full-text entries of the new incidents in one statement. FTS5 settings
            // for one large insert: pending terms held in a larger buffer (fewer segments
            // written) and no incremental merging while they are (a third less time at a
            // million descriptions); the table's own settings come back after.
            auto setting = [&](const char* key, std::int64_t fallback) {
                SQLite::Statement q(sql, "SELECT v FROM incident_fts_config WHERE k = ?");
                q.bind(1, key);
                return q.executeStep() ? q.getColumn(0).getInt64() : fallback;
            };
            const std::int64_t hashsize = setting("hashsize", 1024 * 1024);
            const std::int64_t automerge = setting("automerge", 4);
            sql.exec("INSERT INTO incident_fts(incident_fts, rank) VALUES ('hashsize', 67108864)");
            sql.exec("INSERT INTO incident_fts(incident_fts, rank) VALUES ('automerge', 0)");
            Statement fts(sql.getHandle(), "INSERT INTO incident_fts(rowid, description) "
                                           "SELECT id, description FROM incident WHERE id BETWEEN ? AND ?");
            fts.integer(1, m.first_id).integer(2, m.last_id).run();
            m.timer.lap("full-text index");
            sql.exec("INSERT INTO incident_fts(incident_fts, rank) VALUES ('hashsize', " + std::to_string(hashsize) + ")");
            sql.exec("INSERT INTO incident_fts(incident_fts, rank) VALUES ('automerge', " + std::to_string(automerge) + ")");
        }
        for (const auto& [area, n] : m.new_by_area)
            m.tally->text(1, area).integer(2, n).run();
        m.finalize();
        m.unchecked.restore(); // CHECKs on for the batch counts and the audit entry
        for (const auto& [name, create] : m.dropped_triggers)
            sql.exec(create);
        if (!m.dropped_indexes.empty()) {
            // Each index is one sort of every row. With the load's large page cache as its
            // memory, SQLite sorts all the keys as one list; with a few MiB it sorts
            // cache-sized runs, on a second thread, and merges them: a third less work.
            const int threads = sql.execAndGet("PRAGMA threads").getInt();
            sql.exec("PRAGMA cache_size = -" + std::to_string(k_index_sort_kib));
            sql.exec("PRAGMA threads = 1");
            for (const auto& [name, create] : m.dropped_indexes) {
                sql.exec(create);
                m.timer.lap(("index " + name).c_str());
            }
            sql.exec("PRAGMA cache_size = -" + std::to_string(k_import_cache_kib));
            sql.exec("PRAGMA threads = " + std::to_string(threads));
        }
        if (m.side_fts) {
            m.side_fts->install(sql.getHandle());
            m.timer.lap("full-text index (second thread) installed");
        }

        SQLite::Statement b(sql, "UPDATE import_batch SET file_sha256 = ?, rows_read = ?, imported = ?, updated = ?, "
                                 "unchanged = ?, skipped = ?, conflicts = ? WHERE id = ?");
        b.bind(1, batch.file_sha256);
        b.bind(2, batch.rows_read);
        b.bind(3, batch.imported);
        b.bind(4, batch.updated);
        b.bind(5, batch.unchanged);
        b.bind(6, batch.skipped);
        b.bind(7, batch.conflicts);
        b.bind(8, m.batch_id);
        b.exec();
        m.db.audit(m.actor, "import_batch", m.batch_id, "import", "{}",
                   "{\"file\":" + core::json_string(m.file_name) + ",\"profile\":" + core::json_string(batch.profile) +
                       ",\"read\":" + std::to_string(batch.rows_read) + ",\"imported\":" +
                       std::to_string(batch.imported) + ",\"updated\":" + std::to_string(batch.updated) +
                       ",\"unchanged\":" + std::to_string(batch.unchanged) + ",\"skipped\":" +
                       std::to_string(batch.skipped) + ",\"conflicts\":" + std::to_string(batch.conflicts) + "}");
        m.timer.lap("batch and audit");
        sql.exec("COMMIT");
        m.open = false;
        m.timer.lap("COMMIT");
        m.restore();
        m.timer.print();
        return m.batch_id;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot write the import of " + m.file_name + ": " + e.what());
    }
}

} // namespace mwangaza::store
