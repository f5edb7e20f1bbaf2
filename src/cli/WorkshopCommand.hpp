#pragma once
// mwangaza-cli workshop plan DB --site CODE --on YYYY-MM-DD [--facilitator NAME]
// mwangaza-cli workshop list DB [--site CODE] [--json]
// mwangaza-cli workshop record DB ID [--on YYYY-MM-DD] [--attendee NAME[:ROLE]]...
//     [--issue ACTION_ID]... [--progress ACTION_ID:NOTE]... [--minutes TEXT]
// (workshop pack runs in the intake helper: cli/WorkshopPackCommand.hpp.)
#include "cli/Output.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

int run_workshop(std::span<const std::string> args, std::ostream& out, const std::string& lang);

void add_workshop_summary(TextTable& table);

} // namespace mwangaza::cli
