#pragma once
// The RMP severity x likelihood matrix. The default is data (versioned, stored in the
// database by the store layer); the GUI never hard-codes a cell.
#include "core/Taxonomy.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace mwangaza::core {

enum class RiskLevel { Low = 1, Medium = 2, High = 3, VeryHigh = 4 };

std::string_view risk_level_code(RiskLevel level);          // "low", "medium", "high", "very_high"
std::optional<RiskLevel> risk_level_from_code(std::string_view code);
const char* risk_level_label(RiskLevel level);              // English msgid

const char* severity_label(int severity);    // 1..5: minimal .. severe
const char* likelihood_label(int likelihood); // 1..5: rare .. almost certain

struct Assessment {
    RiskLevel level;
    bool red_flag; // Annex II serious abuse / armed support: needs an escalation decision
};

class RiskMatrix {
public:
    static constexpr int k_size = 5;

    RiskMatrix(int version, std::string name, std::array<RiskLevel, 25> cells);

    // The programme's default matrix, version 1.
    static RiskMatrix programme_default();

    int version() const { return m_version; }
    const std::string& name() const { return m_name; }

    // Severity and likelihood in 1..5; anything else throws InvalidInput.
    RiskLevel level(int severity, int likelihood) const;

    // The level for a risk in an area: Annex II serious-abuse risks are never below
    // High and raise a red flag. `flagged` marks a per-incident Annex II case
    // (widespread sexual violence, misrepresentation of origin).
    Assessment assess(const RiskArea& area, int severity, int likelihood, bool flagged = false) const;

    const std::array<RiskLevel, 25>& cells() const { return m_cells; }

private:
    int m_version;
    std::string m_name;
    std::array<RiskLevel, 25> m_cells; // row-major, severity 1..5 then likelihood 1..5
};

// The Annex II class that applies to an area, given the per-incident flag.
AnnexII effective_annex_ii(const RiskArea& area, bool flagged);

} // namespace mwangaza::core
