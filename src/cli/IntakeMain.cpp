// mwangaza-intake: the `mwangaza-cli import` command, as a program of its own because it
// links GDAL. mwangaza-cli starts it as `mwangaza-intake --lang LANG ARGS...`, or
// `mwangaza-intake --lang LANG --profiles ARGS...` for `mwangaza-cli profiles`, or
// `mwangaza-intake --lang LANG --map ARGS...` for `mwangaza-cli map`.
#include "cli/ImportCommand.hpp"
#include "cli/MapCommand.hpp"
#include "cli/ProfilesCommand.hpp"
#include "cli/SiteCommands.hpp"
#include "cli/WorkshopPackCommand.hpp"
#include "core/I18n.hpp"

#include <iostream>
#include <span>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    std::ios::sync_with_stdio(false);
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string lang = mwangaza::core::language_from_environment();
    if (args.size() >= 2 && args[0] == "--lang") {
        if (mwangaza::core::is_supported_language(args[1]))
            lang = args[1];
        args.erase(args.begin(), args.begin() + 2);
    }
    mwangaza::core::install_catalog(lang);
    int status = 0;
    if (!args.empty() && args[0] == mwangaza::cli::site_assignment_intake_marker())
        status = mwangaza::cli::run_site_assignment(std::span(args).subspan(1), std::cout, std::cerr, lang);
    else if (!args.empty() && args[0] == mwangaza::cli::profiles_intake_marker())
        status = mwangaza::cli::run_profiles(std::span(args).subspan(1), std::cout, std::cerr, lang);
    else if (!args.empty() && args[0] == mwangaza::cli::map_intake_marker())
        status = mwangaza::cli::run_map(std::span(args).subspan(1), std::cout, std::cerr, lang);
    else if (!args.empty() && args[0] == mwangaza::cli::workshop_pack_intake_marker())
        status = mwangaza::cli::run_workshop_pack(std::span(args).subspan(1), std::cout, std::cerr, lang);
    else
        status = mwangaza::cli::run_import(args, std::cout, std::cerr, lang);
    std::cout.flush();
    return status;
}
