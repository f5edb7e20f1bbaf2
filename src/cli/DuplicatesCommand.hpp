#pragma once
// `mwangaza-cli incidents duplicates` (possible duplicates: one incident's candidates, or
// the groups in the triage queue) and `incidents merge` (keep one, reject the others as
// "duplicate of #N"). See store/IncidentDuplicates.hpp for the rules.
#include "cli/Output.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

// args start after "duplicates" / "merge".
int run_incidents_duplicates(std::span<const std::string> args, std::ostream& out, const std::string& lang);
int run_incidents_merge(std::span<const std::string> args, std::ostream& out);

// Prints the two commands' help (for `incidents --help`).
void print_duplicates_help(std::ostream& out);

// The two commands' lines in the top-level help.
void add_duplicates_summary(TextTable& table);

} // namespace mwangaza::cli
