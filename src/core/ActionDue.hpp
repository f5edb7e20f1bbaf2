#pragma once
// When a corrective action is overdue: computed for a given date, never stored.
#include "core/Lifecycle.hpp"

#include <string>
#include <string_view>

namespace mwangaza::core {

// Open = issued or in progress: the actions stakeholders still have to carry out.
bool is_open(ActionStatus s);

// Overdue on `on` (YYYY-MM-DD): the due date has passed (due_on < on) and the action is
// still open. Implemented actions are never overdue, nor are drafts, cancelled actions or
// actions closed as not implemented (they are no longer expected), nor actions without a
// due date.
bool is_overdue(ActionStatus s, std::string_view due_on, std::string_view on);

// The date `days` days after a YYYY-MM-DD date (before it when negative): a template's
// due date from the day an action is drafted. The date must be valid (core::is_iso_date).
std::string add_days(std::string_view iso_date, int days);

} // namespace mwangaza::core
