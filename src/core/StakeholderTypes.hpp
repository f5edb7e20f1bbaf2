#pragma once
// The stakeholder types of domain.md, with stable codes (the schema's stakeholder.type)
// and translatable labels.
#include <span>
#include <string_view>

namespace mwangaza::core {

struct StakeholderType {
    std::string_view code;
    const char* label; // English msgid
};

std::span<const StakeholderType> stakeholder_types();
const StakeholderType* find_stakeholder_type(std::string_view code);

} // namespace mwangaza::core
