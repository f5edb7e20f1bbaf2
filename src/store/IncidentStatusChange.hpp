#pragma once
// Moves an incident along its lifecycle: the core state machine decides whether the move
// is legal; the status, its history entry and the audit entry are written together in
// one transaction, or not at all.
#include "core/Lifecycle.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mwangaza::store {

class Database;

struct IncidentStatusChange {
    std::int64_t incident_id = 0;
    core::IncidentStatus to = core::IncidentStatus::InReview;
    std::string reason; // required to reject
    std::string actor;  // who decides (recorded in history and audit trail)
};

// Throws InvalidInput (unknown incident, blank actor), IllegalTransition (refused by the
// lifecycle), StorageError. Returns the status the incident had before.
core::IncidentStatus change_incident_status(Database& db, const IncidentStatusChange& change);

// Several changes in one transaction: all are written or none. A refused change throws
// (its message names the incident id) and leaves every incident as it was. Returns the
// statuses the incidents had before, in the same order.
std::vector<core::IncidentStatus> change_incident_statuses(Database& db, std::span<const IncidentStatusChange> changes);

// One change written inside the caller's transaction (it opens none), with the same checks
// and the same history and audit entries: for operations that change statuses among other
// writes, all or nothing (a merge of duplicates).
core::IncidentStatus apply_incident_status_change(Database& db, const IncidentStatusChange& change);

// Undo of a decision the expert just made (triage Ctrl+Z). The lifecycle has no way back
// from verified or rejected, so an undo is its own, visible operation rather than a
// transition: the incident must still have the status the decision gave it (`expected`);
// it gets `restore` back, with a history entry whose reason says it is an undo and an
// audit entry with the operation "status_undo". All in one transaction, or nothing.
struct IncidentStatusUndo {
    std::int64_t incident_id = 0;
    core::IncidentStatus expected = core::IncidentStatus::Verified; // the status the decision set
    core::IncidentStatus restore = core::IncidentStatus::InReview;  // the status before it
    std::string actor;
};

// The reason written in the history entry of an undo.
inline constexpr const char* k_undo_reason = "undo of the last decision";

// Throws InvalidInput (unknown incident, blank actor, status changed since the decision).
void undo_incident_statuses(Database& db, std::span<const IncidentStatusUndo> undos);

} // namespace mwangaza::store
