#pragma once
// OECD Annex II escalation of a red-flagged risk: the decision (suspend, disengage,
// mitigate) and the six-month review a mitigation plan gets, overdue when neither a review
// nor a later decision was recorded by then.
#include <optional>
#include <string>
#include <string_view>

namespace mwangaza::core {

enum class EscalationDecision { Suspend, Disengage, Mitigate };

std::string_view escalation_code(EscalationDecision decision);                 // "suspend", ...
std::optional<EscalationDecision> escalation_from_code(std::string_view code);
const char* escalation_label(EscalationDecision decision);                      // English msgid

// Months after a mitigate decision (or its latest review) by which it must be reviewed.
inline constexpr int k_mitigation_review_months = 6;

// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);

// The date `months` later (the day kept, or the last day of a shorter month):
// 2021-08-31 + 6 -> 2022-02-28. Throws InvalidInput for a text that is not a date.
std::string add_months(std::string_view iso_date, int months);

// The review date of a decision taken on `decided_on`: six months later for mitigate,
// none for suspend or disengage (trade stops; there is nothing to review).
std::optional<std::string> review_due(EscalationDecision decision, std::string_view decided_on);

// Overdue on `on` when the review date has passed (the caller passes the review date of
// the risk's current decision, counted from its latest review if any).
inline bool review_overdue(const std::optional<std::string>& due, std::string_view on)
{
    return due && !on.empty() && *due < on;
}

} // namespace mwangaza::core
