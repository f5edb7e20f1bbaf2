#pragma once
// Text and JSON output helpers for the command line: JSON escaping (from core), numbers written
// for a person in the chosen language, and aligned text tables (UTF-8 aware).
#include "core/Json.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mwangaza::cli {

using core::json_number;
using core::json_string;

// 2048 -> "2,048" in English, "2 048" (narrow no-break space) in French.
std::string group_digits(std::int64_t value, const std::string& lang);
// 0.80874 -> "80.9%" in English, "80,9 %" in French.
std::string percent_text(double fraction, const std::string& lang);

// Number of characters a terminal shows for UTF-8 text (code points).
std::size_t display_width(std::string_view text);

// The text on one line (line breaks and tabs as spaces), cut after `max_chars` UTF-8
// characters with an ellipsis.
std::string one_line(std::string text, std::size_t max_chars);

class TextTable {
public:
    enum class Align { Left, Right };
    explicit TextTable(std::vector<Align> columns) : m_align(std::move(columns)) {}
    void add_row(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }
    // Columns separated by two spaces; the last column is not padded on the right.
    void print(std::ostream& out) const;

private:
    std::vector<Align> m_align;
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace mwangaza::cli
