#pragma once
// A small command-line parser: options `--name`, `--name value` and `--name=value`,
// `-h` for `--help`, positional arguments, and `--` to end options. Unknown options,
// missing values and repeated options are usage errors.
#include "core/I18n.hpp"
#include "core/Error.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mwangaza::cli {

// A mistake in how the program was called; `command` names the command whose help
// explains the right usage ("" for the top level).
class UsageError : public InvalidInput {
public:
    UsageError(const std::string& message, std::string command)
        : InvalidInput(message), m_command(std::move(command))
    {
    }
    const std::string& command() const { return m_command; }

private:
    std::string m_command;
};

struct OptionSpec {
    const char* name;       // without the leading dashes: "scale"
    const char* value_name; // nullptr for a flag, else shown in help: "N"
    const char* help;       // English msgid
};

class ParsedArguments {
public:
    std::vector<std::string> positionals;

    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    void set(const std::string& name, std::string value) { m_values[name] = std::move(value); }

private:
    std::map<std::string, std::string> m_values;
};

// Parses `args` (program name and command words already removed) against `options`.
// `--help`/`-h` is always accepted. Throws UsageError naming `command`.
ParsedArguments parse_arguments(std::span<const std::string> args, std::span<const OptionSpec> options,
                                const std::string& command);

// "a, b,c" -> {"a", "b", "c"}: a comma-separated option value, items trimmed.
std::vector<std::string> split_list(const std::string& list);

// Replaces %1, %2 ... in a translated message.
using core::format;

} // namespace mwangaza::cli
