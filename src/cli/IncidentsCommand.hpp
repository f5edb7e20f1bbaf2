#pragma once
// `mwangaza-cli incidents list` and `incidents set-status`: the triage queue from the
// command line.
#include "cli/Output.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

// Runs `incidents SUBCOMMAND ...` (args start after "incidents"). Throws UsageError and
// the mwangaza::Error family like the other commands.
int run_incidents(std::span<const std::string> args, std::ostream& out, const std::string& lang);

// The command's lines in the top-level help.
void add_incidents_summary(TextTable& table);

} // namespace mwangaza::cli
