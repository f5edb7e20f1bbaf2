#include "core/ActionDue.hpp"

#include <cstdio>
#include <string>

namespace mwangaza::core {

namespace {

// H. Hinnant's civil calendar algorithms.
long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + long(doe) - 719468;
}

void civil_from_days(long z, long& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = long(yoe) + era * 400 + (m <= 2);
}

} // namespace

bool is_open(ActionStatus s)
{
    return s == ActionStatus::Issued || s == ActionStatus::InProgress;
}

bool is_overdue(ActionStatus s, std::string_view due_on, std::string_view on)
{
    return is_open(s) && !due_on.empty() && due_on < on;
}

std::string add_days(std::string_view iso_date, int days)
{
    const std::string text(iso_date);
    const long y = std::stol(text.substr(0, 4));
    const unsigned m = unsigned(std::stoul(text.substr(5, 2)));
    const unsigned d = unsigned(std::stoul(text.substr(8, 2)));
    long yy = 0;
    unsigned mm = 0, dd = 0;
    civil_from_days(days_from_civil(y, m, d) + days, yy, mm, dd);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", yy % 10000, mm % 100, dd % 100);
    return buf;
}

} // namespace mwangaza::core
