#pragma once
// What mwangaza-cli subcommands share: their description (path, usage, summary,
// options), the help printed from it, and the arguments several of them take (the
// database, incident ids, who decides).
#include "cli/ArgumentParser.hpp"

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

inline constexpr const char* k_program = "mwangaza-cli";

struct CommandSpec {
    const char* path;    // "demo create"
    const char* usage;   // "DB [--scale N] [--force]"
    const char* summary; // English msgid
    std::span<const OptionSpec> options;
};

// The options as a two-column table ("--scale N", its translated help).
void print_options(std::ostream& out, std::span<const OptionSpec> options);

// "Usage: mwangaza-cli PATH USAGE", the summary and the options.
void print_help(std::ostream& out, const CommandSpec& command);

// The database file: the first positional argument. With `only`, any further positional
// is a usage error (commands that take ids after the database pass false).
std::filesystem::path database_argument(const ParsedArguments& arguments, const CommandSpec& command,
                                        bool only = true);

// An incident id: a positive integer, nothing else. InvalidInput naming the text.
std::int64_t parse_incident_id(const std::string& text);

// Who decides, for status history and audit: --as NAME, else $USER. InvalidInput when
// neither gives a name.
std::string decision_actor(const ParsedArguments& arguments);

} // namespace mwangaza::cli
