#include "core/StakeholderTypes.hpp"

#include "core/I18n.hpp"

#include <array>

namespace mwangaza::core {

namespace {

constexpr std::array<StakeholderType, 13> k_types{{
    {"asm_miners", N_("ASM miners")},
    {"cooperative", N_("Mining cooperative")},
    {"operator", N_("Mining operator")},
    {"community_representative", N_("Local community representative")},
    {"traditional_authority", N_("Traditional authority")},
    {"religious_leader", N_("Religious leader")},
    {"upstream_industry", N_("Upstream industry (trader, processor, exporter)")},
    {"ngo", N_("Local NGO / civil society")},
    {"state_service", N_("State service")},
    {"government", N_("Government")},
    {"security_sector", N_("Formal security sector")},
    {"development_partner", N_("Development partner")},
    {"media", N_("Media")},
}};

} // namespace

std::span<const StakeholderType> stakeholder_types()
{
    return k_types;
}

const StakeholderType* find_stakeholder_type(std::string_view code)
{
    for (const auto& t : k_types)
        if (t.code == code)
            return &t;
    return nullptr;
}

} // namespace mwangaza::core
