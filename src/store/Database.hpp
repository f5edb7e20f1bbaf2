#pragma once
// A programme database: one SQLite file, opened with WAL, foreign keys and a busy
// timeout, and brought to the current schema by numbered migrations
// (src/store/migrations/NNN_*.sql, one transaction each, PRAGMA user_version bumped
// inside it). A database written by a newer program is refused.
#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <string>

namespace mwangaza::store {

class Database {
public:
    enum class Mode {
        OpenExisting, // the file must exist and be a programme database
        Create,       // create the file (it must not exist) with the current schema
        OpenOrCreate,
        ReadOnly,     // existing file, no migration, no writes
    };

    // Opens and migrates to `target_version` (latest by default; lower values exist for
    // tests that build old-version files). Throws StorageError with a message a person
    // understands: missing file, not a programme database, newer schema, I/O failure.
    static Database open(const std::filesystem::path& path, Mode mode = Mode::OpenExisting,
                         int target_version = -1);

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    SQLite::Database& sql() { return *m_db; }
    const std::filesystem::path& path() const { return m_path; }

    int schema_version() const;
    static int latest_version();
    // Whether opening the programme at `path` for writing upgrades its schema first
    // (false for a file that is not a programme, or cannot be read: open says why).
    static bool needs_upgrade(const std::filesystem::path& path);

    // The `programme` key/value table (name, period).
    std::string setting(const std::string& key, const std::string& fallback = {}) const;
    void set_setting(const std::string& key, const std::string& value);

    // Appends to the audit trail (inside the caller's transaction, if any).
    void audit(const std::string& actor, const std::string& entity, long long entity_id,
               const std::string& operation, const std::string& before_json, const std::string& after_json);

private:
    Database(std::filesystem::path path, std::unique_ptr<SQLite::Database> db);
    void migrate(int target_version);

    std::filesystem::path m_path;
    std::unique_ptr<SQLite::Database> m_db;
};

// 'MWGZ': PRAGMA application_id of every programme database.
inline constexpr int k_application_id = 0x4D57475A;
// Page size of a new programme database (bytes).
inline constexpr int k_page_bytes = 16384;

// Current UTC time as ISO 8601 (YYYY-MM-DDTHH:MM:SSZ).
std::string utc_now();

} // namespace mwangaza::store
