#include "cli/Output.hpp"

#include <algorithm>
#include <cstdio>

namespace mwangaza::cli {

std::string group_digits(std::int64_t value, const std::string& lang)
{
    const std::string sep = lang == "fr" ? "\u202F" : ",";
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += sep;
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string percent_text(double fraction, const std::string& lang)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", fraction * 100.0);
    std::string s = buf;
    if (lang == "fr") {
        if (auto dot = s.find('.'); dot != std::string::npos)
            s[dot] = ',';
        return s + "\u202F%";
    }
    return s + "%";
}

std::size_t display_width(std::string_view text)
{
    std::size_t n = 0;
    for (const char ch : text)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80)
            ++n;
    return n;
}

void TextTable::print(std::ostream& out) const
{
    std::vector<std::size_t> width(m_align.size(), 0);
    for (const auto& row : m_rows)
        for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
            width[c] = std::max(width[c], display_width(row[c]));
    for (const auto& row : m_rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) {
            const std::string pad(width[c] - display_width(row[c]), ' ');
            if (c > 0)
                line += "  ";
            const bool last = c + 1 == row.size();
            if (m_align[c] == Align::Right)
                line += pad + row[c];
            else
                line += last ? row[c] : row[c] + pad;
        }
        out << line << '\n';
    }
}

std::string one_line(std::string text, std::size_t max_chars)
{
    std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    // Cut on a UTF-8 character boundary.
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            continue;
        if (chars == max_chars)
            return text.substr(0, i) + "…";
        ++chars;
    }
    return text;
}

} // namespace mwangaza::cli
