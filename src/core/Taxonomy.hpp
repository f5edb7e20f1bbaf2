#pragma once
// The programme's risk taxonomy: 7 categories, 26 risk areas with stable codes. Codes
// are used in files, the CLI and packages; labels are English msgids, translated by tr().
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mwangaza::core {

// OECD Annex II class of a risk area.
enum class AnnexII {
    None,          // not an Annex II risk
    SeriousAbuse,  // serious abuse or armed support: suspend or disengage
    Mitigate,      // trade may continue while mitigation shows progress
    PerIncident,   // Annex II only when the incident is flagged (gender: widespread
                   // sexual violence; chain of custody: misrepresentation of origin)
};

struct RiskCategory {
    std::string_view code;
    const char* label; // English msgid
};

struct RiskArea {
    std::string_view code;
    std::string_view category;
    const char* label;       // English msgid
    AnnexII annex_ii;
    AnnexII flagged_class;   // the class a flagged incident raises (PerIncident areas)
};

std::span<const RiskCategory> risk_categories();
std::span<const RiskArea> risk_areas();

const RiskArea* find_risk_area(std::string_view code);
const RiskCategory* find_risk_category(std::string_view code);

// True for the two child labour codes that the programme reports together.
bool is_child_labour(std::string_view area_code);

std::string_view annex_ii_code(AnnexII value);
std::optional<AnnexII> annex_ii_from_code(std::string_view code);

// Translated labels of the site codes shown to people: a country ("CD" -> "DR Congo";
// an unknown code as it is) and a site's comma-separated mineral codes ("cobalt,copper"
// -> "Cobalt, copper", first letter capitalised).
std::string country_label(std::string_view code);
std::string minerals_label(std::string_view codes);

} // namespace mwangaza::core
