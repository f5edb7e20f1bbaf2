#pragma once
// Where the program's own files are, found from the running executable so that the same
// layout holds in the build tree and once installed: <exe dir>/../RELATIVE for programs
// in bin/ (and the build tree's tests/), <exe dir>/../../RELATIVE for helper programs in
// libexec/mwangaza/.
#include <filesystem>

namespace mwangaza::core {

// <prefix>/RELATIVE for the running program; /usr/RELATIVE when the executable cannot
// be found.
std::filesystem::path install_path(const std::filesystem::path& relative);

// The intake helper (libexec/mwangaza/mwangaza-intake), which the command line and the
// workbench run for imports so that they do not load GDAL themselves.
// MWANGAZA_INTAKE_TOOL overrides it.
std::filesystem::path intake_tool_path();

} // namespace mwangaza::core
