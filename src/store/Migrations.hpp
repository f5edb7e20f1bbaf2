#pragma once
// The schema steps, generated at build time from src/store/migrations/NNN_name.sql.
#include <string>
#include <vector>

namespace mwangaza::store {

struct Migration {
    int version;      // NNN
    std::string name; // file name without number and extension
    const char* sql;
};

// In version order, starting at 1, without gaps (checked at build time).
const std::vector<Migration>& migrations();

} // namespace mwangaza::store
