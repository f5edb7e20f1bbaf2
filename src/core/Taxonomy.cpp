#include "core/Taxonomy.hpp"

#include "core/I18n.hpp"

#include <algorithm>
#include <array>

namespace mwangaza::core {

namespace {

constexpr std::array<RiskCategory, 7> k_categories{{
    {"human_rights", N_("Human rights")},
    {"security", N_("Security")},
    {"working_conditions", N_("Working conditions")},
    {"community", N_("Community")},
    {"legality", N_("Legality")},
    {"traceability", N_("Traceability")},
    {"environment", N_("Environment")},
}};

using A = AnnexII;
constexpr std::array<RiskArea, 26> k_areas{{
    {"child_labour", "human_rights", N_("Child labour"), A::None, A::None},
    {"wfcl", "human_rights", N_("Worst forms of child labour"), A::SeriousAbuse, A::None},
    {"discrimination", "human_rights", N_("Discrimination"), A::None, A::None},
    {"forced_labour", "human_rights", N_("Forced labour"), A::SeriousAbuse, A::None},
    {"gender", "human_rights", N_("Gender"), A::PerIncident, A::SeriousAbuse},
    {"torture", "human_rights", N_("Torture, cruel and inhumane treatment"), A::SeriousAbuse, A::None},
    {"ihl", "security", N_("International humanitarian law"), A::SeriousAbuse, A::None},
    {"non_state_armed_groups", "security", N_("Non-state armed groups"), A::SeriousAbuse, A::None},
    {"security_forces", "security", N_("Public or private security forces"), A::Mitigate, A::None},
    {"general_security", "security", N_("General security"), A::None, A::None},
    {"ohs", "working_conditions", N_("Occupational health and safety"), A::None, A::None},
    {"worker_rights", "working_conditions", N_("Worker rights"), A::None, A::None},
    {"business_conflict", "community", N_("Business conflict"), A::None, A::None},
    {"community_development", "community", N_("Community engagement and development"), A::None, A::None},
    {"indigenous_fpic", "community", N_("Indigenous peoples, FPIC and heritage"), A::None, A::None},
    {"corruption_bribery", "legality", N_("Corruption and bribery"), A::Mitigate, A::None},
    {"tax_eiti", "legality", N_("Legal and transparent tax paying (EITI)"), A::Mitigate, A::None},
    {"money_laundering", "legality", N_("Money laundering"), A::Mitigate, A::None},
    {"transparency_reporting", "legality", N_("Transparency and reporting"), A::None, A::None},
    {"company_governance", "legality", N_("Company governance"), A::None, A::None},
    {"traceability", "traceability", N_("Traceability"), A::None, A::None},
    {"chain_of_custody", "traceability", N_("Chain of custody"), A::PerIncident, A::Mitigate},
    {"emissions_waste", "environment", N_("Emissions and waste"), A::None, A::None},
    {"water", "environment", N_("Water"), A::None, A::None},
    {"mine_closure", "environment", N_("Mine closure and reclamation"), A::None, A::None},
    {"protected_flora_fauna", "environment", N_("Protected flora and fauna"), A::None, A::None},
}};

} // namespace

std::span<const RiskCategory> risk_categories()
{
    return k_categories;
}

std::span<const RiskArea> risk_areas()
{
    return k_areas;
}

const RiskArea* find_risk_area(std::string_view code)
{
    auto it = std::find_if(k_areas.begin(), k_areas.end(), [&](const RiskArea& a) { return a.code == code; });
    return it == k_areas.end() ? nullptr : &*it;
}

const RiskCategory* find_risk_category(std::string_view code)
{
    auto it = std::find_if(k_categories.begin(), k_categories.end(),
                           [&](const RiskCategory& c) { return c.code == code; });
    return it == k_categories.end() ? nullptr : &*it;
}

bool is_child_labour(std::string_view area_code)
{
    return area_code == "child_labour" || area_code == "wfcl";
}

std::string_view annex_ii_code(AnnexII value)
{
    switch (value) {
    case AnnexII::None: return "none";
    case AnnexII::SeriousAbuse: return "serious_abuse";
    case AnnexII::Mitigate: return "mitigate";
    case AnnexII::PerIncident: return "per_incident";
    }
    return "none";
}

std::optional<AnnexII> annex_ii_from_code(std::string_view code)
{
    for (auto v : {AnnexII::None, AnnexII::SeriousAbuse, AnnexII::Mitigate, AnnexII::PerIncident})
        if (annex_ii_code(v) == code)
            return v;
    return std::nullopt;
}

std::string country_label(std::string_view code)
{
    if (code == "CD")
        return tr(N_("DR Congo"));
    if (code == "RW")
        return tr(N_("Rwanda"));
    return std::string(code);
}

std::string minerals_label(std::string_view codes)
{
    static constexpr std::array<const char*, 7> known{N_("cobalt"), N_("copper"),   N_("tin"), N_("tantalum"),
                                                      N_("tungsten"), N_("gold"), N_("mica")};
    std::string out;
    while (!codes.empty()) {
        const auto comma = codes.find(',');
        std::string_view code = codes.substr(0, comma);
        codes = comma == std::string_view::npos ? std::string_view() : codes.substr(comma + 1);
        while (!code.empty() && code.front() == ' ')
            code.remove_prefix(1);
        while (!code.empty() && code.back() == ' ')
            code.remove_suffix(1);
        if (code.empty())
            continue;
        if (!out.empty())
            out += ", ";
        const auto it = std::find(known.begin(), known.end(), code);
        out += it == known.end() ? std::string(code) : tr(*it);
    }
    // Capitalised without the C library's locale: ASCII, and the two-byte UTF-8 Latin-1
    // letters (e-acute of "etain" and the like).
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = char(out[0] - 32);
    else if (out.size() > 1 && static_cast<unsigned char>(out[0]) == 0xC3) {
        const auto second = static_cast<unsigned char>(out[1]);
        if (second >= 0xA0 && second <= 0xBE && second != 0xB7)
            out[1] = char(second - 0x20);
    }
    return out;
}

} // namespace mwangaza::core
