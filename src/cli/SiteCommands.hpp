#pragma once
// mwangaza-cli sites import, concessions import, protected-areas import and assign: the
// site assignment commands. They run in mwangaza-intake (vector files are read with
// GDAL); mwangaza-cli hands it `--site-assignment COMMAND ARGS...`.
//   sites import DB FILE --code-field F --name-field F [--code-prefix P] [--province-field F]
//       [--country-field F | --country CD|RW] [--minerals-field F] [--territory-field F]
//       [--layer NAME] [--dry-run] [--json]
//   concessions import DB FILE --id-field F [--holder-field F] [--type-field F]
//       [--status-field F] [--layer NAME] [--dry-run] [--json]
//   protected-areas import DB FILE --name-field F [--designation-field F] [--layer NAME]
//       [--dry-run] [--json]
//   assign DB [--radius-km R] [--json]
// Exit status: 0 done, 2 a file or option that is wrong (nothing written), 1 usage.
#include "core/I18n.hpp"

#include <ostream>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace mwangaza::cli {

inline const char* site_assignment_intake_marker()
{
    return "--site-assignment";
}

// True for the command lines mwangaza-cli forwards: "sites import ...",
// "concessions ...", "protected-areas ..." (`assign` runs in mwangaza-cli itself).
inline bool is_site_assignment_command(std::span<const std::string> args)
{
    if (args.empty())
        return false;
    if (args[0] == "concessions" || args[0] == "protected-areas")
        return true;
    return args[0] == "sites" && args.size() > 1 && args[1] == "import";
}

// Rows (usage, summary msgid) for the top-level help.
inline std::vector<std::pair<std::string, const char*>> site_assignment_summaries()
{
    return {
        {"sites import DB FILE", N_("Import mine sites (points) from a vector file (GeoPackage, Shapefile, GeoJSON, "
                                    "KML, CSV).")},
        {"concessions import DB FILE", N_("Import concessions (mining titles, polygons) from a vector file.")},
        {"protected-areas import DB FILE", N_("Import protected areas (polygons) from a vector file.")},
        {"assign DB", N_("Assign incidents with coordinates to sites; flag those inside protected areas.")},
    };
}

int run_site_assignment(std::span<const std::string> args, std::ostream& out, std::ostream& err,
                        const std::string& lang);

} // namespace mwangaza::cli
