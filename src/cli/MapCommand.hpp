#pragma once
// mwangaza-cli map render DB --out FILE.png|FILE.pdf [--width W] [--height H]
//     [--bbox MINLON,MINLAT,MAXLON,MAXLAT] [--layer FILE ...]
// Draws the programme's map (the map saved with the database, else the default map: the
// basemap, incidents and sites) with each --layer file on top, to a PNG image or a vector
// PDF, with a scale bar and the data credits. Without --bbox the frame shows every site.
// Exit status: 0 written, 1 usage error, 2 a file that cannot be read or written.
// Runs in mwangaza-intake (it reads files through GDAL); mwangaza-cli hands it
// `--map ARGS...`.
#include "core/I18n.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

inline const char* map_command_usage()
{
    return "map render DB --out FILE.png|FILE.pdf";
}
inline const char* map_command_summary() // English msgid
{
    return N_("Draw the programme's map to a PNG image or a PDF.");
}

// The first argument mwangaza-cli passes to mwangaza-intake for this command.
inline const char* map_intake_marker()
{
    return "--map";
}

int run_map(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string& lang);

} // namespace mwangaza::cli
