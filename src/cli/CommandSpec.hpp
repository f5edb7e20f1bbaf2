#pragma once
// What every mwangaza-cli subcommand shares: its description (path, usage, summary,
// options), the help printed from it, and the database argument.
#include "cli/ArgumentParser.hpp"

#include <filesystem>
#include <ostream>
#include <span>

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

} // namespace mwangaza::cli
