#pragma once
// Corrective actions: drafting, moving along the lifecycle of core/Lifecycle.hpp, progress
// updates with evidence files, and the read of one action with its history.
//
// Every write function works inside the caller's transaction when one is open (it then
// uses a savepoint: a refused change undoes only its own writes and the exception lets the
// caller decide), or in a transaction of its own otherwise. So a workshop can issue
// actions and record progress among its other writes, all or nothing.
#include "core/Lifecycle.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mwangaza::store {

class Database;

// Largest evidence file kept in the database (a photo or a scanned letter; a video does
// not belong in a programme database that travels by USB stick).
inline constexpr std::int64_t k_max_evidence_bytes = 10 * 1024 * 1024;

struct ActionDraft {
    std::int64_t risk_id = 0;
    std::string title;
    std::string description;
    std::optional<std::int64_t> responsible_id; // stakeholder
    std::vector<std::int64_t> supporter_ids;    // stakeholders, the responsible one excluded
    std::string due_on;                         // YYYY-MM-DD or empty
    std::string priority = "medium";            // low, medium, high
    std::string actor;                          // who drafts it (audit trail)
};

// Throws InvalidInput naming the field (unknown risk or stakeholder, blank title or
// actor, bad date or priority), StorageError. Returns the new action's id; the action is
// a draft at the risk's site.
std::int64_t draft_action(Database& db, const ActionDraft& draft);

struct ActionStatusChange {
    std::int64_t action_id = 0;
    core::ActionStatus to = core::ActionStatus::Issued;
    std::string reason;                     // required by not_implemented and cancelled
    std::string note;                       // optional remark kept with the history entry
    std::string on;                         // YYYY-MM-DD; today (UTC) when empty
    std::optional<std::int64_t> workshop_id; // the workshop where it was decided
    std::string actor;
};

// Checks the move with core::check_transition, then writes the status (and reason), a
// history row in action_progress (from, to, note or reason, date, workshop, recorder)
// and an audit row. Issuing sets issued_on (the date) and issued_workshop_id. Throws
// IllegalTransition (its message names the action), InvalidInput (unknown action or
// workshop, blank actor, bad date), StorageError. Returns the status before.
core::ActionStatus change_action_status(Database& db, const ActionStatusChange& change);

// An evidence file as it is stored.
struct EvidenceFile {
    std::string file_name;  // base name only
    std::string media_type; // e.g. image/jpeg
    std::string content;    // the bytes
};

// Reads a file for a progress update: base name, media type from the extension, bytes.
// Throws InvalidInput when it cannot be read, is not a regular file, or is larger than
// k_max_evidence_bytes (the message names the file and both sizes).
EvidenceFile read_evidence_file(const std::filesystem::path& file);

// The media type for a file name's extension (application/octet-stream when unknown).
std::string media_type_for(const std::string& file_name);

struct ProgressUpdate {
    std::int64_t action_id = 0;
    std::string note; // required
    std::string on;   // YYYY-MM-DD; today (UTC) when empty
    std::optional<std::int64_t> workshop_id;
    std::string actor;
    std::vector<EvidenceFile> evidence;
};

// A progress row that keeps the status (from = to = the current one) with its evidence
// files, and an audit row. Only actions that are issued or in progress take updates.
// Throws InvalidInput (blank note or actor, an action that is not open, an evidence file
// too large or empty-named), StorageError. Returns the progress row's id.
std::int64_t add_action_progress(Database& db, const ProgressUpdate& update);

struct EvidenceInfo {
    std::int64_t id = 0;
    std::string file_name;
    std::string media_type;
    std::int64_t size = 0;
    std::string sha256;
};

struct ActionHistoryEntry {
    std::int64_t id = 0;
    std::string recorded_on;
    std::string from_status; // empty for the first entry of an imported action
    std::string to_status;
    std::string note;
    std::string evidence_text; // evidence named in text (older records, the demo)
    std::string recorded_by;
    std::optional<std::int64_t> workshop_id;
    std::vector<EvidenceInfo> evidence;
};

struct ActionDetail {
    std::int64_t id = 0;
    std::int64_t risk_id = 0;
    std::int64_t site_id = 0;
    std::string site_code;
    std::string site_name;
    std::string risk_area;
    std::string risk_title;
    std::string title;
    std::string description;
    std::optional<std::int64_t> responsible_id;
    std::string responsible_name;
    std::vector<std::int64_t> supporter_ids;
    std::vector<std::string> supporter_names;
    std::optional<std::int64_t> issued_workshop_id;
    std::string issued_on;
    std::string due_on;
    std::string priority;
    core::ActionStatus status = core::ActionStatus::Draft;
    std::string status_reason;
    std::string created_at;
    std::string updated_at;
    std::vector<ActionHistoryEntry> history; // oldest first
};

// A stakeholder of this type (core/StakeholderTypes.hpp code) acting at the risk's site,
// the first by name; nullopt when the site has none (or the risk is unknown). For drafting
// from a template, which names the type of stakeholder usually responsible.
std::optional<std::int64_t> suggest_responsible(Database& db, std::int64_t risk_id, const std::string& type);

// The risk area code of a risk. Throws InvalidInput when no risk has this id.
std::string risk_area_of(Database& db, std::int64_t risk_id);

// Throws InvalidInput when no action has this id.
ActionDetail read_action(Database& db, std::int64_t action_id);

// The bytes of one evidence file. Throws InvalidInput when the id is unknown.
EvidenceFile read_evidence(Database& db, std::int64_t evidence_id);

} // namespace mwangaza::store
