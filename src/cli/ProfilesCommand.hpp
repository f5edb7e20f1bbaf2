#pragma once
// mwangaza-cli profiles list|show|save|delete: the mapping profiles saved in a programme
// database (the same ones the import dialog saves and `import --mapping-name` uses).
//   profiles list DB [--json]        names, last change, columns and value mappings
//   profiles show DB NAME            the profile's JSON
//   profiles save DB FILE.json [--name NAME]   checked like `import --mapping`, then saved
//                                    (replacing the profile of that name)
//   profiles delete DB NAME
// Exit status: 0 done, 2 no such profile or a profile file that is wrong, 1 usage.
// Runs in mwangaza-intake, which checks profile files with the import's own reader;
// mwangaza-cli hands it `--profiles ARGS...`.
#include "core/I18n.hpp"

#include <ostream>
#include <span>
#include <string>

namespace mwangaza::cli {

inline const char* profiles_command_usage()
{
    return "profiles list|show|save|delete DB";
}
inline const char* profiles_command_summary() // English msgid
{
    return N_("List, show, save or delete the mapping profiles saved in a programme.");
}

// The first argument mwangaza-cli passes to mwangaza-intake for this command.
inline const char* profiles_intake_marker()
{
    return "--profiles";
}

int run_profiles(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string& lang);

} // namespace mwangaza::cli
