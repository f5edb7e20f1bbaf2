#pragma once
// `mwangaza-cli assign DB [--radius-km R] [--json]`: incidents with coordinates to sites
// (app/SiteAssign.hpp). It runs in mwangaza-cli itself: the assignment needs no GDAL.
#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

int run_assign(std::span<const std::string> args, std::ostream& out, const std::string& lang);

} // namespace mwangaza::cli
