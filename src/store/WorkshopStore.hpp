#pragma once
// Monthly CAP workshops: planning one per site, listing them, and recording one (date,
// attendees, actions issued, progress updates, minutes) in a single transaction. Action
// status changes and progress go through store/ActionStore, so the lifecycle, history and
// audit rules are the same as everywhere else.
#include "core/Lifecycle.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mwangaza::store {

class Database;

struct WorkshopPlan {
    std::string site_code;
    std::string held_on; // YYYY-MM-DD
    std::string facilitator;
    std::string actor;
};

// Throws InvalidInput (unknown site, bad date, blank actor, a workshop already on that
// day at the site), StorageError. Returns the new workshop's id.
std::int64_t plan_workshop(Database& db, const WorkshopPlan& plan);

struct WorkshopSummary {
    std::int64_t id = 0;
    std::string site_code, site_name, held_on, facilitator;
    std::int64_t attendees = 0, actions_issued = 0, progress_updates = 0;
    bool recorded = false; // minutes or attendees were recorded
};

// Newest first; only the site's when `site_code` is given (InvalidInput if unknown).
std::vector<WorkshopSummary> list_workshops(Database& db, const std::optional<std::string>& site_code = std::nullopt);

// One site's last recorded workshop and next planned one, for the Workshops page.
struct SiteWorkshops {
    std::int64_t site_id = 0;
    std::string code, name, country;
    bool active = true;
    std::optional<WorkshopSummary> last; // the last one held on or before `today`
    std::optional<WorkshopSummary> next; // the first one after `today`
};
std::vector<SiteWorkshops> list_site_workshops(Database& db, const std::string& today);

struct WorkshopSite {
    std::int64_t workshop_id = 0, site_id = 0;
    std::string site_code, site_name, held_on, facilitator, minutes;
};
// Throws InvalidInput when no workshop has this id.
WorkshopSite workshop_site(Database& db, std::int64_t workshop_id);

// What a record dialog offers: the site's stakeholders, its drafts and its open actions.
struct WorkshopChoice {
    std::int64_t id = 0;
    std::string label;  // stakeholder name, or action title
    std::string detail; // stakeholder type, or responsible stakeholder
    std::string status; // actions: status code
    std::string due_on;
};
struct WorkshopChoices {
    std::vector<WorkshopChoice> stakeholders, drafts, open_actions;
    std::vector<std::pair<std::string, std::string>> attendees; // already recorded: name, role
};
WorkshopChoices workshop_choices(Database& db, std::int64_t workshop_id);

struct WorkshopAttendee {
    std::optional<std::int64_t> stakeholder_id; // a stakeholder of the registry
    std::string name;                           // free name (or the stakeholder's, when empty)
    std::string role;
};

struct WorkshopProgressNote {
    std::int64_t action_id = 0;
    std::string note;
    std::optional<core::ActionStatus> to; // a status change decided at the workshop
    std::string reason;                   // when the change needs one
};

struct WorkshopRecord {
    std::int64_t workshop_id = 0;
    std::string held_on; // YYYY-MM-DD; empty keeps the planned date
    std::vector<WorkshopAttendee> attendees; // replace those recorded before
    std::vector<std::int64_t> issue;         // drafts of the site, issued at the workshop
    std::vector<WorkshopProgressNote> progress;
    std::string minutes;
    std::string actor;
};

struct WorkshopRecordResult {
    std::int64_t attendees = 0, issued = 0, progress_updates = 0;
};

// All or nothing. Throws InvalidInput naming what is wrong (unknown workshop, an action
// of another site, an action that is not a draft, a blank attendee name, a bad date),
// IllegalTransition, StorageError.
WorkshopRecordResult record_workshop(Database& db, const WorkshopRecord& record);

} // namespace mwangaza::store
