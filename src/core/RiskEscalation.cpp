#include "core/RiskEscalation.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace mwangaza::core {

namespace {

struct Ymd {
    int y = 0, m = 0, d = 0;
};

bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

std::optional<Ymd> parse(std::string_view t)
{
    if (t.size() != 10 || t[4] != '-' || t[7] != '-')
        return std::nullopt;
    auto number = [&](std::size_t at, std::size_t n, int& out) {
        for (std::size_t i = at; i < at + n; ++i)
            if (t[i] < '0' || t[i] > '9')
                return false;
        return std::from_chars(t.data() + at, t.data() + at + n, out).ec == std::errc();
    };
    Ymd r;
    if (!number(0, 4, r.y) || !number(5, 2, r.m) || !number(8, 2, r.d))
        return std::nullopt;
    if (r.y < 1900 || r.m < 1 || r.m > 12 || r.d < 1 || r.d > days_in_month(r.y, r.m))
        return std::nullopt;
    return r;
}

} // namespace

std::string_view escalation_code(EscalationDecision decision)
{
    switch (decision) {
    case EscalationDecision::Suspend: return "suspend";
    case EscalationDecision::Disengage: return "disengage";
    case EscalationDecision::Mitigate: return "mitigate";
    }
    return "mitigate";
}

std::optional<EscalationDecision> escalation_from_code(std::string_view code)
{
    for (auto d : {EscalationDecision::Suspend, EscalationDecision::Disengage, EscalationDecision::Mitigate})
        if (escalation_code(d) == code)
            return d;
    return std::nullopt;
}

const char* escalation_label(EscalationDecision decision)
{
    switch (decision) {
    case EscalationDecision::Suspend: return N_("Suspend");
    case EscalationDecision::Disengage: return N_("Disengage");
    case EscalationDecision::Mitigate: return N_("Mitigate");
    }
    return "";
}

bool is_iso_date(std::string_view text)
{
    return parse(text).has_value();
}

std::string add_months(std::string_view iso_date, int months)
{
    auto d = parse(iso_date);
    if (!d)
        throw InvalidInput("'" + std::string(iso_date) + "' is not a date (YYYY-MM-DD)");
    int total = d->y * 12 + (d->m - 1) + months;
    Ymd r{total / 12, total % 12 + 1, 0};
    r.d = std::min(d->d, days_in_month(r.y, r.m));
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", r.y, r.m, r.d);
    return out;
}

std::optional<std::string> review_due(EscalationDecision decision, std::string_view decided_on)
{
    if (decision != EscalationDecision::Mitigate)
        return std::nullopt;
    return add_months(decided_on, k_mitigation_review_months);
}

} // namespace mwangaza::core
