#pragma once
// The actions list: corrective actions filtered by site, stakeholder (responsible or
// supporting), status, risk area and overdue on a date, with what a list shows of each.
#include "core/Lifecycle.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::store {

struct ActionFilter {
    std::optional<std::string> site_code;
    std::optional<std::int64_t> stakeholder_id; // responsible or supporting
    std::optional<core::ActionStatus> status;
    std::optional<std::string> risk_area;
    // Only the actions overdue on this date (YYYY-MM-DD): open, due before it.
    std::optional<std::string> overdue_on;
    // Only these actions (a drill-down from a KPI figure).
    std::optional<std::vector<std::int64_t>> ids;
};

struct ActionRow {
    std::int64_t id = 0;
    std::string site_code;
    std::string risk_area;
    std::string title;
    std::optional<std::int64_t> responsible_id;
    std::string responsible_name;
    core::ActionStatus status = core::ActionStatus::Draft;
    std::string issued_on;
    std::string due_on;
    std::string priority;
};

// Rows by site code, then id. Throws InvalidInput for an unknown site code or stakeholder
// id or a bad date (naming the option), StorageError.
std::vector<ActionRow> list_actions(SQLite::Database& db, const ActionFilter& filter);

} // namespace mwangaza::store
