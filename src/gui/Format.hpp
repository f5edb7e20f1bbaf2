#pragma once
// Display helpers: numbers with the language's digit grouping, and the translated labels
// of codes stored in the database (countries, minerals, risk areas, statuses).
#include <wx/string.h>

#include <cstdint>
#include <string>

namespace mwangaza::gui {

// 2048 -> "2,048" in English, "2 048" (narrow no-break space) in French.
wxString format_count(std::int64_t value);

// A whole percentage: "81%" in English, "81 %" in French.
wxString format_percent(int value);

// "CD" -> "DR Congo", "RW" -> "Rwanda" (translated); unknown codes as they are.
wxString country_label(const std::string& code);

// "cobalt,copper" -> "Cobalt, copper" (translated names).
wxString minerals_label(const std::string& codes);

// Translated risk area, risk category and incident status labels (core msgids).
wxString risk_area_label(const std::string& code);
wxString risk_category_label(const std::string& code);
wxString incident_status_label(const std::string& code);

// The first line of a free-text description, trimmed.
wxString first_line(const std::string& text);

wxString from_utf8(const std::string& text);

} // namespace mwangaza::gui
