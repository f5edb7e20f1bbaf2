#include "core/Kpi.hpp"

#include "core/Error.hpp"
#include "core/Taxonomy.hpp"

#include <cctype>
#include <cmath>

namespace mwangaza::core {

std::span<const KpiCount> kpi_counts()
{
    static constexpr KpiCount counts[] = {
        {"sites_total", &KpiFigures::sites_total},
        {"sites_active", &KpiFigures::sites_active},
        {"incidents_verified", &KpiFigures::incidents_verified},
        {"risk_areas_covered", &KpiFigures::risk_areas_covered},
        {"child_labour_incidents", &KpiFigures::child_labour_incidents},
        {"wfcl_incidents", &KpiFigures::wfcl_incidents},
        {"actions_issued", &KpiFigures::actions_issued},
        {"actions_progressing", &KpiFigures::actions_progressing},
        {"child_labour_actions_issued", &KpiFigures::child_labour_actions_issued},
        {"child_labour_actions_progressing", &KpiFigures::child_labour_actions_progressing},
        {"workshops", &KpiFigures::workshops},
        {"incidents_awaiting_triage", &KpiFigures::incidents_awaiting_triage},
    };
    return counts;
}

double implementation_rate(std::int64_t progressing, std::int64_t issued)
{
    return issued > 0 ? double(progressing) / double(issued) : 0.0;
}

int percent(std::int64_t part, std::int64_t whole)
{
    return whole > 0 ? int(std::lround(100.0 * double(part) / double(whole))) : 0;
}

bool is_iso_date(const std::string& text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return false;
    const int y = std::stoi(text.substr(0, 4));
    const int m = std::stoi(text.substr(5, 2));
    const int d = std::stoi(text.substr(8, 2));
    if (m < 1 || m > 12 || d < 1)
        return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int max_day = m == 2 && leap ? 29 : days[m - 1];
    return d <= max_day;
}

void validate(const KpiFilter& filter)
{
    if (filter.from && !is_iso_date(*filter.from))
        throw InvalidInput("--from: '" + *filter.from + "' is not a date (YYYY-MM-DD)");
    if (filter.to && !is_iso_date(*filter.to))
        throw InvalidInput("--to: '" + *filter.to + "' is not a date (YYYY-MM-DD)");
    if (filter.from && filter.to && *filter.from > *filter.to)
        throw InvalidInput("--from " + *filter.from + " is after --to " + *filter.to);
    if (filter.country && *filter.country != "CD" && *filter.country != "RW")
        throw InvalidInput("--country: '" + *filter.country + "' is not a programme country (CD or RW)");
    for (const auto& area : filter.areas)
        if (!find_risk_area(area))
            throw InvalidInput("--area: unknown risk area code '" + area + "'");
}

} // namespace mwangaza::core
