#pragma once
// The little JSON the program writes (CLI output, audit trail entries): quoted strings
// and numbers. No parser: files from outside are read by their own readers.
#include <string>
#include <string_view>

namespace mwangaza::core {

// `text` as a JSON string literal, quotes included; control characters escaped.
std::string json_string(std::string_view text);
// Shortest representation that reads back to the same double; `null` for NaN/inf.
std::string json_number(double value);

} // namespace mwangaza::core
