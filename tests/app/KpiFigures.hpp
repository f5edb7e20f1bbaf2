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
    std::map<std::string, std::int64_t> out{
        {"sites_total", k.sites_total},
        {"sites_active", k.sites_active},
        {"incidents_verified", k.incidents_verified},
        {"risk_areas_covered", k.risk_areas_covered},
        {"child_labour_incidents", k.child_labour_incidents},
        {"wfcl_incidents", k.wfcl_incidents},
        {"actions_issued", k.actions_issued},
        {"actions_progressing", k.actions_progressing},
        {"child_labour_actions_issued", k.child_labour_actions_issued},
        {"child_labour_actions_progressing", k.child_labour_actions_progressing},
        {"workshops", k.workshops},
        {"incidents_awaiting_triage", k.incidents_awaiting_triage},
    };
    for (const auto& [code, n] : k.verified_by_category)
        out["category:" + code] = n;
    for (const auto& [code, n] : k.verified_by_area)
        out["area:" + code] = n;
    return out;
}

} // namespace mwangaza::test
