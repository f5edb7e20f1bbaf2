#pragma once
// The implementation rate broken down by site, responsible stakeholder, risk area, risk
// category, month or quarter of issue: (in progress + implemented) / issued, as defined
// in core/Kpi.hpp, so that the rows add up to the programme's figures of
// store/KpiQuery.hpp. Each number drills down to the actions behind it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::store {

enum class KpiDimension { Site, Stakeholder, Area, Category, Month, Quarter };

// "site", "stakeholder", "area", "category", "month", "quarter".
std::string_view kpi_dimension_code(KpiDimension d);
std::optional<KpiDimension> kpi_dimension_from_code(std::string_view code);

struct KpiBreakdownRow {
    std::string key;   // site code, stakeholder id ("" for none), area or category code, YYYY-MM, YYYY-Qn
    std::string label; // site or stakeholder name, translated area or category label, the period
    std::int64_t issued = 0; // actions with an issue date, whatever became of them since
    std::int64_t in_progress = 0;
    std::int64_t implemented = 0;
    std::int64_t not_implemented = 0;
    std::int64_t cancelled = 0;
    std::int64_t still_issued = 0; // issued and not started

    std::int64_t progressing() const { return in_progress + implemented; }
    double rate() const; // core::implementation_rate(progressing(), issued)
};

// One row per key with at least one issued action, in key order (stakeholders by name,
// the actions without a responsible stakeholder last).
std::vector<KpiBreakdownRow> kpi_breakdown(SQLite::Database& db, KpiDimension dimension);

// Which actions a number of a row counts.
enum class KpiMeasure { Issued, Progressing, InProgress, Implemented, NotImplemented, Cancelled, StillIssued };

// The ids of the actions behind one number of one row (the drill-down), ascending.
// Throws InvalidInput for a key the dimension does not know.
std::vector<std::int64_t> kpi_breakdown_actions(SQLite::Database& db, KpiDimension dimension, const std::string& key,
                                                KpiMeasure measure);

} // namespace mwangaza::store
