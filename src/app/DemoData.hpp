#pragma once
// The fixed material the demo programme is generated from: the 48 sites, the field
// offices and their staff, stakeholder name patterns, and the per-area templates for
// incident descriptions (English, French, some Swahili) and corrective actions. The
// generator (DemoProgramme.cpp) draws from these with a fixed seed.
#include <span>
#include <string_view>

namespace mwangaza::app::demo {

enum class Region {
    Rwanda3T,   // tin, tantalum, tungsten sites in Rwanda
    EastDrc3TG, // South Kivu, North Kivu, Maniema
    Copperbelt, // cobalt-copper: Haut-Katanga and Lualaba
};

struct SiteSpec {
    std::string_view code;
    std::string_view name;
    std::string_view country; // CD or RW
    std::string_view province;
    std::string_view territory; // district (Rwanda) or territory / town (DRC)
    std::string_view minerals;
    double lat;
    double lon;
    int miners;
    bool active;
    Region region;
    std::string_view operator_name;
};

// 48 sites: 25 Rwanda, 13 eastern DRC, 3 Haut-Katanga, 7 Lualaba; 32 active.
std::span<const SiteSpec> sites();
// Index in sites() of the Lualaba cobalt site whose child labour figures the
// programme reports quarter by quarter.
std::size_t focus_site();

// A field office: its risk experts (user ids) and project managers (names).
struct Office {
    std::string_view name;
    std::span<const std::string_view> experts;
    std::span<const std::string_view> managers;
};
const Office& office_for(std::string_view province);

// Given names and family names for attendees, by region.
std::span<const std::string_view> given_names(Region region);
std::span<const std::string_view> family_names(Region region);

// Incident description templates. Placeholders: {pit}, {depth}, {n} (sacks), {c}
// (children), {w} (women), {m} (men). sw may be empty.
struct DescriptionTemplate {
    std::string_view en;
    std::string_view fr;
    std::string_view sw;
};
std::span<const DescriptionTemplate> descriptions(std::string_view area);

// Who is typically affected by an incident of this area.
enum class Affected { Children, Women, Men, Mixed, Nobody };
Affected affected(std::string_view area);

// Base severity 1..5 of a risk in this area, before adjustment per risk.
int base_severity(std::string_view area);

// Corrective action templates: English title, the stakeholder type responsible, up to
// two supporting stakeholder types, and a default priority.
struct ActionTemplate {
    std::string_view title;
    std::string_view responsible;
    std::string_view support1;
    std::string_view support2;
    std::string_view priority;
};
std::span<const ActionTemplate> action_templates(std::string_view area);

// Reasons and notes drawn for lifecycle records.
std::span<const std::string_view> rejection_reasons();
std::span<const std::string_view> needs_info_reasons();
std::span<const std::string_view> not_implemented_reasons();
std::span<const std::string_view> cancellation_reasons();
std::span<const std::string_view> progress_notes();
std::span<const std::string_view> implemented_notes();

// Relative weight of each risk area (taxonomy order) among a region's verified incidents
// other than child labour.
std::span<const int> area_weights(Region region);

} // namespace mwangaza::app::demo
