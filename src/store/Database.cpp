#include "store/Database.hpp"

#include "core/Error.hpp"
#include "core/RiskMatrix.hpp"
#include "core/Taxonomy.hpp"
#include "store/Migrations.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <chrono>
#include <ctime>

namespace mwangaza::store {

namespace {

void seed_taxonomy(SQLite::Database& db)
{
    SQLite::Statement cat(db, "INSERT INTO risk_category(code, position) VALUES (?, ?)");
    int pos = 0;
    for (const auto& c : core::risk_categories()) {
        cat.bind(1, std::string(c.code));
        cat.bind(2, ++pos);
        cat.exec();
        cat.reset();
    }
    SQLite::Statement area(db, "INSERT INTO risk_area(code, category_code, position, annex_ii, flagged_class) "
                               "VALUES (?, ?, ?, ?, ?)");
    pos = 0;
    for (const auto& a : core::risk_areas()) {
        area.bind(1, std::string(a.code));
        area.bind(2, std::string(a.category));
        area.bind(3, ++pos);
        area.bind(4, std::string(core::annex_ii_code(a.annex_ii)));
        area.bind(5, std::string(core::annex_ii_code(a.flagged_class)));
        area.exec();
        area.reset();
    }
}

void seed_default_matrix(SQLite::Database& db)
{
    const auto matrix = core::RiskMatrix::programme_default();
    SQLite::Statement version(db, "INSERT INTO matrix_version(version, name, created_at, created_by, is_current) "
                                  "VALUES (?, ?, ?, 'mwangaza', 1)");
    version.bind(1, matrix.version());
    version.bind(2, matrix.name());
    version.bind(3, utc_now());
    version.exec();
    const auto version_id = db.getLastInsertRowid();
    SQLite::Statement cell(db, "INSERT INTO matrix_cell(matrix_version_id, severity, likelihood, level) "
                               "VALUES (?, ?, ?, ?)");
    for (int s = 1; s <= 5; ++s)
        for (int l = 1; l <= 5; ++l) {
            cell.bind(1, static_cast<std::int64_t>(version_id));
            cell.bind(2, s);
            cell.bind(3, l);
            cell.bind(4, std::string(core::risk_level_code(matrix.level(s, l))));
            cell.exec();
            cell.reset();
        }
}

int pragma_int(SQLite::Database& db, const char* pragma)
{
    return db.execAndGet(std::string("PRAGMA ") + pragma).getInt();
}

bool has_user_tables(SQLite::Database& db)
{
    return db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").getInt() > 0;
}

} // namespace

std::string utc_now()
{
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

int Database::latest_version()
{
    return static_cast<int>(migrations().size());
}

Database::Database(std::filesystem::path path, std::unique_ptr<SQLite::Database> db)
    : m_path(std::move(path)), m_db(std::move(db))
{
}

Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Database Database::open(const std::filesystem::path& path, Mode mode, int target_version)
{
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (mode == Mode::Create && exists)
        throw StorageError("cannot create " + path.string() + ": the file already exists");
    if ((mode == Mode::OpenExisting || mode == Mode::ReadOnly) && !exists)
        throw StorageError("cannot open " + path.string() + ": no such file");
    if (exists && std::filesystem::is_directory(path, ec))
        throw StorageError("cannot open " + path.string() + ": it is a folder, not a programme database");
    if (target_version < 0)
        target_version = latest_version();

    int flags = mode == Mode::ReadOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
    if (mode == Mode::Create || mode == Mode::OpenOrCreate)
        flags |= SQLite::OPEN_CREATE;
    try {
        auto db = std::make_unique<SQLite::Database>(path.string(), flags, 5000);
        // Reading the schema fails here on a file that is not SQLite at all.
        const int version = pragma_int(*db, "user_version");
        const int app_id = pragma_int(*db, "application_id");
        if (app_id != k_application_id && (version != 0 || has_user_tables(*db)))
            throw StorageError(path.string() + " is not a Mwangaza programme database");
        if (version > latest_version())
            throw StorageError(path.string() + " was written by a newer version of Mwangaza (schema version " +
                               std::to_string(version) + "; this program knows up to version " +
                               std::to_string(latest_version()) + "). Install the newer Mwangaza to open it.");
        if (mode == Mode::ReadOnly) {
            if (version < latest_version())
                throw StorageError(path.string() + " has an older schema (version " + std::to_string(version) +
                                   ") and is read-only here: open it for writing once to upgrade it");
            db->exec("PRAGMA foreign_keys = ON");
            // Reads map the file rather than copy each page through read(): the full risk
            // register of the x500 demo (9,162 pages) scans in half the time. SQLite caps
            // the size at its build's limit (2 GB by default).
            db->exec("PRAGMA mmap_size = 2147418112");
            return Database(path, std::move(db));
        }
        if (version == 0 && !has_user_tables(*db)) {
            // A new programme is written in 16 KiB pages (SQLite's default is 4 KiB): a
            // programme is mostly large tables read in ranges and loaded in bulk, and a
            // million-row import spends a fifth less time in SQLite's page handling. The
            // size is fixed when the file is first written; an existing file keeps its own.
            db->exec("PRAGMA page_size = " + std::to_string(k_page_bytes));
        }
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = NORMAL");
        db->exec("PRAGMA foreign_keys = ON");
        Database result(path, std::move(db));
        result.migrate(target_version);
        return result;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot open " + path.string() + ": " + e.what());
    }
}

void Database::migrate(int target_version)
{
    const auto& steps = migrations();
    int version = schema_version();
    if (version >= target_version)
        return;
    // Foreign keys are off while the schema changes (a step that makes a table again
    // drops the old one, which with them on would delete or refuse the rows referring to
    // it) and checked as a whole before each step commits.
    m_db->exec("PRAGMA foreign_keys = OFF");
    struct ForeignKeysOn {
        SQLite::Database& db;
        ~ForeignKeysOn()
        {
            try {
                db.exec("PRAGMA foreign_keys = ON");
            } catch (const SQLite::Exception&) {
                // Only refused inside a transaction, which the steps never leave open.
            }
        }
    } foreign_keys_on{*m_db};
    while (version < target_version) {
        const Migration& step = steps[std::size_t(version)];
        try {
            SQLite::Transaction tx(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
            // Re-read inside the write lock: another process may have migrated meanwhile.
            if (schema_version() != version) {
                version = schema_version();
                continue;
            }
            m_db->exec(step.sql);
            if (step.version == 1) {
                m_db->exec("PRAGMA application_id = " + std::to_string(k_application_id));
                seed_taxonomy(*m_db);
                seed_default_matrix(*m_db);
            }
            {
                SQLite::Statement check(*m_db, "PRAGMA foreign_key_check");
                if (check.executeStep())
                    throw StorageError("cannot upgrade " + m_path.string() + " to schema version " +
                                       std::to_string(step.version) + " (" + step.name + "): row " +
                                       std::to_string(check.getColumn(1).getInt64()) + " of " +
                                       check.getColumn(0).getString() + " refers to a missing row of " +
                                       check.getColumn(2).getString());
            }
            m_db->exec("PRAGMA user_version = " + std::to_string(step.version));
            tx.commit();
        } catch (const SQLite::Exception& e) {
            throw StorageError("cannot upgrade " + m_path.string() + " to schema version " +
                               std::to_string(step.version) + " (" + step.name + "): " + e.what());
        }
        version = step.version;
    }
}

bool Database::needs_upgrade(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return false;
    try {
        SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
        const int version = pragma_int(db, "user_version");
        return pragma_int(db, "application_id") == k_application_id && version > 0 && version < latest_version();
    } catch (const SQLite::Exception&) {
        return false;
    }
}

int Database::schema_version() const
{
    return pragma_int(*m_db, "user_version");
}

std::string Database::setting(const std::string& key, const std::string& fallback) const
{
    SQLite::Statement q(*m_db, "SELECT value FROM programme WHERE key = ?");
    q.bind(1, key);
    return q.executeStep() ? q.getColumn(0).getString() : fallback;
}

void Database::set_setting(const std::string& key, const std::string& value)
{
    SQLite::Statement q(*m_db, "INSERT INTO programme(key, value) VALUES (?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.bind(1, key);
    q.bind(2, value);
    q.exec();
}

void Database::audit(const std::string& actor, const std::string& entity, long long entity_id,
                     const std::string& operation, const std::string& before_json, const std::string& after_json)
{
    SQLite::Statement q(*m_db, "INSERT INTO audit_log(at, actor, entity, entity_id, operation, before, after) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, utc_now());
    q.bind(2, actor);
    q.bind(3, entity);
    q.bind(4, static_cast<std::int64_t>(entity_id));
    q.bind(5, operation);
    if (before_json.empty())
        q.bind(6);
    else
        q.bind(6, before_json);
    if (after_json.empty())
        q.bind(7);
    else
        q.bind(7, after_json);
    q.exec();
}

} // namespace mwangaza::store
