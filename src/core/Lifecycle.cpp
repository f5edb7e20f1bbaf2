#include "core/Lifecycle.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"

#include <algorithm>
#include <array>

namespace mwangaza::core {

namespace {

using I = IncidentStatus;
using S = ActionStatus;

constexpr std::array<IncidentStatus, 5> k_incident_statuses{I::New, I::InReview, I::Verified, I::Rejected,
                                                            I::NeedsInfo};
constexpr std::array<ActionStatus, 6> k_action_statuses{S::Draft, S::Issued, S::InProgress, S::Implemented,
                                                        S::NotImplemented, S::Cancelled};

constexpr std::array<Transition<IncidentStatus>, 5> k_incident_transitions{{
    {I::New, I::InReview, false},
    {I::InReview, I::Verified, false},
    {I::InReview, I::Rejected, true},
    {I::InReview, I::NeedsInfo, false},
    {I::NeedsInfo, I::InReview, false},
}};

constexpr std::array<Transition<ActionStatus>, 8> k_action_transitions{{
    {S::Draft, S::Issued, false},
    {S::Draft, S::Cancelled, true},
    {S::Issued, S::InProgress, false},
    {S::Issued, S::NotImplemented, true},
    {S::Issued, S::Cancelled, true},
    {S::InProgress, S::Implemented, false},
    {S::InProgress, S::NotImplemented, true},
    {S::InProgress, S::Cancelled, true},
}};

bool blank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

template <typename Status, std::size_t N>
std::optional<Transition<Status>> find_in(const std::array<Transition<Status>, N>& table, Status from, Status to)
{
    for (const auto& t : table)
        if (t.from == from && t.to == to)
            return t;
    return std::nullopt;
}

template <typename Status, std::size_t N>
void check_in(const std::array<Transition<Status>, N>& table, Status from, Status to, std::string_view reason,
              const char* what)
{
    auto t = find_in(table, from, to);
    if (!t)
        throw IllegalTransition(std::string(what) + " cannot go from '" + std::string(status_code(from)) + "' to '" +
                                std::string(status_code(to)) + "'");
    if (t->needs_reason && blank(reason))
        throw IllegalTransition(std::string(what) + " going to '" + std::string(status_code(to)) +
                                "' needs a reason");
}

} // namespace

std::span<const IncidentStatus> all_incident_statuses() { return k_incident_statuses; }
std::span<const ActionStatus> all_action_statuses() { return k_action_statuses; }
std::span<const Transition<IncidentStatus>> incident_transitions() { return k_incident_transitions; }
std::span<const Transition<ActionStatus>> action_transitions() { return k_action_transitions; }

std::string_view status_code(IncidentStatus s)
{
    switch (s) {
    case I::New: return "new";
    case I::InReview: return "in_review";
    case I::Verified: return "verified";
    case I::Rejected: return "rejected";
    case I::NeedsInfo: return "needs_info";
    }
    return "new";
}

std::string_view status_code(ActionStatus s)
{
    switch (s) {
    case S::Draft: return "draft";
    case S::Issued: return "issued";
    case S::InProgress: return "in_progress";
    case S::Implemented: return "implemented";
    case S::NotImplemented: return "not_implemented";
    case S::Cancelled: return "cancelled";
    }
    return "draft";
}

const char* status_label(IncidentStatus s)
{
    switch (s) {
    case I::New: return N_("New");
    case I::InReview: return N_("In review");
    case I::Verified: return N_("Verified");
    case I::Rejected: return N_("Rejected");
    case I::NeedsInfo: return N_("Needs information");
    }
    return "";
}

const char* status_label(ActionStatus s)
{
    switch (s) {
    case S::Draft: return N_("Draft");
    case S::Issued: return N_("Issued");
    case S::InProgress: return N_("In progress");
    case S::Implemented: return N_("Implemented");
    case S::NotImplemented: return N_("Not implemented");
    case S::Cancelled: return N_("Cancelled");
    }
    return "";
}

std::optional<IncidentStatus> incident_status_from_code(std::string_view code)
{
    for (auto s : k_incident_statuses)
        if (status_code(s) == code)
            return s;
    return std::nullopt;
}

std::optional<ActionStatus> action_status_from_code(std::string_view code)
{
    for (auto s : k_action_statuses)
        if (status_code(s) == code)
            return s;
    return std::nullopt;
}

std::optional<Transition<IncidentStatus>> find_transition(IncidentStatus from, IncidentStatus to)
{
    return find_in(k_incident_transitions, from, to);
}

std::optional<Transition<ActionStatus>> find_transition(ActionStatus from, ActionStatus to)
{
    return find_in(k_action_transitions, from, to);
}

void check_transition(IncidentStatus from, IncidentStatus to, std::string_view reason)
{
    check_in(k_incident_transitions, from, to, reason, "an incident");
}

void check_transition(ActionStatus from, ActionStatus to, std::string_view reason)
{
    check_in(k_action_transitions, from, to, reason, "an action");
}

bool is_progressing(ActionStatus s)
{
    return s == S::InProgress || s == S::Implemented;
}

} // namespace mwangaza::core
