#pragma once
// `mwangaza-cli actions list|set-status|draft|progress|show` and `kpi by DIMENSION`:
// corrective actions and the implementation rate broken down, from the command line
// (`stakeholders` is in cli/StakeholdersCommand).
#include "cli/Output.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

// args start after "actions" / "kpi by". Throw UsageError and the
// mwangaza::Error family like the other commands.
int run_actions(std::span<const std::string> args, std::ostream& out, const std::string& lang);
int run_kpi_by(std::span<const std::string> args, std::ostream& out, const std::string& lang);

// The commands' lines in the top-level help.
void add_actions_summary(TextTable& table);

} // namespace mwangaza::cli
