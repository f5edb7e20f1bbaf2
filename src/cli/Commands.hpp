#pragma once
// The mwangaza-cli commands: argument handling, calls into app/ and store/, and
// output as text (translated) or JSON. main() only forwards argv here.
#include <ostream>
#include <string>
#include <vector>

namespace mwangaza::cli {

// Runs the command line `args` (without the program name). Returns the exit status:
// 0 success, 1 failure or bad usage, 2 input refused (nothing written), 130 cancelled.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace mwangaza::cli
