#pragma once
// Import of incidents from a field export (KoboToolbox, ODK Central or any table with a
// mapping profile). Every row read ends as imported, updated, unchanged, skipped (with a
// diagnostic naming its row and column) or a conflict; a problem with the whole file
// (unreadable, a required column missing) rejects it and writes nothing. The source
// submission id makes imports idempotent: the same file twice changes nothing, an edited
// resubmission updates an incident still `new`, and one already in review or decided is
// reported as a conflict, not overwritten. A dry run computes the same outcome and writes
// nothing. The writes (incidents, status history, import batch, audit) are one
// transaction.
#include "app/ImportProfile.hpp"
#include "app/Progress.hpp"
#include "core/Error.hpp"
#include "geo/TableReader.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mwangaza::store {
class Database;
}

namespace mwangaza::app {

struct ImportDiagnostic {
    std::int64_t row = 0; // 0: the file as a whole
    std::string column;   // as the file names it; "" when none
    std::string severity; // "error" (row skipped or file rejected), "warning" (conflict), "info"
    std::string message;  // translated
};

// The file was rejected as a whole; nothing was written.
class ImportRejected : public InvalidInput {
public:
    ImportRejected(const std::string& message, std::string column = {})
        : InvalidInput(message), m_column(std::move(column))
    {
    }
    const std::string& column() const { return m_column; }

private:
    std::string m_column;
};

struct ImportOptions {
    std::string profile = "auto"; // auto, kobo, odk, generic
    std::optional<std::filesystem::path> mapping; // a mapping profile (JSON)
    std::optional<MappingProfile> mapping_profile; // one already read (from the database); wins over `mapping`
    bool dry_run = false;
    std::string actor = "import"; // recorded in status history and audit trail
    geo::TableLimits limits;
};

struct ImportSummary {
    std::string profile; // the recogniser used
    std::int64_t read = 0;
    std::int64_t imported = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t skipped = 0;
    std::int64_t conflicts = 0;
    std::int64_t batch_id = 0; // 0 in a dry run
    std::vector<ImportDiagnostic> diagnostics;
};

// Throws ImportRejected (nothing written), Cancelled (nothing written), InvalidInput (bad
// options or mapping profile), StorageError.
ImportSummary import_incidents(store::Database& db, const std::filesystem::path& file, const ImportOptions& options,
                               Progress& progress);

} // namespace mwangaza::app
