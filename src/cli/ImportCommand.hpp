#pragma once
// mwangaza-cli import DB FILE [--profile auto|kobo|odk|generic] [--mapping FILE.json]
// [--dry-run] [--json]. Exit status: 0 the file was processed (even with skipped rows),
// 2 it was rejected as a whole (nothing written), 1 usage error, 130 cancelled.
// mwangaza-cli hands the command to the helper program mwangaza-intake (exec, same
// arguments), so that GDAL and its hundred libraries load only when a file is imported.
#include "core/I18n.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

// One line for the top-level help: "import DB FILE" and its translated summary.
inline const char* import_command_usage()
{
    return "import DB FILE";
}
inline const char* import_command_summary() // English msgid
{
    return N_("Import incidents from a field export (KoboToolbox, ODK Central, or any table with a mapping profile).");
}

// Runs in mwangaza-intake, the helper program that links GDAL (see IntakeTool.cpp).
int run_import(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string& lang);

} // namespace mwangaza::cli
