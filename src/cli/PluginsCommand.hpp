#pragma once
// `mwangaza-cli plugins list [--json]`: the reader plugins found (name, label, version,
// ABI version, file) and, on stderr, the files refused and why. It loads the plugins
// itself (dlopen, no GDAL), so it runs in mwangaza-cli.
#include "cli/Output.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

// Runs `plugins SUBCOMMAND ...` (args start after "plugins"). Throws UsageError.
int run_plugins(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string& lang);

// The command's line in the top-level help.
void add_plugins_summary(TextTable& table);

} // namespace mwangaza::cli
