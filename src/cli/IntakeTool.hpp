#pragma once
// mwangaza-cli hands `import` to mwangaza-intake, a helper program beside it
// (<exe dir>/../libexec/mwangaza/mwangaza-intake in the build tree and once installed).
#include <filesystem>
#include <span>
#include <string>

namespace mwangaza::cli {

// Replaces this process with `mwangaza-intake --lang LANG ARGS...`; returns only when the
// helper cannot be started, after writing why on `err` (exit status 1).
int exec_intake_tool(std::span<const std::string> args, const std::string& lang, std::ostream& err);

} // namespace mwangaza::cli
