#pragma once
// Computes the KPI figures from raw records (core/Kpi.hpp defines them). Every figure is
// a query over incidents, actions, workshops and sites: nothing is cached or stored.
#include "core/Kpi.hpp"

namespace SQLite {
class Database;
}

namespace mwangaza::store {

// Throws InvalidInput for a bad filter (bad date, unknown area, unknown site code, a
// province with no site), StorageError when the database cannot be read.
core::KpiFigures compute_kpis(SQLite::Database& db, const core::KpiFilter& filter);

} // namespace mwangaza::store
