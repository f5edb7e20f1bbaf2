#pragma once
// mwangaza-cli workshop pack DB --site CODE --month YYYY-MM [--lang en|fr] --out FILE.pdf|.html
// Writes the workshop pack of one site and one month (app/WorkshopPackExport). Runs in
// mwangaza-intake, which links cairo and Pango; mwangaza-cli hands it
// `--workshop-pack ARGS...`. Exit status: 0 written, 1 usage error, 2 bad input or a
// file that cannot be written.
#include "core/I18n.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

inline const char* workshop_pack_usage()
{
    return "workshop pack DB --site CODE --month YYYY-MM --out FILE.pdf|.html";
}
inline const char* workshop_pack_summary() // English msgid
{
    return N_("Write the workshop pack of a site and month (PDF or HTML, in the site's language).");
}

inline const char* workshop_pack_intake_marker()
{
    return "--workshop-pack";
}

// `args` follow "workshop pack". `lang` is the output language of messages; the pack's
// own language comes from the site or --lang (passed as --pack-lang by mwangaza-cli).
int run_workshop_pack(std::span<const std::string> args, std::ostream& out, std::ostream& err,
                      const std::string& lang);

} // namespace mwangaza::cli
