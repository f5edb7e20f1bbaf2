#pragma once
// The versions of the RMP risk matrix kept in the database: the current one (what new
// assessments use), the list of versions, the cells of any version, and a new version
// from 25 cells that becomes current. Old assessments keep the version they were made with.
#include "core/RiskMatrix.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace mwangaza::store {

class Database;

struct MatrixVersionInfo {
    std::int64_t id = 0;
    int version = 0;
    std::string name;
    std::string created_at;
    std::string created_by;
    bool current = false;
    std::int64_t assessments = 0; // assessments made with this version
};

struct StoredMatrix {
    MatrixVersionInfo info;
    core::RiskMatrix matrix;
};

// Throws StorageError when the database has no current matrix or an incomplete one.
StoredMatrix current_matrix(Database& db);
// Throws InvalidInput for an unknown version number.
StoredMatrix matrix_version(Database& db, int version);
// Oldest first.
std::vector<MatrixVersionInfo> list_matrix_versions(Database& db);

// Writes version (highest + 1) named `name` with `cells` (row-major: severity 1..5, then
// likelihood 1..5), makes it current and records it in the audit trail, in one
// transaction. Throws InvalidInput for a blank name or creator, StorageError.
MatrixVersionInfo create_matrix_version(Database& db, const std::string& name,
                                        const std::array<core::RiskLevel, 25>& cells, const std::string& created_by);

// "low,low,low,medium,medium,..." (25 level codes, severity 1 first) -> cells. Spaces and
// line breaks between codes are allowed. Throws InvalidInput naming the position of a bad code.
std::array<core::RiskLevel, 25> parse_matrix_cells(const std::string& text);

} // namespace mwangaza::store
