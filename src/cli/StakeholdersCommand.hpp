#pragma once
// `mwangaza-cli stakeholders list|add|edit|show`: the stakeholder registry (type, contact,
// languages, the sites they act on) with each stakeholder's workload and implementation
// rate, from the command line.
#include "cli/Output.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

// args start after "stakeholders". Throws UsageError and the mwangaza::Error family like
// the other commands.
int run_stakeholders(std::span<const std::string> args, std::ostream& out, const std::string& lang);

// The commands' lines in the top-level help.
void add_stakeholders_summary(TextTable& table);

} // namespace mwangaza::cli
