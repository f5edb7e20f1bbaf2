#pragma once
// What mwangaza-cli subcommands share: their description (path, usage, summary,
// options), the help printed from it, and the arguments several of them take (the
// database, incident ids, who decides).
#include "cli/ArgumentParser.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
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

// A subcommand ("list" of "risks list") and what runs it on the arguments after its name.
struct Subcommand {
    const char* name;
    std::function<int(std::span<const std::string>)> run;
};

// Runs the subcommand args[0] names on the arguments after it; -h or --help runs `help`.
// UsageError naming `command` when the subcommand is missing or unknown, listing the
// names of `subcommands`, then `elsewhere` (subcommands another program runs, such as
// "workshop pack").
int run_subcommand(std::span<const std::string> args, const char* command, std::span<const Subcommand> subcommands,
                   const std::function<void()>& help, std::span<const char* const> elsewhere = {});

// Every command's help, each followed by a blank line.
void print_helps(std::ostream& out, std::initializer_list<const CommandSpec*> commands);

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
