#pragma once
// mwangaza-cli import DB FILE [--profile auto|kobo|odk|generic] [--mapping FILE.json]
// [--dry-run] [--json]. Exit status: 0 the file was processed (even with skipped rows),
// 2 it was rejected as a whole (nothing written), 1 usage error, 130 cancelled.
#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

// One line for the top-level help: "import DB FILE" and its translated summary.
const char* import_command_usage();
const char* import_command_summary(); // English msgid

int run_import(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string& lang);

} // namespace mwangaza::cli
