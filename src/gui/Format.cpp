#include "gui/Format.hpp"

#include "core/I18n.hpp"
#include "core/Lifecycle.hpp"
#include "core/Taxonomy.hpp"
#include "gui/Language.hpp"

#include <wx/intl.h>

namespace mwangaza::gui {

wxString from_utf8(const std::string& text)
{
    return wxString::FromUTF8(text.data(), text.size());
}

wxString format_count(std::int64_t value)
{
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -value : value);
    const wxString separator = current_language() == "fr" ? wxString(wxUniChar(0x202F)) : wxString(",");
    wxString out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += separator;
        out += wxUniChar(digits[i]);
    }
    return negative ? "-" + out : out;
}

wxString format_percent(int value)
{
    if (current_language() == "fr")
        return wxString::Format("%d%s%%", value, wxString(wxUniChar(0x202F)));
    return wxString::Format("%d%%", value);
}

wxString country_label(const std::string& code)
{
    return from_utf8(core::country_label(code));
}

wxString minerals_label(const std::string& codes)
{
    return from_utf8(core::minerals_label(codes));
}

wxString risk_area_label(const std::string& code)
{
    if (const auto* area = core::find_risk_area(code))
        return from_utf8(core::tr(area->label));
    return from_utf8(code);
}

wxString risk_category_label(const std::string& code)
{
    if (const auto* category = core::find_risk_category(code))
        return from_utf8(core::tr(category->label));
    return from_utf8(code);
}

wxString incident_status_label(const std::string& code)
{
    if (auto status = core::incident_status_from_code(code))
        return from_utf8(core::tr(core::status_label(*status)));
    return from_utf8(code);
}

wxString first_line(const std::string& text)
{
    const auto end = text.find_first_of("\r\n");
    wxString line = from_utf8(end == std::string::npos ? text : text.substr(0, end));
    return line.Trim().Trim(false);
}

} // namespace mwangaza::gui
