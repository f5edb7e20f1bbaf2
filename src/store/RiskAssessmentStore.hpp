#pragma once
// Writing risks: an assessment on the current matrix version (OECD Annex II floors and
// red flag applied by core::RiskMatrix::assess), and the link between verified incidents
// and risks (an incident belongs to exactly one risk).
#include "core/RiskEscalation.hpp"
#include "core/RiskMatrix.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace mwangaza::store {

class Database;

struct RiskAssessmentInput {
    std::int64_t risk_id = 0;
    int severity = 0;   // 1..5
    int likelihood = 0; // 1..5
    std::string rationale;   // required
    std::string assessor;    // required
    std::string assessed_on; // YYYY-MM-DD; empty: today (UTC)
    std::optional<core::EscalationDecision> decision; // for a red-flagged risk
    std::string decided_on;  // YYYY-MM-DD; empty: the assessment date
};

struct RiskAssessmentResult {
    std::int64_t assessment_id = 0;
    int matrix_version = 0;
    core::RiskLevel matrix_level = core::RiskLevel::Low; // the cell of the matrix
    core::RiskLevel level = core::RiskLevel::Low;        // after the Annex II floor
    bool red_flag = false;
    bool decision_needed = false; // red flag and no decision given
    std::optional<std::string> review_due; // mitigate: six months after the decision
};

// Records an assessment with the current matrix version, the assessor, the date and the
// rationale, plus an audit entry, in one transaction. A risk in a serious-abuse area, or
// holding an incident flagged as Annex II in a per-incident area (widespread sexual
// violence, origin fraud), is never below high and is red-flagged. A red-flagged risk
// without a decision is still assessed (the level stands) and reported as needing one
// (`decision_needed`); a decision on a risk without red flag is refused. Throws
// InvalidInput (unknown or closed risk, blank rationale or assessor, bad date or score).
RiskAssessmentResult assess_risk(Database& db, const RiskAssessmentInput& input);

// An escalation decision on its own, e.g. after a call with the purchaser, for a risk whose
// current assessment raised an OECD Annex II red flag.
struct RiskDecisionInput {
    std::int64_t risk_id = 0;
    core::EscalationDecision decision = core::EscalationDecision::Mitigate;
    std::string decided_on; // YYYY-MM-DD; empty: today (UTC)
    std::string rationale;  // required
    std::string decided_by; // required
};

struct RiskDecisionResult {
    std::int64_t decision_id = 0;
    bool current = true;                   // false: an earlier decision than the current one (history only)
    std::optional<std::string> review_due; // mitigate: six months after the decision
};

// Records the decision with its date, rationale and who decided, plus an audit entry, in
// one transaction; every decision is kept. The latest decision (by date) is the risk's
// current one: a later decision replaces the review clock of the earlier one (mitigate:
// due six months later; suspend, disengage: nothing to review). Throws InvalidInput
// (unknown or closed risk, no red flag, blank rationale or name, bad date).
RiskDecisionResult record_risk_decision(Database& db, const RiskDecisionInput& input);

// The review of a mitigation plan: what the risk expert found, on a date. It restarts the
// six-month clock while the decision stays mitigate, so the review is no longer overdue.
struct RiskReviewInput {
    std::int64_t risk_id = 0;
    std::string reviewed_on; // YYYY-MM-DD; empty: today (UTC)
    std::string note;        // required
    std::string reviewed_by; // required
};

struct RiskReviewResult {
    std::int64_t review_id = 0;
    std::string review_due; // the next review, six months after this one
};

// Records the review with an audit entry in one transaction. Throws InvalidInput (unknown
// or closed risk, no current mitigate decision, a date before that decision, blank note
// or name, bad date).
RiskReviewResult record_risk_review(Database& db, const RiskReviewInput& input);

// Called inside the caller's transaction when an incident becomes verified: attaches it
// to the open risk of its site and risk area, creating that risk when there is none.
// Throws InvalidInput naming the incident when it has no site ("assign a site first").
// Returns the risk id.
std::int64_t attach_verified_incident(Database& db, std::int64_t incident_id, const std::string& actor);

// Called inside the caller's transaction when a verification is undone: detaches the
// incident from its risk and deletes the risk when nothing else holds it (no other
// incident, assessment or action).
void detach_unverified_incident(Database& db, std::int64_t incident_id, const std::string& actor);

} // namespace mwangaza::store
