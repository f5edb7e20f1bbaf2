#include "core/RiskMatrix.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"

#include <utility>

namespace mwangaza::core {

std::string_view risk_level_code(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Low: return "low";
    case RiskLevel::Medium: return "medium";
    case RiskLevel::High: return "high";
    case RiskLevel::VeryHigh: return "very_high";
    }
    return "low";
}

std::optional<RiskLevel> risk_level_from_code(std::string_view code)
{
    for (auto l : {RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::VeryHigh})
        if (risk_level_code(l) == code)
            return l;
    return std::nullopt;
}

const char* risk_level_label(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Low: return N_("Low");
    case RiskLevel::Medium: return N_("Medium");
    case RiskLevel::High: return N_("High");
    case RiskLevel::VeryHigh: return N_("Very high");
    }
    return "";
}

const char* severity_label(int severity)
{
    static const char* const labels[] = {N_("Minimal"), N_("Minor"), N_("Moderate"), N_("Major"), N_("Severe")};
    if (severity < 1 || severity > 5)
        throw InvalidInput("severity must be between 1 and 5, got " + std::to_string(severity));
    return labels[severity - 1];
}

const char* likelihood_label(int likelihood)
{
    static const char* const labels[] = {N_("Rare"), N_("Unlikely"), N_("Possible"), N_("Likely"),
                                         N_("Almost certain")};
    if (likelihood < 1 || likelihood > 5)
        throw InvalidInput("likelihood must be between 1 and 5, got " + std::to_string(likelihood));
    return labels[likelihood - 1];
}

RiskMatrix::RiskMatrix(int version, std::string name, std::array<RiskLevel, 25> cells)
    : m_version(version), m_name(std::move(name)), m_cells(cells)
{
    if (version < 1)
        throw InvalidInput("matrix version must be 1 or more");
}

RiskMatrix RiskMatrix::programme_default()
{
    using L = RiskLevel;
    constexpr L lo = L::Low, me = L::Medium, hi = L::High, vh = L::VeryHigh;
    // Rows are severity 1..5, columns likelihood 1..5 (domain.md, printed top-down there).
    return RiskMatrix(1, "RMP default", {
        lo, lo, lo, me, me,  // severity 1 minimal
        lo, lo, me, me, hi,  // severity 2 minor
        lo, me, me, hi, hi,  // severity 3 moderate
        lo, me, hi, hi, vh,  // severity 4 major
        me, hi, hi, vh, vh,  // severity 5 severe
    });
}

RiskLevel RiskMatrix::level(int severity, int likelihood) const
{
    if (severity < 1 || severity > k_size)
        throw InvalidInput("severity must be between 1 and 5, got " + std::to_string(severity));
    if (likelihood < 1 || likelihood > k_size)
        throw InvalidInput("likelihood must be between 1 and 5, got " + std::to_string(likelihood));
    return m_cells[std::size_t((severity - 1) * k_size + (likelihood - 1))];
}

AnnexII effective_annex_ii(const RiskArea& area, bool flagged)
{
    if (area.annex_ii == AnnexII::PerIncident)
        return flagged ? area.flagged_class : AnnexII::None;
    return area.annex_ii;
}

Assessment RiskMatrix::assess(const RiskArea& area, int severity, int likelihood, bool flagged) const
{
    RiskLevel l = level(severity, likelihood);
    const bool serious = effective_annex_ii(area, flagged) == AnnexII::SeriousAbuse;
    if (serious && l < RiskLevel::High)
        l = RiskLevel::High;
    return {l, serious};
}

} // namespace mwangaza::core
