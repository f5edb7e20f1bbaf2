#pragma once
// Every KPI figure as (name, value) pairs, so two computations compare field by field
// and a failure names the figure.
#include "core/Kpi.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace mwangaza::test {

inline std::map<std::string, std::int64_t> figures(const core::KpiFigures& k)
{
    std::map<std::string, std::int64_t> out;
    for (const auto& count : core::kpi_counts())
        out[count.key] = k.*count.member;
    for (const auto& [code, n] : k.verified_by_category)
        out["category:" + code] = n;
    for (const auto& [code, n] : k.verified_by_area)
        out["area:" + code] = n;
    return out;
}

} // namespace mwangaza::test
