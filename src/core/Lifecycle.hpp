#pragma once
// Incident and corrective-action lifecycles as explicit state machines. Every legal
// transition is listed; anything else is refused, and transitions that close a record
// negatively (reject, cancel, not implemented) need a reason.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mwangaza::core {

enum class IncidentStatus { New, InReview, Verified, Rejected, NeedsInfo };
enum class ActionStatus { Draft, Issued, InProgress, Implemented, NotImplemented, Cancelled };

template <typename Status>
struct Transition {
    Status from;
    Status to;
    bool needs_reason;
};

std::span<const IncidentStatus> all_incident_statuses();
std::span<const ActionStatus> all_action_statuses();
std::span<const Transition<IncidentStatus>> incident_transitions();
std::span<const Transition<ActionStatus>> action_transitions();

std::string_view status_code(IncidentStatus s);
std::string_view status_code(ActionStatus s);
const char* status_label(IncidentStatus s); // English msgid
const char* status_label(ActionStatus s);
std::optional<IncidentStatus> incident_status_from_code(std::string_view code);
std::optional<ActionStatus> action_status_from_code(std::string_view code);

// The transition if it is legal, nullopt otherwise.
std::optional<Transition<IncidentStatus>> find_transition(IncidentStatus from, IncidentStatus to);
std::optional<Transition<ActionStatus>> find_transition(ActionStatus from, ActionStatus to);

// Throws IllegalTransition when the move is not listed, or when it needs a reason and
// `reason` is blank.
void check_transition(IncidentStatus from, IncidentStatus to, std::string_view reason = {});
void check_transition(ActionStatus from, ActionStatus to, std::string_view reason = {});

// Counted by the implementation rate numerator (in progress or implemented). The
// denominator is every action that has an issue date, whatever became of it since.
bool is_progressing(ActionStatus s);

} // namespace mwangaza::core
