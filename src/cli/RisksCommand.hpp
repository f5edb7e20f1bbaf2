#pragma once
// `mwangaza-cli risks list|overview|show|assess` and `matrix show|new`: the risk register,
// assessments on the RMP matrix and the matrix versions from the command line.
#include "cli/Output.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

// Args start after "risks" / "matrix". Throw UsageError and the mwangaza::Error family.
int run_risks(std::span<const std::string> args, std::ostream& out, const std::string& lang);
int run_matrix(std::span<const std::string> args, std::ostream& out, const std::string& lang);

// The commands' lines in the top-level help.
void add_risks_summary(TextTable& table);

} // namespace mwangaza::cli
