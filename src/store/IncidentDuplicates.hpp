#pragma once
// Duplicate hints and merges for triage. Two agents often report one event: the reports
// come in at the same site, in the same risk area, a few days apart, written differently
// (and not always in the same language). Candidates for an incident are the other
// incidents at its site, in its risk area, observed within core::k_duplicate_window_days
// either side, not rejected, whose report scores at least core::k_duplicate_threshold
// (core/Similarity.hpp). A pair of two verified incidents is never a candidate: both are
// decided and counted, there is nothing left to merge.
//
// A merge keeps one incident and rejects the others with the reason "duplicate of #N"
// through the incident lifecycle (a new or needs-information incident is reviewed first,
// as triage decisions are), with status history and audit entries, in one transaction.
// It refuses:
// - to merge an incident into itself, into a rejected incident, or to merge a verified or
//   already rejected incident (verified figures are published: merge the other way round);
// - incidents at another site or in another risk area than the kept one, unless the caller
//   says so explicitly (allow_other_place). One event happens at one place and is about
//   one risk: when the agents disagree on the site or area, the expert first corrects it
//   (triage keys T and A, audited), then merges. The observation window is not enforced:
//   it finds candidates, the expert decides.
// A merge is undone like any decision: store::undo_incident_statuses with the entries it
// returns (the kept incident keeps the audit entry of the merge, the rejected ones get
// their status back with an undo entry in their history).
#include "core/Similarity.hpp"
#include "store/IncidentStatusChange.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace mwangaza::store {

class Database;

struct DuplicateCandidate {
    std::int64_t id = 0;
    std::string status;       // code
    std::string observed_on;
    std::string submitted_at; // may be empty (entered by hand)
    core::Similarity similarity;
};

// The candidates for one incident, best score first. None for an unknown, rejected or
// unassigned (no site) incident.
std::vector<DuplicateCandidate> duplicate_candidates(SQLite::Database& db, std::int64_t incident_id,
                                                     double threshold = core::k_duplicate_threshold);

// How many candidates each of `ids` has (the queue's badges), in the same order; one
// prepared query per id on the site/date index.
std::vector<int> duplicate_candidate_counts(SQLite::Database& db, std::span<const std::int64_t> ids,
                                            double threshold = core::k_duplicate_threshold);

struct DuplicateGroup {
    std::string site_code;
    std::string risk_area;
    // The incident a merge keeps by default first (see default_kept_incident), then the
    // others by submission time.
    std::vector<std::int64_t> ids;
    double best_score = 0.0; // highest score of a pair in the group
};

// Programme-wide (or one site's) groups of possible duplicates with at least one incident
// awaiting triage (new, in review, needs information): pairs of candidates joined
// transitively. By site code, risk area, then first id. Throws InvalidInput for an
// unknown site code.
std::vector<DuplicateGroup> duplicate_groups(SQLite::Database& db, const std::optional<std::string>& site_code = {},
                                             double threshold = core::k_duplicate_threshold);

// The incident a merge keeps when the expert does not choose: a verified one if there is
// one (it cannot be rejected), else the earliest reported (submission time, then
// observation date, then lowest id). Rejected incidents are never chosen; 0 when none is
// left. Unknown ids are ignored.
std::int64_t default_kept_incident(SQLite::Database& db, std::span<const std::int64_t> ids);

// The reason written on an incident merged into `kept_id`: "duplicate of #N".
std::string duplicate_reason(std::int64_t kept_id);

struct MergeOptions {
    std::string note;               // appended to the reason: "duplicate of #N: note"
    bool allow_other_place = false; // merge across sites or risk areas
};

// Rejects `duplicate_ids` as duplicates of `keep_id`, and writes an audit entry "merge"
// on the kept incident. All or nothing. Throws InvalidInput (unknown incident, blank actor,
// no duplicate given, the refusals above; the message names the incident) or
// IllegalTransition, StorageError. Returns what undo_incident_statuses needs to undo it.
std::vector<IncidentStatusUndo> merge_incidents(Database& db, std::int64_t keep_id,
                                                std::span<const std::int64_t> duplicate_ids, const std::string& actor,
                                                const MergeOptions& options = {});

} // namespace mwangaza::store
