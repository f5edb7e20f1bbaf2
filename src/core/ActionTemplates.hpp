#pragma once
// Corrective action templates per risk area: a title and a description (English msgids,
// translated through tr()), the stakeholder type usually responsible, a priority and the
// usual time to the due date. Drafting from a template fills an action's fields; the
// expert then adapts them to the site.
#include <span>
#include <string_view>

namespace mwangaza::core {

struct ActionTemplate {
    std::string_view key;         // stable: "<area>.<name>", e.g. child_labour.register
    std::string_view risk_area;   // risk area code
    const char* title;            // English msgid
    const char* description;      // English msgid
    std::string_view responsible; // stakeholder type code (schema's stakeholder.type)
    std::string_view priority;    // low, medium, high
    int due_days;                 // days from issue to the due date
};

std::span<const ActionTemplate> action_templates();
// The templates of one risk area (empty for an unknown code).
std::span<const ActionTemplate> action_templates(std::string_view risk_area);
const ActionTemplate* find_action_template(std::string_view key);

} // namespace mwangaza::core
